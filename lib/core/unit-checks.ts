/**
 * The library's unit convention at its public surface: sizes in bytes, durations in seconds.
 * Azure and the time provider take coarser units (KB, MB, minutes, days); these checks accept a
 * value in the library's unit, refuse what the coarser unit cannot express (a part of a KB, of a
 * minute, of a day), check the provider's range, and return the value in the provider's unit.
 * Errors name the prop and the valid values in the library's unit. Internal; import through
 * `./validation`.
 *
 * A number token is converted in Terraform (`value / unit`) and not checked: its value is only
 * known at deploy time.
 *
 * Inside the library, a plan that holds a value already converted for the provider names the
 * provider's unit (`maxRequestBodySizeKb` for `max_request_body_size_in_kb`, `windowMinutes` for
 * an alert window, `thresholdMs` for a KQL comparison of `TotalTime`): the suffix always says
 * the unit.
 */
import { Op, Token } from 'cdktf';
import { invalid, Where } from './errors';
import { isToken, typeWord } from './value-checks';

/** Bytes in a kibibyte (Azure's "KB"). */
export const KIB = 1024;
/** Bytes in a mebibyte (Azure's "MB"). */
export const MIB = 1024 * 1024;

/** A unit of time a provider takes, in seconds, with its name for error messages. */
export interface TimeUnit {
  readonly seconds: number;
  readonly name: string;
}

/** Whole minutes. */
export const MINUTES: TimeUnit = { seconds: 60, name: 'minute' };
/** Whole hours. */
export const HOURS: TimeUnit = { seconds: 3600, name: 'hour' };
/** Whole days. */
export const DAYS: TimeUnit = { seconds: 86_400, name: 'day' };

function plural(n: number, name: string): string {
  return `${n} ${name}${n === 1 ? '' : 's'}`;
}

function asNumber(where: Where, prop: string, value: unknown, valid: string): number {
  if (typeof value !== 'number') invalid(where, prop, `is ${typeWord(value)}, not a number`, valid);
  return value;
}

function byUnit(value: number, unit: number): number {
  return isToken(value) ? Token.asNumber(Op.div(value, unit)) : value / unit;
}

/**
 * A size in bytes that the provider takes as a whole number of `unit` bytes (`KIB` for KB,
 * `MIB` for MB) from `min` to `max` units. Returns the number of units.
 * Valid values read e.g. "a multiple of 1024 between 8192 and 2048000".
 */
export function checkBytesAs(where: Where, prop: string, bytes: unknown, unit: number, min: number, max: number): number {
  const valid = `a multiple of ${unit} between ${min * unit} and ${max * unit} (bytes)`;
  const value = asNumber(where, prop, bytes, valid);
  if (isToken(value)) return byUnit(value, unit);
  if (!Number.isInteger(value) || value % unit !== 0 || value < min * unit || value > max * unit) invalid(where, prop, `is ${value}`, valid);
  return value / unit;
}

/**
 * A duration in seconds that the provider takes as a whole number of `unit`s from `min` to
 * `max` units. Returns the number of units.
 * Valid values read e.g. "a multiple of 86400 (whole days) between 2592000 (30 days) and 63072000 (730 days)".
 */
export function checkSecondsAs(where: Where, prop: string, seconds: unknown, unit: TimeUnit, min: number, max: number): number {
  const valid = `a multiple of ${unit.seconds} (whole ${unit.name}s) between ${min * unit.seconds} (${plural(min, unit.name)}) `
    + `and ${max * unit.seconds} (${plural(max, unit.name)}) seconds`;
  const value = asNumber(where, prop, seconds, valid);
  if (isToken(value)) return byUnit(value, unit.seconds);
  if (!Number.isInteger(value) || value % unit.seconds !== 0 || value < min * unit.seconds || value > max * unit.seconds) {
    invalid(where, prop, `is ${value}`, valid);
  }
  return value / unit.seconds;
}

/**
 * A duration in seconds that must be one of a provider's fixed set of whole `unit`s (such as
 * alert windows). Tokens are refused: the set is checked at synth. Returns the number of units.
 */
export function checkSecondsIn(where: Where, prop: string, seconds: unknown, unit: TimeUnit, allowed: ReadonlyArray<number>): number {
  const valid = `one of ${allowed.map((n) => `${n * unit.seconds} (${plural(n, unit.name)})`).join(', ')} seconds`;
  const value = asNumber(where, prop, seconds, valid);
  if (isToken(value)) invalid(where, prop, 'is a token', `a literal, ${valid}`);
  if (!allowed.some((n) => n * unit.seconds === value)) invalid(where, prop, `is ${value}`, valid);
  return value / unit.seconds;
}

/**
 * A duration in seconds with millisecond precision (fractions allowed), from `minMs` to `maxMs`
 * milliseconds. Returns whole milliseconds. A token is converted in Terraform and not checked.
 */
export function checkSecondsAsMilliseconds(where: Where, prop: string, seconds: unknown, minMs: number, maxMs: number): number {
  const valid = `seconds from ${minMs / 1000} to ${maxMs / 1000}, in steps of at least 0.001 (milliseconds)`;
  const value = asNumber(where, prop, seconds, valid);
  if (isToken(value)) return Token.asNumber(Op.mul(value, 1000));
  const ms = Math.round(value * 1000);
  if (!Number.isFinite(value) || Math.abs(value * 1000 - ms) > 1e-6 || ms < minMs || ms > maxMs) invalid(where, prop, `is ${value}`, valid);
  return ms;
}
