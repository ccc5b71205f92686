/** The example stacks synthesize, stay secure by default, and are pinned by snapshots. */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { PatientRecordsStack } from '../../examples/patient-records/stack';
import { SeedParityStack } from '../../examples/seed-parity/stack';
import { configureStateBackend, STATE_ENV } from '../../examples/state/backend';
import { StateStorageStack, stateStoragePropsFromEnv } from '../../examples/state/state-storage-stack';
import { HealthcareCompliance } from '../../lib';
import { block, errorsUnder, onlyResource, resourcesOf, synthJson } from '../util/synth';
import { parseXml } from '../util/xml';

const root = path.resolve(__dirname, '..', '..');

describe('examples/seed-parity', () => {
  const stack = new SeedParityStack(Testing.app(), 'seed-parity');
  const json = synthJson(stack);

  test('snapshot', () => {
    expect(json).toMatchSnapshot();
  });

  test('a resource group, the platform, a product requiring approval with a limit of 1, a consumer group, an HTTPS API at healthcare and the gateway URL output', () => {
    expect(onlyResource(json, 'azurerm_resource_group').name).toBe('rg-seed-health');
    expect(onlyResource(json, 'azurerm_api_management').name).toBe('seed-health-apim');
    expect(onlyResource(json, 'azurerm_api_management_product')).toMatchObject({ approval_required: true, subscriptions_limit: 1, subscription_required: true, published: true });
    expect(onlyResource(json, 'azurerm_api_management_group').type).toBe('external');
    expect(onlyResource(json, 'azurerm_api_management_api')).toMatchObject({ path: 'healthcare', protocols: ['https'] });
    expect(json.output.gateway_url.value).toMatch(/^\$\{azurerm_application_gateway\.|^https:\/\//);
  });

  test('the compliance checks are on and find nothing', () => {
    expect(HealthcareCompliance.of(stack).report().findings).toBe(0);
    expect(errorsUnder(stack)).toEqual([]);
  });

  test('keeps the undeletable portal config when the portal config deployment is destroyed', () => {
    expect(block(block(block(json.provider.azurerm).features).template_deployment)).toEqual({ delete_nested_items_during_deletion: false });
  });

  test('uses the local backend by default', () => {
    expect(json.terraform.backend).toEqual({ local: { path: 'terraform.seed-parity.tfstate' } });
  });
});

describe('examples/patient-records', () => {
  const stack = new PatientRecordsStack(Testing.app(), 'patient-records');
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
    expect(onlyResource(json, 'azurerm_api_management_backend').url).toBe('https://contosohealthws-patients.fhir.azurehealthcareapis.com');
  });

  test('FHIR: Entra ID authentication, no wildcard CORS, private endpoint on the workspace, reached with the managed identity', () => {
    const fhir = onlyResource(json, 'azurerm_healthcare_fhir_service');
    expect(block(fhir.authentication)).toMatchObject({ audience: 'https://contosohealthws-patients.fhir.azurehealthcareapis.com' });
    expect(block(fhir.authentication).authority).toMatch(/^https:\/\/login\.microsoftonline\.com\/\$\{data\.azurerm_client_config\./);
    expect(JSON.stringify(fhir.cors ?? {})).not.toContain('*');
    const endpoints = resourcesOf(json, 'azurerm_private_endpoint').map(([, e]) => block(e.private_service_connection));
    expect(endpoints).toContainEqual(expect.objectContaining({ subresource_names: ['healthcareworkspace'], private_connection_resource_id: expect.stringMatching(/^\$\{azurerm_healthcare_workspace\./) }));
    const grant = resourcesOf(json, 'azurerm_role_assignment').map(([, r]) => r).find((r) => r.role_definition_name === 'FHIR Data Contributor');
    expect(grant.principal_id).toMatch(/^\$\{azurerm_api_management\.Platform_Apim_[0-9A-F]+\.identity\[0\]\.principal_id\}$/);
    expect(onlyResource(json, 'azurerm_healthcare_workspace').lifecycle).toEqual({ prevent_destroy: true });
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
    expect(Object.keys(json.output).sort()).toEqual(['fhir_url', 'gateway_url', 'patients_api_audience', 'patients_url', 'workspace_id']);
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
  test('synthesizes every example into the output directory, with the evidence reports beside the platform stacks', () => {
    expect(JSON.parse(fs.readFileSync(path.join(root, 'cdktf.json'), 'utf8')).app).toContain('examples/main.ts');
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'healthcare-apim-examples-'));
    try {
      execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(root, 'examples', 'main.ts')], {
        cwd: root, env: { ...process.env, CDKTF_OUTDIR: outdir, TS_NODE_PROJECT: path.join(root, 'examples', 'tsconfig.json') }, stdio: 'pipe',
      });
      for (const name of ['seed-parity', 'patient-records', 'state-storage']) {
        expect(fs.existsSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'))).toBe(true);
      }
      for (const name of ['seed-parity', 'patient-records']) {
        expect(JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', name, 'hipaa-evidence.json'), 'utf8')).findings).toBe(0);
      }
      expect(fs.readFileSync(path.join(outdir, 'stacks', 'patient-records', 'hipaa-evidence.md'), 'utf8')).toContain('## 164.312(e)(1) Transmission security: PASS');
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
