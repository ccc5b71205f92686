import { RuleCategory } from '../category';
import { blocks, HipaaRule, isExpression, unknownValue } from '../rule';
import { HipaaSafeguard } from '../safeguard';

/** What the rate limit may be counted by: per client (behind a proxy, per forwarded client). */
const PER_CLIENT = ['ClientAddr', 'ClientAddrXFFHeader'];

/**
 * An Application Gateway WAF policy limits the request rate per client with an enabled
 * `RateLimitRule` custom rule that blocks, so a flood from one client stops at the edge
 * instead of costing the gateway's capacity.
 */
export const WAF_RATE_LIMIT: HipaaRule = {
  id: 'WAF-RATE-LIMIT',
  category: RuleCategory.HIPAA,
  title: 'Application Gateway WAF policies rate-limit each client IP with a blocking RateLimitRule custom rule',
  safeguard: HipaaSafeguard.CONTINGENCY_PLAN,
  control: 'MCSB NS-5 (DDoS protection) with Azure WAF rate limiting; the Application Gateway counterpart of the Azure Policy built-in "Enable Rate Limit rule to protect against DDoS attacks on Azure Front Door WAF"',
  fix: 'Add custom_rules { rule_type = "RateLimitRule", action = "Block", group_rate_limit_by = "ClientAddr", rate_limit_threshold, rate_limit_duration, match_conditions }',
  resourceTypes: ['azurerm_web_application_firewall_policy'],
  check(r) {
    const rules: unknown = r.config.custom_rules;
    if (isExpression(rules)) return unknownValue('custom_rules', rules);
    const limits = blocks(rules).filter((c) => c.rule_type === 'RateLimitRule' || isExpression(c.rule_type));
    const decided = limits.filter((c) => !['rule_type', 'enabled', 'action', 'group_rate_limit_by', 'rate_limit_threshold'].some((k) => isExpression(c[k])));
    if (decided.some((c) => c.rule_type === 'RateLimitRule' && c.enabled !== false && c.action === 'Block'
      && PER_CLIENT.includes(c.group_rate_limit_by ?? 'ClientAddr') && typeof c.rate_limit_threshold === 'number')) return undefined;
    const dynamic = limits.find((c) => !decided.includes(c));
    if (dynamic) {
      const key = ['rule_type', 'enabled', 'action', 'group_rate_limit_by', 'rate_limit_threshold'].find((k) => isExpression(dynamic[k]))!;
      return unknownValue(`custom_rules.${key}`, dynamic[key]);
    }
    if (!limits.length) return 'has no RateLimitRule custom rule: nothing limits one client\'s request rate at the edge';
    return 'has RateLimitRule custom rules, but none is enabled, blocks, and counts per client address';
  },
};
