/** Kinds of alert resources. */
export enum MonitoringAlertKind {
  /** `azurerm_monitor_scheduled_query_rules_alert_v2` (KQL over the workspace). */
  LOG = 'log',
  /** `azurerm_monitor_metric_alert`. */
  METRIC = 'metric',
  /** `azurerm_monitor_activity_log_alert`. */
  ACTIVITY_LOG = 'activity-log',
}

/** One alert the construct created, for the evidence report. */
export interface MonitoringAlert {
  /** Stable id of the alert within the construct, e.g. `failed-auth-by-caller`. */
  readonly id: string;
  /** The Azure resource name. */
  readonly name: string;
  /** The kind of alert resource. */
  readonly kind: MonitoringAlertKind;
  /** The Terraform resource type. */
  readonly terraformResourceType: string;
  /** The action groups the alert notifies. */
  readonly actionGroupIds: string[];
  /**
   * Severity, 0 (critical) to 4 (verbose).
   * @default - none: activity-log alerts have no severity
   */
  readonly severity?: number;
  /**
   * The KQL of a log alert, before Terraform escaping.
   * @default - none: only log alerts have a query
   */
  readonly query?: string;
  /**
   * The activity-log operation a control-plane alert watches.
   * @default - none: only activity-log alerts watch an operation
   */
  readonly operationName?: string;
}
