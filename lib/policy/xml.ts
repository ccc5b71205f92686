/**
 * The XML layer of the policy model. Internal: constructs build policies from the typed
 * elements, and only this file turns them into text.
 */
import { XMLValidator } from 'fast-xml-parser';
import { hasIllegalXmlChar } from '../core/text-checks';

/** A node in a rendered policy tree. */
export type XmlNode = XmlElementNode | XmlTextNode | XmlRawNode;

export interface XmlElementNode {
  readonly kind: 'element';
  readonly name: string;
  readonly attributes: ReadonlyArray<readonly [string, string]>;
  readonly children: ReadonlyArray<XmlNode>;
}

export interface XmlTextNode {
  readonly kind: 'text';
  readonly text: string;
}

/** Pre-validated XML (the raw-fragment escape hatch). */
export interface XmlRawNode {
  readonly kind: 'raw';
  readonly xml: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * Builds an element node. Attributes whose value is `undefined` are left out, so optional
 * arguments can be passed straight through.
 */
export function el(
  name: string,
  attributes: Record<string, string | number | boolean | undefined> = {},
  children: ReadonlyArray<XmlNode | undefined> = [],
): XmlElementNode {
  if (!NAME.test(name)) throw new Error(`internal: invalid XML element name '${name}'`);
  const attrs: Array<readonly [string, string]> = [];
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    if (!NAME.test(key)) throw new Error(`internal: invalid XML attribute name '${key}'`);
    attrs.push([key, String(value)]);
  }
  return { kind: 'element', name, attributes: attrs, children: children.filter((c): c is XmlNode => c !== undefined) };
}

export function text(value: string): XmlTextNode {
  return { kind: 'text', text: value };
}

export function raw(xml: string): XmlRawNode {
  return { kind: 'raw', xml };
}

// XML 1.0 allows tab, LF, CR and everything from U+0020 except surrogates and U+FFFE/U+FFFF.
// In a JS string a surrogate is only illegal when it is not part of a pair.
export { hasIllegalXmlChar };

/** Escapes text content: `&`, `<`, `>` (so `]]>` can never appear) and CR, which parsers would normalise. */
export function escapeText(value: string): string {
  if (!/[&<>\r]/.test(value)) return value;
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/**
 * Escapes an attribute value for double quotes. Tab, LF and CR become character references,
 * because XML parsers normalise literal whitespace in attributes to spaces.
 */
export function escapeAttribute(value: string): string {
  if (!/[&<>\r"'\t\n]/.test(value)) return value;
  return escapeText(value)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;');
}

/** Renders a node tree as indented XML (two spaces a level). */
export function render(node: XmlNode, depth = 0): string {
  const pad = '  '.repeat(depth);
  switch (node.kind) {
    case 'text':
      return pad + escapeText(node.text);
    case 'raw':
      // Only the first line is indented: padding later lines would change multi-line text in the fragment.
      return pad + node.xml;
    case 'element': {
      const attrs = node.attributes.map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join('');
      if (node.children.length === 0) return `${pad}<${node.name}${attrs} />`;
      if (node.children.length === 1 && node.children[0].kind === 'text') {
        return `${pad}<${node.name}${attrs}>${escapeText(node.children[0].text)}</${node.name}>`;
      }
      const inner = node.children.map((c) => render(c, depth + 1)).join('\n');
      return `${pad}<${node.name}${attrs}>\n${inner}\n${pad}</${node.name}>`;
    }
  }
}

/** Returns undefined when the XML is well formed, otherwise the parser's message. */
export function wellFormednessError(xml: string): string | undefined {
  const result = XMLValidator.validate(`<fragment>${xml}</fragment>`, { allowBooleanAttributes: false });
  if (result !== true) return `${result.err.msg} (line ${result.err.line}, column ${result.err.col})`;
  return lexicalError(xml);
}

// Comments, CDATA, processing instructions, end tags, start tags (quoted values may hold '>'),
// any other markup, references, ']]>', and plain text.
const XML_TOKEN = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<\/[^>]*>|<[A-Za-z_](?:[^"'<>]|"[^"]*"|'[^']*')*>|<|&[^&;<]*;?|\]\]>|[^<&\]]+|\]/y;

function referenceError(ref: string): string | undefined {
  const m = /^&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));$/.exec(ref);
  if (!m) return `'${ref}' is not a predefined entity or character reference`;
  if (m[1]) return undefined;
  const code = m[2] !== undefined ? Number(m[2]) : parseInt(m[3], 16);
  const legal = code === 0x9 || code === 0xA || code === 0xD || (code >= 0x20 && code <= 0xD7FF)
    || (code >= 0xE000 && code <= 0xFFFD) || (code >= 0x10000 && code <= 0x10FFFF);
  return legal ? undefined : `'${ref}' refers to a character XML 1.0 cannot carry`;
}

/**
 * The well-formedness rules fast-xml-parser's validator does not check: legal characters,
 * declared entities only, no '<' in attribute values, no ']]>' in text, and no DOCTYPE or
 * XML declaration (neither may appear inside a policy).
 */
function lexicalError(xml: string): string | undefined {
  if (hasIllegalXmlChar(xml)) return 'contains a character XML 1.0 cannot carry';
  XML_TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (XML_TOKEN.lastIndex < xml.length && (m = XML_TOKEN.exec(xml)) !== null) {
    const token = m[0];
    if (token.startsWith('<!--') || token.startsWith('<![CDATA[') || token.startsWith('</')) continue;
    if (token.startsWith('<?')) {
      if (/^<\?xml[\s?]/i.test(token)) return 'contains an XML declaration';
      continue;
    }
    if (token === '<') return `contains markup that is not an element, comment or CDATA section at '${xml.slice(m.index, m.index + 20)}'`;
    if (token === ']]>') return "contains ']]>' outside a CDATA section";
    if (token.startsWith('&')) {
      const error = referenceError(token);
      if (error) return `contains ${error}`;
    } else if (token.startsWith('<')) {
      for (const [quoted] of token.matchAll(/"[^"]*"|'[^']*'/g)) {
        const value = quoted.slice(1, -1);
        if (value.includes('<')) return `has '<' in the attribute value ${quoted}`;
        for (const [ref] of value.matchAll(/&[^&;]*;?/g)) {
          const error = referenceError(ref);
          if (error) return `has ${error} in the attribute value ${quoted}`;
        }
      }
    }
  }
  return undefined;
}

/** Terraform-literal escaping lives in core/literal (one implementation); re-exported for existing imports. */
export { escapeTerraformTemplate } from '../core/literal';
