import { IConstruct } from 'constructs';
import { checkKqlNumber } from './kql';
import { invalid } from '../core/errors';
import { checkSecondsIn, MINUTES } from '../core/validation';

/** Tuning of one alert; every field falls back to the alert's documented default. */
export interface AlertTuning {
  /**
   * The threshold the alert fires above (or at, as the alert documents).
   * @default - the alert's default, listed in its documentation
   */
  readonly threshold?: number;
  /**
   * The window the condition is evaluated over, in seconds (whole minutes). Log alerts: 60, 300,
   * 600, 900, 1800, 2700, 3600, 7200, 10800, 14400, 18000, 21600, 86400 or 172800 (1 to 2880
   * minutes); metric alerts: 60, 300, 900, 1800, 3600, 21600, 43200 or 86400.
   * @default - the alert's default, listed in its documentation
   */
  readonly windowSeconds?: number;
  /**
   * How often the condition is evaluated, in seconds (whole minutes), at most the window. Log
   * alerts: 60, 300, 600, 900, 1800, 2700, 3600, 7200, 10800, 14400, 18000, 21600 or 86400;
   * metric alerts: 60, 300, 900, 1800 or 3600.
   * @default - the alert's default, listed in its documentation
   */
  readonly frequencySeconds?: number;
  /**
   * Severity, 0 (critical) to 4 (verbose).
   * @default - the alert's default, listed in its documentation
   */
  readonly severity?: number;
  /**
   * A named opt-out: do not create this alert. Leaves a warning on the construct.
   * @default false
   */
  readonly acknowledgeDisabled?: boolean;
}

/** Tuning with every default applied; window and frequency in the providers' unit, minutes. */
export interface ResolvedTuning {
  readonly threshold: number;
  readonly windowMinutes: number;
  readonly frequencyMinutes: number;
  readonly severity: number;
}

/** Windows and frequencies azurerm 4.55 accepts, per alert kind, in minutes. */
export interface AlertTimings {
  readonly windows: number[];
  readonly frequencies: number[];
}

/** `azurerm_monitor_scheduled_query_rules_alert_v2` `window_duration` and `evaluation_frequency` (v4.55.0 schema). */
export const LOG_ALERT_TIMINGS: AlertTimings = {
  windows: [1, 5, 10, 15, 30, 45, 60, 120, 180, 240, 300, 360, 1440, 2880],
  frequencies: [1, 5, 10, 15, 30, 45, 60, 120, 180, 240, 300, 360, 1440],
};

/** `azurerm_monitor_metric_alert` `window_size` and `frequency` (v4.55.0 schema). */
export const METRIC_ALERT_TIMINGS: AlertTimings = {
  windows: [1, 5, 15, 30, 60, 360, 720, 1440],
  frequencies: [1, 5, 15, 30, 60],
};

/** Whether a threshold must be a whole number, and its smallest value. */
export interface ThresholdRule {
  readonly min: number;
  readonly max?: number;
  readonly whole: boolean;
}

/** Applies defaults and validates; errors name `<prop>.<field>`. */
export function resolveTuning(scope: IConstruct, prop: string, tuning: AlertTuning | undefined, defaults: ResolvedTuning,
  timings: AlertTimings, rule: ThresholdRule): ResolvedTuning {
  const t = tuning ?? {};
  const threshold = checkKqlNumber(scope, `${prop}.threshold`, t.threshold ?? defaults.threshold);
  if (threshold < rule.min || (rule.max !== undefined && threshold > rule.max) || (rule.whole && !Number.isInteger(threshold))) {
    invalid(scope, `${prop}.threshold`, `is ${threshold}`, `${rule.whole ? 'a whole number' : 'a number'} from ${rule.min}${rule.max !== undefined ? ` to ${rule.max}` : ''}`);
  }
  const windowMinutes = t.windowSeconds === undefined ? defaults.windowMinutes
    : checkSecondsIn(scope, `${prop}.windowSeconds`, t.windowSeconds, MINUTES, timings.windows);
  const frequencyMinutes = t.frequencySeconds === undefined ? Math.min(defaults.frequencyMinutes, windowMinutes)
    : checkSecondsIn(scope, `${prop}.frequencySeconds`, t.frequencySeconds, MINUTES, timings.frequencies);
  if (frequencyMinutes > windowMinutes) {
    invalid(scope, `${prop}.frequencySeconds`, `is ${frequencyMinutes * 60}, longer than the ${windowMinutes * 60}-second window`, 'at most windowSeconds');
  }
  const severity = t.severity ?? defaults.severity;
  if (!Number.isInteger(severity) || severity < 0 || severity > 4) invalid(scope, `${prop}.severity`, `is ${severity}`, 'a whole number from 0 (critical) to 4 (verbose)');
  return { threshold, windowMinutes, frequencyMinutes, severity };
}

/** ISO 8601 duration of a number of minutes, in the form the azurerm validators list (PT5M, PT1H, P1D). */
export function isoMinutes(minutes: number): string {
  if (minutes % 1440 === 0) return `P${minutes / 1440}D`;
  if (minutes % 60 === 0) return `PT${minutes / 60}H`;
  return `PT${minutes}M`;
}
