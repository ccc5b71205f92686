import { RuleCategory } from '../category';
import { block, HipaaRule, isExpression, unknownValue } from '../rule';
import { HipaaSafeguard } from '../safeguard';

export const APIM_MANAGED_IDENTITY: HipaaRule = {
  id: 'APIM-MANAGED-IDENTITY',
  category: RuleCategory.HIPAA,
  title: 'API Management has a managed identity, so it reaches Key Vault and backends without stored credentials',
  safeguard: HipaaSafeguard.AUTHENTICATION,
  control: 'Microsoft cloud security benchmark IM-3 (manage application identities securely and automatically)',
  fix: 'Add identity { type = "SystemAssigned" } (or a user-assigned identity)',
  resourceTypes: ['azurerm_api_management'],
  check(r) {
    if (isExpression(r.config.identity)) return unknownValue('identity', r.config.identity);
    const identity = block(r.config.identity);
    if (isExpression(identity?.type)) return unknownValue('identity.type', identity!.type);
    if (!identity || typeof identity.type !== 'string' || !/Assigned/.test(identity.type)) return 'has no managed identity';
    return undefined;
  },
};
