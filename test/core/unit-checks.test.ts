import { TerraformVariable, Token } from 'cdktf';
import { ValidationError } from '../../lib/core/errors';
import { checkBytesAs, checkSecondsAs, checkSecondsAsMilliseconds, checkSecondsIn, DAYS, KIB, MIB, MINUTES } from '../../lib/core/validation';
import { newStack, synthJson } from '../util/synth';

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (ValidationError.isValidationError(e)) return e.message;
    throw e;
  }
  throw new Error('expected a ValidationError');
}

describe('checkBytesAs: bytes at the surface, whole KB / MB for the provider', () => {
  test('returns the number of units', () => {
    expect(checkBytesAs('W', 'size', 2 * MIB, KIB, 8, 4096)).toBe(2048);
    expect(checkBytesAs('W', 'size', 8192, KIB, 8, 2000)).toBe(8);
    expect(checkBytesAs('W', 'upload', 4 * MIB, MIB, 1, 4000)).toBe(4);
  });

  test.each([
    ['not a multiple', 8193],
    ['below', 7 * 1024],
    ['above', 2001 * 1024],
    ['fractional', 8192.5],
    ['NaN', NaN],
  ])('refuses %s, naming the prop and the valid values in bytes', (_name, value) => {
    expect(messageOf(() => checkBytesAs('W', 'size', value, KIB, 8, 2000))).toBe(`W: size is ${value}. Valid: a multiple of 1024 between 8192 and 2048000 (bytes).`);
  });

  test('refuses a non-number', () => {
    expect(messageOf(() => checkBytesAs('W', 'size', '8192', KIB, 8, 2000))).toMatch(/^W: size is "8192", not a number\. Valid: a multiple of 1024/);
  });

  test('a number token is divided in Terraform, not checked', () => {
    const stack = newStack();
    const v = new TerraformVariable(stack, 'bytes', { type: 'number' });
    const kb = checkBytesAs('W', 'size', v.numberValue, KIB, 8, 2000);
    expect(Token.isUnresolved(kb)).toBe(true);
    new TerraformVariable(stack, 'kb', { default: kb });
    expect(synthJson(stack).variable.kb.default).toBe('${(var.bytes / 1024)}');
  });
});

describe('checkSecondsAs: seconds at the surface, whole minutes / days for the provider', () => {
  test('returns the number of units', () => {
    expect(checkSecondsAs('W', 'retention', 365 * 86_400, DAYS, 365, 730)).toBe(365);
    expect(checkSecondsAs('W', 'window', 300, MINUTES, 1, 60)).toBe(5);
  });

  test.each([
    ['not whole days', 365 * 86_400 + 1],
    ['days given as seconds by mistake', 365],
    ['below', 364 * 86_400],
    ['above', 731 * 86_400],
    ['fractional', 365.5 * 86_400],
  ])('refuses %s', (_name, value) => {
    expect(messageOf(() => checkSecondsAs('W', 'retention', value, DAYS, 365, 730)))
      .toBe(`W: retention is ${value}. Valid: a multiple of 86400 (whole days) between 31536000 (365 days) and 63072000 (730 days) seconds.`);
  });
});

describe('checkSecondsIn: one of a fixed set of whole minutes', () => {
  test('returns minutes; refuses what is not in the set, and tokens', () => {
    expect(checkSecondsIn('W', 'window', 900, MINUTES, [1, 5, 15])).toBe(15);
    expect(messageOf(() => checkSecondsIn('W', 'window', 600, MINUTES, [1, 5, 15])))
      .toBe('W: window is 600. Valid: one of 60 (1 minute), 300 (5 minutes), 900 (15 minutes) seconds.');
    expect(messageOf(() => checkSecondsIn('W', 'window', 15, MINUTES, [1, 5, 15]))).toMatch(/^W: window is 15\./);
    expect(messageOf(() => checkSecondsIn('W', 'window', Token.asNumber('${var.w}'), MINUTES, [1, 5, 15]))).toMatch(/^W: window is a token\./);
  });
});

describe('checkSecondsAsMilliseconds: fractional seconds to whole milliseconds', () => {
  test('converts, absorbing floating-point noise', () => {
    expect(checkSecondsAsMilliseconds('W', 'latency', 0.25, 1, 3_600_000)).toBe(250);
    expect(checkSecondsAsMilliseconds('W', 'latency', 0.1 + 0.2, 1, 3_600_000)).toBe(300);
    expect(checkSecondsAsMilliseconds('W', 'latency', 3600, 1, 3_600_000)).toBe(3_600_000);
  });

  test.each([0, 0.0005, 1.0001, 3600.001, -1, Infinity])('refuses %p', (value) => {
    expect(messageOf(() => checkSecondsAsMilliseconds('W', 'latency', value, 1, 3_600_000)))
      .toBe(`W: latency is ${value}. Valid: seconds from 0.001 to 3600, in steps of at least 0.001 (milliseconds).`);
  });
});
