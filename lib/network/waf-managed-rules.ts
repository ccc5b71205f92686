/**
 * The published rule ids of each rule group of the managed rule sets the edge runs
 * (`EDGE_MANAGED_RULE_SETS`: Microsoft_DefaultRuleSet 2.1 and Microsoft_BotManagerRuleSet 1.1),
 * so an override or exclusion of a rule that does not exist fails at synth instead of at apply
 * ("The override Rule '<id>' is unknown for RuleGroup '<group>'"). Internal.
 *
 * Source: Microsoft Learn, "Web Application Firewall DRS and CRS rule groups and rules"
 * (Application Gateway), tabs "DRS 2.1" and "Bot Manager 1.1":
 * https://learn.microsoft.com/azure/web-application-firewall/ag/application-gateway-crs-rulegroups-rules
 * (MicrosoftDocs/azure-docs, articles/web-application-firewall/ag/application-gateway-crs-rulegroups-rules.md,
 * ms.date 2025-03-06), transcribed 2026-12-01. Group names are the rule set's group names as
 * azurerm v4.55.0 validates them (ValidateWebApplicationFirewallPolicyRuleGroupName), which the
 * article titles differently for some groups (FIX: "SESSION-FIXATION", JAVA: "SESSION-JAVA").
 * When Microsoft adds rules to a version, add them here with the article's new date.
 */

/** Where the lists come from, for error messages. */
export const WAF_RULE_LIST_SOURCE = 'https://learn.microsoft.com/azure/web-application-firewall/ag/application-gateway-crs-rulegroups-rules';

const ids = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

/** Microsoft_DefaultRuleSet 2.1: rule group → rule ids. */
const DEFAULT_RULE_SET_2_1: Readonly<Record<string, ReadonlySet<string>>> = {
  'General': ids('200002 200003'),
  'METHOD-ENFORCEMENT': ids('911100'),
  'PROTOCOL-ENFORCEMENT': ids(`
    920100 920120 920121 920160 920170 920171 920180 920181 920190 920200 920201 920210 920220 920230
    920240 920260 920270 920271 920280 920290 920300 920310 920311 920320 920330 920340 920341 920350
    920420 920430 920440 920450 920470 920480 920500`),
  'PROTOCOL-ATTACK': ids('921110 921120 921130 921140 921150 921151 921160 921190 921200'),
  'LFI': ids('930100 930110 930120 930130'),
  'RFI': ids('931100 931110 931120 931130'),
  'RCE': ids('932100 932105 932110 932115 932120 932130 932140 932150 932160 932170 932171 932180'),
  'PHP': ids('933100 933110 933120 933130 933140 933150 933151 933160 933170 933180 933200 933210'),
  'NODEJS': ids('934100'),
  'XSS': ids(`
    941100 941101 941110 941120 941130 941140 941150 941160 941170 941180 941190 941200 941210 941220
    941230 941240 941250 941260 941270 941280 941290 941300 941310 941320 941330 941340 941350 941360
    941370 941380`),
  'SQLI': ids(`
    942100 942110 942120 942130 942140 942150 942160 942170 942180 942190 942200 942210 942220 942230
    942240 942250 942260 942270 942280 942290 942300 942310 942320 942330 942340 942350 942360 942361
    942370 942380 942390 942400 942410 942430 942440 942450 942470 942480 942500 942510`),
  'FIX': ids('943100 943110 943120'),
  'JAVA': ids('944100 944110 944120 944130 944200 944210 944240 944250'),
  'MS-ThreatIntel-WebShells': ids('99005002 99005003 99005004 99005005 99005006'),
  'MS-ThreatIntel-AppSec': ids('99030001 99030002'),
  'MS-ThreatIntel-SQLI': ids('99031001 99031002 99031003 99031004'),
  'MS-ThreatIntel-CVEs': ids(`
    99001001 99001002 99001003 99001004 99001005 99001006 99001007 99001008 99001009 99001010 99001011
    99001012 99001013 99001014 99001015 99001016 99001017`),
};

/** Microsoft_BotManagerRuleSet 1.1: rule group → rule ids. */
const BOT_MANAGER_1_1: Readonly<Record<string, ReadonlySet<string>>> = {
  BadBots: ids('Bot100100 Bot100200 Bot100300'),
  GoodBots: ids('Bot200100 Bot200200 Bot200300 Bot200400 Bot200500 Bot200600 Bot200700'),
  UnknownBots: ids('Bot300100 Bot300200 Bot300300 Bot300400 Bot300500 Bot300600 Bot300700'),
};

/** Rule set type → version → rule group → rule ids, for the versions the edge runs. */
export const WAF_MANAGED_RULES: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, ReadonlySet<string>>>>>>> = {
  Microsoft_DefaultRuleSet: { 2.1: DEFAULT_RULE_SET_2_1 },
  Microsoft_BotManagerRuleSet: { 1.1: BOT_MANAGER_1_1 },
};
