import { Token } from 'cdktf';
import { PolicyElement, PolicySection } from './element';
import { checkCidr, checkHeaderName, checkInteger, checkOneOf, checkProps, checkVariableName, formatIpv4, orDefault, parseIpv4 } from './validate';
import { checkLiteral, PolicyValue, valueText } from './value';
import { el, XmlNode } from './xml';
import { invalid } from '../core/errors';
import { MAX_RATE_LIMIT_WINDOW_SECONDS, MIN_QUOTA_PERIOD_SECONDS } from '../core/rate-limit';
import { checkArray, checkBytesAs, describe, enumValues, KIB } from '../core/validation';

/** APIM's bound on a rate-limit window, in seconds (the one `RateLimit` holds to). */
export const MAX_RATE_LIMIT_PERIOD = MAX_RATE_LIMIT_WINDOW_SECONDS;
/** APIM's shortest renewable quota period, in seconds (0 is a lifetime quota; the one `Quota` holds to). */
export const MIN_QUOTA_PERIOD = MIN_QUOTA_PERIOD_SECONDS;
/** APIM's `renewal-period` for a quota that never renews. */
export const LIFETIME_QUOTA_PERIOD = 0;
/** The largest bandwidth quota, in KB (the policy's unit): a 32-bit integer. */
const MAX_QUOTA_BANDWIDTH_KB = 2_147_483_647;

/** Properties of `RateLimitByKey`. */
export interface RateLimitByKeyProps {
  /** Calls allowed per window for one key; at least 1. */
  readonly calls: number;
  /** Window length in seconds, 1 to 300. */
  readonly renewalPeriodSeconds: number;
  /** What the counter is kept per, e.g. `PolicyValue.expression('context.Request.IpAddress')`. */
  readonly counterKey: PolicyValue;
  /**
   * Only requests for which this expression is true are counted.
   * @default - every request counts
   */
  readonly incrementCondition?: PolicyValue;
  /**
   * Response header that tells the caller when to retry.
   * @default 'Retry-After'
   */
  readonly retryAfterHeaderName?: string;
  /**
   * Context variable that receives the recommended retry interval in seconds when the limit
   * is exceeded, so an on-error handler that builds its own response (`return-response`
   * drops the header set by this policy) can send `Retry-After` again.
   * @default - not stored
   */
  readonly retryAfterVariableName?: string;
  /**
   * Response header that carries the calls left in the window.
   * @default - not sent
   */
  readonly remainingCallsHeaderName?: string;
}

/** `rate-limit-by-key`: a sliding-window call limit per key (client IP, subscription, token subject...). */
export class RateLimitByKey extends PolicyElement {
  private readonly node: XmlNode;

  constructor(props: RateLimitByKeyProps) {
    super('rate-limit-by-key', [PolicySection.INBOUND]);
    const w = 'rate-limit-by-key';
    checkProps(w, props);
    this.node = el(w, {
      'calls': checkInteger(w, 'calls', props.calls, 1, 2_147_483_647),
      'renewal-period': checkInteger(w, 'renewalPeriodSeconds', props.renewalPeriodSeconds, 1, MAX_RATE_LIMIT_PERIOD),
      'counter-key': valueText(w, 'counterKey', props.counterKey),
      'increment-condition': props.incrementCondition === undefined ? undefined : valueText(w, 'incrementCondition', props.incrementCondition),
      'retry-after-header-name': checkHeaderName(w, 'retryAfterHeaderName', orDefault(props.retryAfterHeaderName, 'Retry-After')),
      'retry-after-variable-name': props.retryAfterVariableName === undefined ? undefined : checkVariableName(w, 'retryAfterVariableName', props.retryAfterVariableName),
      'remaining-calls-header-name': props.remainingCallsHeaderName === undefined ? undefined : checkHeaderName(w, 'remainingCallsHeaderName', props.remainingCallsHeaderName),
    });
  }

  /** @internal */
  public _toNode(): XmlNode {
    return this.node;
  }
}

/** Properties of `QuotaByKey`. */
export interface QuotaByKeyProps {
  /**
   * Calls allowed per period for one key.
   * @default - no call quota (then `bandwidthBytes` is required)
   */
  readonly calls?: number;
  /**
   * Bytes allowed per period for one key: a multiple of 1024 from 1024, as APIM counts
   * kilobytes (the policy's `bandwidth` is written in KB).
   * @default - no bandwidth quota (then `calls` is required)
   */
  readonly bandwidthBytes?: number;
  /**
   * Kilobytes allowed per period for one key. Refused together with `bandwidthBytes`.
   * @default - no bandwidth quota
   * @deprecated use `bandwidthBytes` (sizes are in bytes across the library):
   * `bandwidthKilobytes: n` is `bandwidthBytes: n * 1024`.
   */
  readonly bandwidthKilobytes?: number;
  /**
   * Period length in seconds: 300 to 31,536,000, or 0 for a lifetime quota that never renews
   * ("When renewal-period is set to 0, the period is set to infinite", quota-by-key reference).
   */
  readonly renewalPeriodSeconds: number;
  /** What the quota is kept per. */
  readonly counterKey: PolicyValue;
  /**
   * Only requests for which this expression is true are counted.
   * @default - every request counts
   */
  readonly incrementCondition?: PolicyValue;
}

/** Checks a quota renewal period: 0 (never renews) or 300 to 31,536,000 seconds. */
export function checkQuotaPeriod(where: string, prop: string, seconds: number): number {
  if (typeof seconds !== 'number') {
    invalid(where, prop, `is ${describe(seconds)}, not a number`, `0 (a lifetime quota that never renews) or a whole number of seconds from ${MIN_QUOTA_PERIOD} to 31536000`);
  }
  if (Token.isUnresolved(seconds) || seconds === LIFETIME_QUOTA_PERIOD) return seconds;
  if (!Number.isInteger(seconds) || seconds < MIN_QUOTA_PERIOD || seconds > 31_536_000) {
    invalid(where, prop, `is ${seconds}`, `0 (a lifetime quota that never renews) or a whole number of seconds from ${MIN_QUOTA_PERIOD} to 31536000`);
  }
  return seconds;
}

/** The bandwidth quota in KB (the policy's unit), from `bandwidthBytes` or the deprecated `bandwidthKilobytes`. */
function bandwidthKb(w: string, props: QuotaByKeyProps): number | undefined {
  const { bandwidthBytes: bytes, bandwidthKilobytes: kb } = props;
  if (bytes !== undefined && kb !== undefined) {
    invalid(w, 'bandwidthBytes', 'is set together with the deprecated bandwidthKilobytes', 'one of them: bandwidthBytes (bandwidthKilobytes × 1024)');
  }
  if (props.calls === undefined && bytes === undefined && kb === undefined) {
    invalid(w, 'calls', 'and bandwidthBytes are both unset', 'at least one of calls and bandwidthBytes');
  }
  if (bytes !== undefined) return checkBytesAs(w, 'bandwidthBytes', bytes, KIB, 1, MAX_QUOTA_BANDWIDTH_KB);
  return kb === undefined ? undefined : checkInteger(w, 'bandwidthKilobytes', kb, 1, MAX_QUOTA_BANDWIDTH_KB);
}

/** `quota-by-key`: a long-period call or bandwidth quota per key. */
export class QuotaByKey extends PolicyElement {
  private readonly node: XmlNode;

  constructor(props: QuotaByKeyProps) {
    super('quota-by-key', [PolicySection.INBOUND]);
    const w = 'quota-by-key';
    checkProps(w, props);
    this.node = el(w, {
      'calls': props.calls === undefined ? undefined : checkInteger(w, 'calls', props.calls, 1, 2_147_483_647),
      'bandwidth': bandwidthKb(w, props),
      'renewal-period': checkQuotaPeriod(w, 'renewalPeriodSeconds', props.renewalPeriodSeconds),
      'counter-key': valueText(w, 'counterKey', props.counterKey),
      'increment-condition': props.incrementCondition === undefined ? undefined : valueText(w, 'incrementCondition', props.incrementCondition),
    });
  }

  /** @internal */
  public _toNode(): XmlNode {
    return this.node;
  }
}

/** What `ip-filter` does with the listed addresses. */
export enum IpFilterAction {
  /** Only the listed addresses may call. */
  ALLOW = 'allow',
  /** The listed addresses are refused. */
  FORBID = 'forbid',
}

/** Properties of `IpFilter`. */
export interface IpFilterProps {
  /** Allow only, or forbid, the listed addresses. */
  readonly action: IpFilterAction;
  /** IPv4 addresses (`203.0.113.7`) and CIDR ranges (`203.0.113.0/24`); at least one. */
  readonly addresses: string[];
}

/**
 * `ip-filter`: allows or forbids client IPv4 addresses and ranges (ranges render as
 * `address-range from/to`). It checks the address APIM received the request from
 * (`context.Request.IpAddress`); behind an edge gateway that is the gateway, so filter the
 * forwarded client address with `ClientIpFilter` instead.
 */
export class IpFilter extends PolicyElement {
  private readonly node: XmlNode;

  constructor(props: IpFilterProps) {
    super('ip-filter', [PolicySection.INBOUND]);
    const w = 'ip-filter';
    checkProps(w, props);
    checkOneOf(w, 'action', props.action, enumValues(IpFilterAction));
    if (props.addresses === undefined || (Array.isArray(props.addresses) && props.addresses.length === 0)) {
      invalid(w, 'addresses', 'is empty', 'at least one IPv4 address or CIDR range');
    }
    checkArray(w, 'addresses', props.addresses);
    const children = props.addresses.map((a, i) => {
      checkLiteral(w, `addresses[${i}]`, a);
      if (a.includes('/')) {
        const r = checkCidr(w, `addresses[${i}]`, a);
        return r.first === r.last ? el('address', {}, [{ kind: 'text', text: formatIpv4(r.first) }])
          : el('address-range', { from: formatIpv4(r.first), to: formatIpv4(r.last) });
      }
      if (parseIpv4(a) === undefined) invalid(w, `addresses[${i}]`, `'${a}' is not an IPv4 address`, 'a dotted-quad IPv4 address such as 203.0.113.7, or a CIDR range');
      return el('address', {}, [{ kind: 'text', text: a }]);
    });
    this.node = el(w, { action: props.action }, children);
  }

  /** @internal */
  public _toNode(): XmlNode {
    return this.node;
  }
}
