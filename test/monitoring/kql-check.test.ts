import { analyzeKql, expectValidKql, queryOperatorsOf, stringLiteralsOf } from './kql-check';

describe('the offline KQL check', () => {
  test('accepts a valid query over the documented schema', () => {
    expect(analyzeKql('ApiManagementGatewayLogs\n| where ResponseCode in (401, 403)\n| summarize N = count() by CallerIpAddress, bin(TimeGenerated, 5m)\n| where N > 10')).toEqual([]);
    expect(analyzeKql('AGWFirewallLogs | where Action == "Blocked" | summarize dcount(RuleId) by ClientIp')).toEqual([]);
  });

  test('fails on an unknown column', () => {
    const diagnostics = analyzeKql('ApiManagementGatewayLogs | where ResponseStatus == 401');
    expect(diagnostics.map((d) => d.message).join('\n')).toMatch(/ResponseStatus/);
    expect(() => expectValidKql('ApiManagementGatewayLogs | where ResponseStatus == 401')).toThrow(/KQL check failed/);
  });

  test('fails on an unknown table', () => {
    expect(() => expectValidKql('ApiManagementGatewayLog | count')).toThrow(/ApiManagementGatewayLog/);
  });

  test('fails on a type error', () => {
    expect(() => expectValidKql('ApiManagementGatewayLogs | where ApiId > 5')).toThrow(/not defined for the operand types string and long/);
    expect(() => expectValidKql('ApiManagementGatewayLogs | where ResponseCode')).toThrow(/KQL check failed/);
    expect(() => expectValidKql('ApiManagementGatewayLogs | where TotalTime > now()')).toThrow(/KQL check failed/);
  });

  test('fails on a syntax error', () => {
    expect(() => expectValidKql('ApiManagementGatewayLogs | wher ApiId == "a"')).toThrow(/KQL check failed/);
    expect(() => expectValidKql('ApiManagementGatewayLogs | where ApiId == "a')).toThrow(/KQL check failed/);
  });

  test('reads string literal values and pipe operators the way Kusto does', () => {
    expect(stringLiteralsOf('ApiManagementGatewayLogs | where ApiId == "a\\"b\\\\c\\n"')).toEqual(['a"b\\c\n']);
    expect(queryOperatorsOf('ApiManagementGatewayLogs | where ApiId == "x" | summarize count() by ApiId | project ApiId')).toEqual(['FilterOperator', 'SummarizeOperator', 'ProjectOperator']);
  });
});
