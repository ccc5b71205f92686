import { TerraformVariable } from 'cdktf';
import { expectValidKql, queryOperatorsOf } from './kql-check';
import { uuidV5 } from '../../lib/core/uuid';
import { KqlQuery } from '../../lib/monitoring/kql';
import { SecurityWorkbook, SecurityWorkbookProps, WORKBOOK_NAMESPACE } from '../../lib/monitoring/security-workbook';
import { API_MANAGEMENT_GATEWAY_LOGS } from '../../lib/monitoring/tables';
import { newStack, onlyResource, synthJson } from '../util/synth';

const WORKSPACE = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hc/providers/Microsoft.OperationalInsights/workspaces/HC-Law';
const BASE: SecurityWorkbookProps = { name: 'hc-prod', resourceGroupName: 'rg-hc', location: 'westeurope', workspaceId: WORKSPACE };

function build(props: Partial<SecurityWorkbookProps> = {}) {
  const stack = newStack();
  const workbook = new SecurityWorkbook(stack, 'Workbook', { ...BASE, ...props } as SecurityWorkbookProps);
  const json = synthJson(stack);
  return { stack, workbook, json, resource: onlyResource(json, 'azurerm_application_insights_workbook') };
}

function errorOf(props: Partial<SecurityWorkbookProps>): string {
  try {
    build(props);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the construct to throw');
}

describe('SecurityWorkbook', () => {
  const { workbook, resource } = build();
  const data = JSON.parse(resource.data_json);
  const queryItems = data.items.filter((i: any) => i.type === 3);

  test('data_json is one JSON document: a Notebook with a time range and a query tile per question', () => {
    expect(data.version).toBe('Notebook/1.0');
    expect(data.fallbackResourceIds).toEqual([WORKSPACE]);
    expect(queryItems.map((i: any) => i.name)).toEqual([
      'failed-auth-over-time', 'failed-auth-by-caller', 'top-callers', 'errors-by-operation', 'latency-over-time', 'latency-by-api',
      'waf-over-time', 'waf-by-client', 'defender-alerts-by-severity', 'defender-alerts',
    ]);
    const parameters = data.items.find((i: any) => i.type === 9).content.parameters;
    expect(parameters.map((p: any) => [p.name, p.type])).toEqual([['TimeRange', 4]]);
    for (const item of queryItems) {
      expect(item.content).toMatchObject({
        version: 'KqlItem/1.0',
        timeContextFromParameter: 'TimeRange',
        queryType: 0,
        resourceType: 'microsoft.operationalinsights/workspaces',
        crossComponentResources: [WORKSPACE],
      });
      expect(['timechart', 'table', 'barchart']).toContain(item.content.visualization);
      expect(item.content.query).toBe(workbook.queries[item.name]);
    }
  });

  test.each(Object.entries(build().workbook.queries))('the %s query passes the Kusto parser against the documented schema', (_, query) => {
    expectValidKql(query);
  });

  test('covers what on-call asks first: auth failures, callers, errors, latency, WAF, Defender', () => {
    const q = workbook.queries;
    expect(q['failed-auth-over-time']).toMatch(/^ApiManagementGatewayLogs\n\| where ResponseCode in \(401, 403\)/);
    // Behind the edge the caller is the last X-Forwarded-For hop, not the gateway's address.
    expect(q['failed-auth-by-caller']).toMatch(/^ApiManagementGatewayLogs\n\| extend ClientIp = coalesce\(.*by ApimSubscriptionId, ClientIp\n\| top 25 by FailedRequests desc$/s);
    expect(q['errors-by-operation']).toMatch(/by ApiId, OperationId/);
    expect(q['latency-by-api']).toMatch(/percentile\(TotalTime, 50\).*percentile\(TotalTime, 95\).*percentile\(TotalTime, 99\)/s);
    expect(q['waf-by-client']).toMatch(/^AGWFirewallLogs\n\| where Action == "Blocked"/);
    expect(q['defender-alerts']).toMatch(/^SecurityAlert\n\| project TimeGenerated, AlertSeverity, AlertName, ProviderName/);
    expect(queryOperatorsOf(q['top-callers'])).toEqual(['ExtendOperator', 'SummarizeOperator', 'TopOperator']);
  });

  test('the name is a lower-case name-based UUID of the key, the same in every synth', () => {
    expect(resource.name).toBe(uuidV5(WORKBOOK_NAMESPACE, JSON.stringify(['security-workbook', 'hc-prod'])));
    // Pinned: a change here renames (replaces) every deployed workbook.
    expect(resource.name).toBe(build().resource.name);
    expect(resource.name).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(WORKBOOK_NAMESPACE).toBe(uuidV5('6ba7b811-9dad-11d1-80b4-00c04fd430c8', 'urn:cdktf-healthcare-apim:workbooks'));
    expect(build({ name: 'other' }).resource.name).not.toBe(resource.name);
    expect(build({ resourceGroupName: 'rg-other', location: 'eastus2' }).resource.name).toBe(resource.name);
  });

  test('source_id is the workspace id in lower case (azurerm refuses upper case), also for a token', () => {
    expect(resource).toMatchObject({ source_id: WORKSPACE.toLowerCase(), category: 'workbook', display_name: 'hc-prod: API security', location: 'westeurope', resource_group_name: 'rg-hc' });
    const stack = newStack();
    const id = new TerraformVariable(stack, 'workspace', { type: 'string' }).stringValue;
    new SecurityWorkbook(stack, 'Workbook', { ...BASE, workspaceId: id });
    const tokenised = onlyResource(synthJson(stack), 'azurerm_application_insights_workbook');
    expect(tokenised.source_id).toBe('${lower(var.workspace)}');
    expect(tokenised.data_json).toContain('"crossComponentResources":["${var.workspace}"]');
  });

  test('tags and display name pass through; hidden-title, a bad key and a token key are refused', () => {
    expect(build({ tags: { env: 'prod' }, displayName: 'On-call: APIs' }).resource).toMatchObject({ tags: { env: 'prod' }, display_name: 'On-call: APIs' });
    expect(errorOf({ tags: { 'hidden-title': 'x' } })).toMatch(/tags.*hidden-title/);
    expect(errorOf({ name: 'has space' })).toMatch(/name.*not a workbook key/);
    expect(errorOf({ name: '-x' })).toMatch(/not a workbook key/);
    expect(errorOf({ workspaceId: '/subscriptions/x/resourceGroups/y/providers/Microsoft.Insights/components/z' })).toMatch(/workspaceId.*not a Log Analytics workspace id/);
    expect(errorOf({ displayName: ' ' })).toMatch(/displayName/);
    const stack = newStack();
    const token = new TerraformVariable(stack, 'n', { type: 'string' }).stringValue;
    expect(() => new SecurityWorkbook(stack, 'W', { ...BASE, name: token })).toThrow(/not a token/);
  });
});

describe('KqlQuery.top', () => {
  test('renders top N by a column in scope, and checks its arguments', () => {
    const q = KqlQuery.from(API_MANAGEMENT_GATEWAY_LOGS);
    expect(q.top(10, 'TotalTime').render()).toBe('ApiManagementGatewayLogs\n| top 10 by TotalTime desc');
    expect(q.top(1, 'ApiId', 'asc').render()).toBe('ApiManagementGatewayLogs\n| top 1 by ApiId asc');
    expect(() => q.top(0, 'ApiId')).toThrow(/top/);
    expect(() => q.top(2.5, 'ApiId')).toThrow(/top/);
    expect(() => q.top(10, 'Nope')).toThrow(/not in scope/);
    expect(() => q.top(10, 'ApiId', 'sideways' as any)).toThrow(/order/);
    expect(() => q.project(['ApiId']).top(10, 'TotalTime')).toThrow(/not in scope/);
  });
});
