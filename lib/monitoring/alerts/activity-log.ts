/** One audited control-plane operation: an activity-log alert per operation. */
export interface AuditedOperation {
  /** Stable id, also the suffix of the alert name. */
  readonly id: string;
  /** The Azure resource provider operation, e.g. `Microsoft.ApiManagement/service/delete`. */
  readonly operationName: string;
  /** Why it matters. */
  readonly description: string;
}

/**
 * Control-plane changes that remove or weaken a safeguard: deleting the gateway or the vault,
 * changing or removing diagnostic settings (logs stop), role assignments (who can do what) and
 * the WAF policy. Names from the Azure resource provider operations list.
 */
export const AUDITED_OPERATIONS: AuditedOperation[] = [
  { id: 'apim-delete', operationName: 'Microsoft.ApiManagement/service/delete', description: 'The API Management instance was deleted.' },
  { id: 'apim-write', operationName: 'Microsoft.ApiManagement/service/write', description: 'The API Management instance was created or changed (network, TLS, identity, SKU).' },
  { id: 'key-vault-delete', operationName: 'Microsoft.KeyVault/vaults/delete', description: 'A Key Vault was deleted.' },
  { id: 'key-vault-write', operationName: 'Microsoft.KeyVault/vaults/write', description: 'A Key Vault was created or changed (firewall, purge protection, RBAC).' },
  { id: 'diagnostic-settings-write', operationName: 'Microsoft.Insights/diagnosticSettings/write', description: 'A diagnostic setting was created or changed: logs may no longer reach the workspace.' },
  { id: 'diagnostic-settings-delete', operationName: 'Microsoft.Insights/diagnosticSettings/delete', description: 'A diagnostic setting was deleted: logs no longer reach the workspace.' },
  { id: 'role-assignment-write', operationName: 'Microsoft.Authorization/roleAssignments/write', description: 'A role assignment was created.' },
  { id: 'role-assignment-delete', operationName: 'Microsoft.Authorization/roleAssignments/delete', description: 'A role assignment was deleted.' },
  { id: 'waf-policy-write', operationName: 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/write', description: 'A WAF policy was created or changed (mode, rules, exclusions).' },
  { id: 'waf-policy-delete', operationName: 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/delete', description: 'A WAF policy was deleted.' },
];

/** `Microsoft.<Provider>/<type>[/<type>...]/<verb>`. */
export const OPERATION_NAME = /^Microsoft\.[A-Za-z]+(?:\/[A-Za-z]+)+\/(?:write|delete|action)$/;
