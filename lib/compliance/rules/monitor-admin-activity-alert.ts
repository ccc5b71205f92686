import { RuleCategory } from '../category';
import { block, HipaaRule, isExpression, ResourceView, Unknown } from '../rule';
import { HipaaSafeguard } from '../safeguard';
import { alertActionGroups } from './monitor-action-group';

export const MONITOR_ADMIN_ACTIVITY_ALERT: HipaaRule = {
  id: 'MONITOR-ADMIN-ACTIVITY-ALERT',
  category: RuleCategory.HIPAA,
  title: 'Administrative (control-plane) activity is reviewed: an enabled activity-log alert on the Administrative category notifies an action group',
  safeguard: HipaaSafeguard.ACTIVITY_REVIEW,
  control: 'Azure Policy: an activity log alert should exist for specific administrative operations (CIS Azure 5.2); MCSB LT-3',
  fix: 'Add an azurerm_monitor_activity_log_alert with criteria { category = "Administrative", operation_name = … } (e.g. Microsoft.Authorization/roleAssignments/write) and an action { action_group_id } (SecureHealthcareApim does)',
  resourceTypes: ['azurerm_api_management'],
  check(_r, stack) {
    let unknown: Unknown | undefined;
    let unrouted = false;
    for (const alert of stack.ofType('azurerm_monitor_activity_log_alert')) {
      const verdict = alertVerdict(alert);
      if (verdict === 'pass') return undefined;
      if (verdict === 'unrouted') unrouted = true;
      else if (verdict instanceof Unknown) unknown = unknown ?? verdict;
    }
    if (unknown) return new Unknown(`has no administrative activity-log alert known at synth: ${unknown.reason}`);
    if (unrouted) return 'has an administrative activity-log alert that is disabled or notifies no action group';
    return 'has no activity-log alert on administrative operations';
  },
};

function alertVerdict(alert: ResourceView): 'pass' | 'unrouted' | 'other' | Unknown {
  const category = block(alert.config.criteria)?.category;
  if (isExpression(category)) return new Unknown(`${alert.address} sets criteria.category to ${String(category)}, an expression whose value is not known at synth`);
  if (category !== 'Administrative') return 'other';
  if (alert.config.enabled === false || alertActionGroups(alert).length === 0) return 'unrouted';
  if (isExpression(alert.config.enabled)) return new Unknown(`${alert.address} sets enabled to ${String(alert.config.enabled)}, an expression whose value is not known at synth`);
  return 'pass';
}
