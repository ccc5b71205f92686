/** Run-time types of the foundation constructs' props (jsii and JavaScript callers can pass anything). Internal. */
import { KeyVaultDeployerAccess } from './deployer-access';
import { T } from '../core/validation';

const TAGS = T.opt(T.map(T.str));

/** AuditLoggingProps. */
export const AUDIT_LOGGING_TYPES = T.props({
  namePrefix: T.str,
  resourceGroupName: T.str,
  location: T.str,
  existingWorkspaceId: T.opt(T.str),
  retentionSeconds: T.opt(T.int),
  allowDestroy: T.opt(T.bool),
  preventDestroy: T.refused,
  tags: TAGS,
});

/** PlatformKeyVaultProps. */
export const PLATFORM_KEY_VAULT_TYPES = T.props({
  name: T.str,
  resourceGroupName: T.str,
  location: T.str,
  tenantId: T.str,
  deployerObjectId: T.str,
  deployerAccess: T.opt(T.instance((v) => v instanceof KeyVaultDeployerAccess, 'a KeyVaultDeployerAccess (fromIpRanges, fromSubnet or fromPrivateEndpoint)')),
  deployerAccessProp: T.opt(T.str),
  readerSubnetIds: T.opt(T.list(T.str)),
  readerIpAddresses: T.opt(T.list(T.str)),
  rolePropagationSeconds: T.opt(T.int),
  allowStandardSku: T.opt(T.bool),
  secretRotation: T.opt(T.props({ rotationSeconds: T.opt(T.int), overlapSeconds: T.opt(T.int) })),
  allowDestroy: T.opt(T.bool),
  preventDestroy: T.refused,
  tags: TAGS,
});

/** KeyVaultNamedValueProps. */
export const KEY_VAULT_NAMED_VALUE_TYPES = T.props({
  apiManagementName: T.str,
  resourceGroupName: T.str,
  name: T.str,
  displayName: T.opt(T.str),
  keyVaultSecretId: T.str,
  identityClientId: T.opt(T.str),
  dependsOn: T.opt(T.list(T.any)),
  value: T.refused,
});

/** RoleGrantProps. */
export const ROLE_GRANT_TYPES = T.props({
  scope: T.str,
  roleDefinitionName: T.str,
  principalId: T.str,
  propagationSeconds: T.opt(T.int),
});

/** DeployerPrivateEndpoint. */
export const DEPLOYER_PRIVATE_ENDPOINT_TYPES = T.props({ subnetId: T.str, privateDnsZoneId: T.str });

/** RotationScheduleProps. */
export const ROTATION_SCHEDULE_TYPES = T.props({ rotationSeconds: T.opt(T.int), overlapSeconds: T.opt(T.int) });

/** CustomerManagedKeyProps (the vault is checked by instance). */
export const CUSTOMER_MANAGED_KEY_TYPES = T.props({
  name: T.str,
  resourceGroupName: T.str,
  location: T.str,
  keyType: T.opt(T.str),
  keySize: T.opt(T.int),
  curve: T.opt(T.str),
  rotationSeconds: T.opt(T.int),
  expirySeconds: T.opt(T.int),
  userAssignedIdentityName: T.opt(T.str),
  keyVault: T.any,
});

/** MfaConditionalAccessPolicyProps. */
export const MFA_CONDITIONAL_ACCESS_TYPES = T.props({
  displayName: T.str,
  includedGroupObjectIds: T.list(T.str),
  includedApplicationIds: T.opt(T.list(T.str)),
  excludedGroupObjectIds: T.opt(T.list(T.str)),
  excludedUserObjectIds: T.opt(T.list(T.str)),
  authenticationStrengthPolicyId: T.opt(T.str),
  acknowledgeReportOnly: T.opt(T.bool),
});
