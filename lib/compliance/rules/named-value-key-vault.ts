import { RuleCategory } from '../category';
import { block, HipaaRule, isExpression, unknownValue } from '../rule';
import { HipaaSafeguard } from '../safeguard';

export const NAMED_VALUE_KEY_VAULT: HipaaRule = {
  id: 'NAMED-VALUE-KEY-VAULT',
  category: RuleCategory.HIPAA,
  title: 'Secret named values come from Key Vault, not from Terraform',
  safeguard: HipaaSafeguard.ACCESS_CONTROL,
  control: 'Azure Policy: API Management secret named values should be stored in Azure Key Vault',
  fix: 'Use value_from_key_vault { secret_id } with secret = true (SecureHealthcareApim.addSecretNamedValue)',
  resourceTypes: ['azurerm_api_management_named_value'],
  check(r) {
    const fromVault = block(r.config.value_from_key_vault);
    if (r.config.secret === true && !fromVault) return 'is a secret whose value is held in Terraform configuration and state';
    if (isExpression(r.config.secret) && !fromVault) return unknownValue('secret', r.config.secret);
    return undefined;
  },
};
