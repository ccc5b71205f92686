/** The platform's global policy: security headers, abuse floor, one error shape. Internal. */
import { ApiManagement } from '@cdktf/provider-azurerm/lib/api-management';
import { ApiManagementPolicy } from '@cdktf/provider-azurerm/lib/api-management-policy';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import {
  Choose, Cors, CorsProps, ForwardRequest, JsonErrorResponse, PolicyDocument, PolicyScope, PolicySection, PolicyValue,
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

/**
 * The context variable every platform rate limit stores its retry interval in
 * (`retry-after-variable-name`), so the on-error handler can send `Retry-After` again: its
 * `return-response` builds a new response, without the header the rate limit set.
 */
export const RETRY_AFTER_VARIABLE = 'rate-limit-retry-after';

/** An error kind: the `code` of the JSON error, its status and message. */
const ERROR_KINDS: ReadonlyArray<readonly [string, number, string]> = [
  ['unauthorized', 401, 'A valid bearer token is required.'],
  ['subscription_key_missing', 401, 'A subscription key is required; none was sent.'],
  ['subscription_key_invalid', 401, 'The subscription key is not valid for an active subscription.'],
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
 * C# that classifies `context.LastError` into an error kind; every path returns a fixed code,
 * so nothing of the error reaches the caller. Sources, reasons and messages are those of
 * Microsoft's "Error handling in API Management policies" (predefined errors) and the
 * validation policies' error reference:
 * - `BackendConnectionFailure` has source "multiple" (forward-request, send-request, ...):
 *   matched on the reason alone, before any source.
 * - The subscription key: source "authorization", reason `SubscriptionKeyNotFound` (missing)
 *   or `SubscriptionKeyInvalid`.
 * - validate-content: the reason is only "Bad request" (inbound) or "Response not allowed";
 *   the size detail is in the message ("Request's body is {size} bytes long and it exceeds
 *   the configured limit of {maxSize} bytes."), which is read here and never returned. A
 *   failure in outbound or on-error is about the backend's response: 502, like
 *   validate-headers ("400 when the policy is applied in the inbound section, and 502 when
 *   the policy is applied in the outbound section").
 */
const CLASSIFY_ERROR = [
  'var e = context.LastError;',
  'var source = e == null ? "" : (e.Source ?? "");',
  'var reason = e == null ? "" : (e.Reason ?? "");',
  'var section = e == null ? "" : (e.Section ?? "");',
  'var message = e == null ? "" : (e.Message ?? "");',
  'if (reason == "BackendConnectionFailure") { return "bad_gateway"; }',
  'if (source == "validate-jwt" || source == "validate-azure-ad-token") { return reason.Contains("Claim") ? "forbidden" : "unauthorized"; }',
  'if (source == "authorization" && reason == "SubscriptionKeyNotFound") { return "subscription_key_missing"; }',
  'if (source == "authorization" && reason == "SubscriptionKeyInvalid") { return "subscription_key_invalid"; }',
  'if (source == "authorization") { return "unauthorized"; }',
  'if (source == "ip-filter" || source == "check-header") { return "forbidden"; }',
  'if (source.StartsWith("rate-limit") || source.StartsWith("quota")) { return "too_many_requests"; }',
  'if (source == "validate-content" && (section == "outbound" || section == "on-error")) { return "bad_gateway"; }',
  'if (source == "validate-content" && message.StartsWith("Request\'s body") && message.Contains("exceeds")) { return "payload_too_large"; }',
  'if (source == "validate-content" || source == "validate-parameters") { return "bad_request"; }',
  'if (source == "validate-headers" || source == "validate-status-code") { return "bad_gateway"; }',
  'if (source == "forward-request") { return reason.Contains("Timeout") ? "gateway_timeout" : "bad_gateway"; }',
  'if (source == "configuration" && reason.Contains("NotFound")) { return "not_found"; }',
  'return "internal_error";',
].join(' ');

/**
 * C# for the `Retry-After` value of a 429: the seconds a platform rate limit stored in
 * `RETRY_AFTER_VARIABLE`, else the `Retry-After` header the limit set on the response
 * (quota-by-key has no variable; its reference says the response carries the header), as a
 * whole number; empty when neither is there or the error is not a 429.
 */
const RETRY_AFTER = [
  'if (context.Variables.GetValueOrDefault<string>("error-code", "") != "too_many_requests") { return ""; }',
  'int seconds;',
  // The variable's .NET type is not documented: read it untyped and parse its text.
  `if (context.Variables.ContainsKey("${RETRY_AFTER_VARIABLE}") && int.TryParse(Convert.ToString(context.Variables["${RETRY_AFTER_VARIABLE}"]), out seconds) && seconds >= 0) { return seconds.ToString(); }`,
  'var header = context.Response == null ? "" : context.Response.Headers.GetValueOrDefault("Retry-After", "");',
  'if (int.TryParse(header, out seconds) && seconds >= 0) { return seconds.ToString(); }',
  'return "";',
].join(' ');

function lookup(index: 1 | 2): string {
  const cases = ERROR_KINDS.map((k) => `if (code == "${k[0]}") { return ${index === 1 ? k[1] : `"${k[2]}"`}; }`).join(' ');
  return `var code = context.Variables.GetValueOrDefault<string>("error-code", "internal_error"); ${cases} return ${index === 1 ? 500 : '"The request could not be processed."'};`;
}

/** The security headers as `return-response` headers, for error responses that skip outbound. */
export function securityResponseHeaders(): ResponseHeader[] {
  return SECURITY_HEADERS.map(([name, value]) => ({ name, value: PolicyValue.literal(value) }));
}

/**
 * The on-error elements that turn any error into the JSON error shape: the error kind, status,
 * message and retry interval as variables, then the response, with `Retry-After` when there is
 * a retry interval.
 */
export function jsonErrorHandler(): [SetVariable, SetVariable, SetVariable, SetVariable, Choose] {
  const retryAfter = 'context.Variables.GetValueOrDefault<string>("error-retry-after", "")';
  return [
    new SetVariable({ name: 'error-code', value: PolicyValue.multiStatement(CLASSIFY_ERROR) }),
    new SetVariable({ name: 'error-status', value: PolicyValue.multiStatement(lookup(1)) }),
    new SetVariable({ name: 'error-message', value: PolicyValue.multiStatement(lookup(2)) }),
    new SetVariable({ name: 'error-retry-after', value: PolicyValue.multiStatement(RETRY_AFTER) }),
    new Choose({
      branches: [{
        condition: PolicyValue.expression(`${retryAfter} != ""`),
        elements: [JsonErrorResponse.fromContextVariables([
          ...securityResponseHeaders(),
          { name: 'Retry-After', value: PolicyValue.expression(retryAfter) },
        ])],
      }],
      otherwise: [JsonErrorResponse.fromContextVariables(securityResponseHeaders())],
    }),
  ];
}

/**
 * C# that reads the client address from the last X-Forwarded-For entry, the one the
 * Application Gateway appends ("a comma-separated list of IP:port"; earlier entries come from
 * the caller and are not trusted): `[v6]:port`, `v4:port`, or a bare address, normalized by
 * `System.Net.IPAddress` (IPv4-mapped IPv6 as IPv4). Without the header (a caller inside the
 * network) it is the address APIM received the request from; an entry that does not parse
 * gives an empty string, which no IP check accepts.
 */
const FORWARDED_CLIENT_IP = [
  'var forwarded = context.Request.Headers.GetValueOrDefault("X-Forwarded-For", "");',
  'if (forwarded.Trim().Length == 0) { return context.Request.IpAddress; }',
  'var last = forwarded.Split(\',\').Last().Trim();',
  'if (last.StartsWith("[")) { var end = last.IndexOf(\']\'); last = end > 0 ? last.Substring(1, end - 1) : ""; }',
  'else if (last.IndexOf(\':\') > 0 && last.IndexOf(\':\') == last.LastIndexOf(\':\')) { last = last.Substring(0, last.IndexOf(\':\')); }',
  'System.Net.IPAddress ip;',
  'if (!System.Net.IPAddress.TryParse(last, out ip)) { return ""; }',
  'return ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4().ToString() : ip.ToString();',
].join(' ');

/** The APIM expression for the calling client's IP. */
export function clientIpExpression(behindEdge: boolean): PolicyValue {
  return behindEdge ? PolicyValue.multiStatement(FORWARDED_CLIENT_IP) : PolicyValue.expression('context.Request.IpAddress');
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
      retryAfterVariableName: RETRY_AFTER_VARIABLE,
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

/** Builds the global policy and applies it to the instance; elements added to the document later are included. */
export function applyGlobalPolicy(scope: Construct, apim: ApiManagement, options: GlobalPolicyOptions): PolicyDocument {
  const doc = buildGlobalPolicy(options);
  new ApiManagementPolicy(scope, 'GlobalPolicy', {
    apiManagementId: apim.id,
    xmlContent: Lazy.stringValue({ produce: () => doc.toTerraformString() }),
  });
  return doc;
}
