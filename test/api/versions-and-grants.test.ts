/**
 * One API, several versions, one app registration: `addVersion` puts the next version in the
 * same version set with the same client id and app role ids, and `grantRoles` assigns roles to
 * any principal, once for all versions.
 */
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { App, Lazy, Testing } from 'cdktf';
import { patients, PATIENTS } from './fixtures';
import { ConsumerGroup, ProtectedApi } from '../../lib';
import { block, blocks, newStack, resourcesOf, synthJson } from '../util/synth';

const V2_OPERATIONS = [
  { method: 'GET', urlTemplate: '/patients/{id}', requiredRoles: ['Patient.Read'] },
  { method: 'GET', urlTemplate: '/patients/{id}/history', requiredRoles: ['Patient.History'] },
];

/** The app registrations of the patients API (not the platform's developer-portal app). */
function apiApps(out: any): Array<[string, any]> {
  return resourcesOf(out, 'azuread_application').filter(([id]) => id.startsWith('Patients'));
}

function twoVersions() {
  const f = patients();
  const v2 = f.api.addVersion('PatientsV2', { version: 'v2', operations: V2_OPERATIONS, backendUrl: 'https://fhir-v2.contoso-health.example' });
  return { ...f, v1: f.api, v2 };
}

describe('ProtectedApi.addVersion', () => {
  const { v1, v2, json } = twoVersions();
  const out = json();

  test('the next version is an API of the same version set, served under its own version', () => {
    const apis = resourcesOf(out, 'azurerm_api_management_api').map(([, a]) => a);
    expect(apis.map((a) => [a.name, a.path, a.version]).sort()).toEqual([['patients-v1', 'patients', 'v1'], ['patients-v2', 'patients', 'v2']]);
    expect(resourcesOf(out, 'azurerm_api_management_api_version_set')).toHaveLength(1);
    expect(new Set(apis.map((a) => a.version_set_id)).size).toBe(1);
    expect(v2.versionSetId).toBe(v1.versionSetId);
    expect(v2.node.scope).toBe(v1.node.scope);
    expect(v2.firstVersion).toBe(v1);
    expect(v1.firstVersion).toBe(v1);
  });

  test('both versions share one app registration: one client id, one service principal, the same role ids', () => {
    // The platform's own developer-portal app aside.
    expect(apiApps(out)).toHaveLength(1);
    expect(resourcesOf(out, 'azuread_service_principal').filter(([id]) => id.startsWith('Patients'))).toHaveLength(1);
    expect(v2.clientId).toBe(v1.clientId);
    expect(v2.identifierUri).toBe(v1.identifierUri);
    expect(v2.servicePrincipalObjectId).toBe(v1.servicePrincipalObjectId);
    expect(v2.appRoleId('Patient.Read')).toBe(v1.appRoleId('Patient.Read'));
    // Both versions' token checks name the same audiences.
    const validations = resourcesOf(out, 'azurerm_api_management_api_policy').map(([, p]) => /<audiences>[\s\S]*?<\/audiences>/.exec(p.xml_content)![0]);
    expect(validations[0]).toBe(validations[1]);
  });

  test('a role only the new version requires is added to the shared registration, with its delegated scope', () => {
    const app = apiApps(out)[0][1];
    const roles = blocks(app.app_role);
    expect(roles.map((r) => r.value)).toEqual(['Patient.Admin', 'Patient.Read', 'Patient.Write', 'Patient.History']);
    expect(roles[3].id).toBe(v2.appRoleId('Patient.History'));
    expect(roles[3].description).toBe('Call the patients-v2 operations that require Patient.History.');
    const scopes = blocks(block(app.api).oauth2_permission_scope).map((s) => s.value);
    expect(scopes).toContain('Patient.History.Delegated');
    expect(v2.roles).toEqual(['Patient.History', 'Patient.Read']);
    expect(() => v1.appRoleId('Patient.History')).toThrow(/'Patient.History' is not an app role of this API/);
  });

  test('the new version has its own backend and inherits the rest', () => {
    const backends = resourcesOf(out, 'azurerm_api_management_backend').map(([, b]) => [b.name, b.url]).sort();
    expect(backends).toEqual([['patients-v1-backend', 'https://fhir.contoso-health.example'], ['patients-v2-backend', 'https://fhir-v2.contoso-health.example']]);
    const policy = resourcesOf(out, 'azurerm_api_management_api_policy').find(([, p]) => p.api_name.includes('patients_v2') || p.xml_content.includes('patients-v2'))![1];
    expect(policy.xml_content).toContain('resource="https://fhir-v2.contoso-health.example"');
  });

  test('a version the API already has is refused, from any version', () => {
    const f = twoVersions();
    expect(() => f.v2.addVersion('Again', { version: 'v1', operations: V2_OPERATIONS })).toThrow(/PatientsV2\.addVersion\('Again'\): version 'v1' is already a version of patients\. Valid: a version other than v1, v2\./);
    expect(() => f.v1.addVersion('Bad', { version: 'version 3', operations: V2_OPERATIONS })).toThrow(/version/);
  });

  test('a consumer group of both versions is granted each role once, on the shared registration', () => {
    const f = twoVersions();
    new ConsumerGroup(f.stack, 'Clinicians', { platform: f.platform, name: 'clinicians', apis: [f.v1, f.v2], roles: ['Patient.Read', 'Patient.History'] });
    const grants = resourcesOf(f.json(), 'azuread_app_role_assignment').map(([, g]) => g);
    expect(grants).toHaveLength(2);
    expect(new Set(grants.map((g) => g.resource_object_id)).size).toBe(1);
    const ids = resourcesOf(f.json(), 'azuread_app_role_assignment').map(([id]) => id).sort();
    expect(ids[0]).toMatch(/^Clinicians_RoleAssignment-patients-v1-PatientRead_/);
    expect(ids[1]).toMatch(/^Clinicians_RoleAssignment-patients-v2-PatientHistory_/);
  });
});

describe('versions on an existing app registration', () => {
  const EXISTING = {
    clientId: '00000000-0000-0000-0000-0000000000c1',
    audience: 'api://contoso-health/patients',
    servicePrincipalObjectId: '00000000-0000-0000-0000-0000000000c2',
    appRoleIds: {
      'Patient.Read': '00000000-0000-0000-0000-0000000000a1',
      'Patient.Write': '00000000-0000-0000-0000-0000000000a2',
      'Patient.Admin': '00000000-0000-0000-0000-0000000000a3',
      'Patient.History': '00000000-0000-0000-0000-0000000000a4',
    },
  };

  test('every version takes its role ids from the same app; a role it lacks is refused', () => {
    const f = patients({ existingApp: EXISTING });
    const v2 = f.api.addVersion('PatientsV2', { version: 'v2', operations: V2_OPERATIONS });
    expect(v2.clientId).toBe(EXISTING.clientId);
    expect(v2.appRoleId('Patient.History')).toBe('00000000-0000-0000-0000-0000000000a4');
    expect(resourcesOf(f.json(), 'azuread_application').filter(([id]) => id.startsWith('Patients'))).toEqual([]);
    const { 'Patient.History': _, ...withoutHistory } = EXISTING.appRoleIds;
    const g = patients({ existingApp: { ...EXISTING, appRoleIds: withoutHistory } });
    expect(() => g.api.addVersion('PatientsV2', { version: 'v2', operations: V2_OPERATIONS }))
      .toThrow(/test\/PatientsV2: existingApp\.appRoleIds has no id for 'Patient\.History'/);
  });
});

describe('client applications of a group with two versions', () => {
  test('list the shared registration once in required_resource_access, with the roles of both versions', () => {
    const f = twoVersions();
    new ConsumerGroup(f.stack, 'Billing', {
      platform: f.platform, name: 'billing', apis: [f.v1, f.v2], roles: ['Patient.Read', 'Patient.History'], clientApplications: [{ name: 'claims-daemon' }],
    });
    const app = resourcesOf(f.json(), 'azuread_application').find(([id]) => id.startsWith('Billing_ClientApp'))![1];
    const access = blocks(app.required_resource_access);
    expect(access).toHaveLength(1);
    expect(blocks(access[0].resource_access).map((a) => a.id)).toEqual([f.v1.appRoleId('Patient.Read'), f.v2.appRoleId('Patient.History')]);
    const grants = resourcesOf(f.json(), 'azuread_app_role_assignment').filter(([id]) => id.startsWith('Billing_ClientApp'));
    expect(grants).toHaveLength(2);
  });
});

describe('ProtectedApi.grantRoles', () => {
  test('assigns app roles to a managed identity, one assignment per role, for every version', () => {
    const { stack, api, json } = patients();
    const identity = new UserAssignedIdentity(stack, 'ClaimsWorker', { name: 'id-claims', resourceGroupName: 'rg-claims', location: 'eastus2' });
    const grants = api.grantRoles('ClaimsWorker', identity.principalId, ['Patient.Read', 'Patient.Write']);
    expect(grants).toHaveLength(2);
    const out = resourcesOf(json(), 'azuread_app_role_assignment');
    expect(out.map(([id]) => id).sort().map((id) => id.replace(/_[0-9A-F]{8}$/, ''))).toEqual([
      'Patients_ClaimsWorker_Role-PatientRead', 'Patients_ClaimsWorker_Role-PatientWrite',
    ]);
    for (const [, g] of out) {
      expect(g.principal_object_id).toMatch(/^\$\{azurerm_user_assigned_identity\.ClaimsWorker\.principal_id\}$/);
      expect(g.resource_object_id).toMatch(/^\$\{azuread_service_principal\.Patients_ServicePrincipal_[0-9A-F]{8}\.object_id\}$/);
    }
    expect(out.map(([, g]) => g.app_role_id).sort()).toEqual([api.appRoleId('Patient.Read'), api.appRoleId('Patient.Write')].sort());
  });

  test.each<[string, string, string[], RegExp]>([
    ['no roles', '00000000-0000-0000-0000-000000000001', [], /Patients\/G: roles is empty\. Valid: at least one app role of the API: Patient\.Admin, Patient\.Read, Patient\.Write\./],
    ['a role the API does not declare', '00000000-0000-0000-0000-000000000001', ['Patient.Delete'], /Patients\/G: roles\[0\] 'Patient\.Delete' is not an app role of the API\. Valid: Patient\.Admin, Patient\.Read, Patient\.Write\./],
    ['a repeated role', '00000000-0000-0000-0000-000000000001', ['Patient.Read', 'Patient.Read'], /roles\[1\] repeats 'Patient\.Read'/],
    ['a principal that is no object id', 'claims-worker', ['Patient.Read'], /Patients\/G: principalObjectId 'claims-worker' is not an object id/],
  ])('refuses %s', (_, principal, roles, message) => {
    const { api } = patients();
    expect(() => api.grantRoles('G', principal, roles)).toThrow(message);
  });
});

describe('ProtectedApi.grantRoles across versions', () => {
  const WORKER = '00000000-0000-0000-0000-0000000000aa';

  test('a role the principal already holds through another version is refused, naming the prop and the earlier grant', () => {
    const { v1, v2 } = twoVersions();
    v1.grantRoles('Worker', WORKER, ['Patient.Read']);
    expect(() => v2.grantRoles('Worker', WORKER.toUpperCase(), ['Patient.History', 'Patient.Read'])).toThrow(
      /^test\/PatientsV2\/Worker: roles\[1\] grants 'Patient\.Read' to 00000000-0000-0000-0000-0000000000AA again, which test\/Patients\.grantRoles\('Worker'\) already granted on the app registration the versions of test\/Patients share \(Entra refuses a second identical assignment at apply\)\. Valid: each role once per principal across the versions of an API/);
    expect(() => v1.grantRoles('Again', WORKER, ['Patient.Read'])).toThrow(/^test\/Patients\/Again: roles\[0\] grants 'Patient\.Read' to .* again, which test\/Patients\.grantRoles\('Worker'\) already granted/);
  });

  test('other roles, other principals and a token principal\'s other expression are granted; each assignment once', () => {
    const { stack, v1, v2, json } = twoVersions();
    v1.grantRoles('Worker', WORKER, ['Patient.Read']);
    v2.grantRoles('Worker', WORKER, ['Patient.History']);
    v2.grantRoles('Other', '00000000-0000-0000-0000-0000000000bb', ['Patient.Read']);
    const a = new UserAssignedIdentity(stack, 'A', { name: 'id-a', resourceGroupName: 'rg', location: 'eastus2' });
    const b = new UserAssignedIdentity(stack, 'B', { name: 'id-b', resourceGroupName: 'rg', location: 'eastus2' });
    const aId = a.principalId;
    v1.grantRoles('A', aId, ['Patient.Read']);
    v2.grantRoles('B', b.principalId, ['Patient.Read']);
    expect(() => v2.grantRoles('A', aId, ['Patient.Read'])).toThrow(/roles\[0\] grants 'Patient\.Read' to the same principal expression again/);
    const out = resourcesOf(json(), 'azuread_app_role_assignment').map(([, g]) => `${g.principal_object_id}|${g.app_role_id}`);
    expect(out).toHaveLength(5);
    expect(new Set(out).size).toBe(5);
    expect(v1.node.validate()).toEqual([]);
  });

  test('a token principal read twice (two tokens of one expression) is compared at synth by the expression it resolves to', () => {
    const { stack, v1, v2 } = twoVersions();
    const a = new UserAssignedIdentity(stack, 'A', { name: 'id-a', resourceGroupName: 'rg', location: 'eastus2' });
    expect(a.principalId).not.toBe(a.principalId);
    v1.grantRoles('A', a.principalId, ['Patient.Read']);
    v2.grantRoles('AgainA', a.principalId, ['Patient.History', 'Patient.Read']);
    const [address] = resourcesOf(synthJson(stack), 'azurerm_user_assigned_identity').map(([id]) => `azurerm_user_assigned_identity.${id}`);
    expect(v1.node.validate()).toEqual([
      `test/PatientsV2/AgainA: roles[1] grants 'Patient.Read' to \${${address}.principal_id} again, `
      + 'which test/Patients.grantRoles(\'A\') already granted on the app registration the versions of test/Patients share (Entra refuses a second identical assignment at apply). '
      + 'Valid: each role once per principal across the versions of an API: a grant holds for every version, so drop the repeated role.',
    ]);
    expect(v2.node.validate()).toEqual([]);
    expect(() => Testing.synth(stack, true)).toThrow(/AgainA: roles\[1\] grants 'Patient\.Read' to/);
  });

  test('a consumer group\'s token principal and a later grant to another read of it are compared at synth', () => {
    const f = patients();
    const group = new UserAssignedIdentity(f.stack, 'G', { name: 'id-g', resourceGroupName: 'rg', location: 'eastus2' });
    new ConsumerGroup(f.stack, 'Clinicians', { platform: f.platform, name: 'clinicians', apis: [f.api], roles: ['Patient.Read'], existingGroupObjectId: group.principalId });
    const v2 = f.api.addVersion('PatientsV2', { version: 'v2', operations: V2_OPERATIONS });
    v2.grantRoles('Clinicians', group.principalId, ['Patient.Read']);
    expect(f.api.node.validate()).toEqual([expect.stringMatching(
      /^test\/PatientsV2\/Clinicians: roles\[0\] grants 'Patient\.Read' to \$\{azurerm_user_assigned_identity\.G\.principal_id\} again, which test\/Clinicians\/RoleAssignment-patients-v1-Patient\.Read already granted/)]);
  });

  test('a literal object id and a token that resolves to it (in any case) are compared at synth', () => {
    const { v1, v2 } = twoVersions();
    v1.grantRoles('Worker', WORKER, ['Patient.Read']);
    v2.grantRoles('Lazy', Lazy.stringValue({ produce: () => WORKER.toUpperCase() }), ['Patient.Read']);
    expect(v1.node.validate()).toEqual([expect.stringMatching(
      /^test\/PatientsV2\/Lazy: roles\[0\] grants 'Patient\.Read' to 00000000-0000-0000-0000-0000000000AA again, which test\/Patients\.grantRoles\('Worker'\) already granted/)]);
  });

  test('a consumer group granted after grantRoles to another read of the same principal fails synth, naming its roles', () => {
    const f = patients();
    const identity = new UserAssignedIdentity(f.stack, 'G', { name: 'id-g', resourceGroupName: 'rg', location: 'eastus2' });
    f.api.grantRoles('Worker', identity.principalId, ['Patient.Read']);
    new ConsumerGroup(f.stack, 'Clinicians', { platform: f.platform, name: 'clinicians', apis: [f.api], roles: ['Patient.Read'], existingGroupObjectId: identity.principalId });
    expect(f.api.node.validate()).toEqual([expect.stringMatching(
      /^test\/Clinicians: roles grants 'Patient\.Read' to \$\{azurerm_user_assigned_identity\.G\.principal_id\} again, which test\/Patients\.grantRoles\('Worker'\) already granted/)]);
  });

  test('resources of one id in two stacks are two principals, also before synth prepares the stacks', () => {
    const f = patients();
    const app = f.stack.node.scope as App;
    const [b, c] = ['b', 'c'].map((id) => new UserAssignedIdentity(newStack(id, app), 'G', { name: `id-${id}`, resourceGroupName: 'rg', location: 'eastus2' }));
    f.api.grantRoles('B', b.principalId, ['Patient.Read']);
    f.api.grantRoles('C', c.principalId, ['Patient.Read']);
    expect(f.api.node.validate()).toEqual([]);
    f.api.grantRoles('AgainB', b.principalId, ['Patient.Read']);
    // At synth the references resolve to each stack's remote state: only the repeat is refused.
    expect(() => app.synth()).toThrow(/test\/Patients\/AgainB: roles\[0\] grants 'Patient\.Read' to \$\{data\.terraform_remote_state\./);
    expect(() => app.synth()).not.toThrow(/Patients\/C:/);
    expect(f.api.node.validate()).toEqual([expect.stringMatching(/^test\/Patients\/AgainB: roles\[0\] grants 'Patient\.Read' to /)]);
  });

  test('a grant that repeats a consumer group\'s assignment for the same principal is refused', () => {
    const f = patients();
    new ConsumerGroup(f.stack, 'Clinicians', { platform: f.platform, name: 'clinicians', apis: [f.api], roles: ['Patient.Read'], existingGroupObjectId: WORKER });
    const v2 = f.api.addVersion('PatientsV2', { version: 'v2', operations: V2_OPERATIONS });
    expect(() => v2.grantRoles('Clinicians', WORKER, ['Patient.Read'])).toThrow(
      /^test\/PatientsV2\/Clinicians: roles\[0\] grants 'Patient\.Read' to .* again, which test\/Clinicians\/RoleAssignment-patients-v1-Patient\.Read already granted/);
  });
});

describe('ConsumerGroup.addApi', () => {
  test('adds an API to the product and grants the group\'s roles it declares, once per registration', () => {
    const f = patients();
    const group = new ConsumerGroup(f.stack, 'Clinicians', { platform: f.platform, name: 'clinicians', apis: [f.api], roles: ['Patient.Read', 'Patient.Write'] });
    const v2 = f.api.addVersion('PatientsV2', { version: 'v2', operations: V2_OPERATIONS });
    const labs = new ProtectedApi(f.stack, 'Labs', {
      platform: f.platform, ...PATIENTS, name: 'labs', path: 'labs', operations: [{ method: 'GET', urlTemplate: '/labs/{id}', requiredRoles: ['Patient.Read'] }],
    });
    group.addApi(v2);
    group.addApi(labs);
    expect(group.apis.map((a) => a.apiName)).toEqual(['patients-v1', 'patients-v2', 'labs-v1']);
    const out = f.json();
    expect(resourcesOf(out, 'azurerm_api_management_product_api').map(([, p]) => p.api_name).sort()).toHaveLength(3);
    // v2 shares v1's registration, where Patient.Read is already granted; labs has its own.
    const grants = resourcesOf(out, 'azuread_app_role_assignment').map(([id]) => id.replace(/_[0-9A-F]{8}$/, '')).sort();
    expect(grants).toEqual([
      'Clinicians_RoleAssignment-labs-v1-PatientRead', 'Clinicians_RoleAssignment-patients-v1-PatientRead', 'Clinicians_RoleAssignment-patients-v1-PatientWrite',
    ]);
  });

  test('refuses an API twice, of another platform, or with none of the group\'s roles', () => {
    const f = patients();
    const group = new ConsumerGroup(f.stack, 'Clinicians', { platform: f.platform, name: 'clinicians', apis: [f.api], roles: ['Patient.Read'] });
    expect(() => group.addApi(f.api)).toThrow(/Clinicians\.addApi: api \(patients-v1\) is already one of the group's APIs/);
    const other = patients();
    expect(() => group.addApi(other.api)).toThrow(/is published on another platform/);
    const admin = f.api.addVersion('AdminV2', { version: 'v2', operations: [{ method: 'DELETE', urlTemplate: '/patients/{id}', requiredRoles: ['Patient.Admin'] }] });
    expect(() => group.addApi(admin)).toThrow(/declares none of the group's roles Patient\.Read/);
  });
});
