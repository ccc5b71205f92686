import { PolicyElement, PolicySection } from './element';
import { checkHeaderName, checkInteger, checkNonEmpty, checkOneOf, checkOptionalEnum, checkOptionalObject, checkProps } from './validate';
import { checkNonBlankLiteral } from './value';
import { el, XmlNode } from './xml';
import { invalid } from '../core/errors';
import { checkArray, checkBoolean, checkObject, describe, enumValues } from '../core/validation';

/** What a validate-* policy does when its check fails. */
export enum ValidationAction {
  /** Nothing; the check is skipped. */
  IGNORE = 'ignore',
  /** The request or response is stopped (400 inbound, 502 outbound). */
  PREVENT = 'prevent',
  /** The failure is logged and the call goes on. */
  DETECT = 'detect',
}

/** Largest body `validate-content` can inspect, in bytes (4 MiB). */
export const MAX_VALIDATE_CONTENT_SIZE = 4 * 1024 * 1024;

/** How a content type's body is validated. */
export enum ContentValidationFormat {
  /** JSON. */
  JSON = 'json',
  /** XML. */
  XML = 'xml',
  /** SOAP. */
  SOAP = 'soap',
}

/** One allowed content type in `validate-content`. */
export interface ContentTypeRule {
  /** The media type, e.g. `application/json`. */
  readonly type: string;
  /**
   * The format the body is validated as.
   * @default ContentValidationFormat.JSON
   */
  readonly validateAs?: ContentValidationFormat;
  /**
   * Id of a schema registered on the API (or globally) to validate against.
   * @default - the API definition's schema, if any
   */
  readonly schemaId?: string;
  /**
   * What happens when the body does not match.
   * @default ValidationAction.PREVENT
   */
  readonly action?: ValidationAction;
  /**
   * Whether properties the schema does not declare are allowed.
   * @default - the schema decides
   */
  readonly allowAdditionalProperties?: boolean;
}

/** Properties of `ValidateContent`. */
export interface ValidateContentProps {
  /** Largest body accepted, in bytes (1 to 4,194,304). */
  readonly maxSizeBytes: number;
  /** Content types accepted; at least one. */
  readonly contentTypes: ContentTypeRule[];
  /**
   * What happens to a body whose content type is not listed.
   * @default ValidationAction.PREVENT
   */
  readonly unspecifiedContentTypeAction?: ValidationAction;
  /**
   * What happens to a body over `maxSizeBytes`.
   * @default ValidationAction.PREVENT
   */
  readonly sizeExceededAction?: ValidationAction;
  /**
   * Context variable that collects the errors.
   * @default - not collected
   */
  readonly errorsVariableName?: string;
}

const VALIDATION_ACTIONS: ReadonlyArray<ValidationAction> = Object.values(ValidationAction);

/** The `errors-variable-name` of a validate-* element: unset, or a non-blank literal. */
function errorsVariable(where: string, name: string | undefined): string | undefined {
  return name === undefined ? undefined : checkNonBlankLiteral(where, 'errorsVariableName', name, 'a context variable name');
}

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i;

/** `validate-content`: size limit, content-type allow list and schema validation of a body. */
export class ValidateContent extends PolicyElement {
  private readonly node: XmlNode;

  constructor(props: ValidateContentProps) {
    super('validate-content', [PolicySection.INBOUND, PolicySection.OUTBOUND, PolicySection.ON_ERROR]);
    const w = 'validate-content';
    checkProps(w, props);
    if (props.contentTypes === undefined || (Array.isArray(props.contentTypes) && props.contentTypes.length === 0)) {
      invalid(w, 'contentTypes', 'is empty', 'at least one content type');
    }
    checkArray(w, 'contentTypes', props.contentTypes);
    const rules = props.contentTypes.map((c, i) => {
      const p = `contentTypes[${i}]`;
      checkObject(w, p, c);
      if (typeof c.type !== 'string' || c.type.length > 255 || !MEDIA_TYPE.test(c.type)) {
        invalid(w, `${p}.type`, `${describe(c.type)} is not a media type`, 'type/subtype such as application/json');
      }
      return el('content', {
        'type': c.type,
        'validate-as': checkOptionalEnum(w, `${p}.validateAs`, c.validateAs, enumValues(ContentValidationFormat), ContentValidationFormat.JSON),
        'schema-id': c.schemaId === undefined ? undefined : checkNonBlankLiteral(w, `${p}.schemaId`, c.schemaId, 'the id of a schema'),
        'action': checkOptionalEnum(w, `${p}.action`, c.action, VALIDATION_ACTIONS, ValidationAction.PREVENT),
        'allow-additional-properties': c.allowAdditionalProperties === undefined ? undefined
          : String(checkBoolean(w, `${p}.allowAdditionalProperties`, c.allowAdditionalProperties, false)),
      });
    });
    const types = props.contentTypes.map((c) => c.type.toLowerCase());
    const dup = types.find((t, i) => types.indexOf(t) !== i);
    if (dup) invalid(w, 'contentTypes', `lists '${dup}' twice`, 'each content type once');
    this.node = el(w, {
      'unspecified-content-type-action': checkOptionalEnum(w, 'unspecifiedContentTypeAction', props.unspecifiedContentTypeAction, VALIDATION_ACTIONS, ValidationAction.PREVENT),
      'max-size': checkInteger(w, 'maxSizeBytes', props.maxSizeBytes, 1, MAX_VALIDATE_CONTENT_SIZE),
      'size-exceeded-action': checkOptionalEnum(w, 'sizeExceededAction', props.sizeExceededAction, VALIDATION_ACTIONS, ValidationAction.PREVENT),
      'errors-variable-name': errorsVariable(w, props.errorsVariableName),
    }, rules);
  }

  /** @internal */
  public _toNode(): XmlNode {
    return this.node;
  }
}

/**
 * Actions of one parameter location of `validate-parameters` that has undeclared parameters:
 * `<headers>` or `<query>`. Each unset action is the `validate-parameters` element's.
 */
export interface ParameterLocationActions {
  /**
   * Action for parameters of this location that the API declares but whose values do not match.
   * @default - the element's `specifiedParameterAction`
   */
  readonly specifiedParameterAction?: ValidationAction;
  /**
   * Action for parameters of this location that the API does not declare.
   * @default - the element's `unspecifiedParameterAction`
   */
  readonly unspecifiedParameterAction?: ValidationAction;
}

/**
 * Actions of the `<path>` location of `validate-parameters`. It has no undeclared parameters:
 * the URL template declares every one, and a path that matches no operation is answered 404.
 */
export interface PathParameterActions {
  /**
   * Action for path parameters whose values do not match their declared type.
   * @default - the element's `specifiedParameterAction`
   */
  readonly specifiedParameterAction?: ValidationAction;
}

/** Properties of `ValidateParameters`. */
export interface ValidateParametersProps {
  /**
   * Action for parameters the API declares but whose values do not match, in every location
   * that does not set its own.
   * @default ValidationAction.PREVENT
   */
  readonly specifiedParameterAction?: ValidationAction;
  /**
   * Action for parameters the API does not declare, in every location that does not set its
   * own. With PREVENT and no `headers` override, every header a client or gateway adds
   * (User-Agent, Accept, X-Forwarded-For, traceparent, ...) is refused unless the operation
   * declares it; set `headers.unspecifiedParameterAction` to IGNORE to validate only the
   * declared headers.
   * @default ValidationAction.PREVENT
   */
  readonly unspecifiedParameterAction?: ValidationAction;
  /**
   * Actions for request headers (`<headers>`), overriding the element's.
   * @default - the element's actions
   */
  readonly headers?: ParameterLocationActions;
  /**
   * Actions for query parameters (`<query>`), overriding the element's.
   * @default - the element's actions
   */
  readonly query?: ParameterLocationActions;
  /**
   * Actions for path parameters (`<path>`), overriding the element's.
   * @default - the element's `specifiedParameterAction`
   */
  readonly path?: PathParameterActions;
  /**
   * Context variable that collects the errors.
   * @default - not collected
   */
  readonly errorsVariableName?: string;
}

/**
 * `validate-parameters`: refuses malformed query, path and header parameters, and undeclared
 * ones per location. The `<headers>`, `<query>` and `<path>` children are always written with
 * their resolved actions, so the policy shows what each location does.
 */
export class ValidateParameters extends PolicyElement {
  private readonly node: XmlNode;

  constructor(props: ValidateParametersProps = {}) {
    super('validate-parameters', [PolicySection.INBOUND]);
    const w = 'validate-parameters';
    checkProps(w, props);
    checkOptionalObject(w, 'headers', props.headers);
    checkOptionalObject(w, 'query', props.query);
    checkOptionalObject(w, 'path', props.path);
    const action = (prop: string, value: ValidationAction | undefined, inherited: ValidationAction) =>
      value === undefined ? inherited : checkOneOf(w, prop, value, VALIDATION_ACTIONS);
    const specified = action('specifiedParameterAction', props.specifiedParameterAction, ValidationAction.PREVENT);
    const unspecified = action('unspecifiedParameterAction', props.unspecifiedParameterAction, ValidationAction.PREVENT);
    const location = (name: 'headers' | 'query') => el(name, {
      'specified-parameter-action': action(`${name}.specifiedParameterAction`, props[name]?.specifiedParameterAction, specified),
      'unspecified-parameter-action': action(`${name}.unspecifiedParameterAction`, props[name]?.unspecifiedParameterAction, unspecified),
    });
    if (props.path !== undefined && (props.path as ParameterLocationActions).unspecifiedParameterAction !== undefined) {
      invalid(w, 'path.unspecifiedParameterAction', 'is set, but every path parameter is declared by the URL template',
        'only path.specifiedParameterAction; a path that matches no operation is answered 404');
    }
    const path = el('path', { 'specified-parameter-action': action('path.specifiedParameterAction', props.path?.specifiedParameterAction, specified) });
    this.node = el(w, {
      'specified-parameter-action': specified,
      'unspecified-parameter-action': unspecified,
      'errors-variable-name': errorsVariable(w, props.errorsVariableName),
    }, [location('headers'), location('query'), path]);
  }

  /** @internal */
  public _toNode(): XmlNode {
    return this.node;
  }
}

/** Properties of `ValidateHeaders`. */
export interface ValidateHeadersProps {
  /**
   * Action for declared response headers whose values do not match.
   * @default ValidationAction.PREVENT
   */
  readonly specifiedHeaderAction?: ValidationAction;
  /**
   * Action for response headers the API does not declare.
   * @default ValidationAction.PREVENT
   */
  readonly unspecifiedHeaderAction?: ValidationAction;
  /**
   * Headers let through whatever the API declares (e.g. the security headers added at global scope).
   * @default - none
   */
  readonly allowedHeaders?: string[];
  /**
   * Context variable that collects the errors.
   * @default - not collected
   */
  readonly errorsVariableName?: string;
}

/** `validate-headers`: stops response headers the API does not declare (outbound and on-error only). */
export class ValidateHeaders extends PolicyElement {
  private readonly node: XmlNode;

  constructor(props: ValidateHeadersProps = {}) {
    super('validate-headers', [PolicySection.OUTBOUND, PolicySection.ON_ERROR]);
    const w = 'validate-headers';
    checkProps(w, props);
    const allowed = props.allowedHeaders === undefined ? [] : checkNonEmpty(w, 'allowedHeaders', props.allowedHeaders);
    this.node = el(w, {
      'specified-header-action': checkOptionalEnum(w, 'specifiedHeaderAction', props.specifiedHeaderAction, VALIDATION_ACTIONS, ValidationAction.PREVENT),
      'unspecified-header-action': checkOptionalEnum(w, 'unspecifiedHeaderAction', props.unspecifiedHeaderAction, VALIDATION_ACTIONS, ValidationAction.PREVENT),
      'errors-variable-name': errorsVariable(w, props.errorsVariableName),
    }, allowed.map((h, i) => el('header', { name: checkHeaderName(w, `allowedHeaders[${i}]`, h), action: ValidationAction.IGNORE })));
  }

  /** @internal */
  public _toNode(): XmlNode {
    return this.node;
  }
}

/** Properties of `ValidateStatusCode`. */
export interface ValidateStatusCodeProps {
  /**
   * Action for status codes the API does not declare.
   * @default ValidationAction.PREVENT
   */
  readonly unspecifiedStatusCodeAction?: ValidationAction;
  /**
   * Status codes let through whatever the API declares (e.g. 429 from the gateway's own limits).
   * @default - none
   */
  readonly allowedStatusCodes?: number[];
  /**
   * Context variable that collects the errors.
   * @default - not collected
   */
  readonly errorsVariableName?: string;
}

/** `validate-status-code`: stops responses whose status the API does not declare, so backend error details do not leak. */
export class ValidateStatusCode extends PolicyElement {
  private readonly node: XmlNode;

  constructor(props: ValidateStatusCodeProps = {}) {
    super('validate-status-code', [PolicySection.OUTBOUND, PolicySection.ON_ERROR]);
    const w = 'validate-status-code';
    checkProps(w, props);
    const codes = props.allowedStatusCodes === undefined ? [] : checkArray<number>(w, 'allowedStatusCodes', props.allowedStatusCodes);
    this.node = el(w, {
      'unspecified-status-code-action': checkOptionalEnum(w, 'unspecifiedStatusCodeAction', props.unspecifiedStatusCodeAction, VALIDATION_ACTIONS, ValidationAction.PREVENT),
      'errors-variable-name': errorsVariable(w, props.errorsVariableName),
    }, codes.map((c, i) => el('status-code', { code: checkInteger(w, `allowedStatusCodes[${i}]`, c, 100, 599), action: ValidationAction.IGNORE })));
  }

  /** @internal */
  public _toNode(): XmlNode {
    return this.node;
  }
}
