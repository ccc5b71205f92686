/**
 * Values azuread or Azure itself refuses although azurerm passes them at plan: identifier URIs
 * (azuread validate.IsAppUri), the version set's display name (100 characters), operation
 * descriptions (1000) and a consumer group's generated description (1000).
 */
import { errorOf, own, patients, PATIENTS } from './fixtures';
import { ConsumerGroup } from '../../lib';
import { resourcesOf } from '../util/synth';

describe('identifierUri as azuread validates identifier_uris', () => {
  test.each([
    ['api://contoso-patients/', /identifierUri 'api:\/\/contoso-patients\/' ends in a slash with no path segment, which Entra ID refuses/],
    ['https://api.contoso-health.example/', /ends in a slash with no path segment/],
    ['api://contoso-patients/?v=1', /ends in a slash with no path segment/],
    ['api:///patients', /identifierUri 'api:\/\/\/patients' has no host/],
    ['api://user@/patients', /has no host/],
    ['api://%zz/patients', /identifierUri 'api:\/\/%zz\/patients' has a % that starts no %XX escape/],
    ['api://contoso/pa%2', /has a % that starts no %XX escape/],
    ['http://contoso/patients', /identifierUri 'http:\/\/contoso\/patients' is not an identifier URI/],
    ['api://contoso patients', /is not an identifier URI/],
  ])('%s is refused at synth, naming the prop', (identifierUri, message) => {
    const error = errorOf({ identifierUri });
    expect(error).toMatch(/^test\/Patients: /);
    expect(error).toMatch(message);
    expect(error).toMatch(/Valid: api:\/\/<tenant id>\/<name>, api:\/\/<client id> or https:\/\/<verified domain>\/<path>/);
  });

  test.each(['api://contoso-patients', 'api://contoso/patients/', 'api://contoso/pa%2Fth', 'https://api.contoso-health.example/patients', 'api://00000000-0000-0000-0000-0000000000aa'])(
    '%s is accepted', (identifierUri) => {
      expect(patients({ identifierUri }).api.identifierUri).toBe(identifierUri);
    });
});

describe('display name of the version set the API creates', () => {
  test('at most 100 characters without versionSetId; the API alone takes 300', () => {
    expect(errorOf({ displayName: 'A'.repeat(101) })).toMatch(/^test\/Patients: displayName .*100/);
    const json = patients({ displayName: 'A'.repeat(100) }).json();
    expect(own(json, 'azurerm_api_management_api_version_set').display_name).toHaveLength(100);
    const existing = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-health/providers/Microsoft.ApiManagement/service/contoso-health-apim/apiVersionSets/patients';
    const withSet = patients({ displayName: 'A'.repeat(300), versionSetId: existing }).json();
    expect(own(withSet, 'azurerm_api_management_api').display_name).toHaveLength(300);
    expect(errorOf({ displayName: 'A'.repeat(301), versionSetId: existing })).toMatch(/displayName .*300/);
  });
});

describe('operation description', () => {
  test('at most 1000 characters', () => {
    const operations = (description: string) => [{ ...PATIENTS.operations![0], description }, ...PATIENTS.operations!.slice(1)];
    expect(errorOf({ operations: operations('d'.repeat(1001)) })).toMatch(/^test\/Patients: operations\[0\]\.description .*1000/);
    const json = patients({ operations: operations('d'.repeat(1000)) }).json();
    expect(resourcesOf(json, 'azurerm_api_management_api_operation').map(([, o]) => o.description).filter(Boolean)).toEqual(['d'.repeat(1000)]);
  });
});

describe('a consumer group\'s generated description', () => {
  test('is cut to the 1000 characters APIM takes for the product and the group; a short one is kept whole', () => {
    const roles = Array.from({ length: 12 }, (_, i) => `Role${i}.${'x'.repeat(100)}`);
    const f = patients({ operations: roles.map((r, i) => ({ method: 'GET', urlTemplate: `/r${i}`, requiredRoles: [r] })) });
    new ConsumerGroup(f.stack, 'Many', { platform: f.platform, name: 'many', apis: [f.api], roles });
    new ConsumerGroup(f.stack, 'Few', { platform: f.platform, name: 'few', apis: [f.api], roles: [roles[0]] });
    const json = f.json();
    const many = [own(json, 'azurerm_api_management_product', 'Many_').description, own(json, 'azurerm_api_management_group', 'Many_').description];
    expect(many.map((d: string) => d.length)).toEqual([1000, 1000]);
    expect(many[0]).toMatch(/^Consumers of patients-v1 with roles Role0\.x+, Role1\..*…$/);
    expect(own(json, 'azurerm_api_management_product', 'Few_').description).toBe(`Consumers of patients-v1 with roles ${roles[0]}.`);
  });
});
