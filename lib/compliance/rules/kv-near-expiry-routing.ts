import { RuleCategory } from '../category';
import { block, blocks, HipaaRule, isExpression, ResourceView, StackView, Unknown } from '../rule';
import { HipaaSafeguard } from '../safeguard';

/** The Key Vault audit-log operations that record near-expiry notifications. */
const NEAR_EXPIRY_LOGGED = /(Secret|Certificate)NearExpiryEventGridNotification/;
/** Endpoint attributes of an Event Grid system topic event subscription. */
const ENDPOINTS = ['azure_function_endpoint', 'eventhub_endpoint_id', 'hybrid_connection_endpoint_id', 'service_bus_queue_endpoint_id',
  'service_bus_topic_endpoint_id', 'storage_queue_endpoint', 'webhook_endpoint'];

export const KV_NEAR_EXPIRY_ROUTING: HipaaRule = {
  id: 'KV-NEAR-EXPIRY-ROUTING',
  category: RuleCategory.HIPAA,
  title: 'Near-expiry of Key Vault secrets and certificates reaches responders: an Event Grid subscription on the vault\'s system topic for those events, to an endpoint '
    + 'or to an action group (Key Vault raises them only while a subscription exists, so a log alert on the audit log alone never fires)',
  safeguard: HipaaSafeguard.PASSWORD_MANAGEMENT,
  control: 'Microsoft cloud security benchmark DP-7 (use a secure certificate management process: alert before expiry) and IM-8',
  fix: 'Create KeyVaultExpiryAlerts (SecureHealthcareApim does): an azurerm_eventgrid_system_topic on the vault with an event subscription for '
    + 'Microsoft.KeyVault.SecretNearExpiry and CertificateNearExpiry, to the action group through the MonitorAlert destination (an ARM template deployment) or to an endpoint; '
    + 'a log alert over AZKVAuditLogs …NearExpiryEventGridNotification is a second path, not a route on its own',
  resourceTypes: ['azurerm_key_vault'],
  check(r, stack) {
    if (eventSubscriptionsOn(r, stack).some(coversNearExpiry)) return undefined;
    const deployments = topicsOn(r, stack).flatMap((t) => stack.referencing(t, 'azurerm_resource_group_template_deployment'));
    if (deployments.some(alertsActionGroup)) return undefined;
    const dynamicTypes = eventSubscriptionsOn(r, stack).find((s) => isExpression(s.config.included_event_types));
    if (dynamicTypes) return new Unknown(`has no near-expiry route known at synth: the included_event_types of ${dynamicTypes.address} are an expression`);
    const dynamicTemplate = deployments.find((d) => isExpression(d.config.template_content));
    if (dynamicTemplate) return new Unknown(`has no near-expiry route known at synth: the template_content of ${dynamicTemplate.address} is an expression`);
    const workspaces = vaultWorkspaces(r, stack);
    const scopesOf = (a: ResourceView): unknown[] => (Array.isArray(a.config.scopes) ? a.config.scopes : []);
    const logAlert = stack.ofType('azurerm_monitor_scheduled_query_rules_alert_v2').find((a) => routedNearExpiryAlert(a) && scopesOf(a).some((w) => workspaces.includes(w)));
    if (logAlert) {
      return `has a log alert on its near-expiry notifications (${logAlert.address}) but no Event Grid subscription on its system topic for Microsoft.KeyVault.SecretNearExpiry `
        + 'and CertificateNearExpiry: Key Vault raises (and logs) those notifications only while a subscription exists, so the alert never fires';
    }
    return 'has no route for near-expiry of its secrets and certificates: no Event Grid subscription on its system topic for Microsoft.KeyVault.SecretNearExpiry and CertificateNearExpiry';
  },
};

function routedNearExpiryAlert(alert: ResourceView): boolean {
  const query = block(alert.config.criteria)?.query;
  if (typeof query !== 'string' || !NEAR_EXPIRY_LOGGED.test(query) || alert.config.enabled === false) return false;
  return blocks(alert.config.action).some((a) => (Array.isArray(a.action_groups) ? a.action_groups.length > 0 : a.action_groups !== undefined));
}

/** The workspaces the vault's diagnostic settings send its logs to. */
function vaultWorkspaces(vault: ResourceView, stack: StackView): unknown[] {
  return stack.referencing(vault, 'azurerm_monitor_diagnostic_setting')
    .filter((d) => typeof d.config.target_resource_id === 'string' && d.config.target_resource_id.includes(`${vault.address}.`))
    .map((d) => d.config.log_analytics_workspace_id)
    .filter((w) => w !== undefined);
}

function topicsOn(vault: ResourceView, stack: StackView): ResourceView[] {
  return stack.referencing(vault, 'azurerm_eventgrid_system_topic').filter((t) => String(t.config.topic_type).toLowerCase() === 'microsoft.keyvault.vaults');
}

function eventSubscriptionsOn(vault: ResourceView, stack: StackView): ResourceView[] {
  return topicsOn(vault, stack).flatMap((t) => stack.referencing(t, 'azurerm_eventgrid_system_topic_event_subscription'));
}

/** An ARM deployment of an event subscription whose destination is an Azure Monitor alert to action groups, for the near-expiry events. */
function alertsActionGroup(deployment: ResourceView): boolean {
  const template = deployment.config.template_content;
  if (typeof template !== 'string') return false;
  let parsed: any;
  try {
    parsed = JSON.parse(template);
  } catch {
    return false;
  }
  const resources: any[] = Array.isArray(parsed?.resources) ? parsed.resources : [];
  return resources.some((res) => /^Microsoft\.EventGrid\/systemTopics\/eventSubscriptions$/i.test(String(res?.type))
    && res.properties?.destination?.endpointType === 'MonitorAlert'
    && Array.isArray(res.properties.destination.properties?.actionGroups) && res.properties.destination.properties.actionGroups.length > 0
    && ['Microsoft.KeyVault.SecretNearExpiry', 'Microsoft.KeyVault.CertificateNearExpiry'].every((t) => (res.properties.filter?.includedEventTypes ?? []).includes(t)));
}

function coversNearExpiry(subscription: ResourceView): boolean {
  if (!ENDPOINTS.some((k) => subscription.config[k] !== undefined)) return false;
  const types = subscription.config.included_event_types;
  if (types === undefined) return true;
  return Array.isArray(types) && ['Microsoft.KeyVault.SecretNearExpiry', 'Microsoft.KeyVault.CertificateNearExpiry'].every((t) => types.includes(t));
}
