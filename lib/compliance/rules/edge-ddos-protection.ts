import { RuleCategory } from '../category';
import { block, blocks, CheckResult, HipaaRule, isExpression, ResourceView, StackView, Unknown, unknownValue } from '../rule';
import { HipaaSafeguard } from '../safeguard';

/**
 * An Application Gateway (the internet edge) has DDoS protection beyond Azure's infrastructure
 * default on each public frontend IP: DDoS IP Protection on the IP (`ddos_protection_mode =
 * "Enabled"`), or a DDoS Network Protection plan on the VNet of the gateway subnet, which the IP
 * inherits (`VirtualNetworkInherited`, the azurerm default). An IP or VNet outside the stack is
 * unknown at synth.
 */
export const EDGE_DDOS_PROTECTION: HipaaRule = {
  id: 'EDGE-DDOS-PROTECTION',
  category: RuleCategory.HIPAA,
  title: 'Application Gateways (internet edges) have DDoS IP Protection or a DDoS Network Protection plan on their public frontend IPs',
  safeguard: HipaaSafeguard.CONTINGENCY_PLAN,
  control: 'Azure Policy: Virtual networks should be protected by Azure DDoS Protection (MCSB NS-5), or DDoS IP Protection on the edge public IP',
  fix: 'Set ddos_protection_mode = "Enabled" on the frontend public IP, or a ddos_protection_plan { id, enable = true } on the VNet of the gateway subnet',
  resourceTypes: ['azurerm_application_gateway'],
  check(gateway, stack) {
    const ipIds = blocks(gateway.config.frontend_ip_configuration).map((f) => f.public_ip_address_id).filter((id) => id !== undefined);
    for (const id of ipIds) {
      const verdict = ipVerdict(gateway, id, stack);
      if (verdict !== undefined) return verdict;
    }
    return undefined;
  },
};

/** The verdict on one public frontend IP. */
function ipVerdict(gateway: ResourceView, ipId: unknown, stack: StackView): CheckResult {
  const ip = stack.resolveReference(ipId);
  if (!ip || ip.type !== 'azurerm_public_ip') {
    return new Unknown(`has the frontend public IP ${String(ipId)}, which is outside the stack: whether DDoS protection covers it is not known at synth`);
  }
  const mode = ip.config.ddos_protection_mode;
  if (isExpression(mode)) return unknownValue(`ddos_protection_mode of ${ip.address}`, mode);
  if (mode === 'Enabled') return undefined;
  if (mode === 'Disabled') return `has the frontend public IP ${ip.address}, whose DDoS protection is disabled`;
  return inheritedVerdict(gateway, ip, stack);
}

/** The verdict on the VNet an IP inherits DDoS protection from (the gateway subnet's). */
function inheritedVerdict(gateway: ResourceView, ip: ResourceView, stack: StackView): CheckResult {
  const subnetId = block(gateway.config.gateway_ip_configuration)?.subnet_id;
  const subnet = stack.resolveReference(subnetId);
  if (!subnet || subnet.type !== 'azurerm_subnet') {
    return new Unknown(`has the frontend public IP ${ip.address}, which inherits DDoS protection from the VNet of subnet ${String(subnetId)}, outside the stack: `
      + 'whether a DDoS protection plan covers it is not known at synth');
  }
  const vnetName = subnet.config.virtual_network_name;
  const vnet = stack.resolveReference(vnetName)
    ?? stack.ofType('azurerm_virtual_network').find((v) => v.config.name === vnetName && v.config.resource_group_name === subnet.config.resource_group_name);
  if (!vnet || vnet.type !== 'azurerm_virtual_network') {
    return new Unknown(`has the frontend public IP ${ip.address}, which inherits DDoS protection from VNet ${String(vnetName)}, outside the stack: `
      + 'whether a DDoS protection plan covers it is not known at synth');
  }
  if (isExpression(vnet.config.ddos_protection_plan)) return unknownValue(`the ddos_protection_plan of ${vnet.address}`, vnet.config.ddos_protection_plan);
  const plan = block(vnet.config.ddos_protection_plan);
  if (isExpression(plan?.enable)) return unknownValue(`ddos_protection_plan.enable of ${vnet.address}`, plan!.enable);
  if (plan?.enable === true) return undefined;
  return `has the frontend public IP ${ip.address}, which inherits DDoS protection from ${vnet.address}: that VNet has no enabled DDoS protection plan, `
    + 'so only Azure\'s infrastructure protection applies';
}
