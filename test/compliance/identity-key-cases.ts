/**
 * Fixtures of the identity and key rules (PRIVILEGED-ACCESS-MFA, KV-PREMIUM-HSM, KV-SECRET-EXPIRY,
 * CREDENTIAL-ROTATION, KV-NEAR-EXPIRY-ROUTING), in the shape rules.test.ts runs: the fixture that
 * fires, the address, the finding, and the fixture that passes.
 */
import { Config, Fixture, ref } from './fixtures';

type Case = [Fixture, string, RegExp, Fixture];
type UnknownCase = [Fixture, string, RegExp];
type R = [string, string, Config];

const V = (name: string) => `\${var.${name}}`;
const MGMT = '797f4846-ba00-4fd7-ba43-dac1f8f63013';
const GROUP = ref('azuread_group.ops', 'object_id');
const group: R = ['azuread_group', 'ops', { display_name: 'ops', security_enabled: true }];
const ra = (over: Config = {}): R => ['azurerm_role_assignment', 'ra', {
  scope: ref('azurerm_api_management.apim'), role_definition_name: 'API Management Service Operator Role', principal_id: GROUP, principal_type: 'Group', ...over,
}];
const pim: R = ['azurerm_pim_eligible_role_assignment', 'pim', {
  scope: ref('azurerm_key_vault.kv'), role_definition_id: '/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/00482a5a-887f-4fb3-b363-3b7fe8e74483', principal_id: GROUP,
}];
const ca = (over: Config = {}): R => ['azuread_conditional_access_policy', 'ca', {
  display_name: 'Require MFA',
  state: 'enabled',
  conditions: [{ client_app_types: ['all'], applications: [{ included_applications: [MGMT] }], users: [{ included_groups: [GROUP] }] }],
  grant_controls: [{ operator: 'OR', built_in_controls: ['mfa'] }],
  ...over,
}];
const RA = 'azurerm_role_assignment.ra';

const kv = (over: Config = {}): R => ['azurerm_key_vault', 'kv', { sku_name: 'premium', purge_protection_enabled: true, rbac_authorization_enabled: true, ...over }];
const KV = 'azurerm_key_vault.kv';
const rotation: R = ['time_rotating', 'r', { rotation_days: 90 }];
const EXPIRY = '${timeadd(time_rotating.r.rotation_rfc3339, "720h")}';
const key = (over: Config = {}): R => ['azurerm_key_vault_key', 'k', {
  key_type: 'RSA-HSM',
  key_size: 3072,
  expiration_date: ref('time_offset.o', 'rfc3339'),
  rotation_policy: [{ automatic: [{ time_after_creation: 'P180D' }], expire_after: 'P365D', notify_before_expiry: 'P30D' }],
  ...over,
}];
const KEY = 'azurerm_key_vault_key.k';
const secret = (over: Config = {}): R => ['azurerm_key_vault_secret', 's', { name: 's', value: ref('azurerm_api_management_subscription.x', 'primary_key'), expiration_date: EXPIRY, ...over }];
const password = (over: Config = {}): R => ['azuread_application_password', 'pw', {
  application_id: ref('azuread_application.app'), rotate_when_changed: { rotation: ref('time_rotating.r') }, end_date: EXPIRY, lifecycle: { create_before_destroy: true }, ...over,
}];
const PW = 'azuread_application_password.pw';

const NEAR_EXPIRY_QUERY = 'AZKVAuditLogs\n| where OperationName in ("SecretNearExpiryEventGridNotification", "CertificateNearExpiryEventGridNotification")';
const WORKSPACE = ref('azurerm_log_analytics_workspace.w');
const alert = (query: string, over: Config = {}): R => ['azurerm_monitor_scheduled_query_rules_alert_v2', 'la', {
  enabled: true, scopes: [WORKSPACE], criteria: [{ query }], action: [{ action_groups: [ref('azurerm_monitor_action_group.ag')] }], ...over,
}];
const kvDiag: R = ['azurerm_monitor_diagnostic_setting', 'kvd', { target_resource_id: ref(KV), log_analytics_workspace_id: WORKSPACE, enabled_log: [{ category_group: 'allLogs' }] }];
const topic: R = ['azurerm_eventgrid_system_topic', 't', { source_resource_id: ref(KV), topic_type: 'Microsoft.KeyVault.vaults' }];
const subscription = (over: Config = {}): R => ['azurerm_eventgrid_system_topic_event_subscription', 'es', {
  system_topic: ref('azurerm_eventgrid_system_topic.t', 'name'),
  webhook_endpoint: [{ url: 'https://ops.example/hook' }],
  included_event_types: ['Microsoft.KeyVault.SecretNearExpiry', 'Microsoft.KeyVault.CertificateNearExpiry'],
  ...over,
}];

const NEAR_EXPIRY_TYPES = ['Microsoft.KeyVault.SecretNearExpiry', 'Microsoft.KeyVault.CertificateNearExpiry'];
const armSubscription = (types: string[]): R => ['azurerm_resource_group_template_deployment', 'es', {
  parameters_content: JSON.stringify({ systemTopicName: { value: ref('azurerm_eventgrid_system_topic.t', 'name') } }),
  template_content: JSON.stringify({
    resources: [{
      type: 'Microsoft.EventGrid/systemTopics/eventSubscriptions',
      properties: { destination: { endpointType: 'MonitorAlert', properties: { severity: 'Sev2', actionGroups: ['/subscriptions/s/resourceGroups/rg/providers/Microsoft.Insights/actionGroups/soc'] } }, filter: { includedEventTypes: types } },
    }],
  }),
}];

export const IDENTITY_KEY_CASES: Record<string, Case[]> = {
  'PRIVILEGED-ACCESS-MFA': [
    [[group, ra()], RA, /no Conditional Access policy in the stack requires MFA/, [group, ra(), ca()]],
    [[group, ra({ principal_type: 'User', principal_id: '00000000-0000-0000-0000-000000000001' })], RA, /to a user directly/, [group, ra(), ca()]],
    [[group, ra(), ca({ state: 'enabledForReportingButNotEnforced' })], RA, /is enabledForReportingButNotEnforced, not enforced/, [group, ra(), ca()]],
    [[group, ra(), ca({ grant_controls: [{ operator: 'OR', built_in_controls: ['mfa', 'compliantDevice'] }] })], RA, /no Conditional Access policy/,
      [group, ra(), ca({ grant_controls: [{ operator: 'OR', authentication_strength_policy_id: '/policies/authenticationStrengthPolicies/00000000-0000-0000-0000-000000000004' }] })]],
    [[group, ra(), ca({ conditions: [{ client_app_types: ['all'], applications: [{ included_applications: ['00000003-0000-0000-c000-000000000000'] }], users: [{ included_groups: [GROUP] }] }] })],
      RA, /no Conditional Access policy/, [group, ra(), ca()]],
    [[group, ra(), ca({ conditions: [{ client_app_types: ['all'], applications: [{ included_applications: ['All'] }], users: [{ included_users: ['All'], excluded_groups: [GROUP] }] }] })],
      RA, /no Conditional Access policy/, [group, ra(), ca({ conditions: [{ client_app_types: ['all'], applications: [{ included_applications: ['All'] }], users: [{ included_users: ['All'] }] }] })]],
    [[group, pim], 'azurerm_pim_eligible_role_assignment.pim', /grants Key Vault Administrator to a group/, [group, pim, ca()]],
    // Browsers only: the CLI and PowerShell (mobileAppsAndDesktopClients) sign in to Azure management without MFA.
    [[group, ra(), ca({ conditions: [{ client_app_types: ['browser'], applications: [{ included_applications: [MGMT] }], users: [{ included_groups: [GROUP] }] }] })],
      RA, /no Conditional Access policy/,
      [group, ra(), ca({ conditions: [{ client_app_types: ['browser', 'mobileAppsAndDesktopClients'], applications: [{ included_applications: [MGMT] }], users: [{ included_groups: [GROUP] }] }] })]],
    [[group, ra(), ca({ conditions: [{ applications: [{ included_applications: [MGMT] }], users: [{ included_groups: [GROUP] }] }] })], RA, /no Conditional Access policy/, [group, ra(), ca()]],
    // The operators group itself excluded (as a group, or its id among the excluded users), or everyone excluded.
    [[group, ra(), ca({ conditions: [{ client_app_types: ['all'], applications: [{ included_applications: [MGMT] }], users: [{ included_groups: [GROUP], excluded_groups: [GROUP] }] }] })],
      RA, /no Conditional Access policy/,
      [group, ra(), ca({ conditions: [{ client_app_types: ['all'], applications: [{ included_applications: [MGMT] }], users: [{ included_groups: [GROUP], excluded_groups: ['33333333-3333-3333-3333-333333333333'] }] }] })]],
    [[group, ra(), ca({ conditions: [{ client_app_types: ['all'], applications: [{ included_applications: [MGMT] }], users: [{ included_groups: [GROUP], excluded_users: ['All'] }] }] })],
      RA, /no Conditional Access policy/, [group, ra(), ca()]],
    [[group, ra(), ca({ conditions: [{ client_app_types: ['all'], applications: [{ included_applications: [MGMT] }], users: [{ included_groups: [GROUP], excluded_users: [GROUP] }] }] })],
      RA, /no Conditional Access policy/,
      [group, ra(), ca({ conditions: [{ client_app_types: ['all'], applications: [{ included_applications: [MGMT] }], users: [{ included_groups: [GROUP], excluded_users: ['44444444-4444-4444-4444-444444444444'] }] }] })]],
  ],
  'KV-PREMIUM-HSM': [
    [[kv({ sku_name: 'standard' })], KV, /standard SKU, whose keys are software-protected/, [kv()]],
    [[key({ key_type: 'RSA' })], KEY, /RSA key, not HSM-protected/, [key({ key_type: 'EC-HSM', key_size: undefined, curve: 'P-384' })]],
  ],
  'KV-SECRET-EXPIRY': [
    [[secret({ expiration_date: undefined })], 'azurerm_key_vault_secret.s', /has no expiration_date/, [secret()]],
    [[key({ expiration_date: undefined })], KEY, /has no expiration_date/, [key()]],
  ],
  'CREDENTIAL-ROTATION': [
    [[password({ rotate_when_changed: undefined }), rotation], PW, /has no rotation schedule/, [password(), rotation]],
    [[password({ rotate_when_changed: { rotation: 'v1' } }), rotation], PW, /names no time_rotating/, [password(), rotation]],
    [[password({ end_date: undefined }), rotation], PW, /has no end_date/, [password(), rotation]],
    [[password({ lifecycle: undefined }), rotation], PW, /without lifecycle create_before_destroy/, [password(), rotation]],
    [[key({ rotation_policy: undefined })], KEY, /has no rotation_policy/, [key()]],
    [[key({ rotation_policy: [{ expire_after: 'P365D' }] })], KEY, /without automatic rotation/, [key()]],
    [[key({ rotation_policy: [{ automatic: [{ time_before_expiry: 'P30D' }] }] })], KEY, /without expire_after/, [key()]],
  ],
  'KV-NEAR-EXPIRY-ROUTING': [
    [[kv(), kvDiag], KV, /has no route for near-expiry/, [kv(), kvDiag, topic, armSubscription(NEAR_EXPIRY_TYPES)]],
    // A log alert alone: Key Vault raises (and logs) the notifications only while an Event Grid subscription exists.
    [[kv(), kvDiag, alert(NEAR_EXPIRY_QUERY)], KV, /has a log alert on its near-expiry notifications \(azurerm_monitor_scheduled_query_rules_alert_v2\.la\) but no Event Grid subscription/,
      [kv(), kvDiag, alert(NEAR_EXPIRY_QUERY), topic, armSubscription(NEAR_EXPIRY_TYPES)]],
    [[kv(), kvDiag, alert(NEAR_EXPIRY_QUERY), topic], KV, /but no Event Grid subscription/, [kv(), kvDiag, alert(NEAR_EXPIRY_QUERY), topic, subscription()]],
    [[kv(), topic, subscription({ included_event_types: ['Microsoft.KeyVault.SecretNewVersionCreated'] })], KV, /has no route/, [kv(), topic, subscription()]],
    [[kv(), topic, subscription({ webhook_endpoint: undefined })], KV, /has no route/, [kv(), topic, subscription({ included_event_types: undefined })]],
    [[kv(), topic, armSubscription(['Microsoft.KeyVault.SecretNewVersionCreated'])], KV, /has no route/, [kv(), topic, armSubscription(NEAR_EXPIRY_TYPES)]],
    // A topic on another vault does not route this one's events.
    [[kv(), ['azurerm_key_vault', 'other', { sku_name: 'premium' }], ['azurerm_eventgrid_system_topic', 't', { source_resource_id: ref('azurerm_key_vault.other'), topic_type: 'Microsoft.KeyVault.vaults' }],
      armSubscription(NEAR_EXPIRY_TYPES)], KV, /has no route/, [kv(), topic, armSubscription(NEAR_EXPIRY_TYPES)]],
  ],
};

export const IDENTITY_KEY_UNKNOWN_CASES: Record<string, UnknownCase[]> = {
  'PRIVILEGED-ACCESS-MFA': [
    [[group, ra({ role_definition_name: V('role') })], RA, /^sets role_definition_name to \$\{var\.role\}/],
    [[ra({ principal_type: undefined, principal_id: V('principal') })], RA, /without principal_type/],
    [[group, ra(), ca({ state: V('state') })], RA, /the state of azuread_conditional_access_policy\.ca/],
  ],
  'KV-PREMIUM-HSM': [
    [[kv({ sku_name: V('sku') })], KV, /sku_name to \$\{var\.sku\}/],
    [[key({ key_type: V('key_type') })], KEY, /key_type to \$\{var\.key_type\}/],
  ],
  'CREDENTIAL-ROTATION': [[[password({ rotate_when_changed: { rotation: V('rotation') } }), rotation], PW, /rotate_when_changed/]],
  'KV-NEAR-EXPIRY-ROUTING': [
    [[kv(), topic, subscription({ included_event_types: V('types') })], KV, /the included_event_types of azurerm_eventgrid_system_topic_event_subscription\.es are an expression/],
    [[kv(), topic, ['azurerm_resource_group_template_deployment', 'es', {
      parameters_content: JSON.stringify({ systemTopicName: { value: ref('azurerm_eventgrid_system_topic.t', 'name') } }), template_content: V('template'),
    }]], KV, /the template_content of azurerm_resource_group_template_deployment\.es is an expression/],
  ],
};

/** Rules no literal decides (any expiry, literal or expression, is an expiry). */
export const IDENTITY_KEY_RULES_WITHOUT_UNKNOWN = ['KV-SECRET-EXPIRY'];
