import { RuleCategory } from '../category';
import { block, HipaaRule } from '../rule';
import { HipaaSafeguard } from '../safeguard';

/** Resources that put a WAF in front of an origin. */
export const WAF_EDGES = ['azurerm_application_gateway', 'azurerm_cdn_frontdoor_security_policy'];

export const WAF_PRESENT: HipaaRule = {
  id: 'WAF-PRESENT',
  category: RuleCategory.HIPAA,
  title: 'A Web Application Firewall fronts the gateway: every Application Gateway is WAF_v2 with a WAF policy, and API Management has a WAF edge',
  safeguard: HipaaSafeguard.INTEGRITY,
  control: 'Azure Policy: Web Application Firewall (WAF) should be enabled for Application Gateway (MCSB NS-6)',
  fix: 'Use an Application Gateway with sku tier WAF_v2 and firewall_policy_id (SecureHealthcareApim creates one), or Front Door with a WAF security policy',
  resourceTypes: ['azurerm_application_gateway', 'azurerm_api_management'],
  check(r, stack) {
    if (r.type === 'azurerm_application_gateway') {
      const sku = block(r.config.sku);
      if (sku?.tier !== 'WAF_v2' && sku?.tier !== 'WAF') return `has sku tier ${sku?.tier ?? 'unset'}, which has no WAF`;
      if (r.config.firewall_policy_id === undefined && block(r.config.waf_configuration)?.enabled !== true) return 'has no WAF policy';
      return undefined;
    }
    const protectedEdges = stack.ofType(...WAF_EDGES).filter((e) => WAF_PRESENT.check(e, stack) === undefined);
    if (!protectedEdges.length) return 'has no WAF edge (Application Gateway WAF_v2 or Front Door WAF) in the stack';
    return undefined;
  },
};
