import { invalid, Where } from './errors';
import { describe, isToken } from './validation';

/** The most calls a `RateLimit` allows per window. */
export const MAX_RATE_LIMIT_CALLS = 1_000_000;
/** APIM's bound on a rate-limit window (`rate-limit-by-key` `renewal-period`), in seconds. */
export const MAX_RATE_LIMIT_WINDOW_SECONDS = 300;
/** The most calls a `Quota` allows per period. */
export const MAX_QUOTA_CALLS = 1_000_000_000;
/** APIM's shortest renewable quota period (`quota-by-key` `renewal-period`), in seconds. */
export const MIN_QUOTA_PERIOD_SECONDS = 300;
/** The longest quota period this library accepts: a year, in seconds. */
export const MAX_QUOTA_PERIOD_SECONDS = 31_536_000;

/** A whole, literal number from min to max: counters and periods are written into policy XML. */
function checkCount(where: string, prop: string, value: number, min: number, max: number): number {
  const valid = `a literal whole number from ${min} to ${max}`;
  if (typeof value !== 'number') invalid(where, prop, `is ${describe(value)}, not a number`, valid);
  if (isToken(value)) invalid(where, prop, 'is a token', valid);
  if (!Number.isInteger(value) || value < min || value > max) invalid(where, prop, `is ${value}`, valid);
  return value;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * A rate limit: calls allowed per sliding window, counted per key (a subscription, a client
 * IP). Validated once, when it is made: 1 to 1,000,000 calls per window of 1 to 300 seconds
 * (APIM's longest `rate-limit-by-key` window).
 *
 * @example RateLimit.perMinute(300)
 */
export class RateLimit {
  /** `calls` per second. */
  public static perSecond(calls: number): RateLimit {
    return new RateLimit('RateLimit.perSecond', calls, 1);
  }

  /** `calls` per minute (a 60-second window). */
  public static perMinute(calls: number): RateLimit {
    return new RateLimit('RateLimit.perMinute', calls, 60);
  }

  /**
   * `calls` per window of `windowSeconds`, 1 to 300 seconds.
   *
   * @param calls calls allowed per window, 1 to 1,000,000
   * @param windowSeconds the window length in seconds, 1 to 300
   */
  public static per(calls: number, windowSeconds: number): RateLimit {
    return new RateLimit('RateLimit.per', calls, windowSeconds);
  }

  /** Whether `x` is a RateLimit (made by one of the factories). */
  public static isRateLimit(x: any): boolean {
    return x instanceof RateLimit;
  }

  /** Calls allowed per window. */
  public readonly calls: number;
  /** The window length in seconds (APIM's `renewal-period`). */
  public readonly renewalPeriodSeconds: number;
  /** The factory that made it (a private member also keeps object literals from passing for a RateLimit). */
  private readonly madeBy: string;

  private constructor(where: string, calls: number, windowSeconds: number) {
    this.madeBy = where;
    this.calls = checkCount(where, 'calls', calls, 1, MAX_RATE_LIMIT_CALLS);
    this.renewalPeriodSeconds = checkCount(where, 'windowSeconds', windowSeconds, 1, MAX_RATE_LIMIT_WINDOW_SECONDS);
  }

  /** E.g. `300 calls per 60 seconds`. */
  public toString(): string {
    return `${plural(this.calls, 'call')} per ${plural(this.renewalPeriodSeconds, 'second')}`;
  }

  /** E.g. `RateLimit.perMinute(300)`, for messages. */
  public describe(): string {
    return `${this.madeBy}(${this.calls}${this.madeBy === 'RateLimit.per' ? `, ${this.renewalPeriodSeconds}` : ''})`;
  }
}

/**
 * A call quota over a long period, counted per key (a subscription). Validated once, when it is
 * made: 1 to 1,000,000,000 calls per period of 300 seconds to a year, or a lifetime quota that
 * never renews.
 *
 * @example Quota.perDay(100_000)
 */
export class Quota {
  /** `calls` per hour. */
  public static perHour(calls: number): Quota {
    return new Quota('Quota.perHour', calls, 3_600);
  }

  /** `calls` per day (86,400 seconds). */
  public static perDay(calls: number): Quota {
    return new Quota('Quota.perDay', calls, 86_400);
  }

  /** `calls` per week (604,800 seconds). */
  public static perWeek(calls: number): Quota {
    return new Quota('Quota.perWeek', calls, 604_800);
  }

  /**
   * `calls` per period of `periodSeconds`, 300 to 31,536,000 seconds (a year).
   *
   * @param calls calls allowed per period, 1 to 1,000,000,000
   * @param periodSeconds the period in seconds, 300 to 31,536,000
   */
  public static per(calls: number, periodSeconds: number): Quota {
    return new Quota('Quota.per', calls, periodSeconds);
  }

  /**
   * `calls` in total, never renewed (APIM's `renewal-period` 0: "the period is set to
   * infinite", quota-by-key reference).
   */
  public static lifetime(calls: number): Quota {
    return new Quota('Quota.lifetime', calls, 0);
  }

  /** Whether `x` is a Quota (made by one of the factories). */
  public static isQuota(x: any): boolean {
    return x instanceof Quota;
  }

  /** Calls allowed per period. */
  public readonly calls: number;
  /** The period in seconds (APIM's `renewal-period`); 0 for a lifetime quota. */
  public readonly renewalPeriodSeconds: number;
  /** The factory that made it (a private member also keeps object literals from passing for a Quota). */
  private readonly madeBy: string;

  private constructor(where: string, calls: number, periodSeconds: number) {
    this.madeBy = where;
    this.calls = checkCount(where, 'calls', calls, 1, MAX_QUOTA_CALLS);
    this.renewalPeriodSeconds = periodSeconds === 0
      ? 0
      : checkCount(where, 'periodSeconds', periodSeconds, MIN_QUOTA_PERIOD_SECONDS, MAX_QUOTA_PERIOD_SECONDS);
  }

  /** Whether the quota never renews. */
  public get isLifetime(): boolean {
    return this.renewalPeriodSeconds === 0;
  }

  /** E.g. `100000 calls per 86400 seconds`, or `1000 calls in total (never renewed)`. */
  public toString(): string {
    return this.isLifetime
      ? `${plural(this.calls, 'call')} in total (never renewed)`
      : `${plural(this.calls, 'call')} per ${plural(this.renewalPeriodSeconds, 'second')}`;
  }

  /** E.g. `Quota.perDay(100000)`, for messages. */
  public describe(): string {
    return `${this.madeBy}(${this.calls}${this.madeBy === 'Quota.per' ? `, ${this.renewalPeriodSeconds}` : ''})`;
  }
}

/** A prop that must be a RateLimit (jsii and JavaScript callers can pass anything). */
export function requireRateLimit(where: Where, prop: string, value: unknown): RateLimit {
  if (!(value instanceof RateLimit)) {
    invalid(where, prop, `is ${describe(value)}, not a RateLimit`, 'a RateLimit such as RateLimit.perMinute(300) or RateLimit.per(100, 10)');
  }
  return value;
}

/** A prop that must be a Quota (jsii and JavaScript callers can pass anything). */
export function requireQuota(where: Where, prop: string, value: unknown): Quota {
  if (!(value instanceof Quota)) {
    invalid(where, prop, `is ${describe(value)}, not a Quota`, 'a Quota such as Quota.perDay(100000), Quota.per(5000, 3600) or Quota.lifetime(1000)');
  }
  return value;
}
