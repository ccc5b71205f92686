import { KqlAggregate, KqlPredicate, KqlQuery } from '../kql';
import { AGW_FIREWALL_LOGS } from '../tables';
import { ResolvedTuning } from '../tuning';
import { LogAlertDefinition } from './log-alert';

/** Defaults: at least 10 WAF blocks or detections for one client on one host in 15 minutes, severity 2. */
export const WAF_EVENTS_DEFAULTS: ResolvedTuning = { threshold: 10, windowMinutes: 15, frequencyMinutes: 5, severity: 2 };

/**
 * WAF blocks (prevention mode, custom block rules) and detections (detection mode) on
 * `AGWFirewallLogs`, by client IP and host. `Matched` rows (a rule matched part of a request
 * during anomaly scoring) are left out: the `Blocked`/`Detected` row is the decision.
 */
export function wafEvents(t: ResolvedTuning): LogAlertDefinition {
  const query = KqlQuery.from(AGW_FIREWALL_LOGS)
    .where(KqlPredicate.inList('Action', ['Blocked', 'Detected']))
    .summarize([KqlAggregate.count('WafEvents'), KqlAggregate.dcount('DistinctRules', 'RuleId'), KqlAggregate.dcount('DistinctUris', 'RequestUri')],
      { by: ['ClientIp', 'Hostname'], binMinutes: t.windowMinutes })
    .where(KqlPredicate.compare('WafEvents', '>=', t.threshold));
  return {
    id: 'waf-events',
    tuningProp: 'wafEvents',
    displayName: 'WAF: blocked or detected requests by client',
    description: `At least ${t.threshold} WAF blocks or detections for one client IP and host within ${t.windowMinutes} minutes.`,
    query: query.render(),
    dimensions: ['ClientIp', 'Hostname'],
    tuning: t,
  };
}
