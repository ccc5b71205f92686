/**
 * The client address behind the edge: the last X-Forwarded-For entry, which the Application
 * Gateway appends ("a comma-separated list of IP:port"), for IPv4 and IPv6, with and without a
 * port, evaluated as APIM would run the expression.
 */
import { SecureHealthcareApim } from '../../lib';
import { PLATFORM_PROPS } from '../api/fixtures';
import { evaluate } from '../util/csharp';
import { newStack } from '../util/synth';

const behindEdge = new SecureHealthcareApim(newStack(), 'Platform', PLATFORM_PROPS).clientIpExpression.text;
const clientIp = (forwardedFor: string | undefined, peer = '10.0.2.4') =>
  evaluate(behindEdge, { Request: { IpAddress: peer, Headers: forwardedFor === undefined ? {} : { 'X-Forwarded-For': forwardedFor } } });

describe('the client IP behind the edge', () => {
  test.each<[string, string]>([
    ['203.0.113.7:54321', '203.0.113.7'],
    ['203.0.113.7', '203.0.113.7'],
    ['[2001:db8::7]:443', '2001:db8::7'],
    ['[2001:db8::7]', '2001:db8::7'],
    ['2001:db8::7', '2001:db8::7'],
    ['[::ffff:203.0.113.9]:8080', '203.0.113.9'],
    ['::ffff:203.0.113.9', '203.0.113.9'],
  ])('X-Forwarded-For %j is the client %s', (header, expected) => {
    expect(clientIp(header)).toBe(expected);
  });

  test('only the last entry counts: what the caller put before it is not trusted', () => {
    expect(clientIp('10.0.0.1, 198.51.100.1:1234, 203.0.113.7:54321')).toBe('203.0.113.7');
    expect(clientIp('10.0.0.1,[2001:db8::1]:1')).toBe('2001:db8::1');
    expect(clientIp('  203.0.113.7:1  ,  198.51.100.2:2  ')).toBe('198.51.100.2');
  });

  test('without the header (a caller inside the network) the client is the address APIM saw', () => {
    expect(clientIp(undefined, '10.0.2.4')).toBe('10.0.2.4');
    expect(clientIp('  ', '10.0.2.5')).toBe('10.0.2.5');
  });

  test('an entry that is not an address gives no address, which no IP check accepts', () => {
    for (const bad of ['unknown', '[2001:db8::7', 'evil.example:80', '203.0.113.7:80:90x']) expect([bad, clientIp(bad)]).toEqual([bad, '']);
  });
});
