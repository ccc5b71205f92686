import { Token } from 'cdktf';
import { ALL_SECTIONS, PolicyElement, PolicySection } from './element';
import { checkElements, checkHeaderName, checkInteger, checkProps, checkVariableName } from './validate';
import { checkExpression, checkLiteral, checkNonBlankLiteral, checkPolicyValue, PolicyValue, valueText } from './value';
import { el, text, XmlNode } from './xml';
import { invalid } from '../core/errors';
import { checkArray, checkBoolean, checkObject, describe } from '../core/validation';

/** One branch of `Choose`. */
export interface ChooseBranch {
  /** A boolean policy expression. */
  readonly condition: PolicyValue;
  /** Elements applied when the condition is true; at least one. */
  readonly elements: PolicyElement[];
}

/** Properties of `Choose`. */
export interface ChooseProps {
  /** The `when` branches, tried in order; at least one. */
  readonly branches: ChooseBranch[];
  /**
   * Elements applied when no branch matched.
   * @default - nothing
   */
  readonly otherwise?: PolicyElement[];
}

/** `choose` / `when` / `otherwise`: conditional policy. Allowed wherever all its children are. */
export class Choose extends PolicyElement {
  private readonly node: XmlNode;
  private readonly children: PolicyElement[];

  constructor(props: ChooseProps) {
    const branches = checkChoose(props);
    const children = [...branches.flatMap((b) => b.elements), ...(props.otherwise ?? [])];
    super('choose', ALL_SECTIONS.filter((s) => children.every((c) => c.allowedIn(s))));
    this.children = children;
    const w = 'choose';
    const whens = branches.map((b) => el('when', { condition: b.condition.text }, b.elements.map((e) => e._toNode())));
    const otherwise = props.otherwise && props.otherwise.length > 0
      ? el('otherwise', {}, props.otherwise.map((e) => e._toNode())) : undefined;
    if (this.allowedSections.length === 0) {
      invalid(w, 'branches', 'mixes elements that share no section', 'children that can all stand in one section');
    }
    this.node = el(w, {}, [...whens, otherwise]);
  }

  /** @internal */
  public _statementNames(): string[] {
    return [this.elementName, ...this.children.flatMap((c) => c._statementNames())];
  }

  /** @internal */
  public _toNode(): XmlNode {
    return this.node;
  }
}

/** Checks the props of `Choose` before its sections are worked out; returns the branches. */
function checkChoose(props: ChooseProps): ChooseBranch[] {
  const w = 'choose';
  checkProps(w, props);
  if (props.branches === undefined || (Array.isArray(props.branches) && props.branches.length === 0)) {
    invalid(w, 'branches', 'is empty', 'at least one when branch');
  }
  const branches = checkArray<ChooseBranch>(w, 'branches', props.branches);
  branches.forEach((b, i) => {
    checkObject(w, `branches[${i}]`, b);
    checkExpression(w, `branches[${i}].condition`, b.condition);
    if (b.elements === undefined || (Array.isArray(b.elements) && b.elements.length === 0)) invalid(w, `branches[${i}].elements`, 'is empty', 'at least one element');
    checkElements(w, `branches[${i}].elements`, b.elements);
  });
  if (props.otherwise !== undefined) checkElements(w, 'otherwise', props.otherwise);
  return branches;
}

/**
 * Checks the headers of a return-response (`ResponseHeader` objects with a header name and a
 * PolicyValue); `prop` is the list's prop as the user wrote it.
 * @internal
 */
export function checkResponseHeaders(where: string, prop: string, headers: ResponseHeader[] | undefined): ResponseHeader[] {
  if (headers === undefined) return [];
  return checkArray<ResponseHeader>(where, prop, headers).map((h, i) => {
    checkObject(where, `${prop}[${i}]`, h);
    checkHeaderName(where, `${prop}[${i}].name`, h.name);
    valueText(where, `${prop}[${i}].value`, h.value);
    return h;
  });
}

/** A header on a `ReturnResponse`. */
export interface ResponseHeader {
  /** The header name. */
  readonly name: string;
  /** The header value. */
  readonly value: PolicyValue;
}

/** Properties of `ReturnResponse`. */
export interface ReturnResponseProps {
  /**
   * The status code, 100 to 599.
   * @default - statusCodeExpression must be given
   */
  readonly statusCode?: number;
  /**
   * An expression that computes the status code at run time.
   * @default - statusCode must be given
   */
  readonly statusCodeExpression?: PolicyValue;
  /**
   * The reason phrase.
   * @default - none
   */
  readonly reason?: string;
  /**
   * Response headers.
   * @default - none
   */
  readonly headers?: ResponseHeader[];
  /**
   * The response body.
   * @default - empty
   */
  readonly body?: PolicyValue;
}

/** `return-response`: ends the pipeline and returns the given response. */
export class ReturnResponse extends PolicyElement {
  private readonly node: XmlNode;

  constructor(props: ReturnResponseProps) {
    super('return-response', ALL_SECTIONS);
    const w = 'return-response';
    checkProps(w, props);
    if ((props.statusCode === undefined) === (props.statusCodeExpression === undefined)) {
      invalid(w, 'statusCode', 'and statusCodeExpression are both set or both unset', 'exactly one of statusCode and statusCodeExpression');
    }
    if (props.statusCodeExpression !== undefined) checkExpression(w, 'statusCodeExpression', props.statusCodeExpression);
    const status = el('set-status', {
      code: props.statusCode !== undefined ? checkInteger(w, 'statusCode', props.statusCode, 100, 599) : props.statusCodeExpression!.text,
      reason: props.reason === undefined ? undefined : checkNonBlankLiteral(w, 'reason', props.reason, 'a reason phrase such as Forbidden'),
    });
    const headers = checkResponseHeaders(w, 'headers', props.headers).map((h, i) => el('set-header', { 'name': checkHeaderName(w, `headers[${i}].name`, h.name), 'exists-action': 'override' },
      [el('value', {}, [text(valueText(w, `headers[${i}].value`, h.value))])]));
    const body = props.body === undefined ? undefined : el('set-body', {}, [text(valueText(w, 'body', props.body))]);
    this.node = el(w, {}, [status, ...headers, body]);
  }

  /** @internal */
  public _toNode(): XmlNode {
    return this.node;
  }
}

/** Properties of `SetBackendService`. */
export interface SetBackendServiceProps {
  /**
   * Id of an `azurerm_api_management_backend` (its name) to route to.
   * @default - baseUrl must be given
   */
  readonly backendId?: string;
  /**
   * An https base URL to route to.
   * @default - backendId must be given
   */
  readonly baseUrl?: string;
}

/** `set-backend-service`: routes the request to a backend entity or an https URL. */
export class SetBackendService extends PolicyElement {
  private readonly node: XmlNode;

  constructor(props: SetBackendServiceProps) {
    super('set-backend-service', [PolicySection.INBOUND, PolicySection.BACKEND]);
    const w = 'set-backend-service';
    checkProps(w, props);
    if ((props.backendId === undefined) === (props.baseUrl === undefined)) {
      invalid(w, 'backendId', 'and baseUrl are both set or both unset', 'exactly one of backendId and baseUrl');
    }
    if (props.backendId !== undefined) checkNonBlankLiteral(w, 'backendId', props.backendId, 'the name of an azurerm_api_management_backend');
    if (props.baseUrl !== undefined && (typeof props.baseUrl !== 'string' || (!Token.isUnresolved(props.baseUrl) && !/^https:\/\/[^\s]+$/.test(props.baseUrl)))) {
      invalid(w, 'baseUrl', `${describe(props.baseUrl)} is not an https URL`, 'an https:// URL');
    }
    this.node = el(w, {
      'backend-id': props.backendId === undefined ? undefined : checkLiteral(w, 'backendId', props.backendId),
      'base-url': props.baseUrl === undefined ? undefined : checkLiteral(w, 'baseUrl', props.baseUrl),
    });
  }

  /** @internal */
  public _toNode(): XmlNode {
    return this.node;
  }
}

/** Properties of `RewriteUri`. */
export interface RewriteUriProps {
  /**
   * The backend path template, starting with `/`; `{name}` copies a template parameter of the
   * operation, e.g. `/Patient/{id}`.
   */
  readonly template: string;
  /**
   * Whether query parameters not in the template are passed on.
   * @default true
   */
  readonly copyUnmatchedParams?: boolean;
}

/** `rewrite-uri`: maps the public URL to the backend's path (inbound only). */
export class RewriteUri extends PolicyElement {
  private readonly node: XmlNode;

  constructor(props: RewriteUriProps) {
    super('rewrite-uri', [PolicySection.INBOUND]);
    const w = 'rewrite-uri';
    checkProps(w, props);
    const template = checkLiteral(w, 'template', props.template);
    if (!Token.isUnresolved(template) && !/^\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/{}]*$/.test(template)) {
      invalid(w, 'template', `'${template}' is not a URL path template`, "a path starting with '/' such as /Patient/{id}");
    }
    if (!Token.isUnresolved(template) && /\{(?![A-Za-z_][A-Za-z0-9_-]*\})/.test(template)) {
      invalid(w, 'template', `'${template}' has an unclosed or empty {parameter}`, 'parameters written {name}');
    }
    this.node = el(w, { 'template': template, 'copy-unmatched-params': String(checkBoolean(w, 'copyUnmatchedParams', props.copyUnmatchedParams, true)) });
  }

  /** @internal */
  public _toNode(): XmlNode {
    return this.node;
  }
}

/** Properties of `ForwardRequest`. */
export interface ForwardRequestProps {
  /**
   * Seconds to wait for the backend's response headers before a Timeout error; a number (0 to
   * 240) as a literal, or an expression. APIM's minimum is 0; above 240 seconds the network can
   * drop the idle connection first, so larger literals are refused.
   * @default - APIM's default (300 seconds)
   */
  readonly timeout?: PolicyValue;
  /**
   * Whether the backend's error status codes raise an error (and so run on-error).
   * @default false
   */
  readonly failOnErrorStatusCode?: boolean;
}

/**
 * `forward-request`: sends the request to the backend (global scope's backend section). APIM
 * allows one per policy document; `PolicyDocument` refuses a second, and any below global scope,
 * whose backend section already inherits the global one through `<base />`.
 */
export class ForwardRequest extends PolicyElement {
  private readonly node: XmlNode;

  constructor(props: ForwardRequestProps = {}) {
    super('forward-request', [PolicySection.BACKEND]);
    const w = 'forward-request';
    checkProps(w, props);
    let timeout: string | undefined;
    if (props.timeout !== undefined) {
      timeout = checkPolicyValue(w, 'timeout', props.timeout).text;
      if (!props.timeout.isExpression) checkInteger(w, 'timeout', /^[0-9]+$/.test(timeout) ? Number(timeout) : NaN, 0, 240);
    }
    this.node = el(w, {
      'timeout': timeout,
      'follow-redirects': 'false',
      'fail-on-error-status-code': props.failOnErrorStatusCode === undefined ? undefined : String(checkBoolean(w, 'failOnErrorStatusCode', props.failOnErrorStatusCode, false)),
    });
  }

  /** @internal */
  public _toNode(): XmlNode {
    return this.node;
  }
}

/** Properties of `SetVariable`. */
export interface SetVariableProps {
  /** The variable name. */
  readonly name: string;
  /** The value (an expression for non-string types). */
  readonly value: PolicyValue;
}

/** `set-variable`: stores a value in the request context. */
export class SetVariable extends PolicyElement {
  private readonly node: XmlNode;

  constructor(props: SetVariableProps) {
    super('set-variable', ALL_SECTIONS);
    const w = 'set-variable';
    checkProps(w, props);
    checkVariableName(w, 'name', props.name);
    this.node = el(w, { name: props.name, value: valueText(w, 'value', props.value) });
  }

  /** @internal */
  public _toNode(): XmlNode {
    return this.node;
  }
}
