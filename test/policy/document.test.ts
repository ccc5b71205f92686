import {
  Choose, Cors, ForwardRequest, JsonErrorResponse, PolicyDocument, PolicyElement, PolicyScope, PolicySection, PolicyValue, QuotaByKey,
  RateLimitByKey, ReturnResponse, SetBackendService, SetHeader, ValidateContent, ValidateHeaders, ValidateJwt, ValidateParameters,
  ValidateStatusCode,
} from '../../lib/policy';
import { ALL_SECTIONS } from '../../lib/policy/element';
import { attributes, childElements, childNames, onlyChild, parseXml } from '../util/xml';

const IP = PolicyValue.expression('context.Request.IpAddress');
const rate = () => new RateLimitByKey({ calls: 10, renewalPeriodSeconds: 10, counterKey: IP });
const header = (name = 'X-A') => SetHeader.override(name, 'v');
const jwt = () => new ValidateJwt({ openIdConfigUrls: ['https://login.example.org/.well-known/openid-configuration'], audiences: ['a'], issuers: ['i'] });

/** Every section of a document as its child element names. */
function sections(doc: PolicyDocument): Record<string, string[]> {
  const root = parseXml(doc.toXml());
  expect(root.tagName).toBe('policies');
  expect(attributes(root)).toEqual({});
  expect(childNames(root)).toEqual(['inbound', 'backend', 'outbound', 'on-error']);
  return Object.fromEntries(childElements(root).map((s) => {
    expect(attributes(s)).toEqual({});
    return [s.tagName, childNames(s)];
  }));
}

describe('PolicyDocument structure', () => {
  test('an empty API-scope document has <base /> alone in all four sections', () => {
    const doc = new PolicyDocument();
    expect(doc.scope).toBe(PolicyScope.API);
    expect(sections(doc)).toEqual({ 'inbound': ['base'], 'backend': ['base'], 'outbound': ['base'], 'on-error': ['base'] });
    const root = parseXml(doc.toXml());
    for (const s of childElements(root)) {
      const base = onlyChild(s, 'base');
      expect(attributes(base)).toEqual({});
      expect(base.childNodes.length).toBe(0);
    }
  });

  test.each([PolicyScope.PRODUCT, PolicyScope.API, PolicyScope.OPERATION])('%s scope puts <base /> first, before the elements in order', (scope) => {
    const doc = new PolicyDocument({
      scope,
      inbound: [jwt(), rate()],
      backend: [new SetBackendService({ backendId: 'b' })],
      outbound: [header('X-1'), header('X-2')],
      onError: [new ReturnResponse({ statusCode: 500 })],
    });
    expect(sections(doc)).toEqual({
      'inbound': ['base', 'validate-jwt', 'rate-limit-by-key'],
      'backend': ['base', 'set-backend-service'],
      'outbound': ['base', 'set-header', 'set-header'],
      'on-error': ['base', 'return-response'],
    });
    const outbound = onlyChild(parseXml(doc.toXml()), 'outbound');
    expect(childElements(outbound, 'set-header').map((e) => e.getAttribute('name'))).toEqual(['X-1', 'X-2']);
  });

  test('global scope has no <base /> and forwards the request when backend is empty', () => {
    const doc = new PolicyDocument({ scope: PolicyScope.GLOBAL, outbound: [header()] });
    expect(sections(doc)).toEqual({ 'inbound': [], 'backend': ['forward-request'], 'outbound': ['set-header'], 'on-error': [] });
    expect(doc.toXml()).not.toContain('<base');
    expect(attributes(onlyChild(onlyChild(parseXml(doc.toXml()), 'backend'), 'forward-request'))).toEqual({ 'follow-redirects': 'false' });
    expect(doc.elementsOf(PolicySection.BACKEND)).toEqual([]);
  });

  test('global scope with backend elements adds no second forward-request', () => {
    const doc = new PolicyDocument({ scope: PolicyScope.GLOBAL, backend: [new ForwardRequest({ timeout: PolicyValue.literal('60') })] });
    expect(sections(doc).backend).toEqual(['forward-request']);
    expect(onlyChild(onlyChild(parseXml(doc.toXml()), 'backend'), 'forward-request').getAttribute('timeout')).toBe('60');
  });

  test('API scope never adds a forward-request of its own', () => {
    expect(sections(new PolicyDocument({ scope: PolicyScope.API })).backend).toEqual(['base']);
  });

  test('add appends in order, chains, and elementsOf returns a copy', () => {
    const doc = new PolicyDocument({ inbound: [jwt()] });
    const a = header('X-A');
    const b = header('X-B');
    expect(doc.add(PolicySection.INBOUND, a).add(PolicySection.INBOUND, b)).toBe(doc);
    expect(doc.elementsOf(PolicySection.INBOUND).map((e) => e.elementName)).toEqual(['validate-jwt', 'set-header', 'set-header']);
    doc.elementsOf(PolicySection.INBOUND).pop();
    expect(doc.elementsOf(PolicySection.INBOUND)).toHaveLength(3);
    expect(doc.elementsOf(PolicySection.OUTBOUND)).toEqual([]);
    expect(childElements(onlyChild(parseXml(doc.toXml()), 'inbound'), 'set-header').map((e) => e.getAttribute('name'))).toEqual(['X-A', 'X-B']);
  });

  test('an element object can be added to several sections and documents', () => {
    const h = header();
    const doc = new PolicyDocument({ inbound: [h], outbound: [h] });
    expect(sections(doc)).toMatchObject({ inbound: ['base', 'set-header'], outbound: ['base', 'set-header'] });
  });

  test('toXml is stable across calls', () => {
    const doc = new PolicyDocument({ inbound: [jwt(), rate()] });
    expect(doc.toXml()).toBe(doc.toXml());
  });
});

describe('section placement', () => {
  test.each<[string, PolicySection, () => PolicyElement, RegExp]>([
    ['rate-limit-by-key in outbound', PolicySection.OUTBOUND, rate, /^rate-limit-by-key: section cannot be 'outbound'\. Valid: inbound\./],
    ['rate-limit-by-key in backend', PolicySection.BACKEND, rate, /^rate-limit-by-key: section cannot be 'backend'/],
    ['quota-by-key in on-error', PolicySection.ON_ERROR, () => new QuotaByKey({ calls: 1, renewalPeriodSeconds: 300, counterKey: IP }), /^quota-by-key: section cannot be 'on-error'/],
    ['validate-headers in inbound', PolicySection.INBOUND, () => new ValidateHeaders(), /^validate-headers: section cannot be 'inbound'\. Valid: outbound, on-error\./],
    ['validate-status-code in inbound', PolicySection.INBOUND, () => new ValidateStatusCode(), /^validate-status-code: section cannot be 'inbound'/],
    ['validate-content in backend', PolicySection.BACKEND, () => new ValidateContent({ maxSizeBytes: 1, contentTypes: [{ type: 'application/json' }] }), /^validate-content: section cannot be 'backend'\. Valid: inbound, outbound, on-error\./],
    ['validate-parameters in outbound', PolicySection.OUTBOUND, () => new ValidateParameters(), /^validate-parameters: section cannot be 'outbound'/],
    ['forward-request in inbound', PolicySection.INBOUND, () => new ForwardRequest(), /^forward-request: section cannot be 'inbound'\. Valid: backend\./],
    ['forward-request in outbound', PolicySection.OUTBOUND, () => new ForwardRequest(), /^forward-request: section cannot be 'outbound'/],
    ['validate-jwt in outbound', PolicySection.OUTBOUND, jwt, /^validate-jwt: section cannot be 'outbound'/],
    ['cors in on-error', PolicySection.ON_ERROR, () => new Cors({ allowedOrigins: ['*'] }), /^cors: section cannot be 'on-error'/],
    ['set-backend-service in outbound', PolicySection.OUTBOUND, () => new SetBackendService({ backendId: 'b' }), /^set-backend-service: section cannot be 'outbound'\. Valid: inbound, backend\./],
    ['a choose of rate limits in outbound', PolicySection.OUTBOUND, () => new Choose({ branches: [{ condition: IP, elements: [rate()] }] }), /^choose: section cannot be 'outbound'\. Valid: inbound\./],
    ['a choose of validate-headers in inbound', PolicySection.INBOUND, () => new Choose({ branches: [{ condition: IP, elements: [header()] }], otherwise: [new ValidateHeaders()] }), /^choose: section cannot be 'inbound'\. Valid: outbound, on-error\./],
  ])('add refuses %s', (_label, section, make, message) => {
    const doc = new PolicyDocument();
    expect(() => doc.add(section, make())).toThrow(message);
    expect(doc.elementsOf(section)).toEqual([]);
  });

  test('the constructor props are checked the same way', () => {
    expect(() => new PolicyDocument({ outbound: [rate()] })).toThrow(/^rate-limit-by-key: section cannot be 'outbound'/);
    expect(() => new PolicyDocument({ inbound: [new ValidateHeaders()] })).toThrow(/^validate-headers: section cannot be 'inbound'/);
    expect(() => new PolicyDocument({ inbound: [new ForwardRequest()] })).toThrow(/^forward-request: section cannot be 'inbound'/);
    expect(() => new PolicyDocument({ onError: [jwt()] })).toThrow(/^validate-jwt: section cannot be 'on-error'/);
  });

  test('a refused element leaves the elements before it in place', () => {
    const doc = new PolicyDocument();
    expect(() => doc.add(PolicySection.OUTBOUND, header(), rate())).toThrow(/rate-limit-by-key/);
    expect(doc.elementsOf(PolicySection.OUTBOUND).map((e) => e.elementName)).toEqual(['set-header']);
  });

  test('an unknown section is refused', () => {
    expect(() => new PolicyDocument().add('preflight' as PolicySection, header()))
      .toThrow(/^PolicyDocument: section is 'preflight'\. Valid: inbound, backend, outbound, on-error\./);
  });

  test('elements are accepted where APIM takes them', () => {
    const doc = new PolicyDocument({
      inbound: [new Cors({ allowedOrigins: ['*'] }), jwt(), rate(), new ValidateParameters(), new ValidateContent({ maxSizeBytes: 1, contentTypes: [{ type: 'application/json' }] })],
      backend: [new SetBackendService({ backendId: 'b' })],
      outbound: [new ValidateHeaders(), new ValidateStatusCode(), header()],
      onError: [new ValidateHeaders(), JsonErrorResponse.fromContextVariables()],
    });
    expect(sections(doc)).toEqual({
      'inbound': ['cors', 'base', 'validate-jwt', 'rate-limit-by-key', 'validate-parameters', 'validate-content'],
      'backend': ['base', 'set-backend-service'],
      'outbound': ['base', 'validate-headers', 'validate-status-code', 'set-header'],
      'on-error': ['base', 'validate-headers', 'return-response'],
    });
  });

  test('every section name matches its XML element', () => {
    expect(ALL_SECTIONS).toEqual(['inbound', 'backend', 'outbound', 'on-error']);
  });
});

// forward-request reference: "Multiple statements per policy document: not supported". Below
// global scope <base /> already brings the global forward-request into the backend section.
describe('one forward-request per policy', () => {
  test.each([PolicyScope.PRODUCT, PolicyScope.API, PolicyScope.OPERATION])('a %s-scope document refuses forward-request: its <base /> already forwards', (scope) => {
    const doc = new PolicyDocument({ scope });
    expect(() => doc.add(PolicySection.BACKEND, new ForwardRequest({ timeout: PolicyValue.literal('10') }))).toThrow(new RegExp(
      `^forward-request: section is 'backend' of a ${scope}-scope document, whose backend section already inherits the global forward-request through <base />\\. `
      + 'Valid: no forward-request below global scope: APIM takes one per policy and the request would be sent twice; change the global forward-request \\(its timeout\\) instead\\.$'));
    expect(sections(doc).backend).toEqual(['base']);
  });

  test('a forward-request nested in choose is found too', () => {
    const nested = new Choose({ branches: [{ condition: PolicyValue.expression('true'), elements: [new ForwardRequest()] }] });
    expect(() => new PolicyDocument({ scope: PolicyScope.API, backend: [nested] })).toThrow(/^choose: section is 'backend' of a api-scope document/);
  });

  test('a global document refuses a second forward-request, explicit or nested', () => {
    const doc = new PolicyDocument({ scope: PolicyScope.GLOBAL, backend: [new ForwardRequest({ timeout: PolicyValue.literal('60') })] });
    expect(() => doc.add(PolicySection.BACKEND, new ForwardRequest())).toThrow(
      /^forward-request: section is 'backend', which already has a forward-request\. Valid: one forward-request per policy document \(APIM sends the request once\)\.$/);
    expect(() => doc.add(PolicySection.BACKEND, new Choose({ branches: [{ condition: PolicyValue.expression('true'), elements: [new ForwardRequest()] }] })))
      .toThrow(/^choose: section is 'backend', which already has a forward-request/);
    const backend = onlyChild(parseXml(doc.toXml()), 'backend');
    expect(childNames(backend)).toEqual(['forward-request']);
    expect(onlyChild(backend, 'forward-request').getAttribute('timeout')).toBe('60');
  });
});

// cors reference: "unexpected behavior if the cors policy is not the first policy in the inbound
// section", "This policy can only be used once in a policy section"; howto-policies: "You can
// place the base element before or after any policy element in a section".
describe('cors is the first inbound statement of the effective policy', () => {
  const cors = () => new Cors({ allowedOrigins: ['https://app.example'] });

  test.each([PolicyScope.PRODUCT, PolicyScope.API, PolicyScope.OPERATION])('at %s scope cors goes before <base />, so it runs before the parent scopes', (scope) => {
    const doc = new PolicyDocument({ scope, inbound: [jwt(), rate()] });
    doc.add(PolicySection.INBOUND, cors());
    expect(sections(doc).inbound).toEqual(['cors', 'base', 'validate-jwt', 'rate-limit-by-key']);
    expect(doc.elementsOf(PolicySection.INBOUND).map((e) => e.elementName)).toEqual(['cors', 'validate-jwt', 'rate-limit-by-key']);
    expect(sections(doc).backend).toEqual(['base']);
  });

  test('at global scope cors is first, even when added after other statements', () => {
    const doc = new PolicyDocument({ scope: PolicyScope.GLOBAL, inbound: [rate()] });
    doc.add(PolicySection.INBOUND, header(), cors());
    expect(sections(doc).inbound).toEqual(['cors', 'rate-limit-by-key', 'set-header']);
  });

  test('a second cors in the section is refused', () => {
    const doc = new PolicyDocument({ inbound: [cors()] });
    expect(() => doc.add(PolicySection.INBOUND, cors())).toThrow(
      /^cors: section is 'inbound', which already has a cors policy\. Valid: one cors per policy section \(APIM applies only the first\)\.$/);
  });

  test('cors inside choose is refused: it could not stay first', () => {
    const nested = new Choose({ branches: [{ condition: PolicyValue.expression('true'), elements: [cors()] }] });
    expect(() => new PolicyDocument({ inbound: [nested] })).toThrow(/^choose: section holds a cors statement inside another element or a raw fragment/);
  });
});

describe('toTerraformString', () => {
  test('is the XML with ${ and %{ doubled, and nothing else changed', () => {
    const doc = new PolicyDocument({ outbound: [header('X-Tf'), SetHeader.override('X-B', 'a ${var.x} b %{ if true } c $ { % {')] });
    const xml = doc.toXml();
    const tf = doc.toTerraformString();
    expect(tf).toContain('a $${var.x} b %%{ if true } c $ { % {');
    expect(tf.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{')).toBe(xml);
  });

  test('a document without template sequences is unchanged', () => {
    const doc = new PolicyDocument({ inbound: [jwt(), rate()] });
    expect(doc.toTerraformString()).toBe(doc.toXml());
  });
});

describe('rendering once per synth', () => {
  test('repeated renders reuse the XML; an add renders again with the new element', () => {
    const first = header('X-First');
    const doc = new PolicyDocument({ inbound: [first] });
    const spy = jest.spyOn(first, '_toNode');
    const xml = doc.toXml();
    expect(doc.toXml()).toBe(xml);
    expect(doc.toTerraformString()).toBe(xml);
    expect(spy).toHaveBeenCalledTimes(1);
    doc.add(PolicySection.INBOUND, header('X-Second'));
    expect(doc.toXml()).toContain('X-Second');
    expect(spy).toHaveBeenCalledTimes(2);
  });

  test('a failed add leaves no stale XML behind', () => {
    const doc = new PolicyDocument({ inbound: [header('X-One')] });
    doc.toXml();
    expect(() => doc.add(PolicySection.INBOUND, header('X-Two'), new ForwardRequest())).toThrow();
    const fresh = new PolicyDocument({ inbound: doc.elementsOf(PolicySection.INBOUND) });
    expect(doc.toXml()).toBe(fresh.toXml());
  });
});
