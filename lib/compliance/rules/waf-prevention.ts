import { RuleCategory } from '../category';
import { block, expressionIn, HipaaRule, isExpression, unknownValue } from '../rule';
import { HipaaSafeguard } from '../safeguard';

export const WAF_PREVENTION: HipaaRule = {
  id: 'WAF-PREVENTION',
  category: RuleCategory.HIPAA,
  title: 'WAF policies are enabled in Prevention mode with request body inspection',
  safeguard: HipaaSafeguard.INTEGRITY,
  control: 'Azure Policy: Web Application Firewall (WAF) should use the specified mode for Application Gateway (Prevention); WAF should enable request body inspection',
  fix: 'Set policy_settings { enabled = true, mode = "Prevention", request_body_check = true } (Front Door: mode = "Prevention", enabled = true)',
  resourceTypes: ['azurerm_web_application_firewall_policy', 'azurerm_cdn_frontdoor_firewall_policy', 'azurerm_application_gateway'],
  check(r) {
    if (r.type === 'azurerm_application_gateway') {
      if (isExpression(r.config.waf_configuration)) return unknownValue('waf_configuration', r.config.waf_configuration);
      const waf = block(r.config.waf_configuration);
      if (isExpression(waf?.firewall_mode)) return unknownValue('waf_configuration.firewall_mode', waf!.firewall_mode);
      if (waf && waf.firewall_mode !== 'Prevention') return `runs its WAF configuration in ${waf.firewall_mode ?? 'an unset'} mode`;
      return undefined;
    }
    if (r.type === 'azurerm_cdn_frontdoor_firewall_policy') {
      if (r.config.enabled === false) return 'is disabled';
      if (r.config.mode !== 'Prevention' && !isExpression(r.config.mode)) return `runs in ${r.config.mode ?? 'an unset'} mode`;
      const dynamic = expressionIn(r.config, ['mode', 'enabled']);
      return dynamic ? unknownValue(...dynamic) : undefined;
    }
    if (isExpression(r.config.policy_settings)) return unknownValue('policy_settings', r.config.policy_settings);
    const settings = block(r.config.policy_settings);
    if (!settings) return 'has no policy_settings, so it runs in Detection mode';
    if (settings.enabled === false) return 'is disabled';
    if (settings.mode !== 'Prevention' && !isExpression(settings.mode)) return `runs in ${settings.mode ?? 'the default Detection'} mode`;
    if (settings.request_body_check === false) return 'does not inspect request bodies';
    const dynamic = expressionIn(settings, ['mode', 'enabled', 'request_body_check']);
    return dynamic ? unknownValue(`policy_settings.${dynamic[0]}`, dynamic[1]) : undefined;
  },
};
