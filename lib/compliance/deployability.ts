/**
 * Azure facts shared by the deployability rules (azure-notes.md, "First deploy from a CI
 * runner"): when a vault is closed, which subnets a runner can sit in, which role
 * assignments are data-plane, and whether a time_sleep separates two resources. Internal.
 */
import { block, blocks, isExpression, ResourceView, StackView, Unknown, unknownValue } from './rule';

/** The Terraform types that write through a vault's data endpoint (`https://<vault>.vault.azure.net`). */
export const KEY_VAULT_ITEMS = ['azurerm_key_vault_secret', 'azurerm_key_vault_certificate', 'azurerm_key_vault_key'];

/** How a vault's data endpoint is closed: public access off (private endpoints only), or a firewall that denies by default. */
export type VaultClosure = 'public-access-off' | 'firewall';

/**
 * Whether callers outside the vault's rules are refused. With public network access off,
 * IP and virtual network rules do not apply at all: only private endpoints reach the vault.
 */
export function vaultClosure(vault: ResourceView): VaultClosure | undefined {
  if (vault.config.public_network_access_enabled === false) return 'public-access-off';
  if (block(vault.config.network_acls)?.default_action === 'Deny') return 'firewall';
  return undefined;
}

/**
 * Why a vault's closure is unknown at synth (public access or the firewall's default action
 * given by an expression, and neither known to close it), or undefined when it is known.
 */
export function vaultClosureUnknown(vault: ResourceView): Unknown | undefined {
  if (vaultClosure(vault)) return undefined;
  if (isExpression(vault.config.public_network_access_enabled)) return unknownValue('public_network_access_enabled', vault.config.public_network_access_enabled);
  if (isExpression(vault.config.network_acls)) return unknownValue('network_acls', vault.config.network_acls);
  const action = block(vault.config.network_acls)?.default_action;
  return isExpression(action) ? unknownValue('network_acls.default_action', action) : undefined;
}

/** The vault of the stack that `key_vault_id` (or any value) references. */
export function referencedVault(value: unknown, stack: StackView): ResourceView | undefined {
  return stack.referencedBy(value).find((r) => r.type === 'azurerm_key_vault');
}

/**
 * Whether a subnet id is created by this stack (a reference to an `azurerm_subnet`, or to a
 * subnet block of an `azurerm_virtual_network`, of the stack). A runner cannot sit inside a
 * network that the same apply creates; a literal id, a variable or a data source names an
 * existing subnet.
 */
export function createdSubnet(subnetId: unknown, stack: StackView): boolean {
  return stack.referencedBy(subnetId).some((r) => r.type === 'azurerm_subnet' || r.type === 'azurerm_virtual_network');
}

/** The private endpoints of the stack whose service connection targets `target`. */
export function privateEndpointsOn(target: ResourceView, stack: StackView): ResourceView[] {
  return stack.ofType('azurerm_private_endpoint').filter((pe) => blocks(pe.config.private_service_connection)
    .some((c) => stack.referencedBy(c.private_connection_resource_id).includes(target)));
}

/**
 * The vaults of the stack a Key Vault URI or id points to: a reference to the vault
 * (`${azurerm_key_vault.X.vault_uri}secrets/…`), to an item in it
 * (`${azurerm_key_vault_secret.S.versionless_id}`), or a literal
 * `https://<vault name>.vault.azure.net/…` naming a vault of the stack by its literal name.
 */
export function vaultsOf(value: unknown, stack: StackView): ResourceView[] {
  if (typeof value !== 'string' || value === '') return [];
  const found = new Set<ResourceView>();
  for (const r of stack.referencedBy(value)) {
    if (r.type === 'azurerm_key_vault') found.add(r);
    if (KEY_VAULT_ITEMS.includes(r.type)) {
      const vault = referencedVault(r.config.key_vault_id, stack);
      if (vault) found.add(vault);
    }
  }
  const host = /^https:\/\/([A-Za-z0-9-]+)\.vault\.azure\.net(\/|:|$)/.exec(value);
  if (host) {
    for (const v of stack.ofType('azurerm_key_vault')) {
      if (typeof v.config.name === 'string' && v.config.name.toLowerCase() === host[1].toLowerCase()) found.add(v);
    }
  }
  return [...found];
}

/**
 * Azure RBAC roles whose permissions act on a service's data plane: they take minutes to
 * propagate after `azurerm_role_assignment` returns (it only waits until ARM reads the
 * assignment back). Key Vault Contributor is a management-plane role and is excluded.
 */
const DATA_PLANE_ROLE = /^(Key Vault |Storage (Blob|Queue|Table|File) |FHIR |DICOM |Azure Event Hubs Data |Azure Service Bus Data |App Configuration Data )/;
const MANAGEMENT_PLANE_ROLE = /^Key Vault Contributor$/;

/** The role name of an assignment when it is a literal data-plane role; undefined for others and for role_definition_id (not classified). */
export function dataPlaneRole(assignment: ResourceView): string | undefined {
  const name = assignment.config.role_definition_name;
  if (typeof name !== 'string' || isExpression(name)) return undefined;
  return DATA_PLANE_ROLE.test(name) && !MANAGEMENT_PLANE_ROLE.test(name) ? name : undefined;
}

/** Whether a principal id is the deployer's (`${data.azurerm_client_config.<name>.object_id}`). */
export function isDeployer(principalId: unknown): boolean {
  return typeof principalId === 'string' && /\$\{data\.azurerm_client_config\.[A-Za-z0-9_-]+\.object_id\}/.test(principalId);
}

/** Whether a time_sleep waits on create (a sleep with only destroy_duration does not). */
function waitsOnCreate(sleep: ResourceView): boolean {
  const d = sleep.config.create_duration;
  return typeof d === 'string' && d !== '';
}

/**
 * Whether `resource` is created after a `time_sleep` that is itself created after
 * `assignment` (depends on it, or references it in its triggers), so the role had time to
 * propagate before `resource` uses it.
 */
export function waitsAfter(resource: ResourceView, assignment: ResourceView, stack: StackView): boolean {
  return stack.ofType('time_sleep').some((s) => waitsOnCreate(s) && stack.dependsOn(resource, s) && stack.dependsOn(s, assignment));
}
