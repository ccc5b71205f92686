import { RuleCategory } from '../category';
import { block, HipaaRule } from '../rule';
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
    if (!hasClassicPortal(r.config.sku_name)) return undefined;
    if (block(r.config.tenant_access)?.enabled !== false) return 'does not set tenant_access.enabled = false';
    return undefined;
  },
};
