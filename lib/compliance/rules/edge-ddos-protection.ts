import { RuleCategory } from '../category';
import { block, blocks, CheckResult, HipaaRule, isExpression, ResourceView, StackView, Unknown, unknownValue } from '../rule';
import { HipaaSafeguard } from '../safeguard';

/**
 * A public IP in front of an Application Gateway (the internet edge) has DDoS protection beyond
 * Azure's infrastructure default: DDoS IP Protection on the IP (`ddos_protection_mode =
 * "Enabled"`), or a DDoS Network Protection plan on the VNet it inherits from
 * (`VirtualNetworkInherited`, the azurerm default). A VNet outside the stack is unknown at synth.
 */
export const EDGE_DDOS_PROTECTION: HipaaRule = {
  id: 'EDGE-DDOS-PROTECTION',
  category: RuleCategory.HIPAA,
  title: 'Public IPs of internet edges (Application Gateway frontends) have DDoS IP Protection or a DDoS Network Protection plan',
  safeguard: HipaaSafeguard.CONTINGENCY_PLAN,
  control: 'Azure Policy: Virtual networks should be protected by Azure DDoS Protection (MCSB NS-5), or DDoS IP Protection on the edge public IP',
  fix: 'Set ddos_protection_mode = "Enabled" on the public IP, or a ddos_protection_plan { id, enable = true } on the VNet of the gateway subnet',
  resourceTypes: ['azurerm_public_ip'],
  check(r, stack) {
    const gateways = stack.referencing(r, 'azurerm_application_gateway')
      .filter((g) => blocks(g.config.frontend_ip_configuration).some((f) => typeof f.public_ip_address_id === 'string' && f.public_ip_address_id.includes(`${r.address}.`)));
    if (!gateways.length) return undefined;
    const mode = r.config.ddos_protection_mode;
    if (isExpression(mode)) return unknownValue('ddos_protection_mode', mode);
    if (mode === 'Enabled') return undefined;
    if (mode === 'Disabled') return 'disables DDoS protection on an Application Gateway frontend IP';
    return gateways.map((g) => inheritedVerdict(g, stack)).find((v) => v !== undefined);
  },
};

/** The verdict on the VNet a gateway's IP inherits DDoS protection from. */
function inheritedVerdict(gateway: ResourceView, stack: StackView): CheckResult {
  const subnetId = block(gateway.config.gateway_ip_configuration)?.subnet_id;
  const subnet = stack.resolveReference(subnetId);
  if (!subnet || subnet.type !== 'azurerm_subnet') {
    return new Unknown(`inherits DDoS protection from the VNet of subnet ${String(subnetId)}, which is outside the stack: whether a DDoS protection plan covers it is not known at synth`);
  }
  const vnetName = subnet.config.virtual_network_name;
  const vnet = stack.resolveReference(vnetName)
    ?? stack.ofType('azurerm_virtual_network').find((v) => v.config.name === vnetName && v.config.resource_group_name === subnet.config.resource_group_name);
  if (!vnet || vnet.type !== 'azurerm_virtual_network') {
    return new Unknown(`inherits DDoS protection from VNet ${String(vnetName)}, which is outside the stack: whether a DDoS protection plan covers it is not known at synth`);
  }
  if (isExpression(vnet.config.ddos_protection_plan)) return unknownValue(`the ddos_protection_plan of ${vnet.address}`, vnet.config.ddos_protection_plan);
  const plan = block(vnet.config.ddos_protection_plan);
  if (isExpression(plan?.enable)) return unknownValue(`ddos_protection_plan.enable of ${vnet.address}`, plan!.enable);
  if (plan?.enable === true) return undefined;
  return `inherits DDoS protection from ${vnet.address}, which has no enabled DDoS protection plan: only Azure's infrastructure protection applies`;
}
