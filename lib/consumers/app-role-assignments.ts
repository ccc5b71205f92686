/** App-role grants on the consumer group's APIs. Internal. */
import { AppRoleAssignment } from '@cdktf/provider-azuread/lib/app-role-assignment';
import { Construct } from 'constructs';
import { ProtectedApi } from '../api/protected-api';

/** One app-role assignment (`<prefix>-<api>-<role>`) per role per API that declares it. */
export function grantAppRoles(
  scope: Construct, prefix: string, apis: ProtectedApi[], roles: string[], principalObjectId: string,
): AppRoleAssignment[] {
  const result: AppRoleAssignment[] = [];
  for (const api of apis) {
    for (const role of roles.filter((r) => api.roles.includes(r))) {
      result.push(new AppRoleAssignment(scope, `${prefix}-${api.apiName}-${role.replace(/\//g, '%2F')}`, {
        appRoleId: api.appRoleId(role),
        principalObjectId,
        resourceObjectId: api.servicePrincipalObjectId,
      }));
    }
  }
  return result;
}
