import { ClientIpFilter, ClientIpFilterProps, IpFilterAction, JsonErrorResponse, PolicyDocument, PolicySection, ValidateHeaders } from '../../lib/policy';
import { parseIpNetwork } from '../../lib/policy/ip';
import { evaluate } from '../util/csharp';
import { runStatements } from '../util/policy-runtime';
import { attributes, childElements, childNames, onlyChild, parseXml } from '../util/xml';

const filter = (over: Partial<ClientIpFilterProps> = {}) => new ClientIpFilter({
  action: IpFilterAction.ALLOW, addresses: ['203.0.113.0/24', '198.51.100.7', '2001:db8::/32', '2001:db8:ffff::1'], clientIpVariable: 'client-ip', ...over,
});

/** Whether the filter refuses a client address held in the variable. */
function refused(f: ClientIpFilter, address: string): boolean {
  const when = onlyChild(parseXml(f.toXml()), 'when');
  return evaluate(when.getAttribute('condition')!, { Variables: { 'client-ip': address } }) === true;
}

describe('parseIpNetwork', () => {
  test.each<[string, number[], number]>([
    ['203.0.113.0/24', [203, 0, 113, 0], 24],
    ['198.51.100.7', [198, 51, 100, 7], 32],
    ['0.0.0.0/0', [0, 0, 0, 0], 0],
    ['2001:db8::/32', [0x20, 0x01, 0x0d, 0xb8, ...Array(12).fill(0)], 32],
    ['::1', [...Array(15).fill(0), 1], 128],
    ['::', Array(16).fill(0), 128],
    ['fe80::/10', [0xfe, 0x80, ...Array(14).fill(0)], 10],
    ['::ffff:192.0.2.1', [...Array(10).fill(0), 255, 255, 192, 0, 2, 1], 128],
    ['2001:db8:0:0:0:0:0:1', [0x20, 0x01, 0x0d, 0xb8, ...Array(11).fill(0), 1], 128],
  ])('%s', (text, bytes, prefix) => {
    expect(parseIpNetwork(text)).toEqual({ bytes, prefix });
  });

  test.each(['10.0.0.1/24', '10.0.0.256', '10.0.0', '01.0.0.1', '10.0.0.0/33', '2001:db8::1/32', '2001:db8::/129', '2001:db8:::1', '1::2::3',
    '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', 'g::1', '12345::', '::ffff:300.0.0.1', '10.0.0.0/', '/24', '10.0.0.0/2/4', 'fe80::1%eth0', ''])('refuses %j', (text) => {
    expect(parseIpNetwork(text)).toBeUndefined();
  });
});

describe('ClientIpFilter', () => {
  test('allow: the listed IPv4 and IPv6 addresses and ranges pass, every other address is refused', () => {
    const f = filter();
    for (const ok of ['203.0.113.0', '203.0.113.255', '198.51.100.7', '2001:db8::1', '2001:db8:ffff:ffff::9', '2001:db8:ffff::1']) expect([ok, refused(f, ok)]).toEqual([ok, false]);
    for (const no of ['203.0.114.0', '203.0.112.255', '198.51.100.8', '2001:db9::1', '2001:db7:ffff::1', '::1', '10.0.0.1']) expect([no, refused(f, no)]).toEqual([no, true]);
  });

  test('an IPv4 client written as an IPv4-mapped IPv6 address is checked as IPv4', () => {
    expect(refused(filter(), '::ffff:203.0.113.9')).toBe(false);
    expect(refused(filter(), '::ffff:203.0.114.9')).toBe(true);
  });

  test('prefixes that are not a multiple of 8 compare only their bits', () => {
    const f = filter({ addresses: ['10.0.0.0/9', 'fe80::/10'] });
    expect(['10.127.255.255', '10.128.0.0', 'febf::1', 'fec0::1'].map((a) => refused(f, a))).toEqual([false, true, false, true]);
  });

  test('an address that does not parse, or none, is refused whatever the action (fail closed)', () => {
    for (const action of [IpFilterAction.ALLOW, IpFilterAction.FORBID]) {
      for (const bad of ['', 'unknown', '203.0.113.7:80']) expect([action, bad, refused(filter({ action }), bad)]).toEqual([action, bad, true]);
    }
  });

  test('forbid: only the listed addresses are refused', () => {
    const f = filter({ action: IpFilterAction.FORBID, addresses: ['192.0.2.0/24'] });
    expect(['192.0.2.1', '192.0.3.1', '2001:db8::1'].map((a) => refused(f, a))).toEqual([true, false, false]);
  });

  test('without clientIpVariable it checks the address APIM saw', () => {
    const f = filter({ clientIpVariable: undefined });
    const condition = onlyChild(parseXml(f.toXml()), 'when').getAttribute('condition')!;
    expect(evaluate(condition, { Request: { IpAddress: '203.0.113.1' } })).toBe(false);
    expect(evaluate(condition, { Request: { IpAddress: '192.0.2.1' } })).toBe(true);
  });

  test('renders choose/when with the refusal, which a document runs for refused callers', () => {
    const refusal = JsonErrorResponse.of({ statusCode: 403, code: 'forbidden', message: 'Not from here.' });
    const f = filter({ refusal });
    const root = parseXml(f.toXml());
    expect(root.tagName).toBe('choose');
    expect(childNames(root)).toEqual(['when']);
    const inbound = childElements(onlyChild(parseXml(new PolicyDocument({ inbound: [f] }).toXml()), 'inbound')).filter((e) => e.tagName !== 'base');
    expect(runStatements(inbound, { Variables: { 'client-ip': '192.0.2.1' } }).response?.status).toBe(403);
    expect(runStatements(inbound, { Variables: { 'client-ip': '203.0.113.1' } }).response).toBeUndefined();
    expect(f.allowedSections).toEqual([PolicySection.INBOUND]);
  });

  test('the default refusal is a bare 403', () => {
    const when = onlyChild(parseXml(filter().toXml()), 'when');
    expect(attributes(onlyChild(onlyChild(when, 'return-response'), 'set-status'))).toEqual({ code: '403', reason: 'Forbidden' });
  });

  test.each<[string, Partial<ClientIpFilterProps>, RegExp]>([
    ['no addresses', { addresses: [] }, /^ClientIpFilter: addresses is empty\. Valid: at least one IPv4 or IPv6 address or CIDR range\./],
    ['host bits in an IPv4 range', { addresses: ['203.0.113.7/24'] }, /^ClientIpFilter: addresses\[0\] '203\.0\.113\.7\/24' is not an IP address or CIDR range\. Valid: an IPv4 or IPv6 address, or a network address and prefix with zero host bits/],
    ['host bits in an IPv6 range', { addresses: ['10.0.0.0/8', '2001:db8::1/32'] }, /^ClientIpFilter: addresses\[1\] '2001:db8::1\/32' is not an IP address or CIDR range/],
    ['a host name', { addresses: ['partner.example'] }, /^ClientIpFilter: addresses\[0\]/],
    ['an expression', { addresses: ['@(context.Request.IpAddress)'] }, /^ClientIpFilter: addresses\[0\] '@\(context\.Request\.IpAddress\)' starts with '@'/],
    ['an unknown action', { action: 'deny' as IpFilterAction }, /^ClientIpFilter: action is 'deny'\. Valid: allow, forbid\./],
    ['a bad variable name', { clientIpVariable: 'client ip' }, /^ClientIpFilter: clientIpVariable 'client ip' is not a variable name/],
    ['a refusal APIM does not take in inbound', { refusal: new ValidateHeaders() }, /^ClientIpFilter: refusal is 'validate-headers', which APIM does not take in inbound/],
  ])('refuses %s', (_label, over, message) => {
    expect(() => filter(over)).toThrow(message);
  });
});
