/**
 * The edge's WAF policy as a plan: every option validated first, then the custom rules
 * (evaluated before the managed rules), the managed rule sets with their overrides, the
 * exclusions and the policy settings. Internal. Mirrors azurerm v4.55.0
 * internal/services/network/web_application_firewall_policy_resource.go.
 */
import {
  WebApplicationFirewallPolicyConfig,
  WebApplicationFirewallPolicyCustomRules,
  WebApplicationFirewallPolicyManagedRulesExclusion,
  WebApplicationFirewallPolicyManagedRulesManagedRuleSet,
} from '@cdktf/provider-azurerm/lib/web-application-firewall-policy';
import { IConstruct } from 'constructs';
import { EdgeGatewayOptions } from './edge-options';
import {
  WafExclusion, WafExclusionMatchVariable, WafManagedRuleSet, WafRuleAction, WafRuleOverride, WafSelectorOperator,
} from './edge-protection-options';
import { checkClientRange, checkRuleGroup, checkRuleId, GEO_MATCH_CODES } from './waf-values';
import { warnOptOut } from '../compliance/opt-out';
import { invalid } from '../core/errors';
import { tfLiteral } from '../core/literal';
import { RateLimit, requireRateLimit } from '../core/rate-limit';
import { checkBytesAs, isToken, KIB, MIB } from '../core/validation';

/** The managed rule sets of the WAF policy (the bot manager is always kept). */
export const EDGE_MANAGED_RULE_SETS = [
  { type: WafManagedRuleSet.DEFAULT_RULE_SET as string, version: '2.1' },
  { type: WafManagedRuleSet.BOT_MANAGER as string, version: '1.1' },
];
/** The largest request body limit the WAF policy accepts, in KB (`max_request_body_size_in_kb` IntBetween(8, 2000)). */
export const EDGE_MAX_REQUEST_BODY_KB = 2000;
/** The default largest request body of the edge WAF, in bytes (1 MiB). */
export const DEFAULT_EDGE_MAX_REQUEST_BODY_BYTES = 1024 * 1024;
/** The default per-client-IP rate limit of the edge. */
export const EDGE_RATE_LIMIT_DEFAULT = RateLimit.perMinute(1200);
/**
 * The windows Application Gateway counts a rate limit over, in seconds, with their
 * `rate_limit_duration` (azurerm v4.55.0 web_application_firewall_policy_resource.go:
 * StringInSlice(OneMin, FiveMins)).
 */
export const EDGE_RATE_LIMIT_WINDOWS: Readonly<Record<number, string>> = { 60: 'OneMin', 300: 'FiveMins' };
/**
 * Priorities of the edge's custom rules (Azure accepts 1 to 100, unique, lower first): access
 * lists first, so a blocked client never counts against the rate limit of others.
 */
export const EDGE_CUSTOM_RULE_PRIORITIES = { blockedRanges: 10, allowedRanges: 20, blockedCountries: 30, allowedCountries: 40, rateLimit: 50 };
/** The longest Detection burn-in, in days. */
export const WAF_BURN_IN_MAX_DAYS = 90;

/** The validated WAF policy: what `EdgeGateway` passes to `WebApplicationFirewallPolicy`. */
export interface FirewallPlan {
  readonly customRules: WebApplicationFirewallPolicyCustomRules[];
  readonly managedRules: WebApplicationFirewallPolicyConfig['managedRules'];
  readonly mode: 'Prevention' | 'Detection';
  readonly maxRequestBodySizeKb: number;
  readonly requestBodyInspectLimitKb: number;
  readonly fileUploadLimitMb: number;
  /** The per-client rate limit, unless opted out. */
  readonly rateLimit?: RateLimit;
}

/** Validates the WAF options and plans the policy. `today` decides whether a burn-in has ended. */
export function planFirewall(scope: IConstruct, o: EdgeGatewayOptions, today: Date): FirewallPlan {
  // Bytes at the surface, KB / MB for the provider: max_request_body_size_in_kb IntBetween(8, 2000),
  // request_body_inspect_limit_in_kb (8 up to the body limit here), file_upload_limit_in_mb IntBetween(1, 4000).
  const maxBodyKb = checkBytesAs(scope, 'maxRequestBodySizeBytes', o.maxRequestBodySizeBytes ?? DEFAULT_EDGE_MAX_REQUEST_BODY_BYTES, KIB, 8, EDGE_MAX_REQUEST_BODY_KB);
  const inspectKb = checkBytesAs(scope, 'requestBodyInspectLimitBytes', o.requestBodyInspectLimitBytes ?? Math.min(128, maxBodyKb) * KIB, KIB, 8, maxBodyKb);
  const uploadMb = checkBytesAs(scope, 'fileUploadLimitBytes', o.fileUploadLimitBytes ?? 4 * MIB, MIB, 1, 4000);
  const rateLimit = planRateLimit(scope, o);
  const customRules = [...accessRules(scope, o), ...(rateLimit ? [rateLimitRule(rateLimit)] : [])];
  const exclusions = (o.wafExclusions ?? []).map((e, i) => exclusion(scope, `wafExclusions[${i}]`, e));
  return {
    mode: planMode(scope, o, today),
    maxRequestBodySizeKb: maxBodyKb,
    requestBodyInspectLimitKb: inspectKb,
    fileUploadLimitMb: uploadMb,
    customRules,
    rateLimit,
    managedRules: {
      managedRuleSet: managedRuleSets(scope, o.wafRuleOverrides ?? []),
      ...(exclusions.length ? { exclusion: exclusions } : {}),
    },
  };
}

/** Prevention, or Detection for a named burn-in period (an opt-out with a warning). */
function planMode(scope: IConstruct, o: EdgeGatewayOptions, today: Date): 'Prevention' | 'Detection' {
  if (!o.acknowledgeWafDetectionMode) {
    if (o.wafDetectionModeUntil !== undefined) invalid(scope, 'wafDetectionModeUntil', 'is set without acknowledgeWafDetectionMode', 'acknowledgeWafDetectionMode: true with the date, or neither');
    return 'Prevention';
  }
  const until = o.wafDetectionModeUntil;
  const match = typeof until === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(until) : null;
  const end = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!end || end.toISOString().slice(0, 10) !== until) {
    invalid(scope, 'wafDetectionModeUntil', until === undefined ? 'is missing for the Detection burn-in' : `'${String(until)}' is not a date`, 'the last day of the burn-in as YYYY-MM-DD');
  }
  const startOfToday = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  if (end.getTime() < startOfToday) {
    invalid(scope, 'wafDetectionModeUntil', `is ${until}: the burn-in has ended`, 'remove acknowledgeWafDetectionMode (the WAF returns to Prevention), or a later date after reviewing the logged matches');
  }
  if (end.getTime() > startOfToday + WAF_BURN_IN_MAX_DAYS * 86_400_000) {
    invalid(scope, 'wafDetectionModeUntil', `is ${until}, more than ${WAF_BURN_IN_MAX_DAYS} days ahead`, `a date at most ${WAF_BURN_IN_MAX_DAYS} days from today`);
  }
  warnOptOut(scope, 'edge.acknowledgeWafDetectionMode', `the WAF runs in Detection mode until ${until}: attacks the managed and custom rules match are logged, not blocked. `
    + 'Tune exclusions and overrides from the logged matches (AGWFirewallLogs), then remove the opt-out to return to Prevention.', ['WAF-PREVENTION']);
  return 'Detection';
}

type CustomRule = WebApplicationFirewallPolicyCustomRules;

/** A custom rule that blocks the requests whose client address (RemoteAddr) does, or does not, match. */
function blockRule(name: string, priority: number, operator: 'IPMatch' | 'GeoMatch', values: string[], negate: boolean): CustomRule {
  return {
    name,
    priority,
    ruleType: 'MatchRule',
    action: 'Block',
    enabled: true,
    matchConditions: [{ matchVariables: [{ variableName: 'RemoteAddr' }], operator, negationCondition: negate, matchValues: values }],
  };
}

/** IP and geo allow/deny lists, as block rules (an Allow action would skip the managed rules). */
function accessRules(scope: IConstruct, o: EdgeGatewayOptions): CustomRule[] {
  const blockedRanges = clientRanges(scope, 'blockedClientRanges', o.blockedClientRanges);
  const allowedRanges = clientRanges(scope, 'allowedClientRanges', o.allowedClientRanges);
  const both = allowedRanges.find((r) => blockedRanges.some((b) => b.toLowerCase() === r.toLowerCase()));
  if (both) invalid(scope, 'blockedClientRanges', `lists '${both}', which allowedClientRanges also lists`, 'each range in one list only');
  const blockedCountries = countries(scope, 'blockedCountries', o.blockedCountries);
  const allowedCountries = countries(scope, 'allowedCountries', o.allowedCountries);
  const country = allowedCountries.find((c) => blockedCountries.includes(c));
  if (country) invalid(scope, 'blockedCountries', `lists '${country}', which allowedCountries also lists`, 'each country in one list only');
  const p = EDGE_CUSTOM_RULE_PRIORITIES;
  const rules: CustomRule[] = [];
  if (blockedRanges.length) rules.push(blockRule('BlockListedClientRanges', p.blockedRanges, 'IPMatch', blockedRanges, false));
  if (allowedRanges.length) rules.push(blockRule('BlockUnlistedClientRanges', p.allowedRanges, 'IPMatch', allowedRanges, true));
  if (blockedCountries.length) rules.push(blockRule('BlockListedCountries', p.blockedCountries, 'GeoMatch', blockedCountries, false));
  if (allowedCountries.length) rules.push(blockRule('BlockUnlistedCountries', p.allowedCountries, 'GeoMatch', allowedCountries, true));
  return rules;
}

function clientRanges(scope: IConstruct, prop: string, values: string[] | undefined): string[] {
  if (values === undefined) return [];
  if (!Array.isArray(values) || values.length === 0) invalid(scope, prop, 'is empty', 'at least one address or range, or leave it unset');
  // Tokens (variables, references) skip the content checks.
  values.forEach((v, i) => isToken(v) || checkClientRange(scope, `${prop}[${i}]`, v));
  const lower = values.map((v) => v.toLowerCase());
  const repeated = lower.findIndex((v, i) => lower.indexOf(v) !== i);
  if (repeated >= 0) invalid(scope, `${prop}[${repeated}]`, `repeats '${values[repeated]}'`, 'each range once');
  return [...values];
}

function countries(scope: IConstruct, prop: string, values: string[] | undefined): string[] {
  if (values === undefined) return [];
  if (!Array.isArray(values) || values.length === 0) invalid(scope, prop, 'is empty', 'at least one country code, or leave it unset');
  values.forEach((v, i) => {
    if (!isToken(v) && (typeof v !== 'string' || !GEO_MATCH_CODES.has(v))) {
      invalid(scope, `${prop}[${i}]`, `'${String(v)}' is not an ISO 3166-1 alpha-2 country code`, 'an upper-case two-letter code such as US, DE or GB, or ZZ for addresses not mapped to a country');
    }
  });
  const repeated = values.findIndex((v, i) => values.indexOf(v) !== i);
  if (repeated >= 0) invalid(scope, `${prop}[${repeated}]`, `repeats '${values[repeated]}'`, 'each country once');
  return [...values];
}

/** The per-client-IP rate limit, unless opted out: a RateLimit over one or five minutes. */
function planRateLimit(scope: IConstruct, o: EdgeGatewayOptions): RateLimit | undefined {
  if (o.acknowledgeNoEdgeRateLimit) {
    if (o.rateLimit !== undefined) invalid(scope, 'rateLimit', 'is set together with acknowledgeNoEdgeRateLimit', 'either a rate limit or the opt-out');
    warnOptOut(scope, 'edge.acknowledgeNoEdgeRateLimit', 'no rate limit at the edge: a flood from one client reaches the API Management gateway and costs its capacity before APIM\'s own per-IP limit answers.',
      ['WAF-RATE-LIMIT']);
    return undefined;
  }
  const limit = requireRateLimit(scope, 'rateLimit', o.rateLimit ?? EDGE_RATE_LIMIT_DEFAULT);
  if (EDGE_RATE_LIMIT_WINDOWS[limit.renewalPeriodSeconds] === undefined) {
    invalid(scope, 'rateLimit', `is ${limit.describe()}, a ${limit.renewalPeriodSeconds}-second window`,
      'a window of 60 or 300 seconds, which Application Gateway counts over (OneMin, FiveMins): RateLimit.perMinute(n) or RateLimit.per(n, 300)');
  }
  return limit;
}

/** The rate limit as a blocking custom rule counting every request per client address. */
function rateLimitRule(limit: RateLimit): CustomRule {
  return {
    name: 'RateLimitPerClientIp',
    priority: EDGE_CUSTOM_RULE_PRIORITIES.rateLimit,
    ruleType: 'RateLimitRule',
    action: 'Block',
    enabled: true,
    rateLimitDuration: EDGE_RATE_LIMIT_WINDOWS[limit.renewalPeriodSeconds],
    rateLimitThreshold: limit.calls,
    groupRateLimitBy: 'ClientAddr',
    // Every request counts: no IPv4 client has the broadcast address (Azure's documented pattern).
    matchConditions: [{ matchVariables: [{ variableName: 'RemoteAddr' }], operator: 'IPMatch', negationCondition: true, matchValues: ['255.255.255.255/32'] }],
  };
}

function checkRuleSet(scope: IConstruct, prop: string, value: unknown): WafManagedRuleSet {
  if (!Object.values(WafManagedRuleSet).includes(value as WafManagedRuleSet)) invalid(scope, prop, `is '${String(value)}'`, Object.values(WafManagedRuleSet).join(', '));
  return value as WafManagedRuleSet;
}

/** The version of a managed rule set the edge runs. */
function versionOf(ruleSet: WafManagedRuleSet): string {
  return EDGE_MANAGED_RULE_SETS.find((s) => s.type === ruleSet)!.version;
}

/** The managed rule sets, each with the overrides of its rules grouped by rule group. */
function managedRuleSets(scope: IConstruct, overrides: WafRuleOverride[]): WebApplicationFirewallPolicyManagedRulesManagedRuleSet[] {
  const grouped = new Map<string, Map<string, Array<{ id: string; enabled: boolean; action?: string }>>>();
  const seen = new Set<string>();
  overrides.forEach((o, i) => {
    const prop = `wafRuleOverrides[${i}]`;
    const ruleSet = checkRuleSet(scope, `${prop}.ruleSet`, o.ruleSet ?? WafManagedRuleSet.DEFAULT_RULE_SET);
    const published = checkRuleGroup(scope, `${prop}.ruleGroupName`, ruleSet, versionOf(ruleSet), o.ruleGroupName);
    const id = checkRuleId(scope, `${prop}.ruleId`, published, o.ruleId);
    if (seen.has(`${ruleSet}/${id}`)) invalid(scope, `${prop}.ruleId`, `overrides rule ${id} a second time`, 'one override per rule');
    seen.add(`${ruleSet}/${id}`);
    if (o.enabled !== undefined && typeof o.enabled !== 'boolean') invalid(scope, `${prop}.enabled`, `is ${typeof o.enabled}, not a boolean`, 'true or false');
    if (o.action !== undefined && !Object.values(WafRuleAction).includes(o.action)) invalid(scope, `${prop}.action`, `is '${String(o.action)}'`, Object.values(WafRuleAction).join(', '));
    if (o.action === WafRuleAction.JS_CHALLENGE && ruleSet !== WafManagedRuleSet.BOT_MANAGER) {
      invalid(scope, `${prop}.action`, `is JSChallenge for a ${ruleSet} rule`, 'JSChallenge on Bot Manager rules only');
    }
    if (o.action === WafRuleAction.ANOMALY_SCORING && ruleSet !== WafManagedRuleSet.DEFAULT_RULE_SET) {
      invalid(scope, `${prop}.action`, `is AnomalyScoring for a ${ruleSet} rule`, 'AnomalyScoring on Default Rule Set rules only (Bot Manager rules Block, Log or JSChallenge)');
    }
    if (o.enabled === false && o.action !== undefined) invalid(scope, `${prop}.action`, 'is set for a disabled rule', 'an action for an enabled rule, or enabled: false alone');
    if (o.enabled !== false && o.action === undefined) invalid(scope, `${prop}.action`, 'is missing, so the override would change nothing', 'an action, or enabled: false');
    const groups = grouped.get(ruleSet) ?? new Map();
    grouped.set(ruleSet, groups);
    const rules = groups.get(o.ruleGroupName) ?? [];
    groups.set(o.ruleGroupName, rules);
    // azurerm's `enabled` defaults to false: always set it.
    rules.push({ id, enabled: o.enabled ?? true, ...(o.action !== undefined ? { action: o.action } : {}) });
  });
  return EDGE_MANAGED_RULE_SETS.map((set) => {
    const groups = grouped.get(set.type);
    if (!groups) return { ...set };
    return { ...set, ruleGroupOverride: [...groups].map(([ruleGroupName, rule]) => ({ ruleGroupName, rule })) };
  });
}

/** One typed exclusion. */
function exclusion(scope: IConstruct, prop: string, e: WafExclusion): WebApplicationFirewallPolicyManagedRulesExclusion {
  if (e === null || typeof e !== 'object') invalid(scope, prop, `is ${e === null ? 'null' : typeof e}`, 'an exclusion object');
  if (!Object.values(WafExclusionMatchVariable).includes(e.matchVariable)) invalid(scope, `${prop}.matchVariable`, `is '${String(e.matchVariable)}'`, Object.values(WafExclusionMatchVariable).join(', '));
  if (!Object.values(WafSelectorOperator).includes(e.selectorMatchOperator)) {
    invalid(scope, `${prop}.selectorMatchOperator`, `is '${String(e.selectorMatchOperator)}'`, Object.values(WafSelectorOperator).join(', '));
  }
  // azurerm: selector is Required with NoZeroValues.
  if (typeof e.selector !== 'string' || e.selector.trim() === '' || /[\u0000-\u001F]/.test(e.selector)) {
    invalid(scope, `${prop}.selector`, `is ${typeof e.selector === 'string' ? `'${e.selector}'` : typeof e.selector}`, 'the name (or part of it) of the argument, cookie or header, without control characters');
  }
  if ((e.selectorMatchOperator === WafSelectorOperator.EQUALS_ANY) !== (e.selector === '*')) {
    invalid(scope, `${prop}.selector`, `'${e.selector}' does not fit the ${e.selectorMatchOperator} operator`, 'selector \'*\' with EQUALS_ANY, and a name with the other operators');
  }
  const base = { matchVariable: e.matchVariable, selectorMatchOperator: e.selectorMatchOperator, selector: tfLiteral(e.selector) };
  if (e.ruleSet === undefined) {
    if (e.ruleGroups !== undefined) invalid(scope, `${prop}.ruleGroups`, 'is set without ruleSet', 'ruleSet with its groups, or neither (a global exclusion)');
    return base;
  }
  const ruleSet = checkRuleSet(scope, `${prop}.ruleSet`, e.ruleSet);
  const version = versionOf(ruleSet);
  if (e.ruleGroups !== undefined && (!Array.isArray(e.ruleGroups) || e.ruleGroups.length === 0)) invalid(scope, `${prop}.ruleGroups`, 'is empty', 'at least one group, or leave it unset for the whole rule set');
  const ruleGroup = (e.ruleGroups ?? []).map((g, j) => {
    const gp = `${prop}.ruleGroups[${j}]`;
    const rules = checkRuleGroup(scope, `${gp}.ruleGroupName`, ruleSet, version, g?.ruleGroupName);
    if (g.ruleIds !== undefined && Array.isArray(g.ruleIds) && g.ruleIds.length === 0) {
      invalid(scope, `${gp}.ruleIds`, 'is empty, which would exclude every rule of the group', 'at least one rule id, or leave ruleIds unset to exclude the whole group');
    }
    const ids = (g.ruleIds ?? []).map((id, k) => checkRuleId(scope, `${gp}.ruleIds[${k}]`, rules, id));
    return { ruleGroupName: g.ruleGroupName, ...(ids.length ? { excludedRules: ids } : {}) };
  });
  return { ...base, excludedRuleSet: { type: ruleSet, version, ...(ruleGroup.length ? { ruleGroup } : {}) } };
}
