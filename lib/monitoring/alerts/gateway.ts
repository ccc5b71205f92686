import { KqlAggregate, KqlPredicate, KqlQuery } from '../kql';
import { API_MANAGEMENT_GATEWAY_LOGS } from '../tables';
import { ResolvedTuning } from '../tuning';
import { LogAlertDefinition } from './log-alert';

/**
 * Log alerts over `ApiManagementGatewayLogs`. Each returns rows only when its threshold is
 * crossed inside one `bin(TimeGenerated, window)`, so the rule fires on "at least one row".
 *
 * Behind the Application Gateway, `CallerIpAddress` is the gateway's address: the per-caller
 * alerts group by `ClientIp`, the last `X-Forwarded-For` hop the gateway appended (the platform's
 * APIM diagnostic logs that header when it has an edge), falling back to `CallerIpAddress`.
 * The WAF alert groups by the client the gateway saw (`AGWFirewallLogs.ClientIp`).
 */
const LOGS = API_MANAGEMENT_GATEWAY_LOGS;

/** Options shared by the gateway alerts. */
export interface GatewayAlertOptions {
  /** IPv4 addresses or CIDR ranges left out of the per-caller alerts (validated by the caller). */
  readonly excludedCallerRanges: string[];
}

/** The column with the real client address (see the module comment). */
export const CLIENT_IP = 'ClientIp';

function fromGateway(options: GatewayAlertOptions): KqlQuery {
  const q = KqlQuery.from(LOGS).extendClientIp(CLIENT_IP);
  return options.excludedCallerRanges.length === 0 ? q
    : q.where(KqlPredicate.negate(KqlPredicate.ipv4InAnyRange(CLIENT_IP, options.excludedCallerRanges)));
}


const AUTH_FAILED = KqlPredicate.inList('ResponseCode', [401, 403]);

/** Defaults: at least 20 failed authentications (401/403) from one caller IP in 15 minutes, severity 2. */
export const FAILED_AUTH_BY_CALLER_DEFAULTS: ResolvedTuning = { threshold: 20, windowMinutes: 15, frequencyMinutes: 5, severity: 2 };

/** Many 401/403 answers to one caller IP: credential stuffing or a stolen, revoked token. */
export function failedAuthByCaller(t: ResolvedTuning, options: GatewayAlertOptions): LogAlertDefinition {
  const query = fromGateway(options)
    .where(AUTH_FAILED)
    .summarize([KqlAggregate.count('FailedRequests'), KqlAggregate.dcount('DistinctApis', 'ApiId')], { by: [CLIENT_IP], binMinutes: t.windowMinutes })
    .where(KqlPredicate.compare('FailedRequests', '>=', t.threshold));
  return {
    id: 'failed-auth-by-caller',
    tuningProp: 'failedAuthenticationByCaller',
    displayName: 'APIM: failed authentication by caller IP',
    description: `At least ${t.threshold} requests answered 401/403 for one caller IP within ${t.windowMinutes} minutes.`,
    query: query.render(),
    dimensions: [CLIENT_IP],
    tuning: t,
  };
}

/** Defaults: at least 100 failed authentications (401/403) on one API in 15 minutes, severity 3. */
export const FAILED_AUTH_BY_API_DEFAULTS: ResolvedTuning = { threshold: 100, windowMinutes: 15, frequencyMinutes: 5, severity: 3 };

/** Many 401/403 answers on one API from any callers: a distributed attack or a broken client rollout. */
export function failedAuthByApi(t: ResolvedTuning, options: GatewayAlertOptions): LogAlertDefinition {
  const query = fromGateway(options)
    .where(AUTH_FAILED)
    .summarize([KqlAggregate.count('FailedRequests'), KqlAggregate.dcount('DistinctCallers', CLIENT_IP)], { by: ['ApiId'], binMinutes: t.windowMinutes })
    .where(KqlPredicate.compare('FailedRequests', '>=', t.threshold));
  return {
    id: 'failed-auth-by-api',
    tuningProp: 'failedAuthenticationByApi',
    displayName: 'APIM: failed authentication by API',
    description: `At least ${t.threshold} requests to one API answered 401/403 within ${t.windowMinutes} minutes.`,
    query: query.render(),
    dimensions: ['ApiId'],
    tuning: t,
  };
}

/** Defaults: at least 50 throttled (429) requests for one subscription and caller in 5 minutes, severity 3. */
export const THROTTLING_DEFAULTS: ResolvedTuning = { threshold: 50, windowMinutes: 5, frequencyMinutes: 5, severity: 3 };

/** A burst of 429s: a client ignoring rate limits (scraping, abuse) or a limit set too low. */
export function throttlingBurst(t: ResolvedTuning, options: GatewayAlertOptions): LogAlertDefinition {
  const query = fromGateway(options)
    .where(KqlPredicate.equals('ResponseCode', 429))
    .summarize([KqlAggregate.count('ThrottledRequests')], { by: ['ApimSubscriptionId', CLIENT_IP], binMinutes: t.windowMinutes })
    .where(KqlPredicate.compare('ThrottledRequests', '>=', t.threshold));
  return {
    id: 'throttling-burst',
    tuningProp: 'throttling',
    displayName: 'APIM: burst of throttled (429) requests',
    description: `At least ${t.threshold} requests from one subscription and caller IP answered 429 within ${t.windowMinutes} minutes.`,
    query: query.render(),
    dimensions: ['ApimSubscriptionId', CLIENT_IP],
    tuning: t,
  };
}

/** Defaults: at least 10 gateway 5xx answers on one API in 5 minutes, severity 2. */
export const SERVER_ERRORS_DEFAULTS: ResolvedTuning = { threshold: 10, windowMinutes: 5, frequencyMinutes: 5, severity: 2 };

/** 5xx answers from the gateway on one API. */
export function serverErrors(t: ResolvedTuning): LogAlertDefinition {
  const query = KqlQuery.from(LOGS)
    .where(KqlPredicate.compare('ResponseCode', '>=', 500))
    .summarize([KqlAggregate.count('ServerErrors'), KqlAggregate.dcount('DistinctErrorReasons', 'LastErrorReason')], { by: ['ApiId'], binMinutes: t.windowMinutes })
    .where(KqlPredicate.compare('ServerErrors', '>=', t.threshold));
  return {
    id: 'server-errors',
    tuningProp: 'serverErrors',
    displayName: 'APIM: 5xx responses by API',
    description: `At least ${t.threshold} requests to one API answered 5xx within ${t.windowMinutes} minutes.`,
    query: query.render(),
    dimensions: ['ApiId'],
    tuning: t,
  };
}

/** Defaults: at least 10 backend failures on one API in 5 minutes, severity 2. */
export const BACKEND_FAILURES_DEFAULTS: ResolvedTuning = { threshold: 10, windowMinutes: 5, frequencyMinutes: 5, severity: 2 };

/** The backend answered 5xx, or could not be reached (the error comes from `forward-request`). */
export function backendFailures(t: ResolvedTuning): LogAlertDefinition {
  const query = KqlQuery.from(LOGS)
    .where(KqlPredicate.anyOf(KqlPredicate.compare('BackendResponseCode', '>=', 500), KqlPredicate.equals('LastErrorSource', 'forward-request')))
    .summarize([KqlAggregate.count('BackendFailures')], { by: ['ApiId'], binMinutes: t.windowMinutes })
    .where(KqlPredicate.compare('BackendFailures', '>=', t.threshold));
  return {
    id: 'backend-failures',
    tuningProp: 'backendFailures',
    displayName: 'APIM: backend failures by API',
    description: `At least ${t.threshold} requests to one API failed at the backend (5xx or unreachable) within ${t.windowMinutes} minutes.`,
    query: query.render(),
    dimensions: ['ApiId'],
    tuning: t,
  };
}

/** Defaults: one caller reaching at least 200 distinct URLs in 15 minutes, severity 2. */
export const ENUMERATION_DEFAULTS: ResolvedTuning = { threshold: 200, windowMinutes: 15, frequencyMinutes: 5, severity: 2 };

/**
 * One caller (by IP, or by APIM subscription) touching many distinct URLs: record enumeration,
 * e.g. walking patient ids.
 */
export function enumeration(t: ResolvedTuning, by: 'ClientIp' | 'ApimSubscriptionId', options: GatewayAlertOptions): LogAlertDefinition {
  const base = by === CLIENT_IP ? fromGateway(options) : KqlQuery.from(LOGS);
  const query = base
    .where(KqlPredicate.isNotEmpty(by))
    .summarize([KqlAggregate.dcount('DistinctUrls', 'Url'), KqlAggregate.dcount('DistinctOperations', 'OperationId'), KqlAggregate.count('Requests')], { by: [by], binMinutes: t.windowMinutes })
    .where(KqlPredicate.compare('DistinctUrls', '>=', t.threshold));
  const who = by === CLIENT_IP ? 'caller IP' : 'APIM subscription';
  return {
    id: by === CLIENT_IP ? 'enumeration-by-caller' : 'enumeration-by-subscription',
    tuningProp: 'enumeration',
    displayName: `APIM: one ${who} touching many distinct URLs`,
    description: `One ${who} requested at least ${t.threshold} distinct URLs within ${t.windowMinutes} minutes.`,
    query: query.render(),
    dimensions: [by],
    tuning: t,
  };
}
