import { RuleCategory } from '../category';
import { HipaaRule, isExpression, Unknown } from '../rule';
import { HipaaSafeguard } from '../safeguard';

export const DEFENDER_FOR_APIS: HipaaRule = {
  id: 'DEFENDER-FOR-APIS',
  category: RuleCategory.HIPAA,
  title: 'API threats are detected: Microsoft Defender for APIs is on (Standard) in the subscription of the API Management instance',
  safeguard: HipaaSafeguard.SECURITY_INCIDENT_PROCEDURES,
  control: 'Azure Policy: Microsoft Defender for APIs should be enabled (7926a6d1-b268-4586-8197-e8ae90c877d7); MCSB LT-1',
  fix: 'Add azurerm_security_center_subscription_pricing with resource_type = "Api", tier = "Standard" and a subplan (P1 to P5), and onboard each API (SecureHealthcareApim does; onboardApiToDefender). '
    + 'When the plan is managed centrally, suppress with the name of that configuration (acknowledgeDefenderManagedCentrally)',
  resourceTypes: ['azurerm_api_management'],
  check(_r, stack) {
    const plans = stack.ofType('azurerm_security_center_subscription_pricing');
    const api = plans.filter((p) => p.config.resource_type === 'Api');
    if (api.some((p) => p.config.tier === 'Standard')) return undefined;
    const dynamic = [...api, ...plans.filter((p) => isExpression(p.config.resource_type))]
      .find((p) => isExpression(p.config.tier) || isExpression(p.config.resource_type));
    if (dynamic) {
      const attr = isExpression(dynamic.config.resource_type) ? 'resource_type' : 'tier';
      return new Unknown(`has a Defender plan ${dynamic.address} whose ${attr} is ${String(dynamic.config[attr])}, an expression whose value is not known at synth`);
    }
    if (api.length) return `has the Defender for APIs plan at tier ${String(api[0].config.tier)}, not Standard`;
    return 'has no Defender for APIs plan (azurerm_security_center_subscription_pricing resource_type = "Api") in the stack';
  },
};
