import { Fn } from 'cdktf';
import { errorOf, PATIENTS, patients } from './fixtures';
import { ApiOperation, ApiSchema, OpenApiDefinition, ProtectedApiProps, Quota, RateLimit } from '../../lib';
import { ValidationAction } from '../../lib/policy';

const GET = PATIENTS.operations![0];

/** Props with one operation replaced (or added). */
function withOperation(op: Partial<ApiOperation>, extra: Partial<ProtectedApiProps> = {}): Partial<ProtectedApiProps> {
  return { operations: [{ ...GET, ...op } as ApiOperation], ...extra };
}

/** Asserts the error names the construct, the prop, and what is valid. */
function expectError(props: Partial<ProtectedApiProps>, prop: string, problem: RegExp | string): void {
  const message = errorOf(props);
  expect(message.startsWith(`test/Patients: ${prop} `) || message.startsWith(`test/Patients: ${prop}.`)).toBe(true);
  if (typeof problem === 'string') expect(message).toContain(problem);
  else expect(message).toMatch(problem);
  expect(message).toMatch(/\. Valid: .+\.$/);
}

describe('ProtectedApi validation: every bad input fails with the construct path, the prop and what is valid', () => {
  test('the contract example is valid', () => {
    expect(() => patients()).not.toThrow();
  });

  describe('name', () => {
    test.each(['Patients', 'patients_v', '-patients', 'patients-', 'pa--tients', '1patients', '', 'a'.repeat(61)])('refuses %j', (name) => {
      expectError({ name }, 'name', 'is not an API name');
    });
    test('refuses a token', () => expectError({ name: Fn.lower('x') }, 'name', 'is a token'));
  });

  describe('path', () => {
    test.each(['/patients', 'patients/', 'Patients', 'patients//records', 'pat ients', 'patients/_x', '', 'pa-', 'patients/v1?x'])('refuses %j', (path) => {
      expectError({ path }, 'path', 'is not an API path');
    });
    test.each(['patients', 'clinical/patients', 'fhir-r4/patient-records'])('accepts %j', (path) => {
      expect(() => patients({ path })).not.toThrow();
    });
  });

  describe('version', () => {
    test.each(['1', 'V1', 'v1.1.1', 'v01', 'v', 'version1', '2024-02-30', '2024-13-01', '24-01-01', '2024-1-1', ''])('refuses %j', (version) => {
      expectError({ version }, 'version', 'is not a version');
    });
    test.each(['v1', 'v2', 'v1.1', 'v10.0', '2024-01-01', '2024-02-29'])('accepts %j', (version) => {
      expect(patients({ version }).api.apiName).toBe(`patients-${version}`);
    });
  });

  describe('URL templates', () => {
    test.each([
      ['patients/{id}', "does not start with '/'"],
      ['/patients/{id', "unbalanced '{'"],
      ['/patients/{{id}}', "unbalanced '{'"],
      ['/patients/id}', "unbalanced '}'"],
      ['/patients/{1id}', "the parameter name '1id'"],
      ['/patients/{a-b}', "the parameter name 'a-b'"],
      ['/patients/{}', "the parameter name ''"],
      ['/patients/{id}/x/{id}', "repeats the parameter 'id'"],
      ['/patients/{id}{v}', 'two parameters with nothing between them'],
      ['/patients?id={id}', 'contains a query or fragment'],
      ['/patients#x', 'contains a query or fragment'],
      ['/patients/', "ends with '/'"],
      ['/patients//{id}', "empty segment ('//')"],
      ['/patients/{id} ', "the character ' '"],
      ['/patients/<id>', "the character '<'"],
      ['/patients/"x"', "the character '\"'"],
    ])('refuses %j', (urlTemplate, problem) => {
      expectError(withOperation({ urlTemplate }), 'operations[0].urlTemplate', problem);
    });

    test.each(['/', '/Patient/{id}', '/Patient/{id}/$everything', '/Patient/_search', '/patients/{id}/records/{record_id}'])('accepts %j', (urlTemplate) => {
      expect(() => patients(withOperation({ urlTemplate }))).not.toThrow();
    });

    test('a declared template parameter must be in the template', () => {
      expectError(withOperation({ templateParameters: [{ name: 'patientId' }] }), 'operations[0].templateParameters[0].name', "'patientId' is not a parameter of '/patients/{id}'");
    });

    test('a template parameter cannot be optional', () => {
      expectError(withOperation({ templateParameters: [{ name: 'id', required: false }] }), 'operations[0].templateParameters[0].required', 'is false');
    });

    test('parameter names and types are checked', () => {
      expectError(withOperation({ queryParameters: [{ name: 'a-b' }] }), 'operations[0].queryParameters[0].name', 'is not a query parameter name');
      expectError(withOperation({ queryParameters: [{ name: 'x' }, { name: 'X' }] }), 'operations[0].queryParameters[1].name', 'is declared twice');
      expectError(withOperation({ requestHeaders: [{ name: 'Bad Header' }] }), 'operations[0].requestHeaders[0].name', 'is not a header name');
      expectError(withOperation({ templateParameters: [{ name: 'id', type: 'guid' as any }] }), 'operations[0].templateParameters[0].type', "is 'guid'");
      expectError(withOperation({ queryParameters: [{ name: 'x', allowedValues: [] }] }), 'operations[0].queryParameters[0].allowedValues', 'is empty');
    });
  });

  describe('methods and duplicates', () => {
    test.each(['get', 'TRACE', 'OPTIONS', 'FETCH', ''])('refuses the method %j', (method) => {
      expectError(withOperation({ method }), 'operations[0].method', 'is not an operation method');
    });

    test('refuses the same method and template twice, whatever the parameter names or letter case', () => {
      const ops = (second: string): Partial<ProtectedApiProps> => ({
        operations: [GET, { method: 'GET', urlTemplate: second, requiredRoles: ['Patient.Read'], operationId: 'other' }],
      });
      expectError(ops('/patients/{id}'), 'operations[1]', 'duplicates operations[0] (GET /patients/{id})');
      expectError(ops('/patients/{patientId}'), 'operations[1]', 'duplicates operations[0]');
      expectError(ops('/Patients/{ID}'), 'operations[1]', 'duplicates operations[0]');
      expect(() => patients(ops('/patients/{id}/history'))).not.toThrow();
    });

    test('refuses two operations with the same id (explicit or derived)', () => {
      expectError({ operations: [GET, { method: 'GET', urlTemplate: '/patients/id', requiredRoles: ['Patient.Read'] }] },
        'operations[1].operationId', "'get-patients-id' is also the operation id of operations[0]");
      expectError({ operations: [GET, { method: 'POST', urlTemplate: '/patients', requiredRoles: ['Patient.Write'], operationId: 'GET-patients-id' }] },
        'operations[1].operationId', 'is also the operation id');
    });

    test('refuses a malformed operation id', () => {
      expectError(withOperation({ operationId: 'get patient' }), 'operations[0].operationId', 'is not an operation id');
    });

    test('refuses no operations, and operations together with openApi', () => {
      expectError({ operations: [] }, 'operations', 'is empty');
      expectError({ operations: undefined }, 'operations', 'and openApi are both unset');
      expectError({ openApi: OpenApiDefinition.fromJsonUrl('https://specs.example/p.json') }, 'operations', 'and openApi are both set');
      expectError({ importedOperations: [{ operationId: 'x', requiredRoles: ['A'] }] }, 'importedOperations', 'are set with operations');
    });
  });

  describe('backend', () => {
    test('refuses http:// with the reason', () => {
      expectError({ backendUrl: 'http://fhir.contoso-health.example' }, 'backendUrl', 'uses http://, which would send PHI and tokens unencrypted');
    });
    test.each(['ftp://fhir.example', 'fhir.example', 'https://', 'https://user:pw@fhir.example', 'https://fhir.example/?x=1', 'https://fhir.example/#x'])('refuses %j', (backendUrl) => {
      expectError({ backendUrl }, 'backendUrl', /is not an https URL|has user info, a query, a fragment/);
    });
    test('a token backend URL needs an explicit audience', () => {
      expectError({ backendUrl: Fn.lower('https://x.example') }, 'backendAudience', 'is unset while backendUrl is a token');
      expect(() => patients({ backendUrl: Fn.lower('https://x.example'), backendAudience: 'https://x.example' })).not.toThrow();
    });
    test.each([[0, 'is 0'], [241, 'is 241'], [1.5, 'is 1.5']])('refuses backendTimeoutSeconds %j', (backendTimeoutSeconds, problem) => {
      expectError({ backendTimeoutSeconds }, 'backendTimeoutSeconds', problem);
    });
    test('circuit breaker bounds', () => {
      expectError({ circuitBreakerFailureCount: 0 }, 'circuitBreakerFailureCount', 'is 0');
      expectError({ circuitBreakerTripSeconds: 5 }, 'circuitBreakerTripSeconds', 'is 5');
    });
    test('a backend audience the managed-identity policy cannot carry', () => {
      expect(errorOf({ backendAudience: '@(context.Request.Url)' })).toMatch(/^test\/Patients: backendAudience .*starts with '@'.*Valid: /);
    });
  });

  describe('roles', () => {
    test.each([
      ['Patient Read', 'has a character Entra ID does not allow'],
      ['Patient"Read', 'has a character Entra ID does not allow'],
      ['Patient<Read>', 'has a character Entra ID does not allow'],
      ['Patient\\Read', 'has a character Entra ID does not allow'],
      ['Patiënt.Read', 'has a character Entra ID does not allow'],
      ['Patient\nRead', 'has a character Entra ID does not allow'],
      ['.Patient.Read', "starts with '.'"],
      ['{{secret}}', "contains '{{'"],
      ['', 'is empty'],
      ['R'.repeat(111), 'is 111 characters long'],
    ])('refuses %j', (role, problem) => {
      expectError(withOperation({ requiredRoles: [role] }), 'operations[0].requiredRoles[0]', problem);
    });

    test('a role of up to 120 characters is allowed when no delegated scope is derived from it', () => {
      expect(() => patients(withOperation({ requiredRoles: ['R'.repeat(120)] }, { delegatedScopes: false }))).not.toThrow();
      expectError(withOperation({ requiredRoles: ['R'.repeat(121)] }, { delegatedScopes: false }), 'operations[0].requiredRoles[0]', 'is 121 characters long');
    });

    test('every operation requires at least one role', () => {
      expectError(withOperation({ requiredRoles: [] }), 'operations[0].requiredRoles', 'is empty');
    });

    test('a role whose delegated scope would take another role\'s value', () => {
      expectError({ operations: [GET, { method: 'POST', urlTemplate: '/patients', requiredRoles: ['Patient.Read.Delegated'] }] },
        'operations', "require both 'Patient.Read' and 'Patient.Read.Delegated'");
    });
  });

  describe('schemas', () => {
    const schema = (definition: string, name = 'Patient'): ApiSchema[] => [{ name, definition }];
    test('refuses a schema that is not valid JSON', () => {
      expectError({ schemas: schema('{"type": "object",}') }, 'schemas[0].definition', 'is not valid JSON');
    });
    test.each(['[]', '"object"', 'null', '42'])('refuses the JSON %j, which is not an object', (definition) => {
      expectError({ schemas: schema(definition) }, 'schemas[0].definition', 'is JSON but not an object');
    });
    test('refuses bad and repeated schema names', () => {
      expectError({ schemas: schema('{}', 'Patient.Record') }, 'schemas[0].name', 'is not a schema name');
      expectError({ schemas: [{ name: 'P', definition: '{}' }, { name: 'P', definition: '{}' }] }, 'schemas[1].name', 'is used twice');
    });
    test('refuses a reference to an unknown schema', () => {
      expectError(withOperation({ method: 'POST', urlTemplate: '/patients', requestSchemaName: 'Patient' }), 'operations[0].requestSchemaName', "'Patient' is not a schema of this API");
      expectError(withOperation({ responses: [{ statusCode: 200, schemaName: 'Nope' }] }, { schemas: schema('{}') }), 'operations[0].responses[0].schemaName', "'Nope' is not a schema of this API");
    });
    test('refuses a request schema on a method without a body', () => {
      expectError(withOperation({ requestSchemaName: 'Patient' }, { schemas: schema('{}') }), 'operations[0].requestSchemaName', 'is set on a GET operation');
    });
    test('refuses schemas with an OpenAPI import', () => {
      expectError({
        operations: undefined,
        openApi: OpenApiDefinition.fromJsonUrl('https://specs.example/p.json'),
        importedOperations: [{ operationId: 'x', requiredRoles: ['A'] }],
        schemas: schema('{}'),
      }, 'schemas', 'are set with openApi');
    });
  });

  describe('responses', () => {
    test('status codes must be valid and distinct', () => {
      expectError(withOperation({ responses: [{ statusCode: 99 }] }), 'operations[0].responses[0].statusCode', 'is 99');
      expectError(withOperation({ responses: [{ statusCode: 200 }, { statusCode: 200 }] }), 'operations[0].responses[1].statusCode', '200 is declared twice');
      expectError(withOperation({ responses: [] }), 'operations[0].responses', 'is empty');
    });
    test('response content types and headers are checked', () => {
      expectError(withOperation({ responses: [{ statusCode: 200, contentTypes: ['json'] }] }), 'operations[0].responses[0].contentTypes[0]', 'is not a media type');
      expectError(withOperation({ responses: [{ statusCode: 200, headers: [{ name: 'X Bad' }] }] }), 'operations[0].responses[0].headers[0].name', 'is not a header name');
    });
  });

  describe('limits', () => {
    test('API limits have bounds', () => {
      expectError({ maxRequestBodyBytes: 4 * 1024 * 1024 + 1 }, 'maxRequestBodyBytes', 'is 4194305');
      expectError({ maxRequestBodyBytes: 0 }, 'maxRequestBodyBytes', 'is 0');
      // Limit values are checked when RateLimit / Quota makes them (test/core/rate-limit.test.ts); the API takes only those.
      expectError({ subscriptionRateLimit: { calls: 10, renewalPeriodSeconds: 60 } as any }, 'subscriptionRateLimit', 'is an object. Valid: a RateLimit such as RateLimit.perMinute(300)');
      expectError({ clientIpRateLimit: Quota.perDay(10) as any }, 'clientIpRateLimit', 'is a Quota. Valid: a RateLimit');
      expectError({ subscriptionQuota: RateLimit.perMinute(10) as any }, 'subscriptionQuota', 'is a RateLimit. Valid: a Quota');
    });
    test('content types are media types, listed once', () => {
      expectError({ allowedContentTypes: [] }, 'allowedContentTypes', 'is empty');
      expectError({ allowedContentTypes: ['application/json; charset=utf-8'] }, 'allowedContentTypes[0]', 'is not a media type');
      expectError({ allowedContentTypes: ['application/json', 'application/json'] }, 'allowedContentTypes', "lists 'application/json' twice");
    });
    test('operation limits can only tighten the API\'s, which run first', () => {
      expectError(withOperation({ maxRequestBodyBytes: 2_000_000 }), 'operations[0].maxRequestBodyBytes', 'is 2000000');
      expectError(withOperation({ allowedContentTypes: ['application/xml'] }), 'operations[0].allowedContentTypes[0]', "'application/xml' is not one of the API's allowedContentTypes");
      expectError(withOperation({ rateLimit: { calls: 5, renewalPeriodSeconds: 60 } as any }), 'operations[0].rateLimit', 'is an object. Valid: a RateLimit');
    });
    test('IP allow list entries', () => {
      // Behind the edge (the fixture platform) the list is a ClientIpFilter, which takes IPv4 and IPv6.
      expectError({ allowedIpRanges: ['10.0.0.300'] }, 'allowedIpRanges[0]', "'10.0.0.300' is not an IP address or CIDR range");
      expectError({ allowedIpRanges: ['10.0.0.1/24'] }, 'allowedIpRanges[0]', "'10.0.0.1/24' is not an IP address or CIDR range");
      expectError({ allowedIpRanges: ['10.0.0.0/8', '2001:db8::1/32'] }, 'allowedIpRanges[1]', "'2001:db8::1/32' is not an IP address or CIDR range");
      expectError({ allowedIpRanges: [] }, 'allowedIpRanges', 'is empty');
    });
    test('quota periods: 0 (lifetime) or 300 s and more, refused where the Quota is made', () => {
      expect(() => patients({ subscriptionQuota: Quota.per(10, 60) })).toThrow('Quota.per: periodSeconds is 60. Valid: a literal whole number from 300 to 31536000.');
      expect(() => patients({ subscriptionQuota: Quota.per(10, -1) })).toThrow('Quota.per: periodSeconds is -1.');
    });
    test('validation actions are known values', () => {
      expectError({ undeclaredParameterAction: 'block' as ValidationAction }, 'undeclaredParameterAction', "is 'block'");
      expectError({ undeclaredResponseHeaderAction: 'x' as ValidationAction }, 'undeclaredResponseHeaderAction', "is 'x'");
      expectError({ undeclaredRequestHeaderAction: 'allow' as ValidationAction }, 'undeclaredRequestHeaderAction', "is 'allow'");
    });
    test('allowed response headers and status codes', () => {
      expectError({ allowedResponseHeaders: ['X Request'] }, 'allowedResponseHeaders[0]', 'is not a header name');
      expectError({ allowedResponseStatusCodes: [600] }, 'allowedResponseStatusCodes[0]', 'is 600');
    });
  });

  describe('identity and subscription keys', () => {
    test('existingApp cannot be combined with props of a new app registration', () => {
      expectError({ existingApp: { clientId: '11111111-1111-1111-1111-111111111111', audience: 'api://x' }, appRegistrationName: 'x' }, 'existingApp', 'only shape a created app registration');
    });
    test('existingApp.appRoleIds must cover every required role', () => {
      expectError({ existingApp: { clientId: '11111111-1111-1111-1111-111111111111', audience: 'api://x', appRoleIds: { 'Patient.Read': '11111111-1111-1111-1111-111111111111' } } }, 'existingApp.appRoleIds', "has no id for 'Patient.Admin', 'Patient.Write'");
    });
    test('identifier URI and app registration key', () => {
      expectError({ identifierUri: 'urn:patients' }, 'identifierUri', 'is not an identifier URI');
      expectError({ identifierUri: 'api://x y' }, 'identifierUri', 'is not an identifier URI');
      expectError({ appRegistrationName: '-x' }, 'appRegistrationName', 'is not an app registration key');
    });
    test('the app registration key must be literal: it seeds the role ids', () => {
      expectError({ appRegistrationName: Fn.lower('X') }, 'appRegistrationName', 'is a token');
      const message = errorOf({}, { name: Fn.lower('contoso-health-apim'), keyVaultName: 'contoso-kv' });
      expect(message).toBe('test/Patients: appRegistrationName is unset and the platform name is a token. Valid: an explicit appRegistrationName, the stable seed of the app role ids.');
    });
    test('subscription key names', () => {
      expectError({ subscriptionKeyHeaderName: 'Api Key' }, 'subscriptionKeyHeaderName', 'is not a header name');
      expectError({ subscriptionKeyQueryParameterName: 'key&x' }, 'subscriptionKeyQueryParameterName', 'is not a query parameter name');
    });
    test('client application ids', () => {
      expectError({ allowedClientApplicationIds: [] }, 'allowedClientApplicationIds', 'is empty');
    });
    test('display texts have no control characters', () => {
      expectError({ displayName: 'Patients\u0007' }, 'displayName', 'contains a control character');
      expectError({ description: ' ' }, 'description', 'is empty');
      expectError(withOperation({ displayName: 'x'.repeat(301) }), 'operations[0].displayName', 'is 301 characters long');
    });
  });
});
