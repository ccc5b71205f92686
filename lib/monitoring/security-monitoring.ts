import { MonitorAadDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-aad-diagnostic-setting';
import { MonitorActionGroup } from '@cdktf/provider-azurerm/lib/monitor-action-group';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ActionGroupReceivers, checkReceivers, createActionGroup } from './action-group';
import { MonitoringAlert } from './alert-record';
import { createActivityLogAlert, createLogAlert, createMetricAlert } from './alert-resources';
import { DDOS_ATTACK_DEFAULTS, publicIpUnderDdosAttack } from './alerts/ddos';
import { planEntraAppIds, sendEntraIdLogs } from './entra-id-logs';
import { checkKqlNumber, checkKqlString } from './kql';
import { warnOptOut } from '../compliance/opt-out';
import { checkLocation, checkResourceGroupName, checkTags } from '../core/azure-names';
import { invalid } from '../core/errors';
import { checkAnyResourceId, checkSecondsAsMilliseconds, isResourceIdOf } from '../core/validation';
import { AUDITED_OPERATIONS, AuditedOperation, OPERATION_NAME } from './alerts/activity-log';
import { FAILED_SIGN_INS_DEFAULTS, failedSignIns } from './alerts/entra';
import * as gateway from './alerts/gateway';
import { LATENCY_DEFAULTS, latencyAlerts, ResolvedLatencyObjective } from './alerts/latency';
import { LogAlertDefinition } from './alerts/log-alert';
import * as metric from './alerts/metric';
import { WAF_EVENTS_DEFAULTS, wafEvents } from './alerts/waf';
import { LatencyObjective, SecurityMonitoringOptions } from './options';
import { AlertTuning, LOG_ALERT_TIMINGS, METRIC_ALERT_TIMINGS, ResolvedTuning, resolveTuning, ThresholdRule } from './tuning';

/** Properties of `SecurityMonitoring`. */
export interface SecurityMonitoringProps extends SecurityMonitoringOptions {
  /** Name prefix of the alerts and the action group: letters, digits and -, up to 40 characters. */
  readonly namePrefix: string;
  /** Resource group of the alerts and the action group. */
  readonly resourceGroupName: string;
  /** Azure location of the log alerts (the workspace's region). */
  readonly location: string;
  /** The Log Analytics workspace id the APIM (and Application Gateway) resource logs go to, as resource-specific tables. */
  readonly workspaceId: string;
  /** The API Management instance id. */
  readonly apimId: string;
  /**
   * Whether the instance reports the `Capacity` metric; the Consumption tier does not, and a
   * metric alert on a metric the resource lacks fails at apply.
   * @default true - the capacity alert is created
   */
  readonly apimReportsCapacity?: boolean;
  /**
   * The Application Gateway (WAF) id in front of APIM.
   * @default - no WAF log alert and no unhealthy-host alert
   */
  readonly applicationGatewayId?: string;
  /**
   * The edge public IP, when DDoS Protection (IP Protection or the VNet's plan) covers it.
   * @default - no DDoS attack alert
   */
  readonly ddosProtectedPublicIpId?: string;
  /**
   * E-mail addresses of the security contact; required unless `existingActionGroupId` is set.
   * @default - none
   */
  readonly securityContactEmails?: string[];
  /**
   * Tags of the created resources.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

export type { LatencyObjective };

const COUNT: ThresholdRule = { min: 1, whole: true };

/**
 * Detect and respond: log alerts over the APIM gateway and WAF resource logs, metric alerts
 * on gateway capacity, 5xx and backend health, and activity-log alerts on control-plane changes
 * that weaken the platform, all routed to one security action group.
 *
 * @example
 * new SecurityMonitoring(this, 'Monitoring', {
 *   namePrefix: 'hc-prod', resourceGroupName: rg.name, location: 'westeurope',
 *   workspaceId: logging.workspaceId, apimId: platform.apim.id,
 *   securityContactEmails: ['security@example.org'],
 * });
 */
export class SecurityMonitoring extends Construct {
  /** The id of the action group every alert notifies. */
  public readonly actionGroupId: string;
  /** The created action group, when one was created. */
  public readonly actionGroup?: MonitorActionGroup;
  /** Every alert created, with its routing. */
  public readonly alerts: MonitoringAlert[];
  /** Ids of alerts left out through a named opt-out. */
  public readonly disabledAlerts: string[];
  /** The tenant-level Entra ID diagnostic setting, with `entraIdLogs`. */
  public readonly entraIdDiagnosticSetting?: MonitorAadDiagnosticSetting;

  constructor(scope: Construct, id: string, props: SecurityMonitoringProps) {
    super(scope, id);
    // Validation first: nothing is created until every prop is known to be valid.
    const prefix = props.namePrefix;
    if (Token.isUnresolved(prefix) || !/^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/.test(prefix)) invalid(this, 'namePrefix', `'${prefix}' is not a valid prefix`, '1 to 40 letters, digits or -, starting with a letter or digit');
    checkResourceGroupName(this, 'resourceGroupName', props.resourceGroupName);
    checkLocation(this, 'location', props.location);
    const tags = checkTags(this, 'tags', props.tags);
    for (const [prop, value] of [['workspaceId', props.workspaceId], ['apimId', props.apimId], ['applicationGatewayId', props.applicationGatewayId],
      ['ddosProtectedPublicIpId', props.ddosProtectedPublicIpId]] as const) {
      if (value !== undefined && !Token.isUnresolved(value) && !isResourceIdOf(value, '*/*/*', true)) {
        invalid(this, prop, `'${value}' is not a resource id`, '/subscriptions/<id>/resourceGroups/<rg>/providers/<namespace>/<type>/<name>');
      }
    }
    const receivers = this.planReceivers(props);
    const ranges = (props.excludedCallerRanges ?? []).map((r, i) => checkIpv4Range(this, `excludedCallerRanges[${i}]`, r));
    const disabled: string[] = [];
    const tune = (prop: string, tuning: AlertTuning | undefined, defaults: ResolvedTuning, metricAlert: boolean, rule: ThresholdRule = COUNT) => {
      const resolved = resolveTuning(this, prop, tuning, defaults, metricAlert ? METRIC_ALERT_TIMINGS : LOG_ALERT_TIMINGS, rule);
      if (tuning?.acknowledgeDisabled) {
        disabled.push(prop);
        warnOptOut(this, `${prop}.acknowledgeDisabled`, `The ${prop} alert is not created: that attack or failure pattern raises no alert.`);
        return undefined;
      }
      return resolved;
    };
    const options = { excludedCallerRanges: ranges };
    const logAlerts: LogAlertDefinition[] = [];
    const add = <T>(t: ResolvedTuning | undefined, build: (t: ResolvedTuning) => T | T[], into: T[]) => {
      if (t) into.push(...([] as T[]).concat(build(t)));
    };
    add(tune('failedAuthenticationByCaller', props.failedAuthenticationByCaller, gateway.FAILED_AUTH_BY_CALLER_DEFAULTS, false), (t) => gateway.failedAuthByCaller(t, options), logAlerts);
    add(tune('failedAuthenticationByApi', props.failedAuthenticationByApi, gateway.FAILED_AUTH_BY_API_DEFAULTS, false), (t) => gateway.failedAuthByApi(t, options), logAlerts);
    add(tune('throttling', props.throttling, gateway.THROTTLING_DEFAULTS, false), (t) => gateway.throttlingBurst(t, options), logAlerts);
    add(tune('serverErrors', props.serverErrors, gateway.SERVER_ERRORS_DEFAULTS, false), gateway.serverErrors, logAlerts);
    add(tune('backendFailures', props.backendFailures, gateway.BACKEND_FAILURES_DEFAULTS, false), gateway.backendFailures, logAlerts);
    const percentile = checkPercentile(this, 'latencyPercentile', props.latencyPercentile ?? 95);
    const objectives = this.planObjectives(props.latencyObjectives ?? [], percentile);
    add(tune('latency', this.latencyTuning(props), LATENCY_DEFAULTS, false, { min: 1, max: 3_600_000, whole: false }), (t) => latencyAlerts(t, percentile, objectives), logAlerts);
    add(tune('enumeration', props.enumeration, gateway.ENUMERATION_DEFAULTS, false), (t) => [gateway.enumeration(t, gateway.CLIENT_IP, options), gateway.enumeration(t, 'ApimSubscriptionId', options)], logAlerts);
    const metricAlerts: metric.MetricAlertDefinition[] = [];
    if (props.apimReportsCapacity !== false) {
      add(tune('capacity', props.capacity, metric.CAPACITY_DEFAULTS, true, { min: 1, max: 100, whole: false }), metric.apimCapacity, metricAlerts);
    } else if (props.capacity !== undefined) {
      invalid(this, 'capacity', 'is set, but the instance reports no Capacity metric (Consumption tier)', 'leave capacity unset');
    }
    add(tune('gateway5xx', props.gateway5xx, metric.GATEWAY_5XX_DEFAULTS, true, { min: 0, whole: true }), metric.apimGateway5xx, metricAlerts);
    if (props.applicationGatewayId !== undefined) {
      add(tune('wafEvents', props.wafEvents, WAF_EVENTS_DEFAULTS, false), wafEvents, logAlerts);
      add(tune('unhealthyHosts', props.unhealthyHosts, metric.UNHEALTHY_HOSTS_DEFAULTS, true, { min: 0, whole: false }), metric.appGatewayUnhealthyHosts, metricAlerts);
    } else if (props.wafEvents !== undefined || props.unhealthyHosts !== undefined) {
      invalid(this, props.wafEvents !== undefined ? 'wafEvents' : 'unhealthyHosts', 'is set without applicationGatewayId', 'set applicationGatewayId, or leave the Application Gateway alerts out');
    }
    if (props.ddosProtectedPublicIpId !== undefined) {
      add(tune('ddosAttack', props.ddosAttack, DDOS_ATTACK_DEFAULTS, true, { min: 0, max: 0, whole: true }), publicIpUnderDdosAttack, metricAlerts);
    } else if (props.ddosAttack !== undefined) {
      invalid(this, 'ddosAttack', 'is set without ddosProtectedPublicIpId', 'set ddosProtectedPublicIpId, or leave the DDoS alert out');
    }
    const entraIdLogs = props.entraIdLogs === true;
    if (entraIdLogs) {
      const appIds = planEntraAppIds(this, props.entraIdAppIds);
      add(tune('failedSignIns', props.failedSignIns, FAILED_SIGN_INS_DEFAULTS, false), (t) => failedSignIns(t, appIds), logAlerts);
    } else if (props.entraIdAppIds !== undefined || props.failedSignIns !== undefined) {
      invalid(this, props.entraIdAppIds !== undefined ? 'entraIdAppIds' : 'failedSignIns', 'is set without entraIdLogs', 'entraIdLogs: true, or leave the Entra ID alert out');
    }
    const operations = this.planOperations(props);
    if (props.acknowledgeNoActivityLogAlerts) {
      disabled.push('activityLog');
      warnOptOut(this, 'acknowledgeNoActivityLogAlerts', 'No activity-log alerts: deleting the gateway or vault, removing diagnostic settings, changing role assignments or the WAF policy raises no alert.');
    }
    const skipQueryValidation = props.skipQueryValidation ?? true;

    // Build: the action group, then every alert pointing at it.
    if (receivers) {
      this.actionGroup = createActionGroup(this, 'ActionGroup', `${prefix}-security-alerts`, props.resourceGroupName, receivers, tags);
      this.actionGroupId = this.actionGroup.id;
    } else {
      this.actionGroupId = props.existingActionGroupId!;
    }
    const common = { prefix, resourceGroupName: props.resourceGroupName, location: props.location, actionGroupId: this.actionGroupId, tags };
    if (entraIdLogs) this.entraIdDiagnosticSetting = sendEntraIdLogs(this, `${prefix}-entra-id-to-log-analytics`, props.workspaceId);
    const alerts: MonitoringAlert[] = [];
    for (const def of logAlerts) alerts.push(createLogAlert(this, common, def, props.workspaceId, skipQueryValidation));
    const targets = { apim: props.apimId, applicationGateway: props.applicationGatewayId!, ddosPublicIp: props.ddosProtectedPublicIpId! };
    for (const def of metricAlerts) alerts.push(createMetricAlert(this, common, def, targets[def.target]));
    if (!props.acknowledgeNoActivityLogAlerts) {
      const scopes = props.activityLogScopeIds ?? [Fn.regex('(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+', props.apimId)];
      for (const op of operations) alerts.push(createActivityLogAlert(this, common, op, scopes));
    }
    this.alerts = alerts;
    this.disabledAlerts = disabled;
  }

  private planReceivers(props: SecurityMonitoringProps): ActionGroupReceivers | undefined {
    const receiverProps = (['securityContactEmails', 'webhookUrls', 'logicAppReceiver', 'eventHubReceiver', 'actionGroupShortName'] as const).filter((p) => props[p] !== undefined);
    if (props.existingActionGroupId !== undefined) {
      if (receiverProps.length > 0) invalid(this, receiverProps[0], 'is set together with existingActionGroupId', 'either an existing action group, or the receivers of a new one');
      const existing = props.existingActionGroupId;
      if (!Token.isUnresolved(existing) && !isResourceIdOf(existing, 'microsoft.insights/actionGroups/*', true)) {
        invalid(this, 'existingActionGroupId', `'${existing}' is not an action group id`, '/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Insights/actionGroups/<name>');
      }
      return undefined;
    }
    if (props.securityContactEmails === undefined) invalid(this, 'securityContactEmails', 'is missing', 'at least one e-mail address of the security contact, or existingActionGroupId');
    const receivers: ActionGroupReceivers = {
      shortName: props.actionGroupShortName ?? 'apimsecurity',
      emails: props.securityContactEmails,
      webhookUrls: props.webhookUrls ?? [],
      logicApp: props.logicAppReceiver,
      eventHub: props.eventHubReceiver,
    };
    checkReceivers(this, receivers);
    return receivers;
  }

  /** The default latency tuning with its threshold from `latencyThresholdSeconds` (in ms, as TotalTime is logged). */
  private latencyTuning(props: SecurityMonitoringProps): AlertTuning | undefined {
    if (props.latency?.threshold !== undefined) {
      invalid(this, 'latency.threshold', 'is set, but the latency objective is a duration', 'latencyThresholdSeconds (seconds, e.g. 0.5), with latency for the window, frequency and severity');
    }
    if (props.latencyThresholdSeconds === undefined) return props.latency;
    const seconds = checkKqlNumber(this, 'latencyThresholdSeconds', props.latencyThresholdSeconds);
    return { ...props.latency, threshold: checkSecondsAsMilliseconds(this, 'latencyThresholdSeconds', seconds, 1, 3_600_000) };
  }

  private planObjectives(objectives: LatencyObjective[], fallback: number): ResolvedLatencyObjective[] {
    const seen = new Set<string>();
    return objectives.map((o, i) => {
      const apiId = checkKqlString(this, `latencyObjectives[${i}].apiId`, o.apiId);
      if (apiId.trim() === '') invalid(this, `latencyObjectives[${i}].apiId`, 'is empty', 'the API id (name) as logged in ApiId');
      if (seen.has(apiId)) invalid(this, `latencyObjectives[${i}].apiId`, `repeats '${apiId}'`, 'one objective per API');
      seen.add(apiId);
      // Seconds at the surface; the KQL compares TotalTime, which is in milliseconds.
      const seconds = checkKqlNumber(this, `latencyObjectives[${i}].thresholdSeconds`, o.thresholdSeconds);
      const thresholdMs = checkSecondsAsMilliseconds(this, `latencyObjectives[${i}].thresholdSeconds`, seconds, 1, 3_600_000);
      return { apiId, thresholdMs, percentile: checkPercentile(this, `latencyObjectives[${i}].percentile`, o.percentile ?? fallback) };
    });
  }

  private planOperations(props: SecurityMonitoringProps): AuditedOperation[] {
    const extra = (props.additionalAuditedOperations ?? []).map((name, i): AuditedOperation => {
      if (Token.isUnresolved(name) || !OPERATION_NAME.test(name)) invalid(this, `additionalAuditedOperations[${i}]`, `'${name}' is not an operation name`, 'Microsoft.<Provider>/<type>/write|delete|action');
      return { id: `operation-${i + 1}`, operationName: name, description: `Audited operation ${name}.` };
    });
    const all = [...AUDITED_OPERATIONS, ...extra];
    const names = all.map((o) => o.operationName.toLowerCase());
    const repeated = names.find((n, i) => names.indexOf(n) !== i);
    if (repeated) invalid(this, 'additionalAuditedOperations', `repeats '${repeated}'`, 'operations not already in the built-in list');
    if (props.activityLogScopeIds !== undefined && props.activityLogScopeIds.length === 0) invalid(this, 'activityLogScopeIds', 'is empty', 'at least one subscription or resource group id');
    (props.activityLogScopeIds ?? []).forEach((id, i) => checkAnyResourceId(this, `activityLogScopeIds[${i}]`, id));
    return all;
  }
}

function checkPercentile(scope: Construct, prop: string, value: number): number {
  checkKqlNumber(scope, prop, value);
  if (value < 50 || value > 99.9) invalid(scope, prop, `is ${value}`, 'a percentile from 50 to 99.9');
  return value;
}

function checkIpv4Range(scope: Construct, prop: string, value: string): string {
  const m = typeof value === 'string' ? /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(value) : null;
  if (!m || m.slice(1, 5).some((o) => Number(o) > 255) || (m[5] !== undefined && Number(m[5]) > 32)) {
    invalid(scope, prop, `'${String(value)}' is not an IPv4 address or CIDR range`, 'an address like 203.0.113.7 or a range like 203.0.113.0/24');
  }
  return value;
}
