/** Run-time types of `ProtectedApi`'s props (jsii and JavaScript callers can pass anything). Internal. */
import { ParameterType, TokenValidation } from './types';
import { Quota, RateLimit } from '../core/rate-limit';
import { T, TypeSpec } from '../core/validation';
import { isHealthcareApimPlatform } from '../platform/healthcare-apim-platform';
import { ValidationAction } from '../policy/content';

const PARAMETER = T.props({
  name: T.str,
  type: T.opt(T.enumOf(Object.values(ParameterType))),
  required: T.opt(T.bool),
  description: T.opt(T.str),
  allowedValues: T.opt(T.list(T.str)),
});
const PARAMETERS = T.opt(T.list(PARAMETER));
/** A RateLimit (RateLimit.perMinute(...)). */
export const RATE_LIMIT_TYPE = T.instance(RateLimit.isRateLimit, 'a RateLimit such as RateLimit.perMinute(300)');
/** A Quota (Quota.perDay(...)). */
export const QUOTA_TYPE = T.instance(Quota.isQuota, 'a Quota such as Quota.perDay(100000)');
const CONTROLS: Record<string, TypeSpec> = {
  requiredRoles: T.list(T.str),
  maxRequestBodyBytes: T.opt(T.int),
  allowedContentTypes: T.opt(T.list(T.str)),
  rateLimit: T.opt(RATE_LIMIT_TYPE),
};
const RESPONSE = T.props({
  statusCode: T.int,
  description: T.opt(T.str),
  schemaName: T.opt(T.str),
  contentTypes: T.opt(T.list(T.str)),
  headers: PARAMETERS,
});
const OPERATION = T.props({
  ...CONTROLS,
  method: T.str,
  urlTemplate: T.str,
  operationId: T.opt(T.str),
  displayName: T.opt(T.str),
  description: T.opt(T.str),
  templateParameters: PARAMETERS,
  queryParameters: PARAMETERS,
  requestHeaders: PARAMETERS,
  requestSchemaName: T.opt(T.str),
  responses: T.opt(T.list(RESPONSE)),
});
const CORS = T.props({
  allowedOrigins: T.list(T.str),
  allowedMethods: T.opt(T.list(T.str)),
  allowedHeaders: T.opt(T.list(T.str)),
  exposeHeaders: T.opt(T.list(T.str)),
  allowCredentials: T.opt(T.bool),
  preflightResultMaxAgeSeconds: T.opt(T.int),
});
const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
const ACTION = T.opt(T.enumOf(Object.values(ValidationAction)));

/** Every prop of ProtectedApiProps. */
export const PROTECTED_API_TYPES = T.props({
  platform: T.instance(isHealthcareApimPlatform, 'a SecureHealthcareApim, or a platform imported with SecureHealthcareApim.fromPlatformAttributes, the API is published on'),
  forwardCallerIdentity: T.opt(T.bool),
  allowDestroy: T.opt(T.bool),
  name: T.str,
  path: T.str,
  version: T.str,
  backendUrl: T.str,
  operations: T.opt(T.list(OPERATION)),
  openApi: T.opt(T.instance((v) => isObject(v) && typeof (v as { contentFormat?: unknown }).contentFormat === 'string',
    'an OpenApiDefinition (OpenApiDefinition.fromJson, fromYaml or fromUrl)')),
  importedOperations: T.opt(T.list(T.props({ ...CONTROLS, operationId: T.str }))),
  schemas: T.opt(T.list(T.props({ name: T.str, definition: T.str }))),
  displayName: T.opt(T.str),
  description: T.opt(T.str),
  versionSetId: T.opt(T.str),
  subscriptionKeyHeaderName: T.opt(T.str),
  subscriptionKeyQueryParameterName: T.opt(T.str),
  existingApp: T.opt(T.props({
    clientId: T.str,
    audience: T.str,
    servicePrincipalObjectId: T.opt(T.str),
    appRoleIds: T.opt(T.map(T.str)),
  })),
  appRegistrationName: T.opt(T.str),
  identifierUri: T.opt(T.str),
  appOwners: T.opt(T.list(T.str)),
  delegatedScopes: T.opt(T.bool),
  acceptDelegatedScopes: T.opt(T.bool),
  tokenValidation: T.opt(T.enumOf(Object.values(TokenValidation))),
  allowedClientApplicationIds: T.opt(T.list(T.str)),
  subscriptionRateLimit: T.opt(RATE_LIMIT_TYPE),
  clientIpRateLimit: T.opt(RATE_LIMIT_TYPE),
  subscriptionQuota: T.opt(QUOTA_TYPE),
  allowedIpRanges: T.opt(T.list(T.str)),
  maxRequestBodyBytes: T.opt(T.int),
  allowedContentTypes: T.opt(T.list(T.str)),
  undeclaredParameterAction: ACTION,
  allowUndeclaredParameters: T.opt(T.bool),
  allowUnloggedResponseHeaders: T.opt(T.bool),
  acknowledgeFhirAuditWithoutCaller: T.opt(T.bool),
  undeclaredRequestHeaderAction: ACTION,
  undeclaredResponseHeaderAction: ACTION,
  allowedResponseHeaders: T.opt(T.list(T.str)),
  allowedResponseStatusCodes: T.opt(T.list(T.int)),
  cors: T.opt(CORS),
  backendReadiness: T.opt(T.list(T.any)),
  backendAudience: T.opt(T.str),
  backendTimeoutSeconds: T.opt(T.int),
  circuitBreakerFailureCount: T.opt(T.int),
  circuitBreakerTripSeconds: T.opt(T.int),
});
