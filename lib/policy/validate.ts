/** Argument checks shared by the policy elements and the constructs. Internal. */
import { invalid } from '../core/errors';
import { checkArray, checkEnum, checkNumber, describe, isToken } from '../core/validation';

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
  if (!HTTP_METHODS.includes(method)) {
    invalid(where, prop, `${describe(method)} is not an HTTP method`, HTTP_METHODS.join(', ') + ' (upper case)');
  }
  return method;
}

export function checkOneOf<T extends string>(where: string, prop: string, value: T, allowed: ReadonlyArray<T>): T {
  if (!allowed.includes(value)) invalid(where, prop, `is ${describe(value)}`, allowed.join(', '));
  return checkEnum(where, prop, value, allowed);
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** An HTTP header name (RFC 9110 token). */
export function checkHeaderName(where: string, prop: string, name: string): string {
  if (typeof name !== 'string' || !HEADER_NAME.test(name)) {
    invalid(where, prop, `${describe(name)} is not a header name`, 'an RFC 9110 token: letters, digits and !#$%&\'*+.^_`|~-');
  }
  return name;
}

export { checkCidr, formatIpv4, parseCidr, parseIpv4 } from '../core/validation';
export type { Ipv4Range } from '../core/validation';

/** A context variable name, as `set-variable` takes it. */
export function checkVariableName(where: string, prop: string, name: string): string {
  if (typeof name !== 'string' || !/^[A-Za-z][A-Za-z0-9_-]{0,79}$/.test(name)) {
    invalid(where, prop, `'${name}' is not a variable name`, 'a letter then letters, digits, _ or -, up to 80 characters');
  }
  return name;
}
