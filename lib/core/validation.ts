/**
 * The one set of input validators of the library. Internal.
 *
 * One rule for unresolved tokens: a token is never guessed at. Its *type* is still checked where
 * cdktf keeps it (a string token is a string, a number token a number, a list token an array),
 * but content checks (patterns, ranges, lengths) are skipped, because the value is only known
 * at deploy time. Props that name resources or derive stable ids use `checkLiteral` to refuse
 * tokens altogether.
 */
import { Token } from 'cdktf';
import { invalid, Where } from './errors';

export { invalid, pathOf, ValidationError } from './errors';
export type { Where } from './errors';

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

/** The JavaScript type of a value in words, for "is X, not a string" messages. */
function typeWord(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 120 ? `${value.slice(0, 117)}...` : value);
  return describe(value);
}

/** Whether a value is an unresolved cdktf token. */
export function isToken(value: unknown): boolean {
  return value !== undefined && value !== null && Token.isUnresolved(value);
}

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Text and names
// ---------------------------------------------------------------------------------------------

/** Options of `checkText`. */
export interface TextRule {
  readonly max: number;
  readonly min?: number;
  /** Whether line breaks and tabs are allowed. Default false. */
  readonly multiline?: boolean;
}

/** Free text: a string of `min` (default 1, not blank) to `max` characters without control characters. Tokens skip the content check. */
export function checkText(where: Where, prop: string, value: unknown, rule: TextRule | number): string {
  const r: TextRule = typeof rule === 'number' ? { max: rule } : rule;
  const min = r.min ?? 1;
  const valid = `${min === 0 ? 'up to' : `${min} to`} ${r.max} printable characters`;
  requireString(where, prop, value, valid);
  if (isToken(value)) return value;
  const control = r.multiline ? /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/ : /[\u0000-\u001F\u007F]/;
  if ((min > 0 && value.trim() === '') || value.length < min || value.length > r.max || control.test(value)) {
    invalid(where, prop, `${describe(value)} is empty, too long or has control characters`, valid);
  }
  return value;
}

/** A name rule: a pattern, a length range and how to describe it. */
export interface NameRule {
  /** What the name is, e.g. 'an API Management name'. */
  readonly what: string;
  readonly pattern: RegExp;
  readonly min: number;
  readonly max: number;
  /** What is valid, in words. */
  readonly valid: string;
  /** Further refusals (e.g. "--") with their reason. */
  readonly refuse?: ReadonlyArray<readonly [RegExp, string]>;
}

/** A name that must match a rule (tokens skip the content check unless `literal`). */
export function checkName(where: Where, prop: string, value: unknown, rule: NameRule, literal = false): string {
  requireString(where, prop, value, rule.valid);
  if (literal) checkLiteral(where, prop, value);
  if (isToken(value)) return value;
  if (value.length < rule.min || value.length > rule.max || !rule.pattern.test(value)) {
    invalid(where, prop, `${describe(value)} is not ${rule.what}`, rule.valid);
  }
  for (const [re, why] of rule.refuse ?? []) {
    if (re.test(value)) invalid(where, prop, `${describe(value)} ${why}`, rule.valid);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Formats
// ---------------------------------------------------------------------------------------------

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Whether a string is a GUID as the providers' IsUUID wants it. */
export function isGuid(value: unknown): boolean {
  return typeof value === 'string' && GUID.test(value);
}

/** A GUID, as the providers' IsUUID validator wants it (tokens skip the content check). */
export function checkGuid(where: Where, prop: string, value: unknown): string {
  const valid = 'a GUID such as 00000000-0000-0000-0000-000000000000';
  requireString(where, prop, value, valid);
  if (isToken(value)) return value;
  if (!GUID.test(value)) invalid(where, prop, `${describe(value)} is not a GUID`, valid);
  return value;
}

/** A plain e-mail address, at most `max` characters. */
export function checkEmail(where: Where, prop: string, value: unknown, max = 254): string {
  const valid = max === 254 ? 'an address like name@example.org' : `an address like name@example.org, at most ${max} characters`;
  requireString(where, prop, value, valid);
  if (isToken(value)) return value;
  if (value.length > max || !/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/.test(value)) {
    invalid(where, prop, `${describe(value)} is not an e-mail address`, valid);
  }
  return value;
}

const HOST = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** A fully qualified DNS host name (tokens skip the content check). */
export function checkHost(where: Where, prop: string, value: unknown): string {
  const valid = 'a fully qualified DNS name such as api.contoso-health.example';
  requireString(where, prop, value, valid);
  if (isToken(value)) return value;
  if (!HOST.test(value)) invalid(where, prop, `${describe(value)} is not a host name`, valid);
  return value;
}

/** Options of `checkUrl`. */
export interface UrlRule {
  /** Allowed schemes, e.g. ['https:']. */
  readonly schemes: ReadonlyArray<string>;
  /** Whether query strings are allowed. Default false. */
  readonly query?: boolean;
  readonly valid?: string;
}

/** An absolute URL with one of the given schemes and a host, without user info or fragment (tokens skip the content check). */
export function checkUrl(where: Where, prop: string, value: unknown, rule: UrlRule): string {
  const valid = rule.valid ?? `an absolute ${rule.schemes.map((s) => `${s}//`).join(' or ')} URL with a host, without user info${rule.query ? '' : ', query'} or fragment`;
  requireString(where, prop, value, valid);
  if (isToken(value)) return value;
  let parsed: URL | undefined;
  try {
    parsed = new URL(value);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !rule.schemes.includes(parsed.protocol) || !parsed.hostname || parsed.username || parsed.password
    || value.includes('#') || (!rule.query && value.includes('?')) || /[\s\u0000-\u001F]/.test(value)) {
    invalid(where, prop, `${describe(value)} is not a valid URL`, valid);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// IPv4 and CIDR
// ---------------------------------------------------------------------------------------------

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
export function checkCidr(where: Where, prop: string, cidr: unknown): Ipv4Range {
  const range = typeof cidr === 'string' ? parseCidr(cidr) : undefined;
  if (!range) {
    invalid(where, prop, `${describe(cidr)} is not an IPv4 CIDR range`, 'a network address and prefix such as 10.0.1.0/24 (host bits zero)');
  }
  return range;
}

// ---------------------------------------------------------------------------------------------
// ARM resource ids
// ---------------------------------------------------------------------------------------------

/** The shape of an ARM resource id type: provider namespace and the type segments, in canonical case. */
export interface ResourceIdType {
  /** E.g. 'Microsoft.Network'. */
  readonly namespace: string;
  /** Type segments, e.g. ['virtualNetworks', 'subnets']. */
  readonly types: ReadonlyArray<string>;
  /** A fixed name of the last segment, e.g. 'privatelink.vaultcore.azure.net'. */
  readonly lastName?: string;
}

const RG_ID = '/subscriptions/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/resourceGroups/[-\\w._()]{1,90}';

/**
 * An ARM resource id of one type, parsed case-sensitively as the providers' resource id parsers
 * do (`resourceGroups`, `virtualNetworks`, `Microsoft.Network` in canonical case). Tokens skip
 * the content check.
 */
export function checkResourceId(where: Where, prop: string, value: unknown, type: ResourceIdType): string {
  const names = type.types.map((t, i) => `${t}/${i === type.types.length - 1 && type.lastName ? type.lastName : '<name>'}`).join('/');
  const valid = `/subscriptions/<guid>/resourceGroups/<group>/providers/${type.namespace}/${names} (in this case)`;
  requireString(where, prop, value, valid);
  if (isToken(value)) return value;
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const segments = type.types.map((t, i) => `/${esc(t)}/${i === type.types.length - 1 && type.lastName ? esc(type.lastName) : '[^/\\s]+'}`).join('');
  const re = new RegExp(`^${RG_ID}/providers/${esc(type.namespace)}${segments}$`);
  if (!re.test(value)) invalid(where, prop, `${describe(value)} is not a ${type.namespace}/${type.types.join('/')} resource id`, valid);
  return value;
}

/** The ARM resource id types the library takes from users, in canonical case. */
export const RESOURCE_ID = {
  virtualNetwork: { namespace: 'Microsoft.Network', types: ['virtualNetworks'] },
  subnet: { namespace: 'Microsoft.Network', types: ['virtualNetworks', 'subnets'] },
  ddosProtectionPlan: { namespace: 'Microsoft.Network', types: ['ddosProtectionPlans'] },
  vaultPrivateDnsZone: { namespace: 'Microsoft.Network', types: ['privateDnsZones'], lastName: 'privatelink.vaultcore.azure.net' },
  logAnalyticsWorkspace: { namespace: 'Microsoft.OperationalInsights', types: ['workspaces'] },
  keyVault: { namespace: 'Microsoft.KeyVault', types: ['vaults'] },
} as const satisfies Record<string, ResourceIdType>;

/** Any ARM resource id (azurerm's azure.ValidateResourceID): /subscriptions/<guid>/... */
export function checkAnyResourceId(where: Where, prop: string, value: unknown): string {
  const valid = 'an ARM resource id such as /subscriptions/<guid>/resourceGroups/<group>/providers/<namespace>/<type>/<name>';
  requireString(where, prop, value, valid);
  if (isToken(value)) return value;
  if (!/^\/subscriptions\/[0-9a-fA-F-]{36}(\/[^/\s]+\/[^/\s]+)*$/.test(value)) invalid(where, prop, `${describe(value)} is not a resource id`, valid);
  return value;
}

/** Tag limits: at most 50 tags, names 1-512 characters without <>%&\?/, values up to 256. Returns the tags. */
export function checkTags(where: Where, prop: string, tags: unknown): Record<string, string> | undefined {
  if (tags === undefined) return undefined;
  if (isToken(tags)) return tags as Record<string, string>;
  const map = checkObject<Record<string, unknown>>(where, prop, tags);
  const entries = Object.entries(map);
  if (entries.length > 50) invalid(where, prop, `has ${entries.length} tags`, 'at most 50 tags');
  for (const [k, v] of entries) {
    if (k.length === 0 || k.length > 512 || /[<>%&\\?/\u0000-\u001F]/.test(k)) invalid(where, `${prop}.${k}`, 'is not a valid tag name', '1 to 512 characters without < > % & \\ ? / or control characters');
    if (typeof v !== 'string') invalid(where, `${prop}.${k}`, `is ${typeWord(v)}, not a string`, 'a string value of at most 256 characters');
    if (!isToken(v) && v.length > 256) invalid(where, `${prop}.${k}`, 'has a value over 256 characters', 'a value of at most 256 characters');
  }
  return map as Record<string, string>;
}

/** Private IPv4 ranges, which a Key Vault IP rule never matches (the firewall sees public addresses). */
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16'].map((c) => parseCidr(c)!);

/** A public IPv4 address or CIDR range (tokens are skipped). */
export function checkPublicRange(where: Where, prop: string, value: string): string {
  if (isToken(value)) return value;
  const single = typeof value === 'string' ? parseIpv4(value) : undefined;
  const range = single !== undefined ? { first: single, last: single } : (typeof value === 'string' ? parseCidr(value) : undefined);
  if (range === undefined) {
    invalid(where, prop, `'${value}' is not an IPv4 address or CIDR range`, 'a public IPv4 address or CIDR range such as 203.0.113.7 or 203.0.113.0/24');
  }
  if (PRIVATE_RANGES.some((p) => range.first <= p.last && p.first <= range.last)) {
    invalid(where, prop, `'${value}' is a private or reserved range, which the vault firewall never sees`,
      'the agent\'s public egress address; an agent in a private network uses KeyVaultDeployerAccess.fromSubnet or fromPrivateEndpoint');
  }
  return value;
}

/** An ARM resource id containing the given segments, case-sensitively as the providers parse it (tokens are skipped). */
export function checkResourceIdOf(where: Where, prop: string, id: string, typeSegment: string, childSegment: string): string {
  if (isToken(id)) return id;
  const ok = typeof id === 'string' && /^\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[^/]+\/providers\//.test(id)
    && id.includes(`/providers/${typeSegment}`) && (childSegment === '' || id.includes(childSegment));
  if (!ok) {
    invalid(where, prop, `'${id}' is not a ${typeSegment}${childSegment ? `…${childSegment}…` : ''} resource id`,
      `/subscriptions/<guid>/resourceGroups/<group>/providers/${typeSegment}${childSegment ? `<name>${childSegment}<name>` : ''}`);
  }
  return id;
}

// ---------------------------------------------------------------------------------------------
// Run-time types of whole props bags (jsii and JavaScript callers can pass anything)
// ---------------------------------------------------------------------------------------------

/** The run-time type a prop must have, for `checkTypes`. Build one with the `T` helpers. */
export type TypeSpec =
  | { readonly kind: 'string' | 'boolean' | 'any' }
  | { readonly kind: 'number'; readonly integer: boolean }
  | { readonly kind: 'enum'; readonly values: ReadonlyArray<unknown> }
  | { readonly kind: 'list'; readonly item: TypeSpec }
  | { readonly kind: 'map'; readonly value: TypeSpec }
  | { readonly kind: 'props'; readonly fields: Readonly<Record<string, TypeSpec>> }
  | { readonly kind: 'instance'; readonly test: (v: unknown) => boolean; readonly valid: string }
  | { readonly kind: 'optional'; readonly of: TypeSpec };

/** Builders of `TypeSpec`s. */
export const T = {
  str: { kind: 'string' } as TypeSpec,
  bool: { kind: 'boolean' } as TypeSpec,
  int: { kind: 'number', integer: true } as TypeSpec,
  num: { kind: 'number', integer: false } as TypeSpec,
  any: { kind: 'any' } as TypeSpec,
  enumOf: (values: ReadonlyArray<unknown>): TypeSpec => ({ kind: 'enum', values }),
  list: (item: TypeSpec): TypeSpec => ({ kind: 'list', item }),
  map: (value: TypeSpec): TypeSpec => ({ kind: 'map', value }),
  props: (fields: Record<string, TypeSpec>): TypeSpec => ({ kind: 'props', fields }),
  instance: (test: (v: unknown) => boolean, valid: string): TypeSpec => ({ kind: 'instance', test, valid }),
  opt: (of: TypeSpec): TypeSpec => ({ kind: 'optional', of }),
};

/**
 * Checks the run-time type of a value against a spec, naming the prop path (`operations[2].method`,
 * `existingApp.clientId`). Booleans must be booleans (the string 'false' is refused), numbers
 * finite (and whole where the spec says so), enum values members, lists arrays without
 * null/undefined items, nested props objects. Tokens pass where cdktf keeps their type.
 * Content (patterns, ranges, lengths) is left to the content checks.
 */
export function checkTypes(where: Where, prop: string, value: unknown, spec: TypeSpec): void {
  const name = prop || 'props';
  switch (spec.kind) {
    case 'optional':
      if (value !== undefined) checkTypes(where, prop, value, spec.of);
      return;
    case 'any':
      if (value === undefined || value === null) invalid(where, name, `is ${describe(value)}`, 'a value');
      return;
    case 'string':
      requireString(where, name, value);
      return;
    case 'boolean':
      checkBoolean(where, name, value, false);
      if (value === undefined) invalid(where, name, 'is undefined', 'true or false');
      return;
    case 'number':
      if (typeof value !== 'number') invalid(where, name, `is ${typeWord(value)}, not a number`, spec.integer ? 'a whole number' : 'a number');
      if (isToken(value)) return;
      // Whole numbers: fractions are left to the range check that follows, whose message names the range.
      if (!Number.isFinite(value)) invalid(where, name, `is ${value}`, spec.integer ? 'a whole number' : 'a finite number');
      return;
    case 'enum':
      checkEnum(where, name, value, spec.values);
      return;
    case 'instance':
      if (!spec.test(value)) invalid(where, name, `is ${describe(value)}`, spec.valid);
      return;
    case 'list': {
      const list = checkArray<unknown>(where, name, value);
      if (isToken(list)) return;
      list.forEach((item, i) => checkTypes(where, `${name}[${i}]`, item, spec.item));
      return;
    }
    case 'map': {
      if (isToken(value)) return;
      const map = checkObject<Record<string, unknown>>(where, name, value);
      for (const [k, v] of Object.entries(map)) checkTypes(where, `${name}.${k}`, v, spec.value);
      return;
    }
    case 'props': {
      if (prop !== '' || value === null || typeof value !== 'object' || Array.isArray(value)) checkObject(where, name, value);
      const bag = value as Record<string, unknown>;
      for (const [k, fieldSpec] of Object.entries(spec.fields)) checkTypes(where, prop ? `${prop}.${k}` : k, bag[k], fieldSpec);
      return;
    }
  }
}
