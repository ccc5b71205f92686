/**
 * Table-driven fuzz test of ProtectedApi: every prop gets wrong types and malformed values; each
 * must fail with a ValidationError naming the prop (never a TypeError). Construct-only: one
 * platform is shared and nothing is synthesized.
 */
import { BAD, casesOf, label, namesProp, validationErrorOf } from './harness';
import { ProtectedApi, ProtectedApiProps, SecureHealthcareApim } from '../../lib';
import { PATIENTS, PLATFORM_PROPS } from '../api/fixtures';
import { newStack } from '../util/synth';

let platform: SecureHealthcareApim;
let n = 0;
beforeAll(() => {
  platform = new SecureHealthcareApim(newStack(), 'Platform', PLATFORM_PROPS);
});

const OP = { method: 'GET', urlTemplate: '/patients/{id}', requiredRoles: ['Patient.Read'] };
const op = (extra: Record<string, unknown>) => ({ operations: [{ ...OP, ...extra }] });
const param = (where: 'queryParameters' | 'requestHeaders', extra: Record<string, unknown>) => op({ [where]: [{ name: where === 'requestHeaders' ? 'X-Trace' : 'q', ...extra }] });
const GUID = '00000000-0000-0000-0000-000000000001';

// [prop the error must name, props merged over PATIENTS]
const CASES: Array<[string, Record<string, unknown>]> = [
  ...['name', 'path', 'version', 'backendUrl'].flatMap((p) => casesOf(p, [...BAD.string, '', 'x'.repeat(500), 'a\u0000b', 'A B', '${var.x}']).map(([k, v]): [string, Record<string, unknown>] => [k, { [k]: v }])),
  ...casesOf('backendUrl', BAD.url).map(([k, v]): [string, Record<string, unknown>] => [k, { [k]: v }]),
  ...['displayName', 'description', 'versionSetId', 'backendAudience'].flatMap((p) => casesOf(p, BAD.text).map(([k, v]): [string, Record<string, unknown>] => [k, { [k]: v }])),
  ...['subscriptionKeyHeaderName', 'subscriptionKeyQueryParameterName'].flatMap((p) => casesOf(p, [...BAD.string, '', 'a b', 'a\nb']).map(([k, v]): [string, Record<string, unknown>] => [k, { [k]: v }])),
  ...['delegatedScopes', 'acceptDelegatedScopes'].flatMap((p) => casesOf(p, BAD.bool).map(([k, v]): [string, Record<string, unknown>] => [k, { [k]: v }])),
  ...['tokenValidation', 'undeclaredParameterAction', 'undeclaredRequestHeaderAction', 'undeclaredResponseHeaderAction'].flatMap((p) =>
    casesOf(p, BAD.enum).map(([k, v]): [string, Record<string, unknown>] => [k, { [k]: v }])),
  ...['maxRequestBodyBytes', 'backendTimeoutSeconds', 'circuitBreakerFailureCount', 'circuitBreakerTripSeconds'].flatMap((p) =>
    casesOf(p, [...BAD.int, 0, -1, 1e12]).map(([k, v]): [string, Record<string, unknown>] => [k, { [k]: v }])),
  ...['subscriptionRateLimit', 'clientIpRateLimit', 'subscriptionQuota', 'existingApp', 'cors', 'openApi'].flatMap((p) =>
    casesOf(p, BAD.object).map(([k, v]): [string, Record<string, unknown>] => [k, { [k]: v, ...(p === 'openApi' ? { operations: undefined } : {}) }])),
  ...['subscriptionRateLimit', 'clientIpRateLimit', 'subscriptionQuota'].flatMap((p) => [
    // A look-alike object is not a RateLimit / Quota (values are checked where those are made).
    ...casesOf(p, [{ calls: 10, renewalPeriodSeconds: 300 }]).map(([k, v]): [string, Record<string, unknown>] => [k, { [p]: v }]),
  ]),
  ...['allowedContentTypes', 'allowedResponseHeaders', 'allowedIpRanges', 'allowedClientApplicationIds', 'appOwners'].flatMap((p) =>
    casesOf(p, BAD.stringList).map(([k, v]): [string, Record<string, unknown>] => [k, { [k]: v }])),
  ...casesOf('allowedResponseStatusCodes', [...BAD.list, ['200'], [NaN], [99], [600]]).map(([k, v]): [string, Record<string, unknown>] => [k, { [k]: v }]),
  ...casesOf('appOwners', [['not-a-guid'], [`{${GUID}}`]]).map(([k, v]): [string, Record<string, unknown>] => [k, { [k]: v }]),
  ...casesOf('allowedIpRanges', [['10.0.0.0/33'], ['x']]).map(([k, v]): [string, Record<string, unknown>] => [k, { [k]: v }]),
  ...casesOf('allowedContentTypes', [['json'], ['Application/JSON'], []]).map(([k, v]): [string, Record<string, unknown>] => [k, { [k]: v }]),
  ...casesOf('backendReadiness', BAD.list).map(([k, v]): [string, Record<string, unknown>] => [k, { [k]: v }]),
  ...casesOf('appRegistrationName', [...BAD.string, '', '-a', 'a b', '${x}']).map(([k, v]): [string, Record<string, unknown>] => [k, { [k]: v }]),
  ...casesOf('identifierUri', [...BAD.string, 'urn:x', 'api://a b', 'api://${x}', 'api://a\u0000b']).map(([k, v]): [string, Record<string, unknown>] => [k, { [k]: v }]),
  // operations
  ...casesOf('operations', [...BAD.list, [], ['GET /x'], [42]]).map(([k, v]): [string, Record<string, unknown>] => [k, { [k]: v }]),
  ...casesOf('operations[0].method', [...BAD.string, 'get', 'TRACE', 'OPTIONS', '']).map(([k, v]): [string, Record<string, unknown>] => [k, op({ method: v })]),
  ...casesOf('operations[0].urlTemplate', [...BAD.string, '', 'patients', '/a//b', '/a/{', '/a?b=1', '/a b']).map(([k, v]): [string, Record<string, unknown>] => [k, op({ urlTemplate: v })]),
  ...casesOf('operations[0].operationId', [...BAD.string, '', 'a.b', 'a-', 'x'.repeat(81)]).map(([k, v]): [string, Record<string, unknown>] => [k, op({ operationId: v })]),
  ...['displayName', 'description'].flatMap((p) => casesOf(`operations[0].${p}`, BAD.text).map(([k, v]): [string, Record<string, unknown>] => [k, op({ [p]: v })])),
  ...casesOf('operations[0].requiredRoles', [...BAD.stringList, [], ['a b'], ['.x'], ['x{{y']]).map(([k, v]): [string, Record<string, unknown>] => [k, op({ requiredRoles: v })]),
  ...casesOf('operations[0].maxRequestBodyBytes', [...BAD.int, 0]).map(([k, v]): [string, Record<string, unknown>] => [k, op({ maxRequestBodyBytes: v })]),
  ...casesOf('operations[0].rateLimit', BAD.object).map(([k, v]): [string, Record<string, unknown>] => [k, op({ rateLimit: v })]),
  ...casesOf('operations[0].rateLimit', [{ calls: 5, renewalPeriodSeconds: 60 }]).map(([k, v]): [string, Record<string, unknown>] => [k, op({ rateLimit: v })]),
  ...['templateParameters', 'queryParameters', 'requestHeaders', 'responses'].flatMap((p) =>
    casesOf(`operations[0].${p}`, BAD.list).map(([k, v]): [string, Record<string, unknown>] => [k, op({ [p]: v })])),
  ...(['queryParameters', 'requestHeaders'] as const).flatMap((p) => [
    ...casesOf(`operations[0].${p}[0].name`, BAD.string).map(([k, v]): [string, Record<string, unknown>] => [k, param(p, { name: v })]),
    ...casesOf(`operations[0].${p}[0].type`, BAD.enum).map(([k, v]): [string, Record<string, unknown>] => [k, param(p, { type: v })]),
    ...casesOf(`operations[0].${p}[0].required`, BAD.bool).map(([k, v]): [string, Record<string, unknown>] => [k, param(p, { required: v })]),
    ...casesOf(`operations[0].${p}[0].description`, BAD.text).map(([k, v]): [string, Record<string, unknown>] => [k, param(p, { description: v })]),
    ...casesOf(`operations[0].${p}[0].allowedValues`, [...BAD.stringList, [], ['a\u0000']]).map(([k, v]): [string, Record<string, unknown>] => [k, param(p, { allowedValues: v })]),
  ]),
  ...casesOf('operations[0].queryParameters[0].name', ['', 'a-b', 'a b', '${x}']).map(([k, v]): [string, Record<string, unknown>] => [k, param('queryParameters', { name: v })]),
  ...casesOf('operations[0].requestHeaders[0].name', ['', 'a b', 'a:b']).map(([k, v]): [string, Record<string, unknown>] => [k, param('requestHeaders', { name: v })]),
  ...casesOf('operations[0].responses[0].statusCode', [...BAD.int, 99, 600]).map(([k, v]): [string, Record<string, unknown>] => [k, op({ responses: [{ statusCode: v }] })]),
  ...casesOf('operations[0].responses[0].description', BAD.text).map(([k, v]): [string, Record<string, unknown>] => [k, op({ responses: [{ statusCode: 200, description: v }] })]),
  ...casesOf('operations[0].responses[0].contentTypes', BAD.stringList).map(([k, v]): [string, Record<string, unknown>] => [k, op({ responses: [{ statusCode: 200, contentTypes: v }] })]),
  ...casesOf('operations[0].responses[0].schemaName', [...BAD.string, 'Missing']).map(([k, v]): [string, Record<string, unknown>] => [k, op({ responses: [{ statusCode: 200, schemaName: v }] })]),
  // schemas and imported operations
  ...casesOf('schemas', BAD.list).map(([k, v]): [string, Record<string, unknown>] => [k, { [k]: v }]),
  ...casesOf('schemas[0].name', [...BAD.string, '', '1a', 'a b']).map(([k, v]): [string, Record<string, unknown>] => [k, { schemas: [{ name: v, definition: '{}' }] }]),
  ...casesOf('schemas[0].definition', [...BAD.string, '', 'not json', '[]', '42']).map(([k, v]): [string, Record<string, unknown>] => [k, { schemas: [{ name: 'P', definition: v }] }]),
  ...casesOf('importedOperations', BAD.list).map(([k, v]): [string, Record<string, unknown>] => [k, { operations: [OP], importedOperations: v }]),
  // existing app
  ...casesOf('existingApp.clientId', [...BAD.string, ...BAD.guid]).map(([k, v]): [string, Record<string, unknown>] => [k, { existingApp: { clientId: v, audience: 'api://x' } }]),
  ...casesOf('existingApp.audience', BAD.text).map(([k, v]): [string, Record<string, unknown>] => [k, { existingApp: { clientId: GUID, audience: v } }]),
  ...casesOf('existingApp.servicePrincipalObjectId', [...BAD.string, ...BAD.guid]).map(([k, v]): [string, Record<string, unknown>] => [k, { existingApp: { clientId: GUID, audience: 'api://x', servicePrincipalObjectId: v } }]),
  ...casesOf('existingApp.appRoleIds', [...BAD.object.filter((v) => v !== null && !Array.isArray(v)), { 'Patient.Read': 42 }]).map(([k, v]): [string, Record<string, unknown>] => [k, { existingApp: { clientId: GUID, audience: 'api://x', appRoleIds: v } }]),
  // cors
  ...casesOf('cors.allowedOrigins', BAD.stringList).map(([k, v]): [string, Record<string, unknown>] => [k, { cors: { allowedOrigins: v } }]),
  ...casesOf('cors.allowCredentials', BAD.bool).map(([k, v]): [string, Record<string, unknown>] => [k, { cors: { allowedOrigins: ['https://app.example'], allowCredentials: v } }]),
  ...casesOf('cors.preflightResultMaxAgeSeconds', BAD.int).map(([k, v]): [string, Record<string, unknown>] => [k, { cors: { allowedOrigins: ['https://app.example'], preflightResultMaxAgeSeconds: v } }]),
  ['platform', { platform: {} }],
  ['platform', { platform: 'Platform' }],
];

describe('ProtectedApi fuzz: every bad value is a ValidationError naming the prop', () => {
  test.each(CASES.map(([prop, props]) => [prop, label(props), props]))('%s: %s', (prop, _, props) => {
    const e = validationErrorOf(() => new ProtectedApi(platform, `Api${n++}`, { platform, ...PATIENTS, ...(props as object) } as unknown as ProtectedApiProps));
    expect(e.constructPath).toMatch(/^test\/Platform\/Api\d+/);
    expect(namesProp(e, prop as string)).toBe(true);
    expect(e.message).not.toMatch(/\[object Object\]/);
  });

  test('props that are not an object', () => {
    for (const v of [null, 'x', 42]) expect(validationErrorOf(() => new ProtectedApi(platform, `Api${n++}`, v as unknown as ProtectedApiProps)).prop).toBe('props');
  });

  test("delegatedScopes: 'false' does not switch the delegated scopes off", () => {
    expect(validationErrorOf(() => new ProtectedApi(platform, `Api${n++}`, { platform, ...PATIENTS, delegatedScopes: 'false' } as unknown as ProtectedApiProps)).prop).toBe('delegatedScopes');
  });
});
