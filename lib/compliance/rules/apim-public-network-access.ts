import { RuleCategory } from '../category';
import { HipaaRule, isExpression, unknownValue } from '../rule';
import { HipaaSafeguard } from '../safeguard';

export const APIM_PUBLIC_NETWORK_ACCESS: HipaaRule = {
  id: 'APIM-PUBLIC-NETWORK-ACCESS',
  category: RuleCategory.HIPAA,
  title: 'API Management has no public endpoint: public network access off, or internal virtual network mode',
  safeguard: HipaaSafeguard.ACCESS_CONTROL,
  control: 'Azure Policy: API Management services should disable public network access (MCSB NS-2)',
  fix: 'Use internal virtual network mode, or set public_network_access_enabled = false once a private endpoint is approved',
  resourceTypes: ['azurerm_api_management'],
  check(r) {
    if (r.config.virtual_network_type === 'Internal') return undefined;
    if (r.config.public_network_access_enabled === false) return undefined;
    if (isExpression(r.config.virtual_network_type)) return unknownValue('virtual_network_type', r.config.virtual_network_type);
    if (isExpression(r.config.public_network_access_enabled)) return unknownValue('public_network_access_enabled', r.config.public_network_access_enabled);
    return 'keeps public network access on';
  },
};
