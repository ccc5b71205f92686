import { RuleCategory } from '../category';
import { blocks, CheckResult, HipaaRule, isExpression, Unknown, unknownValue } from '../rule';
import { HipaaSafeguard } from '../safeguard';

/** What the rate limit must be counted by, set explicitly: per client (behind a proxy, per forwarded client). */
const PER_CLIENT = ['ClientAddr', 'ClientAddrXFFHeader'];
/** The attributes that decide whether a RateLimitRule blocks per client. */
const DECIDING = ['rule_type', 'enabled', 'action', 'group_rate_limit_by', 'rate_limit_threshold', 'match_conditions'];
/** The attributes of a match condition that decide what it matches. */
const CONDITION = ['operator', 'negation_condition', 'match_values', 'match_variables'];
/** An address no client sends from: a negated IPMatch on it matches every request (the library's rule). */
const NO_CLIENT = ['255.255.255.255', '255.255.255.255/32'];

/**
 * Whether one match condition matches every request: operator `Any`, or a negated `IPMatch`
 * of `RemoteAddr` on the broadcast address. Anything else may cover only part of the traffic.
 */
function matchesEveryRequest(c: Record<string, any>): boolean {
  if (c.operator === 'Any') return c.negation_condition !== true;
  const values: unknown = c.match_values;
  return c.operator === 'IPMatch' && c.negation_condition === true
    && blocks(c.match_variables).length > 0 && blocks(c.match_variables).every((v) => v.variable_name === 'RemoteAddr' && v.selector === undefined)
    && Array.isArray(values) && values.length > 0 && values.every((v) => NO_CLIENT.includes(v));
}

/** Pass (undefined), a finding, or Unknown for one RateLimitRule candidate. */
function verdictOf(c: Record<string, any>): CheckResult {
  const dynamic = DECIDING.find((k) => isExpression(c[k]));
  if (dynamic) return unknownValue(`custom_rules.${dynamic}`, c[dynamic]);
  if (!(c.rule_type === 'RateLimitRule' && c.enabled !== false && c.action === 'Block'
    && PER_CLIENT.includes(c.group_rate_limit_by) && typeof c.rate_limit_threshold === 'number')) return 'fails';
  const conditions = blocks(c.match_conditions);
  for (const condition of conditions) {
    const key = CONDITION.find((k) => isExpression(condition[k]))
      ?? (blocks(condition.match_variables).some((v) => isExpression(v.variable_name)) ? 'match_variables' : undefined);
    if (key) return unknownValue(`custom_rules.match_conditions.${key}`, condition[key]);
  }
  if (conditions.length > 0 && conditions.every(matchesEveryRequest)) return undefined;
  return new Unknown(`has RateLimitRule ${String(c.name)}, whose match conditions this rule cannot show to match every request `
    + '(operator Any, or RemoteAddr IPMatch negated on 255.255.255.255/32): it may limit only part of the traffic');
}

/**
 * An Application Gateway WAF policy limits the request rate per client with an enabled
 * `RateLimitRule` custom rule that blocks, counts per client address (`group_rate_limit_by`
 * set explicitly), and matches every request, so a flood from one client stops at the edge
 * instead of costing the gateway's capacity.
 */
export const WAF_RATE_LIMIT: HipaaRule = {
  id: 'WAF-RATE-LIMIT',
  category: RuleCategory.HIPAA,
  title: 'Application Gateway WAF policies rate-limit each client IP with a blocking RateLimitRule custom rule',
  safeguard: HipaaSafeguard.CONTINGENCY_PLAN,
  control: 'MCSB NS-5 (DDoS protection) with Azure WAF rate limiting; the Application Gateway counterpart of the Azure Policy built-in "Enable Rate Limit rule to protect against DDoS attacks on Azure Front Door WAF"',
  // The report's fix text is kept as it was (the evidence snapshot); the Unknown reason names the match-all conditions.
  fix: 'Add custom_rules { rule_type = "RateLimitRule", action = "Block", group_rate_limit_by = "ClientAddr", rate_limit_threshold, rate_limit_duration, match_conditions }',
  resourceTypes: ['azurerm_web_application_firewall_policy'],
  check(r) {
    const rules: unknown = r.config.custom_rules;
    if (isExpression(rules)) return unknownValue('custom_rules', rules);
    const limits = blocks(rules).filter((c) => c.rule_type === 'RateLimitRule' || isExpression(c.rule_type));
    if (!limits.length) return 'has no RateLimitRule custom rule: nothing limits one client\'s request rate at the edge';
    const verdicts = limits.map(verdictOf);
    if (verdicts.includes(undefined)) return undefined;
    const unknown = verdicts.find((v) => v instanceof Unknown);
    if (unknown) return unknown;
    return 'has RateLimitRule custom rules, but none is enabled, blocks, and counts per client address (group_rate_limit_by ClientAddr or ClientAddrXFFHeader, set explicitly)';
  },
};
