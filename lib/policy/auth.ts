import { Token } from 'cdktf';
import { PolicyElement, PolicySection } from './element';
import { checkHeaderName, checkInteger, checkNonEmpty, checkProps, orDefault } from './validate';
import { checkLiteral, checkNonBlankLiteral } from './value';
import { el, text, XmlNode } from './xml';
import { invalid } from '../core/errors';
import { checkArray, checkBoolean, checkEnum, checkObject, describe, enumValues, parseUrl } from '../core/validation';

/** How the values of a required claim are matched. */
export enum ClaimMatch {
  /** The claim must contain every value. */
  ALL = 'all',
  /** The claim must contain at least one of the values. */
  ANY = 'any',
}

/** A claim a token must carry. */
export interface RequiredClaim {
  /** The claim name, e.g. `roles` or `scp`. */
  readonly name: string;
  /** Accepted values; at least one. */
  readonly values: string[];
  /**
   * How the values are matched.
   * @default ClaimMatch.ANY
   */
  readonly match?: ClaimMatch;
  /**
   * Separator for claims that carry several values in one string (e.g. ' ' for `scp`).
   * @default - none: each value of the claim is compared whole
   */
  readonly separator?: string;
}

function claimsNode(where: string, claims: ReadonlyArray<RequiredClaim> | undefined): XmlNode | undefined {
  if (claims === undefined) return undefined;
  checkArray(where, 'requiredClaims', claims);
  if (claims.length === 0) return undefined;
  return el('required-claims', {}, claims.map((c, i) => {
    checkObject(where, `requiredClaims[${i}]`, c);
    checkNonBlankLiteral(where, `requiredClaims[${i}].name`, c.name, 'a claim name');
    const values = checkNonEmpty(where, `requiredClaims[${i}].values`, c.values);
    values.forEach((v, j) => checkLiteral(where, `requiredClaims[${i}].values[${j}]`, v));
    if (c.separator !== undefined && checkLiteral(where, `requiredClaims[${i}].separator`, c.separator) === '') {
      invalid(where, `requiredClaims[${i}].separator`, 'is empty', 'a separator such as a space');
    }
    const match = c.match === undefined ? ClaimMatch.ANY : checkEnum(where, `requiredClaims[${i}].match`, c.match, enumValues(ClaimMatch));
    const attributes = { name: c.name, match, separator: c.separator };
    return el('claim', attributes, values.map((v) => el('value', {}, [text(v)])));
  }));
}

function listNode(
  where: string, prop: string, name: string, childName: string, values: ReadonlyArray<string> | undefined, required: boolean,
  validWhenEmpty = 'at least one value',
): XmlNode | undefined {
  if (values === undefined || (Array.isArray(values) && values.length === 0)) {
    if (required) invalid(where, prop, 'is empty', validWhenEmpty);
    return undefined;
  }
  const checked = checkNonEmpty(where, prop, values);
  checked.forEach((v, i) => checkLiteral(where, `${prop}[${i}]`, v));
  return el(name, {}, checked.map((v) => el(childName, {}, [text(v)])));
}

function checkStatus(where: string, prop: string, code: number | undefined): number | undefined {
  return code === undefined ? undefined : checkInteger(where, prop, code, 400, 599);
}

function checkUrl(where: string, prop: string, url: string): string {
  if (typeof url !== 'string') invalid(where, prop, `is ${describe(url)}, not a string`, 'an absolute https:// URL');
  if (Token.isUnresolved(url)) return url;
  checkLiteral(where, prop, url);
  const parsed = parseUrl(url);
  if (!parsed || parsed.protocol !== 'https:') invalid(where, prop, `${describe(url)} is not an https URL`, 'an absolute https:// URL');
  return url;
}

/** Properties of `ValidateJwt`. */
export interface ValidateJwtProps {
  /**
   * OpenID Connect metadata URLs the signing keys are read from, e.g.
   * `https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration`.
   */
  readonly openIdConfigUrls: string[];
  /** Accepted `aud` values; at least one. */
  readonly audiences: string[];
  /** Accepted `iss` values; at least one. */
  readonly issuers: string[];
  /**
   * Claims the token must carry.
   * @default - none
   */
  readonly requiredClaims?: RequiredClaim[];
  /**
   * The header that carries the token.
   * @default 'Authorization'
   */
  readonly headerName?: string;
  /**
   * Status returned when validation fails.
   * @default 401
   */
  readonly failedValidationHttpCode?: number;
  /**
   * Message returned when validation fails (an on-error handler may replace it).
   * @default 'Unauthorized'
   */
  readonly failedValidationErrorMessage?: string;
  /**
   * Allowed clock skew in seconds.
   * @default 0 seconds beyond APIM's own default
   */
  readonly clockSkewSeconds?: number;
  /**
   * Context variable that receives the validated token.
   * @default - not stored
   */
  readonly outputTokenVariableName?: string;
}

/**
 * `validate-jwt`: validates a bearer token's signature, expiry, audience, issuer and claims.
 * Expiration time, signed tokens and the Bearer scheme are always required.
 */
export class ValidateJwt extends PolicyElement {
  private readonly node: XmlNode;

  constructor(props: ValidateJwtProps) {
    super('validate-jwt', [PolicySection.INBOUND]);
    const w = 'validate-jwt';
    checkProps(w, props);
    const urls = checkNonEmpty(w, 'openIdConfigUrls', props.openIdConfigUrls).map((u, i) => checkUrl(w, `openIdConfigUrls[${i}]`, u));
    this.node = el('validate-jwt', {
      'header-name': checkHeaderName(w, 'headerName', orDefault(props.headerName, 'Authorization')),
      'failed-validation-httpcode': checkStatus(w, 'failedValidationHttpCode', props.failedValidationHttpCode) ?? 401,
      'failed-validation-error-message': checkNonBlankLiteral(w, 'failedValidationErrorMessage', orDefault(props.failedValidationErrorMessage, 'Unauthorized')),
      'require-expiration-time': 'true',
      'require-scheme': 'Bearer',
      'require-signed-tokens': 'true',
      'clock-skew': props.clockSkewSeconds === undefined ? undefined : checkInteger(w, 'clockSkewSeconds', props.clockSkewSeconds, 0, 300),
      'output-token-variable-name': props.outputTokenVariableName === undefined ? undefined : checkNonBlankLiteral(w, 'outputTokenVariableName', props.outputTokenVariableName),
    }, [
      ...urls.map((u) => el('openid-config', { url: u })),
      listNode(w, 'audiences', 'audiences', 'audience', props.audiences, true),
      listNode(w, 'issuers', 'issuers', 'issuer', props.issuers, true),
      claimsNode(w, props.requiredClaims),
    ]);
  }

  /** @internal */
  public _toNode(): XmlNode {
    return this.node;
  }
}

/** Properties of `ValidateAzureAdToken`. */
export interface ValidateAzureAdTokenProps {
  /** The Entra ID tenant id (GUID) whose tokens are accepted. */
  readonly tenantId: string;
  /** Accepted `aud` values (application ID URIs or client ids); at least one. */
  readonly audiences: string[];
  /**
   * Client application ids allowed to call (the `azp`/`appid` of the token); at least one.
   * APIM rejects the policy without `<client-application-ids>` (the 2022 policy reference
   * marks it required; MicrosoftDocs/azure-docs#121338 and #121329 report APIM refusing it
   * although later pages call it optional), so it is always written. To accept any client
   * of the tenant, use `ValidateJwt` with the tenant's OpenID configuration.
   */
  readonly clientApplicationIds: string[];
  /**
   * Claims the token must carry.
   * @default - none
   */
  readonly requiredClaims?: RequiredClaim[];
  /**
   * The header that carries the token.
   * @default 'Authorization'
   */
  readonly headerName?: string;
  /**
   * Status returned when validation fails.
   * @default 401
   */
  readonly failedValidationHttpCode?: number;
  /**
   * Message returned when validation fails.
   * @default 'Unauthorized'
   */
  readonly failedValidationErrorMessage?: string;
  /**
   * Context variable that receives the validated token.
   * @default - not stored
   */
  readonly outputTokenVariableName?: string;
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * `validate-azure-ad-token`: validates a Microsoft Entra ID token for one tenant, issued to one
 * of the listed client applications, in the form APIM is documented to accept: with
 * `<client-application-ids>` always present.
 */
export class ValidateAzureAdToken extends PolicyElement {
  private readonly node: XmlNode;

  constructor(props: ValidateAzureAdTokenProps) {
    super('validate-azure-ad-token', [PolicySection.INBOUND]);
    const w = 'validate-azure-ad-token';
    checkProps(w, props);
    if (typeof props.tenantId !== 'string' || (!Token.isUnresolved(props.tenantId) && !GUID.test(props.tenantId))) {
      invalid(w, 'tenantId', `${describe(props.tenantId)} is not a tenant id`, 'a GUID such as 00000000-0000-0000-0000-000000000000');
    }
    this.node = el('validate-azure-ad-token', {
      'tenant-id': props.tenantId,
      'header-name': checkHeaderName(w, 'headerName', orDefault(props.headerName, 'Authorization')),
      'failed-validation-httpcode': checkStatus(w, 'failedValidationHttpCode', props.failedValidationHttpCode) ?? 401,
      'failed-validation-error-message': checkNonBlankLiteral(w, 'failedValidationErrorMessage', orDefault(props.failedValidationErrorMessage, 'Unauthorized')),
      'output-token-variable-name': props.outputTokenVariableName === undefined ? undefined : checkNonBlankLiteral(w, 'outputTokenVariableName', props.outputTokenVariableName),
    }, [
      listNode(w, 'clientApplicationIds', 'client-application-ids', 'application-id', props.clientApplicationIds, true,
        'at least one client application id (APIM rejects validate-azure-ad-token without <client-application-ids>); to accept any client of the tenant use validate-jwt'),
      listNode(w, 'audiences', 'audiences', 'audience', props.audiences, true),
      claimsNode(w, props.requiredClaims),
    ]);
  }

  /** @internal */
  public _toNode(): XmlNode {
    return this.node;
  }
}

/** Properties of `AuthenticationManagedIdentity`. */
export interface AuthenticationManagedIdentityProps {
  /** The App ID URI or application id of the backend the token is for, e.g. `https://fhir.example.azurehealthcareapis.com`. */
  readonly resource: string;
  /**
   * Client id of a user-assigned identity.
   * @default - the system-assigned identity
   */
  readonly clientId?: string;
  /**
   * Context variable that receives the token.
   * @default - the token is set as the Authorization header
   */
  readonly outputTokenVariableName?: string;
}

/** `authentication-managed-identity`: calls the backend with the gateway's managed identity, so no backend secret exists. */
export class AuthenticationManagedIdentity extends PolicyElement {
  private readonly node: XmlNode;

  constructor(props: AuthenticationManagedIdentityProps) {
    super('authentication-managed-identity', [PolicySection.INBOUND]);
    const w = 'authentication-managed-identity';
    checkProps(w, props);
    this.node = el(w, {
      'resource': checkNonBlankLiteral(w, 'resource', props.resource, 'the backend App ID URI or application id'),
      'client-id': props.clientId === undefined ? undefined : checkNonBlankLiteral(w, 'clientId', props.clientId, 'the client id of a user-assigned identity'),
      'output-token-variable-name': props.outputTokenVariableName === undefined ? undefined : checkNonBlankLiteral(w, 'outputTokenVariableName', props.outputTokenVariableName),
      'ignore-error': 'false',
    });
  }

  /** @internal */
  public _toNode(): XmlNode {
    return this.node;
  }
}

/** Properties of `CheckHeader`. */
export interface CheckHeaderProps {
  /** The header to check. */
  readonly name: string;
  /** Accepted values; at least one. */
  readonly values: string[];
  /**
   * Status returned when the check fails.
   * @default 403
   */
  readonly failedCheckHttpCode?: number;
  /**
   * Message returned when the check fails.
   * @default 'Forbidden'
   */
  readonly failedCheckErrorMessage?: string;
  /**
   * Whether values are compared case-insensitively.
   * @default false
   */
  readonly ignoreCase?: boolean;
}

/** `check-header`: requires a header to be present with one of the given values. */
export class CheckHeader extends PolicyElement {
  private readonly node: XmlNode;

  constructor(props: CheckHeaderProps) {
    super('check-header', [PolicySection.INBOUND]);
    const w = 'check-header';
    checkProps(w, props);
    const name = checkHeaderName(w, 'name', props.name);
    const values = checkNonEmpty(w, 'values', props.values);
    values.forEach((v, i) => checkLiteral(w, `values[${i}]`, v));
    this.node = el(w, {
      'name': name,
      'failed-check-httpcode': checkStatus(w, 'failedCheckHttpCode', props.failedCheckHttpCode) ?? 403,
      'failed-check-error-message': checkNonBlankLiteral(w, 'failedCheckErrorMessage', orDefault(props.failedCheckErrorMessage, 'Forbidden')),
      'ignore-case': String(checkBoolean(w, 'ignoreCase', props.ignoreCase, false)),
    }, values.map((v) => el('value', {}, [text(v)])));
  }

  /** @internal */
  public _toNode(): XmlNode {
    return this.node;
  }
}
