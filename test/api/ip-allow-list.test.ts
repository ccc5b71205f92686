/**
 * allowedIpRanges filters the real client: behind the edge APIM sees the Application Gateway's
 * address (the only one ip-filter checks), so the API checks the last X-Forwarded-For entry.
 * The inbound statements up to the IP check are run against requests as the edge forwards them.
 */
import { apiPolicy, patients, section } from './fixtures';
import { ApimSku, ProtectedApiProps, SecureHealthcareApimProps } from '../../lib';
import { SECURITY_HEADERS } from '../../lib/platform/global-policy';
import { runStatements, SimulatedResponse } from '../util/policy-runtime';
import { allElements } from '../util/xml';

/** The response the API's inbound gives up to its IP check, for a request from the edge. */
function gate(props: Partial<ProtectedApiProps>, platformProps: Partial<SecureHealthcareApimProps> = {}) {
  const inbound = section(apiPolicy(patients(props, platformProps).json()), 'inbound');
  const check = inbound.findIndex((e) => e.tagName === 'choose' || e.tagName === 'ip-filter');
  return {
    inbound,
    check,
    answer: (forwardedFor: string | undefined, peer = '10.0.1.4'): SimulatedResponse | undefined => runStatements(inbound.slice(0, check + 1), {
      Request: { IpAddress: peer, Headers: forwardedFor === undefined ? {} : { 'X-Forwarded-For': forwardedFor } },
    }, ['base']).response,
  };
}

function expectForbidden(response: SimulatedResponse | undefined): void {
  expect(response?.status).toBe(403);
  expect(response?.headers['Content-Type']).toBe('application/json');
  for (const [name, value] of SECURITY_HEADERS) expect([name, response?.headers[name]]).toEqual([name, value]);
  expect(response?.body).toContain('new JProperty("code", "forbidden")');
}

describe('behind the edge', () => {
  const { inbound, check, answer } = gate({ allowedIpRanges: ['203.0.113.0/24', '2001:db8::/32'] });

  test('no ip-filter (it would check the gateway); the client IP is read first, the check runs before limits and the token', () => {
    expect(allElements(apiPolicy(patients({ allowedIpRanges: ['203.0.113.0/24'] }).json())).map((e) => e.tagName)).not.toContain('ip-filter');
    expect(inbound.slice(0, check + 2).map((e) => e.tagName)).toEqual(['base', 'set-variable', 'choose', 'rate-limit-by-key']);
    expect(inbound[1].getAttribute('name')).toBe('protected-api-client-ip');
  });

  test.each<[string, string]>([
    ['IPv4 with the port the edge adds', '203.0.113.50:40000'],
    ['IPv4 after entries the caller sent', '192.0.2.1, 198.51.100.9:1, 203.0.113.50:40000'],
    ['IPv6 in brackets with a port', '[2001:db8::9]:443'],
    ['IPv6 without a port', '2001:db8:1::9'],
  ])('a listed client passes: %s', (_label, header) => {
    expect(answer(header)).toBeUndefined();
  });

  test.each<[string, string]>([
    ['an IPv4 client outside the list', '192.0.2.1:40000'],
    ['a listed address the caller put before the edge entry (spoofed)', '203.0.113.50, 192.0.2.1:40000'],
    ['an IPv6 client outside the list', '[2001:db9::9]:443'],
    ['an entry that is not an address', 'unknown'],
  ])('403 in the JSON error shape for %s', (_label, header) => {
    expectForbidden(answer(header));
  });

  test("the gateway's own address being listed lets no one else through", () => {
    const { answer: edgeListed } = gate({ allowedIpRanges: ['10.0.0.0/8'] });
    expectForbidden(edgeListed('192.0.2.1:40000', '10.0.1.4'));
    expect(edgeListed(undefined, '10.0.1.4')).toBeUndefined();
  });
});

describe('without an edge', () => {
  const noEdge: Partial<SecureHealthcareApimProps> = { sku: ApimSku.consumption(), acknowledgeNoNetworkIsolation: true };

  test('IPv6 entries, which ip-filter is not documented to take, are checked on the address APIM saw', () => {
    const { inbound, answer } = gate({ allowedIpRanges: ['203.0.113.0/24', '2001:db8::/32'] }, noEdge);
    expect(inbound.map((e) => e.tagName)).not.toContain('ip-filter');
    expect(answer(undefined, '2001:db8::5')).toBeUndefined();
    expect(answer('203.0.113.1', '2001:db9::5')?.status).toBe(403);
  });
});
