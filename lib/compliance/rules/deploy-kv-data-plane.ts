import { RuleCategory } from '../category';
import { createdSubnet, KEY_VAULT_ITEMS, privateEndpointsOn, referencedVault, vaultClosure, vaultClosureUnknown } from '../deployability';
import { block, DeployabilityRule, isExpression, ResourceView, StackView, Unknown } from '../rule';

/** Whether the firewall lets some declared IP range in: any rule, or an expression (`${var.deployer_ip_ranges}`). */
function declaresIpRules(ipRules: unknown): boolean {
  if (typeof ipRules === 'string') return isExpression(ipRules);
  return Array.isArray(ipRules) && ipRules.some((r) => typeof r === 'string' && r !== '');
}

/** Whether a virtual network rule names a subnet that exists before this apply (a runner can sit there). */
function declaresRunnerSubnet(subnetIds: unknown, stack: StackView): boolean {
  if (typeof subnetIds === 'string') return isExpression(subnetIds) && !createdSubnet(subnetIds, stack);
  return Array.isArray(subnetIds) && subnetIds.some((id) => typeof id === 'string' && id !== '' && !createdSubnet(id, stack));
}

/** The private endpoints on the vault in subnets that exist before this apply. */
function runnerEndpoints(vault: ResourceView, stack: StackView): ResourceView[] {
  return privateEndpointsOn(vault, stack).filter((pe) => typeof pe.config.subnet_id === 'string' && !createdSubnet(pe.config.subnet_id, stack));
}

/**
 * Terraform writes Key Vault secrets, certificates and keys through the vault's data
 * endpoint, from wherever `cdktf deploy` runs. A firewall with default_action = "Deny" and no
 * rule for the runner answers 403 ForbiddenByFirewall, and azurerm (which reads the item
 * first) has no 403 handling (hashicorp/terraform-provider-azurerm#20742). The runner is
 * outside every network the stack creates: a virtual network rule or private endpoint in a
 * subnet the same apply creates gives it no path. With public network access off, only a
 * private endpoint does. ARM template deployments of secrets go through the control plane and
 * are not inspected.
 */
export const DEPLOY_KV_DATA_PLANE: DeployabilityRule = {
  id: 'DEPLOY-KV-DATA-PLANE',
  category: RuleCategory.DEPLOYABILITY,
  title: 'Terraform writes no Key Vault secret, certificate or key into a closed vault unless the deployer has a declared network path to it',
  control: 'Key Vault answers data-plane calls from outside its network rules with 403 ForbiddenByFirewall (hashicorp/terraform-provider-azurerm#20742)',
  fix: 'Declare the deployer\'s path (network_acls.ip_rules with the runner\'s egress ranges, e.g. from a variable; an existing runner subnet in virtual_network_subnet_ids; '
    + 'or a private endpoint in an existing subnet the runner reaches, ordered before the write), create secrets through the control plane (an ARM template deployment), or deploy in documented phases',
  resourceTypes: KEY_VAULT_ITEMS,
  check(r, stack) {
    const vault = referencedVault(r.config.key_vault_id, stack);
    if (!vault) return undefined;
    const closure = vaultClosure(vault);
    if (!closure) {
      const undecided = vaultClosureUnknown(vault);
      return undecided && new Unknown(`writes through the data plane of ${vault.address}, whose closure is not known at synth: it ${undecided.reason}`);
    }
    const acls = block(vault.config.network_acls);
    if (closure === 'firewall' && (declaresIpRules(acls?.ip_rules) || declaresRunnerSubnet(acls?.virtual_network_subnet_ids, stack))) return undefined;
    const endpoints = runnerEndpoints(vault, stack);
    if (endpoints.some((pe) => stack.dependsOn(r, pe))) return undefined;
    const denial = `writes through the vault's data plane (${vault.address}), which denies the deployer (403 ForbiddenByFirewall, azurerm#20742)`;
    if (endpoints.length) return `${denial}: it is not ordered after ${endpoints.map((pe) => pe.address).join(', ')}, the private endpoint in an existing subnet that would give the deployer a path`;
    if (closure === 'public-access-off') return `${denial}: public network access is off and no private endpoint on the vault sits in a subnet that exists before this apply`;
    return `${denial}: its firewall denies by default with no IP rule, no existing runner subnet and no private endpoint in a subnet that exists before this apply`;
  },
};
