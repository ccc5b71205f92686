import { RuleCategory } from '../category';
import { block, HipaaRule, isExpression, unknownValue } from '../rule';
import { HipaaSafeguard } from '../safeguard';

export const KV_NETWORK: HipaaRule = {
  id: 'KV-NETWORK',
  category: RuleCategory.HIPAA,
  title: 'Key vaults deny public network access by default (firewall default action Deny, or public access off)',
  safeguard: HipaaSafeguard.ACCESS_CONTROL,
  control: 'Azure Policy: Azure Key Vault should have firewall enabled or public network access disabled',
  fix: 'Set public_network_access_enabled = false, or network_acls { default_action = "Deny", bypass = "AzureServices" } with the allowed subnets and IP ranges',
  resourceTypes: ['azurerm_key_vault'],
  check(r) {
    if (r.config.public_network_access_enabled === false) return undefined;
    if (block(r.config.network_acls)?.default_action === 'Deny') return undefined;
    if (isExpression(r.config.public_network_access_enabled)) return unknownValue('public_network_access_enabled', r.config.public_network_access_enabled);
    if (isExpression(r.config.network_acls)) return unknownValue('network_acls', r.config.network_acls);
    const action = block(r.config.network_acls)?.default_action;
    if (isExpression(action)) return unknownValue('network_acls.default_action', action);
    return 'accepts connections from any network';
  },
};
