/** Checks of host names, URLs, IPv4 addresses and CIDR ranges. Internal; import through `./validation`. */
import { invalid, Where } from './errors';
import { describe, isToken, requireString } from './value-checks';

const HOST = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** A fully qualified DNS host name (tokens skip the content check). */
export function checkHost(where: Where, prop: string, value: unknown): string {
  const valid = 'a fully qualified DNS name such as api.contoso-health.example';
  requireString(where, prop, value, valid);
  if (isToken(value)) return value;
  if (!HOST.test(value)) invalid(where, prop, `${describe(value)} is not a host name`, valid);
  return value;
}

/** The URL `value` parses to, or undefined when it is not an absolute URL. */
export function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
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
  const parsed = parseUrl(value);
  if (!parsed || !rule.schemes.includes(parsed.protocol) || !parsed.hostname || parsed.username || parsed.password
    || value.includes('#') || (!rule.query && value.includes('?')) || /[\s\u0000-\u001F]/.test(value)) {
    invalid(where, prop, `${describe(value)} is not a valid URL`, valid);
  }
  return value;
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
export function checkCidr(where: Where, prop: string, cidr: unknown): Ipv4Range {
  const range = typeof cidr === 'string' ? parseCidr(cidr) : undefined;
  if (!range) {
    invalid(where, prop, `${describe(cidr)} is not an IPv4 CIDR range`, 'a network address and prefix such as 10.0.1.0/24 (host bits zero)');
  }
  return range;
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

/** An absolute https URL without credentials, query or fragment. `http://` is refused with its reason. */
export function checkHttpsUrl(where: Where, prop: string, url: string): string {
  const valid = 'an absolute https:// URL without user info, query or fragment, e.g. https://fhir.contoso-health.example';
  requireString(where, prop, url, valid);
  if (isToken(url)) return url;
  const parsed = parseUrl(url);
  if (parsed && parsed.protocol === 'http:') {
    invalid(where, prop, `'${url}' uses http://, which would send PHI and tokens unencrypted`, valid);
  }
  if (!parsed || parsed.protocol !== 'https:' || !parsed.hostname) invalid(where, prop, `'${url}' is not an https URL`, valid);
  if (parsed.username || parsed.password || parsed.search || parsed.hash || /\s/.test(url)) {
    invalid(where, prop, `'${url}' has user info, a query, a fragment or whitespace`, valid);
  }
  return url;
}
