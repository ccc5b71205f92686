/**
 * The one set of input validators of the library: import them from here. Internal.
 *
 * One rule for unresolved tokens: a token is never guessed at. Its *type* is still checked where
 * cdktf keeps it (a string token is a string, a number token a number, a list token an array),
 * but content checks (patterns, ranges, lengths) are skipped, because the value is only known
 * at deploy time. Props that name resources or derive stable ids use `checkLiteral` to refuse
 * tokens altogether.
 *
 * The checks live by subject: plain values (value-checks), text and names (text-checks), hosts,
 * URLs and IPv4 (network-checks), ARM resource ids and tags (arm-checks), run-time types of
 * whole props bags (type-checks), and sizes in bytes and durations in seconds converted to the
 * provider's unit (unit-checks).
 */
export { invalid, pathOf, ValidationError } from './errors';
export type { Where } from './errors';

export {
  checkArray, checkBoolean, checkEnum, checkLiteral, checkNumber, checkObject, checkOptionalArray, checkOptionalBoolean,
  checkOptionalNumber, checkOptionalString, checkString, describe, enumValues, isToken, requireString,
} from './value-checks';
export type { ArrayRule, NumberRule } from './value-checks';

export { checkEmail, checkGuid, checkName, checkText, isGuid } from './text-checks';
export type { NameRule, TextRule } from './text-checks';

export { checkCidr, checkHost, checkHttpsUrl, checkPublicRange, checkUrl, formatIpv4, parseCidr, parseIpv4, parseUrl } from './network-checks';
export type { Ipv4Range, UrlRule } from './network-checks';

export { checkAnyResourceId, checkResourceId, checkResourceIdOf, checkTags, isResourceIdOf, RESOURCE_ID } from './arm-checks';
export type { ResourceIdType } from './arm-checks';

export { checkKnownKeys, checkTypes, T } from './type-checks';

export { checkBytesAs, checkSecondsAs, checkSecondsAsMilliseconds, checkSecondsIn, DAYS, HOURS, KIB, MIB, MINUTES } from './unit-checks';
export type { TimeUnit } from './unit-checks';
export type { TypeSpec } from './type-checks';
