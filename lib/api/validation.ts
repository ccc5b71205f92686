/** Input checks of `ProtectedApi`. Internal. */
import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { invalid, ValidationError } from '../core/errors';
import { checkLiteral, checkNumber, checkString, describe } from '../core/validation';
import { checkQuotaPeriod as checkQuotaPeriodValue } from '../policy/limits';
import { checkHeaderName } from '../policy/validate';
import { PolicyValue } from '../policy/value';

export { tfLiteral, tfLiteralList, tfLiteralMap } from '../core/literal';

/** Methods an operation may use. TRACE (cross-site tracing) and OPTIONS (answered by the CORS policy) are refused. */
export const OPERATION_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'];

/** Fails when a prop that names or keys resources is a token: it must be known at synth. */
export function checkLiteralProp(scope: IConstruct, prop: string, value: string): void {
  checkLiteral(scope, prop, value);
}

/** The API name: lowercase letters, digits and single hyphens, starting with a letter, 1 to 60 characters. */
export function checkApiName(scope: IConstruct, prop: string, name: string): string {
  checkLiteralProp(scope, prop, name);
  if (typeof name !== 'string' || !/^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){0,59}$/.test(name)) {
    invalid(scope, prop, `'${name}' is not an API name`, 'a lowercase letter, then lowercase letters, digits and single hyphens, up to 60 characters, e.g. patients');
  }
  return name;
}

/** The API path: segments of lowercase letters, digits and hyphens joined by single slashes, no slash at either end. */
export function checkApiPath(scope: IConstruct, prop: string, path: string): string {
  checkLiteralProp(scope, prop, path);
  if (typeof path !== 'string' || path.length > 400 || !/^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*$/.test(path)) {
    invalid(scope, prop, `'${path}' is not an API path`,
      'segments of lowercase letters, digits and inner hyphens separated by single slashes, with no leading or trailing slash, e.g. patients or clinical/patients');
  }
  return path;
}

/** The version: `v1`, `v2`, `v1.1`, or a calendar date such as `2024-01-01`. */
export function checkVersion(scope: IConstruct, prop: string, version: string): string {
  checkLiteralProp(scope, prop, version);
  const valid = 'v<major> or v<major>.<minor> (v1, v2, v1.1), or a date YYYY-MM-DD such as 2024-01-01';
  if (typeof version !== 'string') invalid(scope, prop, 'is not a string', valid);
  if (/^v(?:0|[1-9][0-9]{0,3})(?:\.(?:0|[1-9][0-9]{0,3}))?$/.test(version)) return version;
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(version);
  if (date) {
    const [y, m, d] = date.slice(1).map(Number);
    const parsed = new Date(Date.UTC(y, m - 1, d));
    if (y >= 2000 && parsed.getUTCFullYear() === y && parsed.getUTCMonth() === m - 1 && parsed.getUTCDate() === d) return version;
  }
  return invalid(scope, prop, `'${version}' is not a version`, valid);
}

// Entra ID app-role and scope values: these characters only, no spaces, not starting with '.'.
const ROLE_CHARS = /^[A-Za-z0-9!#$%&'()*+,\-./:;=?@[\]^_`{|}~]+$/;
/** Longest app-role or scope value Entra ID accepts. */
export const MAX_ROLE_LENGTH = 120;

/**
 * An Entra ID app-role value. Also refuses `{{`, which APIM would read as a named-value
 * reference inside the policy that checks the role.
 */
export function checkRole(scope: IConstruct, prop: string, role: string, maxLength = MAX_ROLE_LENGTH): string {
  checkLiteralProp(scope, prop, role);
  const valid = `1 to ${maxLength} characters: letters, digits and ! # $ % & ' ( ) * + , - . / : ; = ? @ [ ] ^ _ \` { | } ~, `
    + "no spaces, not starting with '.', without '{{' (e.g. Patient.Read)";
  checkString(scope, prop, role, valid);
  if (role.length === 0) invalid(scope, prop, 'is empty', valid);
  if (role.length > maxLength) invalid(scope, prop, `'${role}' is ${role.length} characters long`, valid);
  if (!ROLE_CHARS.test(role)) invalid(scope, prop, `'${role}' has a character Entra ID does not allow in a role value (spaces, quotes, <, >, \\ and non-ASCII are refused)`, valid);
  if (role.startsWith('.')) invalid(scope, prop, `'${role}' starts with '.'`, valid);
  if (role.includes('{{')) invalid(scope, prop, `'${role}' contains '{{', which APIM reads as a named-value reference`, valid);
  return role;
}

/** A parsed URL template. */
export interface ParsedTemplate {
  /** Names of the template parameters, in order. */
  readonly parameters: string[];
  /** The template with literal parts lowercased and parameters as `{}`, for duplicate detection. */
  readonly normalized: string;
}

const LITERAL_CHAR = /[A-Za-z0-9\-._~$:@!*+,;=]/;
const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,79}$/;

/** Parses and checks a URL template such as `/patients/{id}`. */
export function parseUrlTemplate(scope: IConstruct, prop: string, template: string): ParsedTemplate {
  checkLiteralProp(scope, prop, template);
  const valid = "a path starting with '/', segments of letters, digits and - . _ ~ $ : @ ! * + , ; = and {name} parameters "
    + '(name: a letter or underscore, then letters, digits and underscores), e.g. /patients/{id}';
  if (typeof template !== 'string' || !template.startsWith('/')) invalid(scope, prop, `'${template}' does not start with '/'`, valid);
  if (template.length > 1000) invalid(scope, prop, 'is over 1000 characters', valid);
  if (/[?#]/.test(template)) invalid(scope, prop, `'${template}' contains a query or fragment`, `${valid}; declare query parameters in queryParameters`);
  if (template !== '/' && template.endsWith('/')) invalid(scope, prop, `'${template}' ends with '/'`, valid);
  const parameters: string[] = [];
  let normalized = '';
  let i = 0;
  let lastWasParameter = false;
  while (i < template.length) {
    const c = template[i];
    if (c === '/') {
      if (template[i + 1] === '/') invalid(scope, prop, `'${template}' has an empty segment ('//')`, valid);
      normalized += '/';
      lastWasParameter = false;
      i++;
    } else if (c === '{') {
      const end = template.indexOf('}', i + 1);
      const nextOpen = template.indexOf('{', i + 1);
      if (end < 0 || (nextOpen >= 0 && nextOpen < end)) invalid(scope, prop, `'${template}' has an unbalanced '{' at position ${i}`, valid);
      const name = template.slice(i + 1, end);
      if (!PARAMETER_NAME.test(name)) invalid(scope, prop, `'${template}' has the parameter name '${name}'`, valid);
      if (parameters.some((p) => p.toLowerCase() === name.toLowerCase())) invalid(scope, prop, `'${template}' repeats the parameter '${name}'`, `${valid}, each parameter once`);
      if (lastWasParameter) invalid(scope, prop, `'${template}' has two parameters with nothing between them`, valid);
      parameters.push(name);
      normalized += '{}';
      lastWasParameter = true;
      i = end + 1;
    } else if (c === '}') {
      invalid(scope, prop, `'${template}' has an unbalanced '}' at position ${i}`, valid);
    } else if (LITERAL_CHAR.test(c)) {
      normalized += c.toLowerCase();
      lastWasParameter = false;
      i++;
    } else {
      invalid(scope, prop, `'${template}' has the character '${c}' at position ${i}`, valid);
    }
  }
  return { parameters, normalized };
}

/** An operation id: letters, digits, `_` and `-`, 1 to 80 characters, starting with a letter or digit. */
export function checkOperationId(where: IConstruct | string, prop: string, id: string): string {
  if (typeof where !== 'string') checkLiteralProp(where, prop, id);
  if (typeof id !== 'string' || !/^[A-Za-z0-9]([A-Za-z0-9_-]{0,78}[A-Za-z0-9])?$/.test(id)) {
    // azurerm ApiManagementChildName (internal/services/apimanagement/validate/api_management.go): no trailing - or _.
    invalid(where, prop, `${describe(id)} is not an operation id`, 'a letter or digit, then letters, digits, _ and -, ending with a letter or digit, up to 80 characters');
  }
  return id;
}

export { checkHttpsUrl } from '../core/validation';

/** The origin (`https://host[:port]`) of a literal https URL. */
export function originOf(url: string): string {
  return new URL(url).origin;
}

/** A printable text (no control characters), 1 to `max` characters: core's check. */
export { checkText } from '../core/validation';

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/** A list of distinct media types such as `application/json` (lower case). */
export function checkContentTypes(scope: IConstruct, prop: string, types: string[]): string[] {
  if (types !== undefined && !Array.isArray(types)) invalid(scope, prop, `is ${describe(types)}, not a list`, 'an array of media types such as application/json');
  if (!Array.isArray(types) || types.length === 0) invalid(scope, prop, 'is empty', 'at least one media type such as application/json');
  types.forEach((t, i) => {
    if (typeof t !== 'string' || !MEDIA_TYPE.test(t)) {
      invalid(scope, `${prop}[${i}]`, `${describe(t)} is not a media type`, 'type/subtype in lower case without parameters, e.g. application/fhir+json');
    }
  });
  const dup = types.find((t, i) => types.indexOf(t) !== i);
  if (dup !== undefined) invalid(scope, prop, `lists '${dup}' twice`, 'each media type once');
  return [...types];
}

/** Whole number in a range (literal: an API's numbers shape its policy). */
export function checkWhole(scope: IConstruct, prop: string, value: number, min: number, max: number): number {
  return checkNumber(scope, prop, value, { min, max, literal: true });
}

/** A quota renewal period prop: 0 (a lifetime quota) or 300 to 31,536,000 seconds. */
export function checkQuotaPeriod(scope: IConstruct, prop: string, seconds: number): number {
  if (Token.isUnresolved(seconds)) invalid(scope, prop, 'is a token', 'a literal 0, or a whole number from 300 to 31536000');
  return checkQuotaPeriodValue(scope.node.path, prop, seconds);
}

/** A header name prop. */
export function checkHeader(scope: IConstruct, prop: string, name: string): string {
  return checkHeaderName(scope.node.path, prop, name);
}

/** Parses a JSON object given as text; fails naming the prop when it is not valid JSON or not an object. */
export function parseJsonObject(where: IConstruct | string, prop: string, text: string): Record<string, unknown> {
  if (typeof text !== 'string' || (typeof where !== 'string' && Token.isUnresolved(text))) {
    invalid(where, prop, 'is not literal JSON text', 'a JSON object as a string, e.g. JSON.stringify({ type: "object" })');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    invalid(where, prop, `is not valid JSON (${(e as Error).message})`, 'a JSON object as a string, e.g. JSON.stringify({ type: "object" })');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    invalid(where, prop, 'is JSON but not an object', 'a JSON object as a string, e.g. JSON.stringify({ type: "object" })');
  }
  return value as Record<string, unknown>;
}

/** A C# regular string literal for a policy expression. */
export function csharpString(value: string): string {
  return '"' + value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r/g, '\\r').replace(/\n/g, '\\n')
    .replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) + '"';
}

/** A counter key per APIM subscription: `"<prefix>" + context.Subscription.Id`. */
export function subscriptionCounterKey(prefix: string): PolicyValue {
  return PolicyValue.expression(`${csharpString(prefix)} + context.Subscription.Id`);
}

/**
 * Runs a policy element constructor and rethrows its validation error under the construct's
 * path and the prop the user set (`renames` maps the element's prop to the user's).
 */
export function rethrowUnderProp<T>(scope: IConstruct, prefix: string, build: () => T, renames: Record<string, string> = {}): T {
  try {
    return build();
  } catch (e) {
    if (!ValidationError.isValidationError(e)) throw e;
    let prop = e.prop;
    if (renames[prop] !== undefined) {
      prop = renames[prop];
    } else {
      for (const [from, to] of Object.entries(renames)) {
        if (prop.startsWith(`${from}[`) || prop.startsWith(`${from}.`)) {
          prop = to + prop.slice(from.length);
          break;
        }
      }
    }
    throw new ValidationError(scope.node.path, `${prefix ? `${prefix}.` : ''}${prop}`, e.problem, e.valid);
  }
}
