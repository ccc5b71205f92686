/**
 * The edge under attack: DDoS protection of the public IP, the WAF's custom rules (access
 * lists, then the per-client rate limit) before the managed rules, typed exclusions and
 * overrides, the Detection burn-in, and the listener's TLS policy, on the synthesized
 * azurerm_public_ip, azurerm_web_application_firewall_policy and azurerm_application_gateway.
 */
import { Lazy, Testing } from 'cdktf';
import {
  EdgeDdosProtection, EdgeGateway, EdgeGatewayProps, EdgeTlsPolicy,
  HealthcareCompliance, RateLimit, SecureHealthcareApim, SecureHealthcareApimProps, VirtualNetworkDdosPlan,
  WafExclusionMatchVariable, WafManagedRuleSet, WafRuleAction, WafSelectorOperator,
} from '../../lib';
import { EDGE_MANAGED_RULE_SETS } from '../../lib/network/edge-gateway';
import { WAF_MANAGED_RULES } from '../../lib/network/waf-managed-rules';
import { PLATFORM_PROPS } from '../api/fixtures';
import { RATE_LIMIT } from '../compliance/edge-fixtures';
import { validationErrorOf, vaultStack } from '../fuzz/harness';
import { annotationsOf, block, blocks, errorsUnder, newStack, onlyResource, synthJson } from '../util/synth';

const CERT = 'https://kv-contoso.vault.azure.net/secrets/edge';
const BASE = { namePrefix: 'contoso', resourceGroupName: 'rg', location: 'eastus2', subnetId: 'subnet', backendHostName: 'contoso.azure-api.net', hostName: 'api.contoso.example', keyVaultCertificateSecretId: CERT };
type Options = Partial<EdgeGatewayProps>;

function edge(options: Options = {}) {
  const { stack, keyVault, auditLogging } = vaultStack();
  const gateway = new EdgeGateway(stack, 'Edge', { ...BASE, keyVault, auditLogging, ...options } as EdgeGatewayProps);
  const json = synthJson(stack);
  return {
    gateway,
    json,
    ip: onlyResource(json, 'azurerm_public_ip'),
    waf: onlyResource(json, 'azurerm_web_application_firewall_policy'),
    agw: onlyResource(json, 'azurerm_application_gateway'),
    warnings: annotationsOf(gateway, 'warn').join('\n'),
  };
}

function errorOf(options: Options) {
  const { stack, keyVault, auditLogging } = vaultStack();
  return validationErrorOf(() => new EdgeGateway(stack, 'Edge', { ...BASE, keyVault, auditLogging, ...options } as EdgeGatewayProps));
}

const customRules = (waf: any) => blocks(waf.custom_rules);
const ruleNamed = (waf: any, name: string) => customRules(waf).find((r) => r.name === name);
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('defaults', () => {
  const { ip, waf, agw, gateway, warnings } = edge();

  test('the edge public IP has DDoS IP Protection', () => {
    expect(ip.ddos_protection_mode).toBe('Enabled');
    expect(ip.ddos_protection_plan_id).toBeUndefined();
    expect(gateway.ddosProtection).toBe(EdgeDdosProtection.IP_PROTECTION);
  });

  test('one custom rule: a blocking per-client-IP rate limit of 1200 a minute that counts every request', () => {
    // The same rule the WAF-RATE-LIMIT fixtures pass with.
    expect(customRules(waf)).toEqual([RATE_LIMIT]);
  });

  test('Prevention on DRS 2.1 and the bot manager, no exclusions or overrides, the 2022 strict TLS policy, no warnings of this feature', () => {
    const settings = block(waf.policy_settings);
    expect(settings).toMatchObject({ mode: 'Prevention', request_body_inspect_limit_in_kb: 128, max_request_body_size_in_kb: 1024, file_upload_limit_in_mb: 4 });
    const managed = block(waf.managed_rules);
    expect(blocks(managed.managed_rule_set)).toEqual([{ type: 'Microsoft_DefaultRuleSet', version: '2.1' }, { type: 'Microsoft_BotManagerRuleSet', version: '1.1' }]);
    expect(managed.exclusion).toBeUndefined();
    expect(block(agw.ssl_policy)).toEqual({ policy_type: 'Predefined', policy_name: 'AppGwSslPolicy20220101S' });
    expect(warnings).not.toMatch(/ddos|rate limit|Detection|tlsPolicy/i);
  });
});

describe('DDoS protection', () => {
  test('a VNet with a DDoS Network Protection plan: the IP inherits it by default', () => {
    const { ip, gateway } = edge({ virtualNetworkDdosPlan: VirtualNetworkDdosPlan.ATTACHED });
    expect(ip.ddos_protection_mode).toBe('VirtualNetworkInherited');
    expect(gateway.ddosProtection).toBe(EdgeDdosProtection.VIRTUAL_NETWORK_PLAN);
  });

  test('a VNet whose plan cannot be seen: VIRTUAL_NETWORK_PLAN inherits it, warning that attaching the plan is yours', () => {
    for (const virtualNetworkDdosPlan of [undefined, VirtualNetworkDdosPlan.UNKNOWN]) {
      const { ip, gateway, warnings } = edge({ ddosProtection: EdgeDdosProtection.VIRTUAL_NETWORK_PLAN, virtualNetworkDdosPlan });
      expect(ip.ddos_protection_mode).toBe('VirtualNetworkInherited');
      expect(gateway.ddosProtection).toBe(EdgeDdosProtection.VIRTUAL_NETWORK_PLAN);
      expect(warnings).toMatch(/edge\.ddosProtection is VIRTUAL_NETWORK_PLAN on a VNet managed outside this library.*attaching a DDoS Network Protection plan to that VNet is yours/);
    }
    expect(edge({ virtualNetworkDdosPlan: VirtualNetworkDdosPlan.ATTACHED }).warnings).not.toMatch(/ddos/i);
  });

  test('a VNet without a plan: the default is IP Protection, and VIRTUAL_NETWORK_PLAN is refused naming network.ddosProtectionPlanId', () => {
    expect(edge({ virtualNetworkDdosPlan: VirtualNetworkDdosPlan.NONE }).ip.ddos_protection_mode).toBe('Enabled');
    const e = errorOf({ ddosProtection: EdgeDdosProtection.VIRTUAL_NETWORK_PLAN, virtualNetworkDdosPlan: VirtualNetworkDdosPlan.NONE });
    expect(e.prop).toBe('ddosProtection');
    expect(e.message).toMatch(/is VIRTUAL_NETWORK_PLAN, but the VNet is created without a DDoS Network Protection plan.*network\.ddosProtectionPlanId/);
  });

  test('IP Protection can be chosen even when the VNet has a plan', () => {
    expect(edge({ virtualNetworkDdosPlan: VirtualNetworkDdosPlan.ATTACHED, ddosProtection: EdgeDdosProtection.IP_PROTECTION }).ip.ddos_protection_mode).toBe('Enabled');
  });

  test('the named opt-out leaves only infrastructure protection, with a warning', () => {
    const { ip, gateway, warnings } = edge({ acknowledgeNoDdosProtection: true });
    expect(ip.ddos_protection_mode).toBe('VirtualNetworkInherited');
    expect(gateway.ddosProtection).toBeUndefined();
    expect(warnings).toMatch(/\[security opt-out: edge\.acknowledgeNoDdosProtection\] the edge public IP has only Azure's infrastructure DDoS protection/);
  });

  test.each([
    [{ acknowledgeNoDdosProtection: true, ddosProtection: EdgeDdosProtection.IP_PROTECTION }, 'ddosProtection', /together with acknowledgeNoDdosProtection/],
    [{ acknowledgeNoDdosProtection: true, virtualNetworkDdosPlan: VirtualNetworkDdosPlan.ATTACHED }, 'acknowledgeNoDdosProtection', /covers the edge IP anyway/],
    [{ ddosProtection: 'standard' as EdgeDdosProtection }, 'ddosProtection', /is 'standard'/],
  ])('%j is refused', (options, prop, message) => {
    const e = errorOf(options);
    expect(e.prop).toBe(prop);
    expect(e.message).toMatch(message);
  });
});

describe('rate limit', () => {
  test('a RateLimit over one or five minutes sets the threshold and window', () => {
    const rule = (rateLimit: RateLimit) => ruleNamed(edge({ rateLimit }).waf, 'RateLimitPerClientIp');
    expect(rule(RateLimit.per(5000, 300))).toMatchObject({ rate_limit_threshold: 5000, rate_limit_duration: 'FiveMins', group_rate_limit_by: 'ClientAddr', action: 'Block' });
    expect(rule(RateLimit.perMinute(900))).toMatchObject({ rate_limit_threshold: 900, rate_limit_duration: 'OneMin' });
    expect(rule(RateLimit.per(900, 60))).toMatchObject({ rate_limit_threshold: 900, rate_limit_duration: 'OneMin' });
    expect(edge({ rateLimit: RateLimit.per(5000, 300) }).gateway.rateLimit?.describe()).toBe('RateLimit.per(5000, 300)');
  });

  test('the default is RateLimit.perMinute(1200)', () => {
    const { waf, gateway } = edge();
    expect(ruleNamed(waf, 'RateLimitPerClientIp')).toMatchObject({ rate_limit_threshold: 1200, rate_limit_duration: 'OneMin' });
    expect(gateway.rateLimit?.describe()).toBe('RateLimit.perMinute(1200)');
  });

  test('the named opt-out removes the rule, with a warning', () => {
    const { waf, warnings } = edge({ acknowledgeNoEdgeRateLimit: true });
    expect(waf.custom_rules).toBeUndefined();
    expect(warnings).toMatch(/\[security opt-out: edge\.acknowledgeNoEdgeRateLimit\] no rate limit at the edge/);
  });

  test.each([
    [{ rateLimit: RateLimit.perSecond(20) }, 'rateLimit', /is RateLimit\.perSecond\(20\), a 1-second window\. Valid: a window of 60 or 300 seconds.*OneMin, FiveMins/],
    [{ rateLimit: RateLimit.per(100, 120) }, 'rateLimit', /is RateLimit\.per\(100, 120\), a 120-second window/],
    [{ rateLimit: { threshold: 1200, window: 'OneMin' } as unknown as RateLimit }, 'rateLimit', /is an object\. Valid: a RateLimit over 60 or 300 seconds/],
    [{ rateLimit: RateLimit.perMinute(10), acknowledgeNoEdgeRateLimit: true }, 'rateLimit', /together with acknowledgeNoEdgeRateLimit/],
  ])('%j is refused', (options, prop, message) => {
    const e = errorOf(options as Options);
    expect(e.prop).toBe(prop);
    expect(e.message).toMatch(message);
  });
});

describe('access lists: block rules before the rate limit (never Allow, which would skip the managed rules)', () => {
  const { waf } = edge({
    blockedClientRanges: ['198.51.100.0/24', '2001:db8:bad::/48'],
    allowedClientRanges: ['203.0.113.0/24', '192.0.2.7', '2001:db8::/32'],
    blockedCountries: ['KP'],
    allowedCountries: ['US', 'CA', 'ZZ'],
  });

  test('each list is one rule on RemoteAddr, in priority order, and the rate limit comes last', () => {
    expect(customRules(waf).map((r) => [r.name, r.priority, r.action, r.rule_type])).toEqual([
      ['BlockListedClientRanges', 10, 'Block', 'MatchRule'],
      ['BlockUnlistedClientRanges', 20, 'Block', 'MatchRule'],
      ['BlockListedCountries', 30, 'Block', 'MatchRule'],
      ['BlockUnlistedCountries', 40, 'Block', 'MatchRule'],
      ['RateLimitPerClientIp', 50, 'Block', 'RateLimitRule'],
    ]);
    expect(customRules(waf).every((r) => r.action !== 'Allow')).toBe(true);
  });

  test('deny lists match, allow lists block what does not match', () => {
    const condition = (name: string) => blocks(ruleNamed(waf, name).match_conditions)[0];
    expect(condition('BlockListedClientRanges')).toEqual({ match_variables: [{ variable_name: 'RemoteAddr' }], operator: 'IPMatch', negation_condition: false, match_values: ['198.51.100.0/24', '2001:db8:bad::/48'] });
    expect(condition('BlockUnlistedClientRanges')).toMatchObject({ operator: 'IPMatch', negation_condition: true, match_values: ['203.0.113.0/24', '192.0.2.7', '2001:db8::/32'] });
    expect(condition('BlockListedCountries')).toMatchObject({ operator: 'GeoMatch', negation_condition: false, match_values: ['KP'] });
    expect(condition('BlockUnlistedCountries')).toMatchObject({ operator: 'GeoMatch', negation_condition: true, match_values: ['US', 'CA', 'ZZ'] });
  });

  test('tokens (variables, references) skip the content checks', () => {
    const range = Lazy.stringValue({ produce: () => '203.0.113.0/24' });
    const country = Lazy.stringValue({ produce: () => 'DE' });
    const { waf: policy } = edge({ allowedClientRanges: [range], blockedCountries: [country] });
    expect(blocks(ruleNamed(policy, 'BlockUnlistedClientRanges').match_conditions)[0].match_values).toEqual(['203.0.113.0/24']);
    expect(blocks(ruleNamed(policy, 'BlockListedCountries').match_conditions)[0].match_values).toEqual(['DE']);
  });

  test.each([
    [{ blockedClientRanges: ['10.0.0.1/24'] }, 'blockedClientRanges[0]', /not an IPv4 address or CIDR range/],
    [{ blockedClientRanges: ['300.1.1.1'] }, 'blockedClientRanges[0]', /not an IPv4/],
    [{ allowedClientRanges: ['203.0.113.0/33'] }, 'allowedClientRanges[0]', /not an IPv4/],
    [{ allowedClientRanges: ['2001:db8::1/32'] }, 'allowedClientRanges[0]', /host bits set below the \/32 prefix/],
    [{ allowedClientRanges: ['2001:db8:::1'] }, 'allowedClientRanges[0]', /not an IPv6/],
    [{ allowedClientRanges: ['2001:db8::/129'] }, 'allowedClientRanges[0]', /not an IPv6/],
    [{ allowedClientRanges: ['fe80::1%eth0'] }, 'allowedClientRanges[0]', /not an IPv6/],
    [{ allowedClientRanges: ['${var.x}'] }, 'allowedClientRanges[0]', /'\$\{var\.x\}' is not an IPv4/],
    [{ allowedClientRanges: [] }, 'allowedClientRanges', /is empty/],
    [{ blockedClientRanges: ['203.0.113.0/24 '] }, 'blockedClientRanges[0]', /not an IPv4/],
    [{ allowedClientRanges: ['192.0.2.7', '192.0.2.7'] }, 'allowedClientRanges[1]', /repeats/],
    [{ allowedClientRanges: ['192.0.2.7'], blockedClientRanges: ['192.0.2.7'] }, 'blockedClientRanges', /allowedClientRanges also lists/],
    [{ blockedCountries: ['XX'] }, 'blockedCountries[0]', /'XX' is not an ISO 3166-1 alpha-2 country code/],
    [{ blockedCountries: ['us'] }, 'blockedCountries[0]', /'us' is not/],
    [{ allowedCountries: ['USA'] }, 'allowedCountries[0]', /'USA' is not/],
    [{ allowedCountries: ['US', 'US'] }, 'allowedCountries[1]', /repeats 'US'/],
    [{ allowedCountries: ['US'], blockedCountries: ['US'] }, 'blockedCountries', /allowedCountries also lists/],
  ])('%j is refused', (options, prop, message) => {
    const e = errorOf(options as Options);
    expect(e.prop).toBe(prop);
    expect(e.message).toMatch(message);
  });
});

describe('typed exclusions and per-rule overrides', () => {
  const { waf } = edge({
    wafExclusions: [
      {
        matchVariable: WafExclusionMatchVariable.REQUEST_ARG_VALUES,
        selectorMatchOperator: WafSelectorOperator.EQUALS,
        selector: 'note.text',
        ruleSet: WafManagedRuleSet.DEFAULT_RULE_SET,
        ruleGroups: [{ ruleGroupName: 'SQLI', ruleIds: ['942200', '942430'] }, { ruleGroupName: 'XSS' }],
      },
      { matchVariable: WafExclusionMatchVariable.REQUEST_HEADER_VALUES, selectorMatchOperator: WafSelectorOperator.EQUALS, selector: 'x-${literal}' },
      { matchVariable: WafExclusionMatchVariable.REQUEST_COOKIE_NAMES, selectorMatchOperator: WafSelectorOperator.EQUALS_ANY, selector: '*', ruleSet: WafManagedRuleSet.BOT_MANAGER },
    ],
    wafRuleOverrides: [
      { ruleGroupName: 'SQLI', ruleId: '942430', action: WafRuleAction.LOG },
      { ruleGroupName: 'PROTOCOL-ENFORCEMENT', ruleId: '920300', enabled: false },
      { ruleSet: WafManagedRuleSet.BOT_MANAGER, ruleGroupName: 'UnknownBots', ruleId: 'Bot300700', action: WafRuleAction.BLOCK },
    ],
  });
  const managed = block(waf.managed_rules);

  test('exclusions scoped to the rule set version the policy runs, with groups and rule ids; a global one has no rule set', () => {
    expect(blocks(managed.exclusion)).toEqual([
      {
        match_variable: 'RequestArgValues',
        selector_match_operator: 'Equals',
        selector: 'note.text',
        excluded_rule_set: { type: 'Microsoft_DefaultRuleSet', version: '2.1', rule_group: [{ rule_group_name: 'SQLI', excluded_rules: ['942200', '942430'] }, { rule_group_name: 'XSS' }] },
      },
      { match_variable: 'RequestHeaderValues', selector_match_operator: 'Equals', selector: 'x-$${literal}' },
      { match_variable: 'RequestCookieNames', selector_match_operator: 'EqualsAny', selector: '*', excluded_rule_set: { type: 'Microsoft_BotManagerRuleSet', version: '1.1' } },
    ]);
  });

  test('overrides grouped per rule set and group, each rule with enabled set (azurerm defaults it to false)', () => {
    const sets = blocks(managed.managed_rule_set);
    expect(sets[0]).toEqual({
      type: 'Microsoft_DefaultRuleSet',
      version: '2.1',
      rule_group_override: [
        { rule_group_name: 'SQLI', rule: [{ id: '942430', enabled: true, action: 'Log' }] },
        { rule_group_name: 'PROTOCOL-ENFORCEMENT', rule: [{ id: '920300', enabled: false }] },
      ],
    });
    expect(sets[1]).toEqual({
      type: 'Microsoft_BotManagerRuleSet',
      version: '1.1',
      rule_group_override: [{ rule_group_name: 'UnknownBots', rule: [{ id: 'Bot300700', enabled: true, action: 'Block' }] }],
    });
  });

  const ex = { matchVariable: WafExclusionMatchVariable.REQUEST_ARG_NAMES, selectorMatchOperator: WafSelectorOperator.EQUALS, selector: 'note' };
  test.each([
    [{ wafExclusions: [{ ...ex, matchVariable: 'RequestBody' }] }, 'wafExclusions[0].matchVariable', /RequestBody/],
    [{ wafExclusions: [{ ...ex, selectorMatchOperator: 'Regex' }] }, 'wafExclusions[0].selectorMatchOperator', /Regex/],
    [{ wafExclusions: [{ ...ex, selector: '' }] }, 'wafExclusions[0].selector', /is ''/],
    [{ wafExclusions: [{ ...ex, selector: 'a\u0000b' }] }, 'wafExclusions[0].selector', /control characters/],
    [{ wafExclusions: [{ ...ex, selectorMatchOperator: WafSelectorOperator.EQUALS_ANY }] }, 'wafExclusions[0].selector', /does not fit the EqualsAny operator/],
    [{ wafExclusions: [{ ...ex, selector: '*' }] }, 'wafExclusions[0].selector', /does not fit the Equals operator/],
    [{ wafExclusions: [{ ...ex, ruleGroups: [{ ruleGroupName: 'SQLI' }] }] }, 'wafExclusions[0].ruleGroups', /without ruleSet/],
    [{ wafExclusions: [{ ...ex, ruleSet: WafManagedRuleSet.DEFAULT_RULE_SET, ruleGroups: [] }] }, 'wafExclusions[0].ruleGroups', /is empty/],
    [{ wafExclusions: [{ ...ex, ruleSet: WafManagedRuleSet.DEFAULT_RULE_SET, ruleGroups: [{ ruleGroupName: 'SQLI', ruleIds: [] }] }] }, 'wafExclusions[0].ruleGroups[0].ruleIds',
      /is empty, which would exclude every rule of the group\. Valid: at least one rule id, or leave ruleIds unset/],
    [{ wafExclusions: [{ ...ex, ruleSet: WafManagedRuleSet.DEFAULT_RULE_SET, ruleGroups: [{ ruleGroupName: 'BadBots' }] }] }, 'wafExclusions[0].ruleGroups[0].ruleGroupName', /'BadBots' is not a rule group of Microsoft_DefaultRuleSet 2\.1/],
    [{ wafExclusions: [{ ...ex, ruleSet: WafManagedRuleSet.DEFAULT_RULE_SET, ruleGroups: [{ ruleGroupName: 'REQUEST-942-APPLICATION-ATTACK-SQLI' }] }] }, 'wafExclusions[0].ruleGroups[0].ruleGroupName', /not a rule group/],
    [{ wafExclusions: [{ ...ex, ruleSet: WafManagedRuleSet.DEFAULT_RULE_SET, ruleGroups: [{ ruleGroupName: 'SQLI', ruleIds: ['941100'] }] }] }, 'wafExclusions[0].ruleGroups[0].ruleIds[0]', /'941100' is not a rule id of group SQLI in Microsoft_DefaultRuleSet 2\.1.*one of 942100, 942110/],
    // Ids of the group's numbering that Microsoft does not publish (the pattern alone accepted them).
    [{ wafExclusions: [{ ...ex, ruleSet: WafManagedRuleSet.DEFAULT_RULE_SET, ruleGroups: [{ ruleGroupName: 'SQLI', ruleIds: ['942999'] }] }] }, 'wafExclusions[0].ruleGroups[0].ruleIds[0]',
      /'942999' is not a rule id of group SQLI in Microsoft_DefaultRuleSet 2\.1\. Valid: one of .*Microsoft's list: https:\/\/learn\.microsoft\.com\/azure\/web-application-firewall\/ag\/application-gateway-crs-rulegroups-rules/],
    [{ wafRuleOverrides: [{ ruleGroupName: 'MS-ThreatIntel-CVEs', ruleId: '99001099', action: WafRuleAction.LOG }] }, 'wafRuleOverrides[0].ruleId', /'99001099' is not a rule id of group MS-ThreatIntel-CVEs/],
    [{ wafRuleOverrides: [{ ruleGroupName: 'MS-ThreatIntel-SQLI', ruleId: '99001001', action: WafRuleAction.LOG }] }, 'wafRuleOverrides[0].ruleId', /group MS-ThreatIntel-SQLI.*one of 99031001, 99031002, 99031003, 99031004 /],
    [{ wafRuleOverrides: [{ ruleGroupName: 'PROTOCOL-ENFORCEMENT', ruleId: '920999', action: WafRuleAction.LOG }] }, 'wafRuleOverrides[0].ruleId', /'920999' is not a rule id of group PROTOCOL-ENFORCEMENT/],
    [{ wafRuleOverrides: [{ ruleSet: WafManagedRuleSet.BOT_MANAGER, ruleGroupName: 'BadBots', ruleId: 'Bot100400', action: WafRuleAction.LOG }] }, 'wafRuleOverrides[0].ruleId',
      /'Bot100400' is not a rule id of group BadBots in Microsoft_BotManagerRuleSet 1\.1.*one of Bot100100, Bot100200, Bot100300 /],
    [{ wafRuleOverrides: [{ ruleGroupName: 'constructor', ruleId: '942430', action: WafRuleAction.LOG }] }, 'wafRuleOverrides[0].ruleGroupName', /'constructor' is not a rule group/],
    [{ wafExclusions: [{ ...ex, ruleSet: 'OWASP' }] }, 'wafExclusions[0].ruleSet', /OWASP/],
    [{ wafRuleOverrides: [{ ruleGroupName: 'SQLI', ruleId: '942-430', action: WafRuleAction.LOG }] }, 'wafRuleOverrides[0].ruleId', /not a rule id of group SQLI/],
    [{ wafRuleOverrides: [{ ruleGroupName: 'SQLI', ruleId: 'Bot100100', action: WafRuleAction.LOG }] }, 'wafRuleOverrides[0].ruleId', /not a rule id/],
    [{ wafRuleOverrides: [{ ruleSet: WafManagedRuleSet.BOT_MANAGER, ruleGroupName: 'GoodBots', ruleId: 'Bot100100', action: WafRuleAction.LOG }] }, 'wafRuleOverrides[0].ruleId', /group GoodBots in Microsoft_BotManagerRuleSet 1\.1.*one of Bot200100, /],
    [{ wafRuleOverrides: [{ ruleGroupName: 'sqli', ruleId: '942430', action: WafRuleAction.LOG }] }, 'wafRuleOverrides[0].ruleGroupName', /'sqli' is not a rule group/],
    [{ wafRuleOverrides: [{ ruleGroupName: 'SQLI', ruleId: '942430', action: 'Allow' }] }, 'wafRuleOverrides[0].action', /Allow/],
    [{ wafRuleOverrides: [{ ruleGroupName: 'SQLI', ruleId: '942430' }] }, 'wafRuleOverrides[0].action', /would change nothing/],
    [{ wafRuleOverrides: [{ ruleGroupName: 'SQLI', ruleId: '942430', action: WafRuleAction.JS_CHALLENGE }] }, 'wafRuleOverrides[0].action', /JSChallenge on Bot Manager rules only/],
    [{ wafRuleOverrides: [{ ruleSet: WafManagedRuleSet.BOT_MANAGER, ruleGroupName: 'BadBots', ruleId: 'Bot100100', action: WafRuleAction.ANOMALY_SCORING }] },
      'wafRuleOverrides[0].action', /AnomalyScoring on Default Rule Set rules only/],
    [{ wafRuleOverrides: [{ ruleGroupName: 'SQLI', ruleId: '942430', enabled: false, action: WafRuleAction.LOG }] }, 'wafRuleOverrides[0].action', /disabled rule/],
    [{ wafRuleOverrides: [{ ruleGroupName: 'SQLI', ruleId: '942430', enabled: false }, { ruleGroupName: 'SQLI', ruleId: '942430', action: WafRuleAction.LOG }] }, 'wafRuleOverrides[1].ruleId', /a second time/],
  ])('%j is refused', (options, prop, message) => {
    const e = errorOf(options as Options);
    expect(e.prop).toBe(prop);
    expect(e.message).toMatch(message);
  });

  test('every managed rule set version the edge runs has its published rule list (a version bump needs the new list)', () => {
    for (const { type, version } of EDGE_MANAGED_RULE_SETS) {
      const groups = WAF_MANAGED_RULES[type]?.[version];
      expect(groups).toBeDefined();
      expect(Object.values(groups).every((ids) => ids.size > 0)).toBe(true);
    }
  });

  test('published ids of every group are accepted, the newest included (99001017, 920500, 942510, Bot200700)', () => {
    const { waf: policy } = edge({
      wafRuleOverrides: [
        { ruleGroupName: 'MS-ThreatIntel-CVEs', ruleId: '99001017', action: WafRuleAction.BLOCK },
        { ruleGroupName: 'PROTOCOL-ENFORCEMENT', ruleId: '920500', enabled: false },
        { ruleGroupName: 'SQLI', ruleId: '942510', action: WafRuleAction.LOG },
        { ruleGroupName: 'NODEJS', ruleId: '934100', action: WafRuleAction.LOG },
        { ruleSet: WafManagedRuleSet.BOT_MANAGER, ruleGroupName: 'GoodBots', ruleId: 'Bot200700', action: WafRuleAction.LOG },
      ],
    });
    const sets = blocks(block(policy.managed_rules).managed_rule_set);
    expect(sets.flatMap((set) => blocks(set.rule_group_override).flatMap((g) => blocks(g.rule).map((r) => `${g.rule_group_name}/${r.id}`))))
      .toEqual(['MS-ThreatIntel-CVEs/99001017', 'PROTOCOL-ENFORCEMENT/920500', 'SQLI/942510', 'NODEJS/934100', 'GoodBots/Bot200700']);
  });
});

describe('Detection burn-in', () => {
  test('a named period in Detection mode, with a warning naming the date', () => {
    const until = isoDay(30);
    const { waf, warnings } = edge({ acknowledgeWafDetectionMode: true, wafDetectionModeUntil: until });
    expect(block(waf.policy_settings).mode).toBe('Detection');
    expect(warnings).toContain(`[security opt-out: edge.acknowledgeWafDetectionMode] the WAF runs in Detection mode until ${until}`);
  });

  test.each([
    [{ acknowledgeWafDetectionMode: true }, /is missing for the Detection burn-in/],
    [{ acknowledgeWafDetectionMode: true, wafDetectionModeUntil: '2026-02-30' }, /'2026-02-30' is not a date/],
    [{ acknowledgeWafDetectionMode: true, wafDetectionModeUntil: 'next month' }, /is not a date/],
    [{ acknowledgeWafDetectionMode: true, wafDetectionModeUntil: isoDay(-1) }, /the burn-in has ended/],
    [{ acknowledgeWafDetectionMode: true, wafDetectionModeUntil: isoDay(120) }, /more than 90 days ahead/],
    [{ wafDetectionModeUntil: isoDay(10) }, /without acknowledgeWafDetectionMode/],
  ])('%j is refused', (options, message) => {
    const e = errorOf(options as Options);
    expect(e.prop).toBe('wafDetectionModeUntil');
    expect(e.message).toMatch(message);
  });

  test('today is still inside the period', () => {
    expect(block(edge({ acknowledgeWafDetectionMode: true, wafDetectionModeUntil: isoDay(0) }).waf.policy_settings).mode).toBe('Detection');
  });
});

describe('body limits', () => {
  test('the inspection limit is tunable up to the body limit', () => {
    const settings = block(edge({ maxRequestBodySizeBytes: 2_048_000, requestBodyInspectLimitBytes: 2_048_000 }).waf.policy_settings);
    expect(settings).toMatchObject({ request_body_inspect_limit_in_kb: 2000, max_request_body_size_in_kb: 2000 });
    expect(block(edge({ maxRequestBodySizeBytes: 64 * 1024 }).waf.policy_settings).request_body_inspect_limit_in_kb).toBe(64);
  });

  test('sizes in bytes reach the policy in the KB and MB Azure takes (1 MiB → 1024 KB, 256 KiB → 256 KB, 100 MiB → 100 MB)', () => {
    const tuned = edge({ maxRequestBodySizeBytes: 1024 * 1024, requestBodyInspectLimitBytes: 256 * 1024, fileUploadLimitBytes: 100 * 1024 * 1024 });
    expect(block(tuned.waf.policy_settings))
      .toMatchObject({ max_request_body_size_in_kb: 1024, request_body_inspect_limit_in_kb: 256, file_upload_limit_in_mb: 100 });
    expect(block(edge().waf.policy_settings))
      .toMatchObject({ max_request_body_size_in_kb: 1024, request_body_inspect_limit_in_kb: 128, file_upload_limit_in_mb: 4 });
    expect(edge({ maxRequestBodySizeBytes: 512 * 1024 }).gateway.maxRequestBodySizeBytes).toBe(524_288);
  });

  test.each([
    [{ requestBodyInspectLimitBytes: 2048 * 1024 }], [{ requestBodyInspectLimitBytes: 7 * 1024 }],
    [{ maxRequestBodySizeBytes: 100 * 1024, requestBodyInspectLimitBytes: 128 * 1024 }],
    [{ requestBodyInspectLimitBytes: 128 * 1024 + 1 }], [{ requestBodyInspectLimitBytes: 128 }],
  ])('%j is refused', (options) => {
    expect(errorOf(options).prop).toBe('requestBodyInspectLimitBytes');
  });

  test.each([
    ['not a multiple of 1024', { maxRequestBodySizeBytes: 1_000_000 }, /maxRequestBodySizeBytes is 1000000\. Valid: a multiple of 1024 between 8192 and 2048000 \(bytes\)\./],
    ['2 MiB, above 2000 KB', { maxRequestBodySizeBytes: 2 * 1024 * 1024 }, /maxRequestBodySizeBytes is 2097152\. Valid: a multiple of 1024 between 8192 and 2048000/],
    ['KB given by mistake', { maxRequestBodySizeBytes: 1024 }, /maxRequestBodySizeBytes is 1024\. Valid/],
    ['upload not whole MB', { fileUploadLimitBytes: 4 * 1024 * 1024 + 1024 }, /fileUploadLimitBytes is 4195328\. Valid: a multiple of 1048576 between 1048576 and 4194304000 \(bytes\)\./],
    ['upload above 4000 MB', { fileUploadLimitBytes: 4001 * 1024 * 1024 }, /fileUploadLimitBytes is 4195352576/],
    ['inspect limit above the body limit', { maxRequestBodySizeBytes: 64 * 1024, requestBodyInspectLimitBytes: 128 * 1024 }, /requestBodyInspectLimitBytes is 131072\. Valid: a multiple of 1024 between 8192 and 65536/],
  ])('%s is refused with the valid values in bytes', (_name, options, expected) => {
    expect(errorOf(options).message).toMatch(expected);
  });
});

describe('TLS policy of the listener', () => {
  test('TLS 1.3 minimum: CustomV2 with TLSv1_3 and no cipher list', () => {
    expect(block(edge({ tlsPolicy: EdgeTlsPolicy.TLS13_MINIMUM }).agw.ssl_policy)).toEqual({ policy_type: 'CustomV2', min_protocol_version: 'TLSv1_3' });
  });

  test('the wider 2022 policy is a named choice with a warning', () => {
    const { agw, warnings } = edge({ tlsPolicy: EdgeTlsPolicy.TLS12_2022 });
    expect(block(agw.ssl_policy)).toEqual({ policy_type: 'Predefined', policy_name: 'AppGwSslPolicy20220101' });
    expect(warnings).toMatch(/\[security opt-out: edge\.tlsPolicy\]/);
  });

  test('an unknown policy is refused', () => {
    expect(errorOf({ tlsPolicy: 'AppGwSslPolicy20150501' as EdgeTlsPolicy }).prop).toBe('tlsPolicy');
  });
});

describe('the platform edge in the evidence report', () => {
  function report(edgeOptions: SecureHealthcareApimProps['edge']) {
    const stack = newStack();
    new SecureHealthcareApim(stack, 'Platform', { ...PLATFORM_PROPS, edge: edgeOptions });
    const compliance = HealthcareCompliance.of(stack);
    Testing.synth(stack);
    const status = (id: string) => compliance.report().rules.find((r) => r.id === id)!.status;
    return { stack, status };
  }

  test('by default the edge IP and the WAF policy pass EDGE-DDOS-PROTECTION and WAF-RATE-LIMIT', () => {
    const { stack, status } = report(undefined);
    expect([status('EDGE-DDOS-PROTECTION'), status('WAF-RATE-LIMIT'), status('WAF-PREVENTION')]).toEqual(['pass', 'pass', 'pass']);
    expect(errorsUnder(stack)).toEqual([]);
  });

  test('the named opt-outs are recorded as accepted risks, not failures', () => {
    const { stack, status } = report({
      acknowledgeNoDdosProtection: true, acknowledgeNoEdgeRateLimit: true, acknowledgeWafDetectionMode: true, wafDetectionModeUntil: isoDay(14),
    });
    expect([status('EDGE-DDOS-PROTECTION'), status('WAF-RATE-LIMIT'), status('WAF-PREVENTION')]).toEqual(['suppressed', 'suppressed', 'suppressed']);
    expect(errorsUnder(stack)).toEqual([]);
  });

  test('platform errors name the edge prop', () => {
    expect(() => new SecureHealthcareApim(newStack(), 'Platform', { ...PLATFORM_PROPS, edge: { blockedCountries: ['XX'] } })).toThrow(/Platform: edge\.blockedCountries\[0\] 'XX' is not an ISO 3166-1 alpha-2 country code/);
  });
});

describe('the platform wires the edge IP', () => {
  const PLAN = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/ddosProtectionPlans/ddos';
  function platform(props: Partial<SecureHealthcareApimProps>) {
    const stack = newStack();
    const p = new SecureHealthcareApim(stack, 'Platform', { ...PLATFORM_PROPS, ...props });
    const compliance = HealthcareCompliance.of(stack);
    const json = synthJson(stack);
    const ip = Object.values<any>(json.resource.azurerm_public_ip).find((r) => r.name.endsWith('-edge'));
    const alert = Object.values<any>(json.resource.azurerm_monitor_metric_alert).find((a) => a.name.endsWith('-edge-ddos-attack'));
    return { p, json, ip, alert, compliance };
  }

  test('default: DDoS IP Protection and the IfUnderDDoSAttack alert on the edge IP, to the security action group', () => {
    const { p, ip, alert } = platform({});
    expect(ip.ddos_protection_mode).toBe('Enabled');
    expect(alert.scopes).toEqual([expect.stringMatching(/^\$\{azurerm_public_ip\.Platform_Edge_PublicIp_\w+\.id\}$/)]);
    expect(block(alert.criteria).metric_name).toBe('IfUnderDDoSAttack');
    expect(p.monitoring!.alerts.find((a) => a.id === 'edge-ddos-attack')!.actionGroupIds).toEqual([p.monitoring!.actionGroupId]);
  });

  test('a created network with a DDoS plan: the edge IP inherits it, the alert stays, EDGE-DDOS-PROTECTION passes through the VNet', () => {
    const { p, json, ip, alert, compliance } = platform({ network: { ddosProtectionPlanId: PLAN } });
    expect(ip.ddos_protection_mode).toBe('VirtualNetworkInherited');
    expect(p.edge!.ddosProtection).toBe(EdgeDdosProtection.VIRTUAL_NETWORK_PLAN);
    expect(block(Object.values<any>(json.resource.azurerm_virtual_network)[0].ddos_protection_plan)).toEqual({ enable: true, id: PLAN });
    expect(alert).toBeDefined();
    expect(compliance.report().rules.find((r) => r.id === 'EDGE-DDOS-PROTECTION')!.status).toBe('pass');
  });

  test('the opt-out: no DDoS alert (the metric needs protection); with a plan the opt-out is refused naming the network prop', () => {
    expect(platform({ edge: { acknowledgeNoDdosProtection: true } }).alert).toBeUndefined();
    expect(() => platform({ network: { ddosProtectionPlanId: PLAN }, edge: { acknowledgeNoDdosProtection: true } }))
      .toThrow(/Platform: edge\.acknowledgeNoDdosProtection is set, but the VNet has a DDoS protection plan/);
  });

  test('a created network without a plan: VIRTUAL_NETWORK_PLAN is refused naming both props, so no IP inherits nothing under an alert that cannot fire', () => {
    expect(() => platform({ edge: { ddosProtection: EdgeDdosProtection.VIRTUAL_NETWORK_PLAN } }))
      .toThrow(/Platform: edge\.ddosProtection is VIRTUAL_NETWORK_PLAN, but the VNet is created without a DDoS Network Protection plan.*Valid: network\.ddosProtectionPlanId/);
    const withPlan = platform({ network: { ddosProtectionPlanId: PLAN }, edge: { ddosProtection: EdgeDdosProtection.VIRTUAL_NETWORK_PLAN } });
    expect(withPlan.ip.ddos_protection_mode).toBe('VirtualNetworkInherited');
  });

  test('an existing network: VIRTUAL_NETWORK_PLAN is kept (and alerted on) with a warning that the plan is yours to attach; the default stays IP Protection', () => {
    const vnet = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet';
    const existingNetwork = { virtualNetworkId: vnet, apimSubnetId: `${vnet}/subnets/apim`, edgeSubnetId: `${vnet}/subnets/edge` };
    const existing = { existingNetwork, acknowledgeUnmanagedNetworkRules: true };
    const { p, ip, alert } = platform({ ...existing, edge: { ddosProtection: EdgeDdosProtection.VIRTUAL_NETWORK_PLAN } });
    expect(ip.ddos_protection_mode).toBe('VirtualNetworkInherited');
    expect(alert).toBeDefined();
    expect(annotationsOf(p.edge!, 'warn').join('\n')).toMatch(/edge\.ddosProtection is VIRTUAL_NETWORK_PLAN on a VNet managed outside this library.*plan to that VNet is yours/);
    expect(platform(existing).ip.ddos_protection_mode).toBe('Enabled');
  });

  test('an edge limit below the gateway\'s per-IP limit warns; the default does not', () => {
    const warnings = (props: Partial<SecureHealthcareApimProps>) => annotationsOf(platform(props).p.edge!, 'warn').filter((w) => w.startsWith('edge.rateLimit'));
    expect(platform({}).p.edge!.rateLimit).toMatchObject({ calls: 1200, renewalPeriodSeconds: 60 });
    expect(warnings({})).toEqual([]);
    expect(warnings({ edge: { rateLimit: RateLimit.perMinute(300) } })).toEqual([expect.stringMatching(/^edge\.rateLimit allows 300 requests a minute per client IP, fewer than clientIpRateLimit \(600\).*Raise edge\.rateLimit\.$/)]);
    expect(warnings({ edge: { rateLimit: RateLimit.per(2500, 300) } })).toEqual([expect.stringContaining('allows 500 requests a minute')]);
    expect(warnings({ edge: { rateLimit: RateLimit.perMinute(300) }, clientIpRateLimit: RateLimit.perMinute(100) })).toEqual([]);
  });

  test('monitoring.ddosAttack tunes the platform alert', () => {
    expect(platform({ monitoring: { ddosAttack: { severity: 0 } } }).alert.severity).toBe(0);
  });
});
