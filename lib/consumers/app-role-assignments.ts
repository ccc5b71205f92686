/** App-role grants on the consumer group's APIs. Internal. */
import { AppRoleAssignment } from '@cdktf/provider-azuread/lib/app-role-assignment';
import { Construct } from 'constructs';
import { ProtectedApi } from '../api/protected-api';

/**
 * One app-role assignment (`<prefix>-<api>-<role>`, through `ProtectedApi` grants) per role per
 * API that declares it; versions of one API share a registration, so a role is granted there
 * once, at the first of them that declares it. `granted` carries what earlier calls granted.
 */
export function grantAppRoles(
  scope: Construct, prefix: string, apis: ProtectedApi[], roles: string[], principalObjectId: string,
  granted: Map<ProtectedApi, Set<string>> = new Map(),
): AppRoleAssignment[] {
  const result: AppRoleAssignment[] = [];
  for (const api of apis) {
    const registration = api.firstVersion;
    const done = granted.get(registration) ?? new Set<string>();
    granted.set(registration, done);
    const due = roles.filter((r) => api.roles.includes(r) && !done.has(r));
    due.forEach((r) => done.add(r));
    if (due.length) result.push(...api._grantRolesAt(scope, prefix, principalObjectId, due));
  }
  return result;
}

/** The APIs with one entry per app registration (versions of an API share one), for `required_resource_access`. */
export function oneApiPerRegistration(apis: ProtectedApi[], roles: string[]): Array<{ api: ProtectedApi; roles: string[] }> {
  const byRegistration = new Map<ProtectedApi, { api: ProtectedApi; roles: string[] }>();
  for (const api of apis) {
    const entry = byRegistration.get(api.firstVersion) ?? { api, roles: [] };
    byRegistration.set(api.firstVersion, entry);
    for (const r of roles.filter((x) => api.roles.includes(x) && !entry.roles.includes(x))) entry.roles.push(r);
  }
  return [...byRegistration.values()];
}

/** What `grantAppRoles` granted for `apis`: per registration, the roles of `roles` they declare. */
export function grantedFor(apis: ProtectedApi[], roles: string[]): Map<ProtectedApi, Set<string>> {
  const granted = new Map<ProtectedApi, Set<string>>();
  for (const api of apis) {
    const done = granted.get(api.firstVersion) ?? new Set<string>();
    roles.filter((r) => api.roles.includes(r)).forEach((r) => done.add(r));
    granted.set(api.firstVersion, done);
  }
  return granted;
}
