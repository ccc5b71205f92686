import { JsonErrorResponse, PolicyValue } from '../../lib/policy';
import { ALL_SECTIONS } from '../../lib/policy/element';
import { attributes, childElements, childNames, onlyChild, parseXml, textOf } from '../util/xml';

describe('JsonErrorResponse.of', () => {
  test('status, Content-Type first, extra headers, JObject body with requestId', () => {
    const root = parseXml(JsonErrorResponse.of({
      statusCode: 403,
      code: 'forbidden',
      message: 'The caller is not allowed to perform this operation.',
      headers: [{ name: 'X-Frame-Options', value: PolicyValue.literal('DENY') }],
    }).toXml());
    expect(root.tagName).toBe('return-response');
    expect(childNames(root)).toEqual(['set-status', 'set-header', 'set-header', 'set-body']);
    expect(attributes(onlyChild(root, 'set-status'))).toEqual({ code: '403' });
    const headers = childElements(root, 'set-header');
    expect(headers.map((h) => [h.getAttribute('name'), textOf(onlyChild(h, 'value'))])).toEqual([
      ['Content-Type', 'application/json'],
      ['X-Frame-Options', 'DENY'],
    ]);
    expect(textOf(onlyChild(root, 'set-body'))).toBe(
      '@(new JObject(new JProperty("error", new JObject(new JProperty("code", "forbidden"), '
      + 'new JProperty("message", "The caller is not allowed to perform this operation."), '
      + 'new JProperty("requestId", context.RequestId.ToString())))).ToString())');
  });

  test('quotes, backslashes and line ends in the message are C#-escaped', () => {
    const body = textOf(onlyChild(parseXml(JsonErrorResponse.of({ statusCode: 400, code: 'bad', message: 'a"b\\c\r\nd\u2028e\u0085f\u2029g' }).toXml()), 'set-body'));
    expect(body).toContain('new JProperty("message", "a\\"b\\\\c\\r\\nd\\u2028e\\u0085f\\u2029g")');
  });

  test('is allowed in every section', () => {
    expect(JsonErrorResponse.of({ statusCode: 500, code: 'c', message: 'm' }).allowedSections).toEqual(ALL_SECTIONS);
  });

  test.each<[string, object, RegExp]>([
    ['an empty code', { statusCode: 400, code: '', message: 'm' }, /^JsonErrorResponse: code is empty/],
    ['an empty message', { statusCode: 400, code: 'c', message: '' }, /^JsonErrorResponse: message is empty/],
    ['a named value in the message', { statusCode: 400, code: 'c', message: 'see {{secret}}' }, /^JsonErrorResponse: message .* contains '\{\{'/],
    ['a control character in the code', { statusCode: 400, code: 'c\u0001', message: 'm' }, /^JsonErrorResponse: code contains a control character/],
    ['a 2xx status', { statusCode: 200, code: 'c', message: 'm' }, /^JsonErrorResponse: statusCode is 200\. Valid: a whole number from 400 to 599\./],
    ['a 600 status', { statusCode: 600, code: 'c', message: 'm' }, /^JsonErrorResponse: statusCode is 600/],
  ])('refuses %s', (_label, props, message) => {
    expect(() => JsonErrorResponse.of(props as any)).toThrow(message);
  });
});

describe('JsonErrorResponse.fromContextVariables', () => {
  test('reads status, code and message from context variables', () => {
    const root = parseXml(JsonErrorResponse.fromContextVariables([{ name: 'Cache-Control', value: PolicyValue.literal('no-store') }]).toXml());
    expect(childNames(root)).toEqual(['set-status', 'set-header', 'set-header', 'set-body']);
    expect(attributes(onlyChild(root, 'set-status'))).toEqual({ code: '@(context.Variables.GetValueOrDefault<int>("error-status", 500))' });
    expect(childElements(root, 'set-header').map((h) => h.getAttribute('name'))).toEqual(['Content-Type', 'Cache-Control']);
    const body = textOf(onlyChild(root, 'set-body'));
    expect(body).toContain('new JProperty("code", context.Variables.GetValueOrDefault<string>("error-code", "internal_error"))');
    expect(body).toContain('new JProperty("message", context.Variables.GetValueOrDefault<string>("error-message", "The request could not be processed."))');
    expect(body).toContain('new JProperty("requestId", context.RequestId.ToString())');
    expect(body).not.toContain('LastError');
  });

  test('without extra headers only Content-Type is set', () => {
    expect(childElements(parseXml(JsonErrorResponse.fromContextVariables().toXml()), 'set-header').map((h) => h.getAttribute('name'))).toEqual(['Content-Type']);
  });
});
