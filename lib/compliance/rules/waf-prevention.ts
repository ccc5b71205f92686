import { RuleCategory } from '../category';
import { block, HipaaRule } from '../rule';
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
      const waf = block(r.config.waf_configuration);
      if (waf && waf.firewall_mode !== 'Prevention') return `runs its WAF configuration in ${waf.firewall_mode ?? 'an unset'} mode`;
      return undefined;
    }
    if (r.type === 'azurerm_cdn_frontdoor_firewall_policy') {
      if (r.config.enabled === false) return 'is disabled';
      if (r.config.mode !== 'Prevention') return `runs in ${r.config.mode ?? 'an unset'} mode`;
      return undefined;
    }
    const settings = block(r.config.policy_settings);
    if (!settings) return 'has no policy_settings, so it runs in Detection mode';
    if (settings.enabled === false) return 'is disabled';
    if (settings.mode !== 'Prevention') return `runs in ${settings.mode ?? 'the default Detection'} mode`;
    if (settings.request_body_check === false) return 'does not inspect request bodies';
    return undefined;
  },
};
