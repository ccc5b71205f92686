/**
 * The values the edge's WAF policy accepts, mirrored from azurerm v4.55.0 and Azure's WAF
 * documentation so a bad value fails at synth with the prop named. Internal.
 */
import { IConstruct } from 'constructs';
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

/**
 * The rule groups of each managed rule set the edge runs, with the rule id format of each group.
 * Group names are the subset of azurerm's ValidateWebApplicationFirewallPolicyRuleGroupName
 * (internal/services/network/validate/web_application_firewall_policy.go, v4.55.0) that
 * belongs to the rule set; rule ids follow Azure's DRS 2.1 and Bot Manager 1.1 rule lists
 * (DRS rules are numbered by group, e.g. SQLI 942xxx; Microsoft threat-intelligence rules 99xxxxxx).
 */
export const RULE_GROUPS: Readonly<Record<string, Readonly<Record<string, RegExp>>>> = {
  Microsoft_DefaultRuleSet: {
    'General': /^200\d{3}$/,
    'METHOD-ENFORCEMENT': /^911\d{3}$/,
    'PROTOCOL-ENFORCEMENT': /^920\d{3}$/,
    'PROTOCOL-ATTACK': /^921\d{3}$/,
    'LFI': /^930\d{3}$/,
    'RFI': /^931\d{3}$/,
    'RCE': /^932\d{3}$/,
    'PHP': /^933\d{3}$/,
    'NODEJS': /^934\d{3}$/,
    'XSS': /^941\d{3}$/,
    'SQLI': /^942\d{3}$/,
    'FIX': /^943\d{3}$/,
    'JAVA': /^944\d{3}$/,
    'MS-ThreatIntel-WebShells': /^99\d{6}$/,
    'MS-ThreatIntel-AppSec': /^99\d{6}$/,
    'MS-ThreatIntel-SQLI': /^99\d{6}$/,
    'MS-ThreatIntel-CVEs': /^99\d{6}$/,
  },
  Microsoft_BotManagerRuleSet: {
    BadBots: /^Bot100\d{3}$/,
    GoodBots: /^Bot200\d{3}$/,
    UnknownBots: /^Bot300\d{3}$/,
  },
};

/** Checks a rule group name against the rule set's groups; returns the rule id pattern of the group. */
export function checkRuleGroup(scope: IConstruct, prop: string, ruleSet: string, group: unknown): RegExp {
  const groups = RULE_GROUPS[ruleSet];
  const pattern = typeof group === 'string' ? groups[group] : undefined;
  if (!pattern) invalid(scope, prop, `'${String(group)}' is not a rule group of ${ruleSet}`, Object.keys(groups).join(', '));
  return pattern;
}

/** Checks a managed rule id against its group's numbering. */
export function checkRuleId(scope: IConstruct, prop: string, group: string, pattern: RegExp, id: unknown): string {
  if (typeof id !== 'string' || !pattern.test(id)) {
    invalid(scope, prop, `'${String(id)}' is not a rule id of group ${group}`, `an id of the form ${pattern.source.replace(/^\^|\$$/g, '').replace(/\\d\{(\d)\}/g, (_, n) => 'n'.repeat(Number(n)))}, as listed in the WAF log's ruleId`);
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
