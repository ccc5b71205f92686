import { ResolvedTuning } from '../tuning';

/** One metric alert (`azurerm_monitor_metric_alert`) as data. */
export interface MetricAlertDefinition {
  /** Stable id, also the suffix of the alert name. */
  readonly id: string;
  /** The tuning prop that controls it. */
  readonly tuningProp: string;
  /** What fired and what to look at. */
  readonly description: string;
  /** Which resource the alert watches. */
  readonly target: 'apim' | 'applicationGateway' | 'ddosPublicIp';
  readonly metricNamespace: string;
  readonly metricName: string;
  readonly aggregation: 'Average' | 'Total' | 'Maximum';
  readonly operator: 'GreaterThan';
  /** Dimension filters (`Include` the values). */
  readonly dimensions: Array<{ readonly name: string; readonly values: string[] }>;
  /** Threshold, window, frequency and severity. */
  readonly tuning: ResolvedTuning;
}

/** Defaults: APIM `Capacity` average over 80 % for 15 minutes, evaluated every 5, severity 2. */
export const CAPACITY_DEFAULTS: ResolvedTuning = { threshold: 80, windowMinutes: 15, frequencyMinutes: 5, severity: 2 };

/** Gateway capacity high: a flood, or an instance that needs another unit. */
export function apimCapacity(t: ResolvedTuning): MetricAlertDefinition {
  return {
    id: 'apim-capacity',
    tuningProp: 'capacity',
    description: `APIM Capacity averaged over ${t.threshold} % for ${t.windowMinutes} minutes.`,
    target: 'apim',
    metricNamespace: 'Microsoft.ApiManagement/service',
    metricName: 'Capacity',
    aggregation: 'Average',
    operator: 'GreaterThan',
    dimensions: [],
    tuning: t,
  };
}

/** Defaults: more than 10 gateway 5xx responses (metric `Requests`) in 5 minutes, evaluated every minute, severity 2. */
export const GATEWAY_5XX_DEFAULTS: ResolvedTuning = { threshold: 10, windowMinutes: 5, frequencyMinutes: 1, severity: 2 };

/** Gateway 5xx from the platform metric: fires even when resource logs are late or missing. */
export function apimGateway5xx(t: ResolvedTuning): MetricAlertDefinition {
  return {
    id: 'apim-gateway-5xx',
    tuningProp: 'gateway5xx',
    description: `More than ${t.threshold} gateway responses in the 5xx category within ${t.windowMinutes} minutes.`,
    target: 'apim',
    metricNamespace: 'Microsoft.ApiManagement/service',
    metricName: 'Requests',
    aggregation: 'Total',
    operator: 'GreaterThan',
    dimensions: [{ name: 'GatewayResponseCodeCategory', values: ['5xx'] }],
    tuning: t,
  };
}

/** Defaults: any unhealthy backend host (average over 0) for 5 minutes, evaluated every minute, severity 1. */
export const UNHEALTHY_HOSTS_DEFAULTS: ResolvedTuning = { threshold: 0, windowMinutes: 5, frequencyMinutes: 1, severity: 1 };

/** The Application Gateway sees an unhealthy backend (the APIM gateway). */
export function appGatewayUnhealthyHosts(t: ResolvedTuning): MetricAlertDefinition {
  return {
    id: 'appgw-unhealthy-hosts',
    tuningProp: 'unhealthyHosts',
    description: `Application Gateway UnhealthyHostCount averaged over ${t.threshold} for ${t.windowMinutes} minutes.`,
    target: 'applicationGateway',
    metricNamespace: 'Microsoft.Network/applicationGateways',
    metricName: 'UnhealthyHostCount',
    aggregation: 'Average',
    operator: 'GreaterThan',
    dimensions: [],
    tuning: t,
  };
}
