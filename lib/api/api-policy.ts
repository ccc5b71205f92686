/** The API-scope policy of `ProtectedApi`: abuse limits, token and role checks, input and output validation. Internal. */
import { ApiManagementApiPolicy } from '@cdktf/provider-azurerm/lib/api-management-api-policy';
import { Annotations, ITerraformDependable, Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { ipAllowList, roleCheck, tokenValidator } from './api-access-policy';
import { backendNameOf } from './api-backend';
import { ApiRef } from './api-definition';
import { ApiIdentity } from './api-identity';
import { OperationPlan, PlannedOperation } from './api-operation-plan';
import { ApiSettings } from './api-settings';
import { callerIdentityHeaders, isFhirServiceUrl, refuseCallerAuditHeaders } from './caller-identity';
import { CLIENT_IP_VARIABLE, PASSTHROUGH_STATUS_CODES, STANDARD_RESPONSE_HEADERS } from './defaults';
import { ProtectedApiProps } from './protected-api-props';
import { csharpString, rethrowUnderProp, subscriptionCounterKey } from './validation';
import { warnOptOut } from '../compliance/opt-out';
import { invalid } from '../core/errors';
import { BACKEND_TIMEOUT_VARIABLE, RETRY_AFTER_VARIABLE } from '../platform/global-policy';
import {
  AuthenticationManagedIdentity, ClientIpFilter, ContentValidationFormat, Cors, PolicyDocument, PolicyElement, PolicyScope,
  PolicyValue, QuotaByKey, RateLimitByKey, SetBackendService, SetVariable, ValidateContent, ValidateHeaders, ValidateParameters,
  ValidateStatusCode, ValidationAction,
} from '../policy';

/** The choices the API policy is built from, with their warnings given. */
interface PolicyChoices {
  /** Whether the tier applies rate-limit-by-key and quota-by-key. */
  readonly keyed: boolean;
  readonly parameterAction: ValidationAction;
  readonly requestHeaderAction: ValidationAction;
  readonly responseHeaderAction: ValidationAction;
  readonly tokenCheck: PolicyElement;
  readonly forwardIdentity: boolean;
}

/** Builds the API-scope policy document (not yet attached to the API: see `attachApiPolicy`). */
export function buildApiPolicy(
  scope: Construct, props: ProtectedApiProps, settings: ApiSettings, plan: OperationPlan, identity: ApiIdentity,
): PolicyDocument {
  const choices = policyChoices(scope, props, settings, identity);
  return new PolicyDocument({
    scope: PolicyScope.API,
    inbound: inboundElements(scope, props, settings, plan, choices),
    outbound: outboundElements(settings, choices),
  });
}

/**
 * Creates the API's policy resource, whose XML is rendered from `policy` at synth, after
 * `dependsOn` (the backend named in set-backend-service, and the schema).
 */
export function attachApiPolicy(scope: Construct, apiRef: ApiRef, policy: PolicyDocument, dependsOn: ITerraformDependable[]): void {
  new ApiManagementApiPolicy(scope, 'Policy', {
    ...apiRef,
    xmlContent: Lazy.stringValue({ produce: () => policy.toTerraformString() }),
    // APIM checks that the backend named in set-backend-service exists when the policy is saved.
    dependsOn,
  });
}

/** `validate-content`: bodies of the given types, JSON, up to `maxBody` bytes; anything else refused. */
export function contentValidation(maxBody: number, types: string[]): ValidateContent {
  // No schema-id: APIM validates each body against the schema of the operation's representation
  // for that content type, when the operation declares one (requestSchemaName).
  return new ValidateContent({
    maxSizeBytes: maxBody,
    contentTypes: types.map((type) => ({ type, validateAs: ContentValidationFormat.JSON, action: ValidationAction.PREVENT })),
    unspecifiedContentTypeAction: ValidationAction.PREVENT,
    sizeExceededAction: ValidationAction.PREVENT,
  });
}

function policyChoices(scope: Construct, props: ProtectedApiProps, settings: ApiSettings, identity: ApiIdentity): PolicyChoices {
  const platform = props.platform;
  const keyed = platform.sku.supportsKeyedLimits;
  if (!keyed) {
    Annotations.of(scope).addWarning(`${platform.sku.skuName} does not support rate-limit-by-key or quota-by-key: the API's and its operations' rate limits and quota are not applied.`);
  }
  const parameterAction = props.undeclaredParameterAction ?? ValidationAction.PREVENT;
  if (parameterAction !== ValidationAction.PREVENT) {
    const weaker = parameterAction === ValidationAction.DETECT ? 'only logged' : 'let through';
    if (!props.allowUndeclaredParameters) {
      invalid(scope, 'undeclaredParameterAction', `is ${parameterAction}: undeclared query parameters would be ${weaker}, not refused`,
        'PREVENT, or allowUndeclaredParameters: true to accept it');
    }
    warnOptOut(scope, 'allowUndeclaredParameters', `undeclared query parameters are ${weaker}, not refused (undeclaredParameterAction ${parameterAction}).`);
  }
  // Every request header choice is at least as strict as its default (IGNORE): never an opt-out.
  const requestHeaderAction = props.undeclaredRequestHeaderAction ?? ValidationAction.IGNORE;
  // Response headers: PREVENT is stricter than the default (DETECT); only IGNORE weakens it.
  const responseHeaderAction = props.undeclaredResponseHeaderAction ?? ValidationAction.DETECT;
  if (responseHeaderAction === ValidationAction.IGNORE) {
    if (!props.allowUnloggedResponseHeaders) {
      invalid(scope, 'undeclaredResponseHeaderAction', 'is IGNORE: undeclared backend response headers would pass without a log entry',
        'DETECT or PREVENT, or allowUnloggedResponseHeaders: true to accept it');
    }
    warnOptOut(scope, 'allowUnloggedResponseHeaders', 'undeclared backend response headers are let through without a log entry, and may leak backend details.');
  }
  const tokenCheck = tokenValidator(scope, platform, identity, settings.tokenValidation, props.allowedClientApplicationIds);
  const fhirBackend = isFhirServiceUrl(settings.backendUrl);
  const forwardIdentity = props.forwardCallerIdentity ?? fhirBackend;
  if (typeof forwardIdentity !== 'boolean') invalid(scope, 'forwardCallerIdentity', `is ${typeof forwardIdentity}`, 'true or false');
  if (fhirBackend && !forwardIdentity) {
    if (!props.acknowledgeFhirAuditWithoutCaller) {
      invalid(scope, 'forwardCallerIdentity', 'is false for a FHIR backend, whose audit log would name only the gateway\'s managed identity',
        'true or unset, or acknowledgeFhirAuditWithoutCaller: true to accept it');
    }
    warnOptOut(scope, 'acknowledgeFhirAuditWithoutCaller', "the FHIR backend's audit log names only the gateway's managed identity, not the caller, and callers can write X-MS-AZUREFHIR-AUDIT-* headers into it.");
  }
  return { keyed, parameterAction, requestHeaderAction, responseHeaderAction, tokenCheck, forwardIdentity };
}

/**
 * CORS, the client IP allow list and rate limit, the token and role checks, the subscription
 * rate limit and quota, parameter and content validation, then the route to the backend with
 * the gateway's managed identity.
 */
function inboundElements(
  scope: Construct, props: ProtectedApiProps, settings: ApiSettings, plan: OperationPlan, choices: PolicyChoices,
): PolicyElement[] {
  const { apiName, ipRate, subscriptionRate, quota, keyHeader } = settings;
  const { keyed, forwardIdentity } = choices;
  const platform = props.platform;
  const inbound: PolicyElement[] = [];
  if (props.cors) {
    // CORS at both scopes is refused at synth (checkCorsScopes): APIM applies only the first cors policy.
    const cors = props.cors;
    inbound.push(rethrowUnderProp(scope, 'cors', () => new Cors({
      ...cors,
      allowedMethods: cors.allowedMethods ?? corsMethods(plan.operations),
      allowedHeaders: cors.allowedHeaders ?? ['Authorization', 'Content-Type', keyHeader],
    })));
  }
  const ipCheck = props.allowedIpRanges === undefined ? undefined : ipAllowList(scope, platform, props.allowedIpRanges);
  if (keyed || ipCheck instanceof ClientIpFilter) {
    inbound.push(new SetVariable({ name: CLIENT_IP_VARIABLE, value: platform.clientIpExpression }));
  }
  if (ipCheck) inbound.push(ipCheck);
  if (keyed) {
    inbound.push(new RateLimitByKey({
      calls: ipRate.calls,
      renewalPeriodSeconds: ipRate.renewalPeriodSeconds,
      counterKey: PolicyValue.expression(`${csharpString(`${apiName}:ip:`)} + context.Variables.GetValueOrDefault<string>(${csharpString(CLIENT_IP_VARIABLE)}, "")`),
      retryAfterVariableName: RETRY_AFTER_VARIABLE,
    }));
  }
  inbound.push(choices.tokenCheck, roleCheck(plan.roles, settings.acceptScopes));
  if (forwardIdentity) inbound.push(refuseCallerAuditHeaders());
  if (keyed) {
    inbound.push(
      new RateLimitByKey({
        calls: subscriptionRate.calls,
        renewalPeriodSeconds: subscriptionRate.renewalPeriodSeconds,
        counterKey: subscriptionCounterKey(`${apiName}:subscription:`),
        retryAfterVariableName: RETRY_AFTER_VARIABLE,
      }),
      new QuotaByKey({ calls: quota.calls, renewalPeriodSeconds: quota.renewalPeriodSeconds, counterKey: subscriptionCounterKey(`${apiName}:quota:`) }),
    );
  }
  inbound.push(
    new ValidateParameters({
      specifiedParameterAction: ValidationAction.PREVENT,
      unspecifiedParameterAction: choices.parameterAction,
      headers: { unspecifiedParameterAction: choices.requestHeaderAction },
      query: { unspecifiedParameterAction: choices.parameterAction },
    }),
    contentValidation(settings.maxBody, settings.contentTypes),
    new SetVariable({ name: BACKEND_TIMEOUT_VARIABLE, value: PolicyValue.expression(String(settings.timeoutSeconds)) }),
    new SetBackendService({ backendId: backendNameOf(apiName) }),
    // After validate-parameters, so a header PREVENT never counts the gateway's own headers.
    ...(forwardIdentity ? callerIdentityHeaders() : []),
    // Replaces the caller's Authorization header: the caller's token never reaches the backend.
    rethrowUnderProp(scope, '', () => new AuthenticationManagedIdentity({ resource: settings.backendAudience }), { resource: 'backendAudience' }),
  );
  return inbound;
}

/** The response checks: declared and pass-through status codes, declared and standard headers. */
function outboundElements(settings: ApiSettings, choices: PolicyChoices): PolicyElement[] {
  const statusCodes = uniqueSorted([...PASSTHROUGH_STATUS_CODES, ...settings.extraStatusCodes]);
  const responseHeaders = [...STANDARD_RESPONSE_HEADERS];
  for (const h of settings.extraResponseHeaders) if (!responseHeaders.some((x) => x.toLowerCase() === h.toLowerCase())) responseHeaders.push(h);
  return [
    new ValidateStatusCode({ unspecifiedStatusCodeAction: ValidationAction.PREVENT, allowedStatusCodes: statusCodes }),
    new ValidateHeaders({
      specifiedHeaderAction: ValidationAction.PREVENT,
      unspecifiedHeaderAction: choices.responseHeaderAction,
      allowedHeaders: responseHeaders,
    }),
  ];
}

function corsMethods(planned: PlannedOperation[]): string[] {
  const methods = uniqueSorted(planned.filter((p) => p.explicit).map((p) => p.explicit!.method));
  return methods.length ? methods : ['GET'];
}

function uniqueSorted<T extends string | number>(values: T[]): T[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
