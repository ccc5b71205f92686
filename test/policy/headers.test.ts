import { Cors, CorsProps, HeaderExistsAction, PolicySection, PolicyValue, SetHeader, SetHeaderProps } from '../../lib/policy';
import { ALL_SECTIONS } from '../../lib/policy/element';
import { checkOrigin } from '../../lib/policy/headers';
import { attributes, childElements, childNames, onlyChild, parseXml, textOf } from '../util/xml';

const ORIGIN = 'https://portal.contoso-health.example';
const cors = (over: Partial<CorsProps> = {}) => new Cors({ allowedOrigins: [ORIGIN], ...over });

/** The texts of the children of the one `listName` child. */
function list(root: Element, listName: string, childName: string): string[] {
  const l = onlyChild(root, listName);
  expect(childNames(l).every((n) => n === childName)).toBe(true);
  return childElements(l).map(textOf);
}

describe('SetHeader', () => {
  test('override sets one literal value', () => {
    const root = parseXml(SetHeader.override('X-Content-Type-Options', 'nosniff').toXml());
    expect(root.tagName).toBe('set-header');
    expect(attributes(root)).toEqual({ 'name': 'X-Content-Type-Options', 'exists-action': 'override' });
    expect(childNames(root)).toEqual(['value']);
    expect(textOf(onlyChild(root, 'value'))).toBe('nosniff');
  });

  test('remove deletes the header and has no value', () => {
    const root = parseXml(SetHeader.remove('X-Powered-By').toXml());
    expect(attributes(root)).toEqual({ 'name': 'X-Powered-By', 'exists-action': 'delete' });
    expect(childElements(root)).toHaveLength(0);
  });

  test('several values keep their order, literal and expression alike', () => {
    const root = parseXml(new SetHeader({
      name: 'X-Forwarded-Client',
      existsAction: HeaderExistsAction.APPEND,
      values: [PolicyValue.literal('first'), PolicyValue.expression('context.Request.IpAddress'), PolicyValue.namedValue('client-tag')],
    }).toXml());
    expect(attributes(root)).toEqual({ 'name': 'X-Forwarded-Client', 'exists-action': 'append' });
    expect(childElements(root, 'value').map(textOf)).toEqual(['first', '@(context.Request.IpAddress)', '{{client-tag}}']);
  });

  test('the default action is override; skip is passed through', () => {
    expect(parseXml(new SetHeader({ name: 'X-A', values: [PolicyValue.literal('1')] }).toXml()).getAttribute('exists-action')).toBe('override');
    expect(parseXml(new SetHeader({ name: 'X-A', existsAction: HeaderExistsAction.SKIP, values: [PolicyValue.literal('1')] }).toXml())
      .getAttribute('exists-action')).toBe('skip');
  });

  test('Server may be overridden (only removing it is refused)', () => {
    expect(parseXml(SetHeader.override('Server', 'gateway').toXml()).getAttribute('name')).toBe('Server');
  });

  test('is allowed in every section', () => {
    expect(SetHeader.override('X-A', 'b').allowedSections).toEqual(ALL_SECTIONS);
  });

  test.each(['Content-Length', 'content-length', 'CONTENT-LENGTH', 'Connection', 'Keep-Alive', 'Transfer-Encoding'])('refuses to set %s', (name) => {
    expect(() => SetHeader.override(name, '1')).toThrow(new RegExp(`^set-header: name '${name}' cannot be changed by APIM policy\\. Valid: any header except`));
    expect(() => SetHeader.remove(name)).toThrow(/^set-header: name .* cannot be changed/);
  });

  test.each(['Server', 'server', 'SERVER'])('refuses to delete %s', (name) => {
    expect(() => SetHeader.remove(name)).toThrow(/^set-header: name 'Server' cannot be removed by APIM policy\. Valid: .*X-Powered-By/);
  });

  test.each<[string, SetHeaderProps, RegExp]>([
    ['values with the delete action', { name: 'X-A', existsAction: HeaderExistsAction.DELETE, values: [PolicyValue.literal('v')] }, /^set-header: values is set with the delete action/],
    ['no values with override', { name: 'X-A' }, /^set-header: values is empty\. Valid: at least one value unless existsAction is DELETE\./],
    ['an empty values list with append', { name: 'X-A', existsAction: HeaderExistsAction.APPEND, values: [] }, /^set-header: values is empty/],
    ['a name with a space', { name: 'X A', values: [PolicyValue.literal('v')] }, /^set-header: name 'X A' is not a header name/],
    ['a name with a colon', { name: 'X-A:', values: [PolicyValue.literal('v')] }, /^set-header: name 'X-A:' is not a header name/],
    ['an empty name', { name: '', values: [PolicyValue.literal('v')] }, /^set-header: name '' is not a header name/],
    ['an expression-looking plain string value', { name: 'X-A', values: ['@(x)' as unknown as PolicyValue] }, /^set-header: values\[0\] '@\(x\)' starts with '@'/],
  ])('refuses %s', (_label, props, message) => {
    expect(() => new SetHeader(props)).toThrow(message);
  });

  test('SetHeader.override checks its literal', () => {
    expect(() => SetHeader.override('X-A', '@(context.User.Id)')).toThrow(/starts with '@'.*PolicyValue\.expression/);
    expect(() => SetHeader.override('X-A', '{{secret}}')).toThrow(/contains '\{\{'.*PolicyValue\.namedValue/);
  });
});

describe('Cors', () => {
  test('defaults: no credentials, unmatched requests terminated, GET, Authorization and Content-Type, 300 s', () => {
    const root = parseXml(cors().toXml());
    expect(root.tagName).toBe('cors');
    expect(attributes(root)).toEqual({ 'allow-credentials': 'false', 'terminate-unmatched-request': 'true' });
    expect(childNames(root)).toEqual(['allowed-origins', 'allowed-methods', 'allowed-headers']);
    expect(list(root, 'allowed-origins', 'origin')).toEqual([ORIGIN]);
    expect(attributes(onlyChild(root, 'allowed-origins'))).toEqual({});
    expect(attributes(onlyChild(root, 'allowed-methods'))).toEqual({ 'preflight-result-max-age': '300' });
    expect(list(root, 'allowed-methods', 'method')).toEqual(['GET']);
    expect(list(root, 'allowed-headers', 'header')).toEqual(['Authorization', 'Content-Type']);
  });

  test('options: credentials, methods, headers, exposed headers, max age', () => {
    const root = parseXml(cors({
      allowedOrigins: [ORIGIN, 'https://admin.contoso-health.example:8443'],
      allowCredentials: true,
      allowedMethods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['Authorization', 'X-Request-Id'],
      exposeHeaders: ['X-Request-Id', 'Retry-After'],
      preflightResultMaxAgeSeconds: 0,
    }).toXml());
    expect(attributes(root)).toEqual({ 'allow-credentials': 'true', 'terminate-unmatched-request': 'true' });
    expect(childNames(root)).toEqual(['allowed-origins', 'allowed-methods', 'allowed-headers', 'expose-headers']);
    expect(list(root, 'allowed-origins', 'origin')).toEqual([ORIGIN, 'https://admin.contoso-health.example:8443']);
    expect(attributes(onlyChild(root, 'allowed-methods'))).toEqual({ 'preflight-result-max-age': '0' });
    expect(list(root, 'allowed-methods', 'method')).toEqual(['GET', 'POST', 'OPTIONS']);
    expect(list(root, 'allowed-headers', 'header')).toEqual(['Authorization', 'X-Request-Id']);
    expect(list(root, 'expose-headers', 'header')).toEqual(['X-Request-Id', 'Retry-After']);
  });

  test('the wildcard origin is allowed without credentials', () => {
    expect(list(parseXml(cors({ allowedOrigins: ['*'] }).toXml()), 'allowed-origins', 'origin')).toEqual(['*']);
  });

  test('is allowed in inbound only', () => {
    expect(cors().allowedSections).toEqual([PolicySection.INBOUND]);
  });

  test.each<[string, Partial<CorsProps>, RegExp]>([
    ['no origins', { allowedOrigins: [] }, /^cors: allowedOrigins is empty/],
    ['the wildcard with credentials', { allowedOrigins: ['*'], allowCredentials: true }, /^cors: allowCredentials is true with the wildcard origin '\*'/],
    ['the wildcard among others with credentials', { allowedOrigins: [ORIGIN, '*'], allowCredentials: true }, /^cors: allowCredentials/],
    ['an origin with a path', { allowedOrigins: [`${ORIGIN}/app`] }, /^cors: allowedOrigins\[0\] 'https:\/\/portal\.contoso-health\.example\/app' is not an https origin/],
    ['an origin with a trailing slash', { allowedOrigins: [`${ORIGIN}/`] }, /^cors: allowedOrigins\[0\] .* is not an https origin/],
    ['an origin with a query', { allowedOrigins: [`${ORIGIN}?a=1`] }, /^cors: allowedOrigins\[0\]/],
    ['an origin with a fragment', { allowedOrigins: [`${ORIGIN}#x`] }, /^cors: allowedOrigins\[0\]/],
    ['an origin with credentials', { allowedOrigins: ['https://user:pw@portal.example'] }, /^cors: allowedOrigins\[0\]/],
    ['an http origin', { allowedOrigins: ['https://ok.example', 'http://portal.example'] }, /^cors: allowedOrigins\[1\] 'http:\/\/portal\.example' is not an https origin/],
    ['a bare host', { allowedOrigins: ['portal.example'] }, /^cors: allowedOrigins\[0\] 'portal\.example' is not an https origin/],
    ['an unknown method', { allowedMethods: ['GET', 'FETCH'] }, /^cors: allowedMethods\[1\] 'FETCH' is not an HTTP method\. Valid: GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, TRACE/],
    ['a lower-case method', { allowedMethods: ['get'] }, /^cors: allowedMethods\[0\] 'get' is not an HTTP method/],
    ['the wildcard method', { allowedMethods: ['*'] }, /^cors: allowedMethods\[0\] '\*' is not an HTTP method/],
    ['an invalid allowed header', { allowedHeaders: ['X Bad'] }, /^cors: allowedHeaders\[0\] 'X Bad' is not a header name/],
    ['an invalid exposed header', { exposeHeaders: ['ok', 'a,b'] }, /^cors: exposeHeaders\[1\] 'a,b' is not a header name/],
    ['a negative max age', { preflightResultMaxAgeSeconds: -1 }, /^cors: preflightResultMaxAgeSeconds is -1\. Valid: a whole number from 0 to 86400\./],
    ['a max age over a day', { preflightResultMaxAgeSeconds: 86_401 }, /^cors: preflightResultMaxAgeSeconds is 86401/],
  ])('refuses %s', (_label, over, message) => {
    expect(() => cors(over)).toThrow(message);
  });

  test('checkOrigin accepts https origins with a port and the wildcard', () => {
    expect(checkOrigin('w', 'p', 'https://a.example:8443')).toBe('https://a.example:8443');
    expect(checkOrigin('w', 'p', '*')).toBe('*');
    expect(() => checkOrigin('w', 'p', 'https://A.example')).toThrow(/^w: p 'https:\/\/A\.example' is not an https origin/);
  });
});
