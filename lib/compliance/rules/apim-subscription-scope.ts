import { RuleCategory } from '../category';
import { HipaaRule, isExpression, unknownValue } from '../rule';
import { HipaaSafeguard } from '../safeguard';

export const APIM_SUBSCRIPTION_SCOPE: HipaaRule = {
  id: 'APIM-SUBSCRIPTION-SCOPE',
  category: RuleCategory.HIPAA,
  title: 'Subscriptions are scoped to a product or a single API, never to all APIs, and tracing is off',
  safeguard: HipaaSafeguard.ACCESS_CONTROL,
  control: 'Azure Policy: API Management subscriptions should not be scoped to all APIs',
  fix: 'Set product_id (or api_id) and allow_tracing = false; ConsumerGroup subscriptions do both',
  resourceTypes: ['azurerm_api_management_subscription'],
  check(r) {
    if (r.config.product_id === undefined && r.config.api_id === undefined) return 'has neither product_id nor api_id, so it opens every API';
    if (isExpression(r.config.allow_tracing)) return unknownValue('allow_tracing', r.config.allow_tracing);
    if (r.config.allow_tracing !== false) return 'does not set allow_tracing = false, so request traces (which can hold PHI) can be switched on';
    return undefined;
  },
};
