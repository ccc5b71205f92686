/** Who may call `ProtectedApi`: token validation, the IP allow list and the role check. Internal. */
import { IConstruct } from 'constructs';
import { ApiIdentity } from './api-identity';
import { CLIENT_IP_VARIABLE, DELEGATED_SCOPE_SUFFIX, TOKEN_VARIABLE } from './defaults';
import { TokenValidation } from './types';
import { checkText, csharpString, rethrowUnderProp } from './validation';
import { invalid } from '../core/errors';
import { securityResponseHeaders } from '../platform/global-policy';
import { IHealthcareApimPlatform } from '../platform/healthcare-apim-platform';
import {
  Choose, ClientIpFilter, IpFilter, IpFilterAction, JsonErrorResponse, PolicyElement, PolicyValue, ValidateAzureAdToken, ValidateJwt,
} from '../policy';

/**
 * The token validation: `validate-azure-ad-token` with the allowed client ids, or `validate-jwt`
 * against the tenant's v2.0 OpenID configuration; the audiences are the API's identifier URI
 * and client id.
 */
export function tokenValidator(
  scope: IConstruct, platform: IHealthcareApimPlatform, identity: ApiIdentity, kind: TokenValidation, clientIds: string[] | undefined,
): PolicyElement {
  const audiences = [identity.identifierUri, identity.clientId];
  const renames = {
    'audiences[0]': identity.application ? 'identifierUri' : 'existingApp.audience',
    'audiences[1]': identity.application ? 'clientId' : 'existingApp.clientId',
    'clientApplicationIds': 'allowedClientApplicationIds',
  };
  clientIds?.forEach((c, i) => checkText(scope, `allowedClientApplicationIds[${i}]`, c, 100));
  if (clientIds !== undefined && clientIds.length === 0) invalid(scope, 'allowedClientApplicationIds', 'is empty', 'at least one client id, or unset to allow any client');
  const tenant = platform.tenantId;
  // validate-azure-ad-token only in the form APIM accepts, with <client-application-ids>;
  // any client of the tenant is validate-jwt with the tenant's OpenID configuration.
  if (kind === TokenValidation.OPENID_JWT || clientIds === undefined) {
    return rethrowUnderProp(scope, '', () => new ValidateJwt({
      openIdConfigUrls: [`https://login.microsoftonline.com/${tenant}/v2.0/.well-known/openid-configuration`],
      audiences,
      issuers: [`https://login.microsoftonline.com/${tenant}/v2.0`],
      // A token of another client is authenticated but not allowed: the platform's on-error
      // maps this claim failure (Reason contains "Claim") to 403.
      requiredClaims: clientIds ? [{ name: 'azp', values: clientIds }] : undefined,
      outputTokenVariableName: TOKEN_VARIABLE,
    }), renames);
  }
  return rethrowUnderProp(scope, '', () => new ValidateAzureAdToken({
    tenantId: tenant,
    audiences,
    clientApplicationIds: clientIds,
    outputTokenVariableName: TOKEN_VARIABLE,
  }), renames);
}

/**
 * The IP allow list. `ip-filter` checks only `context.Request.IpAddress`: behind the edge that
 * is the gateway, so the list is a `ClientIpFilter` on the client address variable (the last
 * X-Forwarded-For entry), as it is for IPv6 entries, which `ip-filter` is not documented to
 * take. Both refuse with 403 in the JSON error shape (ip-filter through on-error).
 */
export function ipAllowList(scope: IConstruct, platform: IHealthcareApimPlatform, ranges: string[]): PolicyElement {
  const renames = { addresses: 'allowedIpRanges' };
  if (!Array.isArray(ranges) || ranges.length === 0) invalid(scope, 'allowedIpRanges', 'is empty', 'at least one IPv4 or IPv6 address or CIDR range');
  if (!platform.behindEdge && ranges.every((r) => typeof r !== 'string' || !r.includes(':'))) {
    return rethrowUnderProp(scope, '', () => new IpFilter({ action: IpFilterAction.ALLOW, addresses: ranges }), renames);
  }
  return rethrowUnderProp(scope, '', () => new ClientIpFilter({
    action: IpFilterAction.ALLOW,
    addresses: ranges,
    clientIpVariable: CLIENT_IP_VARIABLE,
    refusal: JsonErrorResponse.of({
      statusCode: 403,
      code: 'forbidden',
      message: 'The caller is not allowed to perform this operation.',
      headers: securityResponseHeaders(),
    }),
  }), renames);
}

/**
 * The role check: a 403 JSON error unless the validated token carries one of the roles.
 *
 * Why not `<required-claims>` in the token validation: the platform's on-error maps a failed
 * validate-azure-ad-token / validate-jwt to 403 only when APIM's error Reason contains
 * "Claim", which depends on APIM's reason strings, and required-claims cannot express "this
 * role OR this delegated scope". Here the token is validated once at API scope (401 for a
 * missing, expired, foreign or wrong-audience token, which has no claim requirement and so
 * never yields a "Claim" reason), and this check returns the platform's JSON error shape
 * with status 403 directly, with the security headers, whatever APIM's reason strings are.
 */
export function roleCheck(roles: string[], acceptScopes: boolean): Choose {
  // Policy elements are immutable, so one check serves every operation that asks for the same roles.
  const key = JSON.stringify([roles, acceptScopes]);
  let check = roleChecks.get(key);
  if (!check) {
    check = buildRoleCheck(roles, acceptScopes);
    roleChecks.set(key, check);
  }
  return check;
}

/** The role checks built so far, by role list and whether delegated scopes count. */
const roleChecks = new Map<string, Choose>();

function buildRoleCheck(roles: string[], acceptScopes: boolean): Choose {
  const list = (values: string[]) => `new string[] { ${values.map(csharpString).join(', ')} }`;
  let code = `var jwt = context.Variables.GetValueOrDefault<Jwt>(${csharpString(TOKEN_VARIABLE)}, null); `
    + 'if (jwt == null) { return true; } '
    + `var allowedRoles = ${list(roles)}; `
    + 'string[] roles; '
    + 'if (jwt.Claims.TryGetValue("roles", out roles) && roles.Any(r => allowedRoles.Contains(r))) { return false; } ';
  if (acceptScopes) {
    code += `var allowedScopes = ${list(roles.map((r) => r + DELEGATED_SCOPE_SUFFIX))}; `
      + 'string[] scp; '
      + "if (jwt.Claims.TryGetValue(\"scp\", out scp) && scp.SelectMany(s => s.Split(' ')).Any(s => allowedScopes.Contains(s))) { return false; } ";
  }
  code += 'return true;';
  return new Choose({
    branches: [{
      condition: PolicyValue.multiStatement(code),
      elements: [JsonErrorResponse.of({
        statusCode: 403,
        code: 'forbidden',
        message: 'The caller is not allowed to perform this operation.',
        headers: securityResponseHeaders(),
      })],
    }],
  });
}
