import { RuleCategory } from '../category';
import { HipaaRule, isExpression, unknownValue } from '../rule';
import { HipaaSafeguard } from '../safeguard';

export const APIM_NETWORK_ISOLATION: HipaaRule = {
  id: 'APIM-NETWORK-ISOLATION',
  category: RuleCategory.HIPAA,
  title: 'API Management is isolated in a virtual network (internal mode) or reached through a private endpoint',
  safeguard: HipaaSafeguard.ACCESS_CONTROL,
  control: 'Azure Policy: API Management services should use a virtual network (MCSB NS-2)',
  fix: 'Set virtual_network_type = "Internal" with a subnet, or add an azurerm_private_endpoint to the instance (subresource Gateway)',
  resourceTypes: ['azurerm_api_management'],
  check(r, stack) {
    if (r.config.virtual_network_type === 'Internal') return undefined;
    if (stack.referencing(r, 'azurerm_private_endpoint').length > 0) return undefined;
    if (isExpression(r.config.virtual_network_type)) return unknownValue('virtual_network_type', r.config.virtual_network_type);
    if (r.config.virtual_network_type === 'External') return 'uses External virtual network mode, which keeps the gateway on the internet, and has no private endpoint';
    return 'is in no virtual network and has no private endpoint';
  },
};
