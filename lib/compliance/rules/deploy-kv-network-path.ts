import { RuleCategory } from '../category';
import { privateEndpointsOn, vaultClosure, vaultClosureUnknown, vaultsOf } from '../deployability';
import { block, blocks, CheckResult, DeployabilityRule, isExpression, ResourceView, StackView, Unknown, unknownValue } from '../rule';

/** Hostname blocks of `azurerm_api_management.hostname_configuration` and of `azurerm_api_management_custom_domain`. */
const HOSTNAME_BLOCKS = ['proxy', 'gateway', 'management', 'portal', 'developer_portal', 'scm'];

/** What a reader fetches from Key Vault, as [the Key Vault value, the resource that asks for it]. */
type VaultRead = [unknown, ResourceView];

/** What API Management reads from Key Vault: named values, custom domain certificates, certificates. */
function apimReads(apim: ResourceView, stack: StackView): VaultRead[] {
  const reads: VaultRead[] = [];
  for (const nv of stack.referencing(apim, 'azurerm_api_management_named_value')) reads.push([block(nv.config.value_from_key_vault)?.secret_id, nv]);
  const hostnames: Array<[Record<string, any> | undefined, ResourceView]> = [
    [block(apim.config.hostname_configuration), apim],
    ...stack.referencing(apim, 'azurerm_api_management_custom_domain').map((d): [Record<string, any>, ResourceView] => [d.config, d]),
  ];
  for (const [config, source] of hostnames) {
    for (const kind of HOSTNAME_BLOCKS) {
      for (const h of blocks(config?.[kind])) reads.push([h.key_vault_certificate_id ?? h.key_vault_id, source]);
    }
  }
  for (const c of stack.referencing(apim, 'azurerm_api_management_certificate')) reads.push([c.config.key_vault_secret_id, c]);
  return reads;
}

/** The subnets a reader calls Key Vault from: APIM's injection or integration subnet, the gateway's subnet. */
function readerSubnets(r: ResourceView): unknown[] {
  if (r.type === 'azurerm_api_management') return [block(r.config.virtual_network_configuration)?.subnet_id].filter((s) => s !== undefined);
  return blocks(r.config.gateway_ip_configuration).map((c) => c.subnet_id).filter((s) => s !== undefined);
}

/** Whether two subnet id values name the same subnet: the same subnet resource of the stack, or the same literal. */
function sameSubnet(a: unknown, b: unknown, stack: StackView): boolean {
  const ra = stack.referencedBy(a).filter((x) => x.type === 'azurerm_subnet');
  const rb = stack.referencedBy(b).filter((x) => x.type === 'azurerm_subnet');
  if (ra.length || rb.length) return ra.some((x) => rb.includes(x));
  // The same literal id, or the same expression text (the same variable or output).
  return typeof a === 'string' && a === b;
}

/** What is wrong with the service endpoints of the subnet (when it is an azurerm_subnet of the stack): a finding, Unknown, or undefined. */
function serviceEndpointProblem(vault: ResourceView, subnetId: unknown, stack: StackView): CheckResult {
  const subnet = stack.referencedBy(subnetId).find((x) => x.type === 'azurerm_subnet');
  if (!subnet) return undefined;
  const endpoints: unknown = subnet.config.service_endpoints;
  if (isExpression(endpoints)) return new Unknown(`reads ${vault.address} from ${subnet.address}, which ${unknownValue('service_endpoints', endpoints).reason}`);
  if (Array.isArray(endpoints) && endpoints.includes('Microsoft.KeyVault')) return undefined;
  return `reads ${vault.address} from ${subnet.address}, which the vault allows but which has no Microsoft.KeyVault service endpoint`;
}

/** What is wrong with the reader's path to one closed vault: a finding, Unknown when an expression decides, or undefined when it has one. */
function pathProblem(r: ResourceView, vault: ResourceView, stack: StackView): CheckResult {
  if (privateEndpointsOn(vault, stack).length) return undefined;
  const acls = block(vault.config.network_acls);
  let undecided: Unknown | undefined;
  if (vaultClosure(vault) === 'firewall') {
    const rules: unknown = acls?.virtual_network_subnet_ids;
    const allowed: unknown[] = Array.isArray(rules) ? rules : [];
    for (const subnet of readerSubnets(r)) {
      if (!allowed.some((a) => sameSubnet(subnet, a, stack))) continue;
      return serviceEndpointProblem(vault, subnet, stack);
    }
    // Subnets the vault allows by an expression may or may not include the reader's.
    const dynamic = isExpression(rules) ? rules : allowed.find((a) => isExpression(a) && !stack.referencedBy(a).some((x) => x.type === 'azurerm_subnet'));
    if (dynamic !== undefined) undecided = new Unknown(`reads ${vault.address}, which ${unknownValue('network_acls.virtual_network_subnet_ids', dynamic).reason}`);
  }
  const how = vaultClosure(vault) === 'public-access-off' ? 'public network access is off and the stack has no private endpoint on the vault'
    : 'its subnet is not in the vault\'s virtual network rules and the stack has no private endpoint on the vault';
  if (undecided) return undecided;
  if (r.type === 'azurerm_api_management' && acls?.bypass === 'AzureServices') {
    return `reads ${vault.address} relying on bypass = "AzureServices", but the trusted-services bypass is not available to API Management instances created from December 2025 on: ${how}`;
  }
  return `has no network path to ${vault.address}, which it reads: ${how}`;
}

/**
 * A closed vault (default_action = "Deny", or public access off) answers only callers its
 * rules allow. API Management reads named values and certificates from Key Vault at
 * creation and on every refresh; Application Gateway reads its listener certificate. The
 * Key Vault "trusted services" bypass is not available to API Management instances created
 * from December 2025 on: APIM reads the vault through its subnet (service endpoint
 * Microsoft.KeyVault plus a vault network rule) or a Key Vault private endpoint; the
 * gateway likewise through its subnet or a private endpoint.
 */
export const DEPLOY_KV_NETWORK_PATH: DeployabilityRule = {
  id: 'DEPLOY-KV-NETWORK-PATH',
  category: RuleCategory.DEPLOYABILITY,
  title: 'API Management and Application Gateway reach the closed vaults they read through a network path: their subnet in the vault\'s network rules (with the Microsoft.KeyVault service endpoint) or a private endpoint',
  control: 'The Key Vault trusted-services bypass is not available to API Management instances created from December 2025 on; APIM reads the vault through its subnet or a private endpoint',
  fix: 'Add the reader\'s subnet to network_acls.virtual_network_subnet_ids and service_endpoints = ["Microsoft.KeyVault"] on that subnet, or add an azurerm_private_endpoint on the vault (subresource vault) with the privatelink.vaultcore.azure.net zone',
  resourceTypes: ['azurerm_api_management', 'azurerm_application_gateway'],
  check(r, stack) {
    const reads: VaultRead[] = r.type === 'azurerm_api_management' ? apimReads(r, stack)
      : blocks(r.config.ssl_certificate).map((c): VaultRead => [c.key_vault_secret_id, r]);
    const checked = new Set<ResourceView>();
    let undecided: Unknown | undefined;
    for (const [value, source] of reads) {
      for (const vault of vaultsOf(value, stack)) {
        if (checked.has(vault)) continue;
        checked.add(vault);
        if (!vaultClosure(vault)) {
          const why = vaultClosureUnknown(vault);
          undecided ??= why && new Unknown(`reads ${vault.address}, whose closure is not known at synth: it ${why.reason}`);
          continue;
        }
        const problem = pathProblem(r, vault, stack);
        const through = source === r ? '' : ` (through ${source.address})`;
        if (typeof problem === 'string') return problem + through;
        if (problem) undecided ??= new Unknown(problem.reason + through);
      }
    }
    return undecided;
  },
};
