import { XMLParser } from 'fast-xml-parser';
import { ChildKind, POLICY_RULES } from './catalog';
import { ALL_SECTIONS, PolicyElement, PolicySection } from './element';
import { raw, wellFormednessError, XmlNode } from './xml';
import { invalid } from '../core/errors';
import { checkArray, checkEnum, checkObject, describe } from '../core/validation';

/** Properties of `RawPolicyFragment`. */
export interface RawPolicyFragmentProps {
  /** Policy XML: one or more policy statements, well formed. */
  readonly xml: string;
  /**
   * Narrows the sections the fragment may be placed in.
   * @default - every section all of its statements may stand in
   */
  readonly allowedSections?: PolicySection[];
}

type ParsedNode = Record<string, unknown>;

const W = 'RawPolicyFragment';

/**
 * An escape hatch for policy statements the typed model does not cover. The XML must be well
 * formed, must not contain `<base />` or section elements (the document places them), and may
 * only contain statements of APIM's policy reference: each statement, and each statement
 * nested in `choose`, `retry`, `wait` or `limit-concurrency`, narrows the sections the fragment
 * may be placed in to those APIM takes it in (`validate-headers` only outbound and on-error,
 * `validate-parameters` only inbound, `forward-request` only backend, ...). Unknown elements
 * are refused. The fragment is placed as written.
 */
export class RawPolicyFragment extends PolicyElement {
  private readonly node: XmlNode;
  private readonly statements: string[];

  constructor(props: RawPolicyFragmentProps) {
    checkObject(W, 'props', props);
    if (typeof props.xml !== 'string') invalid(W, 'xml', `is ${describe(props.xml)}, not a string`, 'one or more well-formed policy elements');
    if (props.allowedSections !== undefined) {
      checkArray<PolicySection>(W, 'allowedSections', props.allowedSections).forEach((s, i) => checkEnum(W, `allowedSections[${i}]`, s, ALL_SECTIONS));
    }
    const xml = props.xml.trim();
    if (!xml.startsWith('<')) invalid(W, 'xml', 'does not start with an element', 'one or more well-formed policy elements');
    const error = wellFormednessError(xml);
    if (error) invalid(W, 'xml', `is not well-formed XML (${error})`, 'one or more well-formed policy elements');
    if (/<\s*(base|policies|inbound|backend|outbound|on-error)[\s/>]/.test(xml)) {
      invalid(W, 'xml', 'contains <base>, <policies> or a section element', 'policy statements only; the document places sections and <base />');
    }
    const parsed = new XMLParser({ preserveOrder: true }).parse(`<fragment>${xml}</fragment>`) as ParsedNode[];
    const statements: string[] = [];
    let sections = [...ALL_SECTIONS];
    const visit = (nodes: ParsedNode[], where: string): void => {
      for (const n of nodes) {
        const name = Object.keys(n).find((k) => k !== ':@')!;
        if (name === '#text') {
          invalid(W, 'xml', `has text '${String(n[name]).slice(0, 40)}' ${where}`, 'policy statements only, with no text between them');
        }
        const rule = POLICY_RULES[name];
        if (!rule) {
          invalid(W, 'xml', `contains <${name}>, which is not an APIM policy statement`, `statements of the APIM policy reference: ${Object.keys(POLICY_RULES).sort().join(', ')}`);
        }
        statements.push(name);
        sections = sections.filter((s) => rule.sections.includes(s));
        const children = n[name] as ParsedNode[];
        if (rule.children === ChildKind.STATEMENTS) visit(children, `in <${name}>`);
        if (rule.children === ChildKind.BRANCHES) {
          for (const branch of children) {
            const b = Object.keys(branch).find((k) => k !== ':@')!;
            if (b !== 'when' && b !== 'otherwise') invalid(W, 'xml', `has <${b}> in <${name}>`, 'only <when> and <otherwise> branches in <choose>');
            visit(branch[b] as ParsedNode[], `in <${name}>/<${b}>`);
          }
        }
      }
    };
    visit((parsed[0].fragment ?? []) as ParsedNode[], 'between its statements');
    if (statements.length === 0) invalid(W, 'xml', 'contains no policy statement', 'one or more policy statements');
    if (sections.length === 0) {
      invalid(W, 'xml', `mixes statements that share no section (${[...new Set(statements)].join(', ')})`, 'statements that can all stand in one section');
    }
    if (props.allowedSections !== undefined) {
      const narrowed = sections.filter((s) => props.allowedSections!.includes(s));
      if (narrowed.length === 0) {
        invalid(W, 'allowedSections', `(${props.allowedSections.join(', ')}) lists none of the sections its statements may stand in`, sections.join(', '));
      }
      sections = narrowed;
    }
    super('raw-fragment', sections);
    this.statements = statements;
    this.node = raw(xml);
  }

  /** @internal */
  public _statementNames(): string[] {
    return [...this.statements];
  }

  /** @internal */
  public _label(): string {
    return `raw-fragment <${[...new Set(this.statements)].join(', ')}>`;
  }

  /** @internal */
  public _toNode(): XmlNode {
    return this.node;
  }
}
