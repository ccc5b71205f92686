/** Secure defaults and fixed names of `ProtectedApi`. Internal (not exported from the package). */
import { Quota, RateLimit } from '../core/rate-limit';
import { SECURITY_HEADERS } from '../platform/global-policy';

/** Default largest request body: 1 MiB. */
export const DEFAULT_MAX_REQUEST_BODY_BYTES = 1_048_576;
/** Default request content types. */
export const DEFAULT_CONTENT_TYPES = ['application/json', 'application/fhir+json'];
/** Default backend timeout in seconds. */
export const DEFAULT_API_BACKEND_TIMEOUT_SECONDS = 30;
/** Default rate limit per subscription. */
export const DEFAULT_SUBSCRIPTION_RATE_LIMIT = RateLimit.perMinute(300);
/** Default rate limit per client IP. */
export const DEFAULT_CLIENT_IP_RATE_LIMIT = RateLimit.perMinute(120);
/** Default quota per subscription: 100,000 calls a day. */
export const DEFAULT_SUBSCRIPTION_QUOTA = Quota.perDay(100_000);
/** Suffix of the delegated scope created for each app role (role and scope values share one namespace). */
export const DELEGATED_SCOPE_SUFFIX = '.Delegated';
/** The context variable that holds the validated token, read by the role checks. */
export const TOKEN_VARIABLE = 'protected-api-token';
/** The context variable that holds the client IP for the per-IP counter. */
export const CLIENT_IP_VARIABLE = 'protected-api-client-ip';

/**
 * Response headers let through by name besides those an operation declares, whatever
 * `undeclaredResponseHeaderAction` is (so they neither fail a PREVENT check nor fill the log
 * under DETECT): the platform's security headers (set at global scope before the API's
 * outbound runs), standard entity and caching headers, and the W3C trace-context and request-id
 * headers backends and Azure services answer with.
 *
 * Not listed on purpose: `WWW-Authenticate` (a backend's challenge describes the backend's own
 * authentication, which callers never use; the gateway's 401 comes from on-error), and the
 * headers that describe the backend's stack (`X-Powered-By`, ...), which the global policy
 * removes before this check.
 */
export const STANDARD_RESPONSE_HEADERS = [
  ...SECURITY_HEADERS.map(([name]) => name),
  'Content-Type', 'Content-Length', 'Content-Location', 'Content-Encoding', 'Content-Language', 'Content-Disposition',
  'Date', 'ETag', 'Last-Modified', 'Expires', 'Pragma', 'Location', 'Retry-After', 'Vary', 'Accept-Ranges', 'Allow',
  'traceparent', 'tracestate', 'Request-Id', 'X-Request-Id', 'X-Correlation-Id', 'x-ms-request-id',
];

/**
 * Status codes let through besides those an operation declares: client errors that carry no
 * backend internals (a backend 5xx is replaced by the platform's 502 JSON error).
 */
export const PASSTHROUGH_STATUS_CODES = [400, 401, 403, 404, 429];
