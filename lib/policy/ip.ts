import { PolicyElement, PolicySection } from './element';
import { Choose, ReturnResponse } from './flow';
import { IpFilterAction } from './limits';
import { checkElement, checkOneOf, checkProps, checkVariableName } from './validate';
import { checkLiteral, PolicyValue } from './value';
import { XmlNode } from './xml';
import { invalid } from '../core/errors';
import { checkArray } from '../core/validation';

/**
 * An IPv4 or IPv6 network: its address bytes (4 or 16) and prefix length.
 * @internal
 */
export interface IpNetwork {
  readonly bytes: number[];
  readonly prefix: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function ipv4Bytes(address: string): number[] | undefined {
  const m = IPV4.exec(address);
  if (!m) return undefined;
  const octets = m.slice(1);
  if (octets.some((o) => Number(o) > 255 || (o.length > 1 && o.startsWith('0')))) return undefined;
  return octets.map(Number);
}

function ipv6Bytes(address: string): number[] | undefined {
  if (!/^[0-9A-Fa-f:.]+$/.test(address)) return undefined;
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const compressed = halves.length === 2;
  const groups = (half: string) => (half === '' ? [] : half.split(':'));
  const left = groups(halves[0]);
  const right = compressed ? groups(halves[1]) : [];
  // An IPv4 address may stand for the last 32 bits, e.g. ::ffff:192.0.2.1.
  const last = compressed ? right : left;
  let tail: number[] = [];
  if (last.length > 0 && last[last.length - 1].includes('.')) {
    const v4 = ipv4Bytes(last.pop()!);
    if (!v4) return undefined;
    tail = v4;
  }
  const wanted = 8 - tail.length / 2;
  const present = left.length + right.length;
  if (compressed ? present > wanted - 1 : present !== wanted) return undefined;
  const all = [...left, ...Array<string>(compressed ? wanted - present : 0).fill('0'), ...right];
  if (all.some((g) => !/^[0-9A-Fa-f]{1,4}$/.test(g))) return undefined;
  return [...all.flatMap((g) => [Math.floor(parseInt(g, 16) / 256), parseInt(g, 16) % 256]), ...tail];
}

/** The bytes of an IPv4 (4 bytes) or IPv6 (16 bytes) address, or undefined. */
export function parseIpAddress(address: string): number[] | undefined {
  if (typeof address !== 'string') return undefined;
  return address.includes(':') ? ipv6Bytes(address) : ipv4Bytes(address);
}

/**
 * Parses an IPv4 or IPv6 address (a /32 or /128 network) or a CIDR range whose host bits are
 * zero, e.g. `203.0.113.0/24` or `2001:db8::/32`; returns undefined when it is neither.
 */
export function parseIpNetwork(text: string): IpNetwork | undefined {
  if (typeof text !== 'string') return undefined;
  const [address, prefixText, extra] = text.split('/');
  if (extra !== undefined) return undefined;
  const bytes = parseIpAddress(address);
  if (!bytes) return undefined;
  const bits = bytes.length * 8;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefix > bits) return undefined;
  for (let i = 0; i < bytes.length; i++) {
    // The host bits of this byte (those past the prefix) must be zero.
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    if (bytes[i] % 2 ** (8 - keep) !== 0) return undefined;
  }
  return { bytes, prefix };
}

/** Properties of `ClientIpFilter`. */
export interface ClientIpFilterProps {
  /** Allow only, or refuse, the listed addresses. */
  readonly action: IpFilterAction;
  /**
   * IPv4 and IPv6 addresses (`203.0.113.7`, `2001:db8::7`) and CIDR ranges (`203.0.113.0/24`,
   * `2001:db8::/32`, host bits zero); at least one.
   */
  readonly addresses: string[];
  /**
   * The context variable that holds the client address (a string), e.g. the one set from the
   * last X-Forwarded-For entry behind the edge gateway.
   * @default - the address APIM received the request from (`context.Request.IpAddress`)
   */
  readonly clientIpVariable?: string;
  /**
   * What is returned to a refused caller.
   * @default - a bare 403 response
   */
  readonly refusal?: PolicyElement;
}

/**
 * An IP allow or deny list on any client address, for where `ip-filter` cannot be used:
 * `ip-filter` only filters `context.Request.IpAddress`, which behind an edge gateway is the
 * gateway's own address. Renders `choose` / `when` with a C# condition that parses the address
 * with `System.Net.IPAddress` (a type APIM policy expressions allow), maps IPv4-mapped IPv6
 * addresses to IPv4, and compares the leading prefix bits with each network; an address that
 * does not parse is refused whatever the action (fail closed).
 */
export class ClientIpFilter extends PolicyElement {
  private readonly choose: Choose;

  constructor(props: ClientIpFilterProps) {
    super('choose', [PolicySection.INBOUND]);
    const w = 'ClientIpFilter';
    checkProps(w, props);
    checkOneOf(w, 'action', props.action, Object.values(IpFilterAction));
    if (props.addresses === undefined || (Array.isArray(props.addresses) && props.addresses.length === 0)) {
      invalid(w, 'addresses', 'is empty', 'at least one IPv4 or IPv6 address or CIDR range');
    }
    checkArray(w, 'addresses', props.addresses);
    if (props.refusal !== undefined) checkElement(w, 'refusal', props.refusal);
    const networks = props.addresses.map((a, i) => {
      checkLiteral(w, `addresses[${i}]`, a);
      const n = parseIpNetwork(a);
      if (!n) {
        invalid(w, `addresses[${i}]`, `'${a}' is not an IP address or CIDR range`,
          'an IPv4 or IPv6 address, or a network address and prefix with zero host bits, such as 10.0.1.0/24 or 2001:db8::/32');
      }
      return n;
    });
    let source = 'context.Request.IpAddress';
    if (props.clientIpVariable !== undefined) {
      checkVariableName(w, 'clientIpVariable', props.clientIpVariable);
      source = `context.Variables.GetValueOrDefault<string>("${props.clientIpVariable}", "")`;
    }
    const code = [
      `var text = ${source};`,
      'System.Net.IPAddress ip;',
      'if (text == null || !System.Net.IPAddress.TryParse(text, out ip)) { return true; }',
      'if (ip.IsIPv4MappedToIPv6) { ip = ip.MapToIPv4(); }',
      'var b = ip.GetAddressBytes();',
      `var nets = new byte[][] { ${networks.map((n) => `new byte[] { ${n.bytes.join(', ')} }`).join(', ')} };`,
      `var lengths = new int[] { ${networks.map((n) => n.prefix).join(', ')} };`,
      'var listed = false;',
      'for (var i = 0; i < nets.Length && !listed; i++) {',
      'var n = nets[i];',
      'if (n.Length != b.Length) { continue; }',
      'var bits = lengths[i];',
      'var match = true;',
      'for (var j = 0; j < n.Length && bits > 0 && match; j++, bits -= 8) {',
      'var mask = bits >= 8 ? 255 : (255 << (8 - bits)) & 255;',
      'match = (b[j] & mask) == (n[j] & mask);',
      '}',
      'listed = match;',
      '}',
      `return ${props.action === IpFilterAction.ALLOW ? '!listed' : 'listed'};`,
    ].join(' ');
    const refusal = props.refusal ?? new ReturnResponse({ statusCode: 403, reason: 'Forbidden' });
    this.choose = new Choose({ branches: [{ condition: PolicyValue.multiStatement(code), elements: [refusal] }] });
    if (!this.choose.allowedIn(PolicySection.INBOUND)) invalid(w, 'refusal', `is '${refusal.elementName}', which APIM does not take in inbound`, 'an element allowed in inbound, such as return-response');
  }

  /** @internal */
  public _statementNames(): string[] {
    return this.choose._statementNames();
  }

  /** @internal */
  public _toNode(): XmlNode {
    return this.choose._toNode();
  }
}
