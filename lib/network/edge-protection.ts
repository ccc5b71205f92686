/** The edge's DDoS protection and listener TLS policy, validated and planned. Internal. */
import { ApplicationGatewaySslPolicy } from '@cdktf/provider-azurerm/lib/application-gateway';
import { IConstruct } from 'constructs';
import { EdgeDdosProtection, EdgeTlsPolicy } from './edge-protection-options';
import { warnOptOut } from '../compliance/opt-out';
import { invalid } from '../core/errors';

/** The DDoS settings of the edge public IP. */
export interface DdosPlan {
  /** `ddos_protection_mode` (azurerm 4.55: Enabled, Disabled, VirtualNetworkInherited, the default). */
  readonly mode: 'Enabled' | 'VirtualNetworkInherited';
  /** The protection, or undefined after the opt-out. */
  readonly protection?: EdgeDdosProtection;
}

/** What decides the edge IP's DDoS protection. */
export interface DdosInputs {
  readonly ddosProtection?: EdgeDdosProtection;
  readonly acknowledgeNoDdosProtection?: boolean;
  readonly virtualNetworkHasDdosProtectionPlan?: boolean;
}

/**
 * DDoS IP Protection on the edge IP, or the VNet's DDoS Network Protection plan
 * (VirtualNetworkInherited), or, after the named opt-out, only Azure's infrastructure
 * protection (VirtualNetworkInherited with no plan). A plan is never linked on the IP itself:
 * azurerm 4.55 accepts `ddos_protection_plan_id` only with mode Enabled, and the VNet link
 * already covers every IP in it.
 */
export function planDdosProtection(scope: IConstruct, o: DdosInputs): DdosPlan {
  const values = Object.values(EdgeDdosProtection);
  if (o.ddosProtection !== undefined && !values.includes(o.ddosProtection)) invalid(scope, 'ddosProtection', `is '${String(o.ddosProtection)}'`, values.join(', '));
  if (o.acknowledgeNoDdosProtection) {
    if (o.ddosProtection !== undefined) invalid(scope, 'ddosProtection', 'is set together with acknowledgeNoDdosProtection', 'either a DDoS protection or the opt-out');
    if (o.virtualNetworkHasDdosProtectionPlan) {
      invalid(scope, 'acknowledgeNoDdosProtection', 'is set, but the VNet has a DDoS protection plan that covers the edge IP anyway', 'leave the opt-out unset');
    }
    warnOptOut(scope, 'edge.acknowledgeNoDdosProtection', 'the edge public IP has only Azure\'s infrastructure DDoS protection: no mitigation tuned to its traffic, '
      + 'no attack metrics, alerts or mitigation reports.', ['EDGE-DDOS-PROTECTION']);
    return { mode: 'VirtualNetworkInherited' };
  }
  const protection = o.ddosProtection
    ?? (o.virtualNetworkHasDdosProtectionPlan ? EdgeDdosProtection.VIRTUAL_NETWORK_PLAN : EdgeDdosProtection.IP_PROTECTION);
  return { mode: protection === EdgeDdosProtection.IP_PROTECTION ? 'Enabled' : 'VirtualNetworkInherited', protection };
}

/**
 * The listener's `ssl_policy`. Predefined policies take only a name; CustomV2 takes a minimum
 * version, and with TLS 1.3 no cipher list (its two suites are fixed, and azurerm 4.55's
 * cipher_suites validator does not list them: hashicorp/terraform-provider-azurerm#29059).
 */
export function planTlsPolicy(scope: IConstruct, policy: EdgeTlsPolicy | undefined): ApplicationGatewaySslPolicy {
  const chosen = policy ?? EdgeTlsPolicy.TLS12_STRICT_2022;
  switch (chosen) {
    case EdgeTlsPolicy.TLS12_STRICT_2022:
      return { policyType: 'Predefined', policyName: chosen };
    case EdgeTlsPolicy.TLS12_2022:
      warnOptOut(scope, 'edge.tlsPolicy', 'the edge also offers ECDHE CBC-SHA2 cipher suites (AppGwSslPolicy20220101) for older clients; TLS 1.2 stays the minimum.');
      return { policyType: 'Predefined', policyName: chosen };
    case EdgeTlsPolicy.TLS13_MINIMUM:
      return { policyType: 'CustomV2', minProtocolVersion: 'TLSv1_3' };
    default:
      return invalid(scope, 'tlsPolicy', `is '${String(chosen)}'`, Object.values(EdgeTlsPolicy).join(', '));
  }
}
