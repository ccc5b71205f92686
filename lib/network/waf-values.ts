/**
 * The values the edge's WAF policy accepts, mirrored from azurerm v4.55.0 and Azure's WAF
 * documentation so a bad value fails at synth with the prop named. Internal.
 */
import { IConstruct } from 'constructs';
import { WAF_MANAGED_RULES, WAF_RULE_LIST_SOURCE } from './waf-managed-rules';
import { invalid } from '../core/errors';
import { parseCidr, parseIpv4 } from '../policy/validate';

/**
 * ISO 3166-1 alpha-2 codes, plus `ZZ`: Azure's code for addresses not (yet) mapped to a
 * country, which an allow list should usually include so unmapped clients are not blocked
 * (Azure WAF docs, "geomatch custom rules"). Azure's geo database may not map every territory;
 * a code it does not map simply never matches.
 */
export const GEO_MATCH_CODES: ReadonlySet<string> = new Set(
  ('AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ '
  + 'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR '
  + 'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP '
  + 'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT '
  + 'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW '
  + 'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG '
  + 'UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW ZZ').split(' '),
);

/** The rule ids of one rule group of a managed rule set version, as Microsoft publishes them. */
export interface RuleGroupIds {
  readonly ruleSet: string;
  readonly version: string;
  readonly group: string;
  readonly ids: ReadonlySet<string>;
}

/**
 * Checks a rule group name against the groups of the rule set version the edge runs
 * (lib/network/waf-managed-rules.ts); returns the group's published rule ids.
 */
export function checkRuleGroup(scope: IConstruct, prop: string, ruleSet: string, version: string, group: unknown): RuleGroupIds {
  const groups = WAF_MANAGED_RULES[ruleSet][version];
  const ids = typeof group === 'string' && Object.prototype.hasOwnProperty.call(groups, group) ? groups[group] : undefined;
  if (!ids) invalid(scope, prop, `'${String(group)}' is not a rule group of ${ruleSet} ${version}`, Object.keys(groups).join(', '));
  return { ruleSet, version, group: group as string, ids };
}

/** Checks a managed rule id against the published rules of its group. */
export function checkRuleId(scope: IConstruct, prop: string, rules: RuleGroupIds, id: unknown): string {
  if (typeof id !== 'string' || !rules.ids.has(id)) {
    invalid(scope, prop, `'${String(id)}' is not a rule id of group ${rules.group} in ${rules.ruleSet} ${rules.version}`,
      `one of ${[...rules.ids].join(', ')} (the WAF log's ruleId; Microsoft's list: ${WAF_RULE_LIST_SOURCE})`);
  }
  return id;
}

/** Parses an IPv6 address (no embedded IPv4, no zone) to a 128-bit number, or returns undefined. */
export function parseIpv6(address: string): bigint | undefined {
  if (!/^[0-9a-fA-F:]+$/.test(address) || address.includes(':::')) return undefined;
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return undefined;
  const all = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (all.some((g) => g.length < 1 || g.length > 4)) return undefined;
  return all.reduce((acc, g) => acc * 65536n + BigInt(parseInt(g, 16)), 0n);
}

/** The IP version of a checked client range. */
export type IpVersion = 4 | 6;

/**
 * Checks a client address or range for an IPMatch condition: an IPv4 address or CIDR range, or
 * an IPv6 address or CIDR range (Application Gateway WAF matches IPv6 ranges without a preview
 * feature). CIDR ranges must be network addresses (host bits zero), so a typo cannot widen them.
 */
export function checkClientRange(scope: IConstruct, prop: string, value: unknown): IpVersion {
  const valid = 'an IPv4 or IPv6 address or CIDR range with host bits zero, such as 203.0.113.7, 203.0.113.0/24 or 2001:db8::/32';
  if (typeof value !== 'string') invalid(scope, prop, `is ${value === null ? 'null' : typeof value}, not a string`, valid);
  if (value.includes('.')) {
    if (parseIpv4(value) !== undefined || parseCidr(value) !== undefined) return 4;
    invalid(scope, prop, `'${value}' is not an IPv4 address or CIDR range`, valid);
  }
  const [address, prefix, extra] = value.split('/');
  const parsed = parseIpv6(address);
  const bits = prefix === undefined ? 128 : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
  if (parsed === undefined || extra !== undefined || !(bits >= 0 && bits <= 128)) invalid(scope, prop, `'${value}' is not an IPv6 address or CIDR range`, valid);
  const hostBits = BigInt(128 - bits);
  if (parsed % 2n ** hostBits !== 0n) invalid(scope, prop, `'${value}' has host bits set below the /${bits} prefix`, valid);
  return 6;
}
