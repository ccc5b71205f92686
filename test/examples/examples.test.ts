/** The example stacks synthesize, stay secure by default, and are pinned by snapshots. */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { PatientRecordsStack } from '../../examples/patient-records/stack';
import { PLACEHOLDER_BACKEND, SeedParityStack } from '../../examples/seed-parity/stack';
import { configureStateBackend, STATE_ENV } from '../../examples/state/backend';
import { StateStorageStack, stateStoragePropsFromEnv } from '../../examples/state/state-storage-stack';
import { HealthcareCompliance } from '../../lib';
import { block, errorsUnder, onlyResource, resourcesOf, synthJson } from '../util/synth';
import { parseXml } from '../util/xml';

const root = path.resolve(__dirname, '..', '..');

describe('examples/seed-parity', () => {
  const stack = new SeedParityStack(Testing.app(), 'seed-parity', { nameSuffix: 'demo1' });
  const json = synthJson(stack);

  test('snapshot', () => {
    expect(json).toMatchSnapshot();
  });

  test('a resource group, the platform, a product requiring approval with a limit of 1, a consumer group, an HTTPS API at healthcare and the gateway URL output', () => {
    expect(onlyResource(json, 'azurerm_resource_group').name).toBe('rg-seed-health-demo1');
    expect(onlyResource(json, 'azurerm_api_management').name).toBe('seed-health-demo1');
    expect(onlyResource(json, 'azurerm_api_management_product')).toMatchObject({ approval_required: true, subscriptions_limit: 1, subscription_required: true, published: true });
    expect(onlyResource(json, 'azurerm_api_management_group').type).toBe('external');
    expect(onlyResource(json, 'azurerm_api_management_api')).toMatchObject({ path: 'healthcare', protocols: ['https'] });
    expect(json.output.gateway_url.value).toMatch(/^\$\{azurerm_application_gateway\.|^https:\/\//);
  });

  test('the compliance checks are on and find nothing', () => {
    expect(HealthcareCompliance.of(stack).report().findings).toBe(0);
    expect(errorsUnder(stack)).toEqual([]);
  });

  test('sized for a trial: one Developer unit, still isolated behind the edge', () => {
    const apim = onlyResource(json, 'azurerm_api_management');
    expect(apim.sku_name).toBe('Developer_1');
    expect(apim.virtual_network_type).toBe('Internal');
    expect(apim.zones).toBeUndefined();
    expect(onlyResource(json, 'azurerm_key_vault').name).toBe('seed-health-demo1-kv');
  });

  test('the deployer path is the pipeline\'s egress, passed as a variable at deploy time', () => {
    expect(json.variable.deployer_ip_ranges.type).toBe('list(string)');
    expect(block(onlyResource(json, 'azurerm_key_vault').network_acls).ip_rules).toBe('${var.deployer_ip_ranges}');
    // The certificate waits for the deployer's role and for the vault's event subscription (its first version raises near-expiry events).
    expect(onlyResource(json, 'azurerm_key_vault_certificate').depends_on).toEqual([
      expect.stringMatching(/^time_sleep\./), expect.stringMatching(/^azurerm_resource_group_template_deployment\.Platform_KeyVaultExpiry_/),
    ]);
  });

  test('callers get what they need: a pre-approved subscription, a daemon app with the role, and the outputs to call with', () => {
    expect(onlyResource(json, 'azurerm_api_management_subscription')).toMatchObject({ state: 'active', allow_tracing: false });
    // The group and the daemon app hold Records.Read.
    expect(resourcesOf(json, 'azuread_app_role_assignment').map(([, r]) => r.principal_object_id.split('.')[0]).sort())
      .toEqual(['${azuread_group', '${azuread_service_principal']);
    expect(Object.keys(json.output).sort()).toEqual(['api_audience', 'gateway_url', 'tenant_id', 'trial_client_id', 'trial_subscription_key']);
    expect(json.output.trial_subscription_key.sensitive).toBe(true);
    // The placeholder backend is labelled so, and never resolves.
    expect(onlyResource(json, 'azurerm_api_management_backend').url).toBe(PLACEHOLDER_BACKEND);
    expect(PLACEHOLDER_BACKEND).toMatch(/\.invalid$/);
  });

  test('keeps the undeletable portal config when the portal config deployment is destroyed', () => {
    expect(block(block(block(json.provider.azurerm).features).template_deployment)).toEqual({ delete_nested_items_during_deletion: false });
  });

  test('uses the local backend by default', () => {
    expect(json.terraform.backend).toEqual({ local: { path: 'terraform.seed-parity.tfstate' } });
  });
});

describe('examples/patient-records', () => {
  const stack = new PatientRecordsStack(Testing.app(), 'patient-records', { nameSuffix: 'demo1' });
  const json = synthJson(stack);

  test('snapshot', () => {
    expect(json).toMatchSnapshot();
  });

  test('the platform is isolated behind the WAF', () => {
    expect(onlyResource(json, 'azurerm_api_management').virtual_network_type).toBe('Internal');
    expect(block(onlyResource(json, 'azurerm_web_application_firewall_policy').policy_settings).mode).toBe('Prevention');
    expect(block(onlyResource(json, 'azurerm_application_gateway').sku).tier).toBe('WAF_v2');
  });

  test('the Patients API: GET, POST, PUT, DELETE, rewritten to the FHIR Patient resource', () => {
    const ops = resourcesOf(json, 'azurerm_api_management_api_operation').map(([, o]) => `${o.method} ${o.url_template}`).sort();
    expect(ops).toEqual(['DELETE /patients/{id}', 'GET /patients/{id}', 'POST /patients', 'PUT /patients/{id}']);
    const rewrites = resourcesOf(json, 'azurerm_api_management_api_operation_policy')
      .map(([, p]) => parseXml(p.xml_content).getElementsByTagName('rewrite-uri')[0]?.getAttribute('template')).sort();
    expect(rewrites).toEqual(['/Patient', '/Patient/{id}', '/Patient/{id}', '/Patient/{id}']);
    expect(onlyResource(json, 'azurerm_api_management_backend').url).toBe('https://contosohealthdemo1-patients.fhir.azurehealthcareapis.com');
  });

  test('FHIR: Entra ID authentication, no wildcard CORS, private endpoint on the workspace, reached with the managed identity', () => {
    const fhir = onlyResource(json, 'azurerm_healthcare_fhir_service');
    expect(block(fhir.authentication)).toMatchObject({ audience: 'https://contosohealthdemo1-patients.fhir.azurehealthcareapis.com' });
    expect(block(fhir.authentication).authority).toMatch(/^https:\/\/login\.microsoftonline\.com\/\$\{data\.azurerm_client_config\./);
    expect(JSON.stringify(fhir.cors ?? {})).not.toContain('*');
    const endpoints = resourcesOf(json, 'azurerm_private_endpoint').map(([, e]) => block(e.private_service_connection));
    expect(endpoints).toContainEqual(expect.objectContaining({ subresource_names: ['healthcareworkspace'], private_connection_resource_id: expect.stringMatching(/^\$\{azurerm_healthcare_workspace\./) }));
    // Least privilege for GET/POST/PUT/DELETE (soft delete): Writer, not Contributor.
    expect(resourcesOf(json, 'azurerm_role_assignment').map(([, r]) => r.role_definition_name).filter((n) => n.startsWith('FHIR'))).toEqual(['FHIR Data Writer']);
    const [grantId, grant] = resourcesOf(json, 'azurerm_role_assignment').find(([, r]) => r.role_definition_name === 'FHIR Data Writer')!;
    expect(grant.principal_id).toMatch(/^\$\{azurerm_api_management\.Platform_Apim_[0-9A-F]+\.identity\[0\]\.principal_id\}$/);
    // The API's backend waits for the role to propagate.
    const wait = resourcesOf(json, 'time_sleep').find(([, t]) => t.depends_on?.includes(`azurerm_role_assignment.${grantId}`))!;
    expect(onlyResource(json, 'azurerm_api_management_backend').depends_on).toEqual([`time_sleep.${wait[0]}`]);
    expect(onlyResource(json, 'azurerm_healthcare_workspace').lifecycle).toEqual({ prevent_destroy: true });
  });

  test('the PHI store is audited: FHIR AuditLogs to the workspace, and the API forwards the caller identity FHIR records', () => {
    const [, setting] = resourcesOf(json, 'azurerm_monitor_diagnostic_setting').find(([, d]) => d.target_resource_id.startsWith('${azurerm_healthcare_fhir_service.'))!;
    expect(setting).toMatchObject({ log_analytics_destination_type: 'Dedicated', log_analytics_workspace_id: expect.stringMatching(/^\$\{azurerm_log_analytics_workspace\./) });
    // allLogs: AuditLogs is the FHIR service's only log category, so the group is exactly it (and whatever Azure adds).
    expect([].concat(setting.enabled_log)).toEqual([{ category_group: 'allLogs' }]);
    const inbound = parseXml(onlyResource(json, 'azurerm_api_management_api_policy').xml_content).getElementsByTagName('inbound')[0];
    const headers = Array.from(inbound.getElementsByTagName('set-header') as unknown as ArrayLike<Element>).map((h) => h.getAttribute('name')!)
      .filter((n) => n.startsWith('X-MS-AZUREFHIR-AUDIT-'));
    expect(headers).toEqual(['X-MS-AZUREFHIR-AUDIT-CALLER-OID', 'X-MS-AZUREFHIR-AUDIT-CALLER-APPID', 'X-MS-AZUREFHIR-AUDIT-CALLER-TID', 'X-MS-AZUREFHIR-AUDIT-APIM-REQUEST-ID']);
  });

  test('a security workbook over the workspace, with a stable UUID name', () => {
    const workbook = onlyResource(json, 'azurerm_application_insights_workbook');
    expect(workbook.name).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(workbook.name).toBe(onlyResource(synthJson(new PatientRecordsStack(Testing.app(), 'patient-records', { nameSuffix: 'demo1' })), 'azurerm_application_insights_workbook').name);
    expect(workbook.source_id).toMatch(/^\$\{lower\(azurerm_log_analytics_workspace\./);
    expect(JSON.parse(workbook.data_json.replace(/\$\{[^}]+\}/g, 'ref')).version).toBe('Notebook/1.0');
  });

  test('the workspace private endpoint uses the workspace zones and is created after the FHIR service', () => {
    const [, pe] = resourcesOf(json, 'azurerm_private_endpoint').find(([, e]) => block(e.private_service_connection).subresource_names[0] === 'healthcareworkspace')!;
    const zoneNames = Object.fromEntries(resourcesOf(json, 'azurerm_private_dns_zone').map(([id, z]) => [`\${azurerm_private_dns_zone.${id}.id}`, z.name]));
    expect(block(pe.private_dns_zone_group).private_dns_zone_ids.map((id: string) => zoneNames[id]).sort())
      .toEqual(['privatelink.fhir.azurehealthcareapis.com', 'privatelink.workspace.azurehealthcareapis.com']);
    expect(pe.depends_on).toEqual([expect.stringMatching(/^azurerm_healthcare_fhir_service\./)]);
  });

  test('the edge serves your certificate from your vault: no data-plane write, no deployer path', () => {
    expect(resourcesOf(json, 'azurerm_key_vault_certificate')).toEqual([]);
    expect(resourcesOf(json, 'azurerm_key_vault_secret')).toEqual([]);
    expect(block(onlyResource(json, 'azurerm_key_vault').network_acls).ip_rules).toEqual([]);
    const agw = onlyResource(json, 'azurerm_application_gateway');
    expect(block(agw.ssl_certificate).key_vault_secret_id).toBe('${var.edge_certificate_secret_id}');
    expect(resourcesOf(json, 'azurerm_role_assignment').find(([, r]) => r.scope === '${var.edge_certificate_vault_id}')![1].role_definition_name).toBe('Key Vault Secrets User');
  });

  test('two consumer groups: clinicians read/write, billing read-only', () => {
    const products = resourcesOf(json, 'azurerm_api_management_product').map(([, p]) => p.product_id).sort();
    expect(products).toEqual(['billing', 'clinicians']);
    expect(resourcesOf(json, 'azuread_app_role_assignment').map(([id]) => id.replace(/_[0-9A-F]+$/, '')).sort()).toEqual([
      'Billing_RoleAssignment-patients-v1-PatientRead', 'Clinicians_RoleAssignment-patients-v1-PatientRead', 'Clinicians_RoleAssignment-patients-v1-PatientWrite',
    ]);
  });

  test('the compliance checks are on and find nothing', () => {
    const report = HealthcareCompliance.of(stack).report();
    expect(report.findings).toBe(0);
    expect(errorsUnder(stack)).toEqual([]);
  });

  test('useful outputs', () => {
    expect(Object.keys(json.output).sort()).toEqual(['edge_ip', 'fhir_url', 'gateway_url', 'patients_api_audience', 'patients_url', 'workspace_id']);
  });
});

describe('examples/state', () => {
  test('the azurerm backend with Entra ID auth when the environment names a state account', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    configureStateBackend(stack, 'patient-records', { [STATE_ENV.storageAccount]: 'contosohealthtfstate', [STATE_ENV.resourceGroup]: 'rg-state' });
    expect(synthJson(stack).terraform.backend).toEqual({
      azurerm: { container_name: 'tfstate', key: 'patient-records.tfstate', resource_group_name: 'rg-state', storage_account_name: 'contosohealthtfstate', use_azuread_auth: true },
    });
  });

  test('the state storage account: encrypted, no shared keys, no public blobs, firewall deny, versioning, protected from destroy', () => {
    const stack = new StateStorageStack(Testing.app(), 'state-storage', stateStoragePropsFromEnv({ [STATE_ENV.deployerIpRanges]: '198.51.100.7, 198.51.100.0/28' }));
    const json = synthJson(stack);
    expect(json).toMatchSnapshot();
    const account = onlyResource(json, 'azurerm_storage_account');
    expect(account).toMatchObject({
      infrastructure_encryption_enabled: true,
      min_tls_version: 'TLS1_2',
      https_traffic_only_enabled: true,
      shared_access_key_enabled: false,
      allow_nested_items_to_be_public: false,
      lifecycle: { prevent_destroy: true },
    });
    expect(block(account.network_rules)).toMatchObject({ default_action: 'Deny', ip_rules: ['198.51.100.7', '198.51.100.0/28'] });
    expect(block(block(account.blob_properties)).versioning_enabled).toBe(true);
    expect(onlyResource(json, 'azurerm_storage_container').container_access_type).toBe('private');
  });
});

describe('examples/main.ts (what cdktf.json runs)', () => {
  test('refuses a name suffix that would make invalid names', () => {
    expect(() => execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(root, 'examples', 'main.ts')], {
      cwd: root, env: { ...process.env, TS_NODE_PROJECT: path.join(root, 'examples', 'tsconfig.json'), EXAMPLE_NAME_SUFFIX: 'Bad_Suffix', CDKTF_OUTDIR: os.tmpdir() }, stdio: 'pipe',
    })).toThrow(/EXAMPLE_NAME_SUFFIX 'Bad_Suffix' is not a name suffix/);
  });

  test('synthesizes every example into the output directory, with the evidence reports beside the platform stacks', () => {
    expect(JSON.parse(fs.readFileSync(path.join(root, 'cdktf.json'), 'utf8')).app).toContain('examples/main.ts');
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'healthcare-apim-examples-'));
    try {
      execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(root, 'examples', 'main.ts')], {
        cwd: root, env: { ...process.env, CDKTF_OUTDIR: outdir, TS_NODE_PROJECT: path.join(root, 'examples', 'tsconfig.json'), EXAMPLE_NAME_SUFFIX: 'ci42' }, stdio: 'pipe',
      });
      // One suffix names every globally unique resource.
      const seed = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'seed-parity', 'cdk.tf.json'), 'utf8'));
      expect(Object.values(seed.resource.azurerm_api_management).map((a: any) => a.name)).toEqual(['seed-health-ci42']);
      expect(Object.values(seed.resource.azurerm_key_vault).map((a: any) => a.name)).toEqual(['seed-health-ci42-kv']);
      for (const name of ['seed-parity', 'patient-records', 'state-storage']) {
        expect(fs.existsSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'))).toBe(true);
      }
      for (const name of ['seed-parity', 'patient-records']) {
        const evidence = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', name, 'hipaa-evidence.json'), 'utf8'));
        expect(evidence.findings).toBe(0);
        // Fully evidenced: no rule met an expression it could not decide.
        expect([name, evidence.summary.unknown, evidence.summary.fail]).toEqual([name, 0, 0]);
      }
      expect(fs.readFileSync(path.join(outdir, 'stacks', 'patient-records', 'hipaa-evidence.md'), 'utf8')).toContain('## 164.312(e)(1) Transmission security: PASS');
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
