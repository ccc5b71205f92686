/**
 * Caller identity for the backend's audit log (Azure Health Data Services FHIR custom audit
 * headers). Internal: `ProtectedApi` adds these elements when `forwardCallerIdentity` is on.
 *
 * Microsoft's "Add custom HTTP headers to audit logs in FHIR service": headers named
 * `X-MS-AZUREFHIR-AUDIT-<name>` are copied into the properties of the FHIR service's AuditLogs
 * entry (MicrosoftHealthcareApisAuditLogs), at most 10 distinct headers, each value at most
 * 2,048 characters, and no PHI may be sent in them (they are kept 30 days in Microsoft's
 * internal logging too). Without them FHIR's audit names only the caller of FHIR: the API
 * gateway's managed identity.
 */
import { Token } from 'cdktf';
import { TOKEN_VARIABLE } from './defaults';
import { csharpString } from './validation';
import { securityResponseHeaders } from '../platform/global-policy';
import { Choose, JsonErrorResponse, PolicyValue, SetHeader } from '../policy';

/** The prefix FHIR records in its audit log. */
export const FHIR_AUDIT_HEADER_PREFIX = 'X-MS-AZUREFHIR-AUDIT-';

/**
 * The headers set for the backend, and the token claim each carries: identifiers only (object
 * id, client id, tenant id) and APIM's request id, never a name, e-mail or other claim that
 * can hold PHI. Three of FHIR's ten.
 */
export const CALLER_IDENTITY_HEADERS: ReadonlyArray<{ readonly name: string; readonly description: string }> = [
  { name: `${FHIR_AUDIT_HEADER_PREFIX}CALLER-OID`, description: "the caller's object id (token claim oid): the user, or the calling application's service principal" },
  { name: `${FHIR_AUDIT_HEADER_PREFIX}CALLER-APPID`, description: 'the client application id (azp in v2 tokens, appid in v1 tokens)' },
  { name: `${FHIR_AUDIT_HEADER_PREFIX}CALLER-TID`, description: "the caller's tenant id (tid)" },
  { name: `${FHIR_AUDIT_HEADER_PREFIX}APIM-REQUEST-ID`, description: "API Management's request id (context.RequestId), the CorrelationId of ApiManagementGatewayLogs" },
];

/** Value written when the validated token has no such claim (never empty: an empty header is ambiguous). */
export const MISSING_CLAIM = 'none';

/** C# reading one claim of the validated token, or `MISSING_CLAIM`; `fallbackClaim` is tried second. */
function claimExpression(claim: string, fallbackClaim?: string): PolicyValue {
  const jwt = `context.Variables.GetValueOrDefault<Jwt>(${csharpString(TOKEN_VARIABLE)}, null)`;
  const fallback = fallbackClaim === undefined ? csharpString(MISSING_CLAIM)
    : `jwt.Claims.GetValueOrDefault(${csharpString(fallbackClaim)}, ${csharpString(MISSING_CLAIM)})`;
  return PolicyValue.multiStatement(`var jwt = ${jwt}; if (jwt == null) { return ${csharpString(MISSING_CLAIM)}; } `
    + `return jwt.Claims.GetValueOrDefault(${csharpString(claim)}, ${fallback});`);
}

/**
 * The refusal: a request that carries any header starting with the audit prefix (in any
 * letter case) is answered 400 in the platform's JSON error shape. `set-header` can delete only
 * headers it names and no policy removes headers by prefix, so refusing is the only way to keep
 * callers from writing into the backend's audit log. Placed after token validation, so an
 * unauthenticated caller still gets 401.
 */
export function refuseCallerAuditHeaders(): Choose {
  const prefix = csharpString(FHIR_AUDIT_HEADER_PREFIX.toUpperCase());
  return new Choose({
    branches: [{
      condition: PolicyValue.expression(`context.Request.Headers.Keys.Any(k => k.ToUpperInvariant().StartsWith(${prefix}))`),
      elements: [JsonErrorResponse.of({
        statusCode: 400,
        code: 'bad_request',
        message: `Headers starting with ${FHIR_AUDIT_HEADER_PREFIX} are set by the gateway and cannot be sent by callers.`,
        headers: securityResponseHeaders(),
      })],
    }],
  });
}

/**
 * The audit headers for the backend, from the validated token (the variable the token
 * validation stores it in). `override` replaces any value, though the refusal has already
 * stopped requests that carried one.
 */
export function callerIdentityHeaders(): SetHeader[] {
  const [oid, appId, tid, requestId] = CALLER_IDENTITY_HEADERS.map((h) => h.name);
  return [
    new SetHeader({ name: oid, values: [claimExpression('oid')] }),
    new SetHeader({ name: appId, values: [claimExpression('azp', 'appid')] }),
    new SetHeader({ name: tid, values: [claimExpression('tid')] }),
    new SetHeader({ name: requestId, values: [PolicyValue.expression('context.RequestId.ToString()')] }),
  ];
}

/**
 * Whether a backend URL is an Azure Health Data Services FHIR service
 * (`<workspace>-<service>.fhir.azurehealthcareapis.com`) or an Azure API for FHIR
 * (`<name>.azurehealthcareapis.com`): the backends that record the audit headers. A token is
 * not known at synth and counts as no.
 */
export function isFhirServiceUrl(url: string): boolean {
  if (Token.isUnresolved(url)) return false;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return /^[a-z0-9-]+\.fhir\.azurehealthcareapis\.com$/.test(host) || /^[a-z0-9-]+\.azurehealthcareapis\.com$/.test(host);
}
