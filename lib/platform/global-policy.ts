/** The platform's global policy: security headers, abuse floor, one error shape. Internal. */
import {
  Cors, CorsProps, ForwardRequest, JsonErrorResponse, PolicyDocument, PolicyScope, PolicySection, PolicyValue,
  RateLimitByKey, ResponseHeader, SetHeader, SetVariable,
} from '../policy';

/** Response headers every API answers with (name → value). */
export const SECURITY_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  ['Content-Security-Policy', "default-src 'self'"],
  ['Cache-Control', 'no-store'],
];

/**
 * Headers that reveal the backend's stack, removed from every response at global scope (before
 * any API's `validate-headers` runs); APIM can remove these (not `Server`).
 */
export const REMOVED_RESPONSE_HEADERS = ['X-Powered-By', 'X-AspNet-Version', 'X-AspNetMvc-Version'];

/** The context variable ProtectedApi sets to choose the backend timeout, in seconds. */
export const BACKEND_TIMEOUT_VARIABLE = 'backend-timeout-seconds';

/** Backend timeout used when an API sets none, in seconds. */
export const DEFAULT_BACKEND_TIMEOUT_SECONDS = 60;

/** An error kind: the `code` of the JSON error, its status and message. */
const ERROR_KINDS: ReadonlyArray<readonly [string, number, string]> = [
  ['unauthorized', 401, 'A valid bearer token is required.'],
  ['forbidden', 403, 'The caller is not allowed to perform this operation.'],
  ['not_found', 404, 'The requested resource was not found.'],
  ['bad_request', 400, 'The request is not valid for this API.'],
  ['payload_too_large', 413, 'The request body is too large.'],
  ['too_many_requests', 429, 'Too many requests; retry later.'],
  ['bad_gateway', 502, 'The backend returned an invalid response.'],
  ['gateway_timeout', 504, 'The backend did not respond in time.'],
  ['internal_error', 500, 'The request could not be processed.'],
];

/**
 * C# that classifies `context.LastError` into an error kind. It reads only the error's Source
 * and Reason, never its Message, so no exception detail reaches the caller.
 */
const CLASSIFY_ERROR = [
  'var e = context.LastError;',
  'var source = e == null ? "" : (e.Source ?? "");',
  'var reason = e == null ? "" : (e.Reason ?? "");',
  'if (source == "validate-jwt" || source == "validate-azure-ad-token") { return reason.Contains("Claim") ? "forbidden" : "unauthorized"; }',
  'if (source == "authorization") { return "unauthorized"; }',
  'if (source == "ip-filter" || source == "check-header") { return "forbidden"; }',
  'if (source.StartsWith("rate-limit") || source.StartsWith("quota")) { return "too_many_requests"; }',
  'if (source == "validate-content" && reason.Contains("Size")) { return "payload_too_large"; }',
  'if (source == "validate-content" || source == "validate-parameters") { return "bad_request"; }',
  'if (source == "validate-headers" || source == "validate-status-code") { return "bad_gateway"; }',
  'if (source == "forward-request") { return reason.Contains("Timeout") ? "gateway_timeout" : "bad_gateway"; }',
  'if (source == "configuration" && reason.Contains("NotFound")) { return "not_found"; }',
  'return "internal_error";',
].join(' ');

function lookup(index: 1 | 2): string {
  const cases = ERROR_KINDS.map((k) => `if (code == "${k[0]}") { return ${index === 1 ? k[1] : `"${k[2]}"`}; }`).join(' ');
  return `var code = context.Variables.GetValueOrDefault<string>("error-code", "internal_error"); ${cases} return ${index === 1 ? 500 : '"The request could not be processed."'};`;
}

/** The security headers as `return-response` headers, for error responses that skip outbound. */
export function securityResponseHeaders(): ResponseHeader[] {
  return SECURITY_HEADERS.map(([name, value]) => ({ name, value: PolicyValue.literal(value) }));
}

/** The on-error elements that turn any error into the JSON error shape. */
export function jsonErrorHandler(): [SetVariable, SetVariable, SetVariable, JsonErrorResponse] {
  return [
    new SetVariable({ name: 'error-code', value: PolicyValue.multiStatement(CLASSIFY_ERROR) }),
    new SetVariable({ name: 'error-status', value: PolicyValue.multiStatement(lookup(1)) }),
    new SetVariable({ name: 'error-message', value: PolicyValue.multiStatement(lookup(2)) }),
    JsonErrorResponse.fromContextVariables(securityResponseHeaders()),
  ];
}

/** The APIM expression for the calling client's IP. */
export function clientIpExpression(behindEdge: boolean): PolicyValue {
  // Behind the Application Gateway, the gateway appends "client-ip:port" as the last
  // X-Forwarded-For entry; earlier entries come from the caller and are not trusted.
  return behindEdge
    ? PolicyValue.expression('context.Request.Headers.GetValueOrDefault("X-Forwarded-For", context.Request.IpAddress).Split(\',\').Last().Trim().Split(\':\')[0]')
    : PolicyValue.expression('context.Request.IpAddress');
}

/** Options of the global policy. */
export interface GlobalPolicyOptions {
  readonly cors?: CorsProps;
  readonly clientIpCalls: number;
  readonly clientIpPeriodSeconds: number;
  readonly keyedLimits: boolean;
  readonly behindEdge: boolean;
}

/** Builds the global policy document; user elements are appended by the platform. */
export function buildGlobalPolicy(options: GlobalPolicyOptions): PolicyDocument {
  const doc = new PolicyDocument({ scope: PolicyScope.GLOBAL });
  if (options.cors) doc.add(PolicySection.INBOUND, new Cors(options.cors));
  if (options.keyedLimits) {
    doc.add(PolicySection.INBOUND, new RateLimitByKey({
      calls: options.clientIpCalls,
      renewalPeriodSeconds: options.clientIpPeriodSeconds,
      counterKey: clientIpExpression(options.behindEdge),
    }));
  }
  doc.add(PolicySection.BACKEND, new ForwardRequest({
    timeout: PolicyValue.expression(`context.Variables.GetValueOrDefault<int>("${BACKEND_TIMEOUT_VARIABLE}", ${DEFAULT_BACKEND_TIMEOUT_SECONDS})`),
  }));
  doc.add(PolicySection.OUTBOUND,
    ...SECURITY_HEADERS.map(([name, value]) => SetHeader.override(name, value)),
    ...REMOVED_RESPONSE_HEADERS.map((name) => SetHeader.remove(name)));
  doc.add(PolicySection.ON_ERROR, ...jsonErrorHandler());
  return doc;
}
