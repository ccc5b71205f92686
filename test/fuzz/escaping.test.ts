/**
 * Literal text stays literal (issue 14, point 5): `${` / `%{` in every free-text prop reaches
 * cdk.tf.json as `$${` / `%%{`, whether a construct is used alone or inside the platform.
 */
import { ESCAPED_TEXT, TEMPLATE_TEXT, vaultStack } from './harness';
import {
  ApimNetwork, ApimNetworkMode, ConsumerGroup, EdgeGateway, PropagatedRoleAssignment, ProtectedApi,
} from '../../lib';
import { PATIENTS, patients } from '../api/fixtures';
import { newStack, onlyResource, resourcesOf, synthJson } from '../util/synth';

// Tag names may not hold '%' (Azure), so the key carries only `${`.
const TAGS = { 'cost-${center}': TEMPLATE_TEXT };
const ESCAPED_TAGS = { 'cost-$${center}': ESCAPED_TEXT };

/** Every resource of the synthesized stack that has tags. */
function taggedResources(json: any): Array<[string, any]> {
  return Object.entries(json.resource ?? {}).flatMap(([type, byId]) =>
    Object.entries(byId as Record<string, any>).filter(([, r]) => r.tags !== undefined).map(([id, r]): [string, any] => [`${type}.${id}`, r.tags]));
}

describe('tags of constructs used alone are literal (keys and values)', () => {
  test('AuditLogging and PlatformKeyVault', () => {
    const { stack } = vaultStack(TAGS);
    const tagged = taggedResources(synthJson(stack));
    expect(tagged.length).toBeGreaterThanOrEqual(3);
    for (const [, tags] of tagged) expect(tags).toEqual(ESCAPED_TAGS);
  });

  test('ApimNetwork', () => {
    const stack = newStack();
    const network = new ApimNetwork(stack, 'Network', { apimName: 'contoso', resourceGroupName: 'rg', location: 'eastus2', mode: ApimNetworkMode.CLASSIC_INJECTION, tags: TAGS });
    network.addInjectedApimDns('10.20.1.4');
    const tagged = taggedResources(synthJson(stack));
    expect(tagged.length).toBeGreaterThanOrEqual(10);
    for (const [, tags] of tagged) expect(tags).toEqual(ESCAPED_TAGS);
  });

  test('EdgeGateway', () => {
    const { stack, keyVault, auditLogging } = vaultStack();
    new EdgeGateway(stack, 'Edge', {
      namePrefix: 'contoso',
      resourceGroupName: 'rg',
      location: 'eastus2',
      subnetId: 'subnet',
      backendHostName: 'contoso.azure-api.net',
      keyVault,
      auditLogging,
      acknowledgeSelfSignedCertificate: true,
      tags: TAGS,
    });
    const tagged = taggedResources(synthJson(stack)).filter(([id]) => id.includes('Edge'));
    expect(tagged.length).toBeGreaterThanOrEqual(4);
    for (const [, tags] of tagged) expect(tags).toEqual(ESCAPED_TAGS);
  });

  test('inside the platform the tags are escaped once, not twice', () => {
    const f = patients({}, { tags: TAGS });
    const tagged = taggedResources(f.json());
    expect(tagged.length).toBeGreaterThan(10);
    for (const [, tags] of tagged) expect(tags).toEqual(ESCAPED_TAGS);
  });
});

describe('ProtectedApi free text is literal', () => {
  test('display name, description, operation and parameter text, response descriptions, version set id', () => {
    const f = patients({
      displayName: TEMPLATE_TEXT,
      description: TEMPLATE_TEXT,
      versionSetId: TEMPLATE_TEXT,
      operations: [{
        method: 'GET',
        urlTemplate: '/patients/{id}',
        requiredRoles: ['Patient.Read'],
        displayName: TEMPLATE_TEXT,
        description: TEMPLATE_TEXT,
        queryParameters: [{ name: 'q', description: TEMPLATE_TEXT, allowedValues: [TEMPLATE_TEXT] }],
        responses: [{ statusCode: 200, description: TEMPLATE_TEXT }],
      }],
    });
    const json = f.json();
    const api = onlyResource(json, 'azurerm_api_management_api');
    expect(api.display_name).toBe(ESCAPED_TEXT);
    expect(api.description).toBe(ESCAPED_TEXT);
    expect(api.version_set_id).toBe(ESCAPED_TEXT);
    const op = onlyResource(json, 'azurerm_api_management_api_operation');
    expect(op.display_name).toBe(ESCAPED_TEXT);
    expect(op.description).toBe(ESCAPED_TEXT);
    const query = [op.request].flat()[0].query_parameter[0];
    expect(query.description).toBe(ESCAPED_TEXT);
    expect(query.values).toEqual([ESCAPED_TEXT]);
    expect([op.response].flat()[0].description).toBe(ESCAPED_TEXT);
  });

  test('the version set display name (a created version set)', () => {
    const json = patients({ displayName: TEMPLATE_TEXT }).json();
    expect(onlyResource(json, 'azurerm_api_management_api_version_set').display_name).toBe(ESCAPED_TEXT);
  });
});

describe('ConsumerGroup free text is literal', () => {
  test('display name, description, terms, users, subscription names shown, federated subjects', () => {
    const f = patients();
    new ConsumerGroup(f.stack, 'Clinicians', {
      platform: f.platform,
      apis: [f.api],
      name: 'clinicians',
      roles: ['Patient.Read'],
      displayName: TEMPLATE_TEXT,
      description: TEMPLATE_TEXT,
      terms: TEMPLATE_TEXT,
      users: [{ email: 'dana@contoso.example', firstName: TEMPLATE_TEXT, lastName: TEMPLATE_TEXT }],
      subscriptions: [{ name: 'daemon', displayName: TEMPLATE_TEXT }],
      clientApplications: [{ name: 'claims', federatedCredentials: [{ name: 'gh', issuer: 'https://token.actions.githubusercontent.com', subject: TEMPLATE_TEXT }] }],
    });
    const json = f.json();
    const product = onlyResource(json, 'azurerm_api_management_product');
    expect([product.display_name, product.description, product.terms]).toEqual([ESCAPED_TEXT, ESCAPED_TEXT, ESCAPED_TEXT]);
    const group = onlyResource(json, 'azurerm_api_management_group');
    expect([group.display_name, group.description]).toEqual([ESCAPED_TEXT, ESCAPED_TEXT]);
    expect(resourcesOf(json, 'azuread_group').find(([id]) => !id.startsWith('Platform_PrivilegedAccess'))![1].description).toBe(ESCAPED_TEXT);
    const user = onlyResource(json, 'azurerm_api_management_user');
    expect([user.first_name, user.last_name]).toEqual([ESCAPED_TEXT, ESCAPED_TEXT]);
    expect(onlyResource(json, 'azurerm_api_management_subscription').display_name).toBe(ESCAPED_TEXT);
    expect(onlyResource(json, 'azuread_application_federated_identity_credential').subject).toBe(ESCAPED_TEXT);
  });
});

describe('PropagatedRoleAssignment text is literal', () => {
  test('role definition name', () => {
    const stack = newStack();
    new PropagatedRoleAssignment(stack, 'Grant', {
      scope: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg',
      roleDefinitionName: TEMPLATE_TEXT,
      principalId: '00000000-0000-0000-0000-000000000001',
    });
    const [[, assignment]] = resourcesOf(synthJson(stack), 'azurerm_role_assignment');
    expect(assignment.role_definition_name).toBe(ESCAPED_TEXT);
  });
});

test('a token is still the way to pass an expression', () => {
  const f = patients();
  const api = new ProtectedApi(f.stack, 'Other', { platform: f.platform, ...PATIENTS, name: 'other', path: 'other', versionSetId: f.api.versionSetId });
  const json = f.json();
  const other = resourcesOf(json, 'azurerm_api_management_api').find(([id]) => id.startsWith('Other'))![1];
  expect(other.version_set_id).toMatch(/^\$\{azurerm_api_management_api_version_set\./);
  expect(api).toBeDefined();
});
