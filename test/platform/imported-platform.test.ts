/**
 * A platform run by another stack, imported with only its name, resource group and SKU: what
 * the import reads at plan time, what it derives by the platform's naming convention, and what
 * it refuses.
 */
import * as fs from 'fs';
import * as path from 'path';
import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { ApimSku, ApimTier } from '../../lib';
import { ValidationError } from '../../lib/core/errors';
import { clientIpExpression } from '../../lib/platform/global-policy';
import { HealthcareApimPlatformAttributes, ImportedHealthcareApimPlatform } from '../../lib/platform/imported-platform';
import { PolicyValue } from '../../lib/policy';
import { block, newStack, onlyResource, resourcesOf, synthJson } from '../util/synth';

const ATTRS: HealthcareApimPlatformAttributes = { name: 'contoso-health-apim', resourceGroupName: 'rg-health', sku: ApimSku.premium(2) };
const OTHER_VAULT = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-secrets/providers/Microsoft.KeyVault/vaults/team-secrets';

function imported(attrs: Partial<HealthcareApimPlatformAttributes> = {}) {
  const stack = newStack('api-team');
  const platform = new ImportedHealthcareApimPlatform(stack, 'Platform', { ...ATTRS, ...attrs });
  return { stack, platform, json: () => synthJson(stack) };
}

/** What a value synthesizes to in a stack (through an output). */
function resolved(stack: TerraformStack, value: unknown): any {
  const id = `probe${stack.node.children.length}`;
  new TerraformOutput(stack, id, { value });
  return synthJson(stack).output[id].value;
}

const APIM = 'data.azurerm_api_management.Platform_Apim_[0-9A-F]{8}';
const CLIENT = 'data.azurerm_client_config.Platform_Client_[0-9A-F]{8}';

function errorOf(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    if (ValidationError.isValidationError(e)) return e;
    throw e;
  }
  throw new Error('expected a ValidationError, nothing was thrown');
}

describe('an imported platform', () => {
  test('reads the instance at plan time, checks its tier there, and creates no resource', () => {
    const { json } = imported();
    const out = json();
    expect(out.resource).toBeUndefined();
    const apim = onlyResource({ resource: out.data }, 'azurerm_api_management');
    expect(apim.name).toBe('contoso-health-apim');
    expect(apim.resource_group_name).toBe('rg-health');
    const post = block(block(apim.lifecycle).postcondition);
    expect(post.condition).toBe('${startswith(self.sku_name, "Premium_")}');
    expect(post.error_message).toContain('Premium');
    expect(resourcesOf({ resource: out.data }, 'azurerm_client_config')).toHaveLength(1);
  });

  test('derives what the platform creates by default: tenant, logger, edge, vault, Defender onboarding', () => {
    const { platform, stack } = imported();
    const resolve = (v: unknown) => resolved(stack, v);
    expect(resolve(platform.tenantId)).toMatch(new RegExp(`^\\$\\{${CLIENT}\\.tenant_id\\}$`));
    expect(resolve(platform.apiLoggerId)).toMatch(new RegExp(`^\\$\\{${APIM}\\.id\\}/loggers/appinsights$`));
    expect(platform.behindEdge).toBe(true);
    expect(platform.edgeMaxRequestBodyBytes).toBe(1_048_576);
    expect(platform.hasGlobalCors).toBe(false);
    expect(platform.allowDestroy).toBe(false);
    expect(platform.onboardsApisToDefender).toBe(true);
    expect(platform.keyVaultAccess).toEqual([]);
    expect(resolve(platform.callerUrl)).toMatch(new RegExp(`^https://contoso-health-apim-edge\\.\\$\\{${APIM}\\.location\\}\\.cloudapp\\.azure\\.com$`));
    expect(resolve(platform.instancePrincipalId)).toMatch(new RegExp(`${APIM}\\.identity\\[0\\]\\.principal_id`));
    expect(platform.clientIpExpression.text).toBe(clientIpExpression(true).text);
    expect(platform.clientIpExpression.text).toContain('X-Forwarded-For');
    expect(resolve(platform._keyVaultId)).toMatch(new RegExp(`^/subscriptions/\\$\\{${CLIENT}\\.subscription_id\\}`
      + '/resourceGroups/rg-health/providers/Microsoft\\.KeyVault/vaults/contoso-health-apim-kv$'));
  });

  test('behindEdge defaults to the SKU\'s supportsNetworkIsolation, for every tier, as its doc lists them', () => {
    const skus = [ApimSku.developer(), ApimSku.premium(1), ApimSku.premiumV2(1), ApimSku.standardV2(1), ApimSku.basic(1), ApimSku.consumption()];
    expect(new Set(skus.map((s) => s.tier))).toEqual(new Set(Object.values(ApimTier)));
    const byDefault = skus.map((sku) => [sku.tier, imported({ sku }).platform.behindEdge]);
    expect(byDefault).toEqual(skus.map((sku) => [sku.tier, sku.supportsNetworkIsolation]));
    const jsii = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '.jsii'), 'utf8'));
    const doc: string = jsii.types['cdktf-healthcare-apim.HealthcareApimPlatformAttributes'].properties.find((p: any) => p.name === 'behindEdge').docs.default;
    const [isolated, others] = doc.split('; false');
    const named = (text: string) => skus.map((s) => s.tier).filter((t) => new RegExp(`\\b${t}\\b`).test(text)).sort();
    expect(named(isolated)).toEqual(skus.filter((s) => s.supportsNetworkIsolation).map((s) => s.tier).sort());
    expect(named(others)).toEqual(skus.filter((s) => !s.supportsNetworkIsolation).map((s) => s.tier).sort());
  });

  test('a public SKU is not behind an edge and reads the gateway URL; Consumption onboards nothing', () => {
    const { platform, stack } = imported({ sku: ApimSku.consumption() });
    expect(platform.behindEdge).toBe(false);
    expect(platform.edgeMaxRequestBodyBytes).toBeUndefined();
    expect(platform.onboardsApisToDefender).toBe(false);
    expect(resolved(stack, platform.callerUrl)).toMatch(new RegExp(`^\\$\\{${APIM}\\.gateway_url\\}$`));
    expect(platform.clientIpExpression.text).toBe(PolicyValue.expression('context.Request.IpAddress').text);
  });

  test('a name known only at deploy time (a variable) is read at plan; the vault name must then be given to tell its secrets', () => {
    const stack = newStack('api-team');
    const name = new TerraformVariable(stack, 'apim_name', { type: 'string' });
    const platform = new ImportedHealthcareApimPlatform(stack, 'Platform', { ...ATTRS, name: name.stringValue });
    expect(onlyResource({ resource: synthJson(stack).data }, 'azurerm_api_management').name).toBe('${var.apim_name}');
    expect(() => platform.addSecretNamedValue('K', { name: 'k', keyVaultSecretId: 'https://contoso-health-apim-kv.vault.azure.net/secrets/k' }))
      .toThrow(/keyVaultId is missing, .*unknown: the name is a token; give keyVaultName/);
    const named = new ImportedHealthcareApimPlatform(stack, 'Named', { ...ATTRS, name: name.stringValue, keyVaultName: 'contoso-health-apim-kv' });
    expect(named.addSecretNamedValue('K', { name: 'k', keyVaultSecretId: 'https://contoso-health-apim-kv.vault.azure.net/secrets/k' }).name).toBe('k');
  });

  test('takes what differs from the defaults', () => {
    const { platform } = imported({
      tenantId: '11111111-1111-1111-1111-111111111111',
      callerUrl: 'https://api.contoso-health.example',
      edgeMaxRequestBodyBytes: 2_048_000,
      hasGlobalCors: true,
      allowDestroy: true,
      onboardApisToDefender: false,
    });
    expect(platform.tenantId).toBe('11111111-1111-1111-1111-111111111111');
    expect(platform.callerUrl).toBe('https://api.contoso-health.example');
    expect(platform.edgeMaxRequestBodyBytes).toBe(2_048_000);
    expect([platform.hasGlobalCors, platform.allowDestroy, platform.onboardsApisToDefender]).toEqual([true, true, false]);
  });

  test.each<[Partial<HealthcareApimPlatformAttributes>, string, string]>([
    [{ name: 'Bad_Name' }, 'name', ''],
    [{ sku: { tier: 'Premium', capacity: 2 } as any }, 'sku', 'is not an ApimSku'],
    [{ tenantId: 'contoso' }, 'tenantId', ''],
    [{ sku: ApimSku.basic(1), behindEdge: true }, 'behindEdge', 'cannot be isolated'],
    [{ behindEdge: false, edgeMaxRequestBodyBytes: 524_288 }, 'edgeMaxRequestBodyBytes', 'behindEdge is false'],
    [{ edgeMaxRequestBodyBytes: 4_194_304 }, 'edgeMaxRequestBodyBytes', ''],
    [{ callerUrl: 'http://api.contoso-health.example' }, 'callerUrl', ''],
    [{ apiLoggerId: 'appinsights' }, 'apiLoggerId', ''],
    [{ keyVaultName: 'kv' }, 'keyVaultName', ''],
    [{ sku: ApimSku.consumption(), onboardApisToDefender: true }, 'onboardApisToDefender', 'Consumption'],
  ])('refuses %j naming %s', (attrs, prop, problem) => {
    const e = errorOf(() => imported(attrs));
    expect(e.constructPath).toBe('api-team/Platform');
    expect(e.prop).toBe(prop);
    expect(e.problem).toContain(problem);
  });
});

describe('what an API team adds to an imported platform', () => {
  test('a named value from the platform vault needs no grant; one from another vault grants the instance there', () => {
    const { platform, json } = imported();
    platform.addSecretNamedValue('BackendKey', { name: 'backend-key', keyVaultSecretId: 'https://contoso-health-apim-kv.vault.azure.net/secrets/backend-key' });
    platform.addSecretNamedValue('PartnerKey', { name: 'partner-key', keyVaultSecretId: 'https://team-secrets.vault.azure.net/secrets/partner', keyVaultId: OTHER_VAULT });
    const out = json();
    const values = resourcesOf(out, 'azurerm_api_management_named_value');
    expect(values.map(([, v]) => v.name).sort()).toEqual(['backend-key', 'partner-key']);
    const backend = values.find(([, v]) => v.name === 'backend-key')![1];
    expect(backend.depends_on).toBeUndefined();
    expect(backend.api_management_name).toBe('contoso-health-apim');
    const grant = onlyResource(out, 'azurerm_role_assignment');
    expect(grant.scope).toBe(OTHER_VAULT);
    expect(grant.role_definition_name).toBe('Key Vault Secrets User');
    expect(grant.principal_id).toMatch(new RegExp(`${APIM}\\.identity\\[0\\]\\.principal_id`));
    const partner = values.find(([, v]) => v.name === 'partner-key')![1];
    expect(partner.depends_on).toEqual([expect.stringContaining('time_sleep.Platform_PartnerKeySecretsUserPropagation')]);
  });

  test('a secret outside the platform vault without its vault id is refused', () => {
    const { platform } = imported();
    const e = errorOf(() => platform.addSecretNamedValue('X', { name: 'x', keyVaultSecretId: 'https://team-secrets.vault.azure.net/secrets/x' }));
    expect(e.constructPath).toBe('api-team/Platform/X');
    expect(e.prop).toBe('keyVaultId');
  });

  test('onboarding to Defender for APIs happens in the API team\'s stack, once per API', () => {
    const { platform, json } = imported();
    expect(platform.onboardApiToDefender('patients-v1')).toBe(platform.onboardApiToDefender('patients-v1'));
    const deployment = onlyResource(json(), 'azurerm_resource_group_template_deployment');
    expect(JSON.parse(deployment.parameters_content)).toEqual({ serviceName: { value: 'contoso-health-apim' }, apiName: { value: 'patients-v1' } });
  });

  test('writing secrets into the platform vault from the API team\'s stack is refused', () => {
    const { platform, stack } = imported();
    const e = errorOf(() => platform._keyVaultSecretWrites(stack, 'the subscription keys', 'storeSubscriptionKeysInKeyVault: false'));
    expect(e.prop).toBe('platform');
    expect(e.problem).toContain('fromPlatformAttributes');
    expect(e.valid).toContain('storeSubscriptionKeysInKeyVault: false');
  });
});
