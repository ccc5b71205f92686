import { TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import {
  Choose, ForwardRequest, PolicyDocument, PolicySection, PolicyValue, RateLimitByKey, ReturnResponse, ReturnResponseProps,
  RewriteUri, SetBackendService, SetBackendServiceProps, SetHeader, SetVariable, ValidateHeaders, ValidateJwt,
} from '../../lib/policy';
import { ALL_SECTIONS } from '../../lib/policy/element';
import { attributes, childElements, childNames, onlyChild, parseXml, textOf } from '../util/xml';

const IS_GET = PolicyValue.expression('context.Request.Method == "GET"');
const IP = PolicyValue.expression('context.Request.IpAddress');
const rate = () => new RateLimitByKey({ calls: 10, renewalPeriodSeconds: 10, counterKey: IP });
const header = (name = 'X-A', value = 'b') => SetHeader.override(name, value);

describe('Choose', () => {
  test('renders when branches in order with their conditions, then otherwise', () => {
    const root = parseXml(new Choose({
      branches: [
        { condition: IS_GET, elements: [header('X-Get'), header('X-Get-2')] },
        { condition: PolicyValue.expression('context.Request.Method == "POST"'), elements: [header('X-Post')] },
      ],
      otherwise: [header('X-Other')],
    }).toXml());
    expect(root.tagName).toBe('choose');
    expect(attributes(root)).toEqual({});
    expect(childNames(root)).toEqual(['when', 'when', 'otherwise']);
    const [first, second, otherwise] = childElements(root);
    expect(attributes(first)).toEqual({ condition: '@(context.Request.Method == "GET")' });
    expect(childElements(first).map((e) => e.getAttribute('name'))).toEqual(['X-Get', 'X-Get-2']);
    expect(second.getAttribute('condition')).toBe('@(context.Request.Method == "POST")');
    expect(childElements(second).map((e) => e.getAttribute('name'))).toEqual(['X-Post']);
    expect(attributes(otherwise)).toEqual({});
    expect(childElements(otherwise).map((e) => e.getAttribute('name'))).toEqual(['X-Other']);
  });

  test('no otherwise element without otherwise elements', () => {
    expect(childNames(parseXml(new Choose({ branches: [{ condition: IS_GET, elements: [header()] }], otherwise: [] }).toXml()))).toEqual(['when']);
  });

  test('multi-statement and named-value conditions are accepted', () => {
    const c = new Choose({
      branches: [
        { condition: PolicyValue.multiStatement('return true;'), elements: [header()] },
        { condition: PolicyValue.namedValue('feature-flag'), elements: [header()] },
      ],
    });
    expect(childElements(parseXml(c.toXml())).map((e) => e.getAttribute('condition'))).toEqual(['@{return true;}', '{{feature-flag}}']);
  });

  test('allowed sections are those all children share', () => {
    expect(new Choose({ branches: [{ condition: IS_GET, elements: [header()] }] }).allowedSections).toEqual(ALL_SECTIONS);
    expect(new Choose({ branches: [{ condition: IS_GET, elements: [header(), rate()] }] }).allowedSections).toEqual([PolicySection.INBOUND]);
    expect(new Choose({ branches: [{ condition: IS_GET, elements: [header()] }], otherwise: [new ValidateHeaders()] }).allowedSections)
      .toEqual([PolicySection.OUTBOUND, PolicySection.ON_ERROR]);
    expect(new Choose({ branches: [{ condition: IS_GET, elements: [new ForwardRequest()] }] }).allowedSections).toEqual([PolicySection.BACKEND]);
  });

  test('nested choose elements carry their own allowed sections up', () => {
    const inner = new Choose({ branches: [{ condition: IS_GET, elements: [new ValidateHeaders()] }] });
    const outer = new Choose({ branches: [{ condition: IS_GET, elements: [inner, header()] }] });
    expect(outer.allowedSections).toEqual([PolicySection.OUTBOUND, PolicySection.ON_ERROR]);
    expect(childNames(onlyChild(parseXml(outer.toXml()), 'when'))).toEqual(['choose', 'set-header']);
    expect(() => new Choose({ branches: [{ condition: IS_GET, elements: [inner, rate()] }] })).toThrow(/^choose: branches mixes elements that share no section/);
  });

  test.each<[string, () => Choose, RegExp]>([
    ['no branches', () => new Choose({ branches: [] }), /^choose: branches is empty/],
    ['a literal condition', () => new Choose({ branches: [{ condition: PolicyValue.literal('true'), elements: [header()] }] }), /^choose: branches\[0\]\.condition is not a policy expression/],
    ['a missing condition', () => new Choose({ branches: [{ condition: undefined as unknown as PolicyValue, elements: [header()] }] }), /^choose: branches\[0\]\.condition/],
    ['a branch without elements', () => new Choose({ branches: [{ condition: IS_GET, elements: [header()] }, { condition: IS_GET, elements: [] }] }), /^choose: branches\[1\]\.elements is empty/],
    ['inbound-only and outbound-only children', () => new Choose({ branches: [{ condition: IS_GET, elements: [rate()] }], otherwise: [new ValidateHeaders()] }), /^choose: branches mixes elements that share no section/],
  ])('refuses %s', (_label, make, message) => {
    expect(make).toThrow(message);
  });
});

describe('ReturnResponse', () => {
  test('status only', () => {
    const root = parseXml(new ReturnResponse({ statusCode: 204 }).toXml());
    expect(root.tagName).toBe('return-response');
    expect(childNames(root)).toEqual(['set-status']);
    expect(attributes(onlyChild(root, 'set-status'))).toEqual({ code: '204' });
  });

  test('status, reason, headers in order, body', () => {
    const root = parseXml(new ReturnResponse({
      statusCode: 403,
      reason: 'Forbidden',
      headers: [
        { name: 'Content-Type', value: PolicyValue.literal('application/json') },
        { name: 'X-Request-Id', value: PolicyValue.expression('context.RequestId.ToString()') },
      ],
      body: PolicyValue.literal('{"error":"forbidden"}'),
    }).toXml());
    expect(childNames(root)).toEqual(['set-status', 'set-header', 'set-header', 'set-body']);
    expect(attributes(onlyChild(root, 'set-status'))).toEqual({ code: '403', reason: 'Forbidden' });
    const headers = childElements(root, 'set-header');
    expect(headers.map(attributes)).toEqual([
      { 'name': 'Content-Type', 'exists-action': 'override' },
      { 'name': 'X-Request-Id', 'exists-action': 'override' },
    ]);
    expect(headers.map((h) => textOf(onlyChild(h, 'value')))).toEqual(['application/json', '@(context.RequestId.ToString())']);
    expect(textOf(onlyChild(root, 'set-body'))).toBe('{"error":"forbidden"}');
  });

  test('a status expression is used as the code', () => {
    const root = parseXml(new ReturnResponse({ statusCodeExpression: PolicyValue.expression('context.Variables.GetValueOrDefault<int>("s", 500)') }).toXml());
    expect(onlyChild(root, 'set-status').getAttribute('code')).toBe('@(context.Variables.GetValueOrDefault<int>("s", 500))');
  });

  test('is allowed in every section', () => {
    expect(new ReturnResponse({ statusCode: 200 }).allowedSections).toEqual(ALL_SECTIONS);
  });

  test.each<[string, ReturnResponseProps, RegExp]>([
    ['neither status nor expression', {}, /^return-response: statusCode and statusCodeExpression are both set or both unset/],
    ['both status and expression', { statusCode: 200, statusCodeExpression: PolicyValue.expression('200') }, /^return-response: statusCode and statusCodeExpression/],
    ['a literal status expression', { statusCodeExpression: PolicyValue.literal('200') }, /^return-response: statusCodeExpression is not a policy expression/],
    ['a status under 100', { statusCode: 99 }, /^return-response: statusCode is 99\. Valid: a whole number from 100 to 599\./],
    ['a status over 599', { statusCode: 600 }, /^return-response: statusCode is 600/],
    ['an expression reason', { statusCode: 400, reason: '@(x)' }, /^return-response: reason '@\(x\)' starts with '@'/],
    ['a control character in the reason', { statusCode: 400, reason: 'a\u0000' }, /^return-response: reason contains a control character/],
    ['an invalid header name', { statusCode: 400, headers: [{ name: 'Bad Name', value: PolicyValue.literal('v') }] }, /^return-response: headers\[0\]\.name 'Bad Name' is not a header name/],
    ['a plain-string header value that looks like an expression', { statusCode: 400, headers: [{ name: 'X-A', value: '@x' as unknown as PolicyValue }] }, /^return-response: headers\[0\]\.value '@x'/],
    ['a plain-string body with a named value', { statusCode: 400, body: '{{body}}' as unknown as PolicyValue }, /^return-response: body '\{\{body\}\}' contains '\{\{'/],
  ])('refuses %s', (_label, props, message) => {
    expect(() => new ReturnResponse(props)).toThrow(message);
  });
});

describe('SetBackendService', () => {
  test('by backend id', () => {
    const root = parseXml(new SetBackendService({ backendId: 'fhir-backend' }).toXml());
    expect(root.tagName).toBe('set-backend-service');
    expect(attributes(root)).toEqual({ 'backend-id': 'fhir-backend' });
  });

  test('by base URL', () => {
    expect(attributes(parseXml(new SetBackendService({ baseUrl: 'https://fhir.example.org/r4' }).toXml()))).toEqual({ 'base-url': 'https://fhir.example.org/r4' });
  });

  test('a token base URL is accepted and placed as is', () => {
    const stack = new TerraformStack(Testing.app(), 'backend');
    const url = Token.asString(new TerraformVariable(stack, 'url', { type: 'string' }).value);
    expect(parseXml(new SetBackendService({ baseUrl: url }).toXml()).getAttribute('base-url')).toBe(url);
  });

  test('is allowed in inbound and backend', () => {
    expect(new SetBackendService({ backendId: 'b' }).allowedSections).toEqual([PolicySection.INBOUND, PolicySection.BACKEND]);
  });

  test.each<[string, SetBackendServiceProps, RegExp]>([
    ['neither id nor URL', {}, /^set-backend-service: backendId and baseUrl are both set or both unset/],
    ['both id and URL', { backendId: 'b', baseUrl: 'https://x' }, /^set-backend-service: backendId and baseUrl/],
    ['an http URL', { baseUrl: 'http://fhir.example.org' }, /^set-backend-service: baseUrl 'http:\/\/fhir\.example\.org' is not an https URL/],
    ['a URL with a space', { baseUrl: 'https://fhir.example.org/a b' }, /^set-backend-service: baseUrl .* is not an https URL/],
    ['an empty backend id', { backendId: '' }, /^set-backend-service: backendId is empty/],
    ['an expression backend id', { backendId: '@(x)' }, /^set-backend-service: backendId '@\(x\)' starts with '@'/],
    ['a named-value base URL', { baseUrl: 'https://{{host}}/' }, /^set-backend-service: baseUrl .* contains '\{\{'/],
  ])('refuses %s', (_label, props, message) => {
    expect(() => new SetBackendService(props)).toThrow(message);
  });
});

describe('RewriteUri', () => {
  test('maps a public path to the backend path, passing other query parameters by default', () => {
    expect(attributes(parseXml(new RewriteUri({ template: '/Patient/{id}' }).toXml()))).toEqual({ 'template': '/Patient/{id}', 'copy-unmatched-params': 'true' });
    expect(parseXml(new RewriteUri({ template: '/x', copyUnmatchedParams: false }).toXml()).getAttribute('copy-unmatched-params')).toBe('false');
  });

  test('escapes what it must and is inbound only', () => {
    expect(parseXml(new RewriteUri({ template: "/a&b'c" }).toXml()).getAttribute('template')).toBe("/a&b'c");
    expect(new RewriteUri({ template: '/x' }).allowedSections).toEqual([PolicySection.INBOUND]);
  });

  test.each([
    ['no leading slash', 'Patient/{id}', /^rewrite-uri: template 'Patient\/\{id\}' is not a URL path template\. Valid: a path starting with '\/'/],
    ['a space', '/a b', /is not a URL path template/],
    ['a quote or angle bracket', '/a"<b>', /is not a URL path template/],
    ['an unclosed parameter', '/Patient/{id', /^rewrite-uri: template '\/Patient\/\{id' has an unclosed or empty \{parameter\}/],
    ['an expression', '@(context.Request.Url.Path)', /starts with '@'/],
  ])('refuses %s', (_label, template, message) => {
    expect(() => new RewriteUri({ template })).toThrow(message);
  });
});

describe('ForwardRequest', () => {
  test('defaults: no redirects followed, APIM timeout', () => {
    const root = parseXml(new ForwardRequest().toXml());
    expect(root.tagName).toBe('forward-request');
    expect(attributes(root)).toEqual({ 'follow-redirects': 'false' });
    expect(childElements(root)).toHaveLength(0);
  });

  test('options: literal timeout, error status codes', () => {
    expect(attributes(parseXml(new ForwardRequest({ timeout: PolicyValue.literal('30'), failOnErrorStatusCode: true }).toXml())))
      .toEqual({ 'timeout': '30', 'follow-redirects': 'false', 'fail-on-error-status-code': 'true' });
    expect(parseXml(new ForwardRequest({ failOnErrorStatusCode: false }).toXml()).getAttribute('fail-on-error-status-code')).toBe('false');
  });

  // forward-request reference: "Minimum value is 0 seconds. Values greater than 240 seconds may
  // not be honored".
  test('timeout bounds 0 and 240, and expressions', () => {
    expect(parseXml(new ForwardRequest({ timeout: PolicyValue.literal('0') }).toXml()).getAttribute('timeout')).toBe('0');
    expect(parseXml(new ForwardRequest({ timeout: PolicyValue.literal('1') }).toXml()).getAttribute('timeout')).toBe('1');
    expect(parseXml(new ForwardRequest({ timeout: PolicyValue.literal('240') }).toXml()).getAttribute('timeout')).toBe('240');
    expect(parseXml(new ForwardRequest({ timeout: PolicyValue.expression('context.Variables.GetValueOrDefault<int>("t", 60)') }).toXml())
      .getAttribute('timeout')).toBe('@(context.Variables.GetValueOrDefault<int>("t", 60))');
  });

  test('is allowed in backend only', () => {
    expect(new ForwardRequest().allowedSections).toEqual([PolicySection.BACKEND]);
  });

  test.each(['241', '1.5', '-1', 'abc', '', ' 5', '1e2', '0x10'])('refuses the literal timeout %j', (t) => {
    expect(() => new ForwardRequest({ timeout: PolicyValue.literal(t) })).toThrow(/^forward-request: timeout is .*\. Valid: a whole number from 0 to 240\./);
  });
});

describe('SetVariable', () => {
  test('name and value', () => {
    const root = parseXml(new SetVariable({ name: 'backend-timeout-seconds', value: PolicyValue.literal('30') }).toXml());
    expect(root.tagName).toBe('set-variable');
    expect(attributes(root)).toEqual({ name: 'backend-timeout-seconds', value: '30' });
    expect(parseXml(new SetVariable({ name: 'a_b', value: PolicyValue.multiStatement('return 1;') }).toXml()).getAttribute('value')).toBe('@{return 1;}');
  });

  test('is allowed in every section', () => {
    expect(new SetVariable({ name: 'v', value: PolicyValue.literal('x') }).allowedSections).toEqual(ALL_SECTIONS);
  });

  test.each(['', '1abc', '-a', 'a b', 'a.b', 'a'.repeat(81), 'ü'])('refuses the variable name %j', (name) => {
    expect(() => new SetVariable({ name, value: PolicyValue.literal('x') })).toThrow(/^set-variable: name .* is not a variable name/);
  });

  test('accepts an 80-character name', () => {
    expect(() => new SetVariable({ name: 'a'.repeat(80), value: PolicyValue.literal('x') })).not.toThrow();
  });
});

describe('a full inbound flow renders as one tree', () => {
  test('validate-jwt, choose and set-backend-service in a document', () => {
    const doc = new PolicyDocument({
      inbound: [
        new ValidateJwt({ openIdConfigUrls: ['https://login.example.org/.well-known/openid-configuration'], audiences: ['a'], issuers: ['i'] }),
        new Choose({ branches: [{ condition: IS_GET, elements: [new SetBackendService({ backendId: 'read-replica' })] }] }),
      ],
    });
    const inbound = onlyChild(parseXml(doc.toXml()), 'inbound');
    expect(childNames(inbound)).toEqual(['base', 'validate-jwt', 'choose']);
    expect(onlyChild(onlyChild(onlyChild(inbound, 'choose'), 'when'), 'set-backend-service').getAttribute('backend-id')).toBe('read-replica');
  });
});
