import { ConditionalAccessPolicy } from '@cdktf/provider-azuread/lib/conditional-access-policy';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { MFA_CONDITIONAL_ACCESS_TYPES } from './prop-types';
import { warnOptOut } from '../compliance/opt-out';
import { checkGuid } from '../core/azure-names';
import { invalid } from '../core/errors';
import { tfLiteral } from '../core/literal';
import { checkText, checkTypes } from '../core/validation';

/**
 * The application id of Windows Azure Service Management API ("Azure management" in Conditional
 * Access): the Azure portal, Azure CLI, Azure PowerShell and Terraform's user sign-ins to ARM.
 */
export const AZURE_MANAGEMENT_APP_ID = '797f4846-ba00-4fd7-ba43-dac1f8f63013';

/** Built-in authentication strengths (`/policies/authenticationStrengthPolicies/<id>`). */
export enum AuthenticationStrength {
  /** Multifactor authentication: any MFA method, as the `mfa` grant control. */
  MULTIFACTOR = '/policies/authenticationStrengthPolicies/00000000-0000-0000-0000-000000000002',
  /** Passwordless MFA: Windows Hello for Business, FIDO2, certificate-based MFA, Authenticator passwordless. */
  PASSWORDLESS = '/policies/authenticationStrengthPolicies/00000000-0000-0000-0000-000000000003',
  /** Phishing-resistant MFA: Windows Hello for Business, FIDO2 security keys, certificate-based MFA. */
  PHISHING_RESISTANT = '/policies/authenticationStrengthPolicies/00000000-0000-0000-0000-000000000004',
}

/** Properties of `MfaConditionalAccessPolicy`. */
export interface MfaConditionalAccessPolicyProps {
  /** The policy's display name. */
  readonly displayName: string;
  /** Object ids of the groups whose sign-ins need MFA (e.g. the platform operators). */
  readonly includedGroupObjectIds: string[];
  /**
   * Application (client) ids of the cloud apps the policy covers: Azure management, and the
   * platform's API app registrations for delegated (user) access to them.
   * @default - [AZURE_MANAGEMENT_APP_ID]
   */
  readonly includedApplicationIds?: string[];
  /**
   * Groups left out, e.g. the emergency-access ("break-glass") accounts' group, so a broken MFA
   * method cannot lock every administrator out.
   * @default - none
   */
  readonly excludedGroupObjectIds?: string[];
  /**
   * Users left out (emergency-access accounts).
   * @default - none
   */
  readonly excludedUserObjectIds?: string[];
  /**
   * An authentication strength instead of the plain `mfa` grant control, e.g.
   * `AuthenticationStrength.PHISHING_RESISTANT` or a custom strength's
   * `/policies/authenticationStrengthPolicies/<id>`.
   * @default - the `mfa` built-in control
   */
  readonly authenticationStrengthPolicyId?: string;
  /**
   * Named opt-out: create the policy in report-only mode (`enabledForReportingButNotEnforced`),
   * to see its effect in the sign-in logs before enforcing it. Leaves a warning.
   * @default false - the policy is enforced
   */
  readonly acknowledgeReportOnly?: boolean;
}

/**
 * A Conditional Access policy that requires multifactor authentication (or an authentication
 * strength) for the sign-ins of the given groups to the given cloud apps, from every client app
 * type. Needs Entra ID P1 and, for the deployer, the Microsoft Graph permission
 * Policy.ReadWrite.ConditionalAccess (with Policy.Read.All).
 *
 * @example
 * new MfaConditionalAccessPolicy(entraStack, 'OperatorsMfa', {
 *   displayName: 'Require phishing-resistant MFA: health platform operators',
 *   includedGroupObjectIds: [operators.objectId],
 *   excludedGroupObjectIds: [breakGlassGroupId],
 *   authenticationStrengthPolicyId: AuthenticationStrength.PHISHING_RESISTANT,
 * });
 */
export class MfaConditionalAccessPolicy extends Construct {
  /** The policy. */
  public readonly policy: ConditionalAccessPolicy;
  /** The policy's object id. */
  public readonly policyId: string;

  constructor(scope: Construct, id: string, props: MfaConditionalAccessPolicyProps) {
    super(scope, id);
    checkTypes(this, '', props, MFA_CONDITIONAL_ACCESS_TYPES);
    checkText(this, 'displayName', props.displayName, 256);
    if (!Token.isUnresolved(props.includedGroupObjectIds) && props.includedGroupObjectIds.length === 0) {
      invalid(this, 'includedGroupObjectIds', 'is empty', 'the object id of at least one group (the platform operators)');
    }
    const groups = guids(this, 'includedGroupObjectIds', props.includedGroupObjectIds);
    // An exclusion wins over an inclusion in Conditional Access: excluding an included group exempts it from MFA.
    const excludedGroups = props.excludedGroupObjectIds ?? [];
    const excludedUsers = props.excludedUserObjectIds ?? [];
    if (!Token.isUnresolved(groups) && !Token.isUnresolved(excludedGroups) && !Token.isUnresolved(excludedUsers)) {
      const exempted = groups.find((g) => excludedGroups.includes(g) || excludedUsers.includes(g));
      if (exempted !== undefined) {
        invalid(this, excludedGroups.includes(exempted) ? 'excludedGroupObjectIds' : 'excludedUserObjectIds',
          `contains '${exempted}', a group the policy includes, so its sign-ins would need no MFA (an exclusion wins over an inclusion)`,
          'only the emergency-access accounts or their group, never the operators group');
      }
    }
    const apps = props.includedApplicationIds ?? [AZURE_MANAGEMENT_APP_ID];
    if (!Token.isUnresolved(apps) && apps.length === 0) invalid(this, 'includedApplicationIds', 'is empty', `at least Azure management (${AZURE_MANAGEMENT_APP_ID})`);
    guids(this, 'includedApplicationIds', apps);
    const strength = props.authenticationStrengthPolicyId;
    // azuread: ValidatePolicyAuthenticationStrengthPolicyID (internal/services/conditionalaccess).
    if (strength !== undefined && !Token.isUnresolved(strength) && !/^\/policies\/authenticationStrengthPolicies\/[0-9a-fA-F-]{36}$/.test(strength)) {
      invalid(this, 'authenticationStrengthPolicyId', `'${strength}' is not an authentication strength policy id`,
        'AuthenticationStrength.PHISHING_RESISTANT (or .MULTIFACTOR, .PASSWORDLESS), or /policies/authenticationStrengthPolicies/<guid>');
    }
    if (props.acknowledgeReportOnly) {
      // The PRIVILEGED-ACCESS-MFA findings are on the role assignments: whoever grants them accepts the risk there (PrivilegedAccess does).
      warnOptOut(this, 'acknowledgeReportOnly', 'the Conditional Access policy only reports: sign-ins without MFA still succeed.');
    }
    this.policy = new ConditionalAccessPolicy(this, 'Policy', {
      displayName: tfLiteral(props.displayName),
      state: props.acknowledgeReportOnly ? 'enabledForReportingButNotEnforced' : 'enabled',
      conditions: {
        clientAppTypes: ['all'],
        applications: { includedApplications: apps },
        users: {
          includedGroups: groups,
          excludedGroups: props.excludedGroupObjectIds && guids(this, 'excludedGroupObjectIds', props.excludedGroupObjectIds),
          excludedUsers: props.excludedUserObjectIds && guids(this, 'excludedUserObjectIds', props.excludedUserObjectIds),
        },
      },
      grantControls: strength !== undefined
        ? { operator: 'OR', authenticationStrengthPolicyId: strength }
        : { operator: 'OR', builtInControls: ['mfa'] },
    });
    this.policyId = this.policy.objectId;
  }
}

/** A list of GUIDs (tokens skipped). */
function guids(scope: Construct, prop: string, values: string[]): string[] {
  if (!Token.isUnresolved(values)) values.forEach((v, i) => checkGuid(scope, `${prop}[${i}]`, v));
  return values;
}
