/** The edge's DDoS protection and listener TLS policy, validated and planned. Internal. */
import { ApplicationGatewaySslPolicy } from '@cdktf/provider-azurerm/lib/application-gateway';
import { Annotations } from 'cdktf';
import { IConstruct } from 'constructs';
import { EdgeDdosProtection, EdgeTlsPolicy, VirtualNetworkDdosPlan } from './edge-protection-options';
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
  readonly virtualNetworkDdosPlan?: VirtualNetworkDdosPlan;
}

/**
 * DDoS IP Protection on the edge IP, or the VNet's DDoS Network Protection plan
 * (VirtualNetworkInherited), or, after the named opt-out, only Azure's infrastructure
 * protection (VirtualNetworkInherited with no plan). A plan is never linked on the IP itself:
 * azurerm 4.55 accepts `ddos_protection_plan_id` only with mode Enabled, and the VNet link
 * already covers every IP in it. The VNet's plan decides whether inheriting can protect:
 * refused on a created VNet without one (the IP would silently have none), kept with a
 * warning on a VNet managed elsewhere, whose plan cannot be seen.
 */
export function planDdosProtection(scope: IConstruct, o: DdosInputs): DdosPlan {
  const values = Object.values(EdgeDdosProtection);
  if (o.ddosProtection !== undefined && !values.includes(o.ddosProtection)) invalid(scope, 'ddosProtection', `is '${String(o.ddosProtection)}'`, values.join(', '));
  const vnetPlan = o.virtualNetworkDdosPlan ?? VirtualNetworkDdosPlan.UNKNOWN;
  if (o.acknowledgeNoDdosProtection) {
    if (o.ddosProtection !== undefined) invalid(scope, 'ddosProtection', 'is set together with acknowledgeNoDdosProtection', 'either a DDoS protection or the opt-out');
    if (vnetPlan === VirtualNetworkDdosPlan.ATTACHED) {
      invalid(scope, 'acknowledgeNoDdosProtection', 'is set, but the VNet has a DDoS protection plan that covers the edge IP anyway', 'leave the opt-out unset');
    }
    warnOptOut(scope, 'edge.acknowledgeNoDdosProtection', 'the edge public IP has only Azure\'s infrastructure DDoS protection: no mitigation tuned to its traffic, '
      + 'no attack metrics, alerts or mitigation reports.', ['EDGE-DDOS-PROTECTION']);
    return { mode: 'VirtualNetworkInherited' };
  }
  const protection = o.ddosProtection
    ?? (vnetPlan === VirtualNetworkDdosPlan.ATTACHED ? EdgeDdosProtection.VIRTUAL_NETWORK_PLAN : EdgeDdosProtection.IP_PROTECTION);
  if (protection === EdgeDdosProtection.VIRTUAL_NETWORK_PLAN) checkInheritable(scope, vnetPlan);
  return { mode: protection === EdgeDdosProtection.IP_PROTECTION ? 'Enabled' : 'VirtualNetworkInherited', protection };
}

/** VIRTUAL_NETWORK_PLAN protects only through a plan on the VNet: refused without one, a warning when it cannot be seen. */
function checkInheritable(scope: IConstruct, vnetPlan: VirtualNetworkDdosPlan): void {
  if (vnetPlan === VirtualNetworkDdosPlan.NONE) {
    invalid(scope, 'ddosProtection', 'is VIRTUAL_NETWORK_PLAN, but the VNet is created without a DDoS Network Protection plan, so the edge IP would inherit none '
      + '(and its IfUnderDDoSAttack alert could never fire)', 'network.ddosProtectionPlanId set to your plan, or ddosProtection unset (DDoS IP Protection)');
  }
  if (vnetPlan === VirtualNetworkDdosPlan.UNKNOWN) {
    Annotations.of(scope).addWarning('edge.ddosProtection is VIRTUAL_NETWORK_PLAN on a VNet managed outside this library, whose DDoS protection plan it cannot see: '
      + 'attaching a DDoS Network Protection plan to that VNet is yours. Without one the edge IP has only Azure\'s infrastructure protection '
      + 'and its IfUnderDDoSAttack alert never fires; EDGE-DDOS-PROTECTION reports it unknown when the VNet is outside the stack.');
  }
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
