import { RuleCategory } from '../category';
import { HipaaRule, isExpression, policyHas, unknownValue } from '../rule';
import { HipaaSafeguard } from '../safeguard';

/** Policy elements that validate an OAuth 2.0 / OpenID Connect token. */
export const TOKEN_VALIDATORS = ['validate-jwt', 'validate-azure-ad-token'];

export const API_AUTHENTICATION: HipaaRule = {
  id: 'API-AUTHENTICATION',
  category: RuleCategory.HIPAA,
  title: 'APIs require a subscription key and validate an OAuth 2.0 / OpenID Connect token',
  safeguard: HipaaSafeguard.AUTHENTICATION,
  control: 'Azure Policy: API endpoints in Azure API Management should be authenticated',
  fix: 'Keep subscription_required = true and add validate-jwt or validate-azure-ad-token to the API (or global) policy; ProtectedApi does both',
  resourceTypes: ['azurerm_api_management_api'],
  check(r, stack) {
    if (r.config.subscription_required === false) return 'does not require a subscription key';
    const apiPolicies = stack.referencing(r, 'azurerm_api_management_api_policy');
    const global = stack.ofType('azurerm_api_management_policy');
    if (!TOKEN_VALIDATORS.some((e) => policyHas([...apiPolicies, ...global], e))) {
      const dynamic = [...apiPolicies, ...global].find((p) => isExpression(p.config.xml_content) || isExpression(p.config.xml_link));
      if (dynamic) return unknownValue(`the policy of ${dynamic.address}`, dynamic.config.xml_content ?? dynamic.config.xml_link);
      return 'validates no token: neither its policy nor the global policy has validate-jwt or validate-azure-ad-token';
    }
    if (isExpression(r.config.subscription_required)) return unknownValue('subscription_required', r.config.subscription_required);
    return undefined;
  },
};
