/**
 * Every rule of the pack, on a fixture that fires it and one that passes. Fixtures are the
 * resolved Terraform configuration a rule sees (as in cdk.tf.json), so each case shows the
 * exact attribute that decides.
 */
import * as fs from 'fs';
import * as path from 'path';
import { EDGE_CASES, EDGE_UNKNOWN_CASES } from './edge-fixtures';
import { Config, Fixture, ref, run, unknownCaseTests } from './fixtures';
import { HealthcareCompliance, HipaaSafeguard } from '../../lib';
import { Unknown } from '../../lib/compliance/rule';
import { ALL_RULES, HIPAA_RULES } from '../../lib/compliance/rules';
import { WEAK_SECURITY_SETTINGS } from '../../lib/compliance/rules/apim-weak-tls';
import { portalConfigTemplate } from '../../lib/platform/developer-portal';


const APIM = 'azurerm_api_management.apim';
const secure = Object.fromEntries(WEAK_SECURITY_SETTINGS.map((k) => [k, false]));
const apim = (over: Config = {}): [string, string, Config] => ['azurerm_api_management', 'apim', {
  sku_name: 'Premium_2',
  security: [secure],
  identity: [{ type: 'SystemAssigned' }],
  min_api_version: '2021-08-01',
  virtual_network_type: 'Internal',
  sign_up: [{ enabled: false }],
  tenant_access: [{ enabled: false }],
  ...over,
}];
const aad: [string, string, Config] = ['azurerm_api_management_identity_provider_aad', 'aad', { api_management_name: ref(APIM, 'name'), client_secret: ref('data.azurerm_key_vault_secret.s', 'value') }];
const portalConfig: [string, string, Config] = ['azurerm_resource_group_template_deployment', 'pc', {
  parameters_content: JSON.stringify({ serviceName: { value: ref(APIM, 'name') } }), template_content: JSON.stringify(portalConfigTemplate()),
}];
const diag = (over: Config = {}): [string, string, Config] => ['azurerm_monitor_diagnostic_setting', 'diag', {
  target_resource_id: ref(APIM),
  log_analytics_workspace_id: ref('azurerm_log_analytics_workspace.w'),
  enabled_log: [{ category_group: 'allLogs' }],
  enabled_metric: [{ category: 'AllMetrics' }],
  ...over,
}];
const api = (over: Config = {}): [string, string, Config] => ['azurerm_api_management_api', 'api', { protocols: ['https'], subscription_required: true, ...over }];
const apiPolicy = (xml: string): [string, string, Config] => ['azurerm_api_management_api_policy', 'pol', { api_name: ref('azurerm_api_management_api.api', 'name'), xml_content: xml }];
const appgw = (over: Config = {}): [string, string, Config] => ['azurerm_application_gateway', 'agw', {
  sku: [{ name: 'WAF_v2', tier: 'WAF_v2' }],
  firewall_policy_id: ref('azurerm_web_application_firewall_policy.waf'),
  ssl_policy: [{ policy_type: 'Predefined', policy_name: 'AppGwSslPolicy20220101S' }],
  http_listener: [{ name: 'https', protocol: 'Https' }, { name: 'http', protocol: 'Http' }],
  request_routing_rule: [{ name: 'r1', http_listener_name: 'https', backend_address_pool_name: 'p' }, { name: 'r2', http_listener_name: 'http', redirect_configuration_name: 'to-https' }],
  ...over,
}];
const kv = (over: Config = {}): [string, string, Config] => ['azurerm_key_vault', 'kv', {
  purge_protection_enabled: true, rbac_authorization_enabled: true, public_network_access_enabled: false, ...over,
}];
const app = (roles: boolean): [string, string, Config] => ['azuread_application', 'app', roles ? { app_role: [{ value: 'Patient.Read' }] } : {}];

const actionGroup = (over: Config = {}): [string, string, Config] => ['azurerm_monitor_action_group', 'ag', { enabled: true, email_receiver: [{ name: 's', email_address: 'soc@example.org' }], ...over }];
const AG_REF = ref('azurerm_monitor_action_group.ag');
const FAILED_AUTH_QUERY = 'ApiManagementGatewayLogs\n| where ResponseCode in (401, 403)\n| summarize N = count() by CallerIpAddress';
const logAlert = (query: string, over: Config = {}): [string, string, Config] => ['azurerm_monitor_scheduled_query_rules_alert_v2', 'la', {
  enabled: true, criteria: [{ query }], action: [{ action_groups: [AG_REF] }], ...over,
}];
const activityAlert = (over: Config = {}): [string, string, Config] => ['azurerm_monitor_activity_log_alert', 'aa', {
  enabled: true, criteria: [{ category: 'Administrative', operation_name: 'Microsoft.Authorization/roleAssignments/write' }], action: [{ action_group_id: AG_REF }], ...over,
}];
const pricing = (over: Config = {}, name = 'api'): [string, string, Config] => ['azurerm_security_center_subscription_pricing', name, { resource_type: 'Api', tier: 'Standard', subplan: 'P1', ...over }];
const FHIR = 'azurerm_healthcare_fhir_service.fhir';
const fhir: [string, string, Config] = ['azurerm_healthcare_fhir_service', 'fhir', { name: 'fhir' }];
const fhirDiag = (over: Config = {}): [string, string, Config] => ['azurerm_monitor_diagnostic_setting', 'fd', {
  target_resource_id: ref(FHIR), log_analytics_workspace_id: ref('azurerm_log_analytics_workspace.w'), enabled_log: [{ category: 'AuditLogs' }], ...over,
}];
const AG = 'azurerm_monitor_action_group.ag';

/** rule id → [fixture that fires, the address it fires on, what the finding says, fixture that passes]. */
const CASES: Record<string, Array<[Fixture, string, RegExp, Fixture]>> = {
  'APIM-WEAK-TLS': [
    [[apim({ security: [{ ...secure, frontend_tls10_enabled: true }] })], APIM, /enables frontend_tls10_enabled/, [apim()]],
    [[apim({ security: undefined })], APIM, /has no security block/, [apim()]],
    [[apim({ security: [{ frontend_tls10_enabled: false }] })], APIM, /leaves .*triple_des_ciphers_enabled.* unset/, [apim()]],
  ],
  'APIM-MANAGED-IDENTITY': [[[apim({ identity: undefined })], APIM, /has no managed identity/, [apim({ identity: [{ type: 'UserAssigned' }] })]]],
  'APIM-MIN-API-VERSION': [
    [[apim({ min_api_version: undefined })], APIM, /has no min_api_version/, [apim()]],
    [[apim({ min_api_version: '2019-01-01' })], APIM, /sets min_api_version 2019-01-01/, [apim({ min_api_version: '2019-12-01' })]],
  ],
  'APIM-NETWORK-ISOLATION': [
    [[apim({ virtual_network_type: undefined })], APIM, /is in no virtual network and has no private endpoint/,
      [apim({ virtual_network_type: undefined }), ['azurerm_private_endpoint', 'pe', { private_service_connection: [{ private_connection_resource_id: ref(APIM) }] }]]],
    [[apim({ virtual_network_type: 'External' })], APIM, /External virtual network mode/, [apim()]],
  ],
  'APIM-PUBLIC-NETWORK-ACCESS': [
    [[apim({ virtual_network_type: undefined })], APIM, /keeps public network access on/, [apim({ virtual_network_type: undefined, public_network_access_enabled: false })]],
  ],
  'APIM-PORTAL-SIGN-IN': [
    [[apim({ sign_up: [{ enabled: true }] }), aad, portalConfig], APIM, /sign_up\.enabled = false/, [apim(), aad, portalConfig]],
    [[apim(), portalConfig], APIM, /no Entra ID identity provider/, [apim(), aad, portalConfig]],
    [[apim(), aad], APIM, /keeps username\/password sign-in/, [apim(), aad, portalConfig]],
    [[apim({ sku_name: 'StandardV2_1', sign_up: undefined }), ['azurerm_api_management_identity_provider_google', 'g', { api_management_name: ref(APIM, 'name'), client_secret: ref('var.x', 'y') }]],
      APIM, /sign-in through google/, [apim({ sku_name: 'StandardV2_1', sign_up: undefined }), portalConfig]],
    [[apim({ sku_name: 'PremiumV2_1', sign_up: undefined })], APIM, /keeps username\/password sign-in/, [apim({ sku_name: 'Consumption_0', sign_up: undefined })]],
  ],
  'APIM-DIRECT-MANAGEMENT': [[[apim({ tenant_access: [{ enabled: true }] })], APIM, /tenant_access\.enabled = false/, [apim({ sku_name: 'PremiumV2_1', tenant_access: undefined })]]],
  'APIM-DIAGNOSTICS': [
    [[apim()], APIM, /has no diagnostic setting/, [apim(), diag()]],
    [[apim(), diag({ log_analytics_workspace_id: undefined, storage_account_id: 'x' })], APIM, /none sends to a Log Analytics workspace/, [apim(), diag()]],
    [[apim(), diag({ enabled_log: undefined })], APIM, /sends no resource log category/, [apim(), diag({ enabled_log: undefined, log: [{ category: 'GatewayLogs', enabled: true }] })]],
    [[apim(), diag({ enabled_metric: undefined })], APIM, /sends no metrics/, [apim(), diag()]],
  ],
  'APIM-NO-PHI-BODIES': [
    [[['azurerm_api_management_diagnostic', 'd', { frontend_request: [{ body_bytes: 8192 }] }]], 'azurerm_api_management_diagnostic.d', /logs 8192 bytes of the frontend request body/,
      [['azurerm_api_management_diagnostic', 'd', { frontend_request: [{ body_bytes: 0, headers_to_log: ['X-Request-Id'] }] }]]],
    [[['azurerm_api_management_api_diagnostic', 'd', { backend_request: [{ headers_to_log: ['Authorization'] }] }]], 'azurerm_api_management_api_diagnostic.d', /credential header\(s\) Authorization/,
      [['azurerm_api_management_api_diagnostic', 'd', { backend_request: [{ data_masking: [{ headers: [{ mode: 'Mask', value: 'Authorization' }] }] }] }]]],
  ],
  'API-HTTPS-ONLY': [
    [[api({ protocols: ['http', 'https'] })], 'azurerm_api_management_api.api', /accepts http/, [api()]],
    [[api({ protocols: undefined })], 'azurerm_api_management_api.api', /does not set protocols/, [api({ protocols: ['https', 'wss'] })]],
  ],
  'API-AUTHENTICATION': [
    [[api({ subscription_required: false }), apiPolicy('<policies><inbound><validate-jwt header-name="Authorization" /></inbound></policies>')], 'azurerm_api_management_api.api', /does not require a subscription key/,
      [api(), apiPolicy('<policies><inbound><validate-jwt header-name="Authorization" /></inbound></policies>')]],
    [[api(), apiPolicy('<policies><inbound><base /></inbound></policies>')], 'azurerm_api_management_api.api', /validates no token/,
      [api(), ['azurerm_api_management_policy', 'global', { xml_content: '<policies><inbound><validate-azure-ad-token tenant-id="t"></validate-azure-ad-token></inbound></policies>' }]]],
  ],
  'APIM-SUBSCRIPTION-SCOPE': [
    [[['azurerm_api_management_subscription', 's', { display_name: 'all', allow_tracing: false }]], 'azurerm_api_management_subscription.s', /neither product_id nor api_id/,
      [['azurerm_api_management_subscription', 's', { product_id: ref('azurerm_api_management_product.p'), allow_tracing: false }]]],
    [[['azurerm_api_management_subscription', 's', { api_id: ref('azurerm_api_management_api.a') }]], 'azurerm_api_management_subscription.s', /allow_tracing = false/,
      [['azurerm_api_management_subscription', 's', { api_id: ref('azurerm_api_management_api.a'), allow_tracing: false }]]],
  ],
  'BACKEND-TLS': [
    [[['azurerm_api_management_backend', 'b', { url: 'http://fhir.example' }]], 'azurerm_api_management_backend.b', /calls http:\/\/fhir\.example without TLS/,
      [['azurerm_api_management_backend', 'b', { url: 'https://fhir.example', tls: [{ validate_certificate_chain: true, validate_certificate_name: true }] }]]],
    [[['azurerm_api_management_backend', 'b', { url: 'https://fhir.example', tls: [{ validate_certificate_chain: false }] }]], 'azurerm_api_management_backend.b', /skips certificate chain validation/,
      [['azurerm_api_management_backend', 'b', { url: `https://${ref('azurerm_linux_web_app.x', 'default_hostname')}` }]]],
    [[['azurerm_api_management_backend', 'b', { url: 'https://fhir.example', tls: [{ validate_certificate_name: false }] }]], 'azurerm_api_management_backend.b', /skips certificate name validation/,
      [['azurerm_api_management_backend', 'b', { url: 'https://fhir.example' }]]],
  ],
  'NAMED-VALUE-KEY-VAULT': [
    [[['azurerm_api_management_named_value', 'nv', { secret: true, value: ref('random_password.p', 'result') }]], 'azurerm_api_management_named_value.nv', /held in Terraform configuration and state/,
      [['azurerm_api_management_named_value', 'nv', { secret: true, value_from_key_vault: [{ secret_id: ref('azurerm_key_vault_secret.s', 'versionless_id') }] }]]],
  ],
  'KV-PURGE-PROTECTION': [[[kv({ purge_protection_enabled: undefined })], 'azurerm_key_vault.kv', /has no purge protection/, [kv()]]],
  'KV-RBAC': [
    [[kv({ rbac_authorization_enabled: undefined })], 'azurerm_key_vault.kv', /access policies instead of Azure RBAC/, [kv({ rbac_authorization_enabled: undefined, enable_rbac_authorization: true })]],
    [[kv({ access_policy: [{ object_id: 'x' }] })], 'azurerm_key_vault.kv', /has access_policy blocks/, [kv()]],
  ],
  'KV-NETWORK': [[[kv({ public_network_access_enabled: undefined, network_acls: [{ default_action: 'Allow', bypass: 'AzureServices' }] })], 'azurerm_key_vault.kv', /accepts connections from any network/,
    [kv({ public_network_access_enabled: undefined, network_acls: [{ default_action: 'Deny', bypass: 'AzureServices' }] })]]],
  'LOG-RETENTION': [
    [[['azurerm_log_analytics_workspace', 'w', { retention_in_days: 90, local_authentication_enabled: false }]], 'azurerm_log_analytics_workspace.w', /keeps logs for 90 days/,
      [['azurerm_log_analytics_workspace', 'w', { retention_in_days: 365, local_authentication_enabled: false }]]],
    [[['azurerm_log_analytics_workspace', 'w', {}]], 'azurerm_log_analytics_workspace.w', /default 30 days/,
      [['azurerm_log_analytics_workspace', 'w', { retention_in_days: 730, local_authentication_enabled: false }]]],
    [[['azurerm_log_analytics_workspace', 'w', { retention_in_days: 365 }]], 'azurerm_log_analytics_workspace.w', /shared workspace key/,
      [['azurerm_log_analytics_workspace', 'w', { retention_in_days: 365, local_authentication_enabled: false }]]],
  ],
  'WAF-PRESENT': [
    [[apim()], APIM, /has no WAF edge/, [apim(), appgw()]],
    [[appgw({ sku: [{ name: 'Standard_v2', tier: 'Standard_v2' }], firewall_policy_id: undefined })], 'azurerm_application_gateway.agw', /sku tier Standard_v2, which has no WAF/, [appgw()]],
    [[appgw({ firewall_policy_id: undefined })], 'azurerm_application_gateway.agw', /has no WAF policy/, [appgw({ firewall_policy_id: undefined, waf_configuration: [{ enabled: true, firewall_mode: 'Prevention' }] })]],
  ],
  'WAF-PREVENTION': [
    [[['azurerm_web_application_firewall_policy', 'waf', { policy_settings: [{ enabled: true, mode: 'Detection' }] }]], 'azurerm_web_application_firewall_policy.waf', /runs in Detection mode/,
      [['azurerm_web_application_firewall_policy', 'waf', { policy_settings: [{ enabled: true, mode: 'Prevention', request_body_check: true }] }]]],
    [[['azurerm_web_application_firewall_policy', 'waf', {}]], 'azurerm_web_application_firewall_policy.waf', /no policy_settings/,
      [['azurerm_web_application_firewall_policy', 'waf', { policy_settings: [{ mode: 'Prevention' }] }]]],
    [[['azurerm_web_application_firewall_policy', 'waf', { policy_settings: [{ mode: 'Prevention', request_body_check: false }] }]], 'azurerm_web_application_firewall_policy.waf', /does not inspect request bodies/,
      [['azurerm_web_application_firewall_policy', 'waf', { policy_settings: [{ mode: 'Prevention', request_body_check: true }] }]]],
    [[['azurerm_cdn_frontdoor_firewall_policy', 'fd', { mode: 'Detection' }]], 'azurerm_cdn_frontdoor_firewall_policy.fd', /runs in Detection mode/,
      [['azurerm_cdn_frontdoor_firewall_policy', 'fd', { mode: 'Prevention', enabled: true }]]],
    [[appgw({ firewall_policy_id: undefined, waf_configuration: [{ enabled: true, firewall_mode: 'Detection' }] })], 'azurerm_application_gateway.agw', /WAF configuration in Detection mode/, [appgw()]],
  ],
  'APPGW-MIN-TLS': [
    [[appgw({ ssl_policy: undefined })], 'azurerm_application_gateway.agw', /has no ssl_policy/, [appgw()]],
    [[appgw({ ssl_policy: [{ policy_type: 'Predefined', policy_name: 'AppGwSslPolicy20150501' }] })], 'azurerm_application_gateway.agw', /AppGwSslPolicy20150501, which allows TLS older than 1\.2/, [appgw()]],
    [[appgw({ ssl_policy: [{ policy_type: 'Custom', min_protocol_version: 'TLSv1_1' }] })], 'azurerm_application_gateway.agw', /min_protocol_version TLSv1_1/,
      [appgw({ ssl_policy: [{ policy_type: 'CustomV2', min_protocol_version: 'TLSv1_3' }] })]],
    [[appgw({ request_routing_rule: [{ name: 'r', http_listener_name: 'http', backend_address_pool_name: 'p' }] })], 'azurerm_application_gateway.agw', /plain HTTP on listener http/, [appgw()]],
  ],
  'NO-PLAINTEXT-SECRETS': [
    [[['azurerm_linux_virtual_machine', 'vm', { admin_password: 'P@ssw0rd!' }]], 'azurerm_linux_virtual_machine.vm', /literal secret value\(s\) in admin_password/,
      [['azurerm_linux_virtual_machine', 'vm', { admin_password: ref('random_password.p', 'result') }]]],
    [[['azurerm_key_vault_secret', 's', { value: 'hunter2' }]], 'azurerm_key_vault_secret.s', /in value/, [['azurerm_key_vault_secret', 's', { value: ref('azuread_application_password.p', 'value') }]]],
    [[['azuread_application', 'a', { password: [{ display_name: 'x' }], web: [{ implicit_grant: [{ client_secret: 'abc' }] }] }]], 'azuread_application.a', /web\[0\]\.implicit_grant\[0\]\.client_secret/,
      [['azuread_application', 'a', { password: [{ display_name: 'x' }] }]]],
    [[['azurerm_api_management_named_value', 'nv', { secret: true, value: 's3cret' }]], 'azurerm_api_management_named_value.nv', /in value/,
      [['azurerm_api_management_named_value', 'nv', { secret: false, value: 'https://public.example' }]]],
  ],
  'ENTRA-ASSIGNMENT-REQUIRED': [
    [[app(true), ['azuread_service_principal', 'sp', { client_id: ref('azuread_application.app', 'client_id') }]], 'azuread_service_principal.sp', /declares app roles/,
      [app(true), ['azuread_service_principal', 'sp', { client_id: ref('azuread_application.app', 'client_id'), app_role_assignment_required: true }]]],
    [[app(true), ['azuread_service_principal', 'sp', { client_id: ref('azuread_application.app', 'client_id'), app_role_assignment_required: false }]], 'azuread_service_principal.sp', /declares app roles/,
      [app(false), ['azuread_service_principal', 'sp', { client_id: ref('azuread_application.app', 'client_id') }]]],
  ],
  'MONITOR-ACTION-GROUP': [
    [[apim()], APIM, /has no action group with a receiver/, [apim(), actionGroup()]],
    [[actionGroup({ email_receiver: undefined })], AG, /has no receiver/, [actionGroup({ email_receiver: undefined, event_hub_receiver: [{ name: 'siem', event_hub_namespace: 'ns', event_hub_name: 'h' }] })]],
    [[actionGroup({ enabled: false })], AG, /is disabled/, [actionGroup()]],
  ],
  'MONITOR-FAILED-AUTH-ALERT': [
    [[apim()], APIM, /has no log alert on failed authentication/, [apim(), logAlert(FAILED_AUTH_QUERY)]],
    [[apim(), logAlert(FAILED_AUTH_QUERY, { action: undefined })], APIM, /notifies no action group/, [apim(), logAlert(FAILED_AUTH_QUERY)]],
    [[apim(), logAlert(FAILED_AUTH_QUERY, { enabled: false })], APIM, /is disabled or notifies no action group/, [apim(), logAlert(FAILED_AUTH_QUERY)]],
    [[apim(), logAlert('ApiManagementGatewayLogs\n| where ResponseCode == 429')], APIM, /has no log alert on failed authentication/, [apim(), logAlert(FAILED_AUTH_QUERY)]],
  ],
  'MONITOR-ADMIN-ACTIVITY-ALERT': [
    [[apim()], APIM, /has no activity-log alert on administrative operations/, [apim(), activityAlert()]],
    [[apim(), activityAlert({ criteria: [{ category: 'ServiceHealth' }] })], APIM, /has no activity-log alert on administrative operations/, [apim(), activityAlert()]],
    [[apim(), activityAlert({ action: [] })], APIM, /disabled or notifies no action group/, [apim(), activityAlert()]],
  ],
  'DEFENDER-FOR-APIS': [
    [[apim()], APIM, /has no Defender for APIs plan/, [apim(), pricing()]],
    [[apim(), pricing({ tier: 'Free' })], APIM, /at tier Free, not Standard/, [apim(), pricing()]],
    [[apim(), pricing({ resource_type: 'KeyVaults', subplan: 'PerKeyVault' }, 'kv')], APIM, /has no Defender for APIs plan/, [apim(), pricing({ resource_type: 'KeyVaults', subplan: 'PerKeyVault' }, 'kv'), pricing()]],
  ],
  'FHIR-AUDIT-LOGS': [
    [[fhir], FHIR, /has no diagnostic setting/, [fhir, fhirDiag()]],
    [[fhir, fhirDiag({ log_analytics_workspace_id: undefined, storage_account_id: 'x' })], FHIR, /none sends to a Log Analytics workspace/, [fhir, fhirDiag({ enabled_log: [{ category_group: 'audit' }] })]],
    [[fhir, fhirDiag({ enabled_log: [{ category: 'DiagnosticLogs' }] })], FHIR, /sends no AuditLogs/, [fhir, fhirDiag({ enabled_log: [{ category_group: 'allLogs' }] })]],
  ],
  ...EDGE_CASES,
};

const V = (name: string) => `\${var.${name}}`;

/**
 * rule id → [fixture where a Terraform expression decides the rule, the address, what the
 * unknown says]. Not listed: rules no literal decides (APIM-DIAGNOSTICS reads references;
 * NO-PLAINTEXT-SECRETS passes any expression, which is not a literal secret by definition).
 */
const UNKNOWN_CASES: Record<string, Array<[Fixture, string, RegExp]>> = {
  'APIM-WEAK-TLS': [
    [[apim({ security: [{ ...secure, frontend_tls10_enabled: V('tls10') }] })], APIM, /^sets security\.frontend_tls10_enabled to \$\{var\.tls10\}, an expression whose value is not known at synth$/],
    [[apim({ security: V('security') })], APIM, /^sets security to \$\{var\.security\}/],
  ],
  'APIM-MANAGED-IDENTITY': [[[apim({ identity: [{ type: V('identity_type') }] })], APIM, /identity\.type to \$\{var\.identity_type\}/]],
  'APIM-MIN-API-VERSION': [[[apim({ min_api_version: V('min_api_version') })], APIM, /^sets min_api_version to \$\{var\.min_api_version\}/]],
  'APIM-NETWORK-ISOLATION': [[[apim({ virtual_network_type: V('vnet_type') })], APIM, /virtual_network_type to \$\{var\.vnet_type\}/]],
  'APIM-PUBLIC-NETWORK-ACCESS': [[[apim({ virtual_network_type: undefined, public_network_access_enabled: V('public') })], APIM, /public_network_access_enabled to \$\{var\.public\}/]],
  'APIM-PORTAL-SIGN-IN': [
    [[apim({ sign_up: [{ enabled: V('sign_up') }] }), aad, portalConfig], APIM, /sign_up\.enabled to \$\{var\.sign_up\}/],
    [[apim({ sku_name: V('sku'), sign_up: undefined }), aad, portalConfig], APIM, /sku_name to \$\{var\.sku\}/],
    [[apim(), aad, ['azurerm_resource_group_template_deployment', 'pc', { parameters_content: JSON.stringify({ serviceName: { value: ref(APIM, 'name') } }), template_content: '${file("portal.json")}' }]],
      APIM, /template_content of azurerm_resource_group_template_deployment\.pc/],
  ],
  'APIM-DIRECT-MANAGEMENT': [
    [[apim({ tenant_access: [{ enabled: V('tenant_access') }] })], APIM, /tenant_access\.enabled to \$\{var\.tenant_access\}/],
    [[apim({ sku_name: V('sku'), tenant_access: undefined })], APIM, /sku_name to \$\{var\.sku\}/],
  ],
  'APIM-NO-PHI-BODIES': [
    [[['azurerm_api_management_diagnostic', 'd', { frontend_request: [{ body_bytes: V('bytes') }] }]], 'azurerm_api_management_diagnostic.d', /frontend_request\.body_bytes to \$\{var\.bytes\}/],
    [[['azurerm_api_management_api_diagnostic', 'd', { backend_request: [{ headers_to_log: [V('header')] }] }]], 'azurerm_api_management_api_diagnostic.d', /backend_request\.headers_to_log to \$\{var\.header\}/],
  ],
  'API-HTTPS-ONLY': [
    [[api({ protocols: V('protocols') })], 'azurerm_api_management_api.api', /protocols to \$\{var\.protocols\}/],
    [[api({ protocols: ['https', V('protocol')] })], 'azurerm_api_management_api.api', /protocols to \$\{var\.protocol\}/],
  ],
  'API-AUTHENTICATION': [
    [[api({ subscription_required: V('subscription') }), apiPolicy('<policies><inbound><validate-jwt header-name="Authorization" /></inbound></policies>')],
      'azurerm_api_management_api.api', /subscription_required to \$\{var\.subscription\}/],
    [[api(), apiPolicy('${file("policy.xml")}')], 'azurerm_api_management_api.api', /the policy of azurerm_api_management_api_policy\.pol to \$\{file\("policy\.xml"\)\}/],
  ],
  'APIM-SUBSCRIPTION-SCOPE': [[[['azurerm_api_management_subscription', 's', { product_id: ref('azurerm_api_management_product.p'), allow_tracing: V('tracing') }]],
    'azurerm_api_management_subscription.s', /allow_tracing to \$\{var\.tracing\}/]],
  'BACKEND-TLS': [
    [[['azurerm_api_management_backend', 'b', { url: V('backend_url') }]], 'azurerm_api_management_backend.b', /^sets url to \$\{var\.backend_url\}/],
    [[['azurerm_api_management_backend', 'b', { url: 'https://fhir.example', tls: [{ validate_certificate_chain: V('chain') }] }]], 'azurerm_api_management_backend.b', /tls\.validate_certificate_chain/],
  ],
  'NAMED-VALUE-KEY-VAULT': [[[['azurerm_api_management_named_value', 'nv', { secret: V('secret'), value: ref('random_password.p', 'result') }]], 'azurerm_api_management_named_value.nv', /secret to \$\{var\.secret\}/]],
  'KV-PURGE-PROTECTION': [[[kv({ purge_protection_enabled: V('purge') })], 'azurerm_key_vault.kv', /purge_protection_enabled to \$\{var\.purge\}/]],
  'KV-RBAC': [[[kv({ rbac_authorization_enabled: V('rbac') })], 'azurerm_key_vault.kv', /rbac_authorization_enabled to \$\{var\.rbac\}/]],
  'KV-NETWORK': [
    [[kv({ public_network_access_enabled: V('public') })], 'azurerm_key_vault.kv', /public_network_access_enabled to \$\{var\.public\}/],
    [[kv({ public_network_access_enabled: true, network_acls: [{ default_action: V('action') }] })], 'azurerm_key_vault.kv', /network_acls\.default_action/],
  ],
  'LOG-RETENTION': [
    [[['azurerm_log_analytics_workspace', 'w', { retention_in_days: V('retention'), local_authentication_enabled: false }]], 'azurerm_log_analytics_workspace.w', /retention_in_days to \$\{var\.retention\}/],
    [[['azurerm_log_analytics_workspace', 'w', { retention_in_days: 365, local_authentication_enabled: V('local') }]], 'azurerm_log_analytics_workspace.w', /local_authentication_enabled/],
  ],
  'WAF-PRESENT': [[[appgw({ sku: [{ name: 'WAF_v2', tier: V('tier') }] })], 'azurerm_application_gateway.agw', /sku\.tier to \$\{var\.tier\}/]],
  'WAF-PREVENTION': [
    [[['azurerm_web_application_firewall_policy', 'waf', { policy_settings: [{ enabled: true, mode: V('mode') }] }]], 'azurerm_web_application_firewall_policy.waf', /policy_settings\.mode to \$\{var\.mode\}/],
    [[['azurerm_cdn_frontdoor_firewall_policy', 'fd', { mode: V('mode'), enabled: true }]], 'azurerm_cdn_frontdoor_firewall_policy.fd', /mode to \$\{var\.mode\}/],
    [[appgw({ waf_configuration: [{ enabled: true, firewall_mode: V('mode') }] })], 'azurerm_application_gateway.agw', /waf_configuration\.firewall_mode/],
  ],
  'APPGW-MIN-TLS': [
    [[appgw({ ssl_policy: [{ policy_type: 'Predefined', policy_name: V('tls_policy') }] })], 'azurerm_application_gateway.agw', /ssl_policy\.policy_name to \$\{var\.tls_policy\}/],
    [[appgw({ ssl_policy: [{ policy_type: 'CustomV2', min_protocol_version: V('min_tls') }] })], 'azurerm_application_gateway.agw', /ssl_policy\.min_protocol_version/],
    [[appgw({
      http_listener: [{ name: 'https', protocol: 'Https' }, { name: 'other', protocol: V('protocol') }],
      request_routing_rule: [{ name: 'r1', http_listener_name: 'https', backend_address_pool_name: 'p' }, { name: 'r2', http_listener_name: 'other', backend_address_pool_name: 'p' }],
    })],
    'azurerm_application_gateway.agw', /the protocol of listener other to \$\{var\.protocol\}/],
  ],
  'ENTRA-ASSIGNMENT-REQUIRED': [[[app(true), ['azuread_service_principal', 'sp', { client_id: ref('azuread_application.app', 'client_id'), app_role_assignment_required: V('required') }]],
    'azuread_service_principal.sp', /app_role_assignment_required to \$\{var\.required\}/]],
  'MONITOR-ACTION-GROUP': [
    [[actionGroup({ enabled: V('ag_enabled') })], AG, /^sets enabled to \$\{var\.ag_enabled\}/],
    [[apim(), logAlert(FAILED_AUTH_QUERY, { action: [{ action_groups: ['/subscriptions/s/resourceGroups/rg-soc/providers/Microsoft.Insights/actionGroups/soc'] }] })], APIM,
      /routes its alerts to action group\(s\) outside this stack \(\/subscriptions\/s\/resourceGroups\/rg-soc\/providers\/Microsoft\.Insights\/actionGroups\/soc\)/],
  ],
  'MONITOR-FAILED-AUTH-ALERT': [[[apim(), logAlert(V('query'))], APIM, /criteria\.query to \$\{var\.query\}/]],
  'MONITOR-ADMIN-ACTIVITY-ALERT': [[[apim(), activityAlert({ criteria: [{ category: V('category') }] })], APIM, /criteria\.category to \$\{var\.category\}/]],
  'DEFENDER-FOR-APIS': [[[apim(), pricing({ tier: V('tier') })], APIM, /tier is \$\{var\.tier\}/]],
  'FHIR-AUDIT-LOGS': [[[fhir, fhirDiag({ enabled_log: [{ category: V('category') }] })], FHIR, /category is an expression/]],
  ...EDGE_UNKNOWN_CASES,
};


describe('the rule pack', () => {
  test('every HIPAA rule has an id, title, safeguard, control, fix, inspected types and fixtures', () => {
    const ids = HIPAA_RULES.map((r) => r.id);
    expect(new Set(ALL_RULES.map((r) => r.id)).size).toBe(ALL_RULES.length);
    for (const rule of HIPAA_RULES) {
      expect(rule.id).toMatch(/^[A-Z]+(-[A-Z0-9]+)+$/);
      expect(Object.values(HipaaSafeguard)).toContain(rule.safeguard);
      for (const text of [rule.title, rule.control, rule.fix]) expect(text.length).toBeGreaterThan(10);
      expect(rule.resourceTypes.length).toBeGreaterThan(0);
      expect(CASES[rule.id]?.length).toBeGreaterThan(0);
    }
    expect(Object.keys(CASES).sort()).toEqual([...ids].sort());
  });

  test('every safeguard is covered by at least one rule', () => {
    for (const s of Object.values(HipaaSafeguard)) expect(HIPAA_RULES.some((r) => r.safeguard === s)).toBe(true);
  });

  test('the README lists every HIPAA rule with its safeguard', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    for (const rule of HIPAA_RULES) expect(readme).toContain(`| ${rule.id} | ${rule.safeguard} |`);
  });

  test('the public rule list mirrors the pack', () => {
    expect(HealthcareCompliance.rules.map((r) => r.id)).toEqual(ALL_RULES.map((r) => r.id));
  });
});

describe.each(HIPAA_RULES.map((r) => [r.id, r] as const))('%s', (_, rule) => {
  test.each(CASES[rule.id].map((c, i) => [i, ...c] as const))('case %i fires on its fixture and passes the fixed one', (_i, fires, address, message, passes) => {
    const found = run(rule, fires);
    expect(found).toEqual([[address, expect.stringMatching(message)]]);
    expect(run(rule, passes)).toEqual([]);
  });
  unknownCaseTests(rule, UNKNOWN_CASES[rule.id] ?? []);
});

describe('unknown evidence', () => {
  test('every HIPAA rule that compares a literal has unknown fixtures', () => {
    expect(Object.keys(UNKNOWN_CASES).sort()).toEqual(HIPAA_RULES.map((r) => r.id).filter((id) => !['APIM-DIAGNOSTICS', 'NO-PLAINTEXT-SECRETS'].includes(id)).sort());
  });

  test('a known violation wins over an expression elsewhere in the resource', () => {
    const weakTls = HIPAA_RULES.find((r) => r.id === 'APIM-WEAK-TLS')!;
    expect(run(weakTls, [apim({ security: [{ ...secure, frontend_tls10_enabled: true, backend_tls10_enabled: V('tls10') }] })]))
      .toEqual([[APIM, expect.stringMatching(/^enables frontend_tls10_enabled$/)]]);
    const retention = HIPAA_RULES.find((r) => r.id === 'LOG-RETENTION')!;
    expect(run(retention, [['azurerm_log_analytics_workspace', 'w', { retention_in_days: V('days') }]]))
      .toEqual([['azurerm_log_analytics_workspace.w', expect.stringMatching(/shared workspace key/)]]);
  });

  test('a literal https:// scheme decides BACKEND-TLS even when the host is an expression; an escaped literal is not an expression', () => {
    const rule = HIPAA_RULES.find((r) => r.id === 'BACKEND-TLS')!;
    expect(run(rule, [['azurerm_api_management_backend', 'b', { url: `http://${ref('azurerm_linux_web_app.x', 'default_hostname')}` }]]))
      .toEqual([['azurerm_api_management_backend.b', expect.stringMatching(/without TLS/)]]);
    const minVersion = HIPAA_RULES.find((r) => r.id === 'APIM-MIN-API-VERSION')!;
    expect(run(minVersion, [apim({ min_api_version: '$${var.v}' })])).toEqual([[APIM, expect.stringMatching(/older than 2019-12-01/)]]);
  });

  test('WAF-PRESENT: API Management is unknown when its only edge is; a Front Door security policy is an edge by itself', () => {
    const rule = HIPAA_RULES.find((r) => r.id === 'WAF-PRESENT')!;
    const found = run(rule, [apim(), appgw({ sku: [{ name: 'WAF_v2', tier: V('tier') }] })]);
    expect(found.map(([a, v]) => [a, v instanceof Unknown])).toEqual([[APIM, true], ['azurerm_application_gateway.agw', true]]);
    expect((found[0][1] as Unknown).reason).toMatch(/^has no WAF edge known at synth: its Application Gateway sets sku\.tier to \$\{var\.tier\}/);
    expect(run(rule, [apim(), ['azurerm_cdn_frontdoor_security_policy', 'fd', { name: 'waf' }]])).toEqual([]);
  });
});
