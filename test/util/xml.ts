/**
 * Strict XML parsing for tests, with `@xmldom/xmldom`, and small helpers to walk the result.
 *
 * `parseXml` fails the test on anything that is not well-formed XML 1.0: every warning, error
 * and fatal error of the parser throws, and a lexical pass refuses what xmldom 0.8 silently
 * accepts (a bare `&`, undeclared entities, `<` in attribute values, `]]>` in text, characters
 * XML cannot carry, DOCTYPEs). Line endings are normalised as XML 1.0 says (CR LF and CR become
 * LF) and nothing else, so a parsed value can be compared exactly with the string that was
 * rendered.
 *
 * ```ts
 * const root = parseXml(element.toXml());
 * expect(root.tagName).toBe('cors');
 * expect(childElements(root).map((e) => e.tagName)).toEqual(['allowed-origins', 'allowed-methods']);
 * expect(attributes(root)).toEqual({ 'allow-credentials': 'false', ... });
 * ```
 */
import { DOMParser } from '@xmldom/xmldom';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

// Markup and text tokens, in the order they are tried: comments, CDATA, processing
// instructions, end tags, start tags (quoted attribute values may hold '>'), any other '<',
// references, ']]>', text.
const TOKEN = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<\/[^>]*>|<[A-Za-z_:](?:[^"'<>]|"[^"]*"|'[^']*')*>|<|&[^&;<]*;?|\]\]>|[^<&\]]+|\]/y;
const ILLEGAL_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const REFERENCE = /^&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);$/;

/** Throws when the source breaks a lexical well-formedness rule xmldom 0.8 does not enforce. */
function checkLexical(xml: string): void {
  const illegal = ILLEGAL_CHAR.exec(xml);
  if (illegal) throw new Error(`XML contains U+${illegal[0].charCodeAt(0).toString(16).padStart(4, '0')}, which XML 1.0 cannot carry`);
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (TOKEN.lastIndex < xml.length && (m = TOKEN.exec(xml)) !== null) {
    const token = m[0];
    const at = `at offset ${m.index}: ${JSON.stringify(xml.slice(m.index, m.index + 40))}`;
    if (token === '<') throw new Error(`XML has markup that is not an element, comment, CDATA or processing instruction ${at}`);
    if (token === ']]>') throw new Error(`XML has ']]>' outside a CDATA section ${at}`);
    if (token.startsWith('&') && !REFERENCE.test(token)) throw new Error(`XML has a bare '&' or an undeclared entity ${at}`);
    if (/^<[A-Za-z_:]/.test(token)) {
      for (const [quoted] of token.matchAll(/"[^"]*"|'[^']*'/g)) {
        if (quoted.includes('<')) throw new Error(`XML has '<' in an attribute value ${at}`);
        for (const [ref] of quoted.matchAll(/&[^&;]*;?/g)) {
          if (!REFERENCE.test(ref)) throw new Error(`XML has a bare '&' or an undeclared entity in an attribute value ${at}`);
        }
      }
    }
  }
}

/**
 * Parses a complete XML document (one root element) and returns its root element. Throws on
 * any parser warning, error or fatal error and on the lexical problems listed above, so
 * malformed XML fails the test that rendered it.
 */
export function parseXml(xml: string): Element {
  if (typeof xml !== 'string' || xml.trim() === '') throw new Error('XML is empty');
  checkLexical(xml);
  const fail = (level: string) => (msg: unknown) => {
    throw new Error(`XML ${level}: ${String(msg)}\n--- source ---\n${xml}`);
  };
  const parser = new DOMParser({
    errorHandler: { warning: fail('warning'), error: fail('error'), fatalError: fail('fatal error') },
    // XML 1.0 section 2.11 only; xmldom would otherwise also turn U+0085 and U+2028 into LF.
    normalizeLineEndings: (source: string) => source.replace(/\r\n?/g, '\n'),
  } as ConstructorParameters<typeof DOMParser>[0]);
  const doc = parser.parseFromString(xml, 'text/xml');
  const root = doc?.documentElement;
  if (!root) throw new Error(`XML has no root element\n--- source ---\n${xml}`);
  return root;
}

/**
 * Parses a fragment (zero or more elements, as placed in a policy section) by wrapping it in
 * a `<fragment>` element, and returns that wrapper.
 */
export function parseFragment(xml: string): Element {
  return parseXml(`<fragment>${xml}</fragment>`);
}

/** The child elements of a node, in document order; only those named `name` when given. */
export function childElements(node: Element, name?: string): Element[] {
  const result: Element[] = [];
  for (let i = 0; i < node.childNodes.length; i++) {
    const c = node.childNodes[i];
    if (c.nodeType === ELEMENT_NODE && (name === undefined || (c as Element).tagName === name)) result.push(c as Element);
  }
  return result;
}

/** The names of the child elements of a node, in document order. */
export function childNames(node: Element): string[] {
  return childElements(node).map((e) => e.tagName);
}

/** The one child element named `name`; throws when there is none or more than one. */
export function onlyChild(node: Element, name: string): Element {
  const found = childElements(node, name);
  if (found.length !== 1) throw new Error(`expected one <${name}> in <${node.tagName}>, found ${found.length}`);
  return found[0];
}

/** The attributes of an element as a name → value map (values as parsed, references resolved). */
export function attributes(element: Element): Record<string, string> {
  const result: Record<string, string> = {};
  for (let i = 0; i < element.attributes.length; i++) {
    const a = element.attributes[i];
    result[a.name] = a.value;
  }
  return result;
}

/**
 * The text of an element: its direct text and CDATA children joined, with nothing trimmed.
 * Throws when the element also has child elements (mixed content), which policy values never are.
 */
export function textOf(element: Element): string {
  if (childElements(element).length > 0) throw new Error(`<${element.tagName}> has child elements, not only text`);
  let result = '';
  for (let i = 0; i < element.childNodes.length; i++) {
    const c = element.childNodes[i];
    if (c.nodeType === TEXT_NODE || c.nodeType === CDATA_SECTION_NODE) result += (c as Text).data;
  }
  return result;
}

/** Counts of the elements (the given one included) and attributes in a tree. */
export interface XmlCounts {
  readonly elements: number;
  readonly attributes: number;
}

/** Counts the elements and attributes of a tree, e.g. to show that a value injected none. */
export function countNodes(element: Element): XmlCounts {
  let elements = 1;
  let attrs = element.attributes.length;
  for (const c of childElements(element)) {
    const sub = countNodes(c);
    elements += sub.elements;
    attrs += sub.attributes;
  }
  return { elements, attributes: attrs };
}

/** Every element of a tree (the given one first), depth first in document order. */
export function allElements(element: Element): Element[] {
  return [element, ...childElements(element).flatMap(allElements)];
}
