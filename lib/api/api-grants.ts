/** App-role grants on a ProtectedApi's registration: the checks and the assignments. Internal. */
import { AppRoleAssignment } from '@cdktf/provider-azuread/lib/app-role-assignment';
import { Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { checkRole } from './validation';
import { invalid } from '../core/errors';
import { isGuid, requireString } from '../core/validation';

/** What an assignment needs from the API: the resource (its service principal) and the id of each role. */
export interface GrantTarget {
  readonly servicePrincipalObjectId: string;
  /** The roles the API declares. */
  readonly roles: string[];
  appRoleId(role: string): string;
}

/** An object id (a GUID), or a token whose value is only known at deploy time. */
export function checkPrincipalObjectId(where: IConstruct, prop: string, value: string): string {
  requireString(where, prop, value, 'the object id (a GUID) of a managed identity, service principal, user or group');
  if (!Token.isUnresolved(value) && !isGuid(value)) {
    invalid(where, prop, `'${value}' is not an object id`, 'the object id (a GUID) of a managed identity, service principal, user or group');
  }
  return value;
}

/** Roles to grant: at least one, each declared by the API, each once. */
export function checkGrantRoles(where: IConstruct, prop: string, roles: string[], declared: string[]): string[] {
  if (!Array.isArray(roles) || roles.length === 0) invalid(where, prop, 'is empty', `at least one app role of the API: ${declared.join(', ')}`);
  roles.forEach((role, i) => {
    checkRole(where, `${prop}[${i}]`, role);
    if (!declared.includes(role)) invalid(where, `${prop}[${i}]`, `'${role}' is not an app role of the API`, declared.join(', '));
    if (roles.indexOf(role) !== i) invalid(where, `${prop}[${i}]`, `repeats '${role}'`, 'each role once');
  });
  return [...roles];
}

/** The construct id part of a role (`/` would make a path). */
export function roleIdPart(role: string): string {
  return role.replace(/\//g, '%2F');
}

/** One `azuread_app_role_assignment` per role, at `idOf(role)` under `scope`. */
export function assignAppRoles(
  scope: Construct, idOf: (role: string) => string, target: GrantTarget, principalObjectId: string, roles: string[],
): AppRoleAssignment[] {
  return roles.map((role) => new AppRoleAssignment(scope, idOf(role), {
    appRoleId: target.appRoleId(role),
    principalObjectId,
    resourceObjectId: target.servicePrincipalObjectId,
  }));
}
