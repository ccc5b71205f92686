import { RuleCategory } from '../category';
import { blocks, CheckResult, HipaaRule, isExpression, ResourceView, StackView, Unknown, unknownValue } from '../rule';
import { HipaaSafeguard } from '../safeguard';

/** The receiver blocks of `azurerm_monitor_action_group`. */
export const ACTION_GROUP_RECEIVERS = [
  'email_receiver', 'sms_receiver', 'webhook_receiver', 'logic_app_receiver', 'event_hub_receiver', 'azure_app_push_receiver', 'voice_receiver',
  'arm_role_receiver', 'automation_runbook_receiver', 'azure_function_receiver', 'itsm_receiver',
];

/** The alert resources whose routing the rule reads, with how each names its action groups. */
export const ALERT_TYPES = ['azurerm_monitor_scheduled_query_rules_alert_v2', 'azurerm_monitor_metric_alert', 'azurerm_monitor_activity_log_alert'];

/** The action group ids an alert resource notifies (literal ids or references). */
export function alertActionGroups(alert: ResourceView): unknown[] {
  if (alert.type === 'azurerm_monitor_scheduled_query_rules_alert_v2') return blocks(alert.config.action).flatMap((a) => (Array.isArray(a.action_groups) ? a.action_groups : [a.action_groups]));
  return blocks(alert.config.action).map((a) => a.action_group_id);
}

export const MONITOR_ACTION_GROUP: HipaaRule = {
  id: 'MONITOR-ACTION-GROUP',
  category: RuleCategory.HIPAA,
  title: 'Security alerts reach responders: the stack has an enabled action group with at least one receiver (e-mail, webhook, Logic App, Event Hub, …)',
  safeguard: HipaaSafeguard.SECURITY_INCIDENT_PROCEDURES,
  control: 'Microsoft cloud security benchmark IR-2 (preparation: setup incident notification) and LT-1 (enable threat detection capabilities)',
  fix: 'Create an azurerm_monitor_action_group with enabled = true and an email_receiver for the security contact (SecureHealthcareApim does, from securityContactEmails), and route the alerts to it',
  resourceTypes: ['azurerm_api_management', 'azurerm_monitor_action_group'],
  check(r, stack) {
    if (r.type === 'azurerm_monitor_action_group') return groupVerdict(r);
    const verdicts = stack.ofType('azurerm_monitor_action_group').map(groupVerdict);
    if (verdicts.some((v) => v === undefined)) return undefined;
    const undecided = verdicts.find((v): v is Unknown => v instanceof Unknown);
    if (undecided) return new Unknown(`has no action group known at synth to have a receiver: one ${undecided.reason}`);
    const external = externalGroups(stack);
    if (external.length) return new Unknown(`routes its alerts to action group(s) outside this stack (${external.join(', ')}), whose receivers are not evidenced at synth`);
    return 'has no action group with a receiver for security alerts in the stack';
  },
};

function groupVerdict(g: ResourceView): CheckResult {
  const enabled = g.config.enabled;
  if (enabled === false) return 'is disabled (enabled = false): it notifies nobody';
  const receivers = ACTION_GROUP_RECEIVERS.map((k) => g.config[k]);
  const dynamic = ACTION_GROUP_RECEIVERS.find((k) => isExpression(g.config[k]));
  const count = receivers.reduce((n, v) => n + (isExpression(v) ? 0 : blocks(v).length), 0);
  if (count === 0 && dynamic === undefined) return 'has no receiver';
  if (isExpression(enabled)) return unknownValue('enabled', enabled);
  if (count === 0) return unknownValue(dynamic!, g.config[dynamic!]);
  return undefined;
}

/** Literal action group ids the stack's alerts notify that are not action groups of the stack. */
function externalGroups(stack: StackView): string[] {
  const ids = new Set<string>();
  for (const alert of stack.ofType(...ALERT_TYPES)) {
    for (const id of alertActionGroups(alert)) {
      if (typeof id === 'string' && !isExpression(id) && /\/actionGroups\//i.test(id)) ids.add(id);
    }
  }
  return [...ids];
}
