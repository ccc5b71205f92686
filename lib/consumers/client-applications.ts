/** Daemon (app-only) callers of the consumer group's APIs: app registrations without secrets, and their role grants. Internal. */
import { Application } from '@cdktf/provider-azuread/lib/application';
import { ApplicationFederatedIdentityCredential } from '@cdktf/provider-azuread/lib/application-federated-identity-credential';
import { ServicePrincipal } from '@cdktf/provider-azuread/lib/service-principal';
import { Construct } from 'constructs';
import { grantAppRoles, oneApiPerRegistration } from './app-role-assignments';
import { ConsumerClientApplication, ConsumerClientApplicationAttributes } from './consumer-types';
import { ProtectedApi } from '../api/protected-api';
import { tfLiteral } from '../core/literal';

/** The audience Entra ID expects in federated credential tokens. */
export const FEDERATED_TOKEN_AUDIENCE = 'api://AzureADTokenExchange';

/**
 * A client application under `ClientApp-<name>`: the given principal, or an app registration
 * and service principal (with its federated credentials, never a secret); then its app roles
 * on each API that declares them.
 */
export function addClientApplication(
  parent: Construct, client: ConsumerClientApplication, apis: ProtectedApi[], groupRoles: string[],
): ConsumerClientApplicationAttributes {
  const scope = new Construct(parent, `ClientApp-${client.name}`);
  const roles = client.roles ?? groupRoles;
  let principalObjectId = client.principalObjectId;
  let clientId: string | undefined;
  if (principalObjectId === undefined) {
    const app = new Application(scope, 'App', {
      displayName: tfLiteral(client.name),
      signInAudience: 'AzureADMyOrg',
      // Shows the application permissions in the portal; the grants below are what count.
      requiredResourceAccess: oneApiPerRegistration(apis, roles).map(({ api, roles: declared }) => ({
        resourceAppId: api.clientId,
        resourceAccess: declared.map((r) => ({ id: api._registrationRoleId(r), type: 'Role' })),
      })).filter((access) => access.resourceAccess.length > 0),
    });
    const sp = new ServicePrincipal(scope, 'ServicePrincipal', { clientId: app.clientId });
    (client.federatedCredentials ?? []).forEach((cred) => {
      new ApplicationFederatedIdentityCredential(scope, `FederatedCredential-${cred.name}`, {
        applicationId: app.id,
        displayName: tfLiteral(cred.name),
        issuer: tfLiteral(cred.issuer),
        subject: tfLiteral(cred.subject),
        audiences: (cred.audiences ?? [FEDERATED_TOKEN_AUDIENCE]).map((a) => tfLiteral(a)),
      });
    });
    principalObjectId = sp.objectId;
    clientId = app.clientId;
  }
  grantAppRoles(scope, 'RoleAssignment', apis, roles, principalObjectId);
  return { name: client.name, principalObjectId, clientId, roles };
}
