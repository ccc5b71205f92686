/** SecureHealthcareApim's detect-and-respond wiring: SecurityMonitoring and the Defender plans, on by default, with named opt-outs. */
import * as fs from 'fs';
import * as path from 'path';
import { Fn, TerraformStack, Testing } from 'cdktf';
import { ApimSku, DefenderPlans, HealthcareCompliance, ProtectedApi, SecureHealthcareApim, SecureHealthcareApimProps } from '../../lib';
import { FAILED_SIGN_INS_DEFAULTS } from '../../lib/monitoring/alerts/entra';
import * as gateway from '../../lib/monitoring/alerts/gateway';
import { LATENCY_DEFAULTS } from '../../lib/monitoring/alerts/latency';
import * as metric from '../../lib/monitoring/alerts/metric';
import { WAF_EVENTS_DEFAULTS } from '../../lib/monitoring/alerts/waf';
import { apiCollectionTemplate, API_COLLECTIONS_API_VERSION } from '../../lib/monitoring/defender-plans';
import { ResolvedTuning } from '../../lib/monitoring/tuning';
import { PATIENTS, PLATFORM_PROPS } from '../api/fixtures';
import { annotationsOf, block, blocks, errorsUnder, newStack, resourcesOf, synthJson } from '../util/synth';

const GROUP = 'azurerm_monitor_action_group';
const LOG = 'azurerm_monitor_scheduled_query_rules_alert_v2';
const METRIC = 'azurerm_monitor_metric_alert';
const ACTIVITY = 'azurerm_monitor_activity_log_alert';
const PRICING = 'azurerm_security_center_subscription_pricing';
const DEPLOYMENT = 'azurerm_resource_group_template_deployment';

function platform(props: Partial<SecureHealthcareApimProps> = {}, stack: TerraformStack = newStack()) {
  const p = new SecureHealthcareApim(stack, 'Platform', { ...PLATFORM_PROPS, ...props });
  return { stack, platform: p, json: () => synthJson(stack) };
}

function routes(type: string, config: any): string[] {
  if (type === LOG) return block(config.action).action_groups;
  return blocks(config.action).map((a: any) => a.action_group_id);
}

describe('monitoring is on by default', () => {
  const { platform: p, json: synth } = platform();
  const json = synth();

  test('the platform exposes the monitoring, over its workspace, instance and edge', () => {
    expect(p.monitoring).toBeDefined();
    const ids = p.monitoring!.alerts.map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining(['failed-auth-by-caller', 'waf-events', 'appgw-unhealthy-hosts', 'role-assignment-write']));
    for (const [, alert] of resourcesOf(json, LOG)) expect(alert.scopes).toEqual([expect.stringMatching(/^\$\{azurerm_log_analytics_workspace\.Platform_AuditLogging_Workspace_\w+\.id\}$/)]);
    const metricScopes = resourcesOf(json, METRIC).map(([, m]) => m.scopes[0]);
    expect(metricScopes).toEqual(expect.arrayContaining([expect.stringMatching(/azurerm_api_management\.Platform_Apim_\w+\.id/), expect.stringMatching(/azurerm_application_gateway\.Platform_Edge_\w+\.id/)]));
  });

  test('one action group e-mails the publisher (the default security contact); every alert routes to it', () => {
    const groups = resourcesOf(json, GROUP);
    expect(groups).toHaveLength(1);
    expect(blocks(groups[0][1].email_receiver)).toEqual([{ name: 'security-contact-1', email_address: 'api-team@contoso-health.example', use_common_alert_schema: true }]);
    const group = `\${${GROUP}.${groups[0][0]}.id}`;
    for (const type of [LOG, METRIC, ACTIVITY]) {
      expect(resourcesOf(json, type).length).toBeGreaterThan(0);
      for (const [, c] of resourcesOf(json, type)) expect(routes(type, c)).toEqual([group]);
    }
    for (const alert of p.monitoring!.alerts) expect(alert.actionGroupIds).toEqual([p.monitoring!.actionGroupId]);
  });

  test('activity-log alerts watch the platform resource group, by plain references', () => {
    for (const [, c] of resourcesOf(json, ACTIVITY)) {
      expect(c.scopes).toEqual([expect.stringMatching(/^\/subscriptions\/\$\{data\.azurerm_client_config\.Platform_Client_\w+\.subscription_id\}\/resourceGroups\/rg-health$/)]);
    }
  });

  test('the log alerts read tables that exist: APIM and the Application Gateway send resource-specific (Dedicated) logs', () => {
    const settings = resourcesOf(json, 'azurerm_monitor_diagnostic_setting').map(([, s]) => s);
    for (const target of [/azurerm_api_management\.Platform_Apim_/, /azurerm_application_gateway\.Platform_Edge_/]) {
      const s = settings.find((x) => target.test(x.target_resource_id));
      expect(s).toMatchObject({ log_analytics_destination_type: 'Dedicated', enabled_log: [{ category_group: 'allLogs' }] });
    }
  });

  test('Defender for APIs, Key Vault and Resource Manager are on', () => {
    const plans = resourcesOf(json, PRICING).map(([, c]) => c);
    expect(plans).toEqual(expect.arrayContaining([
      { resource_type: 'Api', tier: 'Standard', subplan: 'P1' },
      { resource_type: 'KeyVaults', tier: 'Standard', subplan: 'PerKeyVault' },
      { resource_type: 'Arm', tier: 'Standard', subplan: 'PerSubscription' },
    ]));
    expect(plans).toHaveLength(3);
    expect(p.defenderPlans).toBeDefined();
  });

  test('the per-caller alerts see the real client behind the edge: the Azure Monitor diagnostic logs X-Forwarded-For (and nothing else)', () => {
    const diagnostics = Object.fromEntries(resourcesOf(json, 'azurerm_api_management_diagnostic').map(([, d]) => [d.identifier, d]));
    expect(block(diagnostics.azuremonitor.frontend_request).headers_to_log).toEqual(['X-Forwarded-For']);
    expect(block(diagnostics.applicationinsights.frontend_request).headers_to_log).toEqual([]);
    for (const part of ['frontend_response', 'backend_request', 'backend_response']) expect(block(diagnostics.azuremonitor[part]).headers_to_log).toEqual([]);
    const [, caller] = resourcesOf(json, LOG).find(([, a]) => a.name.includes('failed-auth-by-caller'))!;
    expect(block(caller.criteria).query).toMatch(/extend ClientIp = coalesce\(extract\(.*RequestHeaders\["X-Forwarded-For"\].*CallerIpAddress\)/);
  });

  test('a public gateway does not log X-Forwarded-For, which its callers could write themselves', () => {
    const publicJson = platform({ acknowledgePublicGateway: true, sku: ApimSku.developer() }).json();
    const azuremonitor = resourcesOf(publicJson, 'azurerm_api_management_diagnostic').map(([, d]) => d).find((d) => d.identifier === 'azuremonitor');
    expect(block(azuremonitor.frontend_request).headers_to_log).toEqual([]);
  });

  test('the security workbook over the workspace is there too', () => {
    const [, workbook] = resourcesOf(json, 'azurerm_application_insights_workbook')[0];
    expect(workbook.source_id).toMatch(/^\$\{lower\(azurerm_log_analytics_workspace\./);
    expect(resourcesOf(json, 'azurerm_application_insights_workbook')).toHaveLength(1);
  });

  test('no warning, and no Entra ID diagnostic setting (tenant-level, off by default)', () => {
    expect(annotationsOf(p, 'warn')).toEqual([]);
    expect(annotationsOf(p.monitoring!, 'warn')).toEqual([]);
    expect(resourcesOf(json, 'azurerm_monitor_aad_diagnostic_setting')).toEqual([]);
  });
});

describe('monitoring props', () => {
  test('securityContactEmails replaces the publisher e-mail', () => {
    const json = platform({ securityContactEmails: ['soc@contoso-health.example', 'ciso@contoso-health.example'] }).json();
    expect(blocks(resourcesOf(json, GROUP)[0][1].email_receiver).map((r: any) => r.email_address)).toEqual(['soc@contoso-health.example', 'ciso@contoso-health.example']);
  });

  test('monitoring tunes the alerts and adds SIEM receivers', () => {
    const { platform: p, json } = platform({
      monitoring: {
        failedAuthenticationByCaller: { threshold: 5 },
        webhookUrls: ['https://siem.example/hook'],
        eventHubReceiver: { eventHubNamespace: 'sentinel-ns', eventHubName: 'alerts' },
      },
    });
    const config = json();
    const group = resourcesOf(config, GROUP)[0][1];
    expect(blocks(group.webhook_receiver)).toEqual([{ name: 'webhook-1', service_uri: 'https://siem.example/hook', use_common_alert_schema: true }]);
    expect(blocks(group.event_hub_receiver)).toEqual([expect.objectContaining({ event_hub_namespace: 'sentinel-ns', event_hub_name: 'alerts' })]);
    expect(p.monitoring!.alerts.find((a) => a.id === 'failed-auth-by-caller')!.query).toMatch(/FailedRequests >= 5$/);
  });

  test('an existing action group: none created, every alert routes to it', () => {
    const existing = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-soc/providers/Microsoft.Insights/actionGroups/soc';
    const { platform: p, json } = platform({ monitoring: { existingActionGroupId: existing } });
    const config = json();
    expect(resourcesOf(config, GROUP)).toEqual([]);
    for (const type of [LOG, METRIC, ACTIVITY]) for (const [, c] of resourcesOf(config, type)) expect(routes(type, c)).toEqual([existing]);
    expect(p.monitoring!.actionGroup).toBeUndefined();
  });

  test('without an edge there is no WAF or unhealthy-host alert', () => {
    const { platform: p } = platform({ acknowledgePublicGateway: true });
    expect(p.monitoring!.alerts.map((a) => a.id)).not.toEqual(expect.arrayContaining(['waf-events']));
    expect(p.monitoring!.alerts.map((a) => a.id)).not.toContain('appgw-unhealthy-hosts');
  });

  test('entraIdLogs: the tenant diagnostic setting and the failed sign-in alert, routed to the action group', () => {
    const appId = '11111111-2222-3333-4444-555555555555';
    const { platform: p, json } = platform({ monitoring: { entraIdLogs: true, entraIdAppIds: [appId] } });
    const config = json();
    const [[, setting]] = resourcesOf(config, 'azurerm_monitor_aad_diagnostic_setting');
    expect(setting).toMatchObject({ name: 'contoso-health-apim-entra-id-to-log-analytics', enabled_log: [{ category: 'SignInLogs' }, { category: 'AuditLogs' }] });
    expect(setting.log_analytics_workspace_id).toMatch(/azurerm_log_analytics_workspace\.Platform_AuditLogging_Workspace_/);
    const alert = p.monitoring!.alerts.find((a) => a.id === 'entra-failed-sign-ins')!;
    expect(alert.query).toContain(`AppId in ("${appId}")`);
    expect(alert.actionGroupIds).toEqual([p.monitoring!.actionGroupId]);
  });

  test('errors name the platform prop', () => {
    expect(() => platform({ securityContactEmails: [] })).toThrow(/test\/Platform: securityContactEmails is empty/);
    expect(() => platform({ securityContactEmails: ['not-an-email'] })).toThrow(/test\/Platform: securityContactEmails\[0\]/);
    expect(() => platform({ monitoring: { throttling: { windowSeconds: 420 } } })).toThrow(/test\/Platform: monitoring\.throttling\.windowSeconds is 420/);
    expect(() => platform({ monitoring: { entraIdAppIds: ['x'] } })).toThrow(/monitoring\.entraIdAppIds is set without entraIdLogs/);
    expect(() => platform({ monitoring: { entraIdLogs: true, entraIdAppIds: ['x'] } })).toThrow(/monitoring\.entraIdAppIds\[0\] 'x' is not a GUID/);
    expect(() => platform({ securityContactEmails: ['a@b.example'], monitoring: { existingActionGroupId: 'x' } })).toThrow(/securityContactEmails is set together with monitoring\.existingActionGroupId/);
    expect(() => platform({ acknowledgeNoSecurityMonitoring: true, monitoring: {} })).toThrow(/monitoring is set together with acknowledgeNoSecurityMonitoring/);
    expect(() => platform({ acknowledgeDefenderManagedCentrally: true, defenderPlans: {} })).toThrow(/defenderPlans is set together with acknowledgeDefenderManagedCentrally/);
    expect(() => platform({ defenderPlans: { apiSubplan: 'P9' } })).toThrow(/test\/Platform: defenderPlans\.apiSubplan is 'P9'/);
    expect(() => platform({ acknowledgeNoSecurityMonitoring: 'yes' as any })).toThrow(/acknowledgeNoSecurityMonitoring/);
  });

  test('Consumption: no Capacity metric alert (the tier has no Capacity metric), and no Defender for APIs onboarding', () => {
    const { platform: p } = platform({ sku: ApimSku.consumption(), acknowledgeNoNetworkIsolation: true });
    expect(p.monitoring!.alerts.map((a) => a.id)).not.toContain('apim-capacity');
    expect(p.monitoring!.alerts.map((a) => a.id)).toContain('apim-gateway-5xx');
    expect(() => p.onboardApiToDefender('patients-v1')).toThrow(/onboardApiToDefender is called for Consumption_0, which Defender for APIs does not support/);
    expect(() => platform({ sku: ApimSku.consumption(), acknowledgeNoNetworkIsolation: true, monitoring: { capacity: { threshold: 50 } } }))
      .toThrow(/monitoring\.capacity is set, but the instance reports no Capacity metric/);
  });

  test('a token platform name falls back to a fixed alert prefix', () => {
    const { platform: p } = platform({ name: Fn.lower('contoso-health-apim'), keyVaultName: 'contoso-kv', acknowledgePublicGateway: true, sku: ApimSku.developer() });
    expect(p.monitoring!.alerts[0].name).toMatch(/^apim-/);
  });
});

describe('named opt-outs leave warnings', () => {
  test('acknowledgeNoSecurityMonitoring: no action group, no alert, the monitoring rules accepted on the platform', () => {
    const { platform: p, json } = platform({ acknowledgeNoSecurityMonitoring: true });
    const config = json();
    for (const type of [GROUP, LOG, METRIC, ACTIVITY, 'azurerm_application_insights_workbook']) expect(resourcesOf(config, type)).toEqual([]);
    expect(p.monitoring).toBeUndefined();
    expect(annotationsOf(p, 'warn')).toEqual([expect.stringMatching(/^\[security opt-out: acknowledgeNoSecurityMonitoring\] no security alerts, no action group and no security workbook/)]);
    expect(annotationsOf(p, 'info')).toEqual(['MONITOR-ACTION-GROUP', 'MONITOR-FAILED-AUTH-ALERT', 'MONITOR-ADMIN-ACTIVITY-ALERT', 'KV-NEAR-EXPIRY-ROUTING']
      .map((id) => expect.stringMatching(new RegExp(`^\\[hipaa-suppressed: ${id}\\] Accepted through the named opt-out acknowledgeNoSecurityMonitoring`))));
  });

  test('acknowledgeDefenderManagedCentrally: no plan resource, DEFENDER-FOR-APIS accepted', () => {
    const { platform: p, json } = platform({ acknowledgeDefenderManagedCentrally: true });
    expect(resourcesOf(json(), PRICING)).toEqual([]);
    expect(p.defenderPlans).toBeUndefined();
    expect(annotationsOf(p, 'warn')).toEqual([expect.stringMatching(/^\[security opt-out: acknowledgeDefenderManagedCentrally\] the Defender for APIs, Key Vault and Resource Manager plans are not managed here/)]);
    expect(annotationsOf(p, 'info')).toEqual([expect.stringMatching(/^\[hipaa-suppressed: DEFENDER-FOR-APIS\]/)]);
  });

  test('per-alert opt-outs pass through with their warning; disabling both failed-auth alerts accepts MONITOR-FAILED-AUTH-ALERT', () => {
    const off = { acknowledgeDisabled: true };
    const { platform: p } = platform({ monitoring: { failedAuthenticationByCaller: off, failedAuthenticationByApi: off } });
    expect(annotationsOf(p.monitoring!, 'warn')).toEqual([
      expect.stringContaining('[security opt-out: failedAuthenticationByCaller.acknowledgeDisabled]'),
      expect.stringContaining('[security opt-out: failedAuthenticationByApi.acknowledgeDisabled]'),
    ]);
    expect(annotationsOf(p, 'info')).toEqual([expect.stringMatching(/^\[hipaa-suppressed: MONITOR-FAILED-AUTH-ALERT\]/)]);
  });

  test('acknowledgeNoActivityLogAlerts accepts MONITOR-ADMIN-ACTIVITY-ALERT', () => {
    const { platform: p, json } = platform({ monitoring: { acknowledgeNoActivityLogAlerts: true } });
    expect(resourcesOf(json(), ACTIVITY)).toEqual([]);
    expect(annotationsOf(p, 'info')).toEqual([expect.stringMatching(/^\[hipaa-suppressed: MONITOR-ADMIN-ACTIVITY-ALERT\]/)]);
  });
});

describe('Defender plans are per-subscription singletons', () => {
  test('two platforms of one stack both managing them fail at synth', () => {
    const stack = newStack();
    platform({}, stack);
    new SecureHealthcareApim(stack, 'Second', { ...PLATFORM_PROPS, name: 'contoso-health-apim2', keyVaultName: 'contoso-kv2' });
    expect(() => Testing.fullSynth(stack)).toThrow(/acknowledgeDefenderManagedCentrally is unset, but .*also manages the subscription's Defender plans/);
  });

  test('with the opt-out on the second, it synthesizes', () => {
    const stack = newStack();
    platform({}, stack);
    new SecureHealthcareApim(stack, 'Second', { ...PLATFORM_PROPS, name: 'contoso-health-apim2', keyVaultName: 'contoso-kv2', acknowledgeDefenderManagedCentrally: true });
    Testing.synth(stack);
    expect(errorsUnder(stack).filter((e) => /Defender/.test(e))).toEqual([]);
  });
});

describe('onboardApiToDefender', () => {
  test('every ProtectedApi onboards itself: an apiCollections deployment on the instance, after the plan and the API', () => {
    const stack = newStack();
    const { platform: p } = platform({}, stack);
    const api = new ProtectedApi(stack, 'Patients', { platform: p, ...PATIENTS });
    // Calling it again returns the same onboarding.
    expect(p.onboardApiToDefender(api.apiName, api)).toBe(p.onboardApiToDefender(api.apiName, api));
    const json = synthJson(stack);
    expect(resourcesOf(json, DEPLOYMENT).filter(([id]) => id.includes('DefenderApi'))).toHaveLength(1);
    const [, deployment] = resourcesOf(json, DEPLOYMENT).find(([id]) => id.includes('DefenderApi'))!;
    expect(deployment.name).toBe(`defender-api-${api.apiName}`);
    expect(api.apiName).toBe('patients-v1');
    expect(deployment.deployment_mode).toBe('Incremental');
    expect(JSON.parse(deployment.template_content)).toEqual(apiCollectionTemplate());
    expect(JSON.parse(deployment.parameters_content)).toEqual({ serviceName: { value: expect.stringMatching(/azurerm_api_management\.Platform_Apim_\w+\.name/) }, apiName: { value: 'patients-v1' } });
    expect(deployment.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^azurerm_security_center_subscription_pricing\.Platform_DefenderPlans_Api_/), expect.stringMatching(/^azurerm_api_management_api\.Patients_/)]));
    expect(apiCollectionTemplate()).toMatchObject({ resources: [{ type: 'Microsoft.Security/apiCollections', apiVersion: API_COLLECTIONS_API_VERSION, name: "[parameters('apiName')]" }] });
    expect(API_COLLECTIONS_API_VERSION).toBe('2023-11-15');
  });

  test('with the plans managed centrally, a ProtectedApi is not onboarded unless asked', () => {
    const stack = newStack();
    const { platform: p } = platform({ acknowledgeDefenderManagedCentrally: true }, stack);
    const api = new ProtectedApi(stack, 'Patients', { platform: p, ...PATIENTS });
    expect(resourcesOf(synthJson(stack), DEPLOYMENT).filter(([id]) => id.includes('DefenderApi'))).toEqual([]);
    p.onboardApiToDefender(api.apiName, api);
    expect(resourcesOf(synthJson(stack), DEPLOYMENT).filter(([id]) => id.includes('DefenderApi'))).toHaveLength(1);
  });

  test('refuses a name Defender refuses', () => {
    const { platform: p } = platform();
    expect(() => p.onboardApiToDefender('a:b')).toThrow(/apiName 'a:b' is not a valid API collection name/);
  });

  test('the compliance pack passes on the default platform with its monitoring', () => {
    const stack = newStack();
    const { platform: p } = platform({}, stack);
    const report = HealthcareCompliance.of(stack).report();
    for (const id of ['MONITOR-ACTION-GROUP', 'MONITOR-FAILED-AUTH-ALERT', 'MONITOR-ADMIN-ACTIVITY-ALERT', 'DEFENDER-FOR-APIS']) {
      expect(report.rules.find((r) => r.id === id)?.status).toBe('pass');
    }
    expect(report.rules.find((r) => r.id === 'FHIR-AUDIT-LOGS')?.status).toBe('not-applicable');
    expect(p.monitoring).toBeDefined();
  });
});

describe('the README thresholds table follows lib/monitoring', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const defaults: Array<[string, ResolvedTuning]> = [
    ['failedAuthenticationByCaller', gateway.FAILED_AUTH_BY_CALLER_DEFAULTS], ['failedAuthenticationByApi', gateway.FAILED_AUTH_BY_API_DEFAULTS],
    ['throttling', gateway.THROTTLING_DEFAULTS], ['serverErrors', gateway.SERVER_ERRORS_DEFAULTS], ['backendFailures', gateway.BACKEND_FAILURES_DEFAULTS],
    ['latency', LATENCY_DEFAULTS], ['enumeration', gateway.ENUMERATION_DEFAULTS], ['wafEvents', WAF_EVENTS_DEFAULTS],
    ['capacity', metric.CAPACITY_DEFAULTS], ['gateway5xx', metric.GATEWAY_5XX_DEFAULTS], ['unhealthyHosts', metric.UNHEALTHY_HOSTS_DEFAULTS],
    ['failedSignIns', FAILED_SIGN_INS_DEFAULTS],
  ];
  test.each(defaults)('%s', (prop, t) => {
    const row = readme.split('\n').find((l) => l.startsWith(`| \`${prop}\` |`));
    expect(row).toBeDefined();
    // The latency threshold is a duration: the README gives it in seconds, the query compares milliseconds.
    const threshold = prop === 'latency' ? String(t.threshold / 1000) : String(t.threshold);
    expect(row!.split('|').slice(-5, -1).map((c) => c.trim())).toEqual([threshold, `${t.windowMinutes} min`, `${t.frequencyMinutes} min`, String(t.severity)]);
  });
});

describe('DefenderPlans on its own', () => {
  test('defaults, sub-plans and validation', () => {
    const stack = newStack();
    const plans = new DefenderPlans(stack, 'Defender', { apiSubplan: 'P3', keyVaultSubplan: 'PerTransaction' });
    const json = synthJson(stack);
    const byType = Object.fromEntries(resourcesOf(json, PRICING).map(([, c]) => [c.resource_type, c]));
    expect(byType).toEqual({
      Api: { resource_type: 'Api', tier: 'Standard', subplan: 'P3' },
      KeyVaults: { resource_type: 'KeyVaults', tier: 'Standard', subplan: 'PerTransaction' },
      Arm: { resource_type: 'Arm', tier: 'Standard', subplan: 'PerSubscription' },
    });
    const onboarding = plans.onboardApi('Onboard', { apimName: 'hc-apim', resourceGroupName: 'rg-hc', apiName: 'patients-v1' });
    expect(onboarding.node.path).toBe('test/Defender/Onboard');
    expect(() => new DefenderPlans(newStack(), 'D', { apiSubplan: 'Standard' })).toThrow(/apiSubplan is 'Standard'\. Valid: P1, P2, P3, P4, P5/);
    expect(() => new DefenderPlans(newStack(), 'D', { resourceManagerSubplan: 'per call' })).toThrow(/resourceManagerSubplan is 'per call'/);
    expect(() => plans.onboardApi('Token', { apimName: 'hc-apim', resourceGroupName: 'rg-hc', apiName: Fn.lower('X') })).toThrow(/deploymentName is needed when the API name is a token/);
  });
});
