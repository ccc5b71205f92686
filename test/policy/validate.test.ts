import { Token } from 'cdktf';
import {
  checkCidr, checkHeaderName, checkHttpMethod, checkInteger, checkNonEmpty, checkOneOf, formatIpv4, HTTP_METHODS, parseCidr, parseIpv4,
} from '../../lib/policy/validate';

describe('checkInteger', () => {
  test('accepts whole numbers in range, bounds included', () => {
    expect(checkInteger('w', 'p', 1, 1, 3)).toBe(1);
    expect(checkInteger('w', 'p', 3, 1, 3)).toBe(3);
  });

  test.each([0, 4, 1.5, NaN, Infinity, -Infinity])('refuses %p with a message naming where and prop', (n) => {
    expect(() => checkInteger('elem', 'prop', n, 1, 3)).toThrow(new RegExp(`^elem: prop is ${String(n).replace('.', '\\.')}\\. Valid: a whole number from 1 to 3\\.$`));
  });

  test('lets unresolved number tokens through', () => {
    const t = Token.asNumber({ Ref: 'x' });
    expect(checkInteger('w', 'p', t, 1, 3)).toBe(t);
  });
});

describe('checkNonEmpty', () => {
  test('returns a copy of the values', () => {
    const values = ['a', 'b'];
    const out = checkNonEmpty('w', 'p', values);
    expect(out).toEqual(values);
    expect(out).not.toBe(values);
  });

  test('refuses undefined, empty lists and blank entries', () => {
    expect(() => checkNonEmpty('w', 'p', undefined)).toThrow(/^w: p is empty\. Valid: at least one value\.$/);
    expect(() => checkNonEmpty('w', 'p', [])).toThrow(/^w: p is empty/);
    expect(() => checkNonEmpty('w', 'p', ['a', ' \t'])).toThrow(/^w: p\[1\] is blank\. Valid: a non-empty string\.$/);
    expect(() => checkNonEmpty('w', 'p', [1 as unknown as string])).toThrow(/^w: p\[0\] is blank/);
  });
});

describe('checkHttpMethod and checkOneOf', () => {
  test.each(HTTP_METHODS)('accepts %s', (m) => {
    expect(checkHttpMethod('w', 'p', m)).toBe(m);
  });

  test.each(['get', 'CONNECT', 'FETCH', '', '*', ' GET'])('refuses %j', (m) => {
    expect(() => checkHttpMethod('w', 'm', m)).toThrow(/^w: m '.*' is not an HTTP method\. Valid: GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, TRACE \(upper case\)\.$/);
  });

  test('checkOneOf', () => {
    expect(checkOneOf('w', 'p', 'a', ['a', 'b'])).toBe('a');
    expect(() => checkOneOf('w', 'p', 'c', ['a', 'b'])).toThrow(/^w: p is 'c'\. Valid: a, b\.$/);
  });
});

describe('checkHeaderName', () => {
  test.each(['Authorization', 'X-Request-Id', "a!#$%&'*+.^_`|~-9"])('accepts %s', (name) => {
    expect(checkHeaderName('w', 'p', name)).toBe(name);
  });

  test.each(['', 'X A', 'X:A', 'X(A)', 'X"A', 'ü', 'X\nA', 'a,b', '{x}'])('refuses %j', (name) => {
    expect(() => checkHeaderName('w', 'p', name)).toThrow(/^w: p '.*' is not a header name\. Valid: an RFC 9110 token/s);
  });
});

describe('IPv4 parsing', () => {
  test('parseIpv4 accepts dotted quads and refuses the rest', () => {
    expect(parseIpv4('0.0.0.0')).toBe(0);
    expect(parseIpv4('255.255.255.255')).toBe(2 ** 32 - 1);
    expect(parseIpv4('10.0.0.1')).toBe(10 * 2 ** 24 + 1);
    for (const bad of ['256.0.0.0', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.04', '1.2.3.-4', 'a.b.c.d', '1.2.3.4 ', '', '::1', '1234.1.1.1']) {
      expect(parseIpv4(bad)).toBeUndefined();
    }
  });

  test('formatIpv4 is the inverse of parseIpv4', () => {
    for (const a of ['0.0.0.0', '10.20.30.40', '192.168.255.1', '255.255.255.255']) expect(formatIpv4(parseIpv4(a)!)).toBe(a);
  });

  test('parseCidr gives first and last address and refuses host bits', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({ first: parseIpv4('10.0.0.0'), last: parseIpv4('10.255.255.255'), prefix: 8 });
    expect(parseCidr('1.2.3.4/32')).toEqual({ first: parseIpv4('1.2.3.4'), last: parseIpv4('1.2.3.4'), prefix: 32 });
    expect(parseCidr('0.0.0.0/0')).toEqual({ first: 0, last: 2 ** 32 - 1, prefix: 0 });
    for (const bad of ['10.0.0.1/24', '10.0.0.0/33', '10.0.0.0', '10.0.0.0/', '10.0.0.0/-1', '10.0.0.0/8/8', '10.0.0/8', '10.0.0.0/100']) {
      expect(parseCidr(bad)).toBeUndefined();
    }
  });

  test('checkCidr names the prop and explains host bits', () => {
    expect(checkCidr('w', 'p', '10.1.0.0/16')).toEqual(parseCidr('10.1.0.0/16'));
    expect(() => checkCidr('w', 'p', '10.1.0.1/16')).toThrow(/^w: p '10\.1\.0\.1\/16' is not an IPv4 CIDR range\. Valid: .*host bits zero\)\.$/);
  });
});
