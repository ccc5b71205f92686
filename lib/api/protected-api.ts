import { Application, ApplicationApiOauth2PermissionScope, ApplicationAppRole } from '@cdktf/provider-azuread/lib/application';
import { DataAzureadApplication } from '@cdktf/provider-azuread/lib/data-azuread-application';
import { DataAzureadServicePrincipal } from '@cdktf/provider-azuread/lib/data-azuread-service-principal';
import { ServicePrincipal } from '@cdktf/provider-azuread/lib/service-principal';
import { ApiManagementApi } from '@cdktf/provider-azurerm/lib/api-management-api';
import { ApiManagementApiDiagnostic } from '@cdktf/provider-azurerm/lib/api-management-api-diagnostic';
import {
  ApiManagementApiOperation, ApiManagementApiOperationResponse, ApiManagementApiOperationTemplateParameter,
} from '@cdktf/provider-azurerm/lib/api-management-api-operation';
import { ApiManagementApiOperationPolicy } from '@cdktf/provider-azurerm/lib/api-management-api-operation-policy';
import { ApiManagementApiPolicy } from '@cdktf/provider-azurerm/lib/api-management-api-policy';
import { ApiManagementApiSchema } from '@cdktf/provider-azurerm/lib/api-management-api-schema';
import { ApiManagementApiVersionSet } from '@cdktf/provider-azurerm/lib/api-management-api-version-set';
import { ApiManagementBackend } from '@cdktf/provider-azurerm/lib/api-management-backend';
import { ApiManagementProductApi } from '@cdktf/provider-azurerm/lib/api-management-product-api';
import { Annotations, ITerraformDependable, Lazy, Token } from 'cdktf';
import { Construct } from 'constructs';
import { callerIdentityHeaders, isFhirServiceUrl, refuseCallerAuditHeaders } from './caller-identity';
import {
  CLIENT_IP_VARIABLE, DEFAULT_API_BACKEND_TIMEOUT_SECONDS, DEFAULT_CLIENT_IP_RATE_LIMIT, DEFAULT_CONTENT_TYPES,
  DEFAULT_MAX_REQUEST_BODY_BYTES, DEFAULT_SUBSCRIPTION_QUOTA, DEFAULT_SUBSCRIPTION_RATE_LIMIT, DELEGATED_SCOPE_SUFFIX,
  PASSTHROUGH_STATUS_CODES, STANDARD_RESPONSE_HEADERS, TOKEN_VARIABLE,
} from './defaults';
import { OpenApiDefinition } from './openapi';
import { PROTECTED_API_TYPES } from './prop-types';
import {
  ApiOperation, ApiParameter, ApiResponse, ApiSchema, ExistingApiApp, ImportedOperation, OperationControls, ParameterType,
  Quota, RateLimit, TokenValidation,
} from './types';
import { entraIdentifier } from '../core/uuid';
import {
  checkApiName, checkApiPath, checkContentTypes, checkHttpsUrl, checkLiteralProp, checkOperationId, checkQuotaPeriod, checkRole,
  checkText, checkVersion, checkWhole, csharpString, subscriptionCounterKey, MAX_ROLE_LENGTH, OPERATION_METHODS, originOf,
  parseJsonObject, parseUrlTemplate, tfLiteral,
} from './validation';
import { invalid, ValidationError } from '../core/errors';
import { checkProviderRule } from '../core/provider-rules';
import { checkTypes } from '../core/validation';
import { invalidMessage } from '../core/errors';
import { EDGE_MAX_REQUEST_BODY_KB } from '../network/edge-gateway';
import { SENSITIVE_HEADERS, SENSITIVE_QUERY_PARAMS } from '../foundation/audit-logging';
import { BACKEND_TIMEOUT_VARIABLE, RETRY_AFTER_VARIABLE, securityResponseHeaders } from '../platform/global-policy';
import { warnOptOut } from '../compliance/opt-out';
import { SecureHealthcareApim } from '../platform/secure-healthcare-apim';
import { ApimTier } from '../core/sku';
import {
  AuthenticationManagedIdentity, Choose, ClientIpFilter, ContentValidationFormat, Cors, CorsProps, IpFilter, IpFilterAction, JsonErrorResponse,
  PolicyDocument, PolicyElement, PolicyScope, PolicySection, PolicyValue, QuotaByKey, RateLimitByKey, SetBackendService,
  SetVariable, ValidateAzureAdToken, ValidateContent, ValidateHeaders, ValidateJwt, ValidateParameters, ValidateStatusCode,
  ValidationAction,
} from '../policy';
import { MAX_VALIDATE_CONTENT_SIZE } from '../policy/content';
import { checkHeaderName } from '../policy/validate';

const DEFAULT_SUBSCRIPTION_KEY_HEADER = 'Ocp-Apim-Subscription-Key';
const DEFAULT_SUBSCRIPTION_KEY_QUERY = 'subscription-key';
const SCHEMA_ID = 'components';
const FORMAT_SCHEMAS: Partial<Record<ParameterType, [string, Record<string, string>]>> = {
  [ParameterType.UUID]: ['ProtectedApi.Uuid', { type: 'string', format: 'uuid' }],
  [ParameterType.DATE]: ['ProtectedApi.Date', { type: 'string', format: 'date' }],
  [ParameterType.DATE_TIME]: ['ProtectedApi.DateTime', { type: 'string', format: 'date-time' }],
};
const REASONS = new Map<number, string>([
  [200, 'OK'], [201, 'Created'], [202, 'Accepted'], [204, 'No Content'], [206, 'Partial Content'], [301, 'Moved Permanently'],
  [302, 'Found'], [304, 'Not Modified'], [400, 'Bad Request'], [401, 'Unauthorized'], [403, 'Forbidden'], [404, 'Not Found'],
  [409, 'Conflict'], [410, 'Gone'], [412, 'Precondition Failed'], [413, 'Content Too Large'], [415, 'Unsupported Media Type'],
  [422, 'Unprocessable Content'], [429, 'Too Many Requests'],
]);
const SUCCESS_STATUS: Record<string, number> = { GET: 200, HEAD: 200, POST: 201, PUT: 200, PATCH: 200, DELETE: 204 };
const BODY_METHODS = ['POST', 'PUT', 'PATCH'];

/** Properties of `ProtectedApi`. */
export interface ProtectedApiProps {
  /** The platform the API is published on. */
  readonly platform: SecureHealthcareApim;
  /**
   * The API name: a lowercase letter, then lowercase letters, digits and single hyphens (up
   * to 60). The APIM API is named `<name>-<version>`.
   */
  readonly name: string;
  /** The URL path: segments of lowercase letters, digits and hyphens, no slash at either end. Served at `/<path>/<version>/...`. */
  readonly path: string;
  /** The version: `v1`, `v2`, `v1.1`, or a date such as `2024-01-01`. */
  readonly version: string;
  /** The backend base URL; https only. */
  readonly backendUrl: string;
  /**
   * The operations, defined in code. Exactly one of `operations` and `openApi` is required.
   * @default - none (then `openApi` defines them)
   */
  readonly operations?: ApiOperation[];
  /**
   * An OpenAPI definition to import instead of `operations`; give each operation's roles in `importedOperations`.
   * @default - the API is defined by `operations`
   */
  readonly openApi?: OpenApiDefinition;
  /**
   * Roles and limits of the imported operations, by `operationId`. With a JSON definition
   * every operation must be listed.
   * @default - none
   */
  readonly importedOperations?: ImportedOperation[];
  /**
   * Named JSON schemas that operations refer to (`requestSchemaName`, `schemaName`); only with `operations`.
   * @default - none
   */
  readonly schemas?: ApiSchema[];
  /**
   * The name shown in the developer portal.
   * @default - the name
   */
  readonly displayName?: string;
  /**
   * A description shown in the developer portal.
   * @default - none
   */
  readonly description?: string;
  /**
   * An existing version set to add this version to (e.g. `v1Api.versionSetId` for v2).
   * @default - a version set named after `name`, with the version in the path (Segment scheme)
   */
  readonly versionSetId?: string;
  /**
   * The header that carries the subscription key.
   * @default 'Ocp-Apim-Subscription-Key'
   */
  readonly subscriptionKeyHeaderName?: string;
  /**
   * The query parameter that may carry the subscription key (it is hidden in logs).
   * @default 'subscription-key'
   */
  readonly subscriptionKeyQueryParameterName?: string;

  // --- identity ---
  /**
   * An existing app registration for the API, instead of creating one.
   * @default - an app registration and service principal are created
   */
  readonly existingApp?: ExistingApiApp;
  /**
   * The stable key of the created app registration: part of its display name and identifier
   * URI, and the seed of its role and scope ids. Changing it replaces every role id.
   * @default - `<APIM service name>-<name>-<version>`
   */
  readonly appRegistrationName?: string;
  /**
   * The identifier URI (token audience) of the created app registration.
   * @default - `api://<tenant id>/<appRegistrationName>`
   */
  readonly identifierUri?: string;
  /**
   * Owners (object ids) of the created app registration and service principal.
   * @default - the identity running Terraform
   */
  readonly appOwners?: string[];
  /**
   * Named opt-out: let `terraform destroy` delete the created app registration and service
   * principal. A new registration has a new client id (the token audience) and loses every app
   * role assignment, so every caller breaks. Leaves a warning. Only for a created app registration.
   * @default - the platform's `allowDestroy` (false): both carry lifecycle.prevent_destroy
   */
  readonly allowDestroy?: boolean;
  /**
   * Whether the created app registration also offers a delegated scope `<role>.Delegated` per
   * role (admin consent required).
   * @default true
   */
  readonly delegatedScopes?: boolean;
  /**
   * Whether a delegated token whose `scp` holds `<role>.Delegated` satisfies a required role,
   * besides the `roles` claim.
   * @default false - only the `roles` claim counts
   */
  readonly acceptDelegatedScopes?: boolean;
  /**
   * How bearer tokens are validated. With AZURE_AD_TOKEN and `allowedClientApplicationIds`,
   * `validate-azure-ad-token` with those `<client-application-ids>`; without client ids,
   * `validate-jwt` with the tenant's v2.0 OpenID configuration (as OPENID_JWT), because APIM
   * rejects `validate-azure-ad-token` without `<client-application-ids>`
   * (MicrosoftDocs/azure-docs#121338, #121329).
   * @default TokenValidation.AZURE_AD_TOKEN
   */
  readonly tokenValidation?: TokenValidation;
  /**
   * Client application ids allowed to call.
   * @default - any client application of the tenant holding a required role (validated with
   * `validate-jwt`, which needs v2.0 tokens: the created app registration requests them)
   */
  readonly allowedClientApplicationIds?: string[];

  // --- abuse and input controls ---
  /**
   * Rate limit per subscription across the API (not applied on Consumption).
   * @default 300 calls per 60 seconds
   */
  readonly subscriptionRateLimit?: RateLimit;
  /**
   * Rate limit per client IP across the API (not applied on Consumption).
   * @default 120 calls per 60 seconds
   */
  readonly clientIpRateLimit?: RateLimit;
  /**
   * Call quota per subscription across the API (not applied on Consumption); a
   * `renewalPeriodSeconds` of 0 is a lifetime quota that never renews.
   * @default 100,000 calls per 86,400 seconds
   */
  readonly subscriptionQuota?: Quota;
  /**
   * IPv4 and IPv6 addresses and CIDR ranges allowed to call; all others get 403 in the JSON
   * error shape. Behind the edge gateway the caller is the last X-Forwarded-For entry (APIM sees
   * the gateway's address, the only one `ip-filter` can check), so the list is a
   * `ClientIpFilter` on that address; otherwise it is `ip-filter` (IPv4 only) or, with IPv6
   * entries, a `ClientIpFilter` on `context.Request.IpAddress`.
   * @default - no IP allow list
   */
  readonly allowedIpRanges?: string[];
  /**
   * The largest request body in bytes, 1 to 4,194,304. Behind the platform's edge it must not
   * exceed the edge WAF's limit (`edge.maxRequestBodySizeKb` × 1024, 1 MiB by default): synth fails otherwise.
   * @default 1048576 (1 MiB)
   */
  readonly maxRequestBodyBytes?: number;
  /**
   * Request content types accepted; bodies of any other type are refused.
   * @default ['application/json', 'application/fhir+json']
   */
  readonly allowedContentTypes?: string[];
  /**
   * What happens to query parameters the operation does not declare (400 with PREVENT). Declared
   * query and path parameters whose values do not match are always refused, and a path that
   * matches no operation is answered 404. Request headers have their own
   * `undeclaredRequestHeaderAction`. Anything but PREVENT is a named opt-out and leaves a warning.
   * @default ValidationAction.PREVENT
   */
  readonly undeclaredParameterAction?: ValidationAction;
  /**
   * What happens to request headers the operation does not declare. Declared headers
   * (Authorization, the subscription key header, `requestHeaders`) are validated either way,
   * and a malformed declared header is refused.
   *
   * IGNORE by default because browsers, SDKs and the edge gateway send headers no API declares
   * (Host, User-Agent, Accept, Accept-Encoding, Referer, Origin, traceparent, and the
   * Application Gateway's X-Forwarded-For/-Proto/-Port and X-Original-Host): refusing them
   * answers every such call 400 and protects little: the token, the subscription key, the body,
   * the query and the path are checked regardless, and the only undeclared header the gateway
   * reads is the last X-Forwarded-For entry, which the edge appends. The headers are still
   * forwarded to the backend, as without validation. PREVENT is for teams that declare every
   * header their callers and gateways send; DETECT logs each one. Neither is a weakening, so
   * neither leaves a warning.
   * @default ValidationAction.IGNORE
   */
  readonly undeclaredRequestHeaderAction?: ValidationAction;
  /**
   * What happens to backend response headers that are neither declared by the operation,
   * standard (the platform's security headers, entity, caching, trace-context and request-id
   * headers), nor in `allowedResponseHeaders`.
   *
   * DETECT by default: such a header (a FHIR server's own `x-ms-*` header, say) is logged in
   * the gateway logs and the call goes on, instead of turning a good answer into 502. The
   * headers that describe the backend's stack (`X-Powered-By`, `X-AspNet-Version`,
   * `X-AspNetMvc-Version`) are removed at global scope before this check, and the security
   * headers are set there, so no undeclared header can weaken them. PREVENT (502 for any other
   * header) is for teams that declare every header the backend sends, and leaves no warning;
   * IGNORE also stops the logging, so it is a named opt-out and leaves a warning.
   * @default ValidationAction.DETECT
   */
  readonly undeclaredResponseHeaderAction?: ValidationAction;
  /**
   * Response headers let through besides the declared and standard ones, without a log entry
   * under DETECT and without a 502 under PREVENT.
   * @default - none
   */
  readonly allowedResponseHeaders?: string[];
  /**
   * Response status codes let through besides the declared ones and 400, 401, 403, 404, 429.
   * @default - none
   */
  readonly allowedResponseStatusCodes?: number[];
  /**
   * A CORS allow list for this API. A wildcard origin with credentials is refused, and so is a
   * platform that has a global CORS policy too (APIM applies only the first): synth fails.
   * @default - no CORS policy at API scope
   */
  readonly cors?: CorsProps;

  // --- backend ---
  /**
   * What the backend needs before callers reach it, e.g. the platform identity's data-plane
   * role on the backend (FHIR Data Reader), after a wait for propagation: the API's backend,
   * and so its policy, is created only after these.
   * @default - none
   */
  readonly backendReadiness?: ITerraformDependable[];
  /**
   * The resource (audience) the gateway's managed identity requests a token for.
   * @default - the origin of `backendUrl`
   */
  readonly backendAudience?: string;
  /**
   * Seconds the gateway waits for the backend, 1 to 240. (The forward-request element takes 0,
   * APIM's documented minimum, but no page says what a 0-second wait does, so an API cannot
   * ask for it.)
   * @default 30
   */
  readonly backendTimeoutSeconds?: number;
  /**
   * Failures (5xx, timeouts, connection errors) within a minute that trip the backend's circuit breaker, 1 to 10,000.
   * @default 5
   */
  readonly circuitBreakerFailureCount?: number;
  /**
   * Seconds the circuit stays open once tripped, 10 to 3,600.
   * @default 60
   */
  readonly circuitBreakerTripSeconds?: number;
  /**
   * Forward the caller's identity to the backend's audit log, for an Azure Health Data
   * Services FHIR backend (which otherwise audits only the gateway's managed identity). After
   * token validation, a request carrying any `X-MS-AZUREFHIR-AUDIT-*` header is refused (400,
   * JSON error shape): callers cannot write into the audit log. Then the gateway sets
   * `X-MS-AZUREFHIR-AUDIT-CALLER-OID`, `-CALLER-APPID`, `-CALLER-TID` (the validated token's
   * `oid`, `azp`/`appid` and `tid`: identifiers, never names or e-mails) and
   * `-APIM-REQUEST-ID` (the gateway log's CorrelationId), which FHIR records in its AuditLogs.
   * Turning it off for a FHIR backend is a named opt-out and leaves a warning.
   * @default - true when `backendUrl` is an Azure Health Data Services FHIR service
   * (`*.fhir.azurehealthcareapis.com`) or Azure API for FHIR (`*.azurehealthcareapis.com`), false otherwise
   */
  readonly forwardCallerIdentity?: boolean;
}

/** One operation after validation, explicit or imported. */
interface PlannedOperation {
  readonly operationId: string;
  readonly controls: OperationControls;
  readonly explicit?: ApiOperation;
  readonly template?: string[];
  readonly prop: string;
}

/**
 * A versioned API behind Entra ID tokens, per-operation app roles, rate limits and quota,
 * request and response validation, calling an https backend with the platform's managed
 * identity through a circuit breaker, with PHI-safe diagnostics.
 *
 * By default it creates an app registration whose app roles (and admin-consent delegated
 * scopes) are the roles the operations require, with ids derived from the app's stable key,
 * so they never change between synths.
 *
 * @example
 * const patients = new ProtectedApi(stack, 'Patients', {
 *   platform,
 *   name: 'patients',
 *   path: 'patients',
 *   version: 'v1',
 *   backendUrl: 'https://fhir.contoso-health.example',
 *   operations: [
 *     { method: 'GET', urlTemplate: '/patients/{id}', requiredRoles: ['Patient.Read'] },
 *     { method: 'POST', urlTemplate: '/patients', requiredRoles: ['Patient.Write'] },
 *   ],
 * });
 */
export class ProtectedApi extends Construct {
  /** The platform the API is published on. */
  public readonly platform: SecureHealthcareApim;
  /** The APIM API. */
  public readonly api: ApiManagementApi;
  /** The APIM API name (literal), `<name>-<version>`, e.g. `patients-v1`. */
  public readonly apiName: string;
  /** The app-role values this API declares (the roles its operations require), sorted. */
  public readonly roles: string[];
  /** Object id of the API's service principal (the resource of app-role assignments). */
  public readonly servicePrincipalObjectId: string;
  /** The identifier URI (token audience) of the API's app registration. */
  public readonly identifierUri: string;
  /** The client (application) id of the API's app registration. */
  public readonly clientId: string;
  /** The created app registration, unless an existing one is used. */
  public readonly application?: Application;
  /** The created service principal, unless an existing app is used. */
  public readonly servicePrincipal?: ServicePrincipal;
  /** The id of the version set this API belongs to. */
  public readonly versionSetId: string;
  /** The backend entity the API routes to. */
  public readonly backend: ApiManagementBackend;
  /** The API-scope policy; add elements with `addPolicyElements`. */
  public readonly policy: PolicyDocument;
  /** The operations defined in code (empty for an imported definition). */
  public readonly operations: ApiManagementApiOperation[];
  /** The API's Application Insights diagnostic (no bodies, credentials masked). */
  public readonly diagnostic: ApiManagementApiDiagnostic;

  private readonly roleIds: Map<string, string>;
  private readonly existingAppData?: DataAzureadApplication;
  private readonly operationPolicies = new Map<string, PolicyDocument>();

  constructor(scope: Construct, id: string, props: ProtectedApiProps) {
    super(scope, id);
    // ---------------------------------------------------------------- validation
    checkTypes(this, '', props, PROTECTED_API_TYPES);
    const platform = props.platform;
    const name = checkApiName(this, 'name', props.name);
    const path = checkApiPath(this, 'path', props.path);
    const version = checkVersion(this, 'version', props.version);
    const apiName = `${name}-${version}`;
    const backendUrl = checkHttpsUrl(this, 'backendUrl', props.backendUrl);
    let backendAudience = props.backendAudience;
    if (backendAudience === undefined) {
      if (Token.isUnresolved(backendUrl)) invalid(this, 'backendAudience', 'is unset while backendUrl is a token', 'an explicit backendAudience (the backend App ID URI or URL)');
      backendAudience = originOf(backendUrl);
    } else {
      checkText(this, 'backendAudience', backendAudience, 2048);
    }
    const timeout = checkWhole(this, 'backendTimeoutSeconds', props.backendTimeoutSeconds ?? DEFAULT_API_BACKEND_TIMEOUT_SECONDS, 1, 240);
    const breakerCount = checkWhole(this, 'circuitBreakerFailureCount', props.circuitBreakerFailureCount ?? 5, 1, 10_000);
    checkProviderRule(this, 'circuitBreakerFailureCount', breakerCount, 'azurerm_api_management_backend.circuit_breaker_rule.failure_condition.count');
    const breakerTrip = checkWhole(this, 'circuitBreakerTripSeconds', props.circuitBreakerTripSeconds ?? 60, 10, 3_600);
    const displayName = checkText(this, 'displayName', props.displayName ?? name, 300);
    if (props.description !== undefined) checkText(this, 'description', props.description, 4000);
    const keyHeader = checkHeader(this, 'subscriptionKeyHeaderName', props.subscriptionKeyHeaderName ?? DEFAULT_SUBSCRIPTION_KEY_HEADER);
    const keyQuery = props.subscriptionKeyQueryParameterName ?? DEFAULT_SUBSCRIPTION_KEY_QUERY;
    if (typeof keyQuery !== 'string' || !/^[A-Za-z0-9_-]{1,80}$/.test(keyQuery)) {
      invalid(this, 'subscriptionKeyQueryParameterName', `'${keyQuery}' is not a query parameter name`, 'letters, digits, _ and -, up to 80 characters');
    }
    const maxBody = checkWhole(this, 'maxRequestBodyBytes', props.maxRequestBodyBytes ?? DEFAULT_MAX_REQUEST_BODY_BYTES, 1, MAX_VALIDATE_CONTENT_SIZE);
    const contentTypes = checkContentTypes(this, 'allowedContentTypes', props.allowedContentTypes ?? DEFAULT_CONTENT_TYPES);
    const subscriptionRate = checkRateLimit(this, 'subscriptionRateLimit', props.subscriptionRateLimit ?? DEFAULT_SUBSCRIPTION_RATE_LIMIT);
    const ipRate = checkRateLimit(this, 'clientIpRateLimit', props.clientIpRateLimit ?? DEFAULT_CLIENT_IP_RATE_LIMIT);
    const quota = props.subscriptionQuota ?? DEFAULT_SUBSCRIPTION_QUOTA;
    checkWhole(this, 'subscriptionQuota.calls', quota.calls, 1, 1_000_000_000);
    checkQuotaPeriod(this, 'subscriptionQuota.renewalPeriodSeconds', quota.renewalPeriodSeconds);
    const extraHeaders = (props.allowedResponseHeaders ?? []).map((h, i) => checkHeader(this, `allowedResponseHeaders[${i}]`, h));
    const extraCodes = (props.allowedResponseStatusCodes ?? []).map((c, i) => checkWhole(this, `allowedResponseStatusCodes[${i}]`, c, 100, 599));
    const delegatedScopes = props.existingApp ? false : (props.delegatedScopes ?? true);
    const acceptScopes = props.acceptDelegatedScopes ?? false;
    const tokenValidation = props.tokenValidation ?? TokenValidation.AZURE_AD_TOKEN;
    if (!Object.values(TokenValidation).includes(tokenValidation)) {
      invalid(this, 'tokenValidation', `is '${tokenValidation}'`, Object.values(TokenValidation).join(', '));
    }
    for (const [prop, action] of [
      ['undeclaredParameterAction', props.undeclaredParameterAction],
      ['undeclaredRequestHeaderAction', props.undeclaredRequestHeaderAction],
      ['undeclaredResponseHeaderAction', props.undeclaredResponseHeaderAction],
    ] as const) {
      if (action !== undefined && !Object.values(ValidationAction).includes(action)) {
        invalid(this, prop, `is '${action}'`, Object.values(ValidationAction).join(', '));
      }
    }

    // operations (explicit or imported) and their roles
    const schemas = this.checkSchemas(props);
    const roleMax = MAX_ROLE_LENGTH - (delegatedScopes || acceptScopes ? DELEGATED_SCOPE_SUFFIX.length : 0);
    const planned = this.planOperations(props, contentTypes, maxBody, schemas, roleMax);
    const roleSet = new Set<string>();
    planned.forEach((p) => p.controls.requiredRoles.forEach((r) => roleSet.add(r)));
    this.roles = [...roleSet].sort();
    if (acceptScopes || delegatedScopes) {
      const clash = this.roles.find((r) => roleSet.has(r + DELEGATED_SCOPE_SUFFIX));
      if (clash) {
        invalid(this, 'operations', `require both '${clash}' and '${clash}${DELEGATED_SCOPE_SUFFIX}', and the delegated scope of the first would take the second's value`,
          `role values that do not end in '${DELEGATED_SCOPE_SUFFIX}', or delegatedScopes: false`);
      }
    }

    this.platform = platform;
    this.apiName = apiName;

    // ---------------------------------------------------------------- identity
    if (props.existingApp) {
      const existing = props.existingApp;
      const newAppProps = [props.appRegistrationName, props.identifierUri, props.appOwners, props.delegatedScopes, props.allowDestroy];
      if (newAppProps.some((v) => v !== undefined)) {
        invalid(this, 'existingApp', 'is set together with appRegistrationName, identifierUri, appOwners, delegatedScopes or allowDestroy, which only shape a created app registration',
          'either existingApp, or the props of a new app registration');
      }
      checkProviderRule(this, 'existingApp.clientId', existing.clientId, 'data.azuread_application.client_id');
      checkText(this, 'existingApp.audience', existing.audience, 2048);
      this.clientId = existing.clientId;
      this.identifierUri = existing.audience;
      if (existing.appRoleIds) {
        const missing = this.roles.filter((r) => existing.appRoleIds![r] === undefined);
        if (missing.length) invalid(this, 'existingApp.appRoleIds', `has no id for ${missing.map((r) => `'${r}'`).join(', ')}`, `an id for every required role: ${this.roles.join(', ')}`);
        for (const r of this.roles) checkProviderRule(this, `existingApp.appRoleIds.${r}`, existing.appRoleIds[r], 'azuread_app_role_assignment.app_role_id');
        this.roleIds = new Map(this.roles.map((r) => [r, existing.appRoleIds![r]]));
      } else {
        this.existingAppData = new DataAzureadApplication(this, 'ExistingApp', { clientId: tfLiteral(existing.clientId) });
        this.roleIds = new Map(this.roles.map((r) => [r, this.existingAppData!.appRoleIds.lookup(r)]));
      }
      if (existing.servicePrincipalObjectId !== undefined) {
        checkProviderRule(this, 'existingApp.servicePrincipalObjectId', existing.servicePrincipalObjectId, 'azuread_app_role_assignment.resource_object_id');
      }
      this.servicePrincipalObjectId = existing.servicePrincipalObjectId
        ?? new DataAzureadServicePrincipal(this, 'ExistingServicePrincipal', { clientId: tfLiteral(existing.clientId) }).objectId;
    } else {
      const appKey = this.appKey(props, apiName);
      this.identifierUri = props.identifierUri ?? `api://${platform.tenantId}/${appKey}`;
      if (props.identifierUri !== undefined && !Token.isUnresolved(props.identifierUri)
        && !/^(api|https):\/\/[^\s"<>{}\\^`|]+$/.test(props.identifierUri)) {
        invalid(this, 'identifierUri', `'${props.identifierUri}' is not an identifier URI`,
          'api://<tenant id>/<name>, api://<client id> or https://<verified domain>/<path>, without spaces');
      }
      this.roleIds = new Map(this.roles.map((r) => [r, entraIdentifier(appKey, 'app-role', r)]));
      const appRoles: ApplicationAppRole[] = this.roles.map((r) => ({
        id: this.roleIds.get(r)!,
        value: tfLiteral(r),
        displayName: tfLiteral(r),
        description: tfLiteral(`Call the ${apiName} operations that require ${r}.`),
        allowedMemberTypes: ['User', 'Application'],
        enabled: true,
      }));
      const scopes: ApplicationApiOauth2PermissionScope[] = delegatedScopes ? this.roles.map((r) => ({
        id: entraIdentifier(appKey, 'oauth2-permission-scope', r + DELEGATED_SCOPE_SUFFIX),
        value: tfLiteral(r + DELEGATED_SCOPE_SUFFIX),
        type: 'Admin',
        enabled: true,
        adminConsentDisplayName: tfLiteral(`${r} (delegated)`),
        adminConsentDescription: tfLiteral(`Call the ${apiName} operations that require ${r} on behalf of the signed-in user.`),
      })) : [];
      if (props.appOwners !== undefined) checkProviderRule(this, 'appOwners', props.appOwners, 'azuread_application.owners');
      const owners = props.appOwners?.map((o) => tfLiteral(o));
      const allowDestroy = props.allowDestroy ?? platform.allowDestroy;
      if (allowDestroy) {
        warnOptOut(this, 'allowDestroy', `terraform destroy can delete the app registration and service principal of ${apiName}${props.allowDestroy === undefined ? ' (the platform\'s allowDestroy)' : ''}: `
          + 'a new one has a new client id (token audience) and no app role assignments, so every caller breaks.');
      }
      // The client id is the token audience and the service principal holds every app role assignment.
      const lifecycle = { preventDestroy: !allowDestroy };
      this.application = new Application(this, 'App', {
        displayName: tfLiteral(`${appKey} API`),
        identifierUris: [tfLiteral(this.identifierUri)],
        signInAudience: 'AzureADMyOrg',
        owners,
        api: { requestedAccessTokenVersion: 2, oauth2PermissionScope: scopes },
        appRole: appRoles,
        lifecycle,
      });
      this.servicePrincipal = new ServicePrincipal(this, 'ServicePrincipal', {
        clientId: this.application.clientId,
        appRoleAssignmentRequired: true,
        owners,
        lifecycle,
      });
      this.clientId = this.application.clientId;
      this.servicePrincipalObjectId = this.servicePrincipal.objectId;
    }

    // ---------------------------------------------------------------- API surface
    const common = { apiManagementName: platform.apimName, resourceGroupName: platform.resourceGroupName };
    if (props.versionSetId !== undefined) {
      checkText(this, 'versionSetId', props.versionSetId, 2048);
      this.versionSetId = tfLiteral(props.versionSetId);
    } else {
      this.versionSetId = new ApiManagementApiVersionSet(this, 'VersionSet', {
        ...common,
        name,
        displayName: tfLiteral(displayName),
        versioningScheme: 'Segment',
      }).id;
    }
    this.api = new ApiManagementApi(this, 'Api', {
      ...common,
      name: apiName,
      displayName: tfLiteral(displayName),
      description: tfLiteral(props.description),
      path,
      version,
      versionSetId: this.versionSetId,
      revision: '1',
      apiType: 'http',
      protocols: ['https'],
      subscriptionRequired: true,
      subscriptionKeyParameterNames: { header: keyHeader, query: keyQuery },
      import: props.openApi ? { contentFormat: props.openApi.contentFormat, contentValue: tfLiteral(props.openApi.contentValue) } : undefined,
    });
    const apiRef = { ...common, apiName: this.api.name };

    const schemaResource = this.createSchema(apiRef, schemas, planned);
    this.operations = planned.filter((p) => p.explicit).map((p) => this.createOperation(apiRef, p, contentTypes, keyHeader, schemaResource));

    // ---------------------------------------------------------------- backend
    this.backend = new ApiManagementBackend(this, 'Backend', {
      ...common,
      // Backend names allow no dots (azurerm ApiManagementBackendName), so v1.1 becomes v1-1.
      name: checkProviderRule(this, 'version', `${apiName.replace(/\./g, '-')}-backend`, 'azurerm_api_management_backend.name'),
      description: tfLiteral(`Backend of the ${apiName} API`),
      protocol: 'http',
      url: tfLiteral(backendUrl),
      tls: { validateCertificateChain: true, validateCertificateName: true },
      circuitBreakerRule: {
        name: 'trip-on-5xx-timeouts-and-connection-errors',
        tripDuration: isoSeconds(breakerTrip),
        acceptRetryAfterEnabled: true,
        failureCondition: {
          intervalDuration: 'PT1M',
          count: breakerCount,
          statusCodeRange: [{ min: 500, max: 599 }],
          // The reasons APIM gives forward-request failures that never produced a status code.
          errorReasons: ['BackendConnectionFailure', 'Timeout'],
        },
      },
      dependsOn: props.backendReadiness,
    });

    // ---------------------------------------------------------------- diagnostics (no PHI)
    const maskedHeaders = [...SENSITIVE_HEADERS];
    if (!maskedHeaders.some((h) => h.toLowerCase() === keyHeader.toLowerCase())) maskedHeaders.push(keyHeader);
    const hiddenQuery = [...SENSITIVE_QUERY_PARAMS];
    if (!hiddenQuery.includes(keyQuery)) hiddenQuery.push(keyQuery);
    const phiSafe = () => ({
      bodyBytes: 0,
      headersToLog: [],
      dataMasking: {
        headers: maskedHeaders.map((value) => ({ mode: 'Mask', value })),
        queryParams: hiddenQuery.map((value) => ({ mode: 'Hide', value })),
      },
    });
    this.diagnostic = new ApiManagementApiDiagnostic(this, 'Diagnostic', {
      ...apiRef,
      identifier: 'applicationinsights',
      apiManagementLoggerId: platform.logger.id,
      samplingPercentage: 100,
      alwaysLogErrors: true,
      logClientIp: true,
      verbosity: 'information',
      httpCorrelationProtocol: 'W3C',
      operationNameFormat: 'Name',
      frontendRequest: phiSafe(),
      frontendResponse: phiSafe(),
      backendRequest: phiSafe(),
      backendResponse: phiSafe(),
    });

    // ---------------------------------------------------------------- API policy
    const keyed = platform.sku.supportsKeyedLimits;
    if (!keyed) {
      Annotations.of(this).addWarning(`${platform.sku.skuName} does not support rate-limit-by-key or quota-by-key: the API's and its operations' rate limits and quota are not applied.`);
    }
    const parameterAction = props.undeclaredParameterAction ?? ValidationAction.PREVENT;
    if (parameterAction !== ValidationAction.PREVENT) {
      warnOptOut(this, 'undeclaredParameterAction', `undeclared query parameters are ${parameterAction === ValidationAction.DETECT ? 'only logged' : 'let through'}, not refused.`);
    }
    // Every request header choice is at least as strict as its default (IGNORE): never an opt-out.
    const requestHeaderAction = props.undeclaredRequestHeaderAction ?? ValidationAction.IGNORE;
    // Response headers: PREVENT is stricter than the default (DETECT); only IGNORE weakens it.
    const headerAction = props.undeclaredResponseHeaderAction ?? ValidationAction.DETECT;
    if (headerAction === ValidationAction.IGNORE) {
      warnOptOut(this, 'undeclaredResponseHeaderAction', 'undeclared backend response headers are let through without a log entry, and may leak backend details.');
    }
    const tokenValidator = this.tokenValidator(tokenValidation, props.allowedClientApplicationIds);
    const fhirBackend = isFhirServiceUrl(backendUrl);
    const forwardIdentity = props.forwardCallerIdentity ?? fhirBackend;
    if (typeof forwardIdentity !== 'boolean') invalid(this, 'forwardCallerIdentity', `is ${typeof forwardIdentity}`, 'true or false');
    if (fhirBackend && !forwardIdentity) {
      warnOptOut(this, 'forwardCallerIdentity', "the FHIR backend's audit log names only the gateway's managed identity, not the caller, and callers can write X-MS-AZUREFHIR-AUDIT-* headers into it.");
    }
    const inbound: PolicyElement[] = [];
    if (props.cors) {
      // CORS at both scopes is refused at synth (checkCorsScopes): APIM applies only the first cors policy.
      const cors = props.cors;
      inbound.push(this.wrap('cors', () => new Cors({
        ...cors,
        allowedMethods: cors.allowedMethods ?? this.corsMethods(planned),
        allowedHeaders: cors.allowedHeaders ?? ['Authorization', 'Content-Type', keyHeader],
      })));
    }
    const ipCheck = props.allowedIpRanges === undefined ? undefined : this.ipAllowList(props.allowedIpRanges);
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
    inbound.push(tokenValidator, this.roleCheck(this.roles, acceptScopes));
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
        unspecifiedParameterAction: parameterAction,
        headers: { unspecifiedParameterAction: requestHeaderAction },
        query: { unspecifiedParameterAction: parameterAction },
      }),
      contentValidation(maxBody, contentTypes),
      new SetVariable({ name: BACKEND_TIMEOUT_VARIABLE, value: PolicyValue.expression(String(timeout)) }),
      new SetBackendService({ backendId: `${apiName}-backend` }),
      // After validate-parameters, so a header PREVENT never counts the gateway's own headers.
      ...(forwardIdentity ? callerIdentityHeaders() : []),
      // Replaces the caller's Authorization header: the caller's token never reaches the backend.
      this.wrap('', () => new AuthenticationManagedIdentity({ resource: backendAudience! }), { resource: 'backendAudience' }),
    );
    const statusCodes = uniqueSorted([...PASSTHROUGH_STATUS_CODES, ...extraCodes]);
    const responseHeaders = [...STANDARD_RESPONSE_HEADERS];
    for (const h of extraHeaders) if (!responseHeaders.some((x) => x.toLowerCase() === h.toLowerCase())) responseHeaders.push(h);
    this.policy = new PolicyDocument({
      scope: PolicyScope.API,
      inbound,
      outbound: [
        new ValidateStatusCode({ unspecifiedStatusCodeAction: ValidationAction.PREVENT, allowedStatusCodes: statusCodes }),
        new ValidateHeaders({
          specifiedHeaderAction: ValidationAction.PREVENT,
          unspecifiedHeaderAction: headerAction,
          allowedHeaders: responseHeaders,
        }),
      ],
    });
    const policy = this.policy;
    new ApiManagementApiPolicy(this, 'Policy', {
      ...apiRef,
      xmlContent: Lazy.stringValue({ produce: () => policy.toTerraformString() }),
      // APIM checks that the backend named in set-backend-service exists when the policy is saved.
      dependsOn: [this.backend, ...(schemaResource ? [schemaResource] : [])],
    });

    // ---------------------------------------------------------------- operation policies
    planned.forEach((p) => {
      const doc = new PolicyDocument({ scope: PolicyScope.OPERATION });
      doc.add(PolicySection.INBOUND, this.roleCheck(p.controls.requiredRoles, acceptScopes));
      if (p.controls.rateLimit && keyed) {
        doc.add(PolicySection.INBOUND, new RateLimitByKey({
          calls: p.controls.rateLimit.calls,
          renewalPeriodSeconds: p.controls.rateLimit.renewalPeriodSeconds,
          counterKey: subscriptionCounterKey(`${apiName}:${p.operationId}:subscription:`),
          retryAfterVariableName: RETRY_AFTER_VARIABLE,
        }));
      }
      if (p.controls.maxRequestBodyBytes !== undefined || p.controls.allowedContentTypes !== undefined) {
        doc.add(PolicySection.INBOUND, contentValidation(p.controls.maxRequestBodyBytes ?? maxBody, p.controls.allowedContentTypes ?? contentTypes));
      }
      this.operationPolicies.set(p.operationId, doc);
      const operation = p.explicit ? this.operations.find((o) => o.operationIdInput === p.operationId) : undefined;
      new ApiManagementApiOperationPolicy(this, `OperationPolicy-${p.operationId}`, {
        ...apiRef,
        operationId: operation ? operation.operationId : p.operationId,
        xmlContent: Lazy.stringValue({ produce: () => doc.toTerraformString() }),
      });
    });

    if (props.openApi && !props.openApi._operations) {
      Annotations.of(this).addWarning('The OpenAPI definition is a link or YAML, so its operations cannot be checked at synth: '
        + 'an operation missing from importedOperations is only held to the API-wide check (any role of this API).');
    }

    // ---------------------------------------------------------------- Defender for APIs
    // Where the platform manages the Defender plans, every API is onboarded (apiCollections):
    // Defender for APIs watches only onboarded APIs.
    if (platform.defenderPlans && platform.sku.tier !== ApimTier.CONSUMPTION) platform.onboardApiToDefender(apiName, this);

    // ---------------------------------------------------------------- rules that span constructs (at synth)
    this.node.addValidation({
      validate: () => [this.checkBodyLimitAgainstEdge(maxBody), this.checkCorsScopes()].filter((m): m is string => m !== undefined),
    });
  }

  /**
   * The id of one of this API's app roles, for `azuread_app_role_assignment.app_role_id`.
   * Fails for a role the API does not declare.
   */
  public appRoleId(role: string): string {
    const id = this.roleIds.get(role);
    if (id === undefined) invalid(this, 'role', `'${role}' is not an app role of this API`, this.roles.join(', '));
    return id;
  }

  /** Adds the API to a product (by product id, the product's name), e.g. a consumer group's product. */
  public addToProduct(id: string, productId: string): ApiManagementProductApi {
    return new ApiManagementProductApi(this, id, {
      apiManagementName: this.platform.apimName,
      resourceGroupName: this.platform.resourceGroupName,
      apiName: this.api.name,
      productId,
    });
  }

  /**
   * Adds your own elements to the API policy, after the construct's own in that section, so
   * its controls stay in place.
   */
  public addPolicyElements(section: PolicySection, ...elements: PolicyElement[]): void {
    this.policy.add(section, ...elements);
  }

  /** The policy document of an operation, by operation id. */
  public operationPolicy(operationId: string): PolicyDocument {
    const doc = this.operationPolicies.get(operationId);
    if (!doc) invalid(this, 'operationId', `'${operationId}' is not an operation of this API`, [...this.operationPolicies.keys()].join(', '));
    return doc;
  }

  // ------------------------------------------------------------------ helpers

  /**
   * The API must not accept a body the edge WAF refuses: `maxRequestBodyBytes` (which bounds
   * every operation's own limit) at most the platform edge's `maxRequestBodySizeKb`.
   */
  private checkBodyLimitAgainstEdge(maxBody: number): string | undefined {
    const edge = this.platform.edge;
    if (!edge || Token.isUnresolved(maxBody) || Token.isUnresolved(edge.maxRequestBodySizeKb)) return undefined;
    const edgeBytes = edge.maxRequestBodySizeKb * 1024;
    if (maxBody <= edgeBytes) return undefined;
    const neededKb = Math.ceil(maxBody / 1024);
    const raise = neededKb <= EDGE_MAX_REQUEST_BODY_KB
      ? `, or edge.maxRequestBodySizeKb of at least ${neededKb} on ${this.platform.node.path} (up to ${EDGE_MAX_REQUEST_BODY_KB})` : '';
    return invalidMessage(this, 'maxRequestBodyBytes',
      `is ${maxBody} bytes, above the edge WAF's limit edge.maxRequestBodySizeKb = ${edge.maxRequestBodySizeKb} KB (${edgeBytes} bytes) of ${this.platform.node.path}, `
      + 'so the edge refuses bodies this API accepts',
      `at most ${edgeBytes} bytes${raise}`);
  }

  /**
   * CORS in one scope only: APIM applies only the first cors policy of a request, so an API
   * allow list behind the platform's global one would never apply (and the two would drift).
   */
  private checkCorsScopes(): string | undefined {
    const here = this.policy.elementsOf(PolicySection.INBOUND).some((e) => e instanceof Cors);
    const global = this.platform.globalPolicy.elementsOf(PolicySection.INBOUND).some((e) => e instanceof Cors);
    if (!here || !global) return undefined;
    return invalidMessage(this, 'cors',
      `is set on this API while the global policy of ${this.platform.node.path} has a cors policy too (its cors prop); APIM applies only the first cors policy, `
      + 'so this allow list would never apply',
      'CORS in one place: the platform\'s cors for every API, or this API\'s cors with the platform\'s unset');
  }

  private appKey(props: ProtectedApiProps, apiName: string): string {
    if (props.appRegistrationName !== undefined) {
      checkLiteralProp(this, 'appRegistrationName', props.appRegistrationName);
      if (!/^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,98}[A-Za-z0-9])?$/.test(props.appRegistrationName)) {
        invalid(this, 'appRegistrationName', `'${props.appRegistrationName}' is not an app registration key`,
          'letters, digits, ., _ and -, 1 to 100 characters, starting and ending with a letter or digit');
      }
      return props.appRegistrationName;
    }
    const apimName = props.platform.apim.nameInput;
    if (apimName === undefined || Token.isUnresolved(apimName)) {
      invalid(this, 'appRegistrationName', 'is unset and the platform name is a token', 'an explicit appRegistrationName, the stable seed of the app role ids');
    }
    return `${apimName}-${apiName}`;
  }

  private checkSchemas(props: ProtectedApiProps): Map<string, Record<string, unknown>> {
    const result = new Map<string, Record<string, unknown>>();
    if (props.schemas === undefined) return result;
    if (props.openApi) invalid(this, 'schemas', 'are set with openApi', 'schemas in the OpenAPI definition itself');
    props.schemas.forEach((s, i) => {
      if (typeof s.name !== 'string' || !/^[A-Za-z][A-Za-z0-9_]{0,79}$/.test(s.name)) {
        invalid(this, `schemas[${i}].name`, `'${s.name}' is not a schema name`, 'a letter, then letters, digits and _, up to 80 characters');
      }
      if (result.has(s.name)) invalid(this, `schemas[${i}].name`, `'${s.name}' is used twice`, 'a distinct name per schema');
      result.set(s.name, parseJsonObject(this, `schemas[${i}].definition`, s.definition));
    });
    const size = JSON.stringify(Object.fromEntries(result)).length;
    if (size > MAX_VALIDATE_CONTENT_SIZE) invalid(this, 'schemas', `are ${size} characters in total`, 'at most 4 MiB, the largest schema APIM validation policies read');
    return result;
  }

  private checkControls(prop: string, c: OperationControls, contentTypes: string[], maxBody: number, roleMax: number): void {
    if (!Array.isArray(c.requiredRoles) || c.requiredRoles.length === 0) {
      invalid(this, `${prop}.requiredRoles`, 'is empty', 'at least one app role, e.g. Patient.Read (every operation needs one)');
    }
    c.requiredRoles.forEach((r, j) => checkRole(this, `${prop}.requiredRoles[${j}]`, r, roleMax));
    if (c.maxRequestBodyBytes !== undefined) {
      checkWhole(this, `${prop}.maxRequestBodyBytes`, c.maxRequestBodyBytes, 1, maxBody);
    }
    if (c.allowedContentTypes !== undefined) {
      checkContentTypes(this, `${prop}.allowedContentTypes`, c.allowedContentTypes).forEach((t, j) => {
        if (!contentTypes.includes(t)) {
          invalid(this, `${prop}.allowedContentTypes[${j}]`, `'${t}' is not one of the API's allowedContentTypes (the API policy runs first and would refuse it)`, contentTypes.join(', '));
        }
      });
    }
    if (c.rateLimit !== undefined) checkRateLimit(this, `${prop}.rateLimit`, c.rateLimit);
  }

  private planOperations(
    props: ProtectedApiProps, contentTypes: string[], maxBody: number, schemas: Map<string, unknown>, roleMax: number,
  ): PlannedOperation[] {
    const hasOps = props.operations !== undefined;
    if (hasOps === (props.openApi !== undefined)) {
      invalid(this, 'operations', hasOps ? 'and openApi are both set' : 'and openApi are both unset', 'exactly one of operations and openApi');
    }
    const planned: PlannedOperation[] = [];
    const seenIds = new Map<string, string>();
    const claimId = (prop: string, opId: string) => {
      const other = seenIds.get(opId.toLowerCase());
      if (other !== undefined) invalid(this, `${prop}.operationId`, `'${opId}' is also the operation id of ${other}`, 'a distinct operationId per operation (set operationId explicitly)');
      seenIds.set(opId.toLowerCase(), prop);
    };
    if (props.operations !== undefined) {
      if (props.importedOperations !== undefined) invalid(this, 'importedOperations', 'are set with operations', 'importedOperations only with openApi; put roles on each operation');
      if (!Array.isArray(props.operations) || props.operations.length === 0) invalid(this, 'operations', 'is empty', 'at least one operation');
      const seen = new Map<string, string>();
      props.operations.forEach((op, i) => {
        const prop = `operations[${i}]`;
        if (typeof op.method !== 'string' || !OPERATION_METHODS.includes(op.method)) {
          invalid(this, `${prop}.method`, `'${op.method}' is not an operation method`, `${OPERATION_METHODS.join(', ')} (upper case)`);
        }
        const parsed = parseUrlTemplate(this, `${prop}.urlTemplate`, op.urlTemplate);
        const key = `${op.method} ${parsed.normalized}`;
        const dup = seen.get(key);
        if (dup !== undefined) invalid(this, prop, `(${op.method} ${op.urlTemplate}) duplicates ${dup}`, 'one operation per method and URL template (parameter names and letter case do not make templates different)');
        seen.set(key, `${prop} (${op.method} ${op.urlTemplate})`);
        const opId = op.operationId !== undefined ? checkOperationId(this, `${prop}.operationId`, op.operationId) : defaultOperationId(op.method, op.urlTemplate);
        claimId(prop, opId);
        if (op.displayName !== undefined) checkText(this, `${prop}.displayName`, op.displayName, 300);
        if (op.description !== undefined) checkText(this, `${prop}.description`, op.description, 4000);
        this.checkControls(prop, op, contentTypes, maxBody, roleMax);
        this.checkParameters(`${prop}.templateParameters`, op.templateParameters, 'template');
        (op.templateParameters ?? []).forEach((p, j) => {
          if (!parsed.parameters.includes(p.name)) {
            invalid(this, `${prop}.templateParameters[${j}].name`, `'${p.name}' is not a parameter of '${op.urlTemplate}'`, parsed.parameters.join(', ') || 'no template parameters (the template has none)');
          }
          if (p.required === false) invalid(this, `${prop}.templateParameters[${j}].required`, 'is false', 'true or unset: a URL template parameter is always required');
        });
        this.checkParameters(`${prop}.queryParameters`, op.queryParameters, 'query');
        this.checkParameters(`${prop}.requestHeaders`, op.requestHeaders, 'header');
        if (op.requestSchemaName !== undefined) {
          this.checkSchemaName(`${prop}.requestSchemaName`, op.requestSchemaName, schemas);
          if (!BODY_METHODS.includes(op.method)) invalid(this, `${prop}.requestSchemaName`, `is set on a ${op.method} operation, which has no request body`, `a request schema only on ${BODY_METHODS.join(', ')}`);
        }
        const codes = new Set<number>();
        (op.responses ?? []).forEach((r, j) => {
          const rp = `${prop}.responses[${j}]`;
          checkWhole(this, `${rp}.statusCode`, r.statusCode, 100, 599);
          if (codes.has(r.statusCode)) invalid(this, `${rp}.statusCode`, `${r.statusCode} is declared twice`, 'each status code once');
          codes.add(r.statusCode);
          if (r.description !== undefined) checkText(this, `${rp}.description`, r.description, 1000);
          if (r.schemaName !== undefined) this.checkSchemaName(`${rp}.schemaName`, r.schemaName, schemas);
          if (r.contentTypes !== undefined) checkContentTypes(this, `${rp}.contentTypes`, r.contentTypes);
          this.checkParameters(`${rp}.headers`, r.headers, 'header');
        });
        if (op.responses !== undefined && op.responses.length === 0) invalid(this, `${prop}.responses`, 'is empty', 'at least one response, or unset for the default success response');
        planned.push({ operationId: opId, controls: op, explicit: op, template: parsed.parameters, prop });
      });
      return planned;
    }
    const spec = props.openApi!;
    const imported = props.importedOperations ?? [];
    if (imported.length === 0) invalid(this, 'importedOperations', 'is empty', 'an entry with requiredRoles for each operation of the OpenAPI definition');
    imported.forEach((op, i) => {
      const prop = `importedOperations[${i}]`;
      const opId = checkOperationId(this, `${prop}.operationId`, op.operationId);
      claimId(prop, opId);
      if (spec._operations && !spec._operations.some((o) => o.operationId === opId)) {
        invalid(this, `${prop}.operationId`, `'${opId}' is not an operationId of the OpenAPI definition`, spec._operations.map((o) => o.operationId).join(', '));
      }
      this.checkControls(prop, op, contentTypes, maxBody, roleMax);
      planned.push({ operationId: opId, controls: op, prop });
    });
    if (spec._operations) {
      const missing = spec._operations.filter((o) => !imported.some((m) => m.operationId === o.operationId));
      if (missing.length) {
        invalid(this, 'importedOperations', `has no entry for ${missing.map((o) => `${o.operationId} (${o.method} ${o.path})`).join(', ')}`,
          'an entry with requiredRoles for every operation of the OpenAPI definition');
      }
    }
    return planned;
  }

  private checkParameters(prop: string, params: ApiParameter[] | undefined, kind: 'template' | 'query' | 'header'): void {
    if (params === undefined) return;
    const names = new Set<string>();
    params.forEach((p, i) => {
      const pp = `${prop}[${i}]`;
      if (kind === 'header') {
        checkHeader(this, `${pp}.name`, p.name);
      } else if (typeof p.name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]{0,79}$/.test(p.name)) {
        invalid(this, `${pp}.name`, `'${p.name}' is not a ${kind} parameter name`, 'a letter or underscore, then letters, digits and underscores, up to 80 characters');
      }
      if (names.has(p.name.toLowerCase())) invalid(this, `${pp}.name`, `'${p.name}' is declared twice`, 'each parameter once');
      names.add(p.name.toLowerCase());
      if (p.type !== undefined && !Object.values(ParameterType).includes(p.type)) {
        invalid(this, `${pp}.type`, `is '${p.type}'`, Object.values(ParameterType).join(', '));
      }
      if (p.description !== undefined) checkText(this, `${pp}.description`, p.description, 1000);
      if (p.allowedValues !== undefined) {
        if (p.allowedValues.length === 0) invalid(this, `${pp}.allowedValues`, 'is empty', 'at least one value, or unset for any value');
        p.allowedValues.forEach((v, j) => checkText(this, `${pp}.allowedValues[${j}]`, v, 1000));
      }
    });
  }

  private checkSchemaName(prop: string, name: string, schemas: Map<string, unknown>): void {
    if (!schemas.has(name)) invalid(this, prop, `'${name}' is not a schema of this API`, [...schemas.keys()].join(', ') || 'the name of a schema in schemas (none are declared)');
  }

  private createSchema(
    apiRef: ApiRef, schemas: Map<string, Record<string, unknown>>, planned: PlannedOperation[],
  ): ApiManagementApiSchema | undefined {
    const components: Record<string, unknown> = Object.fromEntries(schemas);
    for (const p of planned) {
      const op = p.explicit;
      if (!op) continue;
      const params = [
        ...(op.templateParameters ?? []), ...(op.queryParameters ?? []), ...(op.requestHeaders ?? []),
        ...(op.responses ?? []).flatMap((r) => r.headers ?? []),
      ];
      for (const param of params) {
        const format = param.type && FORMAT_SCHEMAS[param.type];
        if (format) components[format[0]] = format[1];
      }
    }
    if (Object.keys(components).length === 0) return undefined;
    return new ApiManagementApiSchema(this, 'Schema', {
      ...apiRef,
      schemaId: SCHEMA_ID,
      contentType: 'application/vnd.oai.openapi.components+json',
      components: tfLiteral(JSON.stringify({ schemas: components })),
    });
  }

  private createOperation(
    apiRef: ApiRef, p: PlannedOperation, apiContentTypes: string[], keyHeader: string, schema: ApiManagementApiSchema | undefined,
  ): ApiManagementApiOperation {
    const op = p.explicit!;
    const declared = new Map((op.templateParameters ?? []).map((t) => [t.name, t]));
    const templateParameters = p.template!.map((n) => parameter(declared.get(n) ?? { name: n }, true));
    const requestTypes = op.allowedContentTypes ?? apiContentTypes;
    // The credentials every call carries are declared, so validate-parameters does not count
    // them as undeclared headers; the operation's own declarations win on a name clash.
    const requestHeaders = [...(op.requestHeaders ?? [])];
    for (const h of [
      { name: 'Authorization', required: true, description: 'Bearer access token issued by Microsoft Entra ID for this API.' },
      { name: keyHeader, required: false, description: 'Subscription key (or the query parameter of the API).' },
    ]) {
      if (!requestHeaders.some((x) => x.name.toLowerCase() === h.name.toLowerCase())) requestHeaders.push(h);
    }
    const responses: ApiManagementApiOperationResponse[] = (op.responses ?? [{ statusCode: SUCCESS_STATUS[op.method] } as ApiResponse]).map((r) => ({
      statusCode: r.statusCode,
      description: tfLiteral(r.description ?? REASONS.get(r.statusCode) ?? `HTTP ${r.statusCode}`),
      header: r.headers?.map((h) => parameter(h, false)),
      representation: (r.schemaName !== undefined || r.contentTypes !== undefined)
        ? (r.contentTypes ?? apiContentTypes).map((ct) => ({ contentType: ct, ...schemaRef(r.schemaName) }))
        : undefined,
    }));
    return new ApiManagementApiOperation(this, `Operation-${p.operationId}`, {
      ...apiRef,
      operationId: p.operationId,
      method: op.method,
      urlTemplate: tfLiteral(op.urlTemplate),
      displayName: tfLiteral(op.displayName ?? `${op.method} ${op.urlTemplate}`),
      description: tfLiteral(op.description),
      templateParameter: templateParameters.length ? templateParameters : undefined,
      request: {
        queryParameter: op.queryParameters?.map((q) => parameter(q, false)),
        header: requestHeaders.map((h) => parameter(h, false)),
        representation: BODY_METHODS.includes(op.method)
          ? requestTypes.map((ct) => ({ contentType: ct, ...schemaRef(op.requestSchemaName) }))
          : undefined,
      },
      response: responses,
      dependsOn: schema ? [schema] : undefined,
    });
  }

  private tokenValidator(kind: TokenValidation, clientIds: string[] | undefined): PolicyElement {
    const audiences = [this.identifierUri, this.clientId];
    const renames = {
      'audiences[0]': this.application ? 'identifierUri' : 'existingApp.audience',
      'audiences[1]': this.application ? 'clientId' : 'existingApp.clientId',
      'clientApplicationIds': 'allowedClientApplicationIds',
    };
    clientIds?.forEach((c, i) => checkText(this, `allowedClientApplicationIds[${i}]`, c, 100));
    if (clientIds !== undefined && clientIds.length === 0) invalid(this, 'allowedClientApplicationIds', 'is empty', 'at least one client id, or unset to allow any client');
    const tenant = this.platform.tenantId;
    // validate-azure-ad-token only in the form APIM accepts, with <client-application-ids>;
    // any client of the tenant is validate-jwt with the tenant's OpenID configuration.
    if (kind === TokenValidation.OPENID_JWT || clientIds === undefined) {
      return this.wrap('', () => new ValidateJwt({
        openIdConfigUrls: [`https://login.microsoftonline.com/${tenant}/v2.0/.well-known/openid-configuration`],
        audiences,
        issuers: [`https://login.microsoftonline.com/${tenant}/v2.0`],
        // A token of another client is authenticated but not allowed: the platform's on-error
        // maps this claim failure (Reason contains "Claim") to 403.
        requiredClaims: clientIds ? [{ name: 'azp', values: clientIds }] : undefined,
        outputTokenVariableName: TOKEN_VARIABLE,
      }), renames);
    }
    return this.wrap('', () => new ValidateAzureAdToken({
      tenantId: tenant,
      audiences,
      clientApplicationIds: clientIds,
      outputTokenVariableName: TOKEN_VARIABLE,
    }), renames);
  }

  /**
   * The IP allow list. `ip-filter` checks only `context.Request.IpAddress`: behind the edge that
   * is the gateway, so the list is a `ClientIpFilter` on the client address variable (the last
   * X-Forwarded-For entry), as it is for IPv6 entries, which `ip-filter` is not documented to
   * take. Both refuse with 403 in the JSON error shape (ip-filter through on-error).
   */
  private ipAllowList(ranges: string[]): PolicyElement {
    const renames = { addresses: 'allowedIpRanges' };
    if (!Array.isArray(ranges) || ranges.length === 0) invalid(this, 'allowedIpRanges', 'is empty', 'at least one IPv4 or IPv6 address or CIDR range');
    if (!this.platform.behindEdge && ranges.every((r) => typeof r !== 'string' || !r.includes(':'))) {
      return this.wrap('', () => new IpFilter({ action: IpFilterAction.ALLOW, addresses: ranges }), renames);
    }
    return this.wrap('', () => new ClientIpFilter({
      action: IpFilterAction.ALLOW,
      addresses: ranges,
      clientIpVariable: CLIENT_IP_VARIABLE,
      refusal: JsonErrorResponse.of({
        statusCode: 403,
        code: 'forbidden',
        message: 'The caller is not allowed to perform this operation.',
        headers: securityResponseHeaders(),
      }),
    }), renames);
  }

  /**
   * The role check: a 403 JSON error unless the validated token carries one of the roles.
   *
   * Why not `<required-claims>` in the token validation: the platform's on-error maps a failed
   * validate-azure-ad-token / validate-jwt to 403 only when APIM's error Reason contains
   * "Claim", which depends on APIM's reason strings, and required-claims cannot express "this
   * role OR this delegated scope". Here the token is validated once at API scope (401 for a
   * missing, expired, foreign or wrong-audience token, which has no claim requirement and so
   * never yields a "Claim" reason), and this check returns the platform's JSON error shape
   * with status 403 directly, with the security headers, whatever APIM's reason strings are.
   */
  private roleCheck(roles: string[], acceptScopes: boolean): Choose {
    const list = (values: string[]) => `new string[] { ${values.map(csharpString).join(', ')} }`;
    let code = `var jwt = context.Variables.GetValueOrDefault<Jwt>(${csharpString(TOKEN_VARIABLE)}, null); `
      + 'if (jwt == null) { return true; } '
      + `var allowedRoles = ${list(roles)}; `
      + 'string[] roles; '
      + 'if (jwt.Claims.TryGetValue("roles", out roles) && roles.Any(r => allowedRoles.Contains(r))) { return false; } ';
    if (acceptScopes) {
      code += `var allowedScopes = ${list(roles.map((r) => r + DELEGATED_SCOPE_SUFFIX))}; `
        + 'string[] scp; '
        + "if (jwt.Claims.TryGetValue(\"scp\", out scp) && scp.SelectMany(s => s.Split(' ')).Any(s => allowedScopes.Contains(s))) { return false; } ";
    }
    code += 'return true;';
    return new Choose({
      branches: [{
        condition: PolicyValue.multiStatement(code),
        elements: [JsonErrorResponse.of({
          statusCode: 403,
          code: 'forbidden',
          message: 'The caller is not allowed to perform this operation.',
          headers: securityResponseHeaders(),
        })],
      }],
    });
  }

  private corsMethods(planned: PlannedOperation[]): string[] {
    const methods = uniqueSorted(planned.filter((p) => p.explicit).map((p) => p.explicit!.method));
    return methods.length ? methods : ['GET'];
  }

  /**
   * Runs a policy element constructor and rethrows its validation error under this
   * construct's path and the prop the user set.
   */
  private wrap<T>(prefix: string, build: () => T, renames: Record<string, string> = {}): T {
    try {
      return build();
    } catch (e) {
      if (!ValidationError.isValidationError(e)) throw e;
      let prop = e.prop;
      if (renames[prop] !== undefined) {
        prop = renames[prop];
      } else {
        for (const [from, to] of Object.entries(renames)) {
          if (prop.startsWith(`${from}[`) || prop.startsWith(`${from}.`)) {
            prop = to + prop.slice(from.length);
            break;
          }
        }
      }
      throw new ValidationError(this.node.path, `${prefix ? `${prefix}.` : ''}${prop}`, e.problem, e.valid);
    }
  }
}

interface ApiRef {
  readonly apiManagementName: string;
  readonly resourceGroupName: string;
  readonly apiName: string;
}

function checkHeader(scope: Construct, prop: string, name: string): string {
  return checkHeaderName(scope.node.path, prop, name);
}

function checkRateLimit(scope: Construct, prop: string, limit: RateLimit): RateLimit {
  if (!limit || typeof limit !== 'object') invalid(scope, prop, 'is not set', '{ calls, renewalPeriodSeconds }');
  checkWhole(scope, `${prop}.calls`, limit.calls, 1, 1_000_000);
  checkWhole(scope, `${prop}.renewalPeriodSeconds`, limit.renewalPeriodSeconds, 1, 300);
  return limit;
}

function contentValidation(maxBody: number, types: string[]): ValidateContent {
  // No schema-id: APIM validates each body against the schema of the operation's representation
  // for that content type, when the operation declares one (requestSchemaName).
  return new ValidateContent({
    maxSizeBytes: maxBody,
    contentTypes: types.map((type) => ({ type, validateAs: ContentValidationFormat.JSON, action: ValidationAction.PREVENT })),
    unspecifiedContentTypeAction: ValidationAction.PREVENT,
    sizeExceededAction: ValidationAction.PREVENT,
  });
}

function parameter(p: ApiParameter, template: boolean): ApiManagementApiOperationTemplateParameter {
  const type = p.type ?? ParameterType.STRING;
  const format = FORMAT_SCHEMAS[type];
  return {
    name: p.name,
    required: template ? true : (p.required ?? false),
    type: format ? 'string' : type,
    description: tfLiteral(p.description),
    values: p.allowedValues?.map((v) => tfLiteral(v)),
    ...(format ? { schemaId: SCHEMA_ID, typeName: format[0] } : {}),
  };
}

function schemaRef(schemaName: string | undefined): { schemaId?: string; typeName?: string } {
  return schemaName === undefined ? {} : { schemaId: SCHEMA_ID, typeName: schemaName };
}

/** `GET /patients/{id}` → `get-patients-id`. */
function defaultOperationId(method: string, template: string): string {
  const slug = template.toLowerCase().replace(/[{}]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `${method.toLowerCase()}${slug ? `-${slug}` : ''}`.slice(0, 80).replace(/-+$/, '');
}

function isoSeconds(seconds: number): string {
  return seconds % 60 === 0 ? `PT${seconds / 60}M` : `PT${seconds}S`;
}

function uniqueSorted<T extends string | number>(values: T[]): T[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
