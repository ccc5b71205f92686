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
  title: 'Near-expiry of Key Vault secrets and certificates reaches responders: a log alert on the vault\'s near-expiry notifications routed to an action group, or an Event Grid subscription on the vault for those events',
  safeguard: HipaaSafeguard.PASSWORD_MANAGEMENT,
  control: 'Microsoft cloud security benchmark DP-7 (use a secure certificate management process: alert before expiry) and IM-8',
  fix: 'Create KeyVaultExpiryAlerts (SecureHealthcareApim does): a scheduled query alert, on the workspace the vault\'s diagnostic setting sends to, over AZKVAuditLogs '
    + 'OperationName SecretNearExpiryEventGridNotification / CertificateNearExpiryEventGridNotification with an action group, or an azurerm_eventgrid_system_topic on the vault with an event subscription for Microsoft.KeyVault.SecretNearExpiry and CertificateNearExpiry',
  resourceTypes: ['azurerm_key_vault'],
  check(r, stack) {
    const alerts = stack.ofType('azurerm_monitor_scheduled_query_rules_alert_v2');
    const workspaces = vaultWorkspaces(r, stack);
    const scopesOf = (a: ResourceView): unknown[] => (Array.isArray(a.config.scopes) ? a.config.scopes : []);
    if (alerts.some((a) => routedNearExpiryAlert(a) && scopesOf(a).some((w) => workspaces.includes(w)))) return undefined;
    if (eventSubscriptionsOn(r, stack).some(coversNearExpiry)) return undefined;
    const dynamic = alerts.find((a) => isExpression(block(a.config.criteria)?.query));
    if (dynamic) return new Unknown(`has no near-expiry routing known at synth: the query of ${dynamic.address} is an expression`);
    return 'has no route for near-expiry of its secrets and certificates: no log alert with an action group on its near-expiry notifications in the workspace its logs go to, '
      + 'and no Event Grid subscription for those events';
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

function eventSubscriptionsOn(vault: ResourceView, stack: StackView): ResourceView[] {
  const topics = stack.referencing(vault, 'azurerm_eventgrid_system_topic').filter((t) => String(t.config.topic_type).toLowerCase() === 'microsoft.keyvault.vaults');
  return topics.flatMap((t) => stack.referencing(t, 'azurerm_eventgrid_system_topic_event_subscription'));
}

function coversNearExpiry(subscription: ResourceView): boolean {
  if (!ENDPOINTS.some((k) => subscription.config[k] !== undefined)) return false;
  const types = subscription.config.included_event_types;
  if (types === undefined) return true;
  return Array.isArray(types) && ['Microsoft.KeyVault.SecretNearExpiry', 'Microsoft.KeyVault.CertificateNearExpiry'].every((t) => types.includes(t));
}
