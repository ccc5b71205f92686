/** Run-time types of the platform's own props. Internal. */
import { T } from '../core/validation';

/** DeveloperPortalSignIn (the secret's own check explains a literal). */
export const PORTAL_SIGN_IN_TYPES = T.props({ clientId: T.str, clientSecret: T.refused, clientSecretName: T.refused });

/** The props of SecureHealthcareApimProps; test/prop-keys.test.ts keeps the list equal to the jsii assembly's. */
export const SECURE_HEALTHCARE_APIM_PROP_KEYS: ReadonlyArray<string> = [
  'acknowledgeDefenderManagedCentrally', 'acknowledgeExternallyManagedEdge', 'acknowledgeKeyVaultEventsHandledCentrally',
  'acknowledgeNoNetworkIsolation', 'acknowledgeNoSecurityMonitoring', 'acknowledgeNoZoneRedundancy',
  'acknowledgePrivilegedAccessManagedCentrally', 'acknowledgePublicGateway', 'acknowledgeSelfSignedCertificate',
  'acknowledgeUnmanagedNetworkRules', 'allowDestroy', 'allowPortalPasswordSignIn', 'allowPublicNetworkAccess',
  'allowStandardKeyVaultSku', 'clientIpRateLimit', 'closePublicNetworkAccess', 'cors', 'customDomain', 'defenderPlans',
  'developerPortalSignIn', 'edge', 'existingNetwork', 'keyVaultDeployerAccess', 'keyVaultEventDelivery', 'keyVaultName',
  'keyVaultSecretRotation', 'location', 'logAnalyticsWorkspaceId', 'logRetentionSeconds', 'minApiVersion', 'monitoring',
  'name', 'network', 'portalSecretRotation', 'privilegedAccess', 'publisherEmail', 'publisherName', 'resourceGroupName',
  'rolePropagationSeconds', 'securityContactEmails', 'sku', 'tags', 'zones',
];

/** The props of PrivilegedAccessProps (with PrivilegedAccessOptions); kept equal to the jsii assembly's by test/prop-keys.test.ts. */
export const PRIVILEGED_ACCESS_PROP_KEYS: ReadonlyArray<string> = [
  'acknowledgeNoConditionalAccess', 'apimId', 'apimRole', 'conditionalAccess', 'existingGroupObjectId', 'keyVaultId',
  'keyVaultRole', 'namePrefix', 'pimEligible', 'workspaceId',
];

/** The props of OperatorsConditionalAccessOptions; kept equal to the jsii assembly's by test/prop-keys.test.ts. */
export const CONDITIONAL_ACCESS_PROP_KEYS: ReadonlyArray<string> = [
  'acknowledgeReportOnly', 'apiApplicationIds', 'authenticationStrengthPolicyId', 'excludedGroupObjectIds', 'excludedUserObjectIds',
];

/**
 * The option structs of SecureHealthcareApimProps that no typed spec below the platform checks
 * for unknown keys: prop, jsii struct and its props (kept equal to the assembly's by
 * test/prop-keys.test.ts).
 */
export const PLATFORM_OPTION_KEYS: ReadonlyArray<{ readonly prop: string; readonly struct: string; readonly keys: ReadonlyArray<string> }> = [
  {
    prop: 'monitoring',
    struct: 'SecurityMonitoringOptions',
    keys: [
      'acknowledgeNoActivityLogAlerts', 'actionGroupShortName', 'activityLogScopeIds', 'additionalAuditedOperations', 'backendFailures',
      'capacity', 'ddosAttack', 'entraIdAppIds', 'entraIdLogs', 'enumeration', 'eventHubReceiver', 'excludedCallerRanges',
      'existingActionGroupId', 'failedAuthenticationByApi', 'failedAuthenticationByCaller', 'failedSignIns', 'gateway5xx', 'latency',
      'latencyObjectives', 'latencyPercentile', 'latencyThresholdSeconds', 'logicAppReceiver', 'serverErrors', 'skipQueryValidation',
      'throttling', 'unhealthyHosts', 'wafEvents', 'webhookUrls',
    ],
  },
  { prop: 'defenderPlans', struct: 'DefenderPlansProps', keys: ['apiSubplan', 'keyVaultSubplan', 'resourceManagerSubplan'] },
  {
    prop: 'customDomain',
    struct: 'CustomDomainOptions',
    keys: ['developerPortalHostName', 'gatewayHostName', 'keyVaultCertificateSecretId', 'keyVaultCertificateVaultId', 'negotiateClientCertificate'],
  },
  { prop: 'keyVaultEventDelivery', struct: 'NearExpiryEventDelivery', keys: ['actionGroupAlerts', 'eventHubId', 'webhookUrl'] },
  {
    prop: 'cors',
    struct: 'policy.CorsProps',
    keys: ['allowCredentials', 'allowedHeaders', 'allowedMethods', 'allowedOrigins', 'exposeHeaders', 'preflightResultMaxAgeSeconds'],
  },
];
