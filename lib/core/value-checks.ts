/**
 * Checks of plain values: strings, booleans, numbers, enum members, lists, objects, literals
 * (never tokens), and how values are described in error messages. Internal; import through
 * `./validation`.
 */
import { Token } from 'cdktf';
import { invalid, Where } from './errors';

/** A short, printable description of any value for error messages (never `[object Object]`). */
export function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return `'${value.length > 120 ? `${value.slice(0, 117)}...` : value}'`.replace(/[\u0000-\u001F\u007F]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'symbol') return 'a symbol';
  const name = (value as object).constructor?.name;
  return name && name !== 'Object' ? `a ${name}` : 'an object';
}

/** The JavaScript type of a value in words, for "is X, not a string" messages. Not re-exported by `./validation`. */
export function typeWord(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 120 ? `${value.slice(0, 117)}...` : value);
  return describe(value);
}

/** Whether a value is an unresolved cdktf token. */
export function isToken(value: unknown): boolean {
  return value !== undefined && value !== null && Token.isUnresolved(value);
}

/** Asserts a string (a string token passes). */
export function requireString(where: Where, prop: string, value: unknown, valid = 'a string'): asserts value is string {
  if (typeof value !== 'string') invalid(where, prop, `is ${typeWord(value)}, not a string`, valid);
}

/** A string (a string token passes). Returns it. */
export function checkString(where: Where, prop: string, value: unknown, valid = 'a string'): string {
  requireString(where, prop, value, valid);
  return value;
}

/** An optional string: undefined passes; anything else must be a string. */
export function checkOptionalString(where: Where, prop: string, value: unknown, valid = 'a string'): string | undefined {
  if (value === undefined) return undefined;
  return checkString(where, prop, value, valid);
}

/** A boolean prop: `undefined` takes the default; anything but `true`/`false` (e.g. the string 'false') is refused. */
export function checkBoolean(where: Where, prop: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') invalid(where, prop, `is ${typeWord(value)}, not a boolean`, 'true or false');
  return value;
}

/** An optional boolean: undefined stays undefined; anything else must be a boolean. */
export function checkOptionalBoolean(where: Where, prop: string, value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  return checkBoolean(where, prop, value, false);
}

/** Options of `checkNumber`. */
export interface NumberRule {
  readonly min?: number;
  readonly max?: number;
  /** Whether only whole numbers are valid (the provider's TypeInt). Default true. */
  readonly integer?: boolean;
  /** Whether a token is refused (a literal is needed at synth). Default false. */
  readonly literal?: boolean;
}

function numberValid(rule: NumberRule): string {
  const kind = rule.integer === false ? 'a number' : 'a whole number';
  if (rule.min !== undefined && rule.max !== undefined) return `${kind} from ${rule.min} to ${rule.max}`;
  if (rule.min !== undefined) return `${kind} of at least ${rule.min}`;
  if (rule.max !== undefined) return `${kind} of at most ${rule.max}`;
  return kind;
}

/** A finite number in a range (whole unless `integer: false`). A number token skips the range. */
export function checkNumber(where: Where, prop: string, value: unknown, rule: NumberRule = {}): number {
  const valid = numberValid(rule);
  if (typeof value !== 'number') invalid(where, prop, `is ${typeWord(value)}, not a number`, valid);
  if (isToken(value)) {
    if (rule.literal) invalid(where, prop, 'is a token', `a literal ${valid.replace(/^an? /, '')}`);
    return value;
  }
  if (!Number.isFinite(value)) invalid(where, prop, `is ${value}`, valid);
  if (rule.integer !== false && !Number.isInteger(value)) invalid(where, prop, `is ${value}`, valid);
  if ((rule.min !== undefined && value < rule.min) || (rule.max !== undefined && value > rule.max)) invalid(where, prop, `is ${value}`, valid);
  return value;
}

/** An optional number: undefined stays undefined. */
export function checkOptionalNumber(where: Where, prop: string, value: unknown, rule: NumberRule = {}): number | undefined {
  return value === undefined ? undefined : checkNumber(where, prop, value, rule);
}

/** A member of an enum (or a fixed list of strings). */
export function checkEnum<T>(where: Where, prop: string, value: unknown, allowed: ReadonlyArray<T>): T {
  if (!allowed.includes(value as T)) {
    invalid(where, prop, `is ${describe(value)}`, `one of ${allowed.map((a) => (typeof a === 'string' ? `'${a}'` : String(a))).join(', ')}`);
  }
  return value as T;
}

/** The values of a TypeScript string enum object. */
export function enumValues<T extends Record<string, string>>(e: T): Array<T[keyof T]> {
  return Object.values(e) as Array<T[keyof T]>;
}

/** Options of `checkArray`. */
export interface ArrayRule {
  readonly min?: number;
  readonly max?: number;
}

/**
 * A list prop: must be an array without `null`/`undefined` items and within the size limits.
 * A list token (`Token.asList`) passes without its size checked.
 */
export function checkArray<T>(where: Where, prop: string, value: unknown, rule: ArrayRule = {}): T[] {
  if (!Array.isArray(value)) invalid(where, prop, `is ${typeWord(value)}, not a list`, 'an array');
  if (isToken(value)) return value as T[];
  value.forEach((item, i) => {
    if (item === null || item === undefined) invalid(where, `${prop}[${i}]`, `is ${describe(item)}`, 'a value; leave the item out instead');
  });
  const sizeValid = rule.min !== undefined && rule.max !== undefined
    ? `${rule.min} to ${rule.max} items` : rule.min !== undefined ? `at least ${rule.min} item(s)` : `at most ${rule.max} items`;
  if (rule.min !== undefined && value.length < rule.min) invalid(where, prop, value.length === 0 ? 'is empty' : `has ${value.length} items`, sizeValid);
  if (rule.max !== undefined && value.length > rule.max) invalid(where, prop, `has ${value.length} items`, sizeValid);
  return value as T[];
}

/** An optional list: undefined stays undefined. */
export function checkOptionalArray<T>(where: Where, prop: string, value: unknown, rule: ArrayRule = {}): T[] | undefined {
  return value === undefined ? undefined : checkArray<T>(where, prop, value, rule);
}

/** An object prop (a props bag): not null, not an array, not a primitive. */
export function checkObject<T>(where: Where, prop: string, value: unknown): T {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) invalid(where, prop, `is ${typeWord(value)}, not an object`, 'an object of options');
  return value as T;
}

/** Fails when a prop that names or keys resources is a token: it must be known at synth. */
export function checkLiteral(where: Where, prop: string, value: unknown): void {
  if (typeof value === 'string' && isToken(value)) {
    invalid(where, prop, 'is a token', 'a literal string, because it names resources and derives stable ids');
  }
}
