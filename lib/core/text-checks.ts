/** Checks of free text, names (pattern and length rules), GUIDs and e-mail addresses. Internal; import through `./validation`. */
import { invalid, Where } from './errors';
import { checkLiteral, describe, isToken, requireString } from './value-checks';

/** Options of `checkText`. */
export interface TextRule {
  readonly max: number;
  readonly min?: number;
  /** Whether line breaks and tabs are allowed. Default false. */
  readonly multiline?: boolean;
}

/** Characters that XML 1.0 cannot carry at all (text reaching policy XML must not hold them). */
const ILLEGAL_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a string contains a character that XML 1.0 cannot carry at all. */
export function hasIllegalXmlChar(value: string): boolean {
  return ILLEGAL_XML_CHAR.test(value);
}

/**
 * Free text: a string of `min` (default 1, not blank) to `max` characters without control
 * characters (nor, as XML 1.0 cannot carry them, unpaired surrogates or U+FFFE/U+FFFF).
 * Tokens skip the content check.
 */
export function checkText(where: Where, prop: string, value: unknown, rule: TextRule | number): string {
  const r: TextRule = typeof rule === 'number' ? { max: rule } : rule;
  const min = r.min ?? 1;
  const valid = `${min === 0 ? 'up to' : `${min} to`} ${r.max} printable characters`;
  requireString(where, prop, value, valid);
  if (isToken(value)) return value;
  if (min > 0 && value.trim() === '') invalid(where, prop, 'is empty', valid);
  if (value.length < min || value.length > r.max) invalid(where, prop, `is ${value.length} characters long`, valid);
  const control = r.multiline ? /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/ : /[\u0000-\u001F\u007F]/;
  if (control.test(value) || hasIllegalXmlChar(value)) invalid(where, prop, 'contains a control character', valid);
  return value;
}

/** A name rule: a pattern, a length range and how to describe it. */
export interface NameRule {
  /** What the name is, e.g. 'an API Management name'. */
  readonly what: string;
  readonly pattern: RegExp;
  readonly min: number;
  readonly max: number;
  /** What is valid, in words. */
  readonly valid: string;
  /** Further refusals (e.g. "--") with their reason. */
  readonly refuse?: ReadonlyArray<readonly [RegExp, string]>;
}

/** A name that must match a rule (tokens skip the content check unless `literal`). */
export function checkName(where: Where, prop: string, value: unknown, rule: NameRule, literal = false): string {
  requireString(where, prop, value, rule.valid);
  if (literal) checkLiteral(where, prop, value);
  if (isToken(value)) return value;
  if (value.length < rule.min || value.length > rule.max || !rule.pattern.test(value)) {
    invalid(where, prop, `${describe(value)} is not ${rule.what}`, rule.valid);
  }
  for (const [re, why] of rule.refuse ?? []) {
    if (re.test(value)) invalid(where, prop, `${describe(value)} ${why}`, rule.valid);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Formats
// ---------------------------------------------------------------------------------------------

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Whether a string is a GUID as the providers' IsUUID wants it. */
export function isGuid(value: unknown): boolean {
  return typeof value === 'string' && GUID.test(value);
}

/** A GUID, as the providers' IsUUID validator wants it (tokens skip the content check). */
export function checkGuid(where: Where, prop: string, value: unknown): string {
  const valid = 'a GUID such as 00000000-0000-0000-0000-000000000000';
  requireString(where, prop, value, valid);
  if (isToken(value)) return value;
  if (!GUID.test(value)) invalid(where, prop, `${describe(value)} is not a GUID`, valid);
  return value;
}

/** A plain e-mail address, at most `max` characters. */
export function checkEmail(where: Where, prop: string, value: unknown, max = 254): string {
  const valid = max === 254 ? 'an address like name@example.org' : `an address like name@example.org, at most ${max} characters`;
  requireString(where, prop, value, valid);
  if (isToken(value)) return value;
  if (value.length > max || !/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/.test(value)) {
    invalid(where, prop, `${describe(value)} is not an e-mail address`, valid);
  }
  return value;
}
