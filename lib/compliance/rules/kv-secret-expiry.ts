import { RuleCategory } from '../category';
import { HipaaRule } from '../rule';
import { HipaaSafeguard } from '../safeguard';

export const KV_SECRET_EXPIRY: HipaaRule = {
  id: 'KV-SECRET-EXPIRY',
  category: RuleCategory.HIPAA,
  title: 'Every secret and key the stack writes into Key Vault has an expiry, so a credential cannot stay valid forever',
  safeguard: HipaaSafeguard.PASSWORD_MANAGEMENT,
  control: 'Azure Policy: Key Vault secrets should have an expiration date; Key Vault keys should have an expiration date (Microsoft cloud security benchmark IM-8, DP-6)',
  fix: 'Set expiration_date on every azurerm_key_vault_secret and azurerm_key_vault_key, from a schedule so the plan stays stable '
    + '(RotationSchedule.expirationDate, PlatformKeyVault.secretExpirationDate(), or a time_offset)',
  resourceTypes: ['azurerm_key_vault_secret', 'azurerm_key_vault_key'],
  check(r) {
    const expiry = r.config.expiration_date;
    if (expiry === undefined || expiry === null || expiry === '') return 'has no expiration_date';
    return undefined;
  },
};
