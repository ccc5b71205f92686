/** Argument checks shared by the policy elements and the constructs. Internal. */
import { Token } from 'cdktf';
import { invalid } from '../errors';

/** HTTP methods APIM accepts in operations and CORS. */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE'];

export function checkInteger(where: string, prop: string, value: number, min: number, max: number): number {
  if (Token.isUnresolved(value)) return value;
  if (!Number.isInteger(value) || value < min || value > max) {
    invalid(where, prop, `is ${value}`, `a whole number from ${min} to ${max}`);
  }
  return value;
}

export function checkNonEmpty(where: string, prop: string, values: ReadonlyArray<string> | undefined): string[] {
  if (!values || values.length === 0) invalid(where, prop, 'is empty', 'at least one value');
  values.forEach((v, i) => {
    if (typeof v !== 'string' || (!Token.isUnresolved(v) && v.trim() === '')) invalid(where, `${prop}[${i}]`, 'is blank', 'a non-empty string');
  });
  return [...values];
}

export function checkHttpMethod(where: string, prop: string, method: string): string {
  if (!HTTP_METHODS.includes(method)) {
    invalid(where, prop, `'${method}' is not an HTTP method`, HTTP_METHODS.join(', ') + ' (upper case)');
  }
  return method;
}

export function checkOneOf<T extends string>(where: string, prop: string, value: T, allowed: ReadonlyArray<T>): T {
  if (!allowed.includes(value)) invalid(where, prop, `is '${value}'`, allowed.join(', '));
  return value;
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** An HTTP header name (RFC 9110 token). */
export function checkHeaderName(where: string, prop: string, name: string): string {
  if (typeof name !== 'string' || !HEADER_NAME.test(name)) {
    invalid(where, prop, `'${name}' is not a header name`, 'an RFC 9110 token: letters, digits and !#$%&\'*+.^_`|~-');
  }
  return name;
}

/** A context variable name, as `set-variable` takes it. */
export function checkVariableName(where: string, prop: string, name: string): string {
  if (typeof name !== 'string' || !/^[A-Za-z][A-Za-z0-9_-]{0,79}$/.test(name)) {
    invalid(where, prop, `'${name}' is not a variable name`, 'a letter then letters, digits, _ or -, up to 80 characters');
  }
  return name;
}

/** Parses a dotted-quad IPv4 address to a number, or returns undefined. */
export function parseIpv4(address: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (!m) return undefined;
  const octets = m.slice(1).map(Number);
  if (octets.some((o, i) => o > 255 || (m[i + 1].length > 1 && m[i + 1].startsWith('0')))) return undefined;
  return octets[0] * 2 ** 24 + octets[1] * 2 ** 16 + octets[2] * 2 ** 8 + octets[3];
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** An IPv4 CIDR range as first and last address. */
export interface Ipv4Range {
  readonly first: number;
  readonly last: number;
  readonly prefix: number;
}

/** Parses `a.b.c.d/n` (the address must be the network address), or returns undefined. */
export function parseCidr(cidr: string): Ipv4Range | undefined {
  const m = /^([0-9.]+)\/(\d{1,2})$/.exec(cidr);
  if (!m) return undefined;
  const base = parseIpv4(m[1]);
  const prefix = Number(m[2]);
  if (base === undefined || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  if (base % size !== 0) return undefined;
  return { first: base, last: base + size - 1, prefix };
}

/** Checks an IPv4 CIDR range and returns it, or fails naming the prop. */
export function checkCidr(where: string, prop: string, cidr: string): Ipv4Range {
  const range = typeof cidr === 'string' ? parseCidr(cidr) : undefined;
  if (!range) {
    invalid(where, prop, `'${cidr}' is not an IPv4 CIDR range`, 'a network address and prefix such as 10.0.1.0/24 (host bits zero)');
  }
  return range;
}
