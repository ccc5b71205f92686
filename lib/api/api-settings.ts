/** The validated, defaulted scalar props of `ProtectedApi`. Internal. */
import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import {
  DEFAULT_API_BACKEND_TIMEOUT_SECONDS, DEFAULT_CLIENT_IP_RATE_LIMIT, DEFAULT_CONTENT_TYPES, DEFAULT_MAX_REQUEST_BODY_BYTES,
  DEFAULT_SUBSCRIPTION_QUOTA, DEFAULT_SUBSCRIPTION_RATE_LIMIT,
} from './defaults';
import { PROTECTED_API_TYPES } from './prop-types';
import { ProtectedApiProps } from './protected-api-props';
import { TokenValidation } from './types';
import {
  checkApiName, checkApiPath, checkContentTypes, checkHeader, checkHttpsUrl, checkText,
  checkVersion, checkWhole, originOf,
} from './validation';
import { invalid } from '../core/errors';
import { checkProviderRule } from '../core/provider-rules';
import { Quota, RateLimit, requireQuota, requireRateLimit } from '../core/rate-limit';
import { checkTypes } from '../core/validation';
import { ValidationAction } from '../policy';
import { MAX_VALIDATE_CONTENT_SIZE } from '../policy/content';

const DEFAULT_SUBSCRIPTION_KEY_HEADER = 'Ocp-Apim-Subscription-Key';
const DEFAULT_SUBSCRIPTION_KEY_QUERY = 'subscription-key';

/** The props of `ProtectedApi` that every build step reads, checked and with their defaults. */
export interface ApiSettings {
  readonly name: string;
  readonly path: string;
  readonly version: string;
  /** `<name>-<version>`. */
  readonly apiName: string;
  readonly backendUrl: string;
  readonly backendAudience: string;
  readonly timeoutSeconds: number;
  readonly breakerFailureCount: number;
  readonly breakerTripSeconds: number;
  readonly displayName: string;
  readonly keyHeader: string;
  readonly keyQuery: string;
  readonly maxBody: number;
  readonly contentTypes: string[];
  readonly subscriptionRate: RateLimit;
  readonly ipRate: RateLimit;
  readonly quota: Quota;
  readonly extraResponseHeaders: string[];
  readonly extraStatusCodes: number[];
  /** Whether a created app registration offers delegated scopes (never with an existing app). */
  readonly delegatedScopes: boolean;
  readonly acceptScopes: boolean;
  readonly tokenValidation: TokenValidation;
}

/** Checks the types and scalar props of `ProtectedApi` and fills in their defaults. */
export function checkApiSettings(scope: IConstruct, props: ProtectedApiProps): ApiSettings {
  checkTypes(scope, '', props, PROTECTED_API_TYPES);
  const name = checkApiName(scope, 'name', props.name);
  const path = checkApiPath(scope, 'path', props.path);
  const version = checkVersion(scope, 'version', props.version);
  const apiName = `${name}-${version}`;
  const backendUrl = checkHttpsUrl(scope, 'backendUrl', props.backendUrl);
  let backendAudience = props.backendAudience;
  if (backendAudience === undefined) {
    if (Token.isUnresolved(backendUrl)) invalid(scope, 'backendAudience', 'is unset while backendUrl is a token', 'an explicit backendAudience (the backend App ID URI or URL)');
    backendAudience = originOf(backendUrl);
  } else {
    checkText(scope, 'backendAudience', backendAudience, 2048);
  }
  const timeoutSeconds = checkWhole(scope, 'backendTimeoutSeconds', props.backendTimeoutSeconds ?? DEFAULT_API_BACKEND_TIMEOUT_SECONDS, 1, 240);
  const breakerFailureCount = checkWhole(scope, 'circuitBreakerFailureCount', props.circuitBreakerFailureCount ?? 5, 1, 10_000);
  checkProviderRule(scope, 'circuitBreakerFailureCount', breakerFailureCount, 'azurerm_api_management_backend.circuit_breaker_rule.failure_condition.count');
  const breakerTripSeconds = checkWhole(scope, 'circuitBreakerTripSeconds', props.circuitBreakerTripSeconds ?? 60, 10, 3_600);
  // The API takes a display name of up to 300 characters, the version set it creates (without
  // versionSetId) up to 100 (REST spec ApiVersionSetContractProperties.displayName; azurerm does not check it).
  const displayName = checkText(scope, 'displayName', props.displayName ?? name, props.versionSetId === undefined ? 100 : 300);
  if (props.description !== undefined) checkText(scope, 'description', props.description, 4000);
  const keyHeader = checkHeader(scope, 'subscriptionKeyHeaderName', props.subscriptionKeyHeaderName ?? DEFAULT_SUBSCRIPTION_KEY_HEADER);
  const keyQuery = props.subscriptionKeyQueryParameterName ?? DEFAULT_SUBSCRIPTION_KEY_QUERY;
  if (typeof keyQuery !== 'string' || !/^[A-Za-z0-9_-]{1,80}$/.test(keyQuery)) {
    invalid(scope, 'subscriptionKeyQueryParameterName', `'${keyQuery}' is not a query parameter name`, 'letters, digits, _ and -, up to 80 characters');
  }
  const maxBody = checkWhole(scope, 'maxRequestBodyBytes', props.maxRequestBodyBytes ?? DEFAULT_MAX_REQUEST_BODY_BYTES, 1, MAX_VALIDATE_CONTENT_SIZE);
  const contentTypes = checkContentTypes(scope, 'allowedContentTypes', props.allowedContentTypes ?? DEFAULT_CONTENT_TYPES);
  // Limits are validated once, when RateLimit / Quota makes them; here only their type.
  const subscriptionRate = requireRateLimit(scope, 'subscriptionRateLimit', props.subscriptionRateLimit ?? DEFAULT_SUBSCRIPTION_RATE_LIMIT);
  const ipRate = requireRateLimit(scope, 'clientIpRateLimit', props.clientIpRateLimit ?? DEFAULT_CLIENT_IP_RATE_LIMIT);
  const quota = requireQuota(scope, 'subscriptionQuota', props.subscriptionQuota ?? DEFAULT_SUBSCRIPTION_QUOTA);
  const extraResponseHeaders = (props.allowedResponseHeaders ?? []).map((h, i) => checkHeader(scope, `allowedResponseHeaders[${i}]`, h));
  const extraStatusCodes = (props.allowedResponseStatusCodes ?? []).map((c, i) => checkWhole(scope, `allowedResponseStatusCodes[${i}]`, c, 100, 599));
  const delegatedScopes = props.existingApp ? false : (props.delegatedScopes ?? true);
  const acceptScopes = props.acceptDelegatedScopes ?? false;
  const tokenValidation = props.tokenValidation ?? TokenValidation.AZURE_AD_TOKEN;
  if (!Object.values(TokenValidation).includes(tokenValidation)) {
    invalid(scope, 'tokenValidation', `is '${tokenValidation}'`, Object.values(TokenValidation).join(', '));
  }
  for (const [prop, action] of [
    ['undeclaredParameterAction', props.undeclaredParameterAction],
    ['undeclaredRequestHeaderAction', props.undeclaredRequestHeaderAction],
    ['undeclaredResponseHeaderAction', props.undeclaredResponseHeaderAction],
  ] as const) {
    if (action !== undefined && !Object.values(ValidationAction).includes(action)) {
      invalid(scope, prop, `is '${action}'`, Object.values(ValidationAction).join(', '));
    }
  }
  return {
    name,
    path,
    version,
    apiName,
    backendUrl,
    backendAudience,
    timeoutSeconds,
    breakerFailureCount,
    breakerTripSeconds,
    displayName,
    keyHeader,
    keyQuery,
    maxBody,
    contentTypes,
    subscriptionRate,
    ipRate,
    quota,
    extraResponseHeaders,
    extraStatusCodes,
    delegatedScopes,
    acceptScopes,
    tokenValidation,
  };
}
