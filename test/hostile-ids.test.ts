/**
 * `${` and `%{` in resource ids, names and e-mail addresses the platform takes: ids and names
 * are refused (no Azure name holds `$`, `{`, `}` or `%`), free text reaches Terraform escaped,
 * so Terraform never reads a user's string as a template.
 */
import { KeyVaultDeployerAccess, SecureHealthcareApim } from '../lib';
import { patients, platformErrorOf, PLATFORM_PROPS } from './api/fixtures';
import { newStack, onlyResource, synthJson } from './util/synth';
import { KeyVaultNamedValue } from '../lib/foundation/key-vault-named-value';
import { onboardApiToDefender } from '../lib/monitoring/defender-plans';
import { KeyVaultExpiryAlerts } from '../lib/monitoring/key-vault-expiry';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const RG = `${SUB}/resourceGroups/rg-health`;
const MARKERS = ['a${x}b', 'a%{x}b'];
/** A marker as a Terraform literal. */
const escaped = (m: string) => m.replace('${', () => '$${').replace('%{', () => '%%{');


describe.each(MARKERS)('resource ids with %s are refused, naming the prop', (m) => {
  test.each<[string, Record<string, unknown>, RegExp]>([
    ['logAnalyticsWorkspaceId', { logAnalyticsWorkspaceId: `${RG}/providers/Microsoft.OperationalInsights/workspaces/${m}` }, /logAnalyticsWorkspaceId .* is not a Microsoft\.OperationalInsights\/workspaces resource id/],
    ['existingNetwork.virtualNetworkId', {
      existingNetwork: {
        virtualNetworkId: `${RG}/providers/Microsoft.Network/virtualNetworks/${m}`,
        apimSubnetId: `${RG}/providers/Microsoft.Network/virtualNetworks/v/subnets/s`,
        edgeSubnetId: `${RG}/providers/Microsoft.Network/virtualNetworks/v/subnets/e`,
        privateEndpointSubnetId: `${RG}/providers/Microsoft.Network/virtualNetworks/v/subnets/p`,
      },
      acknowledgeUnmanagedNetworkRules: true,
    }, /virtualNetworkId .* is not a Microsoft\.Network\/virtualNetworks resource id/],
    ['monitoring.existingActionGroupId', { monitoring: { existingActionGroupId: `${RG}/providers/microsoft.insights/actionGroups/${m}` } }, /existingActionGroupId .* is not an action group id/],
    ['monitoring.activityLogScopeIds', { monitoring: { activityLogScopeIds: [`${SUB}/resourceGroups/${m}`] } }, /activityLogScopeIds\[0\] .* is not a resource id/],
    ['monitoring.logicAppReceiver.resourceId', {
      monitoring: { logicAppReceiver: { resourceId: `${RG}/providers/Microsoft.Logic/workflows/${m}`, callbackUrl: 'https://prod.logic.example/cb' } },
    }, /logicAppReceiver\.resourceId is not a Logic App workflow id/],
  ])('%s', (_name, props, message) => {
    expect(platformErrorOf(props)).toMatch(message);
  });

  test('KeyVaultDeployerAccess.fromSubnet', () => {
    expect(platformErrorOf({ keyVaultDeployerAccess: KeyVaultDeployerAccess.fromSubnet(`${RG}/providers/Microsoft.Network/virtualNetworks/v/subnets/${m}`) }))
      .toMatch(/is not a Microsoft\.Network\/virtualNetworks\/subnets resource id/);
  });

  test('KeyVaultExpiryAlerts workspaceId and actionGroupId', () => {
    const base = {
      prefix: 'kv',
      resourceGroupName: 'rg-health',
      location: 'eastus2',
      keyVaultId: `${RG}/providers/Microsoft.KeyVault/vaults/kv`,
      workspaceId: `${RG}/providers/Microsoft.OperationalInsights/workspaces/law`,
      actionGroupId: `${RG}/providers/microsoft.insights/actionGroups/soc`,
    };
    expect(() => new KeyVaultExpiryAlerts(newStack(), 'W', { ...base, workspaceId: `${RG}/providers/Microsoft.OperationalInsights/workspaces/${m}` } as any)).toThrow(/W: workspaceId /);
    expect(() => new KeyVaultExpiryAlerts(newStack(), 'A', { ...base, actionGroupId: `${RG}/providers/microsoft.insights/actionGroups/${m}` } as any)).toThrow(/A: actionGroupId .* is not a resource id/);
  });
});

describe.each(MARKERS)('names with %s', (m) => {
  test('addToProduct refuses the product id', () => {
    const f = patients();
    expect(() => f.api.addToProduct('P', m)).toThrow(/^test\/Patients: productId /);
  });

  test('KeyVaultNamedValue refuses the service name', () => {
    expect(() => new KeyVaultNamedValue(newStack(), 'N', {
      name: 'secret', apiManagementName: m, resourceGroupName: 'rg', keyVaultSecretId: 'https://kv-health.vault.azure.net/secrets/s',
    } as any)).toThrow(/N: apiManagementName /);
  });

  test('a Defender onboarding passes the API name to ARM as a literal', () => {
    const stack = newStack();
    onboardApiToDefender(stack, 'D', { apimName: 'apim', resourceGroupName: 'rg', apiName: m, deploymentName: 'dep' } as any);
    const parameters = onlyResource(synthJson(stack), 'azurerm_resource_group_template_deployment').parameters_content;
    expect(parameters).toContain(escaped(m));
    expect(JSON.parse(parameters.replace('$${', () => '${').replace('%%{', () => '%{')).apiName.value).toBe(m);
  });
});

describe.each(MARKERS)('free text with %s', (m) => {
  test('publisherEmail reaches Terraform escaped', () => {
    const stack = newStack();
    new SecureHealthcareApim(stack, 'Platform', { ...PLATFORM_PROPS, publisherEmail: `${m}@contoso-health.example` });
    const email = onlyResource(synthJson(stack), 'azurerm_api_management').publisher_email;
    expect(email).toBe(`${escaped(m)}@contoso-health.example`);
  });
});
