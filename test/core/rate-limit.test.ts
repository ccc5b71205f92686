import { Token } from 'cdktf';
import { ValidationError } from '../../lib/core/errors';
import { Quota, RateLimit, requireQuota, requireRateLimit } from '../../lib/core/rate-limit';
import { validationErrorOf } from '../fuzz/harness';

const errorOf = (fn: () => unknown): ValidationError => validationErrorOf(fn);

describe('RateLimit', () => {
  test.each([
    [RateLimit.perSecond(10), 10, 1, '10 calls per 1 second'],
    [RateLimit.perMinute(300), 300, 60, '300 calls per 60 seconds'],
    [RateLimit.per(1, 300), 1, 300, '1 call per 300 seconds'],
    [RateLimit.per(1_000_000, 10), 1_000_000, 10, '1000000 calls per 10 seconds'],
  ])('%s keeps calls and window', (limit, calls, seconds, text) => {
    expect(limit.calls).toBe(calls);
    expect(limit.renewalPeriodSeconds).toBe(seconds);
    expect(limit.toString()).toBe(text);
    expect(RateLimit.isRateLimit(limit)).toBe(true);
  });

  test.each([
    ['RateLimit.perMinute', 'calls', () => RateLimit.perMinute(0), 'is 0'],
    ['RateLimit.perMinute', 'calls', () => RateLimit.perMinute(1_000_001), 'is 1000001'],
    ['RateLimit.perSecond', 'calls', () => RateLimit.perSecond(1.5), 'is 1.5'],
    ['RateLimit.per', 'windowSeconds', () => RateLimit.per(10, 301), 'is 301'],
    ['RateLimit.per', 'windowSeconds', () => RateLimit.per(10, 0), 'is 0'],
    ['RateLimit.per', 'calls', () => RateLimit.per(Token.asNumber('${var.calls}'), 60), 'is a token'],
    ['RateLimit.per', 'calls', () => RateLimit.per('10' as any, 60), "is '10', not a number"],
  ])('%s refuses a bad %s', (where, prop, make, problem) => {
    const e = errorOf(make);
    expect(e.constructPath).toBe(where);
    expect(e.prop).toBe(prop);
    expect(e.problem).toBe(problem);
    expect(e.valid).toMatch(/^a literal whole number from 1 to (1000000|300)$/);
  });

  test('requireRateLimit takes only a RateLimit, naming the prop', () => {
    const limit = RateLimit.perMinute(5);
    expect(requireRateLimit('Stack/Api', 'subscriptionRateLimit', limit)).toBe(limit);
    const e = errorOf(() => requireRateLimit('Stack/Api', 'subscriptionRateLimit', { calls: 5, renewalPeriodSeconds: 60 }));
    expect(e.message).toBe('Stack/Api: subscriptionRateLimit is an object, not a RateLimit. '
      + 'Valid: a RateLimit such as RateLimit.perMinute(300) or RateLimit.per(100, 10).');
    expect(errorOf(() => requireRateLimit('Stack/Api', 'rateLimit', Quota.perDay(5))).problem).toBe('is a Quota, not a RateLimit');
  });
});

describe('Quota', () => {
  test.each([
    [Quota.perHour(1000), 1000, 3_600],
    [Quota.perDay(100_000), 100_000, 86_400],
    [Quota.perWeek(7), 7, 604_800],
    [Quota.per(1, 300), 1, 300],
    [Quota.per(1_000_000_000, 31_536_000), 1_000_000_000, 31_536_000],
    [Quota.lifetime(50), 50, 0],
  ])('%s keeps calls and period', (quota, calls, seconds) => {
    expect(quota.calls).toBe(calls);
    expect(quota.renewalPeriodSeconds).toBe(seconds);
    expect(quota.isLifetime).toBe(seconds === 0);
    expect(Quota.isQuota(quota)).toBe(true);
    expect(RateLimit.isRateLimit(quota)).toBe(false);
  });

  test('describes itself', () => {
    expect(Quota.perDay(100_000).toString()).toBe('100000 calls per 86400 seconds');
    expect(Quota.lifetime(1).toString()).toBe('1 call in total (never renewed)');
  });

  test.each([
    ['Quota.perDay', 'calls', () => Quota.perDay(0), 'is 0'],
    ['Quota.perDay', 'calls', () => Quota.perDay(1_000_000_001), 'is 1000000001'],
    ['Quota.per', 'periodSeconds', () => Quota.per(10, 299), 'is 299'],
    ['Quota.per', 'periodSeconds', () => Quota.per(10, 31_536_001), 'is 31536001'],
    ['Quota.per', 'periodSeconds', () => Quota.per(10, Token.asNumber('${var.period}')), 'is a token'],
    ['Quota.lifetime', 'calls', () => Quota.lifetime(-1), 'is -1'],
  ])('%s refuses a bad %s', (where, prop, make, problem) => {
    const e = errorOf(make);
    expect(e.constructPath).toBe(where);
    expect(e.prop).toBe(prop);
    expect(e.problem).toBe(problem);
  });

  test('requireQuota takes only a Quota', () => {
    const quota = Quota.perDay(5);
    expect(requireQuota('Stack/Group', 'quota', quota)).toBe(quota);
    expect(errorOf(() => requireQuota('Stack/Group', 'quota', RateLimit.perMinute(5))).message)
      .toBe('Stack/Group: quota is a RateLimit, not a Quota. Valid: a Quota such as Quota.perDay(100000), Quota.per(5000, 3600) or Quota.lifetime(1000).');
  });
});
