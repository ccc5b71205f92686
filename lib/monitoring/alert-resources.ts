import { MonitorActivityLogAlert } from '@cdktf/provider-azurerm/lib/monitor-activity-log-alert';
import { MonitorMetricAlert } from '@cdktf/provider-azurerm/lib/monitor-metric-alert';
import { MonitorScheduledQueryRulesAlertV2 } from '@cdktf/provider-azurerm/lib/monitor-scheduled-query-rules-alert-v2';
import { Construct } from 'constructs';
import { MonitoringAlert, MonitoringAlertKind } from './alert-record';
import { tfLiteral } from '../core/literal';
import { AuditedOperation } from './alerts/activity-log';
import { LogAlertDefinition } from './alerts/log-alert';
import { MetricAlertDefinition } from './alerts/metric';
import { isoMinutes } from './tuning';

/** What every alert resource shares. */
export interface AlertCommon {
  readonly prefix: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly actionGroupId: string;
  readonly tags?: { [key: string]: string };
}

/**
 * A scheduled query rule that fires when the query returns at least one row (each query
 * applies its own threshold), split into one alert per value of the definition's dimensions.
 * The query goes through `tfLiteral`, so `${` and `%{` in a user string stay literal text.
 */
export function createLogAlert(scope: Construct, c: AlertCommon, def: LogAlertDefinition, workspaceId: string,
  skipQueryValidation: boolean): MonitoringAlert {
  const name = `${c.prefix}-${def.id}`;
  new MonitorScheduledQueryRulesAlertV2(scope, `Log-${def.id}`, {
    name,
    resourceGroupName: c.resourceGroupName,
    location: c.location,
    scopes: [workspaceId],
    displayName: def.displayName,
    description: def.description,
    severity: def.tuning.severity,
    enabled: true,
    evaluationFrequency: isoMinutes(def.tuning.frequencyMinutes),
    windowDuration: isoMinutes(def.tuning.windowMinutes),
    criteria: [{
      query: tfLiteral(def.query),
      timeAggregationMethod: 'Count',
      operator: 'GreaterThan',
      threshold: 0,
      dimension: def.dimensions.map((d) => ({ name: d, operator: 'Include', values: ['*'] })),
      failingPeriods: { minimumFailingPeriodsToTriggerAlert: 1, numberOfEvaluationPeriods: 1 },
    }],
    action: { actionGroups: [c.actionGroupId] },
    autoMitigationEnabled: false,
    skipQueryValidation,
    tags: c.tags,
  });
  const extra = { severity: def.tuning.severity, query: def.query };
  return record(c, def.id, name, MonitoringAlertKind.LOG, MonitorScheduledQueryRulesAlertV2.tfResourceType, extra);
}

/** A metric alert on one resource. */
export function createMetricAlert(scope: Construct, c: AlertCommon, def: MetricAlertDefinition, targetId: string): MonitoringAlert {
  const name = `${c.prefix}-${def.id}`;
  new MonitorMetricAlert(scope, `Metric-${def.id}`, {
    name,
    resourceGroupName: c.resourceGroupName,
    scopes: [targetId],
    description: def.description,
    severity: def.tuning.severity,
    enabled: true,
    autoMitigate: true,
    frequency: isoMinutes(def.tuning.frequencyMinutes),
    windowSize: isoMinutes(def.tuning.windowMinutes),
    criteria: [{
      metricNamespace: def.metricNamespace,
      metricName: def.metricName,
      aggregation: def.aggregation,
      operator: def.operator,
      threshold: def.tuning.threshold,
      dimension: def.dimensions.map((d) => ({ name: d.name, operator: 'Include', values: d.values })),
    }],
    action: [{ actionGroupId: c.actionGroupId }],
    tags: c.tags,
  });
  return record(c, def.id, name, MonitoringAlertKind.METRIC, MonitorMetricAlert.tfResourceType, { severity: def.tuning.severity });
}

/** An activity-log alert on one administrative operation within the scopes. */
export function createActivityLogAlert(scope: Construct, c: AlertCommon, op: AuditedOperation, scopes: string[]): MonitoringAlert {
  const name = `${c.prefix}-${op.id}`;
  new MonitorActivityLogAlert(scope, `Activity-${op.id}`, {
    name,
    resourceGroupName: c.resourceGroupName,
    location: 'global',
    scopes,
    description: op.description,
    enabled: true,
    criteria: { category: 'Administrative', operationName: op.operationName },
    action: [{ actionGroupId: c.actionGroupId }],
    tags: c.tags,
  });
  return record(c, op.id, name, MonitoringAlertKind.ACTIVITY_LOG, MonitorActivityLogAlert.tfResourceType, { operationName: op.operationName });
}

/** What an alert is and where it routes, for `SecurityMonitoring.alerts` and the evidence report. */
function record(c: AlertCommon, id: string, name: string, kind: MonitoringAlertKind, terraformResourceType: string,
  extra: Pick<MonitoringAlert, 'severity' | 'query' | 'operationName'>): MonitoringAlert {
  return { id, name, kind, terraformResourceType, actionGroupIds: [c.actionGroupId], ...extra };
}
