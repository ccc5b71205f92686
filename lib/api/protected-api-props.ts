import { ITerraformDependable } from 'cdktf';
import { OpenApiDefinition } from './openapi';
import { ApiOperation, ApiSchema, ExistingApiApp, ImportedOperation, TokenValidation } from './types';
import { Quota, RateLimit } from '../core/rate-limit';
import { IHealthcareApimPlatform } from '../platform/healthcare-apim-platform';
import { CorsProps, ValidationAction } from '../policy';

/** Properties of `ProtectedApi`. */
export interface ProtectedApiProps {
  /** The platform the API is published on. */
  readonly platform: IHealthcareApimPlatform;
  /**
   * The API name: a lowercase letter, then lowercase letters, digits and single hyphens (up
   * to 60). The APIM API is named `<name>-<version>`.
   */
  readonly name: string;
  /** The URL path: segments of lowercase letters, digits and hyphens, no slash at either end. Served at `/<path>/<version>/...`. */
  readonly path: string;
  /** The version: `v1`, `v2`, `v1.1`, or a date such as `2024-01-01`. */
  readonly version: string;
  /** The backend base URL; https only. */
  readonly backendUrl: string;
  /**
   * The operations, defined in code. Exactly one of `operations` and `openApi` is required.
   * @default - none (then `openApi` defines them)
   */
  readonly operations?: ApiOperation[];
  /**
   * An OpenAPI definition to import instead of `operations`; give each operation's roles in `importedOperations`.
   * @default - the API is defined by `operations`
   */
  readonly openApi?: OpenApiDefinition;
  /**
   * Roles and limits of the imported operations, by `operationId`. With a JSON definition
   * every operation must be listed.
   * @default - none
   */
  readonly importedOperations?: ImportedOperation[];
  /**
   * Named JSON schemas that operations refer to (`requestSchemaName`, `schemaName`); only with `operations`.
   * @default - none
   */
  readonly schemas?: ApiSchema[];
  /**
   * The name shown in the developer portal: up to 100 characters when the API creates its
   * version set (no `versionSetId`; the version set takes this name too), else up to 300.
   * @default - the name
   */
  readonly displayName?: string;
  /**
   * A description shown in the developer portal.
   * @default - none
   */
  readonly description?: string;
  /**
   * An existing version set to add this version to. For the next version of a ProtectedApi use
   * `api.addVersion`, which also shares the first version's app registration.
   * @default - a version set named after `name`, with the version in the path (Segment scheme)
   */
  readonly versionSetId?: string;
  /**
   * The header that carries the subscription key.
   * @default 'Ocp-Apim-Subscription-Key'
   */
  readonly subscriptionKeyHeaderName?: string;
  /**
   * The query parameter that may carry the subscription key (it is hidden in logs).
   * @default 'subscription-key'
   */
  readonly subscriptionKeyQueryParameterName?: string;

  // --- identity ---
  /**
   * An existing app registration for the API, instead of creating one.
   * @default - an app registration and service principal are created
   */
  readonly existingApp?: ExistingApiApp;
  /**
   * The stable key of the created app registration: part of its display name and identifier
   * URI, and the seed of its role and scope ids. Changing it replaces every role id.
   * @default - `<APIM service name>-<name>-<version>`
   */
  readonly appRegistrationName?: string;
  /**
   * The identifier URI (token audience) of the created app registration: `api://` or
   * `https://`, with a host and no lone trailing slash after it (Entra ID refuses both).
   * @default - `api://<tenant id>/<appRegistrationName>`
   */
  readonly identifierUri?: string;
  /**
   * Owners (object ids) of the created app registration and service principal.
   * @default - the identity running Terraform
   */
  readonly appOwners?: string[];
  /**
   * Named opt-out: let `terraform destroy` delete the created app registration and service
   * principal. A new registration has a new client id (the token audience) and loses every app
   * role assignment, so every caller breaks. Leaves a warning. Only for a created app registration.
   * @default - the platform's `allowDestroy` (false): both carry lifecycle.prevent_destroy
   */
  readonly allowDestroy?: boolean;
  /**
   * Whether the created app registration also offers a delegated scope `<role>.Delegated` per
   * role (admin consent required).
   * @default true
   */
  readonly delegatedScopes?: boolean;
  /**
   * Whether a delegated token whose `scp` holds `<role>.Delegated` satisfies a required role,
   * besides the `roles` claim.
   * @default false - only the `roles` claim counts
   */
  readonly acceptDelegatedScopes?: boolean;
  /**
   * How bearer tokens are validated. With AZURE_AD_TOKEN and `allowedClientApplicationIds`,
   * `validate-azure-ad-token` with those `<client-application-ids>`; without client ids,
   * `validate-jwt` with the tenant's v2.0 OpenID configuration (as OPENID_JWT), because APIM
   * rejects `validate-azure-ad-token` without `<client-application-ids>`
   * (MicrosoftDocs/azure-docs#121338, #121329).
   * @default TokenValidation.AZURE_AD_TOKEN
   */
  readonly tokenValidation?: TokenValidation;
  /**
   * Client application ids allowed to call.
   * @default - any client application of the tenant holding a required role (validated with
   * `validate-jwt`, which needs v2.0 tokens: the created app registration requests them)
   */
  readonly allowedClientApplicationIds?: string[];

  // --- abuse and input controls ---
  /**
   * Rate limit per subscription across the API (not applied on Consumption).
   * @default RateLimit.perMinute(300)
   */
  readonly subscriptionRateLimit?: RateLimit;
  /**
   * Rate limit per client IP across the API (not applied on Consumption).
   * @default RateLimit.perMinute(120)
   */
  readonly clientIpRateLimit?: RateLimit;
  /**
   * Call quota per subscription across the API (not applied on Consumption), e.g.
   * `Quota.perDay(100_000)`, or `Quota.lifetime(n)` for one that never renews.
   * @default Quota.perDay(100_000)
   */
  readonly subscriptionQuota?: Quota;
  /**
   * IPv4 and IPv6 addresses and CIDR ranges allowed to call; all others get 403 in the JSON
   * error shape. Behind the edge gateway the caller is the last X-Forwarded-For entry (APIM sees
   * the gateway's address, the only one `ip-filter` can check), so the list is a
   * `ClientIpFilter` on that address; otherwise it is `ip-filter` (IPv4 only) or, with IPv6
   * entries, a `ClientIpFilter` on `context.Request.IpAddress`.
   * @default - no IP allow list
   */
  readonly allowedIpRanges?: string[];
  /**
   * The largest request body in bytes, 1 to 4,194,304. Behind the platform's edge it must not
   * exceed the edge WAF's limit (`edge.maxRequestBodySizeBytes`, 1 MiB by default): synth fails otherwise.
   * @default 1048576 (1 MiB)
   */
  readonly maxRequestBodyBytes?: number;
  /**
   * Request content types accepted; bodies of any other type are refused.
   * @default ['application/json', 'application/fhir+json']
   */
  readonly allowedContentTypes?: string[];
  /**
   * What happens to query parameters the operation does not declare (400 with PREVENT). Declared
   * query and path parameters whose values do not match are always refused, and a path that
   * matches no operation is answered 404. Request headers have their own
   * `undeclaredRequestHeaderAction`. Anything but PREVENT is a named opt-out and leaves a warning.
   * @default ValidationAction.PREVENT
   */
  readonly undeclaredParameterAction?: ValidationAction;
  /**
   * Named opt-out: accept an `undeclaredParameterAction` other than PREVENT (undeclared query
   * parameters only logged, or let through). Leaves a warning.
   * @default false - an `undeclaredParameterAction` other than PREVENT fails at synth
   */
  readonly allowUndeclaredParameters?: boolean;
  /**
   * What happens to request headers the operation does not declare. Declared headers
   * (Authorization, the subscription key header, `requestHeaders`) are validated either way,
   * and a malformed declared header is refused.
   *
   * IGNORE by default because browsers, SDKs and the edge gateway send headers no API declares
   * (Host, User-Agent, Accept, Accept-Encoding, Referer, Origin, traceparent, and the
   * Application Gateway's X-Forwarded-For/-Proto/-Port and X-Original-Host): refusing them
   * answers every such call 400 and protects little: the token, the subscription key, the body,
   * the query and the path are checked regardless, and the only undeclared header the gateway
   * reads is the last X-Forwarded-For entry, which the edge appends. The headers are still
   * forwarded to the backend, as without validation. PREVENT is for teams that declare every
   * header their callers and gateways send; DETECT logs each one. Neither is a weakening, so
   * neither leaves a warning.
   * @default ValidationAction.IGNORE
   */
  readonly undeclaredRequestHeaderAction?: ValidationAction;
  /**
   * What happens to backend response headers that are neither declared by the operation,
   * standard (the platform's security headers, entity, caching, trace-context and request-id
   * headers), nor in `allowedResponseHeaders`.
   *
   * DETECT by default: such a header (a FHIR server's own `x-ms-*` header, say) is logged in
   * the gateway logs and the call goes on, instead of turning a good answer into 502. The
   * headers that describe the backend's stack (`X-Powered-By`, `X-AspNet-Version`,
   * `X-AspNetMvc-Version`) are removed at global scope before this check, and the security
   * headers are set there, so no undeclared header can weaken them. PREVENT (502 for any other
   * header) is for teams that declare every header the backend sends, and leaves no warning;
   * IGNORE also stops the logging, so it is a named opt-out and leaves a warning.
   * @default ValidationAction.DETECT
   */
  readonly undeclaredResponseHeaderAction?: ValidationAction;
  /**
   * Named opt-out: accept `undeclaredResponseHeaderAction: IGNORE` (undeclared backend response
   * headers let through without a log entry). Leaves a warning.
   * @default false - IGNORE fails at synth
   */
  readonly allowUnloggedResponseHeaders?: boolean;
  /**
   * Response headers let through besides the declared and standard ones, without a log entry
   * under DETECT and without a 502 under PREVENT.
   * @default - none
   */
  readonly allowedResponseHeaders?: string[];
  /**
   * Response status codes let through besides the declared ones and 400, 401, 403, 404, 429.
   * @default - none
   */
  readonly allowedResponseStatusCodes?: number[];
  /**
   * A CORS allow list for this API. A wildcard origin with credentials is refused, and so is a
   * platform that has a global CORS policy too (APIM applies only the first): synth fails.
   * @default - no CORS policy at API scope
   */
  readonly cors?: CorsProps;

  // --- backend ---
  /**
   * What the backend needs before callers reach it, e.g. the platform identity's data-plane
   * role on the backend (FHIR Data Reader), after a wait for propagation: the API's backend,
   * and so its policy, is created only after these.
   * @default - none
   */
  readonly backendReadiness?: ITerraformDependable[];
  /**
   * The resource (audience) the gateway's managed identity requests a token for.
   * @default - the origin of `backendUrl`
   */
  readonly backendAudience?: string;
  /**
   * Seconds the gateway waits for the backend, 1 to 240. (The forward-request element takes 0,
   * APIM's documented minimum, but no page says what a 0-second wait does, so an API cannot
   * ask for it.)
   * @default 30
   */
  readonly backendTimeoutSeconds?: number;
  /**
   * Failures (5xx, timeouts, connection errors) within a minute that trip the backend's circuit breaker, 1 to 10,000.
   * @default 5
   */
  readonly circuitBreakerFailureCount?: number;
  /**
   * Seconds the circuit stays open once tripped, 10 to 3,600.
   * @default 60
   */
  readonly circuitBreakerTripSeconds?: number;
  /**
   * Forward the caller's identity to the backend's audit log, for an Azure Health Data
   * Services FHIR backend (which otherwise audits only the gateway's managed identity). After
   * token validation, a request carrying any `X-MS-AZUREFHIR-AUDIT-*` header is refused (400,
   * JSON error shape): callers cannot write into the audit log. Then the gateway sets
   * `X-MS-AZUREFHIR-AUDIT-CALLER-OID`, `-CALLER-APPID`, `-CALLER-TID` (the validated token's
   * `oid`, `azp`/`appid` and `tid`: identifiers, never names or e-mails) and
   * `-APIM-REQUEST-ID` (the gateway log's CorrelationId), which FHIR records in its AuditLogs.
   * Turning it off for a FHIR backend is a named opt-out and leaves a warning.
   * @default - true when `backendUrl` is an Azure Health Data Services FHIR service
   * (`*.fhir.azurehealthcareapis.com`) or Azure API for FHIR (`*.azurehealthcareapis.com`), false otherwise
   */
  readonly forwardCallerIdentity?: boolean;
  /**
   * Named opt-out: accept `forwardCallerIdentity: false` on a FHIR backend, whose audit log then
   * names only the gateway's managed identity. Leaves a warning.
   * @default false - `forwardCallerIdentity: false` on a FHIR backend fails at synth
   */
  readonly acknowledgeFhirAuditWithoutCaller?: boolean;
}

/**
 * The next version of a ProtectedApi, for `addVersion`: its version and operations. Everything
 * else (name, path, limits, token validation, CORS, ...) is the first version's.
 */
export interface ApiVersionOptions {
  /** The version: `v2`, `v1.1`, or a date such as `2025-01-01`; not one the API has already. */
  readonly version: string;
  /**
   * The operations of this version, defined in code. Exactly one of `operations` and `openApi`.
   * @default - none (then `openApi` defines them)
   */
  readonly operations?: ApiOperation[];
  /**
   * An OpenAPI definition of this version, instead of `operations`.
   * @default - the version is defined by `operations`
   */
  readonly openApi?: OpenApiDefinition;
  /**
   * Roles and limits of the imported operations, by `operationId` (with `openApi`).
   * @default - none
   */
  readonly importedOperations?: ImportedOperation[];
  /**
   * Named JSON schemas the operations refer to (with `operations`).
   * @default - none
   */
  readonly schemas?: ApiSchema[];
  /**
   * The backend base URL of this version; https only.
   * @default - the first version's
   */
  readonly backendUrl?: string;
  /**
   * The resource the gateway's managed identity requests a token for.
   * @default - the first version's when `backendUrl` is unset, else the origin of `backendUrl`
   */
  readonly backendAudience?: string;
  /**
   * A description shown in the developer portal.
   * @default - the first version's
   */
  readonly description?: string;
  /**
   * What the backend of this version needs before callers reach it.
   * @default - the first version's
   */
  readonly backendReadiness?: ITerraformDependable[];
}
