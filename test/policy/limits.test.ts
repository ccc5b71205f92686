import {
  IpFilter, IpFilterAction, PolicySection, PolicyValue, QuotaByKey, QuotaByKeyProps, RateLimitByKey, RateLimitByKeyProps,
} from '../../lib/policy';
import { MAX_RATE_LIMIT_PERIOD, MIN_QUOTA_PERIOD } from '../../lib/policy/limits';
import { attributes, childElements, childNames, parseXml, textOf } from '../util/xml';

const IP = PolicyValue.expression('context.Request.IpAddress');
const rate = (over: Partial<RateLimitByKeyProps> = {}) => new RateLimitByKey({ calls: 100, renewalPeriodSeconds: 60, counterKey: IP, ...over });
const quota = (over: Partial<QuotaByKeyProps> = {}) => new QuotaByKey({ calls: 10_000, renewalPeriodSeconds: 86_400, counterKey: IP, ...over });
const ipFilter = (addresses: string[], action = IpFilterAction.ALLOW) => new IpFilter({ action, addresses });

/** The children of a rendered ip-filter as `address:x` or `range:from-to`. */
function entries(filter: IpFilter): string[] {
  return childElements(parseXml(filter.toXml())).map((e) => {
    if (e.tagName === 'address') {
      expect(Object.keys(attributes(e))).toEqual([]);
      return `address:${textOf(e)}`;
    }
    expect(e.tagName).toBe('address-range');
    expect(Object.keys(attributes(e)).sort()).toEqual(['from', 'to']);
    expect(childElements(e)).toHaveLength(0);
    return `range:${e.getAttribute('from')}-${e.getAttribute('to')}`;
  });
}

describe('RateLimitByKey', () => {
  test('defaults: calls, period, key and a Retry-After header', () => {
    const root = parseXml(rate().toXml());
    expect(root.tagName).toBe('rate-limit-by-key');
    expect(attributes(root)).toEqual({
      'calls': '100',
      'renewal-period': '60',
      'counter-key': '@(context.Request.IpAddress)',
      'retry-after-header-name': 'Retry-After',
    });
    expect(childElements(root)).toHaveLength(0);
  });

  test('options: increment condition, header names, literal key', () => {
    const root = parseXml(rate({
      counterKey: PolicyValue.literal('everyone'),
      incrementCondition: PolicyValue.expression('context.Response.StatusCode >= 200 && context.Response.StatusCode < 300'),
      retryAfterHeaderName: 'X-Retry',
      remainingCallsHeaderName: 'X-Remaining',
    }).toXml());
    expect(attributes(root)).toEqual({
      'calls': '100',
      'renewal-period': '60',
      'counter-key': 'everyone',
      'increment-condition': '@(context.Response.StatusCode >= 200 && context.Response.StatusCode < 300)',
      'retry-after-header-name': 'X-Retry',
      'remaining-calls-header-name': 'X-Remaining',
    });
  });

  test('retryAfterVariableName stores the retry interval for an on-error handler', () => {
    expect(parseXml(rate({ retryAfterVariableName: 'rate-limit-retry-after' }).toXml()).getAttribute('retry-after-variable-name')).toBe('rate-limit-retry-after');
    expect(() => rate({ retryAfterVariableName: '@(x)' })).toThrow(/^rate-limit-by-key: retryAfterVariableName '@\(x\)' is not a variable name\. Valid: a letter then letters, digits, _ or -, up to 80 characters\./);
  });

  test('accepts the renewal-period bounds 1 and 300', () => {
    expect(MAX_RATE_LIMIT_PERIOD).toBe(300);
    expect(parseXml(rate({ renewalPeriodSeconds: 1 }).toXml()).getAttribute('renewal-period')).toBe('1');
    expect(parseXml(rate({ renewalPeriodSeconds: 300 }).toXml()).getAttribute('renewal-period')).toBe('300');
    expect(parseXml(rate({ calls: 1 }).toXml()).getAttribute('calls')).toBe('1');
  });

  test('is allowed in inbound only', () => {
    expect(rate().allowedSections).toEqual([PolicySection.INBOUND]);
  });

  test.each<[string, Partial<RateLimitByKeyProps>, RegExp]>([
    ['zero calls', { calls: 0 }, /^rate-limit-by-key: calls is 0\. Valid: a whole number from 1 to 2147483647\./],
    ['negative calls', { calls: -5 }, /^rate-limit-by-key: calls is -5/],
    ['fractional calls', { calls: 2.5 }, /^rate-limit-by-key: calls is 2\.5/],
    ['NaN calls', { calls: NaN }, /^rate-limit-by-key: calls is NaN/],
    ['a zero period', { renewalPeriodSeconds: 0 }, /^rate-limit-by-key: renewalPeriodSeconds is 0\. Valid: a whole number from 1 to 300\./],
    ['a 301-second period', { renewalPeriodSeconds: 301 }, /^rate-limit-by-key: renewalPeriodSeconds is 301\. Valid: a whole number from 1 to 300\./],
    ['a fractional period', { renewalPeriodSeconds: 59.9 }, /^rate-limit-by-key: renewalPeriodSeconds is 59\.9/],
    ['an expression-looking literal key', { counterKey: '@(x)' as unknown as PolicyValue }, /^rate-limit-by-key: counterKey '@\(x\)' starts with '@'/],
    ['an invalid retry-after header', { retryAfterHeaderName: 'Retry After' }, /^rate-limit-by-key: retryAfterHeaderName 'Retry After' is not a header name/],
    ['an invalid remaining-calls header', { remainingCallsHeaderName: 'X:Remaining' }, /^rate-limit-by-key: remainingCallsHeaderName/],
    ['an empty remaining-calls header', { remainingCallsHeaderName: '' }, /^rate-limit-by-key: remainingCallsHeaderName '' is not a header name/],
  ])('refuses %s', (_label, over, message) => {
    expect(() => rate(over)).toThrow(message);
  });
});

describe('QuotaByKey', () => {
  test('calls only', () => {
    const root = parseXml(quota().toXml());
    expect(root.tagName).toBe('quota-by-key');
    expect(attributes(root)).toEqual({ 'calls': '10000', 'renewal-period': '86400', 'counter-key': '@(context.Request.IpAddress)' });
    expect(childElements(root)).toHaveLength(0);
  });

  test('bandwidth only, and both with an increment condition', () => {
    expect(attributes(parseXml(quota({ calls: undefined, bandwidthBytes: 1024 * 1024 }).toXml())))
      .toEqual({ 'bandwidth': '1024', 'renewal-period': '86400', 'counter-key': '@(context.Request.IpAddress)' });
    expect(attributes(parseXml(quota({ bandwidthBytes: 5 * 1024, incrementCondition: PolicyValue.expression('true') }).toXml()))).toEqual({
      'calls': '10000', 'bandwidth': '5', 'renewal-period': '86400', 'counter-key': '@(context.Request.IpAddress)', 'increment-condition': '@(true)',
    });
  });

  test('the deprecated bandwidthKilobytes still writes KB', () => {
    expect(parseXml(quota({ calls: undefined, bandwidthKilobytes: 1024 }).toXml()).getAttribute('bandwidth')).toBe('1024');
  });

  test('accepts a period of exactly 300 seconds', () => {
    expect(MIN_QUOTA_PERIOD).toBe(300);
    expect(parseXml(quota({ renewalPeriodSeconds: 300 }).toXml()).getAttribute('renewal-period')).toBe('300');
  });

  // quota-by-key reference: "When renewal-period is set to 0, the period is set to infinite."
  test('accepts a period of 0: a lifetime quota that never renews', () => {
    expect(attributes(parseXml(quota({ renewalPeriodSeconds: 0 }).toXml())))
      .toEqual({ 'calls': '10000', 'renewal-period': '0', 'counter-key': '@(context.Request.IpAddress)' });
  });

  test('is allowed in inbound only', () => {
    expect(quota().allowedSections).toEqual([PolicySection.INBOUND]);
  });

  test.each<[string, Partial<QuotaByKeyProps>, RegExp]>([
    ['neither calls nor bandwidth', { calls: undefined }, /^quota-by-key: calls and bandwidthBytes are both unset\. Valid: at least one of calls and bandwidthBytes/],
    ['bandwidth in bytes and in KB', { bandwidthBytes: 2048, bandwidthKilobytes: 2 }, /^quota-by-key: bandwidthBytes is set together with the deprecated bandwidthKilobytes\. Valid: one of them/],
    ['bandwidth not a whole number of KB', { bandwidthBytes: 1000 }, /^quota-by-key: bandwidthBytes is 1000\. Valid: a multiple of 1024 between 1024 and 2199023254528 \(bytes\)/],
    ['bandwidth of 1.5 KB', { calls: undefined, bandwidthBytes: 1536 }, /^quota-by-key: bandwidthBytes is 1536\. Valid: a multiple of 1024/],
    ['zero bandwidth bytes', { bandwidthBytes: 0 }, /^quota-by-key: bandwidthBytes is 0/],
    ['bandwidth over 2147483647 KB', { bandwidthBytes: 2_147_483_648 * 1024 }, /^quota-by-key: bandwidthBytes is 2199023255552/],
    ['a period under 300 seconds', { renewalPeriodSeconds: 299 }, /^quota-by-key: renewalPeriodSeconds is 299\. Valid: 0 \(a lifetime quota that never renews\) or a whole number of seconds from 300 to 31536000\./],
    ['a period of 1 second', { renewalPeriodSeconds: 1 }, /^quota-by-key: renewalPeriodSeconds is 1\. Valid: 0 /],
    ['a negative period', { renewalPeriodSeconds: -1 }, /^quota-by-key: renewalPeriodSeconds is -1/],
    ['a fractional period', { renewalPeriodSeconds: 0.5 }, /^quota-by-key: renewalPeriodSeconds is 0\.5/],
    ['a period over a year', { renewalPeriodSeconds: 31_536_001 }, /^quota-by-key: renewalPeriodSeconds is 31536001/],
    ['zero calls', { calls: 0 }, /^quota-by-key: calls is 0/],
    ['zero bandwidth', { bandwidthKilobytes: 0 }, /^quota-by-key: bandwidthKilobytes is 0/],
    ['fractional bandwidth', { calls: undefined, bandwidthKilobytes: 1.5 }, /^quota-by-key: bandwidthKilobytes is 1\.5/],
    ['an expression-looking literal key', { counterKey: '{{k}}' as unknown as PolicyValue }, /^quota-by-key: counterKey '\{\{k\}\}' contains '\{\{'/],
  ])('refuses %s', (_label, over, message) => {
    expect(() => quota(over)).toThrow(message);
  });
});

describe('IpFilter', () => {
  test('single addresses render as <address>, in order', () => {
    const root = parseXml(ipFilter(['203.0.113.7', '10.0.0.1']).toXml());
    expect(root.tagName).toBe('ip-filter');
    expect(attributes(root)).toEqual({ action: 'allow' });
    expect(childNames(root)).toEqual(['address', 'address']);
    expect(entries(ipFilter(['203.0.113.7', '10.0.0.1']))).toEqual(['address:203.0.113.7', 'address:10.0.0.1']);
  });

  test('CIDR ranges render as <address-range from to>', () => {
    expect(entries(ipFilter(['10.0.0.0/8', '192.168.4.0/22', '203.0.113.128/25', '0.0.0.0/0', '10.1.2.2/31']))).toEqual([
      'range:10.0.0.0-10.255.255.255',
      'range:192.168.4.0-192.168.7.255',
      'range:203.0.113.128-203.0.113.255',
      'range:0.0.0.0-255.255.255.255',
      'range:10.1.2.2-10.1.2.3',
    ]);
  });

  test('a /32 renders as a single <address>', () => {
    expect(entries(ipFilter(['198.51.100.9/32']))).toEqual(['address:198.51.100.9']);
  });

  test('addresses and ranges keep their order, with the forbid action', () => {
    const filter = ipFilter(['10.0.0.0/24', '192.0.2.1', '198.51.100.0/32'], IpFilterAction.FORBID);
    expect(parseXml(filter.toXml()).getAttribute('action')).toBe('forbid');
    expect(entries(filter)).toEqual(['range:10.0.0.0-10.0.0.255', 'address:192.0.2.1', 'address:198.51.100.0']);
  });

  test('is allowed in inbound only', () => {
    expect(ipFilter(['10.0.0.1']).allowedSections).toEqual([PolicySection.INBOUND]);
  });

  test.each<[string, string, RegExp]>([
    ['a CIDR that is not a network address', '10.0.0.1/24', /^ip-filter: addresses\[0\] '10\.0\.0\.1\/24' is not an IPv4 CIDR range\. Valid: .*host bits zero/],
    ['another host-bit CIDR', '192.168.1.128/24', /^ip-filter: addresses\[0\] '192\.168\.1\.128\/24' is not an IPv4 CIDR range/],
    ['a prefix over 32', '10.0.0.0/33', /^ip-filter: addresses\[0\] '10\.0\.0\.0\/33' is not an IPv4 CIDR range/],
    ['an empty prefix', '10.0.0.0/', /^ip-filter: addresses\[0\] .* is not an IPv4 CIDR range/],
    ['an octet over 255', '256.1.1.1', /^ip-filter: addresses\[0\] '256\.1\.1\.1' is not an IPv4 address/],
    ['a CIDR with an octet over 255', '10.300.0.0/16', /^ip-filter: addresses\[0\] .* is not an IPv4 CIDR range/],
    ['three octets', '10.0.0', /^ip-filter: addresses\[0\] '10\.0\.0' is not an IPv4 address/],
    ['a leading zero', '010.0.0.1', /^ip-filter: addresses\[0\] '010\.0\.0\.1' is not an IPv4 address/],
    ['an IPv6 address', '2001:db8::1', /^ip-filter: addresses\[0\] '2001:db8::1' is not an IPv4 address/],
    ['a host name', 'example.org', /^ip-filter: addresses\[0\] 'example\.org' is not an IPv4 address/],
    ['surrounding spaces', ' 10.0.0.1', /^ip-filter: addresses\[0\] ' 10\.0\.0\.1' is not an IPv4 address/],
    ['an empty string', '', /^ip-filter: addresses\[0\] '' is not an IPv4 address/],
    ['a dash range', '10.0.0.1-10.0.0.9', /^ip-filter: addresses\[0\] .* is not an IPv4 address/],
  ])('refuses %s', (_label, address, message) => {
    expect(() => ipFilter([address])).toThrow(message);
  });

  test('names the index of the bad address', () => {
    expect(() => ipFilter(['10.0.0.1', '10.0.0.0/8', '10.0.0.1/8'])).toThrow(/^ip-filter: addresses\[2\] '10\.0\.0\.1\/8'/);
  });

  test('refuses an empty list and an unknown action', () => {
    expect(() => ipFilter([])).toThrow(/^ip-filter: addresses is empty/);
    expect(() => new IpFilter({ action: 'deny' as IpFilterAction, addresses: ['10.0.0.1'] })).toThrow(/^ip-filter: action is 'deny'\. Valid: allow, forbid\./);
  });
});
