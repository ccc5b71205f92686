import { RuleCategory } from '../category';
import { block, HipaaRule, isExpression, unknownValue } from '../rule';
import { HipaaSafeguard } from '../safeguard';
import { hasClassicPortal } from './apim-portal-sign-in';

export const APIM_DIRECT_MANAGEMENT: HipaaRule = {
  id: 'APIM-DIRECT-MANAGEMENT',
  category: RuleCategory.HIPAA,
  title: 'The direct management (tenant access) endpoint of API Management is off',
  safeguard: HipaaSafeguard.ACCESS_CONTROL,
  control: 'Azure Policy: API Management direct management endpoint should not be enabled',
  fix: 'Set tenant_access { enabled = false }',
  resourceTypes: ['azurerm_api_management'],
  check(r) {
    const enabled = block(r.config.tenant_access)?.enabled;
    if (enabled === false) return undefined;
    // Whether the SKU has a direct management endpoint at all.
    if (isExpression(r.config.sku_name)) return unknownValue('sku_name', r.config.sku_name);
    if (!hasClassicPortal(r.config.sku_name)) return undefined;
    if (isExpression(r.config.tenant_access)) return unknownValue('tenant_access', r.config.tenant_access);
    if (isExpression(enabled)) return unknownValue('tenant_access.enabled', enabled);
    return 'does not set tenant_access.enabled = false';
  },
};
