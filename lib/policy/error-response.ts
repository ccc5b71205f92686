import { ALL_SECTIONS, PolicyElement } from './element';
import { checkResponseHeaders, ResponseHeader, ReturnResponse, ReturnResponseProps } from './flow';
import { checkInteger, checkProps } from './validate';
import { checkNonBlankLiteral, PolicyValue } from './value';
import { XmlNode } from './xml';

/** Quotes a string as a C# regular string literal. */
function csharpString(value: string): string {
  return '"' + value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r/g, '\\r').replace(/\n/g, '\\n')
    // C# also ends a line (and so a string literal) at U+0085, U+2028 and U+2029.
    .replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) + '"';
}

/** C# code that builds the error body from three C# string expressions. */
function bodyCode(code: string, message: string): string {
  return 'new JObject(new JProperty("error", new JObject('
    + `new JProperty("code", ${code}), new JProperty("message", ${message}), `
    + 'new JProperty("requestId", context.RequestId.ToString())))).ToString()';
}

/** Properties of `JsonErrorResponse`. */
export interface JsonErrorResponseProps {
  /** The HTTP status code (400 to 599). */
  readonly statusCode: number;
  /** A stable machine-readable code, e.g. `forbidden`. */
  readonly code: string;
  /** A human-readable message. Never put exception details or PHI here. */
  readonly message: string;
  /**
   * Extra response headers (e.g. the platform's security headers).
   * @default - only Content-Type
   */
  readonly headers?: ResponseHeader[];
}

/**
 * Returns the library's one error shape, `{"error":{"code","message","requestId"}}`, with
 * `context.RequestId` so callers can quote it to support. The JSON is built with JObject at
 * run time, so no message can break it.
 */
export class JsonErrorResponse extends PolicyElement {
  /** A fixed error: status, code and message known when the policy is written. */
  public static of(props: JsonErrorResponseProps): JsonErrorResponse {
    const w = 'JsonErrorResponse';
    checkProps(w, props);
    for (const prop of ['code', 'message'] as const) checkNonBlankLiteral(w, prop, props[prop]);
    checkResponseHeaders(w, 'headers', props.headers);
    return new JsonErrorResponse({
      statusCode: checkInteger(w, 'statusCode', props.statusCode, 400, 599),
      body: PolicyValue.expression(bodyCode(csharpString(props.code), csharpString(props.message))),
      headers: props.headers,
    });
  }

  /**
   * The error response for an on-error section: status, code and message are read from the
   * context variables `error-status` (int), `error-code` and `error-message` (strings), which
   * the platform's on-error handler sets from `context.LastError.Source` (never from the
   * exception message).
   */
  public static fromContextVariables(headers?: ResponseHeader[]): JsonErrorResponse {
    checkResponseHeaders('JsonErrorResponse', 'headers', headers);
    return new JsonErrorResponse({
      statusCodeExpression: PolicyValue.expression('context.Variables.GetValueOrDefault<int>("error-status", 500)'),
      body: PolicyValue.expression(bodyCode(
        'context.Variables.GetValueOrDefault<string>("error-code", "internal_error")',
        'context.Variables.GetValueOrDefault<string>("error-message", "The request could not be processed.")')),
      headers,
    });
  }

  private readonly response: ReturnResponse;

  private constructor(props: ReturnResponseProps) {
    super('return-response', ALL_SECTIONS);
    this.response = new ReturnResponse({
      ...props,
      headers: [{ name: 'Content-Type', value: PolicyValue.literal('application/json') }, ...(props.headers ?? [])],
    });
  }

  /** @internal */
  public _toNode(): XmlNode {
    return this.response._toNode();
  }
}
