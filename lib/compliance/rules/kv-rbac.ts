import { RuleCategory } from '../category';
import { blocks, expressionIn, HipaaRule, isExpression, unknownValue } from '../rule';
import { HipaaSafeguard } from '../safeguard';

export const KV_RBAC: HipaaRule = {
  id: 'KV-RBAC',
  category: RuleCategory.HIPAA,
  title: 'Key vaults authorize data access with Azure RBAC, not access policies',
  safeguard: HipaaSafeguard.ACCESS_CONTROL,
  control: 'Azure Policy: Azure Key Vault should use RBAC permission model',
  fix: 'Set rbac_authorization_enabled = true, remove access_policy blocks and grant roles with azurerm_role_assignment',
  resourceTypes: ['azurerm_key_vault'],
  check(r) {
    if (r.config.rbac_authorization_enabled === true || r.config.enable_rbac_authorization === true) {
      if (blocks(r.config.access_policy).length) return 'has access_policy blocks next to RBAC';
      if (isExpression(r.config.access_policy)) return unknownValue('access_policy', r.config.access_policy);
      return undefined;
    }
    const dynamic = expressionIn(r.config, ['rbac_authorization_enabled', 'enable_rbac_authorization']);
    if (dynamic) return unknownValue(...dynamic);
    return 'uses vault access policies instead of Azure RBAC';
  },
};
