import { Token } from 'cdktf';
import { ALL_SECTIONS, PolicyElement, PolicySection } from './element';
import { checkHeaderName, checkHttpMethod, checkInteger, checkOptionalEnum, checkProps, orDefault } from './validate';
import { checkLiteral, PolicyValue, valueText } from './value';
import { el, text, XmlNode } from './xml';
import { invalid } from '../core/errors';
import { checkArray, checkBoolean, describe, enumValues, parseUrl } from '../core/validation';

/** What `set-header` does when the header already exists. */
export enum HeaderExistsAction {
  /** Replace the existing value. */
  OVERRIDE = 'override',
  /** Keep the existing value. */
  SKIP = 'skip',
  /** Add the value to the existing ones. */
  APPEND = 'append',
  /** Remove the header. */
  DELETE = 'delete',
}

/** Headers APIM does not let policies change. */
const PROTECTED_HEADERS = ['connection', 'content-length', 'keep-alive', 'transfer-encoding'];

/** Properties of `SetHeader`. */
export interface SetHeaderProps {
  /** The header name. */
  readonly name: string;
  /**
   * What to do when the header exists.
   * @default HeaderExistsAction.OVERRIDE
   */
  readonly existsAction?: HeaderExistsAction;
  /**
   * The values to set; required unless the action is DELETE.
   * @default - none (only valid with DELETE)
   */
  readonly values?: PolicyValue[];
}

/** `set-header`: sets, appends or deletes a request or response header. */
export class SetHeader extends PolicyElement {
  /** Sets a header to one literal value, replacing any existing value. */
  public static override(name: string, value: string): SetHeader {
    checkLiteral('set-header', 'value', value);
    return new SetHeader({ name, values: [PolicyValue.literal(value)] });
  }

  /** Removes a header. */
  public static remove(name: string): SetHeader {
    return new SetHeader({ name, existsAction: HeaderExistsAction.DELETE });
  }

  private readonly node: XmlNode;

  constructor(props: SetHeaderProps) {
    super('set-header', ALL_SECTIONS);
    const w = 'set-header';
    checkProps(w, props);
    const name = checkHeaderName(w, 'name', props.name);
    const action = checkOptionalEnum(w, 'existsAction', props.existsAction, enumValues(HeaderExistsAction), HeaderExistsAction.OVERRIDE);
    if (PROTECTED_HEADERS.includes(name.toLowerCase())) {
      invalid(w, 'name', `'${name}' cannot be changed by APIM policy`, `any header except ${PROTECTED_HEADERS.join(', ')}`);
    }
    if (name.toLowerCase() === 'server' && action === HeaderExistsAction.DELETE) {
      invalid(w, 'name', "'Server' cannot be removed by APIM policy", 'headers APIM lets policies remove, e.g. X-Powered-By');
    }
    const values = props.values === undefined ? [] : checkArray<PolicyValue>(w, 'values', props.values);
    if (action === HeaderExistsAction.DELETE && values.length > 0) invalid(w, 'values', 'is set with the delete action', 'no values when deleting');
    if (action !== HeaderExistsAction.DELETE && values.length === 0) invalid(w, 'values', 'is empty', 'at least one value unless existsAction is DELETE');
    this.node = el(w, { 'name': name, 'exists-action': action }, values.map((v, i) => el('value', {}, [text(valueText(w, `values[${i}]`, v))])));
  }

  /** @internal */
  public _toNode(): XmlNode {
    return this.node;
  }
}

/** Properties of `Cors`. */
export interface CorsProps {
  /** Origins allowed to call, as `https://host[:port]`, or `*` (never with credentials). */
  readonly allowedOrigins: string[];
  /**
   * Methods allowed in cross-origin calls.
   * @default ['GET']
   */
  readonly allowedMethods?: string[];
  /**
   * Request headers allowed in cross-origin calls.
   * @default ['Authorization', 'Content-Type']
   */
  readonly allowedHeaders?: string[];
  /**
   * Response headers exposed to the browser.
   * @default - none
   */
  readonly exposeHeaders?: string[];
  /**
   * Whether cookies and credentials may be sent. Not allowed with the `*` origin.
   * @default false
   */
  readonly allowCredentials?: boolean;
  /**
   * How long browsers may cache the preflight result, in seconds.
   * @default 300
   */
  readonly preflightResultMaxAgeSeconds?: number;
}

/** `cors`: a cross-origin allow list. Place it first in the inbound section. */
export class Cors extends PolicyElement {
  private readonly node: XmlNode;

  constructor(props: CorsProps) {
    super('cors', [PolicySection.INBOUND]);
    const w = 'cors';
    checkProps(w, props);
    const origins = props.allowedOrigins === undefined ? [] : checkArray<string>(w, 'allowedOrigins', props.allowedOrigins);
    if (origins.length === 0) invalid(w, 'allowedOrigins', 'is empty', 'at least one https origin');
    origins.forEach((o, i) => checkOrigin(w, `allowedOrigins[${i}]`, o));
    const credentials = checkBoolean(w, 'allowCredentials', props.allowCredentials, false);
    if (credentials && origins.includes('*')) {
      invalid(w, 'allowCredentials', "is true with the wildcard origin '*'", 'explicit origins when credentials are allowed');
    }
    const listOf = (prop: string, value: string[] | undefined, fallback: string[]) =>
      (value === undefined ? fallback : checkArray<string>(w, prop, value));
    const methods = listOf('allowedMethods', props.allowedMethods, ['GET']).map((m, i) => checkHttpMethod(w, `allowedMethods[${i}]`, m));
    const headers = listOf('allowedHeaders', props.allowedHeaders, ['Authorization', 'Content-Type'])
      .map((h, i) => checkHeaderName(w, `allowedHeaders[${i}]`, h));
    const expose = listOf('exposeHeaders', props.exposeHeaders, []).map((h, i) => checkHeaderName(w, `exposeHeaders[${i}]`, h));
    const list = (name: string, child: string, values: string[], attrs: Record<string, string | number> = {}) =>
      el(name, attrs, values.map((v) => el(child, {}, [text(v)])));
    this.node = el(w, { 'allow-credentials': String(credentials), 'terminate-unmatched-request': 'true' }, [
      list('allowed-origins', 'origin', origins),
      list('allowed-methods', 'method', methods, {
        'preflight-result-max-age': checkInteger(w, 'preflightResultMaxAgeSeconds', orDefault(props.preflightResultMaxAgeSeconds, 300), 0, 86_400),
      }),
      list('allowed-headers', 'header', headers),
      expose.length ? list('expose-headers', 'header', expose) : undefined,
    ]);
  }

  /** @internal */
  public _toNode(): XmlNode {
    return this.node;
  }
}

/** Checks a CORS origin: `*` or an https origin with no path, query or credentials. */
export function checkOrigin(where: string, prop: string, origin: string): string {
  if (typeof origin !== 'string') invalid(where, prop, `is ${describe(origin)}, not a string`, "'*' or https://host[:port] with no path, query or trailing slash");
  if (origin === '*' || Token.isUnresolved(origin)) return origin;
  const url = parseUrl(origin);
  if (!url || url.protocol !== 'https:' || url.origin !== origin || url.username || url.password) {
    invalid(where, prop, `${describe(origin)} is not an https origin`, "'*' or https://host[:port] with no path, query or trailing slash");
  }
  return origin;
}
