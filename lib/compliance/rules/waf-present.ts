import { RuleCategory } from '../category';
import { block, CheckResult, HipaaRule, isExpression, ResourceView, Unknown, unknownValue } from '../rule';
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
    if (r.type === 'azurerm_application_gateway') return gatewayVerdict(r);
    // A Front Door security policy is a WAF edge by itself; a gateway is one when it passes.
    const edges = stack.ofType(...WAF_EDGES).map((e) => (e.type === 'azurerm_application_gateway' ? gatewayVerdict(e) : undefined));
    if (edges.some((v) => v === undefined)) return undefined;
    const undecided = edges.find((v): v is Unknown => v instanceof Unknown);
    if (undecided) return new Unknown(`has no WAF edge known at synth: its Application Gateway ${undecided.reason}`);
    return 'has no WAF edge (Application Gateway WAF_v2 or Front Door WAF) in the stack';
  },
};

/** Whether an Application Gateway is a WAF: WAF tier with a WAF policy or an enabled WAF configuration. */
function gatewayVerdict(r: ResourceView): CheckResult {
  if (isExpression(r.config.sku)) return unknownValue('sku', r.config.sku);
  const sku = block(r.config.sku);
  if (isExpression(sku?.tier)) return unknownValue('sku.tier', sku!.tier);
  if (sku?.tier !== 'WAF_v2' && sku?.tier !== 'WAF') return `has sku tier ${sku?.tier ?? 'unset'}, which has no WAF`;
  if (r.config.firewall_policy_id !== undefined) return undefined;
  const enabled = block(r.config.waf_configuration)?.enabled;
  if (enabled === true) return undefined;
  if (isExpression(enabled)) return unknownValue('waf_configuration.enabled', enabled);
  return 'has no WAF policy';
}
