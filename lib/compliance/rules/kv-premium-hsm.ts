import { RuleCategory } from '../category';
import { HipaaRule, isExpression, unknownValue } from '../rule';
import { HipaaSafeguard } from '../safeguard';

export const KV_PREMIUM_HSM: HipaaRule = {
  id: 'KV-PREMIUM-HSM',
  category: RuleCategory.HIPAA,
  title: 'Key vaults are the premium SKU and the keys they hold are HSM-protected (RSA-HSM or EC-HSM, FIPS 140 validated HSMs)',
  safeguard: HipaaSafeguard.ENCRYPTION,
  control: 'Microsoft cloud security benchmark DP-6 (use a secure key management process) and DP-7; Azure Policy: Keys should be backed by a hardware security module (HSM)',
  fix: 'Set sku_name = "premium" on the azurerm_key_vault (PlatformKeyVault does unless allowStandardSku) and key_type = "RSA-HSM" or "EC-HSM" on every azurerm_key_vault_key',
  resourceTypes: ['azurerm_key_vault', 'azurerm_key_vault_key'],
  check(r) {
    if (r.type === 'azurerm_key_vault') {
      const sku = r.config.sku_name;
      if (isExpression(sku)) return unknownValue('sku_name', sku);
      return sku === 'premium' ? undefined : `is the ${sku ?? 'unset'} SKU, whose keys are software-protected`;
    }
    const keyType = r.config.key_type;
    if (isExpression(keyType)) return unknownValue('key_type', keyType);
    return typeof keyType === 'string' && /-HSM$/.test(keyType) ? undefined : `is a ${keyType ?? 'untyped'} key, not HSM-protected (RSA-HSM or EC-HSM)`;
  },
};
