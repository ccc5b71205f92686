/** The evidence report's detect-and-respond section: every alert of the stack and where it routes. Internal. */
import { block, blocks, isExpression, ResourceView, StackView } from './rule';
import { ACTION_GROUP_RECEIVERS, ALERT_TYPES, alertActionGroups } from './rules/monitor-action-group';

/** One alert resource and the action groups it notifies. */
export interface AlertRoute {
  /** The Terraform address, `<type>.<logical id>`. */
  readonly address: string;
  /** The construct path. */
  readonly constructPath: string;
  /** The alert's name (`name`), or its address when the name is an expression. */
  readonly name: string;
  /** `log`, `metric` or `activity-log`. */
  readonly kind: string;
  /**
   * Severity, 0 (critical) to 4 (verbose).
   * @default - none: activity-log alerts have no severity
   */
  readonly severity?: number;
  /** What it watches: the table of a log alert, the metric, or the activity-log operation. */
  readonly watches: string;
  /** Whether the alert is enabled (`enabled` is not false). */
  readonly enabled: boolean;
  /** Where it routes: the address of each action group in the stack, or the id of one outside it. */
  readonly routesTo: string[];
  /** The receivers of the action groups in the stack it routes to, e.g. `email_receiver ×1`. */
  readonly receivers: string[];
}

const KIND: Record<string, string> = {
  azurerm_monitor_scheduled_query_rules_alert_v2: 'log',
  azurerm_monitor_metric_alert: 'metric',
  azurerm_monitor_activity_log_alert: 'activity-log',
};

/** The routes of the alerts in scope. */
export function alertRoutes(view: StackView, inScope: (r: ResourceView) => boolean): AlertRoute[] {
  return view.ofType(...ALERT_TYPES).filter(inScope).map((alert) => {
    const groups = alertActionGroups(alert).map((id) => ({ id, group: view.resolveReference(id) }));
    const receivers = groups.flatMap(({ group }) => (group ? receiversOf(group) : []));
    const severity = typeof alert.config.severity === 'number' ? alert.config.severity : undefined;
    return {
      address: alert.address,
      constructPath: alert.construct.node.path,
      name: typeof alert.config.name === 'string' && !isExpression(alert.config.name) ? alert.config.name : alert.address,
      kind: KIND[alert.type],
      ...(severity !== undefined ? { severity } : {}),
      watches: watches(alert),
      enabled: alert.config.enabled !== false,
      routesTo: groups.map(({ id, group }) => (group ? group.address : String(id))),
      receivers: [...new Set(receivers)],
    };
  });
}

function watches(alert: ResourceView): string {
  if (alert.type === 'azurerm_monitor_scheduled_query_rules_alert_v2') {
    const query = block(alert.config.criteria)?.query;
    return typeof query === 'string' && !isExpression(query) ? `${query.split('\n')[0].split('|')[0].trim()} (KQL)` : 'a query not known at synth';
  }
  if (alert.type === 'azurerm_monitor_metric_alert') return blocks(alert.config.criteria).map((c) => `${c.metric_namespace}/${c.metric_name}`).join(', ');
  const criteria = block(alert.config.criteria);
  return `${criteria?.category ?? '?'}: ${criteria?.operation_name ?? 'any operation'}`;
}

function receiversOf(group: ResourceView): string[] {
  const out: string[] = [];
  if (group.config.enabled === false) out.push(`${group.address} is disabled`);
  for (const key of ACTION_GROUP_RECEIVERS) {
    const n = isExpression(group.config[key]) ? '?' : blocks(group.config[key]).length;
    if (n !== 0) out.push(`${key} ×${n}`);
  }
  return out;
}
