/** The Entra ID app registration of `ProtectedApi`: an existing one, or a created one with its app roles. Internal. */
import { Application, ApplicationApiOauth2PermissionScope, ApplicationAppRole } from '@cdktf/provider-azuread/lib/application';
import { DataAzureadApplication } from '@cdktf/provider-azuread/lib/data-azuread-application';
import { DataAzureadServicePrincipal } from '@cdktf/provider-azuread/lib/data-azuread-service-principal';
import { ServicePrincipal } from '@cdktf/provider-azuread/lib/service-principal';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ApiSettings } from './api-settings';
import { DELEGATED_SCOPE_SUFFIX } from './defaults';
import { ProtectedApiProps } from './protected-api-props';
import { checkLiteralProp, checkText, tfLiteral } from './validation';
import { warnOptOut } from '../compliance/opt-out';
import { invalid } from '../core/errors';
import { checkProviderRule } from '../core/provider-rules';
import { entraIdentifier } from '../core/uuid';

/** Who the API is to Entra ID: the token audience, the app role ids and the service principal. */
export interface ApiIdentity {
  readonly clientId: string;
  readonly identifierUri: string;
  /** The id of each declared app role, by role value. */
  readonly roleIds: Map<string, string>;
  readonly servicePrincipalObjectId: string;
  /** The created app registration (unset with an existing app). */
  readonly application?: Application;
  /** The created service principal (unset with an existing app). */
  readonly servicePrincipal?: ServicePrincipal;
  /**
   * Declares roles a later version of the API requires on the same registration (a created
   * app gains app roles, and delegated scopes when it offers them; an existing app must have
   * them), adding their ids to `roleIds`.
   */
  readonly declareRoles: (requester: Construct, roles: string[], apiName: string) => void;
}

/** Uses `existingApp`, or creates the app registration and service principal that declare `roles`. */
export function registerApiIdentity(scope: Construct, props: ProtectedApiProps, settings: ApiSettings, roles: string[]): ApiIdentity {
  return props.existingApp ? useExistingApp(scope, props, roles) : createApp(scope, props, settings, roles);
}

function useExistingApp(scope: Construct, props: ProtectedApiProps, roles: string[]): ApiIdentity {
  const existing = props.existingApp!;
  const newAppProps = [props.appRegistrationName, props.identifierUri, props.appOwners, props.delegatedScopes, props.allowDestroy];
  if (newAppProps.some((v) => v !== undefined)) {
    invalid(scope, 'existingApp', 'is set together with appRegistrationName, identifierUri, appOwners, delegatedScopes or allowDestroy, which only shape a created app registration',
      'either existingApp, or the props of a new app registration');
  }
  checkProviderRule(scope, 'existingApp.clientId', existing.clientId, 'data.azuread_application.client_id');
  checkText(scope, 'existingApp.audience', existing.audience, 2048);
  let roleIds: Map<string, string>;
  let lookup: DataAzureadApplication | undefined;
  if (existing.appRoleIds) {
    const missing = roles.filter((r) => existing.appRoleIds![r] === undefined);
    if (missing.length) invalid(scope, 'existingApp.appRoleIds', `has no id for ${missing.map((r) => `'${r}'`).join(', ')}`, `an id for every required role: ${roles.join(', ')}`);
    for (const r of roles) checkProviderRule(scope, `existingApp.appRoleIds.${r}`, existing.appRoleIds[r], 'azuread_app_role_assignment.app_role_id');
    roleIds = new Map(roles.map((r) => [r, existing.appRoleIds![r]]));
  } else {
    const existingAppData = new DataAzureadApplication(scope, 'ExistingApp', { clientId: tfLiteral(existing.clientId) });
    lookup = existingAppData;
    roleIds = new Map(roles.map((r) => [r, existingAppData.appRoleIds.lookup(r)]));
  }
  if (existing.servicePrincipalObjectId !== undefined) {
    checkProviderRule(scope, 'existingApp.servicePrincipalObjectId', existing.servicePrincipalObjectId, 'azuread_app_role_assignment.resource_object_id');
  }
  const servicePrincipalObjectId = existing.servicePrincipalObjectId
    ?? new DataAzureadServicePrincipal(scope, 'ExistingServicePrincipal', { clientId: tfLiteral(existing.clientId) }).objectId;
  const declareRoles = (requester: Construct, more: string[]) => {
    for (const r of more.filter((x) => !roleIds.has(x))) {
      if (lookup) {
        roleIds.set(r, lookup.appRoleIds.lookup(r));
      } else {
        const id = existing.appRoleIds![r];
        if (id === undefined) invalid(requester, 'existingApp.appRoleIds', `has no id for '${r}'`, 'an id for every role the versions of the API require');
        checkProviderRule(requester, `existingApp.appRoleIds.${r}`, id, 'azuread_app_role_assignment.app_role_id');
        roleIds.set(r, id);
      }
    }
  };
  return { clientId: existing.clientId, identifierUri: existing.audience, roleIds, servicePrincipalObjectId, declareRoles };
}

const IDENTIFIER_URI_VALID = 'api://<tenant id>/<name>, api://<client id> or https://<verified domain>/<path>, without spaces';

/**
 * An identifier URI azuread accepts (`identifier_uris` is validate.IsAppUri: Go's url.Parse
 * must read it, it has a host, and no lone trailing slash), and of the schemes this library
 * allows (api://, https://).
 */
function checkIdentifierUri(scope: Construct, uri: string): void {
  const parts = /^(api|https):\/\/([^\s"<>{}\\^`|/?#]*)([^\s"<>{}\\^`|?#]*)[^\s"<>{}\\^`|]*$/.exec(uri);
  if (!parts) invalid(scope, 'identifierUri', `'${uri}' is not an identifier URI`, IDENTIFIER_URI_VALID);
  const [, , authority, path] = parts;
  if (/%(?![0-9A-Fa-f]{2})/.test(uri)) invalid(scope, 'identifierUri', `'${uri}' has a % that starts no %XX escape, so it does not parse as a URI`, IDENTIFIER_URI_VALID);
  if (authority.replace(/^[^@]*@/, '').replace(/:\d*$/, '') === '') invalid(scope, 'identifierUri', `'${uri}' has no host`, IDENTIFIER_URI_VALID);
  if (path === '/') invalid(scope, 'identifierUri', `'${uri}' ends in a slash with no path segment, which Entra ID refuses`, `${IDENTIFIER_URI_VALID} (no trailing slash after the host)`);
}

function createApp(scope: Construct, props: ProtectedApiProps, settings: ApiSettings, roles: string[]): ApiIdentity {
  const { apiName, delegatedScopes } = settings;
  const platform = props.platform;
  const appKey = appRegistrationKey(scope, props, apiName);
  const identifierUri = props.identifierUri ?? `api://${platform.tenantId}/${appKey}`;
  if (props.identifierUri !== undefined && !Token.isUnresolved(props.identifierUri)) checkIdentifierUri(scope, props.identifierUri);
  const roleIds = new Map(roles.map((r) => [r, entraIdentifier(appKey, 'app-role', r)]));
  const appRole = (r: string, forApi: string): ApplicationAppRole => ({
    id: roleIds.get(r)!,
    value: tfLiteral(r),
    displayName: tfLiteral(r),
    description: tfLiteral(`Call the ${forApi} operations that require ${r}.`),
    allowedMemberTypes: ['User', 'Application'],
    enabled: true,
  });
  const scopeOf = (r: string, forApi: string): ApplicationApiOauth2PermissionScope => ({
    id: entraIdentifier(appKey, 'oauth2-permission-scope', r + DELEGATED_SCOPE_SUFFIX),
    value: tfLiteral(r + DELEGATED_SCOPE_SUFFIX),
    type: 'Admin',
    enabled: true,
    adminConsentDisplayName: tfLiteral(`${r} (delegated)`),
    adminConsentDescription: tfLiteral(`Call the ${forApi} operations that require ${r} on behalf of the signed-in user.`),
  });
  const appRoles = roles.map((r) => appRole(r, apiName));
  const scopes = delegatedScopes ? roles.map((r) => scopeOf(r, apiName)) : [];
  if (props.appOwners !== undefined) checkProviderRule(scope, 'appOwners', props.appOwners, 'azuread_application.owners');
  const owners = props.appOwners?.map((o) => tfLiteral(o));
  const allowDestroy = props.allowDestroy ?? platform.allowDestroy;
  if (allowDestroy) {
    warnOptOut(scope, 'allowDestroy', `terraform destroy can delete the app registration and service principal of ${apiName}${props.allowDestroy === undefined ? ' (the platform\'s allowDestroy)' : ''}: `
      + 'a new one has a new client id (token audience) and no app role assignments, so every caller breaks.');
  }
  // The client id is the token audience and the service principal holds every app role assignment.
  const lifecycle = { preventDestroy: !allowDestroy };
  const application = new Application(scope, 'App', {
    displayName: tfLiteral(`${appKey} API`),
    identifierUris: [tfLiteral(identifierUri)],
    signInAudience: 'AzureADMyOrg',
    owners,
    api: { requestedAccessTokenVersion: 2, oauth2PermissionScope: scopes },
    appRole: appRoles,
    lifecycle,
  });
  const servicePrincipal = new ServicePrincipal(scope, 'ServicePrincipal', {
    clientId: application.clientId,
    appRoleAssignmentRequired: true,
    owners,
    lifecycle,
  });
  // A later version's new roles join the same registration (ids from the same stable key).
  const declareRoles = (_requester: Construct, more: string[], forApi: string) => {
    const added = more.filter((r) => !roleIds.has(r));
    if (added.length === 0) return;
    for (const r of added) {
      roleIds.set(r, entraIdentifier(appKey, 'app-role', r));
      appRoles.push(appRole(r, forApi));
      if (delegatedScopes) scopes.push(scopeOf(r, forApi));
    }
    application.putAppRole(appRoles);
    application.putApi({ requestedAccessTokenVersion: 2, oauth2PermissionScope: scopes });
  };
  return {
    clientId: application.clientId,
    identifierUri,
    roleIds,
    servicePrincipalObjectId: servicePrincipal.objectId,
    application,
    servicePrincipal,
    declareRoles,
  };
}

/** The stable key of a created app registration: `appRegistrationName`, or `<APIM service name>-<apiName>`. */
function appRegistrationKey(scope: Construct, props: ProtectedApiProps, apiName: string): string {
  if (props.appRegistrationName !== undefined) {
    checkLiteralProp(scope, 'appRegistrationName', props.appRegistrationName);
    if (!/^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,98}[A-Za-z0-9])?$/.test(props.appRegistrationName)) {
      invalid(scope, 'appRegistrationName', `'${props.appRegistrationName}' is not an app registration key`,
        'letters, digits, ., _ and -, 1 to 100 characters, starting and ending with a letter or digit');
    }
    return props.appRegistrationName;
  }
  const apimName = props.platform.apimServiceName;
  if (apimName === undefined || Token.isUnresolved(apimName)) {
    invalid(scope, 'appRegistrationName', 'is unset and the platform name is a token', 'an explicit appRegistrationName, the stable seed of the app role ids');
  }
  return `${apimName}-${apiName}`;
}
