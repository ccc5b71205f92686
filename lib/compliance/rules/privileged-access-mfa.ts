import { RuleCategory } from '../category';
import { block, CheckResult, HipaaRule, isExpression, ResourceView, StackView, Unknown, unknownValue } from '../rule';
import { HipaaSafeguard } from '../safeguard';

/** Windows Azure Service Management API: the Conditional Access app of Azure Resource Manager sign-ins. */
export const AZURE_MANAGEMENT_APP = '797f4846-ba00-4fd7-ba43-dac1f8f63013';

/** Control-plane roles that administer the platform, by name and built-in role definition id. */
export const PRIVILEGED_ROLES: Readonly<Record<string, string>> = {
  'Owner': '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  'Contributor': 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  'User Access Administrator': '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  'Role Based Access Control Administrator': 'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
  'API Management Service Contributor': '312a565d-c81f-4fd8-895a-4e21e48d571c',
  'API Management Service Operator Role': 'e022efe7-f5ba-4159-bbe4-b44f577e9b61',
  'Key Vault Administrator': '00482a5a-887f-4fb3-b363-3b7fe8e74483',
  'Key Vault Contributor': 'f25e0fa2-a7c8-4377-a976-54943a77a395',
  'Monitoring Contributor': '749f88d5-cbae-40b8-bcfc-e573ddc772fa',
};

export const PRIVILEGED_ACCESS_MFA: HipaaRule = {
  id: 'PRIVILEGED-ACCESS-MFA',
  category: RuleCategory.HIPAA,
  title: 'Control-plane roles (Owner, Contributor, API Management, Key Vault administration, Monitoring Contributor) go to a group whose sign-ins to Azure management need MFA through Conditional Access, from every client app and without excluding the group, never to individuals',
  safeguard: HipaaSafeguard.AUTHENTICATION,
  control: 'Microsoft cloud security benchmark PA-1 (separate and limit highly privileged users), PA-2 (avoid standing access), IM-7 (restrict access based on conditions: MFA for administrators); '
    + 'Azure Policy: Accounts with owner permissions on Azure resources should be MFA enabled',
  fix: 'Grant the role to an operators group (PrivilegedAccess creates one and its roles), and create an enabled azuread_conditional_access_policy that includes the group '
    + `(and does not exclude it, or All, in excluded_groups / excluded_users), the Azure management app (${AZURE_MANAGEMENT_APP}), client_app_types ["all"] `
    + '(or both "browser" and "mobileAppsAndDesktopClients") and grant_controls built_in_controls ["mfa"] or an authentication_strength_policy_id',
  resourceTypes: ['azurerm_role_assignment', 'azurerm_pim_eligible_role_assignment'],
  check(r, stack) {
    const role = privilegedRole(r);
    if (role instanceof Unknown || role === undefined) return role;
    const principalType = r.config.principal_type;
    const principal = r.config.principal_id;
    const referenced = stack.referencedBy(principal);
    // A group: declared so, an azuread_group of the stack, or an id a Conditional Access policy of the stack includes as a group.
    const isGroup = principalType === 'Group' || referenced.some((x) => x.type === 'azuread_group') || /\$\{data\.azuread_group\./.test(String(principal))
      || stack.ofType('azuread_conditional_access_policy').some((p) => includedGroups(p).includes(principal));
    if (principalType === 'User') return `grants ${role} to a user directly; grant it to an operators group whose sign-ins need MFA`;
    if (!isGroup) {
      // A workload identity (a managed identity or service principal of the stack) signs in without a user; Conditional Access does not apply.
      if (principalType === 'ServicePrincipal' || referenced.length > 0) return undefined;
      return new Unknown(`grants ${role} to principal ${String(principal)} without principal_type, so whether a person holds it is not known at synth`);
    }
    return mfaVerdict(role, principal, stack);
  },
};

/** The privileged role an assignment grants, `Unknown` when an expression names it, or undefined for other roles. */
function privilegedRole(r: ResourceView): string | Unknown | undefined {
  const name = r.config.role_definition_name;
  if (typeof name === 'string') {
    if (isExpression(name)) return unknownValue('role_definition_name', name);
    return name in PRIVILEGED_ROLES ? name : undefined;
  }
  const id = r.config.role_definition_id;
  if (typeof id !== 'string') return undefined;
  const found = Object.entries(PRIVILEGED_ROLES).find(([, guid]) => id.toLowerCase().endsWith(guid));
  if (found) return found[0];
  return isExpression(id) && !/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? unknownValue('role_definition_id', id) : undefined;
}

function mfaVerdict(role: string, group: unknown, stack: StackView): CheckResult {
  const covering = stack.ofType('azuread_conditional_access_policy')
    .filter((p) => coversGroup(p, group) && coversManagement(p) && coversAllClients(p) && requiresMfa(p));
  if (covering.some((p) => p.config.state === 'enabled')) return undefined;
  const dynamic = covering.find((p) => isExpression(p.config.state));
  if (dynamic) return unknownValue(`the state of ${dynamic.address}`, dynamic.config.state);
  if (covering.length) return `grants ${role} to a group whose Conditional Access policy (${covering[0].address}) is ${covering[0].config.state}, not enforced`;
  return `grants ${role} to a group, but no Conditional Access policy in the stack requires MFA for that group's sign-ins to Azure management`;
}

function includedGroups(policy: ResourceView): unknown[] {
  const users = block(block(policy.config.conditions)?.users);
  return Array.isArray(users?.included_groups) ? users!.included_groups : [];
}

/** Whether the policy includes the group and excludes neither it nor everyone (an exclusion wins over an inclusion). */
function coversGroup(policy: ResourceView, group: unknown): boolean {
  const users = block(block(policy.config.conditions)?.users);
  if (!users) return false;
  const listed = (k: string): unknown[] => (Array.isArray(users[k]) ? users[k] : []);
  const excluded = [...listed('excluded_groups'), ...listed('excluded_users')];
  if (excluded.includes(group) || excluded.includes('All')) return false;
  return listed('included_groups').includes(group) || listed('included_users').includes('All');
}

/**
 * Whether the policy applies to every client app: `all`, or both modern clients (`browser` and
 * `mobileAppsAndDesktopClients`); a policy on browsers only lets the CLI and PowerShell sign in
 * without MFA. Legacy clients (`exchangeActiveSync`, `other`) cannot do MFA and do not reach Azure management.
 */
function coversAllClients(policy: ResourceView): boolean {
  const types = block(policy.config.conditions)?.client_app_types;
  if (!Array.isArray(types)) return false;
  return types.includes('all') || (types.includes('browser') && types.includes('mobileAppsAndDesktopClients'));
}

function coversManagement(policy: ResourceView): boolean {
  const apps = block(block(policy.config.conditions)?.applications);
  const included: unknown[] = Array.isArray(apps?.included_applications) ? apps!.included_applications : [];
  const excluded: unknown[] = Array.isArray(apps?.excluded_applications) ? apps!.excluded_applications : [];
  return (included.includes(AZURE_MANAGEMENT_APP) || included.includes('All')) && !excluded.includes(AZURE_MANAGEMENT_APP);
}

function requiresMfa(policy: ResourceView): boolean {
  const grant = block(policy.config.grant_controls);
  if (!grant) return false;
  const controls: unknown[] = Array.isArray(grant.built_in_controls) ? grant.built_in_controls : [];
  const mfa = controls.includes('mfa') || (typeof grant.authentication_strength_policy_id === 'string' && grant.authentication_strength_policy_id !== '');
  // With OR, any other control (e.g. a compliant device) would satisfy the policy without MFA.
  return mfa && (grant.operator === 'AND' || controls.filter((c) => c !== 'mfa').length === 0);
}
