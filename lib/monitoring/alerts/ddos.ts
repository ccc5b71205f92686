import { MetricAlertDefinition } from './metric';
import { ResolvedTuning } from '../tuning';

/** Defaults: `IfUnderDDoSAttack` at its maximum over 0 in 5 minutes, evaluated every minute, severity 1. */
export const DDOS_ATTACK_DEFAULTS: ResolvedTuning = { threshold: 0, windowMinutes: 5, frequencyMinutes: 1, severity: 1 };

/**
 * The edge public IP is under a DDoS attack that Azure DDoS Protection is mitigating: the
 * public IP metric `IfUnderDDoSAttack` is 1 during a mitigation and 0 otherwise. It is emitted
 * only for an IP with DDoS IP Protection or in a VNet with a DDoS Network Protection plan.
 */
export function publicIpUnderDdosAttack(t: ResolvedTuning): MetricAlertDefinition {
  return {
    id: 'edge-ddos-attack',
    tuningProp: 'ddosAttack',
    description: 'Azure DDoS Protection is mitigating an attack on the edge public IP (IfUnderDDoSAttack = 1). '
      + 'Check the DDoS mitigation reports and flow logs, the WAF logs and the gateway capacity.',
    target: 'ddosPublicIp',
    metricNamespace: 'Microsoft.Network/publicIPAddresses',
    metricName: 'IfUnderDDoSAttack',
    aggregation: 'Maximum',
    operator: 'GreaterThan',
    dimensions: [],
    tuning: t,
  };
}
