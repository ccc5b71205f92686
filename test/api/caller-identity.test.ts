/** Caller identity for the FHIR audit log: the refusal of caller-supplied audit headers, and the headers the gateway sets. */
import { apiPolicy, patients, section } from './fixtures';
import { CALLER_IDENTITY_HEADERS, FHIR_AUDIT_HEADER_PREFIX, isFhirServiceUrl } from '../../lib/api/caller-identity';
import { TOKEN_VARIABLE } from '../../lib/api/defaults';
import { evaluate, FakeContext } from '../util/csharp';
import { runStatements } from '../util/policy-runtime';
import { annotationsOf } from '../util/synth';
import { attributes, childElements, textOf } from '../util/xml';

const FHIR_URL = 'https://contosohealthws-patients.fhir.azurehealthcareapis.com';
const OID = '11111111-2222-3333-4444-555555555555';
const APP = '66666666-7777-8888-9999-000000000000';
const TID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const TOKEN = ['Jwt', { oid: OID, azp: APP, tid: TID, name: 'Dr. Jane Example', preferred_username: 'jane@contoso-health.example' }] as const;

function inboundOf(props: Parameters<typeof patients>[0]): Element[] {
  return section(apiPolicy(patients(props).json()), 'inbound');
}

/** The audit headers the policy sets, name to the rendered value. */
function auditHeaders(inbound: Element[]): Record<string, string> {
  return Object.fromEntries(inbound.filter((e) => e.tagName === 'set-header' && attributes(e).name.toUpperCase().startsWith(FHIR_AUDIT_HEADER_PREFIX))
    .map((e) => [attributes(e).name, textOf(childElements(e, 'value')[0])]));
}

/** The choose that refuses caller-supplied audit headers. */
function refusal(inbound: Element[]): Element {
  const found = inbound.filter((e) => e.tagName === 'choose' && childElements(e, 'when')[0].getAttribute('condition')!.includes('AZUREFHIR'));
  expect(found).toHaveLength(1);
  return found[0];
}

describe('forwardCallerIdentity', () => {
  test('is on by default for a FHIR backend and off for any other', () => {
    expect(Object.keys(auditHeaders(inboundOf({ backendUrl: FHIR_URL })))).toEqual(CALLER_IDENTITY_HEADERS.map((h) => h.name));
    expect(auditHeaders(inboundOf({}))).toEqual({});
    expect(inboundOf({}).some((e) => e.tagName === 'choose' && childElements(e, 'when').some((w) => w.getAttribute('condition')!.includes('AZUREFHIR')))).toBe(false);
    expect(Object.keys(auditHeaders(inboundOf({ forwardCallerIdentity: true })))).toHaveLength(4);
  });

  test('turning it off for a FHIR backend is a named opt-out with a warning', () => {
    const { api, json } = patients({ backendUrl: FHIR_URL, forwardCallerIdentity: false, acknowledgeFhirAuditWithoutCaller: true });
    expect(auditHeaders(section(apiPolicy(json()), 'inbound'))).toEqual({});
    expect(annotationsOf(api, 'warn').join('\n')).toMatch(/acknowledgeFhirAuditWithoutCaller.*managed identity/s);
    expect(() => patients({ backendUrl: FHIR_URL, forwardCallerIdentity: false })).toThrow(/forwardCallerIdentity is false for a FHIR backend.*acknowledgeFhirAuditWithoutCaller: true/);
    expect(annotationsOf(patients({ backendUrl: FHIR_URL }).api, 'warn').join('\n')).not.toMatch(/forwardCallerIdentity/);
  });

  test('order: token validation and role check, then the refusal; the headers after validate-parameters, before the managed identity', () => {
    const inbound = inboundOf({ backendUrl: FHIR_URL });
    const names = inbound.map((e) => e.tagName);
    const at = (el: Element) => inbound.indexOf(el);
    const token = names.indexOf('validate-jwt');
    expect(token).toBeGreaterThanOrEqual(0);
    expect(at(refusal(inbound))).toBe(token + 2); // after the role check
    const headers = inbound.filter((e) => e.tagName === 'set-header' && attributes(e).name.startsWith(FHIR_AUDIT_HEADER_PREFIX)).map(at);
    expect(Math.min(...headers)).toBeGreaterThan(names.indexOf('validate-parameters'));
    expect(Math.max(...headers)).toBeLessThan(names.indexOf('authentication-managed-identity'));
    for (const h of inbound.filter((e) => e.tagName === 'set-header' && attributes(e).name.startsWith(FHIR_AUDIT_HEADER_PREFIX))) {
      expect(attributes(h)['exists-action']).toBe('override');
    }
  });

  test('the headers carry identifiers from the validated token, never names or e-mails', () => {
    const headers = auditHeaders(inboundOf({ backendUrl: FHIR_URL }));
    const ctx: FakeContext = { Variables: { [TOKEN_VARIABLE]: TOKEN }, RequestId: 'f0e1d2c3-b4a5-9687-7869-5a4b3c2d1e0f' };
    const values = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, evaluate(value, ctx)]));
    expect(values).toEqual({
      'X-MS-AZUREFHIR-AUDIT-CALLER-OID': OID,
      'X-MS-AZUREFHIR-AUDIT-CALLER-APPID': APP,
      'X-MS-AZUREFHIR-AUDIT-CALLER-TID': TID,
      'X-MS-AZUREFHIR-AUDIT-APIM-REQUEST-ID': 'f0e1d2c3-b4a5-9687-7869-5a4b3c2d1e0f',
    });
    for (const value of Object.values(headers)) expect(value).not.toMatch(/name|upn|email|preferred_username/i);
    // v1 tokens carry the client id as appid; a claim that is missing is written as "none".
    expect(evaluate(headers['X-MS-AZUREFHIR-AUDIT-CALLER-APPID'], { Variables: { [TOKEN_VARIABLE]: ['Jwt', { appid: APP }] } })).toBe(APP);
    expect(evaluate(headers['X-MS-AZUREFHIR-AUDIT-CALLER-OID'], { Variables: { [TOKEN_VARIABLE]: ['Jwt', {}] } })).toBe('none');
    expect(evaluate(headers['X-MS-AZUREFHIR-AUDIT-CALLER-OID'], {})).toBe('none');
    // FHIR records at most 10 distinct audit headers, values up to 2,048 characters.
    expect(Object.keys(headers).length).toBeLessThanOrEqual(10);
  });

  test('both token validators store the validated token in the variable the headers read', () => {
    for (const props of [{ backendUrl: FHIR_URL }, { backendUrl: FHIR_URL, allowedClientApplicationIds: [APP] }]) {
      const inbound = inboundOf(props);
      const validator = inbound.find((e) => e.tagName === 'validate-jwt' || e.tagName === 'validate-azure-ad-token')!;
      expect(attributes(validator)['output-token-variable-name']).toBe(TOKEN_VARIABLE);
      expect(auditHeaders(inbound)['X-MS-AZUREFHIR-AUDIT-CALLER-OID']).toContain(`GetValueOrDefault<Jwt>("${TOKEN_VARIABLE}", null)`);
    }
    expect(inboundOf({ backendUrl: FHIR_URL, allowedClientApplicationIds: [APP] }).map((e) => e.tagName)).toContain('validate-azure-ad-token');
  });

  test('a caller sending any X-MS-AZUREFHIR-AUDIT-* header, in any letter case, gets 400 in the JSON error shape', () => {
    const choose = refusal(inboundOf({ backendUrl: FHIR_URL }));
    const run = (headers: Record<string, string>) => runStatements([choose], { Request: { Headers: headers } }).response;
    for (const name of ['X-MS-AZUREFHIR-AUDIT-CALLER-OID', 'x-ms-azurefhir-audit-userid', 'X-Ms-AzureFhir-Audit-UserLocation']) {
      const response = run({ Authorization: 'Bearer x', [name]: 'dr-smith' });
      expect(response?.status).toBe(400);
      expect(response?.headers['Content-Type']).toBe('application/json');
      expect(response?.body).toContain('bad_request');
    }
    expect(run({ 'Authorization': 'Bearer x', 'X-MS-AZUREFHIR': 'x', 'X-Audit': 'y', 'Accept': 'application/fhir+json' })).toBeUndefined();
    expect(run({})).toBeUndefined();
  });

  test.each([
    [FHIR_URL, true],
    ['https://contosohealth.azurehealthcareapis.com', true],
    ['https://contosohealth.azurehealthcareapis.com/Patient', true],
    ['https://fhir.contoso-health.example', false],
    ['https://azurehealthcareapis.com.evil.example', false],
    ['https://ws-dicom.dicom.azurehealthcareapis.com', false],
    ['not a url', false],
  ])('isFhirServiceUrl(%s) is %s', (url, expected) => {
    expect(isFhirServiceUrl(url)).toBe(expected);
  });
});
