import { TerraformStack, Token } from 'cdktf';
import { MONITORING_BASE, RG } from './fixtures';
import { HOSTILE_STRINGS } from './hostile';
import { expectValidKql, queryOperatorsOf, stringLiteralsOf } from './kql-check';
import { MonitoringAlertKind } from '../../lib/monitoring/alert-record';
import { SecurityMonitoring, SecurityMonitoringProps } from '../../lib/monitoring/security-monitoring';
import { annotationsOf, block, blocks, newStack, resourcesOf, synthJson } from '../util/synth';

const BASE: SecurityMonitoringProps = MONITORING_BASE;
const AGW = `${RG}/providers/Microsoft.Network/applicationGateways/hc-agw`;

const LOG = 'azurerm_monitor_scheduled_query_rules_alert_v2';
const METRIC = 'azurerm_monitor_metric_alert';
const ACTIVITY = 'azurerm_monitor_activity_log_alert';
const GROUP = 'azurerm_monitor_action_group';

function build(props: Partial<SecurityMonitoringProps> = {}): { stack: TerraformStack; monitoring: SecurityMonitoring; json: any } {
  const stack = newStack();
  const monitoring = new SecurityMonitoring(stack, 'Monitoring', { ...BASE, ...props } as SecurityMonitoringProps);
  return { stack, monitoring, json: synthJson(stack) };
}

function actionGroupIdsOf(type: string, config: any): string[] {
  if (type === LOG) return block(config.action).action_groups;
  return blocks(config.action).map((a: any) => a.action_group_id);
}

describe('SecurityMonitoring defaults', () => {
  const { monitoring, json } = build({ applicationGatewayId: AGW });

  test('creates one action group that e-mails the security contact with the common alert schema', () => {
    const groups = resourcesOf(json, GROUP);
    expect(groups).toHaveLength(1);
    const [, group] = groups[0];
    expect(group).toMatchObject({ name: 'hc-prod-security-alerts', location: 'global', short_name: 'apimsecurity', enabled: true });
    expect(blocks(group.email_receiver)).toEqual([{ name: 'security-contact-1', email_address: 'security@example.org', use_common_alert_schema: true }]);
    expect(monitoring.actionGroup).toBeDefined();
    expect(Token.isUnresolved(monitoring.actionGroupId)).toBe(true);
  });

  test('creates every alert family', () => {
    const ids = monitoring.alerts.map((a) => a.id);
    expect(ids).toEqual([
      'failed-auth-by-caller', 'failed-auth-by-api', 'throttling-burst', 'server-errors', 'backend-failures', 'latency',
      'enumeration-by-caller', 'enumeration-by-subscription', 'waf-events',
      'apim-capacity', 'apim-gateway-5xx', 'appgw-unhealthy-hosts',
      'apim-delete', 'apim-write', 'key-vault-delete', 'key-vault-write', 'diagnostic-settings-write', 'diagnostic-settings-delete',
      'role-assignment-write', 'role-assignment-delete', 'waf-policy-write', 'waf-policy-delete',
    ]);
    expect(resourcesOf(json, LOG)).toHaveLength(9);
    expect(resourcesOf(json, METRIC)).toHaveLength(3);
    expect(resourcesOf(json, ACTIVITY)).toHaveLength(10);
    expect(monitoring.disabledAlerts).toEqual([]);
  });

  test('every alert resource notifies the action group, and the attributes say so', () => {
    const [groupId] = resourcesOf(json, GROUP)[0];
    const ref = `\${azurerm_monitor_action_group.${groupId}.id}`;
    let count = 0;
    for (const type of [LOG, METRIC, ACTIVITY]) {
      for (const [, config] of resourcesOf(json, type)) {
        expect(actionGroupIdsOf(type, config)).toEqual([ref]);
        count++;
      }
    }
    expect(count).toBe(monitoring.alerts.length);
    for (const alert of monitoring.alerts) expect(alert.actionGroupIds).toEqual([monitoring.actionGroupId]);
    const names = monitoring.alerts.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
    const kinds = new Set(monitoring.alerts.map((a) => a.kind));
    expect(kinds).toEqual(new Set([MonitoringAlertKind.LOG, MonitoringAlertKind.METRIC, MonitoringAlertKind.ACTIVITY_LOG]));
  });

  test('log alerts: workspace scope, documented windows and severities, fire on any row, split by dimension', () => {
    const byName = Object.fromEntries(resourcesOf(json, LOG).map(([, c]) => [c.name, c]));
    const caller = byName['hc-prod-failed-auth-by-caller'];
    expect(caller).toMatchObject({ scopes: [BASE.workspaceId], severity: 2, window_duration: 'PT15M', evaluation_frequency: 'PT5M', skip_query_validation: true, location: 'westeurope' });
    expect(block(caller.criteria)).toMatchObject({ time_aggregation_method: 'Count', operator: 'GreaterThan', threshold: 0 });
    // The real client behind the edge: the last X-Forwarded-For hop, else CallerIpAddress.
    expect(blocks(block(caller.criteria).dimension)).toEqual([{ name: 'ClientIp', operator: 'Include', values: ['*'] }]);
    expect(byName['hc-prod-throttling-burst']).toMatchObject({ severity: 3, window_duration: 'PT5M' });
    expect(byName['hc-prod-waf-events'].scopes).toEqual([BASE.workspaceId]);
  });

  test('metric alerts: Capacity, Requests by GatewayResponseCodeCategory 5xx, UnhealthyHostCount', () => {
    const byName = Object.fromEntries(resourcesOf(json, METRIC).map(([, c]) => [c.name, c]));
    expect(byName['hc-prod-apim-capacity']).toMatchObject({ scopes: [BASE.apimId], frequency: 'PT5M', window_size: 'PT15M', severity: 2 });
    expect(block(byName['hc-prod-apim-capacity'].criteria)).toMatchObject({ metric_namespace: 'Microsoft.ApiManagement/service', metric_name: 'Capacity', aggregation: 'Average', operator: 'GreaterThan', threshold: 80 });
    const fivexx = block(byName['hc-prod-apim-gateway-5xx'].criteria);
    expect(fivexx).toMatchObject({ metric_name: 'Requests', aggregation: 'Total', threshold: 10 });
    expect(blocks(fivexx.dimension)).toEqual([{ name: 'GatewayResponseCodeCategory', operator: 'Include', values: ['5xx'] }]);
    expect(byName['hc-prod-appgw-unhealthy-hosts'].scopes).toEqual([AGW]);
    expect(block(byName['hc-prod-appgw-unhealthy-hosts'].criteria)).toMatchObject({ metric_namespace: 'Microsoft.Network/applicationGateways', metric_name: 'UnhealthyHostCount', threshold: 0 });
  });

  test('activity-log alerts: administrative operations in the APIM resource group', () => {
    const configs = resourcesOf(json, ACTIVITY).map(([, c]) => c);
    expect(configs.map((c) => block(c.criteria).operation_name).sort()).toEqual([
      'Microsoft.ApiManagement/service/delete', 'Microsoft.ApiManagement/service/write', 'Microsoft.KeyVault/vaults/delete', 'Microsoft.KeyVault/vaults/write',
      'Microsoft.Insights/diagnosticSettings/write', 'Microsoft.Insights/diagnosticSettings/delete',
      'Microsoft.Authorization/roleAssignments/write', 'Microsoft.Authorization/roleAssignments/delete',
      'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/write', 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/delete',
    ].sort());
    for (const c of configs) {
      expect(block(c.criteria).category).toBe('Administrative');
      expect(c.location).toBe('global');
      expect(c.scopes).toEqual([`\${regex("(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+", "${BASE.apimId}")}`]);
    }
  });

  test('no Application Gateway, no WAF or unhealthy-host alert', () => {
    const ids = build().monitoring.alerts.map((a) => a.id);
    expect(ids).not.toContain('waf-events');
    expect(ids).not.toContain('appgw-unhealthy-hosts');
  });
});

describe('every query the library can emit passes the offline KQL check', () => {
  const variants: Array<[string, Partial<SecurityMonitoringProps>]> = [
    ['defaults', { applicationGatewayId: AGW }],
    ['tuned', {
      applicationGatewayId: AGW,
      failedAuthenticationByCaller: { threshold: 5, windowSeconds: 3600, frequencySeconds: 900, severity: 1 },
      failedAuthenticationByApi: { threshold: 1000, windowSeconds: 86400, frequencySeconds: 3600 },
      throttling: { threshold: 1, windowSeconds: 60, frequencySeconds: 60 },
      serverErrors: { threshold: 3, windowSeconds: 600 },
      backendFailures: { threshold: 2, windowSeconds: 172800, frequencySeconds: 86400, severity: 0 },
      latency: { windowSeconds: 1800 },
      latencyThresholdSeconds: 0.75,
      latencyPercentile: 99.9,
      enumeration: { threshold: 50, windowSeconds: 2700 },
      wafEvents: { threshold: 1, windowSeconds: 300, severity: 4 },
      excludedCallerRanges: ['10.0.0.0/8', '203.0.113.7'],
    }],
    ['Entra ID, every app', { entraIdLogs: true }],
    ['Entra ID, API app registrations, tuned', {
      entraIdLogs: true,
      entraIdAppIds: ['11111111-2222-3333-4444-555555555555', 'AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE'],
      failedSignIns: { threshold: 3, windowSeconds: 3600, frequencySeconds: 900, severity: 1 },
    }],
    ['hostile API ids', {
      latencyObjectives: HOSTILE_STRINGS.map((apiId, i) => ({ apiId, thresholdSeconds: (100 + i) / 1000, percentile: i % 2 ? 90 : undefined })),
    }],
  ];

  test.each(variants)('%s', (_name, props) => {
    const { monitoring, json } = build(props);
    const logAlerts = monitoring.alerts.filter((a) => a.kind === MonitoringAlertKind.LOG);
    expect(logAlerts.length).toBeGreaterThanOrEqual(8);
    const synthesized = new Map(resourcesOf(json, LOG).map(([, c]) => [c.name, block(c.criteria).query]));
    for (const alert of logAlerts) {
      expectValidKql(alert.query!);
      // What Terraform receives is the query with template sequences doubled, nothing else changed.
      expect(synthesized.get(alert.name)).toBe(alert.query!.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{'));
    }
  });

  test('hostile API ids stay inside their literals, and the query keeps its shape', () => {
    const { monitoring } = build(variants[4][1]);
    const perApi = monitoring.alerts.filter((a) => a.id.startsWith('latency-api-'));
    expect(perApi).toHaveLength(HOSTILE_STRINGS.length);
    perApi.forEach((alert, i) => {
      expect(stringLiteralsOf(alert.query!)).toEqual([HOSTILE_STRINGS[i]]);
      expect(queryOperatorsOf(alert.query!)).toEqual(['FilterOperator', 'SummarizeOperator', 'FilterOperator']);
    });
    const others = monitoring.alerts.find((a) => a.id === 'latency')!;
    expect(stringLiteralsOf(others.query!)).toEqual(HOSTILE_STRINGS);
    expect(others.query).toContain('| where ApiId !in (');
  });

  test('Terraform sees no template sequence from a user string', () => {
    const { json } = build(variants[2][1]);
    for (const [, c] of resourcesOf(json, LOG)) {
      const query: string = block(c.criteria).query;
      expect(query.replace(/\$\$\{/g, '').replace(/%%\{/g, '')).not.toMatch(/\$\{|%\{/);
    }
  });
});

describe('Entra ID sign-in and audit logs (entraIdLogs)', () => {
  const appIds = ['11111111-2222-3333-4444-555555555555'];

  test('off by default: no tenant setting, no sign-in alert', () => {
    const { monitoring, json } = build();
    expect(resourcesOf(json, 'azurerm_monitor_aad_diagnostic_setting')).toEqual([]);
    expect(monitoring.entraIdDiagnosticSetting).toBeUndefined();
    expect(monitoring.alerts.map((a) => a.id)).not.toContain('entra-failed-sign-ins');
  });

  test('on: SignInLogs and AuditLogs to the workspace, and a failed sign-in alert over SigninLogs routed to the action group', () => {
    const { monitoring, json } = build({ entraIdLogs: true, entraIdAppIds: appIds });
    const [[, setting]] = resourcesOf(json, 'azurerm_monitor_aad_diagnostic_setting');
    expect(setting).toEqual({ name: 'hc-prod-entra-id-to-log-analytics', log_analytics_workspace_id: BASE.workspaceId, enabled_log: [{ category: 'SignInLogs' }, { category: 'AuditLogs' }] });
    const alert = monitoring.alerts.find((a) => a.id === 'entra-failed-sign-ins')!;
    expect(alert).toMatchObject({ kind: MonitoringAlertKind.LOG, severity: 2, actionGroupIds: [monitoring.actionGroupId] });
    expect(alert.query).toBe([
      'SigninLogs',
      '| where ResultType != "0"',
      '| where (AppId in ("11111111-2222-3333-4444-555555555555")) or (ResourceIdentity in ("11111111-2222-3333-4444-555555555555"))',
      '| summarize FailedSignIns = count(), DistinctUsers = dcount(UserPrincipalName), DistinctIps = dcount(IPAddress) by AppDisplayName, ResourceDisplayName, bin(TimeGenerated, 15m)',
      '| where FailedSignIns >= 20',
    ].join('\n'));
    expectValidKql(alert.query!);
    const [, rule] = resourcesOf(json, LOG).find(([, c]) => c.name === 'hc-prod-entra-failed-sign-ins')!;
    expect(rule.scopes).toEqual([BASE.workspaceId]);
    expect(block(rule.criteria).dimension.map((d: any) => d.name)).toEqual(['AppDisplayName', 'ResourceDisplayName']);
  });

  test('failedSignIns.acknowledgeDisabled keeps the logs and drops the alert, with a warning', () => {
    const { monitoring, json } = build({ entraIdLogs: true, failedSignIns: { acknowledgeDisabled: true } });
    expect(resourcesOf(json, 'azurerm_monitor_aad_diagnostic_setting')).toHaveLength(1);
    expect(monitoring.disabledAlerts).toEqual(['failedSignIns']);
    expect(annotationsOf(monitoring, 'warn')).toEqual([expect.stringContaining('[security opt-out: failedSignIns.acknowledgeDisabled]')]);
  });

  test('validation', () => {
    expect(() => build({ entraIdAppIds: appIds })).toThrow(/entraIdAppIds is set without entraIdLogs/);
    expect(() => build({ failedSignIns: { threshold: 3 } })).toThrow(/failedSignIns is set without entraIdLogs/);
    expect(() => build({ entraIdLogs: true, entraIdAppIds: [] })).toThrow(/entraIdAppIds is empty/);
    expect(() => build({ entraIdLogs: true, entraIdAppIds: ['" or 1 == 1 //'] })).toThrow(/entraIdAppIds\[0\] .* is not a GUID/);
    expect(() => build({ entraIdLogs: true, entraIdAppIds: [appIds[0], appIds[0].toUpperCase()] })).toThrow(/entraIdAppIds\[1\] repeats/);
    expect(() => build({ entraIdLogs: true, entraIdAppIds: [Token.asString({ ref: 1 })] })).toThrow(/entraIdAppIds\[0\] is a token/);
  });
});

describe('action group choices', () => {
  test('webhook, Logic App and Event Hub receivers', () => {
    const { json } = build({
      securityContactEmails: ['a@example.org', 'b@example.org'],
      webhookUrls: ['https://hooks.example.org/alert?token=${x}'],
      logicAppReceiver: { resourceId: `${RG}/providers/Microsoft.Logic/workflows/triage`, callbackUrl: 'https://prod.logic.azure.com/workflows/1/triggers/manual/paths/invoke?sig=abc' },
      eventHubReceiver: { eventHubNamespace: 'hc-siem', eventHubName: 'alerts' },
      actionGroupShortName: 'hc-sec',
    });
    const [, group] = resourcesOf(json, GROUP)[0];
    expect(blocks(group.email_receiver)).toHaveLength(2);
    expect(blocks(group.webhook_receiver)).toEqual([{ name: 'webhook-1', service_uri: 'https://hooks.example.org/alert?token=$${x}', use_common_alert_schema: true }]);
    expect(blocks(group.logic_app_receiver)[0]).toMatchObject({ name: 'logic-app', use_common_alert_schema: true });
    expect(blocks(group.event_hub_receiver)[0]).toMatchObject({ event_hub_namespace: 'hc-siem', event_hub_name: 'alerts', use_common_alert_schema: true });
    expect(group.short_name).toBe('hc-sec');
  });

  test('an existing action group: nothing created, every alert routes to it', () => {
    const existing = `${RG}/providers/Microsoft.Insights/actionGroups/soc`;
    const { monitoring, json } = build({ securityContactEmails: undefined, existingActionGroupId: existing });
    expect(resourcesOf(json, GROUP)).toHaveLength(0);
    expect(monitoring.actionGroup).toBeUndefined();
    expect(monitoring.actionGroupId).toBe(existing);
    for (const type of [LOG, METRIC, ACTIVITY]) for (const [, c] of resourcesOf(json, type)) expect(actionGroupIdsOf(type, c)).toEqual([existing]);
  });
});

describe('tuning in seconds reaches Azure in whole minutes', () => {
  test('windowSeconds and frequencySeconds become the ISO durations of the same minutes (log and metric alerts)', () => {
    const { json } = build({
      applicationGatewayId: AGW,
      serverErrors: { windowSeconds: 3600, frequencySeconds: 900 },
      failedAuthenticationByApi: { windowSeconds: 86_400, frequencySeconds: 300 },
      capacity: { windowSeconds: 21_600, frequencySeconds: 3600 },
    });
    const log = (name: string) => resourcesOf(json, LOG).find(([, c]) => c.name === name)![1];
    expect(log('hc-prod-server-errors')).toMatchObject({ window_duration: 'PT1H', evaluation_frequency: 'PT15M' });
    expect(log('hc-prod-failed-auth-by-api')).toMatchObject({ window_duration: 'P1D', evaluation_frequency: 'PT5M' });
    const metric = resourcesOf(json, METRIC).find(([, c]) => c.name === 'hc-prod-apim-capacity')![1];
    expect(metric).toMatchObject({ window_size: 'PT6H', frequency: 'PT1H' });
  });

  test('a latency objective in seconds compares TotalTime in milliseconds (0.25 s → 250)', () => {
    const { monitoring } = build({ latencyObjectives: [{ apiId: 'patients', thresholdSeconds: 0.25 }, { apiId: 'claims', thresholdSeconds: 1.5 }] });
    const queries = monitoring.alerts.filter((a) => a.id.startsWith('latency-api-')).map((a) => a.query!);
    expect(queries[0]).toMatch(/LatencyMs > 250\b/);
    expect(queries[1]).toMatch(/LatencyMs > 1500\b/);
  });

  test('the default objective is 2 s; latencyThresholdSeconds sets it in seconds (0.5 s → 500)', () => {
    const latencyQuery = (props: Partial<SecurityMonitoringProps>) => build(props).monitoring.alerts.find((a) => a.id === 'latency')!.query!;
    expect(latencyQuery({})).toMatch(/LatencyMs > 2000\b/);
    expect(latencyQuery({ latencyThresholdSeconds: 0.5, latency: { severity: 2 } })).toMatch(/LatencyMs > 500\b/);
  });
});

describe('named opt-outs leave warnings', () => {
  const tunings = ['failedAuthenticationByCaller', 'failedAuthenticationByApi', 'throttling', 'serverErrors', 'backendFailures', 'latency', 'enumeration', 'wafEvents', 'capacity', 'gateway5xx', 'unhealthyHosts'] as const;

  test.each(tunings)('%s.acknowledgeDisabled', (prop) => {
    const { monitoring } = build({ applicationGatewayId: AGW, [prop]: { acknowledgeDisabled: true } });
    expect(monitoring.disabledAlerts).toEqual([prop]);
    expect(annotationsOf(monitoring, 'warn')).toEqual([expect.stringContaining(`[security opt-out: ${prop}.acknowledgeDisabled]`)]);
    const all = build({ applicationGatewayId: AGW }).monitoring.alerts.length;
    expect(monitoring.alerts.length).toBeLessThan(all);
  });

  test('acknowledgeNoActivityLogAlerts', () => {
    const { monitoring, json } = build({ acknowledgeNoActivityLogAlerts: true });
    expect(resourcesOf(json, ACTIVITY)).toHaveLength(0);
    expect(annotationsOf(monitoring, 'warn')).toEqual([expect.stringContaining('[security opt-out: acknowledgeNoActivityLogAlerts]')]);
  });

  test('defaults leave no warning', () => {
    expect(annotationsOf(build({ applicationGatewayId: AGW }).monitoring, 'warn')).toEqual([]);
  });
});

describe('validation names the prop', () => {
  const cases: Array<[string, Partial<SecurityMonitoringProps>, RegExp]> = [
    ['no receivers', { securityContactEmails: undefined }, /securityContactEmails is missing/],
    ['empty contacts', { securityContactEmails: [] }, /securityContactEmails is empty/],
    ['bad e-mail', { securityContactEmails: ['not-an-address'] }, /securityContactEmails\[0\]/],
    ['duplicate e-mail', { securityContactEmails: ['a@example.org', 'A@example.org'] }, /securityContactEmails has duplicates/],
    ['existing plus receivers', { existingActionGroupId: `${RG}/providers/Microsoft.Insights/actionGroups/soc` }, /securityContactEmails is set together with existingActionGroupId/],
    ['bad existing id', { securityContactEmails: undefined, existingActionGroupId: 'soc' }, /existingActionGroupId 'soc' is not an action group id/],
    ['http webhook', { webhookUrls: ['http://hooks.example.org'] }, /webhookUrls\[0\] is not an https:\/\/ URL/],
    ['bad logic app', { logicAppReceiver: { resourceId: 'x', callbackUrl: 'https://x' } }, /logicAppReceiver.resourceId/],
    ['bad event hub', { eventHubReceiver: { eventHubNamespace: 'a b', eventHubName: 'x' } }, /eventHubReceiver.eventHubNamespace/],
    ['event hub subscription not a GUID', { eventHubReceiver: { eventHubNamespace: 'ns', eventHubName: 'x', subscriptionId: 'not-a-guid' } },
      /: eventHubReceiver\.subscriptionId 'not-a-guid' is not a subscription id\. Valid: the GUID of the subscription that holds the Event Hubs namespace\./],
    ['event hub subscription empty', { eventHubReceiver: { eventHubNamespace: 'ns', eventHubName: 'x', subscriptionId: '' } }, /eventHubReceiver\.subscriptionId '' is not a subscription id/],
    ['long short name', { actionGroupShortName: 'thirteen-char' }, /actionGroupShortName/],
    ['bad prefix', { namePrefix: 'has space' }, /namePrefix/],
    ['bad workspace id', { workspaceId: 'law' }, /workspaceId 'law' is not a resource id/],
    ['threshold zero', { failedAuthenticationByCaller: { threshold: 0 } }, /failedAuthenticationByCaller.threshold is 0/],
    ['threshold fraction', { throttling: { threshold: 2.5 } }, /throttling.threshold is 2.5/],
    ['threshold NaN', { serverErrors: { threshold: NaN } }, /serverErrors.threshold is NaN/],
    ['latency threshold as a count', { latency: { threshold: 2000 } }, /latency.threshold is set, but the latency objective is a duration\. Valid: latencyThresholdSeconds/],
    ['latency threshold Infinity', { latencyThresholdSeconds: Infinity }, /latencyThresholdSeconds is Infinity/],
    ['latency threshold finer than a millisecond', { latencyThresholdSeconds: 0.7505 }, /latencyThresholdSeconds is 0.7505\. Valid: seconds from 0.001 to 3600/],
    ['window not in the azurerm list', { enumeration: { windowSeconds: 1200 } }, /enumeration.windowSeconds is 1200. Valid: one of 60 \(1 minute\), 300 \(5 minutes\), 600 \(10 minutes\), 900 \(15 minutes\)/],
    ['window not whole minutes', { enumeration: { windowSeconds: 330 } }, /enumeration.windowSeconds is 330\. Valid: one of 60/],
    ['window given in minutes by mistake', { enumeration: { windowSeconds: 15 } }, /enumeration.windowSeconds is 15\. Valid/],
    ['metric window', { capacity: { windowSeconds: 600 } }, /capacity.windowSeconds is 600. Valid: one of 60 \(1 minute\), 300 \(5 minutes\), 900 \(15 minutes\), 1800 \(30 minutes\), 3600 \(60 minutes\), 21600 \(360 minutes\), 43200 \(720 minutes\), 86400 \(1440 minutes\) seconds\./],
    ['frequency over window', { backendFailures: { windowSeconds: 300, frequencySeconds: 900 } }, /backendFailures.frequencySeconds is 900, longer than the 300-second window/],
    ['frequency not listed', { serverErrors: { frequencySeconds: 120 } }, /serverErrors.frequencySeconds is 120/],
    ['frequency fractional', { serverErrors: { frequencySeconds: 60.5 } }, /serverErrors.frequencySeconds is 60.5/],
    ['severity', { gateway5xx: { severity: 5 } }, /gateway5xx.severity is 5. Valid: a whole number from 0/],
    ['capacity over 100', { capacity: { threshold: 120 } }, /capacity.threshold is 120/],
    ['WAF tuning without gateway', { wafEvents: { threshold: 3 } }, /wafEvents is set without applicationGatewayId/],
    ['bad range', { excludedCallerRanges: ['10.0.0.0/33'] }, /excludedCallerRanges\[0\] '10.0.0.0\/33' is not an IPv4 address or CIDR range/],
    ['injection in a range', { excludedCallerRanges: ['10.0.0.1") or true'] }, /excludedCallerRanges\[0\]/],
    ['percentile', { latencyPercentile: 100 }, /latencyPercentile is 100/],
    ['control character in an API id', { latencyObjectives: [{ apiId: 'a\u0000b', thresholdSeconds: 0.1 }] }, /latencyObjectives\[0\].apiId contains a control character/],
    ['token API id', { latencyObjectives: [{ apiId: '${TfToken[TOKEN.9]}', thresholdSeconds: 0.1 }] }, /latencyObjectives\[0\].apiId is a token/],
    ['repeated API id', { latencyObjectives: [{ apiId: 'a', thresholdSeconds: 0.001 }, { apiId: 'a', thresholdSeconds: 0.002 }] }, /latencyObjectives\[1\].apiId repeats 'a'/],
    ['objective NaN', { latencyObjectives: [{ apiId: 'a', thresholdSeconds: NaN }] }, /latencyObjectives\[0\].thresholdSeconds is NaN/],
    ['objective finer than a millisecond', { latencyObjectives: [{ apiId: 'a', thresholdSeconds: 0.0005 }] }, /latencyObjectives\[0\].thresholdSeconds is 0.0005\. Valid: seconds from 0.001 to 3600, in steps of at least 0.001/],
    ['objective above an hour', { latencyObjectives: [{ apiId: 'a', thresholdSeconds: 3600.001 }] }, /latencyObjectives\[0\].thresholdSeconds is 3600.001/],
    ['objective zero', { latencyObjectives: [{ apiId: 'a', thresholdSeconds: 0 }] }, /latencyObjectives\[0\].thresholdSeconds is 0\./],
    ['bad operation', { additionalAuditedOperations: ['delete everything'] }, /additionalAuditedOperations\[0\] 'delete everything' is not an operation name/],
    ['repeated operation', { additionalAuditedOperations: ['Microsoft.KeyVault/vaults/delete'] }, /additionalAuditedOperations repeats/],
    ['empty scopes', { activityLogScopeIds: [] }, /activityLogScopeIds is empty/],
  ];

  test.each(cases)('%s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
    expect(() => build(props)).toThrow(/^test\/Monitoring: /);
  });

  test('extra operations and explicit scopes', () => {
    const { json } = build({ additionalAuditedOperations: ['Microsoft.Network/virtualNetworks/write'], activityLogScopeIds: ['/subscriptions/00000000-0000-0000-0000-000000000000'] });
    const configs = resourcesOf(json, ACTIVITY).map(([, c]) => c);
    expect(configs).toHaveLength(11);
    expect(configs.map((c) => block(c.criteria).operation_name)).toContain('Microsoft.Network/virtualNetworks/write');
    for (const c of configs) expect(c.scopes).toEqual(['/subscriptions/00000000-0000-0000-0000-000000000000']);
  });
});
