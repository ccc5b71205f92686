import { RuleCategory } from '../category';
import { blocks, HipaaRule, isExpression, ResourceView, Unknown, unknownValue } from '../rule';
import { HipaaSafeguard } from '../safeguard';
import { alertActionGroups } from './monitor-action-group';

/** Whether a query reads the gateway log for 401/403 answers. */
export function watchesFailedAuth(query: string): boolean {
  return /\bApiManagementGatewayLogs\b/.test(query) && /\bResponseCode\b/.test(query) && /\b40[13]\b/.test(query);
}

export const MONITOR_FAILED_AUTH_ALERT: HipaaRule = {
  id: 'MONITOR-FAILED-AUTH-ALERT',
  category: RuleCategory.HIPAA,
  title: 'Failed authentication is reviewed: an enabled log alert over ApiManagementGatewayLogs fires on 401/403 answers and notifies an action group',
  safeguard: HipaaSafeguard.ACTIVITY_REVIEW,
  control: 'Microsoft cloud security benchmark LT-1 (enable threat detection capabilities); supports HIPAA log-in monitoring, 164.308(a)(5)(ii)(C)',
  fix: 'Add an azurerm_monitor_scheduled_query_rules_alert_v2 over the workspace whose query counts ApiManagementGatewayLogs rows with ResponseCode in (401, 403), with action.action_groups set (SecureHealthcareApim does: failedAuthenticationByCaller / ByApi)',
  resourceTypes: ['azurerm_api_management'],
  check(_r, stack) {
    const alerts = stack.ofType('azurerm_monitor_scheduled_query_rules_alert_v2');
    let unknown: Unknown | undefined;
    let unrouted = false;
    for (const alert of alerts) {
      const verdict = alertVerdict(alert);
      if (verdict === 'pass') return undefined;
      if (verdict === 'unrouted') unrouted = true;
      else if (verdict instanceof Unknown) unknown = unknown ?? verdict;
    }
    if (unknown) return new Unknown(`has no failed-authentication alert known at synth: ${unknown.reason}`);
    if (unrouted) return 'has a failed-authentication log alert that is disabled or notifies no action group';
    return 'has no log alert on failed authentication (401/403 in ApiManagementGatewayLogs)';
  },
};

function alertVerdict(alert: ResourceView): 'pass' | 'unrouted' | 'other' | Unknown {
  const queries = blocks(alert.config.criteria).map((c) => c.query);
  const dynamic = queries.find((q) => isExpression(q));
  if (!queries.some((q) => typeof q === 'string' && !isExpression(q) && watchesFailedAuth(q))) {
    return dynamic !== undefined ? new Unknown(`${alert.address} sets criteria.query to ${String(dynamic)}, an expression whose value is not known at synth`) : 'other';
  }
  if (alert.config.enabled === false || alertActionGroups(alert).length === 0) return 'unrouted';
  if (isExpression(alert.config.enabled)) return unknownValue(`enabled of ${alert.address}`, alert.config.enabled);
  return 'pass';
}
