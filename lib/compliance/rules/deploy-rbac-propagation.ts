import { RuleCategory } from '../category';
import { dataPlaneRole, isDeployer, referencedVault, waitsAfter } from '../deployability';
import { block, blocks, DeployabilityRule, ResourceView, StackView } from '../rule';

/** The Key Vault roles that let the deployer write each kind of item. */
const WRITER_ROLES: Record<string, RegExp> = {
  azurerm_key_vault_secret: /^Key Vault (Administrator|Secrets Officer)$/,
  azurerm_key_vault_certificate: /^Key Vault (Administrator|Certificates Officer)$/,
  azurerm_key_vault_key: /^Key Vault (Administrator|Crypto Officer)$/,
};

/** The data-plane role assignments `r` depends on directly (depends_on or a reference) without a time_sleep in between. */
function unwaitedDirect(r: ResourceView, stack: StackView): ResourceView[] {
  return stack.directDependencies(r)
    .filter((d) => d.type === 'azurerm_role_assignment' && dataPlaneRole(d) !== undefined && !waitsAfter(r, d, stack));
}

/** The deployer's writer role assignments on the item's RBAC vault that no time_sleep separates from the item. */
function unwaitedDeployerGrants(r: ResourceView, stack: StackView): ResourceView[] {
  const vault = referencedVault(r.config.key_vault_id, stack);
  if (!vault || (vault.config.rbac_authorization_enabled !== true && vault.config.enable_rbac_authorization !== true)) return [];
  return stack.ofType('azurerm_role_assignment').filter((ra) => {
    const role = dataPlaneRole(ra);
    return role !== undefined && WRITER_ROLES[r.type].test(role) && isDeployer(ra.config.principal_id)
      && stack.referencedBy(ra.config.scope).includes(vault) && !waitsAfter(r, ra, stack);
  });
}

/** The Key Vault role assignments of the gateway's user-assigned identities that no time_sleep separates from the gateway. */
function unwaitedGatewayGrants(r: ResourceView, stack: StackView): ResourceView[] {
  if (!blocks(r.config.ssl_certificate).some((c) => typeof c.key_vault_secret_id === 'string' && c.key_vault_secret_id !== '')) return [];
  const identityIds: unknown = block(r.config.identity)?.identity_ids;
  const identities = stack.referencedBy(identityIds).filter((i) => i.type === 'azurerm_user_assigned_identity');
  return stack.ofType('azurerm_role_assignment').filter((ra) => {
    const role = dataPlaneRole(ra);
    const principal = ra.config.principal_id;
    return role !== undefined && role.startsWith('Key Vault ') && typeof principal === 'string'
      && identities.some((i) => principal.includes(`${i.address}.principal_id`)) && !waitsAfter(r, ra, stack);
  });
}

function grants(assignments: ResourceView[]): string {
  return assignments.map((a) => `${a.address} ('${a.config.role_definition_name}')`).join(', ');
}

/**
 * Azure RBAC data-plane roles (Key Vault *, Storage Blob *, FHIR *, …) take minutes to
 * propagate after azurerm_role_assignment returns: it only waits until ARM reads the
 * assignment back. A resource that uses a role granted in the same apply fails with 403
 * unless a wait separates them; the AVM key vault module (Azure/terraform-azurerm-avm-res-keyvault-vault
 * issue #78) fixed it with a time_sleep from hashicorp/time. Application Gateway reads its
 * listener certificate from Key Vault while it is being created and fails without access
 * (ApplicationGatewayKeyVaultSecretException, hashicorp/terraform-provider-azurerm#12910).
 * Assignments given by role_definition_id are not classified and not inspected.
 */
export const DEPLOY_RBAC_PROPAGATION: DeployabilityRule = {
  id: 'DEPLOY-RBAC-PROPAGATION',
  category: RuleCategory.DEPLOYABILITY,
  title: 'Whatever uses a data-plane role granted in the same apply waits for it to propagate: a time_sleep after the role assignment comes between them',
  control: 'Azure RBAC data-plane role assignments take minutes to propagate after azurerm_role_assignment returns (AVM key vault #78; Application Gateway: azurerm#12910)',
  fix: 'Add a time_sleep (hashicorp/time, @cdktf/provider-time) with create_duration (e.g. "120s") that depends on the role assignment, and make the resource depend on the time_sleep instead of the assignment',
  resourceTypes: ['*'],
  check(r, stack) {
    if (r.type === 'azurerm_role_assignment') return undefined;
    const direct = unwaitedDirect(r, stack);
    if (direct.length) return `uses ${grants(direct)} with no time_sleep between them, so it can run before the role has propagated (403 until it does; AVM key vault #78)`;
    if (WRITER_ROLES[r.type]) {
      const deployer = unwaitedDeployerGrants(r, stack);
      if (deployer.length) return `writes into the vault right after the deployer's ${grants(deployer)}, with no time_sleep after it, so the write can run before the role has propagated (403 Forbidden; AVM key vault #78)`;
    }
    if (r.type === 'azurerm_application_gateway') {
      const gateway = unwaitedGatewayGrants(r, stack);
      if (gateway.length) {
        return `reads its listener certificate from Key Vault while being created, with no time_sleep after ${grants(gateway)} grants its identity access `
          + '(ApplicationGatewayKeyVaultSecretException, azurerm#12910)';
      }
    }
    return undefined;
  },
};
