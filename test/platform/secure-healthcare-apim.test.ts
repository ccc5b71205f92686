import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { AzurermProvider, AzurermProviderConfig } from '@cdktf/provider-azurerm/lib/provider';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { DOMParser } from '@xmldom/xmldom';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { ApimSku, AuditLogging, KeyVaultDeployerAccess, SecureHealthcareApim, SecureHealthcareApimProps } from '../../lib';
import { Cors, PolicySection, SetHeader } from '../../lib/policy';
import { PLATFORM_PROPS } from '../api/fixtures';
import { annotationsOf, block, blocks, newStack, onlyResource, resourcesOf, synthJson } from '../util/synth';

/** The template deployments of the developer portal's config (the vault's near-expiry subscription is another). */
function portalConfigs(json: any): Array<[string, any]> {
  return resourcesOf(json, 'azurerm_resource_group_template_deployment').filter(([, r]) => /-portal-config$/.test(r.name));
}

function portalConfig(json: any): any {
  const all = portalConfigs(json);
  if (all.length !== 1) throw new Error(`expected one portal config deployment, found ${all.length}`);
  return all[0][1];
}

const MINIMAL: SecureHealthcareApimProps = PLATFORM_PROPS;
const RUNNER_SUBNET = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ci/providers/Microsoft.Network/virtualNetworks/vnet-ci/subnets/snet-runner';

function platform(props: Partial<SecureHealthcareApimProps> = {}, stack: TerraformStack = newStack()) {
  const p = new SecureHealthcareApim(stack, 'Platform', { ...MINIMAL, ...props });
  return { stack, platform: p, json: () => synthJson(stack) };
}

function parse(xml: string): Document {
  return new DOMParser({
    errorHandler: { warning: (m) => { throw new Error(m); }, error: (m) => { throw new Error(m); }, fatalError: (m) => { throw new Error(m); } },
  }).parseFromString(xml, 'text/xml');
}

function section(doc: Document, name: string): Element[] {
  const s = doc.getElementsByTagName(name)[0];
  return Array.from(s.childNodes as unknown as ArrayLike<Node>).filter((n): n is Element => n.nodeType === 1);
}

function globalPolicy(json: any): Document {
  return parse(onlyResource(json, 'azurerm_api_management_policy').xml_content);
}

describe('SecureHealthcareApim defaults (five props)', () => {
  const { json: synth, platform: p } = platform();
  const json = synth();
  const apim = onlyResource(json, 'azurerm_api_management');

  test('Premium with two availability zones, system identity, HTTP/2 and a minimum API version', () => {
    expect(apim.sku_name).toBe('Premium_2');
    expect(apim.zones).toEqual(['1', '2']);
    expect(block(apim.identity).type).toBe('SystemAssigned');
    expect(block(apim.protocols).http2_enabled).toBe(true);
    expect(apim.min_api_version).toBe('2021-08-01');
    expect(p.sku.skuName).toBe('Premium_2');
  });

  test('TLS 1.0, 1.1, SSL 3.0, 3DES, every CBC and RSA key-exchange cipher are explicitly off', () => {
    const security = block(apim.security);
    for (const key of [
      'frontend_ssl30_enabled', 'frontend_tls10_enabled', 'frontend_tls11_enabled',
      'backend_ssl30_enabled', 'backend_tls10_enabled', 'backend_tls11_enabled',
      'triple_des_ciphers_enabled',
      'tls_ecdhe_ecdsa_with_aes128_cbc_sha_ciphers_enabled', 'tls_ecdhe_ecdsa_with_aes256_cbc_sha_ciphers_enabled',
      'tls_ecdhe_rsa_with_aes128_cbc_sha_ciphers_enabled', 'tls_ecdhe_rsa_with_aes256_cbc_sha_ciphers_enabled',
      'tls_rsa_with_aes128_cbc_sha256_ciphers_enabled', 'tls_rsa_with_aes128_cbc_sha_ciphers_enabled',
      'tls_rsa_with_aes256_cbc_sha256_ciphers_enabled', 'tls_rsa_with_aes256_cbc_sha_ciphers_enabled',
      'tls_rsa_with_aes128_gcm_sha256_ciphers_enabled', 'tls_rsa_with_aes256_gcm_sha384_ciphers_enabled',
    ]) {
      expect([key, security[key]]).toEqual([key, false]);
    }
    // Only the *_enabled spellings: the deprecated enable_* names are gone in azurerm 5.
    expect(Object.keys(security).filter((k) => k.startsWith('enable_'))).toEqual([]);
  });

  test('classic tier: sign-up off, direct management access off, anonymous users sent to sign-in', () => {
    expect(block(apim.sign_up).enabled).toBe(false);
    expect(block(apim.tenant_access).enabled).toBe(false);
    expect(block(apim.sign_in).enabled).toBe(true);
  });

  test('stateful resources are protected from destroy', () => {
    expect(apim.lifecycle.prevent_destroy).toBe(true);
    expect(onlyResource(json, 'azurerm_key_vault').lifecycle.prevent_destroy).toBe(true);
    expect(onlyResource(json, 'azurerm_log_analytics_workspace').lifecycle.prevent_destroy).toBe(true);
    expect(annotationsOf(p, 'warn')).toEqual([]);
  });

  test('developer portal signs in through Entra ID (MSAL-2, SPA redirect URIs); the secret goes to APIM directly, not through Key Vault', () => {
    const idp = onlyResource(json, 'azurerm_api_management_identity_provider_aad');
    expect(idp.client_secret).toMatch(/^\$\{azuread_application_password\.[^}]+\.value\}$/);
    expect(idp.client_id).toMatch(/^\$\{azuread_application\./);
    expect(idp.client_library).toBe('MSAL-2');
    expect(idp.allowed_tenants).toEqual([expect.stringMatching(/^\$\{data\.azurerm_client_config\..*\.tenant_id\}$/)]);
    expect(resourcesOf(json, 'azurerm_key_vault_secret')).toEqual([]);
    const app = onlyResource(json, 'azuread_application');
    // MSAL-2 signs in with the auth-code flow from a SPA; web redirect URIs give AADSTS9002326.
    expect(block(app.single_page_application).redirect_uris).toEqual([
      'https://contoso-health-apim.developer.azure-api.net/', 'https://contoso-health-apim.developer.azure-api.net/signin',
    ]);
    expect(app.web).toBeUndefined();
  });

  test('username/password sign-in to the portal is switched off by an ARM deployment of the portal config, after Entra ID sign-in exists', () => {
    const deployment = portalConfig(json);
    expect(deployment).toMatchObject({ name: 'contoso-health-apim-portal-config', resource_group_name: 'rg-health', deployment_mode: 'Incremental' });
    const template = JSON.parse(deployment.template_content);
    expect(template.resources).toEqual([expect.objectContaining({
      type: 'Microsoft.ApiManagement/service/portalconfigs',
      apiVersion: '2022-08-01',
      name: "[concat(parameters('serviceName'), '/default')]",
      properties: expect.objectContaining({
        enableBasicAuth: false, signin: { require: true }, delegation: { delegateRegistration: false, delegateSubscription: false },
      }),
    })]);
    expect(JSON.parse(deployment.parameters_content)).toEqual({ serviceName: { value: expect.stringMatching(/^\$\{azurerm_api_management\.Platform_Apim_[0-9A-F]+\.name\}$/) } });
    expect(deployment.depends_on).toEqual([
      expect.stringMatching(/^azurerm_api_management\.Platform_Apim_/), expect.stringMatching(/^azurerm_api_management_identity_provider_aad\.Platform_PortalSignIn_/),
    ]);
  });

  test('a Log Analytics workspace with 365-day retention and no shared-key auth, and workspace-based Application Insights', () => {
    const law = onlyResource(json, 'azurerm_log_analytics_workspace');
    expect(law.retention_in_days).toBe(365);
    expect(law.local_authentication_enabled).toBe(false);
    const appi = onlyResource(json, 'azurerm_application_insights');
    expect(appi.workspace_id).toMatch(/^\$\{azurerm_log_analytics_workspace\./);
  });

  test('APIM diagnostics: 100% sampling, errors and client IP logged, no bodies, credentials masked', () => {
    const diags = resourcesOf(json, 'azurerm_api_management_diagnostic').map(([, d]) => d);
    expect(diags.map((d) => d.identifier).sort()).toEqual(['applicationinsights', 'azuremonitor']);
    for (const d of diags) {
      expect(d.sampling_percentage).toBe(100);
      expect(d.always_log_errors).toBe(true);
      expect(d.log_client_ip).toBe(true);
      for (const part of ['frontend_request', 'frontend_response', 'backend_request', 'backend_response']) {
        const msg = block(d[part]);
        expect([part, msg.body_bytes]).toEqual([part, 0]);
        // Only the client's X-Forwarded-For (an address) reaches the Azure Monitor log, for the security alerts behind the edge.
        const logged = d.identifier === 'azuremonitor' && part === 'frontend_request' ? ['X-Forwarded-For'] : [];
        expect([part, msg.headers_to_log ?? []]).toEqual([part, logged]);
        const masked = blocks(block(msg.data_masking).headers).filter((h: any) => h.mode === 'Mask').map((h: any) => h.value);
        expect(masked).toEqual(expect.arrayContaining(['Authorization', 'Ocp-Apim-Subscription-Key', 'Cookie']));
      }
    }
    const azureMonitor = diags.find((d) => d.identifier === 'azuremonitor');
    expect(azureMonitor.api_management_logger_id).toMatch(/\/loggers\/azuremonitor$/);
  });

  test('APIM and Key Vault resource logs and metrics go to the workspace', () => {
    const settings = resourcesOf(json, 'azurerm_monitor_diagnostic_setting').map(([, s]) => s);
    const targets = settings.map((s) => s.target_resource_id);
    expect(targets).toEqual(expect.arrayContaining([expect.stringMatching(/^\$\{azurerm_api_management\./), expect.stringMatching(/^\$\{azurerm_key_vault\./)]));
    for (const s of settings) {
      expect(s.log_analytics_workspace_id).toMatch(/^\$\{azurerm_log_analytics_workspace\./);
      expect(blocks(s.enabled_log).map((l: any) => l.category_group)).toEqual(['allLogs']);
      expect(blocks(s.enabled_metric).map((m: any) => m.category)).toEqual(['AllMetrics']);
    }
  });

  test('Key Vault: RBAC, purge protection, 90-day soft delete, firewall denies by default', () => {
    const kv = onlyResource(json, 'azurerm_key_vault');
    expect(kv.name).toBe('contoso-health-apim-kv');
    expect(kv.rbac_authorization_enabled).toBe(true);
    expect(kv.enable_rbac_authorization).toBeUndefined();
    expect(kv.purge_protection_enabled).toBe(true);
    expect(kv.soft_delete_retention_days).toBe(90);
    const acls = block(kv.network_acls);
    expect(acls.default_action).toBe('Deny');
    expect(acls.bypass).toBe('AzureServices');
  });

  test("the instance's identity is a Key Vault Secrets User on the vault", () => {
    const grants = resourcesOf(json, 'azurerm_role_assignment').map(([, r]) => r);
    const apimGrant = grants.find((g) => /azurerm_api_management\..*identity\[0\]\.principal_id/.test(g.principal_id));
    expect(apimGrant.role_definition_name).toBe('Key Vault Secrets User');
    expect(apimGrant.scope).toMatch(/^\$\{azurerm_key_vault\..*\.id\}$/);
    expect(grants.some((g) => g.role_definition_name === 'Key Vault Certificate User')).toBe(false);
  });

  test('global policy: security headers out, stack headers removed, per-IP abuse floor in, no CORS', () => {
    const doc = globalPolicy(json);
    const outbound = section(doc, 'outbound');
    const set = outbound.filter((e) => e.getAttribute('exists-action') === 'override')
      .map((e) => [e.getAttribute('name'), e.getElementsByTagName('value')[0].textContent]);
    expect(set).toEqual([
      ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
      ['X-Content-Type-Options', 'nosniff'],
      ['X-Frame-Options', 'DENY'],
      ['Content-Security-Policy', "default-src 'self'"],
      ['Cache-Control', 'no-store'],
    ]);
    expect(outbound.filter((e) => e.getAttribute('exists-action') === 'delete').map((e) => e.getAttribute('name')))
      .toEqual(['X-Powered-By', 'X-AspNet-Version', 'X-AspNetMvc-Version']);
    const inbound = section(doc, 'inbound');
    expect(inbound.map((e) => e.tagName)).toEqual(['rate-limit-by-key']);
    expect(inbound[0].getAttribute('calls')).toBe('600');
    expect(inbound[0].getAttribute('renewal-period')).toBe('60');
    expect(inbound[0].getAttribute('counter-key')).toMatch(/IpAddress|X-Forwarded-For/);
    expect(doc.getElementsByTagName('cors').length).toBe(0);
    expect(doc.getElementsByTagName('base').length).toBe(0);
    expect(section(doc, 'backend').map((e) => e.tagName)).toEqual(['forward-request']);
  });

  test('global on-error returns {"error":{code,message,requestId}} and never the exception message', () => {
    const doc = globalPolicy(json);
    const onError = section(doc, 'on-error');
    expect(onError.map((e) => e.tagName)).toEqual(['set-variable', 'set-variable', 'set-variable', 'set-variable', 'choose']);
    const responses = Array.from(onError[4].getElementsByTagName('return-response') as unknown as ArrayLike<Element>);
    expect(responses).toHaveLength(2);
    for (const response of responses) {
      const body = response.getElementsByTagName('set-body')[0].textContent!;
      expect(body).toContain('new JProperty("error"');
      for (const field of ['"code"', '"message"', '"requestId"']) expect(body).toContain(field);
      expect(body).toContain('context.RequestId');
      // The response is built from the classified variables only.
      expect(response.toString()).not.toMatch(/LastError/);
      const contentType = Array.from(response.getElementsByTagName('set-header') as unknown as ArrayLike<Element>)
        .find((h) => h.getAttribute('name') === 'Content-Type');
      expect(contentType?.getElementsByTagName('value')[0].textContent).toBe('application/json');
    }
    // Only the classification reads LastError (its message too, for the size of a body), and
    // every path of it returns a fixed code.
    const readers = onError.filter((e) => /LastError/.test(e.getAttribute('value') ?? ''));
    expect(readers.map((e) => e.getAttribute('name'))).toEqual(['error-code']);
    const code = readers[0].getAttribute('value')!;
    expect([...code.matchAll(/return ([^;]+);/g)].map((m) => m[1]).every((r) => /^("[a-z_]+"|[a-z]+\.Contains\("Claim"\) \? "[a-z_]+" : "[a-z_]+"|reason\.Contains\("Timeout"\) \? "[a-z_]+" : "[a-z_]+")$/.test(r))).toBe(true);
  });
});

describe('SecureHealthcareApim options', () => {
  test('CORS is the first inbound element when configured', () => {
    const { json } = platform({ cors: { allowedOrigins: ['https://portal.contoso-health.example'] } });
    const inbound = section(globalPolicy(json()), 'inbound');
    expect(inbound[0].tagName).toBe('cors');
    expect(inbound[0].getElementsByTagName('origin')[0].textContent).toBe('https://portal.contoso-health.example');
  });

  test('users add policy elements without losing the platform controls', () => {
    const { json, platform: p } = platform();
    p.addPolicyElements(PolicySection.OUTBOUND, SetHeader.override('X-Team', 'health'));
    const outbound = section(globalPolicy(json()), 'outbound');
    expect(outbound.length).toBe(9);
    expect(outbound[8].getAttribute('name')).toBe('X-Team');
    expect(outbound[0].getAttribute('name')).toBe('Strict-Transport-Security');
    expect(() => p.addPolicyElements(PolicySection.OUTBOUND, new Cors({ allowedOrigins: ['https://a.example'] }))).toThrow(/cors: section/);
  });

  test('V2 tiers get no sign-in, sign-up or tenant-access blocks (azurerm rejects them) and no zones', () => {
    const { json } = platform({ sku: ApimSku.standardV2(1), allowPublicNetworkAccess: true });
    const apim = onlyResource(json(), 'azurerm_api_management');
    expect(apim.sku_name).toBe('StandardV2_1');
    expect(apim.sign_in).toBeUndefined();
    expect(apim.sign_up).toBeUndefined();
    expect(apim.tenant_access).toBeUndefined();
    expect(apim.zones).toBeUndefined();
    expect(resourcesOf(json(), 'azurerm_api_management_identity_provider_aad')).toEqual([]);
  });

  test('Premium capacity 3 spreads over three zones', () => {
    const { json } = platform({ sku: ApimSku.premium(3) });
    expect(onlyResource(json(), 'azurerm_api_management').zones).toEqual(['1', '2', '3']);
  });

  test('an existing workspace is used instead of creating one', () => {
    const id = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law';
    const { json } = platform({ logAnalyticsWorkspaceId: id });
    expect(resourcesOf(json(), 'azurerm_log_analytics_workspace')).toEqual([]);
    expect(onlyResource(json(), 'azurerm_application_insights').workspace_id).toBe(id);
  });

  test('an existing portal app takes its secret as an expression, with no vault round trip', () => {
    const stack = newStack();
    const secret = new TerraformVariable(stack, 'portal_secret', { type: 'string', sensitive: true });
    const { json } = platform({ developerPortalSignIn: { clientId: '11111111-1111-1111-1111-111111111111', clientSecret: secret.stringValue } }, stack);
    const idp = onlyResource(json(), 'azurerm_api_management_identity_provider_aad');
    expect(idp.client_id).toBe('11111111-1111-1111-1111-111111111111');
    expect(idp.client_secret).toBe('${var.portal_secret}');
    expect(resourcesOf(json(), 'azurerm_key_vault_secret')).toEqual([]);
    expect(json().data?.azurerm_key_vault_secret).toBeUndefined();
    expect(resourcesOf(json(), 'azuread_application')).toEqual([]);
  });

  test('a custom domain in the platform vault is bound after the identity\'s role has propagated', () => {
    const { json } = platform({
      customDomain: {
        gatewayHostName: 'api.contoso-health.example',
        developerPortalHostName: 'developer.contoso-health.example',
        keyVaultCertificateSecretId: 'https://contoso-health-apim-kv.vault.azure.net/secrets/api-cert',
      },
    });
    const out = json();
    const domain = onlyResource(out, 'azurerm_api_management_custom_domain');
    expect(block(domain.gateway).host_name).toBe('api.contoso-health.example');
    expect(block(domain.gateway).key_vault_certificate_id).toBe('https://contoso-health-apim-kv.vault.azure.net/secrets/api-cert');
    const certGrant = resourcesOf(out, 'azurerm_role_assignment').find(([, r]) => r.role_definition_name === 'Key Vault Certificate User')!;
    expect(certGrant[1].scope).toMatch(/^\$\{azurerm_key_vault\./);
    // The binding waits for a time_sleep that waits for the role assignment.
    const wait = resourcesOf(out, 'time_sleep').find(([, t]) => t.depends_on?.includes(`azurerm_role_assignment.${certGrant[0]}`))!;
    expect(wait[1].create_duration).toBe('120s');
    expect(wait[1].triggers.role_assignment_id).toBe(`\${azurerm_role_assignment.${certGrant[0]}.id}`);
    expect(domain.depends_on).toEqual(expect.arrayContaining([`time_sleep.${wait[0]}`]));
    expect(domain.depends_on).not.toContain(`azurerm_role_assignment.${certGrant[0]}`);
  });

  test('a custom domain certificate in another vault is granted on that vault', () => {
    const vaultId = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-certs/providers/Microsoft.KeyVault/vaults/contoso-kv';
    const { json } = platform({
      customDomain: {
        gatewayHostName: 'api.contoso-health.example',
        keyVaultCertificateSecretId: 'https://contoso-kv.vault.azure.net/secrets/api-cert',
        keyVaultCertificateVaultId: vaultId,
      },
    });
    const grants = resourcesOf(json(), 'azurerm_role_assignment').filter(([, r]) => r.scope === vaultId).map(([, r]) => r.role_definition_name).sort();
    // The instance for the APIM binding, the edge identity for its listener.
    expect(grants).toEqual(['Key Vault Certificate User', 'Key Vault Secrets User', 'Key Vault Secrets User']);
  });

  test('the named-value helper stores only Key Vault references', () => {
    const { json, platform: p } = platform();
    expect(() => p.addSecretNamedValue('Elsewhere', { name: 'elsewhere', keyVaultSecretId: 'https://contoso-kv.vault.azure.net/secrets/backend-key' }))
      .toThrow(/Platform: addSecretNamedValue\('Elsewhere'\).keyVaultId is missing, but keyVaultSecretId 'https:\/\/contoso-kv.vault.azure.net\/secrets\/backend-key' is not in the platform vault/);
    const vaultId = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-s/providers/Microsoft.KeyVault/vaults/contoso-kv';
    const nv = p.addSecretNamedValue('BackendKey', { name: 'backend-key', keyVaultSecretId: 'https://contoso-kv.vault.azure.net/secrets/backend-key', keyVaultId: vaultId });
    const own = p.addSecretNamedValue('OwnKey', { name: 'own-key', keyVaultSecretId: 'https://contoso-health-apim-kv.vault.azure.net/secrets/own-key' });
    expect(nv.name).toBe('backend-key');
    const out = json();
    const byName = Object.fromEntries(resourcesOf(out, 'azurerm_api_management_named_value').map(([, r]) => [r.name, r]));
    // Each named value waits for the instance's role on the vault that holds its secret.
    expect(byName['own-key'].depends_on).toEqual([expect.stringMatching(/^time_sleep\.Platform_KeyVault_ApimSecretsUserPropagation/)]);
    expect(byName['backend-key'].depends_on).toEqual([expect.stringMatching(/^time_sleep\.Platform_BackendKeySecretsUserPropagation/)]);
    expect(resourcesOf(out, 'azurerm_role_assignment').find(([, r]) => r.scope === vaultId)![1].role_definition_name).toBe('Key Vault Secrets User');
    expect(own.namedValue).toBeDefined();
    const res = byName['backend-key'];
    expect(res.secret).toBe(true);
    expect(res.value).toBeUndefined();
    expect(block(res.value_from_key_vault).secret_id).toBe('https://contoso-kv.vault.azure.net/secrets/backend-key');
    expect(() => p.addSecretNamedValue('Bad', { name: 'bad', keyVaultSecretId: 'hunter2' })).toThrow(/Platform\/Bad: keyVaultSecretId 'hunter2' is not a Key Vault secret id/);
  });
});

/** The resources `allowDestroy` covers, by type, with what tells the platform's own apart. */
const PROTECTED: Array<[string, (id: string, r: any) => boolean]> = [
  ['azurerm_api_management', () => true],
  ['azurerm_key_vault', () => true],
  ['azurerm_log_analytics_workspace', () => true],
  ['azurerm_application_insights', () => true],
  ['azurerm_virtual_network', () => true],
  // The edge IP clients point DNS at (not the management IP of classic injection).
  ['azurerm_public_ip', (id) => id.startsWith('Platform_Edge_')],
];

describe('SecureHealthcareApim opt-outs leave warnings', () => {
  test('stateful resources, Application Insights, the VNet and the edge public IP carry prevent_destroy by default', () => {
    const json = platform().json();
    for (const [type, mine] of PROTECTED) {
      const found = resourcesOf(json, type).filter(([id, r]) => mine(id, r));
      expect([type, found.length]).toEqual([type, 1]);
      expect([type, found[0][1].lifecycle?.prevent_destroy]).toEqual([type, true]);
    }
    expect(resourcesOf(json, 'azurerm_public_ip').find(([id]) => id.startsWith('Platform_Edge_'))![1].name).toBe('pip-contoso-health-apim-edge');
  });

  test('allowDestroy turns prevent_destroy off on every one of them, with a warning that names them', () => {
    const { json, platform: p } = platform({ allowDestroy: true });
    const out = json();
    for (const [type, mine] of PROTECTED) {
      for (const [, r] of resourcesOf(out, type).filter(([id, x]) => mine(id, x))) expect([type, r.lifecycle.prevent_destroy]).toEqual([type, false]);
    }
    expect(p.allowDestroy).toBe(true);
    expect(annotationsOf(p, 'warn').join('\n')).toMatch(
      /\[security opt-out: allowDestroy\] terraform destroy can delete the API Management instance, Key Vault, audit workspace, Application Insights, VNet and edge public IP/);
  });

  test('the platform\'s allowDestroy warns once, on the platform: its network, edge, audit logging and vault do not repeat it', () => {
    const { platform: p } = platform({ allowDestroy: true });
    const warned = p.node.findAll().filter((c) => annotationsOf(c, 'warn').some((w) => w.startsWith('[security opt-out: allowDestroy]')));
    expect(warned.map((c) => c.node.path)).toEqual([p.node.path]);
    expect(['Network', 'Edge', 'AuditLogging', 'KeyVault'].map((id) => p.node.tryFindChild(id) !== undefined)).toEqual([true, true, true, true]);
  });

  test('Basic needs acknowledgeNoNetworkIsolation and warns', () => {
    expect(() => platform({ sku: ApimSku.basic(1) })).toThrow(/Platform: sku Basic_1 cannot isolate the gateway.*acknowledgeNoNetworkIsolation/);
    const { platform: p } = platform({ sku: ApimSku.basic(1), acknowledgeNoNetworkIsolation: true });
    expect(annotationsOf(p, 'warn').join('\n')).toMatch(/\[security opt-out: acknowledgeNoNetworkIsolation\]/);
  });

  test('Consumption needs acknowledgeNoNetworkIsolation and gets no keyed rate limit (unsupported)', () => {
    expect(() => platform({ sku: ApimSku.consumption() })).toThrow(/acknowledgeNoNetworkIsolation/);
    const { json } = platform({ sku: ApimSku.consumption(), acknowledgeNoNetworkIsolation: true });
    expect(globalPolicy(json()).getElementsByTagName('rate-limit-by-key').length).toBe(0);
  });

  test('allowPortalPasswordSignIn keeps username/password sign-in, with a warning and a recorded compliance suppression', () => {
    const { json, platform: p } = platform({ allowPortalPasswordSignIn: true });
    expect(portalConfigs(json())).toEqual([]);
    expect(annotationsOf(p, 'warn').join('\n')).toMatch(/\[security opt-out: allowPortalPasswordSignIn\] developers can sign in to the developer portal with a username and password/);
    expect(annotationsOf(p, 'info')).toEqual([expect.stringMatching(/^\[hipaa-suppressed: APIM-PORTAL-SIGN-IN\] Accepted through the named opt-out allowPortalPasswordSignIn: /)]);
  });

  test('V2 tiers switch password sign-in off too; Consumption has no developer portal', () => {
    const v2 = platform({ sku: ApimSku.standardV2(1), allowPublicNetworkAccess: true }).json();
    expect(JSON.parse(portalConfig(v2).template_content).resources[0].properties.enableBasicAuth).toBe(false);
    expect(portalConfig(v2).depends_on).toHaveLength(1);
    const consumption = platform({ sku: ApimSku.consumption(), acknowledgeNoNetworkIsolation: true }).json();
    expect(portalConfigs(consumption)).toEqual([]);
  });

  test('Premium in one zone needs acknowledgeNoZoneRedundancy and warns', () => {
    expect(() => platform({ sku: ApimSku.premium(1) })).toThrow(/Platform: zones give Premium_1 0 availability zone/);
    const { platform: p } = platform({ sku: ApimSku.premium(1), acknowledgeNoZoneRedundancy: true });
    expect(annotationsOf(p, 'warn').join('\n')).toMatch(/\[security opt-out: acknowledgeNoZoneRedundancy\]/);
  });
});

describe('the deployer\'s path to the vault data plane', () => {
  test('an existing runner subnet is let through the vault firewall, with an info annotation', () => {
    const { json, platform: p } = platform({ keyVaultDeployerAccess: KeyVaultDeployerAccess.fromSubnet(RUNNER_SUBNET) });
    const acls = block(onlyResource(json(), 'azurerm_key_vault').network_acls);
    expect(acls.virtual_network_subnet_ids).toContain(RUNNER_SUBNET);
    expect(acls.ip_rules).toEqual([]);
    expect(annotationsOf(p.keyVault, 'info').join()).toMatch(/\[deployer path: keyVaultDeployerAccess\] .*its subnet/);
  });

  test('a private endpoint in the runner network: the certificate waits for it and for the role', () => {
    const zone = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ci/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net';
    const access = KeyVaultDeployerAccess.fromPrivateEndpoint({ subnetId: RUNNER_SUBNET, privateDnsZoneId: zone });
    const { json } = platform({ keyVaultDeployerAccess: access });
    const out = json();
    const [peId, pe] = resourcesOf(out, 'azurerm_private_endpoint').find(([, e]) => block(e.private_service_connection).subresource_names[0] === 'vault')!;
    expect(pe.subnet_id).toBe(RUNNER_SUBNET);
    expect(block(pe.private_dns_zone_group).private_dns_zone_ids).toEqual([zone]);
    // ... and for the vault's event subscription, so its first version raises near-expiry events.
    expect(onlyResource(out, 'azurerm_key_vault_certificate').depends_on).toEqual([
      expect.stringMatching(/^time_sleep\./), `azurerm_private_endpoint.${peId}`, expect.stringMatching(/^azurerm_resource_group_template_deployment\.Platform_KeyVaultExpiry_/),
    ]);
  });

  test('without a path, nothing is written through the data plane and the deployer gets no vault role', () => {
    const vault = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-certs/providers/Microsoft.KeyVault/vaults/certs-kv';
    const { json } = platform({
      keyVaultDeployerAccess: undefined,
      edge: { hostName: 'api.contoso-health.example', keyVaultCertificateSecretId: 'https://certs-kv.vault.azure.net/secrets/api', keyVaultCertificateVaultId: vault },
    });
    const out = json();
    for (const t of ['azurerm_key_vault_certificate', 'azurerm_key_vault_secret', 'azurerm_key_vault_key']) expect(resourcesOf(out, t)).toEqual([]);
    expect(resourcesOf(out, 'azurerm_role_assignment').filter(([, r]) => /client_config/.test(r.principal_id))).toEqual([]);
    expect(block(onlyResource(out, 'azurerm_key_vault').network_acls).ip_rules).toEqual([]);
  });
});

describe('an existing Log Analytics workspace', () => {
  const WORKSPACE = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/law-shared';

  test('is used as is: no workspace is created and Application Insights sends to it', () => {
    const json = platform({ logAnalyticsWorkspaceId: WORKSPACE }).json();
    expect(resourcesOf(json, 'azurerm_log_analytics_workspace')).toEqual([]);
    expect(onlyResource(json, 'azurerm_application_insights').workspace_id).toBe(WORKSPACE);
  });

  test('together with logRetentionSeconds is refused instead of silently ignoring the retention', () => {
    expect(() => platform({ logAnalyticsWorkspaceId: WORKSPACE, logRetentionSeconds: 730 * 86_400 })).toThrow(
      /^test\/Platform: logRetentionSeconds is set together with logAnalyticsWorkspaceId, whose retention this library does not manage, so it would be ignored\. Valid: logRetentionSeconds only for a created workspace/);
  });

  test('AuditLogging on its own refuses existingWorkspaceId with retentionSeconds, naming its own props', () => {
    const stack = newStack();
    expect(() => new AuditLogging(stack, 'Logs', { namePrefix: 'x', resourceGroupName: 'rg', location: 'eastus2', existingWorkspaceId: WORKSPACE, retentionSeconds: 400 * 86_400 }))
      .toThrow(/^test\/Logs: retentionSeconds is set together with existingWorkspaceId/);
    expect(() => new AuditLogging(stack, 'Shared', { namePrefix: 'x', resourceGroupName: 'rg', location: 'eastus2', existingWorkspaceId: WORKSPACE })).not.toThrow();
  });
});

describe('the azurerm provider keeps the portal config when its deployment is destroyed (checked at synth)', () => {
  /** A stack with the three providers, azurerm configured as given. */
  function stackWith(azurerm: AzurermProviderConfig | undefined): TerraformStack {
    const stack = new TerraformStack(Testing.app(), 'test');
    if (azurerm) new AzurermProvider(stack, 'azurerm', azurerm);
    new AzureadProvider(stack, 'azuread', {});
    new TimeProvider(stack, 'time', {});
    return stack;
  }
  const VALID = /Valid: false, set on the stack's azurerm provider: new AzurermProvider\(stack, 'azurerm', \{ features: \[\{ templateDeployment: \[\{ deleteNestedItemsDuringDeletion: false \}\] \}\] \}\)/;

  test('the provider default (features: [{}]) is refused, naming the setting and how to fix it', () => {
    const { stack } = platform({}, stackWith({ features: [{}] }));
    expect(() => Testing.synth(stack, true)).toThrow(new RegExp(
      "\\[test/Platform/PortalConfig\\] test/Platform: the azurerm provider's features\\.template_deployment\\.delete_nested_items_during_deletion is unset \\(the provider defaults to true\\) on test/azurerm, "
      + 'so destroying the portal config deployment \\(test/Platform/PortalConfig\\) sends a DELETE that portalconfigs does not support'));
    expect(() => Testing.synth(stack, true)).toThrow(VALID);
  });

  test('true is refused, a stack without an azurerm provider is refused, and the real synth fails too', () => {
    const explicit = platform({}, stackWith({ features: [{ templateDeployment: [{ deleteNestedItemsDuringDeletion: true }] }] })).stack;
    expect(() => Testing.synth(explicit, true)).toThrow(/delete_nested_items_during_deletion is true on test\/azurerm/);
    const none = platform({}, stackWith(undefined)).stack;
    expect(() => Testing.synth(none, true)).toThrow(/delete_nested_items_during_deletion is unset: the stack test has no default azurerm provider/);
    const app = platform({}, stackWith({ features: [{}] })).stack.node.root as any;
    expect(() => app.synth()).toThrow(/delete_nested_items_during_deletion is unset/);
  });

  test('false passes (newStack sets it); an aliased provider does not count as the default', () => {
    expect(() => Testing.synth(platform().stack, true)).not.toThrow();
    const stack = stackWith({ features: [{}] });
    new AzurermProvider(stack, 'other', { alias: 'other', features: [{ templateDeployment: [{ deleteNestedItemsDuringDeletion: false }] }] });
    expect(() => Testing.synth(platform({}, stack).stack, true)).toThrow(/is unset \(the provider defaults to true\) on test\/azurerm/);
  });

  test('without the portal config deployment (allowPortalPasswordSignIn) there is nothing to check', () => {
    expect(() => Testing.synth(platform({ allowPortalPasswordSignIn: true }, stackWith({ features: [{}] })).stack, true)).not.toThrow();
  });
});

describe('SecureHealthcareApim validation', () => {
  const cases: Array<[string, Partial<SecureHealthcareApimProps> | (() => unknown), RegExp]> = [
    ['name too long', { name: 'a'.repeat(51) }, /Platform: name 'a+' is not a valid API Management name. Valid: 1 to 50/],
    ['name starts with a digit', { name: '1health' }, /Platform: name '1health'/],
    ['name ends with a hyphen', { name: 'health-' }, /Platform: name 'health-'/],
    ['name with underscore', { name: 'health_apim' }, /Platform: name 'health_apim'/],
    ['publisher email', { publisherEmail: 'not-an-email' }, /Platform: publisherEmail 'not-an-email' is not an e-mail address/],
    ['publisher name empty', { publisherName: ' ' }, /Platform: publisherName/],
    ['location', { location: 'East US 2' }, /Platform: location 'East US 2' is not an Azure location name/],
    ['resource group', { resourceGroupName: 'rg health!' }, /Platform: resourceGroupName/],
    ['zones on StandardV2', { sku: ApimSku.standardV2(2), allowPublicNetworkAccess: true, zones: ['1', '2'] }, /Platform: zones are set for StandardV2_2. Valid: zones only with a Premium SKU/],
    ['unknown zone', { zones: ['1', '4'] }, /Platform: zones include '4'/],
    ['zones not dividing capacity', { sku: ApimSku.premium(3), zones: ['1', '2'] }, /do not divide the capacity 3/],
    ['Key Vault name', { keyVaultName: 'kv_bad' }, /Platform: keyVaultName 'kv_bad' is not a valid Key Vault name. Valid: 3 to 24/],
    ['Key Vault name too long', { keyVaultName: 'k'.repeat(25) }, /is not a valid Key Vault name/],
    ['deployer IP range malformed', { keyVaultDeployerAccess: KeyVaultDeployerAccess.fromIpRanges(['203.0.113.0/33']) }, /Platform\/KeyVault: keyVaultDeployerAccess.ipRanges\[0\] '203.0.113.0\/33' is not an IPv4 address or CIDR range/],
    ['deployer IP range private', { keyVaultDeployerAccess: KeyVaultDeployerAccess.fromIpRanges(['10.1.0.0/16']) }, /keyVaultDeployerAccess.ipRanges\[0\] '10.1.0.0\/16' is a private or reserved range.*fromSubnet or fromPrivateEndpoint/],
    ['deployer access empty', { keyVaultDeployerAccess: KeyVaultDeployerAccess.fromIpRanges([]) }, /keyVaultDeployerAccess declares no path/],
    ['deployer subnet not a subnet id', { keyVaultDeployerAccess: KeyVaultDeployerAccess.fromSubnet('snet-runner') }, /keyVaultDeployerAccess.subnetIds\[0\] 'snet-runner' is not a Microsoft.Network\/virtualNetworks\//],
    ['deployer private endpoint zone', { keyVaultDeployerAccess: KeyVaultDeployerAccess.fromPrivateEndpoint({ subnetId: RUNNER_SUBNET, privateDnsZoneId: RUNNER_SUBNET }) }, /keyVaultDeployerAccess.privateEndpoint.privateDnsZoneId .* is not a Microsoft.Network\/privateDnsZones resource id. Valid: .*privateDnsZones\/privatelink.vaultcore.azure.net/],
    ['self-signed edge without deployer path', { keyVaultDeployerAccess: undefined }, /Platform: keyVaultDeployerAccess is not set, but the edge's self-signed certificate \(edge.hostName is not set\) is written through the Key Vault data plane.*Valid: edge.hostName with edge.keyVaultCertificateSecretId/],
    ['rotation wait too long', { rolePropagationSeconds: 3600 }, /rolePropagationSeconds is 3600. Valid: a whole number from 0 to 1800/],
    ['edge certificate in another vault without its id', { edge: { hostName: 'api.example.org', keyVaultCertificateSecretId: 'https://certs-kv.vault.azure.net/secrets/api' } }, /Platform: edge.keyVaultCertificateVaultId is missing, but keyVaultCertificateSecretId 'https:\/\/certs-kv.vault.azure.net\/secrets\/api' is not in the platform vault 'contoso-health-apim-kv'/],
    ['custom domain certificate in another vault without its id', { customDomain: { gatewayHostName: 'api.example.org', keyVaultCertificateSecretId: 'https://certs-kv.vault.azure.net/secrets/api' } }, /Platform: customDomain.keyVaultCertificateVaultId is missing/],
    ['portal secret literal', { developerPortalSignIn: { clientId: '11111111-1111-1111-1111-111111111111', clientSecret: 'hunter2' } }, /Platform: developerPortalSignIn.clientSecret is a literal/],
    ['portal client id not a GUID', { developerPortalSignIn: { clientId: 'x', clientSecret: '${var.s}' } }, /Platform: developerPortalSignIn.clientId 'x' is not a GUID/],
    ['retention too short', { logRetentionSeconds: 30 * 86_400 }, /Platform: logRetentionSeconds is 2592000\. Valid: a multiple of 86400 \(whole days\) between 31536000 \(365 days\) and 63072000 \(730 days\) seconds\./],
    ['retention given in days by mistake', { logRetentionSeconds: 365 }, /Platform: logRetentionSeconds is 365\. Valid: a multiple of 86400/],
    ['retention not whole days', { logRetentionSeconds: 400 * 86_400 + 3600 }, /Platform: logRetentionSeconds is 34563600\./],
    ['retention too long', { logRetentionSeconds: 800 * 86_400 }, /logRetentionSeconds is 69120000/],
    ['too many tags', { tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`t${i}`, 'v'])) }, /Platform: tags has 51 tags. Valid: at most 50 tags/],
    ['bad tag name', { tags: { 'a/b': 'v' } }, /Platform: tags.a\/b is not a valid tag name/],
    ['long tag value', { tags: { a: 'v'.repeat(257) } }, /Platform: tags.a has a value over 256 characters/],
    ['old minimum API version', { minApiVersion: '2018-01-01' }, /Platform: minApiVersion '2018-01-01' allows management API versions/],
    ['malformed API version', { minApiVersion: 'latest' }, /Platform: minApiVersion 'latest' is not an API version/],
    ['rate limit of the wrong type', { clientIpRateLimit: { calls: 10, renewalPeriodSeconds: 60 } as any }, /Platform: clientIpRateLimit is an object, not a RateLimit\. Valid: a RateLimit such as RateLimit\.perMinute\(300\)/],
    ['custom domain host', { customDomain: { gatewayHostName: 'not a host', keyVaultCertificateSecretId: 'https://kv1.vault.azure.net/secrets/c' } }, /Platform: customDomain.gatewayHostName 'not a host' is not a host name/],
    ['custom domain versioned secret', { customDomain: { gatewayHostName: 'api.example.org', keyVaultCertificateSecretId: 'https://kv1.vault.azure.net/secrets/c/0123456789abcdef0123456789abcdef' } }, /customDomain.keyVaultCertificateSecretId .* is not a versionless Key Vault secret id/],
    ['CORS wildcard with credentials', { cors: { allowedOrigins: ['*'], allowCredentials: true } }, /cors: allowCredentials is true with the wildcard origin/],
  ];
  test.each(cases)('%s', (_name, props, error) => {
    expect(() => platform(props as Partial<SecureHealthcareApimProps>)).toThrow(error);
  });

  test.each([
    ['Premium 0', () => ApimSku.premium(0), /ApimSku.Premium: capacity is 0. Valid: a whole number from 1 to 99/],
    ['StandardV2 11', () => ApimSku.standardV2(11), /ApimSku.StandardV2: capacity is 11. Valid: a whole number from 1 to 10/],
    ['PremiumV2 31', () => ApimSku.premiumV2(31), /capacity is 31/],
    ['Basic 3', () => ApimSku.basic(3), /ApimSku.Basic: capacity is 3/],
    ['fractional', () => ApimSku.premium(1.5), /capacity is 1.5/],
  ])('SKU capacity: %s', (_name, make, error) => {
    expect(make).toThrow(error);
  });

  test('a plaintext named value is refused', () => {
    const { platform: p } = platform();
    const { KeyVaultNamedValue } = jest.requireActual('../../lib');
    expect(() => new KeyVaultNamedValue(p, 'Plain', {
      apiManagementName: 'x', resourceGroupName: 'rg', name: 'db-password', keyVaultSecretId: 'https://kv1.vault.azure.net/secrets/a', value: 'hunter2',
    })).toThrow(/Platform\/Plain: value is a plaintext secret value, which is never stored in APIM. Valid: keyVaultSecretId/);
  });
});
