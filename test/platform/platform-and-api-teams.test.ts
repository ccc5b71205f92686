/**
 * The platform team and the API teams apart: one stack owns API Management, another publishes
 * an API, a version and its consumers on it through `fromPlatformAttributes`. The API team's
 * stack holds only what the team owns and passes the compliance pack on its own.
 */
import { App, TerraformStack, Testing } from 'cdktf';
import {
  ApimSku, ConsumerGroup, HealthcareCompliance, IHealthcareApimPlatform, ProtectedApi, SecureHealthcareApim,
} from '../../lib';
import { PATIENTS, PLATFORM_PROPS } from '../api/fixtures';
import { errorsUnder, newStack, resourcesOf, synthJson } from '../util/synth';

/** The platform team's stack and an API team's stack in one app, as two pipelines would deploy them. */
function twoStacks() {
  const app = Testing.app();
  const platformStack = newStack('platform', app);
  const platform = new SecureHealthcareApim(platformStack, 'Platform', PLATFORM_PROPS);
  HealthcareCompliance.of(platformStack);

  const apiStack = newStack('patients-team', app);
  const imported = SecureHealthcareApim.fromPlatformAttributes(apiStack, 'Platform', {
    name: PLATFORM_PROPS.name, resourceGroupName: PLATFORM_PROPS.resourceGroupName, sku: ApimSku.premium(2),
  });
  const v1 = new ProtectedApi(apiStack, 'Patients', { platform: imported, ...PATIENTS });
  const v2 = v1.addVersion('PatientsV2', {
    version: 'v2',
    operations: [
      { method: 'GET', urlTemplate: '/patients/{id}', requiredRoles: ['Patient.Read'] },
      { method: 'GET', urlTemplate: '/patients/{id}/history', requiredRoles: ['Patient.History'] },
    ],
  });
  const group = new ConsumerGroup(apiStack, 'Clinicians', { platform: imported, name: 'clinicians', apis: [v1, v2], roles: ['Patient.Read', 'Patient.History'] });
  const compliance = HealthcareCompliance.of(apiStack);
  return { app, platformStack, platform, apiStack, imported, v1, v2, group, compliance };
}

describe('a platform stack and an API team stack', () => {
  const { platformStack, platform, apiStack, imported, v1, compliance } = twoStacks();
  const api = synthJson(apiStack);
  const own = synthJson(platformStack);

  test('the API team\'s stack has no API Management instance, only what the team owns', () => {
    expect(resourcesOf(api, 'azurerm_api_management')).toEqual([]);
    expect(Object.keys(api.data.azurerm_api_management)).toHaveLength(1);
    const types = Object.keys(api.resource).sort();
    expect(types).toEqual(expect.arrayContaining([
      'azurerm_api_management_api', 'azurerm_api_management_api_operation', 'azurerm_api_management_api_policy',
      'azurerm_api_management_api_version_set', 'azurerm_api_management_backend', 'azurerm_api_management_product',
      'azurerm_api_management_group', 'azuread_application', 'azuread_service_principal', 'azuread_app_role_assignment',
    ]));
    // Nothing of the platform: no vault, network, edge, workspace, global policy or monitoring.
    for (const type of ['azurerm_key_vault', 'azurerm_virtual_network', 'azurerm_application_gateway', 'azurerm_log_analytics_workspace',
      'azurerm_api_management_policy', 'azurerm_monitor_action_group', 'azurerm_security_center_subscription_pricing']) {
      expect([type, resourcesOf(api, type).length]).toEqual([type, 0]);
    }
    expect(resourcesOf(own, 'azurerm_api_management')).toHaveLength(1);
    expect(resourcesOf(own, 'azurerm_api_management_api')).toEqual([]);
  });

  test('the API team\'s resources name the platform\'s instance and logger by the platform\'s naming', () => {
    for (const [, a] of resourcesOf(api, 'azurerm_api_management_api')) {
      expect(a.api_management_name).toBe('contoso-health-apim');
      expect(a.resource_group_name).toBe('rg-health');
    }
    const diagnostic = resourcesOf(api, 'azurerm_api_management_api_diagnostic')[0][1];
    expect(diagnostic.api_management_logger_id).toMatch(/^\$\{data\.azurerm_api_management\.Platform_Apim_[0-9A-F]{8}\.id\}\/loggers\/appinsights$/);
    // The platform's logger has that name.
    expect(resourcesOf(own, 'azurerm_api_management_logger').map(([, l]) => l.name)).toEqual(['appinsights']);
  });

  test('both stacks read the client IP the same way (the platform is behind its edge)', () => {
    expect(imported.behindEdge).toBe(platform.behindEdge);
    expect(imported.clientIpExpression.text).toBe(platform.clientIpExpression.text);
    expect(imported.edgeMaxRequestBodyBytes).toBe(platform.edgeMaxRequestBodyBytes);
    expect(platform.edgeMaxRequestBodyBytes).toBe(1_048_576);
  });

  test('the API team\'s stack passes the compliance pack on its own', () => {
    const report = compliance.report();
    expect(report.findings).toBe(0);
    expect(report.summary.fail).toBe(0);
    expect(report.summary.pass).toBeGreaterThan(0);
    expect(errorsUnder(apiStack)).toEqual([]);
    expect(errorsUnder(platformStack)).toEqual([]);
  });

  test('APIs on the imported platform onboard themselves to Defender for APIs in the team\'s stack', () => {
    const onboardings = resourcesOf(api, 'azurerm_resource_group_template_deployment').map(([, d]) => JSON.parse(d.parameters_content).apiName.value);
    expect(onboardings.sort()).toEqual(['patients-v1', 'patients-v2']);
    expect(v1.apiName).toBe('patients-v1');
  });

  test('the platform and its import offer the same interface', () => {
    const both: IHealthcareApimPlatform[] = [platform, imported];
    for (const p of both) {
      expect(typeof p.apimName).toBe('string');
      expect(p.sku.tier).toBe('Premium');
      expect(p.hasGlobalCors).toBe(false);
      expect(p.allowDestroy).toBe(false);
      expect(p.onboardsApisToDefender).toBe(true);
    }
    expect(platform.apimServiceName).toBe(imported.apimServiceName);
  });
});

describe('the rules that read the platform hold on an imported one', () => {
  const team = () => {
    const stack = newStack('team');
    return { stack, attrs: { name: 'contoso-health-apim', resourceGroupName: 'rg-health', sku: ApimSku.premium(2) } };
  };

  test('an API may not accept a larger body than the edge lets through', () => {
    const { stack, attrs } = team();
    const imported = SecureHealthcareApim.fromPlatformAttributes(stack, 'Platform', { ...attrs, edgeMaxRequestBodyBytes: 512 * 1024 });
    new ProtectedApi(stack, 'Patients', { platform: imported, ...PATIENTS });
    expect(() => Testing.synth(stack, true)).toThrow(/team\/Patients: maxRequestBodyBytes is 1048576 bytes, above the edge WAF's limit .* = 524288 of team\/Platform/);
  });

  test('an API may not set its own CORS when the platform has a global one', () => {
    const { stack, attrs } = team();
    const imported = SecureHealthcareApim.fromPlatformAttributes(stack, 'Platform', { ...attrs, hasGlobalCors: true });
    new ProtectedApi(stack, 'Patients', { platform: imported, ...PATIENTS, cors: { allowedOrigins: ['https://app.contoso-health.example'] } });
    expect(() => Testing.synth(stack, true)).toThrow(/team\/Patients: cors is set on this API while the global policy of team\/Platform has a cors policy too/);
  });
});

describe('what an imported platform cannot do for an API team', () => {
  test('storing subscription keys in the platform vault is refused (the vault belongs to the platform\'s stack)', () => {
    const stack = newStack('team');
    const imported = SecureHealthcareApim.fromPlatformAttributes(stack, 'Platform', { name: 'contoso-health-apim', resourceGroupName: 'rg-health', sku: ApimSku.premium(2) });
    const api = new ProtectedApi(stack, 'Patients', { platform: imported, ...PATIENTS });
    expect(() => new ConsumerGroup(stack, 'Daemons', {
      platform: imported, name: 'daemons', apis: [api], roles: ['Patient.Read'], subscriptions: [{ name: 'claims' }], storeSubscriptionKeysInKeyVault: true,
    })).toThrow(/team\/Daemons: platform is imported \(fromPlatformAttributes\), but the subscription keys .* Valid: storeSubscriptionKeysInKeyVault: false/);
  });

  test('an API of one platform cannot join a group of another', () => {
    const app = new App();
    const stack = new TerraformStack(app, 'x');
    const a = SecureHealthcareApim.fromPlatformAttributes(stack, 'A', { name: 'apim-a', resourceGroupName: 'rg', sku: ApimSku.premium(2) });
    const b = SecureHealthcareApim.fromPlatformAttributes(stack, 'B', { name: 'apim-b', resourceGroupName: 'rg', sku: ApimSku.premium(2) });
    const api = new ProtectedApi(stack, 'Patients', { platform: a, ...PATIENTS });
    expect(() => new ConsumerGroup(stack, 'G', { platform: b, name: 'g', apis: [api], roles: ['Patient.Read'] })).toThrow(/published on another platform/);
  });
});
