import { Group } from '@cdktf/provider-azuread/lib/group';
import { PimEligibleRoleAssignment } from '@cdktf/provider-azurerm/lib/pim-eligible-role-assignment';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { CONDITIONAL_ACCESS_PROP_KEYS, PRIVILEGED_ACCESS_PROP_KEYS } from './prop-types';
import { HealthcareCompliance } from '../compliance/healthcare-compliance';
import { warnOptOut } from '../compliance/opt-out';
import { checkGuid } from '../core/azure-names';
import { asUserProps, invalid } from '../core/errors';
import { tfLiteral } from '../core/literal';
import { checkArray, checkBoolean, checkEnum, checkKnownKeys, checkObject, checkText } from '../core/validation';
import { AZURE_MANAGEMENT_APP_ID, MfaConditionalAccessPolicy } from '../foundation/conditional-access';

/** The operators' control-plane role on the API Management instance. */
export enum OperatorApimRole {
  /** Manage the service but not its APIs (scale, backup, certificates, subscriptions); APIs change through the pipeline. */
  SERVICE_OPERATOR = 'API Management Service Operator Role',
  /** Manage the service and its APIs. */
  SERVICE_CONTRIBUTOR = 'API Management Service Contributor',
  /** Read the service and its APIs. */
  SERVICE_READER = 'API Management Service Reader Role',
}

/** The operators' role on the platform vault (RBAC authorization). */
export enum OperatorKeyVaultRole {
  /** Every data-plane operation and the vault's RBAC-managed settings. */
  ADMINISTRATOR = 'Key Vault Administrator',
  /** Manage secrets only. */
  SECRETS_OFFICER = 'Key Vault Secrets Officer',
  /** Manage certificates only. */
  CERTIFICATES_OFFICER = 'Key Vault Certificates Officer',
  /** Read metadata, never secret values. */
  READER = 'Key Vault Reader',
}

/** Built-in role definition ids (the same in every tenant), for PIM eligibility. */
export const BUILT_IN_ROLE_IDS: Readonly<Record<string, string>> = {
  [OperatorApimRole.SERVICE_OPERATOR]: 'e022efe7-f5ba-4159-bbe4-b44f577e9b61',
  [OperatorApimRole.SERVICE_CONTRIBUTOR]: '312a565d-c81f-4fd8-895a-4e21e48d571c',
  [OperatorApimRole.SERVICE_READER]: '71522526-b88f-4d52-b57f-d31fc3546d0d',
  [OperatorKeyVaultRole.ADMINISTRATOR]: '00482a5a-887f-4fb3-b363-3b7fe8e74483',
  [OperatorKeyVaultRole.SECRETS_OFFICER]: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
  [OperatorKeyVaultRole.CERTIFICATES_OFFICER]: 'a4417e6f-fecd-4de8-b567-7b0420556985',
  [OperatorKeyVaultRole.READER]: '21090545-7ca7-4776-b22c-e363652d74d2',
  'Monitoring Contributor': '749f88d5-cbae-40b8-bcfc-e573ddc772fa',
};

/** The Conditional Access policy on the operators' sign-ins. */
export interface OperatorsConditionalAccessOptions {
  /**
   * An authentication strength instead of the `mfa` grant control, e.g.
   * `AuthenticationStrength.PHISHING_RESISTANT`.
   * @default - the `mfa` built-in control
   */
  readonly authenticationStrengthPolicyId?: string;
  /**
   * Client ids of the platform's API app registrations (`ProtectedApi.clientId`): the policy then
   * also requires MFA for the operators' delegated (user) sign-ins to those APIs.
   * @default - Azure management only
   */
  readonly apiApplicationIds?: string[];
  /**
   * Groups left out (the emergency-access accounts' group).
   * @default - none
   */
  readonly excludedGroupObjectIds?: string[];
  /**
   * Users left out (emergency-access accounts).
   * @default - none
   */
  readonly excludedUserObjectIds?: string[];
  /**
   * Named opt-out: report-only mode. Leaves a warning.
   * @default false
   */
  readonly acknowledgeReportOnly?: boolean;
}

/** Who operates the platform, and how their sign-ins are protected. */
export interface PrivilegedAccessOptions {
  /**
   * An existing Entra ID security group of operators (e.g. created in a separate Entra stack):
   * no group is created.
   * @default - a security group `<name> platform operators` is created (members are managed in Entra ID)
   */
  readonly existingGroupObjectId?: string;
  /**
   * The operators' role on the API Management instance.
   * @default OperatorApimRole.SERVICE_OPERATOR
   */
  readonly apimRole?: OperatorApimRole;
  /**
   * The operators' role on the platform vault.
   * @default OperatorKeyVaultRole.ADMINISTRATOR
   */
  readonly keyVaultRole?: OperatorKeyVaultRole;
  /**
   * Make the roles eligible through Privileged Identity Management (Entra ID P2) instead of
   * active: operators activate them just in time, with the tenant's PIM approval and MFA settings.
   * @default false - active role assignments
   */
  readonly pimEligible?: boolean;
  /**
   * The Conditional Access policy that requires MFA for the operators.
   * @default - MFA for the operators' sign-ins to Azure management
   */
  readonly conditionalAccess?: OperatorsConditionalAccessOptions;
  /**
   * Named opt-out: create no Conditional Access policy, because the tenant has no Entra ID P1
   * or its policies are managed centrally (or in the Entra stack). Leaves a warning.
   * @default false
   */
  readonly acknowledgeNoConditionalAccess?: boolean;
}

/** Properties of `PrivilegedAccess`. */
export interface PrivilegedAccessProps extends PrivilegedAccessOptions {
  /** The platform name, for the group's and the policy's display names. */
  readonly namePrefix: string;
  /** The API Management instance id. */
  readonly apimId: string;
  /** The platform vault id. */
  readonly keyVaultId: string;
  /** The Log Analytics workspace id (Monitoring Contributor). */
  readonly workspaceId: string;
}

/**
 * Privileged access to the platform through one operators group instead of individuals: the
 * group holds the control-plane roles (API Management, Key Vault, Monitoring Contributor on the
 * workspace), active or PIM-eligible, and a Conditional Access policy requires MFA (or an
 * authentication strength) for its members' sign-ins to Azure management.
 *
 * @example
 * new PrivilegedAccess(this, 'Operators', {
 *   namePrefix: 'contoso-health', apimId: platform.apimId, keyVaultId: platform.keyVault.vaultId,
 *   workspaceId: platform.workspaceId, existingGroupObjectId: operatorsGroupId,
 *   conditionalAccess: { authenticationStrengthPolicyId: AuthenticationStrength.PHISHING_RESISTANT, excludedGroupObjectIds: [breakGlassId] },
 * });
 */
export class PrivilegedAccess extends Construct {
  /** The operators group's object id. */
  public readonly groupObjectId: string;
  /** The created group, unless `existingGroupObjectId`. */
  public readonly group?: Group;
  /** The Conditional Access policy, unless `acknowledgeNoConditionalAccess`. */
  public readonly conditionalAccessPolicy?: MfaConditionalAccessPolicy;
  /** The active role assignments (none with `pimEligible`). */
  public readonly roleAssignments: RoleAssignment[];
  /** The PIM-eligible role assignments (with `pimEligible`). */
  public readonly eligibleRoleAssignments: PimEligibleRoleAssignment[];

  constructor(scope: Construct, id: string, props: PrivilegedAccessProps) {
    super(scope, id);
    const { apimRole, vaultRole } = this.validate(props);
    this.group = props.existingGroupObjectId === undefined ? this.createGroup(props.namePrefix) : undefined;
    this.groupObjectId = this.group?.objectId ?? props.existingGroupObjectId!;
    const grants: RoleGrantPlan[] = [
      { id: 'Apim', scope: props.apimId, role: apimRole },
      { id: 'KeyVault', scope: props.keyVaultId, role: vaultRole },
      { id: 'Monitoring', scope: props.workspaceId, role: 'Monitoring Contributor' },
    ];
    this.roleAssignments = props.pimEligible ? [] : grants.map((g) => this.assignActive(g, props.namePrefix));
    this.eligibleRoleAssignments = props.pimEligible ? grants.map((g) => this.assignEligible(g, props.namePrefix)) : [];
    if (!props.acknowledgeNoConditionalAccess) this.conditionalAccessPolicy = this.requireMfa(props);
  }

  /** Types, roles and opt-outs, before anything is built; the opt-outs warn and accept the rule they weaken. */
  private validate(props: PrivilegedAccessProps): { apimRole: string; vaultRole: string } {
    checkObject(this, 'props', props);
    checkKnownKeys(this, '', props, PRIVILEGED_ACCESS_PROP_KEYS);
    checkText(this, 'namePrefix', props.namePrefix, 200);
    for (const key of ['pimEligible', 'acknowledgeNoConditionalAccess'] as const) checkBoolean(this, key, props[key], false);
    const apimRole = checkEnum(this, 'apimRole', props.apimRole ?? OperatorApimRole.SERVICE_OPERATOR, Object.values(OperatorApimRole));
    const vaultRole = checkEnum(this, 'keyVaultRole', props.keyVaultRole ?? OperatorKeyVaultRole.ADMINISTRATOR, Object.values(OperatorKeyVaultRole));
    if (props.existingGroupObjectId !== undefined) checkGuid(this, 'existingGroupObjectId', props.existingGroupObjectId);
    const ca = props.conditionalAccess;
    if (ca !== undefined) {
      checkObject(this, 'conditionalAccess', ca);
      checkKnownKeys(this, 'conditionalAccess', ca, CONDITIONAL_ACCESS_PROP_KEYS);
      checkBoolean(this, 'conditionalAccess.acknowledgeReportOnly', ca.acknowledgeReportOnly, false);
      if (ca.apiApplicationIds !== undefined && !Token.isUnresolved(ca.apiApplicationIds)) {
        checkArray(this, 'conditionalAccess.apiApplicationIds', ca.apiApplicationIds);
        ca.apiApplicationIds.forEach((app, i) => checkGuid(this, `conditionalAccess.apiApplicationIds[${i}]`, app));
      }
      if (props.acknowledgeNoConditionalAccess) {
        invalid(this, 'conditionalAccess', 'is set together with acknowledgeNoConditionalAccess', 'either the policy\'s options or the opt-out');
      }
    }
    if (ca?.acknowledgeReportOnly === true) {
      HealthcareCompliance.suppress(this, 'PRIVILEGED-ACCESS-MFA', 'Accepted through the named opt-out conditionalAccess.acknowledgeReportOnly: '
        + 'the operators\' Conditional Access policy only reports, so their sign-ins to Azure management succeed without MFA.');
    }
    if (props.acknowledgeNoConditionalAccess) {
      warnOptOut(this, 'acknowledgeNoConditionalAccess', 'no Conditional Access policy requires MFA for the platform operators: '
        + 'their sign-ins to Azure management are as strong as the tenant\'s own policies (Entra ID P1 or central policies must cover them).', ['PRIVILEGED-ACCESS-MFA']);
    }
    return { apimRole, vaultRole };
  }

  /** The operators' security group; membership is managed in Entra ID. */
  private createGroup(namePrefix: string): Group {
    return new Group(this, 'Group', {
      displayName: tfLiteral(`${namePrefix} platform operators`),
      description: tfLiteral(`Control-plane access to the ${namePrefix} API Management platform (MFA required by Conditional Access).`),
      securityEnabled: true,
      preventDuplicateNames: true,
    });
  }

  /** An active role assignment to the group. */
  private assignActive(grant: RoleGrantPlan, namePrefix: string): RoleAssignment {
    return new RoleAssignment(this, grant.id, {
      scope: grant.scope,
      roleDefinitionName: grant.role,
      principalId: this.groupObjectId,
      principalType: 'Group',
      description: tfLiteral(`${namePrefix} platform operators`),
    });
  }

  /** A PIM-eligible role assignment to the group (permanent eligibility; activation follows the tenant's PIM settings). */
  private assignEligible(grant: RoleGrantPlan, namePrefix: string): PimEligibleRoleAssignment {
    return new PimEligibleRoleAssignment(this, `${grant.id}Eligible`, {
      scope: grant.scope,
      roleDefinitionId: `${subscriptionOf(grant.scope)}/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN_ROLE_IDS[grant.role]}`,
      principalId: this.groupObjectId,
      justification: tfLiteral(`${namePrefix} platform operators`),
    });
  }

  /** The Conditional Access policy: MFA (or the strength) for the group's sign-ins to Azure management and the listed APIs. */
  private requireMfa(props: PrivilegedAccessProps): MfaConditionalAccessPolicy {
    const ca = props.conditionalAccess;
    return asUserProps(this, () => new MfaConditionalAccessPolicy(this, 'ConditionalAccess', {
      displayName: `Require MFA: ${props.namePrefix} platform operators`,
      includedGroupObjectIds: [this.groupObjectId],
      includedApplicationIds: [AZURE_MANAGEMENT_APP_ID, ...(ca?.apiApplicationIds ?? [])],
      excludedGroupObjectIds: ca?.excludedGroupObjectIds,
      excludedUserObjectIds: ca?.excludedUserObjectIds,
      authenticationStrengthPolicyId: ca?.authenticationStrengthPolicyId,
      acknowledgeReportOnly: ca?.acknowledgeReportOnly,
    }), {
      authenticationStrengthPolicyId: 'conditionalAccess.authenticationStrengthPolicyId',
      excludedGroupObjectIds: 'conditionalAccess.excludedGroupObjectIds',
      excludedUserObjectIds: 'conditionalAccess.excludedUserObjectIds',
      acknowledgeReportOnly: 'conditionalAccess.acknowledgeReportOnly',
      includedGroupObjectIds: 'existingGroupObjectId',
    });
  }
}

/** One control-plane role the operators get. */
interface RoleGrantPlan {
  /** The construct id of the assignment. */
  readonly id: string;
  /** The resource id it is granted on. */
  readonly scope: string;
  /** The built-in role's name. */
  readonly role: string;
}

/** `/subscriptions/<id>` of a resource id (an expression for a token). */
function subscriptionOf(resourceId: string): string {
  if (Token.isUnresolved(resourceId)) return Fn.regex('^/subscriptions/[^/]+', resourceId);
  const match = /^\/subscriptions\/[^/]+/i.exec(resourceId);
  return match ? match[0] : Fn.regex('^/subscriptions/[^/]+', resourceId);
}
