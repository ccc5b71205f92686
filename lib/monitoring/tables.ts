import { KqlTable } from './kql';

/**
 * The columns the alert queries read, with their types from the Azure Monitor table
 * reference (learn.microsoft.com/azure/azure-monitor/reference/tables/...). Resource-specific
 * tables: they exist only when the diagnostic setting uses
 * `log_analytics_destination_type = "Dedicated"`, as `AuditLogging.sendResourceLogs` does.
 */
export const API_MANAGEMENT_GATEWAY_LOGS: KqlTable = {
  name: 'ApiManagementGatewayLogs',
  columns: {
    TimeGenerated: 'datetime',
    ApiId: 'string',
    OperationId: 'string',
    ProductId: 'string',
    ApimSubscriptionId: 'string',
    UserId: 'string',
    CallerIpAddress: 'string',
    RequestHeaders: 'dynamic',
    Method: 'string',
    Url: 'string',
    ResponseCode: 'int',
    BackendResponseCode: 'int',
    IsRequestSuccess: 'bool',
    TotalTime: 'long',
    BackendTime: 'long',
    LastErrorSource: 'string',
    LastErrorReason: 'string',
    LastErrorMessage: 'string',
  },
};

/** Application Gateway WAF log (resource-specific `AGWFirewallLogs`). */
export const AGW_FIREWALL_LOGS: KqlTable = {
  name: 'AGWFirewallLogs',
  columns: {
    TimeGenerated: 'datetime',
    Action: 'string',
    ClientIp: 'string',
    RuleId: 'string',
    RequestUri: 'string',
    Hostname: 'string',
    Message: 'string',
    TransactionId: 'string',
  },
};

/**
 * Security alerts (`SecurityAlert`, Azure Monitor table reference): Microsoft Defender for
 * Cloud alerts (Defender for APIs among them) reach the workspace through Defender's
 * continuous export to it, or Microsoft Sentinel on it.
 */
export const SECURITY_ALERT: KqlTable = {
  name: 'SecurityAlert',
  columns: {
    TimeGenerated: 'datetime',
    AlertName: 'string',
    AlertSeverity: 'string',
    AlertType: 'string',
    ProviderName: 'string',
    ProductName: 'string',
    CompromisedEntity: 'string',
    ResourceId: 'string',
    Status: 'string',
    SystemAlertId: 'string',
  },
};

/**
 * Entra ID interactive sign-ins (`SigninLogs`), sent by `azurerm_monitor_aad_diagnostic_setting`
 * category `SignInLogs`. `ResultType` is a string: "0" is a successful sign-in, anything else an
 * error code (e.g. "50126", invalid username or password).
 */
export const SIGNIN_LOGS: KqlTable = {
  name: 'SigninLogs',
  columns: {
    TimeGenerated: 'datetime',
    ResultType: 'string',
    ResultDescription: 'string',
    AppId: 'string',
    AppDisplayName: 'string',
    ResourceIdentity: 'string',
    ResourceDisplayName: 'string',
    IPAddress: 'string',
    UserPrincipalName: 'string',
  },
};

/**
 * Key Vault audit log (resource-specific `AZKVAuditLogs`), sent by a diagnostic setting with
 * `log_analytics_destination_type = "Dedicated"`. Besides every REST call, it records the Event
 * Grid notifications the vault publishes (`SecretNearExpiryEventGridNotification`, …), whether
 * or not an event subscription exists.
 */
export const AZKV_AUDIT_LOGS: KqlTable = {
  name: 'AZKVAuditLogs',
  columns: {
    TimeGenerated: 'datetime',
    OperationName: 'string',
    ResultType: 'string',
    Id: 'string',
    RequestUri: 'string',
    CallerIpAddress: 'string',
    _ResourceId: 'string',
  },
};
