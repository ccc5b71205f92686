import { hasIllegalXmlChar } from './xml';
import { invalid } from '../core/errors';
import { describe } from '../core/validation';

/**
 * The longest text a policy literal or expression may be: APIM's limit on a whole policy
 * document (256 KiB), which no single value can exceed.
 */
export const MAX_POLICY_TEXT = 256 * 1024;

/**
 * A value in a policy: either a literal string or an APIM policy expression.
 *
 * Literals are escaped so they always reach APIM as the same characters. A literal may not
 * start with `@` or contain `{{`, because APIM would read those as a policy expression or a
 * named-value reference; build such values with `PolicyValue.expression` instead.
 */
export class PolicyValue {
  /** A literal string, checked so APIM cannot read it as an expression or a named value. */
  public static literal(value: string): PolicyValue {
    checkLiteral('PolicyValue.literal', 'value', value);
    return new PolicyValue(value, false);
  }

  /** A single-statement policy expression, rendered as `@(code)`. */
  public static expression(code: string): PolicyValue {
    checkCode('PolicyValue.expression', code);
    return new PolicyValue(`@(${code})`, true);
  }

  /** A multi-statement policy expression, rendered as `@{ code }`; every path must `return`. */
  public static multiStatement(code: string): PolicyValue {
    checkCode('PolicyValue.multiStatement', code);
    if (!/\breturn\b/.test(code)) {
      invalid('PolicyValue.multiStatement', 'code', 'has no return statement', 'C# statements whose every path ends with `return`');
    }
    return new PolicyValue(`@{${code}}`, true);
  }

  /** A reference to an APIM named value, rendered as `{{name}}`. */
  public static namedValue(name: string): PolicyValue {
    if (typeof name !== 'string' || !/^[A-Za-z0-9._-]{1,256}$/.test(name)) {
      invalid('PolicyValue.namedValue', 'name', `${describe(name)} is not a named-value name`, 'letters, digits, dot, underscore and hyphen, 1 to 256 characters');
    }
    return new PolicyValue(`{{${name}}}`, true);
  }

  /** The text placed in the policy before XML escaping. */
  public readonly text: string;
  /** Whether APIM evaluates this value (expression or named value) rather than taking it literally. */
  public readonly isExpression: boolean;

  private constructor(text: string, isExpression: boolean) {
    this.text = text;
    this.isExpression = isExpression;
  }
}

/**
 * Validates a user-supplied literal that will be placed in policy XML.
 * @internal
 */
export function checkLiteral(where: string, prop: string, value: string): string {
  if (typeof value !== 'string') invalid(where, prop, `is ${describe(value)}, not a string`, 'a string');
  if (value.length > MAX_POLICY_TEXT) {
    invalid(where, prop, `has ${value.length} characters`, `at most ${MAX_POLICY_TEXT} characters (APIM's policy document size limit)`);
  }
  if (hasIllegalXmlChar(value)) {
    invalid(where, prop, 'contains a control character XML cannot carry', 'printable text, tab, line feed or carriage return');
  }
  if (value.startsWith('@')) {
    invalid(where, prop, `'${value}' starts with '@', which APIM reads as a policy expression`, 'a literal not starting with @ (use PolicyValue.expression for expressions)');
  }
  if (value.includes('{{')) {
    invalid(where, prop, `'${value}' contains '{{', which APIM reads as a named-value reference`, 'a literal without {{ (use PolicyValue.namedValue for named values)');
  }
  return value;
}

function checkCode(where: string, code: string): void {
  if (typeof code !== 'string') invalid(where, 'code', `is ${describe(code)}, not a string`, 'a C# expression');
  if (!code.trim()) invalid(where, 'code', 'is empty', 'a C# expression');
  if (code.length > MAX_POLICY_TEXT) {
    invalid(where, 'code', `has ${code.length} characters`, `at most ${MAX_POLICY_TEXT} characters (APIM's policy document size limit)`);
  }
  if (hasIllegalXmlChar(code)) invalid(where, 'code', 'contains a control character XML cannot carry', 'printable C# code');
}

/**
 * Turns a PolicyValue or a plain string (taken as a literal) into the text to render.
 * @internal
 */
export function valueText(where: string, prop: string, value: PolicyValue | string): string {
  if (typeof value === 'string') return checkLiteral(where, prop, value);
  return checkPolicyValue(where, prop, value).text;
}

/**
 * A PolicyValue made by its factories: any other object (a plain `{}`, an object with a `text`
 * field) is refused, so it can never be rendered as `[object Object]` or bypass the checks.
 * @internal
 */
export function checkPolicyValue(where: string, prop: string, value: unknown): PolicyValue {
  if (!(value instanceof PolicyValue)) {
    invalid(where, prop, `is ${describe(value)}, not a PolicyValue`, 'a PolicyValue from PolicyValue.literal, expression, multiStatement or namedValue');
  }
  return value;
}

/**
 * A policy expression (`PolicyValue.expression` or `multiStatement`), as conditions need.
 * @internal
 */
export function checkExpression(where: string, prop: string, value: unknown): PolicyValue {
  const v = checkPolicyValue(where, prop, value);
  if (!v.isExpression) invalid(where, prop, 'is not a policy expression', 'PolicyValue.expression(...)');
  return v;
}

/**
 * Free text that must say something (a message, a claim name): a literal, not blank.
 * @internal
 */
export function checkNonBlankLiteral(where: string, prop: string, value: string, valid = 'a non-empty string'): string {
  checkLiteral(where, prop, value);
  if (value.trim() === '') invalid(where, prop, value === '' ? 'is empty' : 'is blank', valid);
  return value;
}
