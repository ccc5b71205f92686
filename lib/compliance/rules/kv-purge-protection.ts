import { RuleCategory } from '../category';
import { HipaaRule, isExpression, unknownValue } from '../rule';
import { HipaaSafeguard } from '../safeguard';

export const KV_PURGE_PROTECTION: HipaaRule = {
  id: 'KV-PURGE-PROTECTION',
  category: RuleCategory.HIPAA,
  title: 'Key vaults have purge protection, so deleted keys, secrets and certificates can be recovered',
  safeguard: HipaaSafeguard.INTEGRITY,
  control: 'Azure Policy: Key vaults should have deletion protection enabled',
  fix: 'Set purge_protection_enabled = true (and soft_delete_retention_days, 7 to 90)',
  resourceTypes: ['azurerm_key_vault'],
  check(r) {
    if (isExpression(r.config.purge_protection_enabled)) return unknownValue('purge_protection_enabled', r.config.purge_protection_enabled);
    if (r.config.purge_protection_enabled !== true) return 'has no purge protection';
    return undefined;
  },
};
