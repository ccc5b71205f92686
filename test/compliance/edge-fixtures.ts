/** Fixtures of the edge rules (EDGE-DDOS-PROTECTION, WAF-RATE-LIMIT), spread into rules.test.ts's tables. */
import { Config, Fixture, ref } from './fixtures';

const V = (name: string) => `\${var.${name}}`;
const PLAN = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/ddosProtectionPlans/ddos';
const SUBNET_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/edge';
const IP = 'azurerm_public_ip.pip';
const AGW = 'azurerm_application_gateway.agw';
const WAF = 'azurerm_web_application_firewall_policy.waf';

const ip = (over: Config = {}): [string, string, Config] => ['azurerm_public_ip', 'pip', { sku: 'Standard', ddos_protection_mode: 'Enabled', ...over }];
const gateway = (subnetId = ref('azurerm_subnet.edge'), ipId = ref(IP)): [string, string, Config] => ['azurerm_application_gateway', 'agw', {
  gateway_ip_configuration: [{ name: 'gateway-ip', subnet_id: subnetId }],
  frontend_ip_configuration: [{ name: 'public', public_ip_address_id: ipId }, { name: 'private', private_ip_address: '10.20.0.10' }],
}];
const subnet: [string, string, Config] = ['azurerm_subnet', 'edge', { name: 'snet-edge', resource_group_name: 'rg', virtual_network_name: ref('azurerm_virtual_network.vnet', 'name') }];
const vnet = (plan?: Config): [string, string, Config] => ['azurerm_virtual_network', 'vnet', { name: 'vnet', resource_group_name: 'rg', ...(plan ? { ddos_protection_plan: [plan] } : {}) }];
/** An edge: the IP in front of a gateway whose subnet is in a VNet of the stack. */
export const edge = (ipOver: Config = {}, plan?: Config): Fixture => [ip(ipOver), gateway(), subnet, vnet(plan)];

export const RATE_LIMIT = {
  name: 'RateLimitPerClientIp',
  priority: 50,
  rule_type: 'RateLimitRule',
  action: 'Block',
  enabled: true,
  rate_limit_duration: 'OneMin',
  rate_limit_threshold: 1200,
  group_rate_limit_by: 'ClientAddr',
  match_conditions: [{ match_variables: [{ variable_name: 'RemoteAddr' }], operator: 'IPMatch', negation_condition: true, match_values: ['255.255.255.255/32'] }],
};
/** A condition that matches every request through operator Any. */
const ANY = { match_variables: [{ variable_name: 'RemoteAddr' }], operator: 'Any', negation_condition: false };
/** A condition that matches only the requests to one path: a rate limit on a slice of the traffic. */
const SLICE = { match_variables: [{ variable_name: 'RequestUri' }], operator: 'BeginsWith', negation_condition: false, match_values: ['/fhir/Patient'] };
const waf = (rules?: unknown): [string, string, Config] => ['azurerm_web_application_firewall_policy', 'waf', {
  policy_settings: [{ enabled: true, mode: 'Prevention' }], ...(rules === undefined ? {} : { custom_rules: rules }),
}];

/** rule id → [fixture that fires, the address it fires on, what the finding says, fixture that passes]. */
export const EDGE_CASES: Record<string, Array<[Fixture, string, RegExp, Fixture]>> = {
  'EDGE-DDOS-PROTECTION': [
    [edge({ ddos_protection_mode: 'Disabled' }), AGW, /frontend public IP azurerm_public_ip\.pip, whose DDoS protection is disabled/, edge()],
    [edge({ ddos_protection_mode: undefined }), AGW, /inherits DDoS protection from azurerm_virtual_network\.vnet: that VNet has no enabled DDoS protection plan/,
      edge({ ddos_protection_mode: undefined }, { id: PLAN, enable: true })],
    [edge({ ddos_protection_mode: 'VirtualNetworkInherited' }, { id: PLAN, enable: false }), AGW, /no enabled DDoS protection plan/,
      edge({ ddos_protection_mode: 'VirtualNetworkInherited' }, { id: PLAN, enable: true })],
  ],
  'WAF-RATE-LIMIT': [
    [[waf()], WAF, /has no RateLimitRule custom rule/, [waf([RATE_LIMIT])]],
    [[waf([{ ...RATE_LIMIT, action: 'Log' }])], WAF, /none is enabled, blocks, and counts per client address/, [waf([{ ...RATE_LIMIT, action: 'Log' }, RATE_LIMIT])]],
    [[waf([{ ...RATE_LIMIT, group_rate_limit_by: 'None' }])], WAF, /none is enabled, blocks/, [waf([{ ...RATE_LIMIT, group_rate_limit_by: 'ClientAddrXFFHeader' }])]],
    [[waf([{ ...RATE_LIMIT, enabled: false }])], WAF, /none is enabled/, [waf([{ ...RATE_LIMIT, match_conditions: [ANY] }])]],
    // group_rate_limit_by unset counts nothing per client as far as the evidence shows: it must be explicit.
    [[waf([{ ...RATE_LIMIT, group_rate_limit_by: undefined }])], WAF, /counts per client address \(group_rate_limit_by ClientAddr or ClientAddrXFFHeader, set explicitly\)/,
      [waf([{ ...RATE_LIMIT, group_rate_limit_by: undefined, name: 'Unset' }, RATE_LIMIT])]],
  ],
};

/** rule id → [fixture whose deciding value is an expression, the address, what the reason says]. */
export const EDGE_UNKNOWN_CASES: Record<string, Array<[Fixture, string, RegExp]>> = {
  'EDGE-DDOS-PROTECTION': [
    [edge({ ddos_protection_mode: V('ddos_mode') }), AGW, /ddos_protection_mode of azurerm_public_ip\.pip to \$\{var\.ddos_mode\}/],
    [[ip({ ddos_protection_mode: 'VirtualNetworkInherited' }), gateway(SUBNET_ID)], AGW, /subnet \/subscriptions\/.*\/subnets\/edge, outside the stack/],
    [[gateway(ref('azurerm_subnet.edge'), V('edge_ip_id'))], AGW, /frontend public IP \$\{var\.edge_ip_id\}, which is outside the stack/],
    [edge({ ddos_protection_mode: undefined }, { id: PLAN, enable: V('ddos_enable') }), AGW, /ddos_protection_plan\.enable of azurerm_virtual_network\.vnet to \$\{var\.ddos_enable\}/],
  ],
  'WAF-RATE-LIMIT': [
    [[waf(V('rules'))], WAF, /custom_rules to \$\{var\.rules\}/],
    [[waf([{ ...RATE_LIMIT, rate_limit_threshold: V('threshold') }])], WAF, /custom_rules\.rate_limit_threshold to \$\{var\.threshold\}/],
    [[waf([{ ...RATE_LIMIT, match_conditions: [SLICE] }])], WAF, /RateLimitRule RateLimitPerClientIp, whose match conditions this rule cannot show to match every request/],
    [[waf([{ ...RATE_LIMIT, match_conditions: [RATE_LIMIT.match_conditions[0], SLICE] }])], WAF, /cannot show to match every request.*only part of the traffic/],
    [[waf([{ ...RATE_LIMIT, match_conditions: [{ ...ANY, negation_condition: true }] }])], WAF, /cannot show to match every request/],
    [[waf([{ ...RATE_LIMIT, match_conditions: [{ ...RATE_LIMIT.match_conditions[0], match_values: ['10.0.0.0/8'] }] }])], WAF, /cannot show to match every request/],
    [[waf([{ ...RATE_LIMIT, match_conditions: V('conditions') }])], WAF, /custom_rules\.match_conditions to \$\{var\.conditions\}/],
    [[waf([{ ...RATE_LIMIT, match_conditions: [{ ...SLICE, match_values: V('paths') }] }])], WAF, /custom_rules\.match_conditions\.match_values to \$\{var\.paths\}/],
  ],
};
