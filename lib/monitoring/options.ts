import { EventHubAlertReceiver, LogicAppAlertReceiver } from './action-group';
import { AlertTuning } from './tuning';

/** A latency objective of one API. */
export interface LatencyObjective {
  /** The API id as it appears in `ApiManagementGatewayLogs.ApiId` (the API name). */
  readonly apiId: string;
  /**
   * The objective for `TotalTime`, in seconds with millisecond precision (0.001 to 3600, e.g.
   * 0.25 for 250 ms); the alert fires above it.
   */
  readonly thresholdSeconds: number;
  /**
   * The percentile the objective is about, 50 to 99.9.
   * @default - `latencyPercentile`
   */
  readonly percentile?: number;
}

/**
 * What to tune in `SecurityMonitoring`: receivers, the alerts' thresholds and opt-outs. The
 * platform (`SecureHealthcareApim.monitoring`) takes these; it supplies the rest itself.
 */
export interface SecurityMonitoringOptions {
  /**
   * An existing action group every alert notifies, instead of a created one. Excludes the receiver props.
   * @default - an action group is created from `securityContactEmails` and the receivers
   */
  readonly existingActionGroupId?: string;
  /**
   * https:// webhooks of the created action group (stored in Terraform state).
   * @default - none
   */
  readonly webhookUrls?: string[];
  /**
   * A Logic App receiver of the created action group.
   * @default - none
   */
  readonly logicAppReceiver?: LogicAppAlertReceiver;
  /**
   * An Event Hub receiver of the created action group.
   * @default - none
   */
  readonly eventHubReceiver?: EventHubAlertReceiver;
  /**
   * Short name of the created action group (shown in notifications), up to 12 characters.
   * @default 'apimsecurity'
   */
  readonly actionGroupShortName?: string;
  /**
   * Failed authentication (401/403) by caller IP.
   * @default - at least 20 in a 15-minute window, every 5 minutes, severity 2
   */
  readonly failedAuthenticationByCaller?: AlertTuning;
  /**
   * Failed authentication (401/403) by API.
   * @default - at least 100 in a 15-minute window, every 5 minutes, severity 3
   */
  readonly failedAuthenticationByApi?: AlertTuning;
  /**
   * Bursts of 429 by APIM subscription and caller IP.
   * @default - at least 50 in a 5-minute window, every 5 minutes, severity 3
   */
  readonly throttling?: AlertTuning;
  /**
   * Gateway 5xx by API (log alert).
   * @default - at least 10 in a 5-minute window, every 5 minutes, severity 2
   */
  readonly serverErrors?: AlertTuning;
  /**
   * Backend 5xx or unreachable backend by API.
   * @default - at least 10 in a 5-minute window, every 5 minutes, severity 2
   */
  readonly backendFailures?: AlertTuning;
  /**
   * Latency of APIs without their own objective: window, frequency, severity, opt-out. Its
   * threshold is `latencyThresholdSeconds` (a duration, in seconds like every duration here);
   * `latency.threshold` is refused.
   * @default - p95 over 2 s in a 15-minute window, every 5 minutes, severity 3
   */
  readonly latency?: AlertTuning;
  /**
   * The latency objective of APIs without their own (`TotalTime` at `latencyPercentile`), in
   * seconds, to the millisecond (0.001 to 3600).
   * @default 2
   */
  readonly latencyThresholdSeconds?: number;
  /**
   * The percentile of the default latency objective, 50 to 99.9.
   * @default 95
   */
  readonly latencyPercentile?: number;
  /**
   * Per-API latency objectives; each gets its own alert with the `latency` window and severity.
   * @default - none: every API is held to the default objective
   */
  readonly latencyObjectives?: LatencyObjective[];
  /**
   * One caller IP, and one APIM subscription, touching many distinct URLs (two alerts).
   * @default - at least 200 distinct URLs in a 15-minute window, every 5 minutes, severity 2
   */
  readonly enumeration?: AlertTuning;
  /**
   * WAF blocks and detections by client IP and host (with `applicationGatewayId`).
   * @default - at least 10 in a 15-minute window, every 5 minutes, severity 2
   */
  readonly wafEvents?: AlertTuning;
  /**
   * APIM `Capacity` metric, percent.
   * @default - average over 80 for 15 minutes, every 5 minutes, severity 2
   */
  readonly capacity?: AlertTuning;
  /**
   * APIM `Requests` metric with `GatewayResponseCodeCategory` = 5xx.
   * @default - more than 10 in 5 minutes, every minute, severity 2
   */
  readonly gateway5xx?: AlertTuning;
  /**
   * Application Gateway `UnhealthyHostCount` metric (with `applicationGatewayId`).
   * @default - average over 0 for 5 minutes, every minute, severity 1
   */
  readonly unhealthyHosts?: AlertTuning;
  /**
   * Public IP `IfUnderDDoSAttack` metric of the DDoS-protected edge IP (with `ddosProtectedPublicIpId`);
   * the threshold stays 0 (the metric is 0 or 1).
   * @default - maximum over 0 within 5 minutes, every minute, severity 1
   */
  readonly ddosAttack?: AlertTuning;
  /**
   * Send the Entra ID (tenant) sign-in and audit logs to the workspace
   * (`azurerm_monitor_aad_diagnostic_setting`, categories `SignInLogs` and `AuditLogs`) and
   * alert on failed sign-ins (`failedSignIns`). Off by default: it is a tenant-level setting
   * (one per tenant and name, outside the subscription), it needs the deploying identity to hold
   * Security Administrator or Global Administrator in Entra ID, and exporting sign-in logs needs
   * an Entra ID P1 or P2 licence. Turn it on in the stack that owns the tenant's logging.
   * @default false
   */
  readonly entraIdLogs?: boolean;
  /**
   * Client (application) ids of the API app registrations whose failed sign-ins alert, as
   * literal GUIDs: a sign-in counts when the app is the client (`AppId`) or the resource the
   * token is for (`ResourceIdentity`). Only with `entraIdLogs`.
   * @default - every failed sign-in in the tenant counts, by client app and resource
   */
  readonly entraIdAppIds?: string[];
  /**
   * Failed Entra ID sign-ins (`SigninLogs.ResultType` other than "0") by client app and resource (with `entraIdLogs`).
   * @default - at least 20 in a 15-minute window, every 5 minutes, severity 2
   */
  readonly failedSignIns?: AlertTuning;
  /**
   * IPv4 addresses or CIDR ranges (probes, known scanners) left out of the per-caller log alerts.
   * @default - none
   */
  readonly excludedCallerRanges?: string[];
  /**
   * Scopes of the activity-log alerts (subscription or resource group ids).
   * @default - the resource group of `apimId`
   */
  readonly activityLogScopeIds?: string[];
  /**
   * More control-plane operations to alert on, e.g. `Microsoft.KeyVault/vaults/write`.
   * @default - none beyond the built-in list
   */
  readonly additionalAuditedOperations?: string[];
  /**
   * A named opt-out: create no activity-log alerts. Leaves a warning.
   * @default false
   */
  readonly acknowledgeNoActivityLogAlerts?: boolean;
  /**
   * Skip Azure's validation of the log-alert queries at create time. Azure fails to create a
   * rule whose table does not exist yet in the workspace (no log ingested so far), which is
   * the case on a first deploy; the library checks every query offline with the Kusto parser.
   * @default true
   */
  readonly skipQueryValidation?: boolean;
}
