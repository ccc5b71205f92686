import { apiPolicy, errorOf, operationPolicy, own, patients, section } from './fixtures';
import { OpenApiDefinition, ProtectedApiProps } from '../../lib';
import { annotationsOf, block, resourcesOf } from '../util/synth';
import { attributes, onlyChild } from '../util/xml';

const SPEC = {
  openapi: '3.0.3',
  info: { title: 'Patients', version: '1' },
  paths: {
    '/patients/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      get: { operationId: 'getPatient', responses: { 200: { description: 'OK' } } },
      delete: { operationId: 'deletePatient', responses: { 204: { description: 'Deleted' } } },
    },
    '/patients': {
      post: { operationId: 'createPatient', responses: { 201: { description: 'Created' } } },
    },
  },
};

const IMPORTED: Partial<ProtectedApiProps> = {
  operations: undefined,
  openApi: OpenApiDefinition.fromJson(JSON.stringify(SPEC)),
  importedOperations: [
    { operationId: 'getPatient', requiredRoles: ['Patient.Read'] },
    { operationId: 'deletePatient', requiredRoles: ['Patient.Admin'] },
    { operationId: 'createPatient', requiredRoles: ['Patient.Write'], maxRequestBodyBytes: 8192 },
  ],
};

describe('OpenAPI import', () => {
  const f = patients(IMPORTED);
  const json = f.json();

  test('the definition is imported into the versioned, HTTPS-only API; no operations are written in code', () => {
    const api = own(json, 'azurerm_api_management_api');
    expect(block(api.import)).toEqual({ content_format: 'openapi+json', content_value: JSON.stringify(SPEC) });
    expect(api.protocols).toEqual(['https']);
    expect(api.subscription_required).toBe(true);
    expect(resourcesOf(json, 'azurerm_api_management_api_operation')).toEqual([]);
    expect(f.api.operations).toEqual([]);
  });

  test('each operation gets its role check by operationId', () => {
    const policies = resourcesOf(json, 'azurerm_api_management_api_operation_policy').map(([, p]) => p.operation_id).sort();
    expect(policies).toEqual(['createPatient', 'deletePatient', 'getPatient']);
    const condition = attributes(onlyChild(section(operationPolicy(json, 'deletePatient'), 'inbound')[1], 'when')).condition;
    expect(condition).toContain('new string[] { "Patient.Admin" }');
    expect(section(operationPolicy(json, 'createPatient'), 'inbound').map((e) => e.tagName)).toEqual(['base', 'choose', 'validate-content']);
  });

  test('roles come from the mapping; the API-wide check accepts any of them', () => {
    expect(f.api.roles).toEqual(['Patient.Admin', 'Patient.Read', 'Patient.Write']);
    const inbound = section(apiPolicy(json), 'inbound');
    expect(attributes(onlyChild(inbound.find((e) => e.tagName === 'choose')!, 'when')).condition).toContain('"Patient.Admin", "Patient.Read", "Patient.Write"');
    expect(annotationsOf(f.api, 'warn')).toEqual([]);
  });

  test('a Swagger 2.0 document imports as swagger-json', () => {
    const swagger = OpenApiDefinition.fromJson(JSON.stringify({ swagger: '2.0', info: {}, paths: { '/x': { get: { operationId: 'getX' } } } }));
    expect(swagger.contentFormat).toBe('swagger-json');
    expect(swagger.operationIds).toEqual(['getX']);
  });

  test('every operation of a JSON definition needs a role mapping, and every mapping an operation', () => {
    expect(errorOf({ ...IMPORTED, importedOperations: IMPORTED.importedOperations!.slice(0, 2) })).toBe(
      'test/Patients: importedOperations has no entry for createPatient (POST /patients). Valid: an entry with requiredRoles for every operation of the OpenAPI definition.');
    expect(errorOf({ ...IMPORTED, importedOperations: [...IMPORTED.importedOperations!, { operationId: 'listPatients', requiredRoles: ['Patient.Read'] }] })).toBe(
      "test/Patients: importedOperations[3].operationId 'listPatients' is not an operationId of the OpenAPI definition. Valid: getPatient, deletePatient, createPatient.");
    expect(errorOf({ ...IMPORTED, importedOperations: [] })).toMatch(/^test\/Patients: importedOperations is empty\. Valid: /);
    expect(errorOf({ ...IMPORTED, importedOperations: [{ operationId: 'getPatient', requiredRoles: [] }] })).toMatch(/^test\/Patients: importedOperations\[0\]\.requiredRoles is empty\. Valid: /);
  });

  test('links and YAML are imported as they are, with a warning that their operations are not checked', () => {
    const linked = patients({ ...IMPORTED, openApi: OpenApiDefinition.fromJsonUrl('https://specs.contoso-health.example/patients.json'), importedOperations: [{ operationId: 'anything', requiredRoles: ['Patient.Read'] }] });
    expect(block(own(linked.json(), 'azurerm_api_management_api').import)).toEqual({ content_format: 'openapi+json-link', content_value: 'https://specs.contoso-health.example/patients.json' });
    expect(annotationsOf(linked.api, 'warn')).toEqual([expect.stringContaining('cannot be checked at synth')]);
    expect(OpenApiDefinition.fromYamlUrl('https://specs.example/p.yaml').contentFormat).toBe('openapi-link');
    const yaml = OpenApiDefinition.fromYaml('openapi: 3.0.3\npaths: {}\n');
    expect([yaml.contentFormat, yaml.operationIds]).toEqual(['openapi', undefined]);
  });
});

describe('OpenApiDefinition validation', () => {
  test.each([
    ['{not json', 'OpenApiDefinition.fromJson: document is not valid JSON'],
    ['[]', 'OpenApiDefinition.fromJson: document is JSON but not an object'],
    [JSON.stringify({ openapi: '2.0', paths: {} }), 'has neither an "openapi": "3.x" nor a "swagger": "2.0" field'],
    [JSON.stringify({ openapi: '3.1.0', paths: {} }), 'document.paths is missing or empty'],
    [JSON.stringify({ openapi: '3.1.0', paths: { '/x': { get: {} } } }), "document.paths['/x'].get.operationId is missing"],
    [JSON.stringify({ openapi: '3.1.0', paths: { '/x': { get: { operationId: 'get x' } } } }), "operationId 'get x' is not an operation id"],
    [JSON.stringify({ openapi: '3.1.0', paths: { '/x': { get: { operationId: 'a' } }, '/y': { get: { operationId: 'A' } } } }), "'A' is also the operationId of GET /x"],
  ])('%s is refused', (doc, message) => {
    expect(() => OpenApiDefinition.fromJson(doc)).toThrow(message);
  });

  test('links must be https', () => {
    expect(() => OpenApiDefinition.fromJsonUrl('http://specs.example/p.json')).toThrow("OpenApiDefinition.fromJsonUrl: url 'http://specs.example/p.json' is not an https URL. Valid:");
    expect(() => OpenApiDefinition.fromYaml('  ')).toThrow('OpenApiDefinition.fromYaml: document is empty');
  });
});
