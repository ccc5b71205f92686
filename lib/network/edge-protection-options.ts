/** The types of the edge's protection options: DDoS, TLS, WAF custom rules, exclusions and overrides. */

/** How the edge public IP is protected from volumetric (layer 3/4) DDoS attacks. */
export enum EdgeDdosProtection {
  /**
   * DDoS IP Protection on the edge public IP (`ddos_protection_mode = "Enabled"`): adaptive
   * tuning, attack metrics, alerts and mitigation reports for that IP, billed per protected IP.
   */
  IP_PROTECTION = 'ip-protection',
  /**
   * The DDoS Network Protection plan of the VNet covers the IP (`ddos_protection_mode =
   * "VirtualNetworkInherited"`): the created VNet's `ddosProtectionPlanId`, or a plan you attached
   * to an existing network yourself. Adds rapid response, cost protection and a WAF discount.
   */
  VIRTUAL_NETWORK_PLAN = 'virtual-network-plan',
}

/**
 * What is known of the DDoS Network Protection plan of the edge subnet's VNet, which decides
 * whether `EdgeDdosProtection.VIRTUAL_NETWORK_PLAN` can protect the edge IP.
 */
export enum VirtualNetworkDdosPlan {
  /** The VNet is created with a DDoS Network Protection plan: the edge IP inherits it by default. */
  ATTACHED = 'attached',
  /**
   * The VNet is created without a plan: an inherited protection would be none, so
   * `VIRTUAL_NETWORK_PLAN` is refused.
   */
  NONE = 'none',
  /**
   * The VNet is managed elsewhere and its plan cannot be seen: `VIRTUAL_NETWORK_PLAN` is kept
   * with a warning that attaching the plan is yours.
   */
  UNKNOWN = 'unknown',
}

/** The TLS policy of the edge's HTTPS listener (Application Gateway `ssl_policy`). */
export enum EdgeTlsPolicy {
  /** Predefined `AppGwSslPolicy20220101S`: TLS 1.2 minimum, TLS 1.3, ECDHE with AES-GCM only. */
  TLS12_STRICT_2022 = 'AppGwSslPolicy20220101S',
  /**
   * Predefined `AppGwSslPolicy20220101`: TLS 1.2 minimum, TLS 1.3, and also ECDHE CBC-SHA2
   * suites for older clients. Weaker than the default (a warning).
   */
  TLS12_2022 = 'AppGwSslPolicy20220101',
  /**
   * `CustomV2` with `min_protocol_version = "TLSv1_3"`: TLS 1.3 only (TLS_AES_128_GCM_SHA256 and
   * TLS_AES_256_GCM_SHA384, which Azure does not let you list). Clients that cannot do TLS 1.3
   * (older .NET Framework, Java 8 before 8u261, some medical devices) cannot connect.
   */
  TLS13_MINIMUM = 'CustomV2-TLSv1_3',
}

/** The managed rule sets of the edge's WAF policy. */
export enum WafManagedRuleSet {
  /** Microsoft Default Rule Set 2.1 (OWASP CRS 3.3 based, anomaly scoring). */
  DEFAULT_RULE_SET = 'Microsoft_DefaultRuleSet',
  /** Bot Manager Rule Set 1.1. */
  BOT_MANAGER = 'Microsoft_BotManagerRuleSet',
}

/** The part of a request a WAF exclusion leaves out of managed-rule inspection (azurerm 4.55 `exclusion.match_variable`). */
export enum WafExclusionMatchVariable {
  /** Argument (query, form and JSON body field) names: the name itself is not inspected. */
  REQUEST_ARG_NAMES = 'RequestArgNames',
  /** Argument keys. */
  REQUEST_ARG_KEYS = 'RequestArgKeys',
  /** Argument values: the value of the selected field (e.g. a clinical note's free text) is not inspected. */
  REQUEST_ARG_VALUES = 'RequestArgValues',
  /** Cookie names. */
  REQUEST_COOKIE_NAMES = 'RequestCookieNames',
  /** Cookie keys. */
  REQUEST_COOKIE_KEYS = 'RequestCookieKeys',
  /** Cookie values. */
  REQUEST_COOKIE_VALUES = 'RequestCookieValues',
  /** Header names. */
  REQUEST_HEADER_NAMES = 'RequestHeaderNames',
  /** Header keys. */
  REQUEST_HEADER_KEYS = 'RequestHeaderKeys',
  /** Header values. */
  REQUEST_HEADER_VALUES = 'RequestHeaderValues',
}

/** How an exclusion's selector matches names (azurerm 4.55 `exclusion.selector_match_operator`). */
export enum WafSelectorOperator {
  /** The name equals the selector. */
  EQUALS = 'Equals',
  /** The name contains the selector. */
  CONTAINS = 'Contains',
  /** The name starts with the selector. */
  STARTS_WITH = 'StartsWith',
  /** The name ends with the selector. */
  ENDS_WITH = 'EndsWith',
  /** Every name (the selector must be `*`). */
  EQUALS_ANY = 'EqualsAny',
}

/** The rules of one group an exclusion applies to. */
export interface WafExclusionRuleGroup {
  /** The rule group, e.g. `SQLI` or `XSS` (Default Rule Set) or `BadBots` (Bot Manager). */
  readonly ruleGroupName: string;
  /**
   * Rule ids of the group, e.g. `942200`.
   * @default - every rule of the group
   */
  readonly ruleIds?: string[];
}

/**
 * A typed WAF exclusion: one request part left out of managed-rule inspection, for the
 * rules you name, so a false positive on legitimate data (SQL- or script-looking clinical free
 * text in a FHIR JSON body) stops without switching the WAF to Detection.
 */
export interface WafExclusion {
  /** Which part of the request. */
  readonly matchVariable: WafExclusionMatchVariable;
  /** How the selector matches. */
  readonly selectorMatchOperator: WafSelectorOperator;
  /** The name (or part of it) of the argument, cookie or header; `*` with `EQUALS_ANY`. */
  readonly selector: string;
  /**
   * The managed rule set whose rules skip the selected part.
   * @default - every rule of every managed rule set (a global exclusion: prefer naming the rules)
   */
  readonly ruleSet?: WafManagedRuleSet;
  /**
   * The groups (and rules) of `ruleSet` that skip it. Needs `ruleSet`.
   * @default - every rule of `ruleSet`
   */
  readonly ruleGroups?: WafExclusionRuleGroup[];
}

/** What a managed rule does when it matches, once overridden (azurerm 4.55 `rule_group_override.rule.action`, without `Allow`). */
export enum WafRuleAction {
  /** Adds to the request's anomaly score (the Default Rule Set's own action; DRS rules only). */
  ANOMALY_SCORING = 'AnomalyScoring',
  /** Blocks the request. */
  BLOCK = 'Block',
  /** Logs the match only: the rule no longer blocks or scores. */
  LOG = 'Log',
  /** Answers with a JavaScript challenge (Bot Manager rules only). */
  JS_CHALLENGE = 'JSChallenge',
}

/** A per-rule override of a managed rule: another action, or the rule disabled. */
export interface WafRuleOverride {
  /**
   * The managed rule set of the rule.
   * @default WafManagedRuleSet.DEFAULT_RULE_SET
   */
  readonly ruleSet?: WafManagedRuleSet;
  /** The rule group, e.g. `SQLI`. */
  readonly ruleGroupName: string;
  /** The rule id, e.g. `942430`, as the WAF log's `ruleId` shows it. */
  readonly ruleId: string;
  /**
   * Whether the rule runs at all. `false` disables it outright: prefer an exclusion, which keeps
   * the rule for the rest of the request.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * The action of the rule when it runs.
   * @default - the rule set's own action for the rule
   */
  readonly action?: WafRuleAction;
}
