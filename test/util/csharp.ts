/**
 * Runs the small C# subset of this library's policy expressions in JS, so a test can check
 * what an expression returns for a given request, instead of matching its text.
 *
 * The subset: `var`/`int`/`System.Net.IPAddress` locals, `if`/`else`/`for`/`continue`/`return`,
 * string, number and array literals, `== != && || ! ?: ??`, bit operations, one-parameter
 * lambdas (`k => ...`, for `Any`), a `Jwt` context variable's `Claims`, and the members in
 * MEMBERS below. Anything else (another member, type or root identifier) throws, so an
 * expression the helper does not understand fails the test instead of being guessed at. The
 * root types allowed (`System.Net.IPAddress`, `Convert`, `int`) are all in APIM's list of .NET
 * types allowed in policy expressions.
 */
import { isIP } from 'net';

/** `context.LastError` as APIM fills it. */
export interface FakeLastError {
  readonly Source?: string;
  readonly Reason?: string;
  readonly Message?: string;
  readonly Section?: string;
}

/**
 * A context variable with its .NET type: `['int', 5]`, a string, or a validated token as
 * `['Jwt', { oid: '...' }]` (claim name to value; several values joined by commas, as
 * `Claims.GetValueOrDefault` returns them).
 */
export type FakeVariable = string | readonly ['int' | 'string', number | string] | readonly ['Jwt', Readonly<Record<string, string>>];

/** The parts of APIM's `context` an expression may read. */
export interface FakeContext {
  readonly LastError?: FakeLastError;
  /** Context variables, with their .NET type. */
  readonly Variables?: Record<string, FakeVariable>;
  /** `context.RequestId` (a Guid in APIM). */
  readonly RequestId?: string;
  readonly Request?: { readonly IpAddress?: string; readonly Headers?: Record<string, string> };
  /** The response, or null before there is one. */
  readonly Response?: { readonly Headers?: Record<string, string> } | null;
}

const KEYWORDS = new Set(['var', 'if', 'else', 'for', 'continue', 'return', 'true', 'false', 'null', 'new', 'out', 'int', 'byte', 'string', 'object']);
const ROOTS = new Set(['context', 'System', 'Convert', 'int', 'string', 'object']);
const MEMBERS = new Set([
  'LastError', 'Source', 'Reason', 'Message', 'Section', 'Variables', 'GetValueOrDefault', 'ContainsKey', 'Request', 'Response', 'Headers',
  'IpAddress', 'Contains', 'StartsWith', 'IndexOf', 'LastIndexOf', 'Substring', 'Trim', 'Split', 'Last', 'Length',
  'ToString', 'TryParse', 'Net', 'IPAddress', 'IsIPv4MappedToIPv6', 'MapToIPv4', 'GetAddressBytes',
  'Keys', 'Any', 'ToUpperInvariant', 'Claims', 'RequestId',
]);
const RENAMES: Record<string, string> = {
  Contains: 'includes',
  StartsWith: 'startsWith',
  IndexOf: 'indexOf',
  LastIndexOf: 'lastIndexOf',
  Substring: 'substr',
  Trim: 'trim',
  Split: 'split',
  Length: 'length',
  ToString: 'toString',
  Last: '__last',
  Any: 'some',
  ToUpperInvariant: 'toUpperCase',
};

/** A fake `System.Net.IPAddress`: strict parsing (real .NET also takes forms like "1.2"). */
class FakeIpAddress {
  public static TryParse(text: string, out: (v: FakeIpAddress) => void): boolean {
    if (typeof text !== 'string') return false;
    const version = isIP(text);
    if (version === 0) return false;
    out(new FakeIpAddress(version === 4 ? text.split('.').map(Number) : v6Bytes(text)));
    return true;
  }

  constructor(private readonly bytes: number[]) {}

  public get IsIPv4MappedToIPv6(): boolean {
    return this.bytes.length === 16 && this.bytes.slice(0, 10).every((b) => b === 0) && this.bytes[10] === 255 && this.bytes[11] === 255;
  }

  public MapToIPv4(): FakeIpAddress {
    return new FakeIpAddress(this.bytes.slice(12));
  }

  public GetAddressBytes(): number[] {
    return [...this.bytes];
  }

  public toString(): string {
    if (this.bytes.length === 4) return this.bytes.join('.');
    const groups = [];
    for (let i = 0; i < 16; i += 2) groups.push((this.bytes[i] * 256 + this.bytes[i + 1]).toString(16));
    return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::').replace(/:{3,}/, '::');
  }
}

function v6Bytes(text: string): number[] {
  let t = text;
  let tail: number[] = [];
  const m = /:(\d+\.\d+\.\d+\.\d+)$/.exec(t);
  if (m) {
    tail = m[1].split('.').map(Number);
    t = t.slice(0, -m[1].length) + '0:0';
  }
  const [head, rest] = t.split('::');
  const left = head ? head.split(':') : [];
  const right = rest === undefined ? [] : (rest ? rest.split(':') : []);
  const all = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  const bytes = all.flatMap((g) => [Math.floor(parseInt(g, 16) / 256), parseInt(g, 16) % 256]);
  return tail.length ? [...bytes.slice(0, 12), ...tail] : bytes;
}

/** Translates the subset to JS, checking every identifier. */
export function translate(code: string): string {
  const locals = new Set<string>();
  for (const m of code.matchAll(/\b(?:var|int|IPAddress)\s+([A-Za-z_]\w*)\s*[=;]/g)) locals.add(m[1]);
  for (const m of code.matchAll(/\bout\s+([A-Za-z_]\w*)/g)) locals.add(m[1]);
  for (const m of code.matchAll(/\b([A-Za-z_]\w*)\s*=>/g)) locals.add(m[1]);
  let out = '';
  const strings: string[] = [];
  const braces: boolean[] = [];
  const token = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)'|new\s+(?:byte|int|string)(?:\s*\[\s*\])+\s*\{|(?:(\.)\s*)?([A-Za-z_]\w*)(?:<(\w+)>)?|[{}]|[\s\S]/g;
  let m: RegExpExecArray | null;
  while ((m = token.exec(code)) !== null) {
    const t = m[0];
    if (t.startsWith('"') || t.startsWith("'")) { strings.push(t); out += `__S${strings.length - 1}__`; continue; }
    if (t.startsWith('new') && t.endsWith('{')) { braces.push(true); out += '['; continue; }
    if (t === '{') { braces.push(false); out += '{'; continue; }
    if (t === '}') { out += braces.pop() ? ']' : '}'; continue; }
    const name = m[2];
    if (name === undefined) { out += t; continue; }
    if (m[1]) {
      if (!MEMBERS.has(name)) throw new Error(`csharp: member .${name} is not in the supported subset`);
      // A generic GetValueOrDefault<T>( passes T first: GetValueOrDefault__T_string(.
      out += m[3] ? `.${name}__T_${m[3]}` : `.${RENAMES[name] ?? name}`;
      continue;
    }
    if (KEYWORDS.has(name) || locals.has(name)) {
      out += name === 'var' ? 'let' : name;
      continue;
    }
    if (!ROOTS.has(name)) throw new Error(`csharp: identifier ${name} is not in the supported subset`);
    out += name;
  }
  return out
    .replace(/\blet\s+(\w+)\s*;/g, 'let $1;')
    .replace(/\bint\s+(\w+)\s*;/g, 'let $1;')
    .replace(/\bSystem\.Net\.IPAddress\s+(\w+)\s*;/g, 'let $1;')
    .replace(/\bSystem\.Net\.IPAddress\.TryParse\(/g, '__IPAddress.TryParse(')
    .replace(/\bint\.TryParse\(/g, '__int.TryParse(')
    .replace(/\bConvert\.toString\(/g, '__convert.ToString(')
    .replace(/\bout\s+(\w+)/g, '(v) => { $1 = v; }')
    .replace(/\.GetValueOrDefault__T_(\w+)\(/g, ".GetValueOrDefault('$1', ")
    .replace(/__S(\d+)__/g, (_, i) => strings[Number(i)]);
}

function headerMap(headers: Record<string, string> = {}) {
  return {
    Keys: Object.keys(headers),
    GetValueOrDefault: (name: string, fallback: string) => {
      const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
      return key === undefined ? fallback : headers[key];
    },
  };
}

/**
 * Evaluates a policy expression as rendered (`@(expression)` or `@{ statements }`) against a
 * fake context and returns its value. Throws for code outside the subset, for a variable read
 * as the wrong type (as APIM does), and for any JS error.
 */
export function evaluate(rendered: string, ctx: FakeContext = {}): unknown {
  let body: string;
  if (rendered.startsWith('@(') && rendered.endsWith(')')) body = `return (${rendered.slice(2, -1)});`;
  else if (rendered.startsWith('@{') && rendered.endsWith('}')) body = rendered.slice(2, -1);
  else throw new Error(`not a policy expression: ${rendered}`);
  const vars = ctx.Variables ?? {};
  const context = {
    LastError: ctx.LastError === undefined ? null : ctx.LastError,
    Request: { IpAddress: ctx.Request?.IpAddress ?? '10.0.0.4', Headers: headerMap(ctx.Request?.Headers) },
    RequestId: { toString: () => ctx.RequestId ?? '00000000-0000-0000-0000-000000000000' },
    Response: ctx.Response === null ? null : { Headers: headerMap(ctx.Response?.Headers) },
    // context.Variables: GetValueOrDefault<T> (throws for the wrong type, as APIM does),
    // ContainsKey, and the indexer, which returns the value untyped.
    Variables: new Proxy({
      GetValueOrDefault: (type: string, name: string, fallback: unknown) => {
        if (!(name in vars)) return fallback;
        const v = vars[name];
        const [actual, value] = Array.isArray(v) ? v : ['string', v];
        if (type !== 'object' && type !== actual) throw new Error(`variable ${name} is ${actual}, read as ${type}`);
        return actual === 'Jwt' ? { Claims: headerMap(value as Record<string, string>) } : value;
      },
      ContainsKey: (name: string) => name in vars,
    }, {
      get: (target: Record<string, unknown>, key: string) => {
        if (key in target) return target[key];
        if (!(key in vars)) throw new Error(`KeyNotFoundException: variable ${key}`);
        const v = vars[key];
        return Array.isArray(v) ? v[1] : v;
      },
    }),
  };
  const helpers = {
    __IPAddress: FakeIpAddress,
    __int: { TryParse: (s: unknown, o: (v: number) => void) => (typeof s === 'string' && /^[+-]?\d+$/.test(s.trim()) ? (o(Number(s)), true) : (o(0), false)) },
    __convert: { ToString: (v: unknown) => (v === null || v === undefined ? '' : String(v)) },
  };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const fn = new Function('context', '__IPAddress', '__int', '__convert', `Array.prototype.__last = function () { return this[this.length - 1]; }; ${translate(body)}`);
  try {
    return fn(context, helpers.__IPAddress, helpers.__int, helpers.__convert);
  } finally {
    delete (Array.prototype as any).__last;
  }
}
