/** Argument checks shared by the policy elements and the constructs. Internal. */
import { PolicyElement } from './element';
import { invalid } from '../core/errors';
import { checkArray, checkEnum, checkNumber, checkObject, checkString, describe, isToken } from '../core/validation';

/** HTTP methods APIM accepts in operations and CORS. */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE'];

export function checkInteger(where: string, prop: string, value: number, min: number, max: number): number {
  return checkNumber(where, prop, value, { min, max });
}

export function checkNonEmpty(where: string, prop: string, values: ReadonlyArray<string> | undefined): string[] {
  if (values === undefined || (Array.isArray(values) && values.length === 0)) invalid(where, prop, 'is empty', 'at least one value');
  checkArray(where, prop, values, { min: 1 });
  values.forEach((v, i) => {
    if (typeof v !== 'string') invalid(where, `${prop}[${i}]`, `is blank or not a string (${describe(v)})`, 'a non-empty string');
    if (!isToken(v) && v.trim() === '') invalid(where, `${prop}[${i}]`, 'is blank', 'a non-empty string');
  });
  return [...values];
}

export function checkHttpMethod(where: string, prop: string, method: string): string {
  if (typeof method !== 'string' || !HTTP_METHODS.includes(method)) {
    invalid(where, prop, `${describe(method)} is not an HTTP method`, HTTP_METHODS.join(', ') + ' (upper case)');
  }
  return method;
}

export function checkOneOf<T extends string>(where: string, prop: string, value: T, allowed: ReadonlyArray<T>): T {
  if (!allowed.includes(value)) invalid(where, prop, `is ${describe(value)}`, allowed.join(', '));
  return checkEnum(where, prop, value, allowed);
}

/** A generous bound on a header name (servers cap a whole header line at a few KiB). */
const MAX_HEADER_NAME = 1024;

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** An HTTP header name (RFC 9110 token). */
export function checkHeaderName(where: string, prop: string, name: string): string {
  if (typeof name !== 'string' || name.length > MAX_HEADER_NAME || !HEADER_NAME.test(name)) {
    invalid(where, prop, `${describe(name)} is not a header name`, 'an RFC 9110 token: letters, digits and !#$%&\'*+.^_`|~-');
  }
  return name;
}

export { checkCidr, formatIpv4, parseCidr, parseIpv4 } from '../core/validation';
export type { Ipv4Range } from '../core/validation';

/** A context variable name, as `set-variable` takes it. */
export function checkVariableName(where: string, prop: string, name: string): string {
  if (typeof name !== 'string' || !/^[A-Za-z][A-Za-z0-9_-]{0,79}$/.test(name)) {
    invalid(where, prop, `${describe(name)} is not a variable name`, 'a letter then letters, digits, _ or -, up to 80 characters');
  }
  return name;
}

/**
 * The props bag of an element: an object (JavaScript and jsii callers can pass anything, and
 * `undefined` or `null` would otherwise end in a TypeError). Returns it.
 */
export function checkProps<T>(where: string, props: T, prop = 'props'): T {
  return checkObject<T>(where, prop, props);
}

/** An optional nested object: undefined passes; anything else must be an object. */
export function checkOptionalObject<T>(where: string, prop: string, value: T | undefined): T | undefined {
  return value === undefined ? undefined : checkObject<T>(where, prop, value);
}

/** A policy element made by this library's classes (never a plain object). */
export function checkElement(where: string, prop: string, value: unknown): PolicyElement {
  if (!(value instanceof PolicyElement)) {
    invalid(where, prop, `is ${describe(value)}, not a policy element`, 'an element of this library, such as new SetHeader(...) or new RawPolicyFragment(...)');
  }
  return value;
}

/** A list of policy elements: an array without holes, each a PolicyElement. */
export function checkElements(where: string, prop: string, values: unknown): PolicyElement[] {
  return checkArray<unknown>(where, prop, values).map((e, i) => checkElement(where, `${prop}[${i}]`, e));
}

/** An optional enum prop: undefined takes the default, anything else must be a member. */
export function checkOptionalEnum<T>(where: string, prop: string, value: T | undefined, allowed: ReadonlyArray<T>, fallback: T): T {
  return value === undefined ? fallback : checkEnum(where, prop, value, allowed);
}

/** A list of strings (possibly empty): an array without holes, each a string. */
export function checkStrings(where: string, prop: string, values: unknown): string[] {
  return checkArray<unknown>(where, prop, values).map((v, i) => checkString(where, `${prop}[${i}]`, v));
}

/** The value, or the default when it is `undefined` (only then: `null` is a value, and refused by the prop's check). */
export function orDefault<T>(value: T | undefined, fallback: T): T {
  return value === undefined ? fallback : value;
}
