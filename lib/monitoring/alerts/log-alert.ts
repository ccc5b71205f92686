import { ResolvedTuning } from '../tuning';

/** One log alert (`azurerm_monitor_scheduled_query_rules_alert_v2`) as data. */
export interface LogAlertDefinition {
  /** Stable id, also the suffix of the rule name. */
  readonly id: string;
  /** The tuning prop that controls it. */
  readonly tuningProp: string;
  /** Shown in the portal. */
  readonly displayName: string;
  /** What fired and what to look at. */
  readonly description: string;
  /** The KQL; the rule fires when it returns at least one row. */
  readonly query: string;
  /** Output columns an alert is split by (one alert per value). */
  readonly dimensions: string[];
  /** Threshold, window, frequency and severity. */
  readonly tuning: ResolvedTuning;
}
