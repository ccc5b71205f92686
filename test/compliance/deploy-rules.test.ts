/**
 * The deployability rules (what would break the first apply), on fixtures that fire them and
 * fixtures that pass, as resolved Terraform JSON; the StackView dependency helpers; a real
 * synthesized stack with hand-written resources and a time_sleep; and their section of the
 * evidence report.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Sleep as TimeSleep } from '@cdktf/provider-time/lib/sleep';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Config, Fixture, ref, Resource, run, unknownCaseTests, views } from './fixtures';
import { ComplianceStatus, EVIDENCE_JSON_FILE, EVIDENCE_MARKDOWN_FILE, HealthcareCompliance, KeyVaultExpiryAlerts, RuleCategory } from '../../lib';
import { ResourceView, StackView } from '../../lib/compliance/rule';
import { DEPLOYABILITY_RULES, HIPAA_RULES } from '../../lib/compliance/rules';
import { annotationsOf, errorsUnder, newStack, synthJson } from '../util/synth';


const DEPLOYER = '${data.azurerm_client_config.current.object_id}';
const EXISTING_SUBNET = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ci/providers/Microsoft.Network/virtualNetworks/vnet-ci/subnets/runners';
const REASON = 'The vault is written in a second phase from the self-hosted runner in vnet-ci, documented in RUNBOOK.md';

const VAULT = 'azurerm_key_vault.kv';
const acls = (over: Config = {}) => [{ default_action: 'Deny', bypass: 'AzureServices', ip_rules: [], virtual_network_subnet_ids: [], ...over }];
const vault = (over: Config = {}): Resource => ['azurerm_key_vault', 'kv', {
  name: 'kv-health', rbac_authorization_enabled: true, purge_protection_enabled: true, public_network_access_enabled: true, network_acls: acls(), ...over,
}];
const openVault = vault({ network_acls: [{ default_action: 'Allow', bypass: 'AzureServices' }] });
const item = (type: string, name: string, over: Config = {}): Resource => [type, name, { name, key_vault_id: ref(VAULT), ...over }];
const secret = (over: Config = {}) => item('azurerm_key_vault_secret', 's', { value: ref('random_password.p', 'result'), ...over });
const cert = (over: Config = {}) => item('azurerm_key_vault_certificate', 'c', { certificate_policy: [{ issuer_parameters: [{ name: 'Self' }] }], ...over });
const key = (over: Config = {}) => item('azurerm_key_vault_key', 'k', { key_type: 'RSA', key_size: 2048, ...over });
const subnet = (name: string, over: Config = {}): Resource => ['azurerm_subnet', name, { name: `snet-${name}`, virtual_network_name: ref('azurerm_virtual_network.v', 'name'), ...over }];
const vaultEndpoint = (subnetId: string, over: Config = {}): Resource => ['azurerm_private_endpoint', 'kvpe', {
  subnet_id: subnetId, private_service_connection: [{ name: 'kv', private_connection_resource_id: ref(VAULT), subresource_names: ['vault'], is_manual_connection: false }], ...over,
}];
const grant = (name: string, over: Config = {}): Resource => ['azurerm_role_assignment', name, {
  scope: ref(VAULT), role_definition_name: 'Key Vault Secrets Officer', principal_id: DEPLOYER, ...over,
}];
const sleep = (name: string, over: Config = {}): Resource => ['time_sleep', name, { create_duration: '120s', ...over }];

const ZONE = 'azurerm_private_dns_zone.gw';
const zone = (name: string, zoneName: string): Resource => ['azurerm_private_dns_zone', name, { name: zoneName, resource_group_name: 'rg-health' }];
const aRecord = (name: string, over: Config = {}): Resource => ['azurerm_private_dns_a_record', name, {
  name: '@', zone_name: ref(ZONE, 'name'), ttl: 300, records: ['${element(azurerm_api_management.apim.private_ip_addresses, 0)}'], ...over,
}];
const link = (name: string, zoneAddress = ZONE): Resource => ['azurerm_private_dns_zone_virtual_network_link', name, {
  private_dns_zone_name: ref(zoneAddress, 'name'), virtual_network_id: ref('azurerm_virtual_network.v'),
}];
const agw = (over: Config = {}): Resource => ['azurerm_application_gateway', 'agw', {
  backend_address_pool: [{ name: 'apim', fqdns: ['contoso-apim.azure-api.net'] }], ...over,
}];
const AGW = 'azurerm_application_gateway.agw';

const APIM = 'azurerm_api_management.apim';
const apim = (over: Config = {}): Resource => ['azurerm_api_management', 'apim', {
  name: 'contoso-apim', virtual_network_type: 'Internal', virtual_network_configuration: [{ subnet_id: ref('azurerm_subnet.apim') }], identity: [{ type: 'SystemAssigned' }], ...over,
}];
const namedValue = (secretId: string): Resource => ['azurerm_api_management_named_value', 'nv', {
  api_management_name: ref(APIM, 'name'), name: 'backend-key', secret: true, value_from_key_vault: [{ secret_id: secretId }],
}];

const WORKSPACE = 'azurerm_healthcare_workspace.ws';
const HDS_PE = 'azurerm_private_endpoint.hds';
const workspace: Resource = ['azurerm_healthcare_workspace', 'ws', { name: 'hdsws' }];
const fhir = (name = 'fhir', workspaceAddress = WORKSPACE): Resource => ['azurerm_healthcare_fhir_service', name, {
  workspace_id: ref(workspaceAddress), kind: 'fhir-R4', authentication: [{ authority: 'https://login.microsoftonline.com/t', audience: 'https://hdsws-fhir.fhir.azurehealthcareapis.com' }],
}];
const hdsZone = (zoneName: string): Resource => ['azurerm_private_dns_zone', 'hds', { name: zoneName }];
const hdsEndpoint = (over: Config = {}): Resource => ['azurerm_private_endpoint', 'hds', {
  subnet_id: ref('azurerm_subnet.pe'),
  private_service_connection: [{ name: 'hds', private_connection_resource_id: ref(WORKSPACE), subresource_names: ['healthcareworkspace'], is_manual_connection: false }],
  private_dns_zone_group: [{ name: 'hds', private_dns_zone_ids: [ref('azurerm_private_dns_zone.hds')] }],
  depends_on: ['azurerm_healthcare_fhir_service.fhir'],
  ...over,
}];

/** rule id → [fixture that fires, the address it fires on, what the finding says, fixture that passes]. */
const CASES: Record<string, Array<[Fixture, string, RegExp, Fixture]>> = {
  'DEPLOY-KV-DATA-PLANE': [
    [[vault(), secret()], 'azurerm_key_vault_secret.s',
      /^writes through the vault's data plane \(azurerm_key_vault\.kv\), which denies the deployer \(403 ForbiddenByFirewall, azurerm#20742\): its firewall denies by default with no IP rule/,
      [openVault, secret()]],
    [[vault({ network_acls: acls({ virtual_network_subnet_ids: [ref('azurerm_subnet.edge')] }) }), subnet('edge'), cert()], 'azurerm_key_vault_certificate.c', /no existing runner subnet/,
      [vault({ network_acls: acls({ virtual_network_subnet_ids: [ref('azurerm_subnet.edge'), EXISTING_SUBNET] }) }), subnet('edge'), cert()]],
    [[vault({ public_network_access_enabled: false, network_acls: acls({ ip_rules: ['203.0.113.0/24'] }) }), key()], 'azurerm_key_vault_key.k',
      /public network access is off and no private endpoint on the vault sits in a subnet that exists before this apply/,
      [vault({ public_network_access_enabled: false }), vaultEndpoint(EXISTING_SUBNET), key({ depends_on: ['azurerm_private_endpoint.kvpe'] })]],
    [[vault(), vaultEndpoint(EXISTING_SUBNET), secret()], 'azurerm_key_vault_secret.s', /it is not ordered after azurerm_private_endpoint\.kvpe, the private endpoint in an existing subnet/,
      [vault(), vaultEndpoint(EXISTING_SUBNET), secret({ depends_on: ['azurerm_private_endpoint.kvpe'] })]],
    [[vault(), subnet('pe'), vaultEndpoint(ref('azurerm_subnet.pe')), secret({ depends_on: ['azurerm_private_endpoint.kvpe'] })], 'azurerm_key_vault_secret.s', /no private endpoint in a subnet that exists/,
      [vault({ network_acls: acls({ ip_rules: '${var.deployer_ip_ranges}' }) }), secret()]],
  ],
  'DEPLOY-RBAC-PROPAGATION': [
    [[openVault, grant('deployer'), secret({ depends_on: ['azurerm_role_assignment.deployer'] })], 'azurerm_key_vault_secret.s',
      /^uses azurerm_role_assignment\.deployer \('Key Vault Secrets Officer'\) with no time_sleep between them, so it can run before the role has propagated \(403 until it does; AVM key vault #78\)/,
      [openVault, grant('deployer'), sleep('wait', { depends_on: ['azurerm_role_assignment.deployer'] }), secret({ depends_on: ['time_sleep.wait'] })]],
    [[grant('blob', { scope: ref('azurerm_storage_account.sa'), role_definition_name: 'Storage Blob Data Contributor', principal_id: ref('azurerm_user_assigned_identity.app', 'principal_id') }),
      ['azurerm_storage_container', 'data', { name: 'data', storage_account_id: ref('azurerm_storage_account.sa'), depends_on: ['azurerm_role_assignment.blob'] }]],
    'azurerm_storage_container.data', /uses azurerm_role_assignment\.blob \('Storage Blob Data Contributor'\)/,
    [grant('blob', { scope: ref('azurerm_storage_account.sa'), role_definition_name: 'Storage Blob Data Contributor', principal_id: ref('azurerm_user_assigned_identity.app', 'principal_id') }),
      sleep('wait', { triggers: { role: ref('azurerm_role_assignment.blob') } }),
      ['azurerm_storage_container', 'data', { name: 'data', storage_account_id: ref('azurerm_storage_account.sa'), depends_on: ['azurerm_role_assignment.blob', 'time_sleep.wait'] }]]],
    [[openVault, grant('fhir', { scope: ref('azurerm_healthcare_fhir_service.f'), role_definition_name: 'FHIR Data Contributor', principal_id: ref(APIM, 'identity[0].principal_id') }),
      ['azurerm_api_management_backend', 'fhir', { url: 'https://f.fhir.azurehealthcareapis.com', description: ref('azurerm_role_assignment.fhir', 'id') }]],
    'azurerm_api_management_backend.fhir', /uses azurerm_role_assignment\.fhir \('FHIR Data Contributor'\)/,
    [openVault, grant('fhir', { scope: ref('azurerm_healthcare_fhir_service.f'), role_definition_name: 'FHIR Data Contributor', principal_id: ref(APIM, 'identity[0].principal_id') }),
      ['azurerm_api_management_backend', 'fhir', { url: 'https://f.fhir.azurehealthcareapis.com' }]]],
    [[vault(), grant('deployer'), secret()], 'azurerm_key_vault_secret.s',
      /^writes into the vault right after the deployer's azurerm_role_assignment\.deployer \('Key Vault Secrets Officer'\), with no time_sleep after it/,
      [vault(), grant('deployer'), sleep('wait', { depends_on: ['azurerm_role_assignment.deployer'] }), ['azurerm_resource_group', 'rg', { name: 'rg', depends_on: ['time_sleep.wait'] }],
        secret({ depends_on: ['azurerm_resource_group.rg'] })]],
    [[vault(), grant('deployer', { role_definition_name: 'Key Vault Certificates Officer' }), sleep('early'), cert({ depends_on: ['time_sleep.early'] })], 'azurerm_key_vault_certificate.c',
      /the deployer's azurerm_role_assignment\.deployer \('Key Vault Certificates Officer'\)/,
      [vault(), grant('deployer', { role_definition_name: 'Key Vault Certificates Officer' }), sleep('early', { depends_on: ['azurerm_role_assignment.deployer'] }),
        cert({ depends_on: ['time_sleep.early'] })]],
    [[grant('blob', { role_definition_name: 'Storage Blob Data Owner' }), sleep('wait', { create_duration: undefined, destroy_duration: '30s', depends_on: ['azurerm_role_assignment.blob'] }),
      ['azurerm_storage_blob', 'b', { name: 'b', depends_on: ['azurerm_role_assignment.blob', 'time_sleep.wait'] }]], 'azurerm_storage_blob.b', /with no time_sleep between them/,
    [grant('blob', { role_definition_name: 'Storage Blob Data Owner' }), sleep('wait', { depends_on: ['azurerm_role_assignment.blob'] }),
      ['azurerm_storage_blob', 'b', { name: 'b', depends_on: ['azurerm_role_assignment.blob', 'time_sleep.wait'] }]]],
    [[openVault, ['azurerm_user_assigned_identity', 'edge', { name: 'id-edge' }],
      grant('edge', { role_definition_name: 'Key Vault Secrets User', principal_id: ref('azurerm_user_assigned_identity.edge', 'principal_id') }),
      agw({
        identity: [{ type: 'UserAssigned', identity_ids: [ref('azurerm_user_assigned_identity.edge')] }],
        ssl_certificate: [{ name: 'edge', key_vault_secret_id: ref('azurerm_key_vault_certificate.c', 'versionless_secret_id') }],
      })],
    AGW, /^reads its listener certificate from Key Vault while being created, with no time_sleep after azurerm_role_assignment\.edge \('Key Vault Secrets User'\) grants its identity access \(ApplicationGatewayKeyVaultSecretException, azurerm#12910\)/,
    [openVault, ['azurerm_user_assigned_identity', 'edge', { name: 'id-edge' }],
      grant('edge', { role_definition_name: 'Key Vault Secrets User', principal_id: ref('azurerm_user_assigned_identity.edge', 'principal_id') }),
      sleep('edge', { depends_on: ['azurerm_role_assignment.edge'] }),
      agw({
        identity: [{ type: 'UserAssigned', identity_ids: [ref('azurerm_user_assigned_identity.edge')] }],
        ssl_certificate: [{ name: 'edge', key_vault_secret_id: ref('azurerm_key_vault_certificate.c', 'versionless_secret_id') }],
        depends_on: ['time_sleep.edge'],
      })]],
  ],
  'DEPLOY-APPGW-DNS-ORDER': [
    [[zone('gw', 'contoso-apim.azure-api.net'), aRecord('gw'), link('gw'), agw()], AGW,
      /^backend contoso-apim\.azure-api\.net \(pool apim\) is served by azurerm_private_dns_zone\.gw, but the gateway is not ordered after azurerm_private_dns_a_record\.gw, which resolves it: Application Gateway caches the failed lookup$/,
      [zone('gw', 'contoso-apim.azure-api.net'), aRecord('gw'), link('gw'), agw({ depends_on: ['azurerm_private_dns_a_record.gw', 'azurerm_private_dns_zone_virtual_network_link.gw'] })]],
    [[zone('gw', 'contoso-apim.azure-api.net'), aRecord('gw'), link('gw'), agw({ depends_on: ['azurerm_private_dns_a_record.gw'] })], AGW,
      /not ordered after the zone's virtual network link azurerm_private_dns_zone_virtual_network_link\.gw/,
      [zone('gw', 'contoso-apim.azure-api.net'), aRecord('gw', { depends_on: ['azurerm_private_dns_zone_virtual_network_link.gw'] }), link('gw'),
        agw({ depends_on: ['azurerm_private_dns_a_record.gw'] })]],
    [[zone('pl', 'privatelink.azure-api.net'), link('pl', 'azurerm_private_dns_zone.pl'),
      ['azurerm_private_endpoint', 'apim', {
        private_service_connection: [{ private_connection_resource_id: ref(APIM), subresource_names: ['Gateway'] }],
        private_dns_zone_group: [{ name: 'apim', private_dns_zone_ids: [ref('azurerm_private_dns_zone.pl')] }],
      }], agw()], AGW,
    /is served by azurerm_private_dns_zone\.pl, but the gateway is not ordered after azurerm_private_endpoint\.apim/,
    [zone('pl', 'privatelink.azure-api.net'), link('pl', 'azurerm_private_dns_zone.pl'),
      ['azurerm_private_endpoint', 'apim', {
        private_service_connection: [{ private_connection_resource_id: ref(APIM), subresource_names: ['Gateway'] }],
        private_dns_zone_group: [{ name: 'apim', private_dns_zone_ids: [ref('azurerm_private_dns_zone.pl')] }],
      }],
      agw({ depends_on: ['azurerm_private_endpoint.apim', 'azurerm_private_dns_zone_virtual_network_link.pl'] })]],
    [[zone('gw', 'internal.contoso.example'), aRecord('portal', { name: 'portal', zone_name: 'internal.contoso.example' }), link('gw'),
      agw({ backend_address_pool: [{ name: 'api', fqdns: ['api.internal.contoso.example'] }], depends_on: ['azurerm_private_dns_a_record.portal', 'azurerm_private_dns_zone_virtual_network_link.gw'] })],
    AGW, /backend api\.internal\.contoso\.example \(pool api\) is served by azurerm_private_dns_zone\.gw, but no record of the stack resolves it \(record 'api'\)/,
    [zone('gw', 'internal.contoso.example'), aRecord('api', { name: 'api', zone_name: 'internal.contoso.example' }), link('gw'),
      agw({ backend_address_pool: [{ name: 'api', fqdns: ['api.internal.contoso.example'] }], depends_on: ['azurerm_private_dns_a_record.api', 'azurerm_private_dns_zone_virtual_network_link.gw'] })]],
    [[zone('gw', 'contoso-apim.azure-api.net'), aRecord('gw'), agw({ depends_on: ['azurerm_private_dns_a_record.gw'] })], AGW, /which has no virtual network link in the stack/,
      [zone('gw', 'contoso-apim.azure-api.net'), aRecord('gw'), agw({ backend_address_pool: [{ name: 'apim', ip_addresses: ['10.20.1.5'] }] })]],
  ],
  'DEPLOY-PUBLIC-IP-ZONES': [
    [[['azurerm_public_ip', 'pip', { sku: 'Standard', zones: ['1', '2'] }]], 'azurerm_public_ip.pip',
      /^lists zones 1, 2: Azure stores a zone-redundant IP as 1, 2, 3, so every later plan replaces it \(azurerm#16470, #18741\)$/,
      [['azurerm_public_ip', 'pip', { sku: 'Standard', zones: ['1', '2', '3'] }]]],
    [[['azurerm_public_ip', 'pip', { sku: 'Standard', zones: ['2', '3'] }]], 'azurerm_public_ip.pip', /lists zones 2, 3/, [['azurerm_public_ip', 'pip', { sku: 'Standard', zones: ['3'] }]]],
    [[['azurerm_public_ip', 'pip', { sku: 'Standard', zones: ['3', '1'] }]], 'azurerm_public_ip.pip', /lists zones 3, 1/, [['azurerm_public_ip', 'pip', { sku: 'Standard', zones: ['3', '1', '2'] }]]],
  ],
  'DEPLOY-KV-NETWORK-PATH': [
    [[vault(), apim(), subnet('apim', { service_endpoints: ['Microsoft.KeyVault'] }), namedValue('${azurerm_key_vault.kv.vault_uri}secrets/backend-key')], APIM,
      /^reads azurerm_key_vault\.kv relying on bypass = "AzureServices", but the trusted-services bypass is not available to API Management instances created from December 2025 on: its subnet is not in the vault's virtual network rules and the stack has no private endpoint on the vault \(through azurerm_api_management_named_value\.nv\)$/,
      [vault({ network_acls: acls({ virtual_network_subnet_ids: [ref('azurerm_subnet.apim')] }) }), apim(), subnet('apim', { service_endpoints: ['Microsoft.KeyVault'] }),
        namedValue('${azurerm_key_vault.kv.vault_uri}secrets/backend-key')]],
    [[vault({ network_acls: acls({ virtual_network_subnet_ids: [ref('azurerm_subnet.apim')] }) }), apim(), subnet('apim'), namedValue(ref('azurerm_key_vault_secret.s', 'versionless_id')), secret()],
      APIM, /^reads azurerm_key_vault\.kv from azurerm_subnet\.apim, which the vault allows but which has no Microsoft\.KeyVault service endpoint/,
      [vault({ network_acls: acls({ virtual_network_subnet_ids: [ref('azurerm_subnet.apim')] }) }), apim(), subnet('apim'), namedValue(ref('azurerm_key_vault_secret.s', 'versionless_id')), secret(),
        vaultEndpoint(ref('azurerm_subnet.pe'))]],
    [[vault({ network_acls: acls({ bypass: 'None' }) }), apim(), namedValue('https://kv-health.vault.azure.net/secrets/backend-key')], APIM,
      /^has no network path to azurerm_key_vault\.kv, which it reads: its subnet is not in the vault's virtual network rules/,
      [openVault, apim(), namedValue('https://kv-health.vault.azure.net/secrets/backend-key')]],
    [[vault(), apim(), cert(), ['azurerm_api_management_custom_domain', 'cd', {
      api_management_id: ref(APIM),
      gateway: [{ host_name: 'api.contoso.example', key_vault_certificate_id: ref('azurerm_key_vault_certificate.c', 'versionless_secret_id') }],
    }]],
    APIM, /bypass = "AzureServices".*\(through azurerm_api_management_custom_domain\.cd\)$/,
    [vault(), apim(), cert(), vaultEndpoint(ref('azurerm_subnet.pe')), ['azurerm_api_management_custom_domain', 'cd', {
      api_management_id: ref(APIM),
      gateway: [{ host_name: 'api.contoso.example', key_vault_certificate_id: ref('azurerm_key_vault_certificate.c', 'versionless_secret_id') }],
    }]]],
    [[vault(), subnet('edge', { service_endpoints: ['Microsoft.KeyVault'] }), cert(),
      agw({ gateway_ip_configuration: [{ name: 'ip', subnet_id: ref('azurerm_subnet.edge') }], ssl_certificate: [{ name: 'tls', key_vault_secret_id: ref('azurerm_key_vault_certificate.c', 'versionless_secret_id') }] })],
    AGW, /^has no network path to azurerm_key_vault\.kv, which it reads: its subnet is not in the vault's virtual network rules and the stack has no private endpoint on the vault$/,
    [vault({ network_acls: acls({ virtual_network_subnet_ids: [ref('azurerm_subnet.edge')] }) }), subnet('edge', { service_endpoints: ['Microsoft.KeyVault'] }), cert(),
      agw({ gateway_ip_configuration: [{ name: 'ip', subnet_id: ref('azurerm_subnet.edge') }], ssl_certificate: [{ name: 'tls', key_vault_secret_id: ref('azurerm_key_vault_certificate.c', 'versionless_secret_id') }] })]],
    [[vault({ public_network_access_enabled: false, network_acls: acls({ virtual_network_subnet_ids: [ref('azurerm_subnet.apim')] }) }), apim(), subnet('apim', { service_endpoints: ['Microsoft.KeyVault'] }),
      namedValue('${azurerm_key_vault.kv.vault_uri}secrets/backend-key')], APIM, /public network access is off and the stack has no private endpoint on the vault/,
    [vault({ public_network_access_enabled: false }), apim(), vaultEndpoint(ref('azurerm_subnet.pe')), namedValue('${azurerm_key_vault.kv.vault_uri}secrets/backend-key')]],
  ],
  'DEPLOY-HDS-PRIVATE-ENDPOINT': [
    [[workspace, fhir(), hdsZone('privatelink.azurehealthcareapis.com'), hdsEndpoint()], HDS_PE,
      /^registers in privatelink\.azurehealthcareapis\.com, the zone of Azure API for FHIR, not privatelink\.workspace\.azurehealthcareapis\.com$/,
      [workspace, fhir(), hdsZone('privatelink.workspace.azurehealthcareapis.com'), hdsEndpoint()]],
    [[workspace, fhir(), hdsEndpoint({ private_dns_zone_group: undefined })], HDS_PE, /^registers in no privatelink\.workspace\.azurehealthcareapis\.com zone/,
      [workspace, fhir(), hdsEndpoint({
        private_dns_zone_group: [{
          name: 'hds',
          private_dns_zone_ids: [
            '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.workspace.azurehealthcareapis.com',
          ],
        }],
      })]],
    [[workspace, fhir(), fhir('fhir2'), hdsZone('privatelink.workspace.azurehealthcareapis.com'), hdsEndpoint()], HDS_PE,
      /^is not ordered after azurerm_healthcare_fhir_service\.fhir2 of its workspace, so their DNS records never appear in the private zone$/,
      [workspace, fhir(), fhir('fhir2'), hdsZone('privatelink.workspace.azurehealthcareapis.com'), ['time_sleep', 'fhirs', { create_duration: '1s', depends_on: ['azurerm_healthcare_fhir_service.fhir2'] }],
        hdsEndpoint({ depends_on: ['azurerm_healthcare_fhir_service.fhir', 'time_sleep.fhirs'] })]],
  ],
};

/** rule id → more fixtures that must pass, by what they show. */
const PASSES: Record<string, Array<[string, Fixture]>> = {
  'DEPLOY-KV-DATA-PLANE': [
    ['a vault with IP rules for the runner', [vault({ network_acls: acls({ ip_rules: ['203.0.113.0/24'] }) }), secret(), cert(), key()]],
    ['IP rules as elements of an expression', [vault({ network_acls: acls({ ip_rules: ['${var.runner_ip}'] }) }), secret()]],
    ['a vault with an existing runner subnet given by a variable', [vault({ network_acls: acls({ virtual_network_subnet_ids: ['${var.runner_subnet_id}'] }) }), secret()]],
    ['a closed vault with no data-plane item', [vault()]],
    ['a secret created through an ARM template deployment (control plane, not inspected)', [vault(), ['azurerm_resource_group_template_deployment', 'secrets', {
      deployment_mode: 'Incremental',
      template_content: JSON.stringify({ resources: [{ type: 'Microsoft.KeyVault/vaults/secrets', name: "[concat(parameters('vault'), '/backend-key')]" }] }),
      parameters_content: JSON.stringify({ vault: { value: ref(VAULT, 'name') } }),
    }]]],
    ['a vault outside the stack', [['azurerm_key_vault_secret', 's', { key_vault_id: '${data.azurerm_key_vault.shared.id}', value: ref('random_password.p', 'result') }]]],
  ],
  'DEPLOY-RBAC-PROPAGATION': [
    ['a data-plane role assignment nothing depends on', [openVault, grant('apim', { role_definition_name: 'Key Vault Secrets User', principal_id: ref(APIM, 'identity[0].principal_id') })]],
    ['a role given by role_definition_id (not classified)', [grant('custom', { role_definition_name: undefined, role_definition_id: '/providers/Microsoft.Authorization/roleDefinitions/b86a8fe4-44ce-4948-aee5-eccb2c155cd7' }),
      ['azurerm_storage_container', 'data', { name: 'data', depends_on: ['azurerm_role_assignment.custom'] }]]],
    ['management-plane roles', [grant('c', { role_definition_name: 'Key Vault Contributor' }), grant('n', { role_definition_name: 'Network Contributor' }),
      ['azurerm_subnet', 'x', { name: 'x', depends_on: ['azurerm_role_assignment.c', 'azurerm_role_assignment.n'] }]]],
    ['a deployer grant on an access-policy vault', [vault({ rbac_authorization_enabled: undefined }), grant('deployer'), secret()]],
    ['a deployer grant for another kind of item', [vault(), grant('deployer', { role_definition_name: 'Key Vault Crypto Officer' }), secret()]],
    ['a gateway with a certificate from a literal secret id and no identity grant', [agw({ ssl_certificate: [{ name: 'tls', key_vault_secret_id: 'https://kv.vault.azure.net/secrets/tls' }] })]],
  ],
  'DEPLOY-APPGW-DNS-ORDER': [
    ['a backend FQDN no zone of the stack serves', [zone('gw', 'contoso-apim.azure-api.net'), aRecord('gw'), agw({ backend_address_pool: [{ name: 'public', fqdns: ['fhir.contoso.example'] }] })]],
    ['backend FQDNs as IP addresses', [zone('gw', 'contoso-apim.azure-api.net'), agw({ backend_address_pool: [{ name: 'a', fqdns: ['10.20.1.5'] }] })]],
    ['a backend FQDN as an expression in a stack without private DNS zones', [agw({ backend_address_pool: [{ name: 'b', fqdns: [ref(APIM, 'gateway_url')] }] })]],
    ['a gateway without backends', [zone('gw', 'contoso-apim.azure-api.net'), agw({ backend_address_pool: undefined })]],
  ],
  'DEPLOY-PUBLIC-IP-ZONES': [
    ['no zones', [['azurerm_public_ip', 'a', { sku: 'Standard' }], ['azurerm_public_ip', 'b', { sku: 'Standard', zones: [] }]]],
  ],
  'DEPLOY-KV-NETWORK-PATH': [
    ['APIM reading a vault outside the stack', [vault(), apim(), namedValue('https://kv-shared.vault.azure.net/secrets/backend-key')]],
    ['APIM reading nothing from Key Vault', [vault(), apim(), ['azurerm_api_management_named_value', 'nv', { api_management_name: ref(APIM, 'name'), name: 'plain', value: 'x' }]]],
    ['the vault allowing the reader\'s subnet given by the same variable', [vault({ network_acls: acls({ virtual_network_subnet_ids: ['${var.apim_subnet_id}'] }) }),
      apim({ virtual_network_configuration: [{ subnet_id: '${var.apim_subnet_id}' }] }), namedValue('${azurerm_key_vault.kv.vault_uri}secrets/backend-key')]],
  ],
  'DEPLOY-HDS-PRIVATE-ENDPOINT': [
    ['a private endpoint of another service', [hdsZone('privatelink.azurehealthcareapis.com'), vault(), vaultEndpoint(ref('azurerm_subnet.pe'), { private_dns_zone_group: [{ name: 'kv', private_dns_zone_ids: [ref('azurerm_private_dns_zone.hds')] }] })]],
    ['a FHIR service of another workspace', [workspace, ['azurerm_healthcare_workspace', 'other', { name: 'other' }], fhir('elsewhere', 'azurerm_healthcare_workspace.other'),
      hdsZone('privatelink.workspace.azurehealthcareapis.com'), hdsEndpoint({ depends_on: undefined })]],
  ],
};

const V = (name: string) => `\${var.${name}}`;

/**
 * rule id → [fixture where a Terraform expression decides the rule, the address, what the
 * unknown says]. Not listed: DEPLOY-RBAC-PROPAGATION, which classifies only literal role
 * names and leaves the others uninspected (documented on the rule).
 */
const UNKNOWN_CASES: Record<string, Array<[Fixture, string, RegExp]>> = {
  'DEPLOY-KV-DATA-PLANE': [
    [[vault({ network_acls: acls({ default_action: V('kv_default_action') }) }), secret()], 'azurerm_key_vault_secret.s',
      /^writes through the data plane of azurerm_key_vault\.kv, whose closure is not known at synth: it sets network_acls\.default_action to \$\{var\.kv_default_action\}/],
    [[vault({ public_network_access_enabled: V('kv_public'), network_acls: undefined }), cert()], 'azurerm_key_vault_certificate.c', /public_network_access_enabled to \$\{var\.kv_public\}/],
  ],
  'DEPLOY-APPGW-DNS-ORDER': [
    [[zone('gw', 'contoso-apim.azure-api.net'), agw({ backend_address_pool: [{ name: 'b', fqdns: [ref(APIM, 'gateway_url')] }] })], AGW,
      /^has backend \$\{azurerm_api_management\.apim\.gateway_url\} \(pool b\), an expression not known at synth/],
    [[zone('gw', V('zone_name')), agw()], AGW, /azurerm_private_dns_zone\.gw has a name not known at synth/],
  ],
  'DEPLOY-PUBLIC-IP-ZONES': [
    [[['azurerm_public_ip', 'a', { zones: V('zones') }]], 'azurerm_public_ip.a', /^sets zones to \$\{var\.zones\}/],
    [[['azurerm_public_ip', 'b', { zones: [V('zone'), '2'] }]], 'azurerm_public_ip.b', /^sets zones to \["\$\{var\.zone\}","2"\]/],
  ],
  'DEPLOY-KV-NETWORK-PATH': [
    [[vault({ network_acls: acls({ virtual_network_subnet_ids: V('reader_subnet_ids') }) }), apim(), namedValue('${azurerm_key_vault.kv.vault_uri}secrets/backend-key')], APIM,
      /^reads azurerm_key_vault\.kv, which sets network_acls\.virtual_network_subnet_ids to \$\{var\.reader_subnet_ids\}.* \(through azurerm_api_management_named_value\.nv\)$/],
    [[vault({ network_acls: acls({ virtual_network_subnet_ids: [ref('azurerm_subnet.apim')] }) }), apim(), subnet('apim', { service_endpoints: V('endpoints') }),
      namedValue('${azurerm_key_vault.kv.vault_uri}secrets/backend-key')], APIM, /from azurerm_subnet\.apim, which sets service_endpoints to \$\{var\.endpoints\}/],
    [[vault({ network_acls: acls({ default_action: V('action') }) }), apim(), namedValue('${azurerm_key_vault.kv.vault_uri}secrets/backend-key')], APIM,
      /^reads azurerm_key_vault\.kv, whose closure is not known at synth/],
  ],
  'DEPLOY-HDS-PRIVATE-ENDPOINT': [
    [[workspace, fhir(), hdsEndpoint({ private_dns_zone_group: [{ name: 'hds', private_dns_zone_ids: ['${data.azurerm_private_dns_zone.hds.id}'] }] })], HDS_PE,
      /^registers in private DNS zone\(s\) whose name is not known at synth \(\$\{data\.azurerm_private_dns_zone\.hds\.id\}\)/],
  ],
};

describe('the deployability rules', () => {
  test('every rule has an id, the deployability category, title, control (the Azure fact), fix, inspected types and fixtures', () => {
    const ids = DEPLOYABILITY_RULES.map((r) => r.id);
    for (const rule of DEPLOYABILITY_RULES) {
      expect(rule.id).toMatch(/^DEPLOY(-[A-Z0-9]+)+$/);
      expect(rule.category).toBe(RuleCategory.DEPLOYABILITY);
      expect(rule).not.toHaveProperty('safeguard');
      for (const text of [rule.title, rule.control, rule.fix]) expect(text.length).toBeGreaterThan(10);
      expect(rule.control).not.toMatch(/HIPAA|164\.312/);
      expect(rule.resourceTypes.length).toBeGreaterThan(0);
      expect(CASES[rule.id]?.length).toBeGreaterThan(0);
    }
    expect(Object.keys(CASES).sort()).toEqual([...ids].sort());
    expect(ids.filter((id) => HIPAA_RULES.some((h) => h.id === id))).toEqual([]);
  });

  test('HealthcareCompliance.rules lists them after the HIPAA pack, with their category and no safeguard', () => {
    const listed = HealthcareCompliance.rules.filter((r) => r.category === RuleCategory.DEPLOYABILITY);
    expect(listed.map((r) => r.id)).toEqual(DEPLOYABILITY_RULES.map((r) => r.id));
    expect(HealthcareCompliance.rules.slice(-listed.length)).toEqual(listed);
    for (const r of listed) expect(r.safeguard).toBeUndefined();
    expect(HealthcareCompliance.rules.filter((r) => r.category === RuleCategory.HIPAA).every((r) => r.safeguard !== undefined)).toBe(true);
  });

  test('the README lists every deployability rule in its own section', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const start = readme.indexOf('### Deployability: what would break the first apply');
    expect(start).toBeGreaterThan(0);
    const section = readme.slice(start, readme.indexOf('\n## ', start));
    for (const rule of DEPLOYABILITY_RULES) expect(section).toContain(`| ${rule.id} | ${rule.title} |`);
  });
});

describe.each(DEPLOYABILITY_RULES.map((r) => [r.id, r] as const))('%s', (_, rule) => {
  test.each(CASES[rule.id].map((c, i) => [i, ...c] as const))('case %i fires on its fixture and passes the fixed one', (_i, fires, address, message, passes) => {
    expect(run(rule, fires)).toEqual([[address, expect.stringMatching(message)]]);
    expect(run(rule, passes)).toEqual([]);
  });
  const passes = PASSES[rule.id] ?? [];
  if (passes.length) {
    test.each(passes)('passes: %s', (_what, fixture) => {
      expect(run(rule, fixture)).toEqual([]);
    });
  }
  unknownCaseTests(rule, UNKNOWN_CASES[rule.id] ?? []);
});

test('every deployability rule that compares a literal has unknown fixtures', () => {
  expect(Object.keys(UNKNOWN_CASES).sort()).toEqual(DEPLOYABILITY_RULES.map((r) => r.id).filter((id) => id !== 'DEPLOY-RBAC-PROPAGATION').sort());
});

describe('StackView dependency helpers', () => {
  const stackOf = (fixture: Fixture) => {
    const resources = views(fixture);
    return { stack: new StackView(resources), at: (a: string) => resources.find((r) => r.address === a)! };
  };

  test('direct dependencies come from depends_on and from references anywhere in the configuration, not from escaped literals or data sources', () => {
    const { stack, at } = stackOf([
      ['azurerm_subnet', 'a', {}], ['azurerm_subnet', 'b', {}], ['azurerm_subnet', 'c', {}], ['azurerm_subnet', 'd', {}], ['time_sleep', 'w', {}],
      ['azurerm_api_management_api_policy', 'p', {
        depends_on: ['azurerm_subnet.a'],
        nested: [{ list: ['${element(azurerm_subnet.b.address_prefixes, 0)}'] }],
        template: 'x %{ if azurerm_subnet.c.name != "" }y%{ endif }',
        xml_content: '<set-variable value="$${azurerm_subnet.d.id}" />',
        tenant: '${data.azurerm_client_config.current.tenant_id}',
        wait: '${time_sleep.w.id}',
      }],
    ]);
    expect(stack.directDependencies(at('azurerm_api_management_api_policy.p')).map((r) => r.address).sort())
      .toEqual(['azurerm_subnet.a', 'azurerm_subnet.b', 'azurerm_subnet.c', 'time_sleep.w']);
    expect(stack.referencedBy('${azurerm_subnet.a.id}/${azurerm_subnet.b.name}').map((r) => r.address)).toEqual(['azurerm_subnet.a', 'azurerm_subnet.b']);
  });

  test('dependsOn is transitive, one-way, and terminates on cycles', () => {
    const { stack, at } = stackOf([
      ['azurerm_role_assignment', 'ra', {}],
      ['time_sleep', 'w', { triggers: { ra: ref('azurerm_role_assignment.ra') } }],
      ['azurerm_resource_group', 'rg', { depends_on: ['time_sleep.w'] }],
      ['azurerm_key_vault_secret', 's', { key_vault_id: ref('azurerm_resource_group.rg') }],
      ['azurerm_subnet', 'x', { depends_on: ['azurerm_subnet.y'] }], ['azurerm_subnet', 'y', { depends_on: ['azurerm_subnet.x'] }],
    ]);
    expect(stack.dependsOn(at('azurerm_key_vault_secret.s'), at('azurerm_role_assignment.ra'))).toBe(true);
    expect(stack.dependsOn(at('azurerm_key_vault_secret.s'), at('time_sleep.w'))).toBe(true);
    expect(stack.dependsOn(at('azurerm_role_assignment.ra'), at('azurerm_key_vault_secret.s'))).toBe(false);
    expect(stack.dependenciesOf(at('azurerm_key_vault_secret.s')).map((r) => r.address).sort())
      .toEqual(['azurerm_resource_group.rg', 'azurerm_role_assignment.ra', 'time_sleep.w']);
    expect(stack.dependsOn(at('azurerm_subnet.x'), at('azurerm_subnet.y'))).toBe(true);
    expect(stack.dependsOn(at('azurerm_subnet.y'), at('azurerm_subnet.x'))).toBe(true);
  });

  test('the graph and each closure are computed once, so a stack of hundreds of resources is cheap to ask', () => {
    const size = 400;
    const fixture: Fixture = Array.from({ length: size }, (_, i): Resource => ['azurerm_subnet', `s${i}`, i === 0 ? {} : { depends_on: [`azurerm_subnet.s${i - 1}`] }]);
    const { stack, at } = stackOf(fixture);
    const direct = jest.spyOn(stack, 'directDependencies');
    for (let i = 0; i < size; i++) expect(stack.dependsOn(at(`azurerm_subnet.s${i}`), at('azurerm_subnet.s0'))).toBe(i > 0);
    const calls = direct.mock.calls.length;
    expect(calls).toBeLessThanOrEqual(2 * size);
    for (let i = 0; i < size; i++) stack.dependsOn(at(`azurerm_subnet.s${i}`), at(`azurerm_subnet.s${size - 1}`));
    expect(direct.mock.calls.length).toBe(calls);
  });
});

describe('StackView lookups are indexed and answer as a scan of every configuration would', () => {
  const fixture: Fixture = [
    ['azurerm_api_management', 'apim', {}],
    ['azurerm_api_management', 'apim2', {}],
    ['azurerm_api_management_api', 'a', { api_management_name: ref('azurerm_api_management.apim', 'name') }],
    ['azurerm_api_management_api_policy', 'p1', { api_name: ref('azurerm_api_management_api.a', 'name') }],
    ['azurerm_private_endpoint', 'pe', { ids: ['${element(azurerm_api_management.apim.id, 0)}'], other: 'xazurerm_api_management.apim2.' }],
    ['azurerm_api_management_api_policy', 'p2', { xml_content: '<set-variable value="azurerm_api_management_api.a.name" />', also: 'azurerm_api_management.apim2.id' }],
    ['azurerm_private_endpoint', 'tail', { last: 'azurerm_api_management.apim' }],
    ['azurerm_api_management_api_policy', 'p3', { api_name: ref('azurerm_api_management_api.a', 'name') }],
  ];
  const scan = (stack: StackView, target: ResourceView, ...types: string[]) => stack.resources
    .filter((r) => types.includes(r.type) && r !== target && JSON.stringify(r.config).includes(`${target.address}.`));

  test('referencing, ofType, resolveReference', () => {
    const resources = views(fixture);
    const stack = new StackView(resources);
    const typeSets = [['azurerm_api_management_api_policy'], ['azurerm_private_endpoint', 'azurerm_api_management_api_policy'], ['azurerm_api_management'], []];
    for (const target of resources) {
      for (const types of typeSets) expect(stack.referencing(target, ...types)).toEqual(scan(stack, target, ...types));
    }
    expect(stack.referencing(resources[2], 'azurerm_api_management_api_policy').map((r) => r.address))
      .toEqual(['azurerm_api_management_api_policy.p1', 'azurerm_api_management_api_policy.p2', 'azurerm_api_management_api_policy.p3']);
    expect(stack.referencing(resources[1], 'azurerm_private_endpoint', 'azurerm_api_management_api_policy').map((r) => r.address))
      .toEqual(['azurerm_private_endpoint.pe', 'azurerm_api_management_api_policy.p2']);
    const outside: ResourceView = { ...resources[0], address: 'azurerm_api_management.apim' };
    expect(stack.referencing(outside, 'azurerm_private_endpoint').map((r) => r.address)).toEqual(['azurerm_private_endpoint.pe']);
    const odd: ResourceView = { ...resources[0], address: 'azurerm_api_management.odd.id' };
    expect(stack.referencing(odd, 'azurerm_private_endpoint')).toEqual([]);
    expect(stack.ofType('azurerm_api_management_api_policy', 'azurerm_private_endpoint').map((r) => r.address))
      .toEqual(resources.filter((r) => r.type !== 'azurerm_api_management' && r.type !== 'azurerm_api_management_api').map((r) => r.address));
    expect(stack.ofType('azurerm_subnet')).toEqual([]);
    expect(stack.resolveReference('${azurerm_api_management_api.a.id}')).toBe(resources[2]);
    expect(stack.resolveReference('${azurerm_subnet.none.id}')).toBeUndefined();
  });
});

/** A hand-written stack: a closed RBAC vault, the deployer's grant, a secret, maybe a time_sleep, and two public IPs. */
function handWritten(wait: 'none' | 'depends-on' | 'triggers', stack: TerraformStack = newStack()) {
  const client = new DataAzurermClientConfig(stack, 'Client');
  const runnerRanges = new TerraformVariable(stack, 'deployer_ip_ranges', { type: 'list(string)' });
  const backendKey = new TerraformVariable(stack, 'backend_key', { type: 'string', sensitive: true });
  const keyVault = new KeyVault(stack, 'Vault', {
    name: 'kv-deploy-rules',
    resourceGroupName: 'rg-health',
    location: 'eastus2',
    tenantId: client.tenantId,
    skuName: 'premium',
    rbacAuthorizationEnabled: true,
    purgeProtectionEnabled: true,
    networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices', ipRules: runnerRanges.listValue },
  });
  const access = new RoleAssignment(stack, 'DeployerSecretsOfficer', { scope: keyVault.id, roleDefinitionName: 'Key Vault Secrets Officer', principalId: client.objectId });
  const waitForRbac = wait === 'none' ? undefined : new TimeSleep(stack, 'WaitForRbac', wait === 'depends-on'
    ? { createDuration: '120s', dependsOn: [access] }
    : { createDuration: '120s', triggers: { role: access.id } });
  const backendSecret = new KeyVaultSecret(stack, 'BackendKey', {
    name: 'backend-key', keyVaultId: keyVault.id, value: backendKey.stringValue, expirationDate: '2027-06-30T00:00:00Z', dependsOn: [waitForRbac ?? access],
  });
  const rgId = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-health';
  new KeyVaultExpiryAlerts(stack, 'Expiry', {
    namePrefix: 'health',
    resourceGroupName: 'rg-health',
    location: 'eastus2',
    keyVaultId: keyVault.id,
    workspaceId: `${rgId}/providers/Microsoft.OperationalInsights/workspaces/law`,
    actionGroupId: `${rgId}/providers/Microsoft.Insights/actionGroups/soc`,
    eventDelivery: { webhookUrl: 'https://soc.example/key-vault-events' },
  });
  const rg = { resourceGroupName: 'rg-health', location: 'eastus2', sku: 'Standard', allocationMethod: 'Static' };
  const twoZones = new PublicIp(stack, 'TwoZones', { ...rg, name: 'pip-two', zones: ['1', '2'] });
  const allZones = new PublicIp(stack, 'AllZones', { ...rg, name: 'pip-all', zones: ['1', '2', '3'] });
  return { stack, keyVault, access, timeSleep: waitForRbac, backendSecret, twoZones, allZones };
}

describe('on a real synthesized stack with hand-written resources', () => {
  test('depends_on synthesizes as bare addresses, and a secret right after the deployer\'s grant fires DEPLOY-RBAC-PROPAGATION', () => {
    const { stack, access, backendSecret, twoZones, allZones } = handWritten('none');
    const compliance = HealthcareCompliance.of(stack);
    const json = synthJson(stack);
    expect(json.resource.azurerm_key_vault_secret[backendSecret.friendlyUniqueId].depends_on).toEqual([`azurerm_role_assignment.${access.friendlyUniqueId}`]);
    const errors = errorsUnder(stack);
    expect(errors.map((e) => /^([^:]+): \[([A-Z0-9-]+)\]/.exec(e)!.slice(1).join(' ')).sort()).toEqual(['test/BackendKey DEPLOY-RBAC-PROPAGATION', 'test/TwoZones DEPLOY-PUBLIC-IP-ZONES']);
    const [message] = annotationsOf(backendSecret, 'error');
    expect(message).toMatch(new RegExp(`^\\[DEPLOY-RBAC-PROPAGATION\\] azurerm_key_vault_secret\\.${backendSecret.friendlyUniqueId} uses azurerm_role_assignment\\.${access.friendlyUniqueId} `
      + '\\(\'Key Vault Secrets Officer\'\\) with no time_sleep between them.*\\. Requirement: .* \\(deployability, not a HIPAA safeguard; .*AVM key vault #78.*\\)\\. Fix: .*time_sleep.*\\.$'));
    expect(message).not.toMatch(/45 CFR|164\.312/);
    expect(annotationsOf(allZones, 'error')).toEqual([]);
    expect(annotationsOf(twoZones, 'error')[0]).toMatch(/azurerm#16470/);
    // ip_rules from a variable count as the deployer's declared path.
    const report = compliance.report();
    expect(report.deployability.rules.find((r) => r.id === 'DEPLOY-KV-DATA-PLANE')!.status).toBe(ComplianceStatus.PASS);
  });

  test.each(['depends-on', 'triggers'] as const)('a time_sleep after the grant (%s) passes, seen in the synthesized depends_on', (wait) => {
    const { stack, timeSleep, backendSecret } = handWritten(wait);
    const compliance = HealthcareCompliance.of(stack);
    const json = synthJson(stack);
    expect(json.resource.azurerm_key_vault_secret[backendSecret.friendlyUniqueId].depends_on).toEqual([`time_sleep.${timeSleep!.friendlyUniqueId}`]);
    expect(json.resource.time_sleep[timeSleep!.friendlyUniqueId].create_duration).toBe('120s');
    expect(errorsUnder(stack).filter((e) => !e.includes('[DEPLOY-PUBLIC-IP-ZONES]'))).toEqual([]);
    const report = compliance.report();
    const rbac = report.deployability.rules.find((r) => r.id === 'DEPLOY-RBAC-PROPAGATION')!;
    expect(rbac.status).toBe(ComplianceStatus.PASS);
    expect(rbac.resources.map((r) => r.address)).toContain(`azurerm_key_vault_secret.${backendSecret.friendlyUniqueId}`);
    // Rules for '*' still inspect only azurerm and azuread resources; time_sleep is seen, not checked.
    for (const rule of [...report.rules, ...report.deployability.rules]) expect(rule.resources.map((r) => r.address).filter((a) => a.startsWith('time_'))).toEqual([]);
  });

  test('a deployability finding is suppressed like a HIPAA one, with its own label, and listed in the report', () => {
    const { stack, twoZones } = handWritten('depends-on');
    HealthcareCompliance.suppress(twoZones, 'DEPLOY-PUBLIC-IP-ZONES', REASON);
    const compliance = HealthcareCompliance.of(stack);
    Testing.synth(stack);
    expect(errorsUnder(stack)).toEqual([]);
    expect(annotationsOf(twoZones, 'info')).toEqual([`[deployability-suppressed: DEPLOY-PUBLIC-IP-ZONES] ${REASON}`]);
    const report = compliance.report();
    expect(report.findings).toBe(0);
    expect(report.suppressions).toEqual([{ ruleId: 'DEPLOY-PUBLIC-IP-ZONES', constructPath: 'test/TwoZones', reason: REASON, suppressedFindings: 1 }]);
    expect(report.deployability.rules.find((r) => r.id === 'DEPLOY-PUBLIC-IP-ZONES')!.status).toBe(ComplianceStatus.SUPPRESSED);
    expect(() => HealthcareCompliance.suppress(twoZones, 'DEPLOY-KV-DATA-PLANE', 'n/a')).toThrow(/does not record a reason for suppressing DEPLOY-KV-DATA-PLANE/);
  });
});

describe('the evidence report', () => {
  test('hipaa-evidence.md and .json show the deployability rules in their own section, after the safeguards, and fail the synth', () => {
    const app = Testing.app();
    handWritten('none', newStack('deploy', app));
    HealthcareCompliance.of(app.node.findChild('deploy'));
    expect(() => app.synth()).toThrow(/\[DEPLOY-RBAC-PROPAGATION\]/);
    const dir = path.join(app.outdir, 'stacks', 'deploy');

    const json = JSON.parse(fs.readFileSync(path.join(dir, EVIDENCE_JSON_FILE), 'utf8'));
    expect(json.rules.map((r: any) => r.id)).toEqual(HIPAA_RULES.map((r) => r.id));
    expect(json.safeguards.flatMap((s: any) => s.ruleIds).filter((id: string) => id.startsWith('DEPLOY-'))).toEqual([]);
    expect(json.deployability.title).toBe('Deployability: what would break the first apply');
    expect(json.deployability.status).toBe('fail');
    expect(json.deployability.findings).toBe(2);
    expect(json.findings).toBe(2);
    expect(json.deployability.rules.map((r: any) => r.id)).toEqual(DEPLOYABILITY_RULES.map((r) => r.id));
    expect(Object.keys(json.deployability.rules[0]).sort()).toEqual(['control', 'fix', 'id', 'resources', 'status', 'title']);
    const zones = json.deployability.rules.find((r: any) => r.id === 'DEPLOY-PUBLIC-IP-ZONES');
    expect(zones.resources.map((r: any) => [r.constructPath, r.status])).toEqual([['deploy/TwoZones', 'fail'], ['deploy/AllZones', 'pass']]);
    expect(json.deployability.rules.find((r: any) => r.id === 'DEPLOY-HDS-PRIVATE-ENDPOINT').status).toBe('not-applicable');

    const md = fs.readFileSync(path.join(dir, EVIDENCE_MARKDOWN_FILE), 'utf8');
    const section = md.indexOf('## Deployability: what would break the first apply\n');
    expect(section).toBeGreaterThan(md.indexOf('## 164.312(e)(1) Transmission security: n/a'));
    expect(section).toBeLessThan(md.indexOf('## Suppressions'));
    expect(md).toMatch(/^# HIPAA safeguards evidence: stack `deploy`/);
    expect(md).toContain('**Status: FAIL** · unsuppressed findings: 2');
    expect(md).toContain('| DEPLOY-PUBLIC-IP-ZONES | FAIL | Azure stores a zone-redundant Standard public IP as zones 1, 2, 3;');
    expect(md).toContain('### DEPLOY-RBAC-PROPAGATION: FAIL');
    expect(md).toContain('- Azure fact: Azure RBAC data-plane role assignments take minutes to propagate');
    expect(md).toContain('| `azurerm_public_ip.TwoZones` | `deploy/TwoZones` | FAIL | lists zones 1, 2: ');
    expect(md.slice(0, section)).not.toContain('DEPLOY-');
  });
});
