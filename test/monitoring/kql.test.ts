import { HOSTILE_STRINGS } from './hostile';
import { expectValidKql, queryOperatorsOf, stringLiteralsOf } from './kql-check';
import { AGW_FIREWALL_LOGS_SCHEMA, API_MANAGEMENT_GATEWAY_LOGS_SCHEMA } from './schemas';
import { KqlAggregate, KqlPredicate, KqlQuery, kqlNumber, kqlString } from '../../lib/monitoring/kql';
import { API_MANAGEMENT_GATEWAY_LOGS, AGW_FIREWALL_LOGS } from '../../lib/monitoring/tables';

describe('the library table definitions', () => {
  test.each([
    [API_MANAGEMENT_GATEWAY_LOGS, API_MANAGEMENT_GATEWAY_LOGS_SCHEMA],
    [AGW_FIREWALL_LOGS, AGW_FIREWALL_LOGS_SCHEMA],
  ])('%# use only documented columns with their documented types', (table, schema) => {
    for (const [column, type] of Object.entries(table.columns)) expect([column, schema[column]]).toEqual([column, type]);
  });
});

describe('KQL string literals', () => {
  test.each(HOSTILE_STRINGS)('%j stays one literal with its exact value', (value) => {
    const query = KqlQuery.from(API_MANAGEMENT_GATEWAY_LOGS).where(KqlPredicate.equals('ApiId', value)).summarize([KqlAggregate.count('N')], { by: ['ApiId'] }).render();
    expectValidKql(query);
    expect(stringLiteralsOf(query)).toEqual([value]);
    expect(queryOperatorsOf(query)).toEqual(['FilterOperator', 'SummarizeOperator']);
  });

  test('in-lists keep every value in its own literal', () => {
    const query = KqlQuery.from(API_MANAGEMENT_GATEWAY_LOGS).where(KqlPredicate.notInList('ApiId', HOSTILE_STRINGS)).render();
    expectValidKql(query);
    expect(stringLiteralsOf(query)).toEqual(HOSTILE_STRINGS);
    expect(queryOperatorsOf(query)).toEqual(['FilterOperator']);
  });

  test.each(['nul\u0000', 'bell\u0007', 'esc\u001b[0m', 'line\u2028sep', 'nel\u0085'])('refuses %j, which has no documented escape', (value) => {
    expect(() => kqlString(value)).toThrow(/control character/);
  });

  test('refuses tokens', () => {
    expect(() => kqlString('${TfToken[TOKEN.1]}')).toThrow(/token/);
  });
});

describe('KQL numbers', () => {
  test.each([NaN, Infinity, -Infinity, 1e21, 1e-7])('refuses %p', (n) => {
    expect(() => kqlNumber(n)).toThrow(/finite number/);
  });

  test('renders whole numbers as longs and fractions as reals', () => {
    expect(kqlNumber(20)).toBe('20');
    expect(kqlNumber(-3)).toBe('-3');
    expect(kqlNumber(99.5)).toBe('real(99.5)');
    expectValidKql(KqlQuery.from(API_MANAGEMENT_GATEWAY_LOGS).where(KqlPredicate.compare('TotalTime', '>', 99.5)).render());
  });
});

describe('the builder checks columns and types as it goes', () => {
  const q = KqlQuery.from(API_MANAGEMENT_GATEWAY_LOGS);

  test('unknown columns fail', () => {
    expect(() => q.where(KqlPredicate.equals('Nope', 'x'))).toThrow(/'Nope' is not in scope/);
    expect(() => q.summarize([KqlAggregate.dcount('D', 'Nope')])).toThrow(/'Nope' is not in scope/);
  });

  test('columns are out of scope after summarize', () => {
    const s = q.summarize([KqlAggregate.count('N')], { by: ['ApiId'], binMinutes: 5 });
    expect(s.outputColumns.sort()).toEqual(['ApiId', 'N', 'TimeGenerated']);
    expect(() => s.where(KqlPredicate.equals('Url', 'x'))).toThrow(/'Url' is not in scope/);
  });

  test('type mismatches fail', () => {
    expect(() => q.where(KqlPredicate.equals('ApiId', 5))).toThrow(/is string and cannot be compared with a number/);
    expect(() => q.where(KqlPredicate.equals('ResponseCode', '401'))).toThrow(/is int and cannot be compared with a string/);
    expect(() => q.where(KqlPredicate.equals('IsRequestSuccess', 1))).toThrow(/is bool/);
    expect(() => q.summarize([KqlAggregate.percentile('P', 'ApiId', 95)])).toThrow(/not numeric/);
    expect(() => q.summarize([KqlAggregate.percentile('P', 'TotalTime', 101)])).toThrow(/0 to 100/);
  });

  test('identifiers are plain', () => {
    expect(() => q.summarize([KqlAggregate.count('N | take 1')])).toThrow(/not a plain identifier/);
    expect(() => q.project(['ApiId, Url'])).toThrow(/not a plain identifier/);
    expect(() => q.summarize([KqlAggregate.count('N'), KqlAggregate.count('N')])).toThrow(/used twice/);
  });

  test('a full query renders one stage per line and passes the check', () => {
    const query = q
      .where(KqlPredicate.allOf(KqlPredicate.inList('ResponseCode', [401, 403]), KqlPredicate.negate(KqlPredicate.ipv4InAnyRange('CallerIpAddress', ['10.0.0.0/8', '192.168.1.7']))))
      .summarize([KqlAggregate.count('N'), KqlAggregate.countIf('Slow', KqlPredicate.compare('TotalTime', '>', 1000)), KqlAggregate.percentile('P95', 'TotalTime', 95)], { by: ['CallerIpAddress'], binMinutes: 15 })
      .where(KqlPredicate.anyOf(KqlPredicate.compare('N', '>=', 20), KqlPredicate.compare('P95', '>', 2500.5)))
      .project(['TimeGenerated', 'CallerIpAddress', 'N', 'P95'])
      .render();
    expect(query).toBe([
      'ApiManagementGatewayLogs',
      '| where (ResponseCode in (401, 403)) and (not(coalesce(ipv4_is_in_any_range(CallerIpAddress, "10.0.0.0/8", "192.168.1.7"), false)))',
      '| summarize N = count(), Slow = countif(TotalTime > 1000), P95 = percentile(TotalTime, 95) by CallerIpAddress, bin(TimeGenerated, 15m)',
      '| where (N >= 20) or (P95 > real(2500.5))',
      '| project TimeGenerated, CallerIpAddress, N, P95',
    ].join('\n'));
    expectValidKql(query);
  });
});

describe('extendClientIp', () => {
  const query = KqlQuery.from(API_MANAGEMENT_GATEWAY_LOGS).extendClientIp('ClientIp')
    .summarize([KqlAggregate.count('Requests')], { by: ['ClientIp'] }).render();

  test('is valid KQL over the documented table', () => {
    expectValidKql(query);
  });

  test('its regex, as Kusto reads the literal, takes the client from the last X-Forwarded-For hop the edge appends', () => {
    // The literal as the Kusto parser reads it back (a verbatim string keeps its backslashes).
    const regex = stringLiteralsOf(query).find((l) => l.includes('{1,3}'))!;
    expect(regex).toBe('(\\d{1,3}(\\.\\d{1,3}){3})');
    const extract = (xff: string) => new RegExp(regex).exec(xff.split(',').pop()!)?.[1];
    expect(extract('198.51.100.7:52044')).toBe('198.51.100.7');
    expect(extract('10.0.0.1, 203.0.113.9:443')).toBe('203.0.113.9');
    expect(extract('[2001:db8::1]:443')).toBeUndefined(); // IPv6: falls back to CallerIpAddress
  });
});
