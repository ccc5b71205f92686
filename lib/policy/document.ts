import { invalid } from '../errors';
import { ALL_SECTIONS, PolicyElement, PolicySection } from './element';
import { ForwardRequest } from './flow';
import { el, escapeTerraformTemplate, render, XmlNode } from './xml';

/** Where a policy document is attached. */
export enum PolicyScope {
  /** The whole APIM instance; has no parent, so no `<base />`, and forwards requests itself. */
  GLOBAL = 'global',
  /** A product. */
  PRODUCT = 'product',
  /** An API. */
  API = 'api',
  /** An operation. */
  OPERATION = 'operation',
}

/** Properties of `PolicyDocument`. */
export interface PolicyDocumentProps {
  /**
   * Where the document is attached. Below global scope every section starts with `<base />`,
   * so the parent scope's policy (the platform's security controls) always runs first.
   * @default PolicyScope.API
   */
  readonly scope?: PolicyScope;
  /**
   * Elements of the inbound section.
   * @default - none
   */
  readonly inbound?: PolicyElement[];
  /**
   * Elements of the backend section.
   * @default - none (global scope forwards the request with `<forward-request />`)
   */
  readonly backend?: PolicyElement[];
  /**
   * Elements of the outbound section.
   * @default - none
   */
  readonly outbound?: PolicyElement[];
  /**
   * Elements of the on-error section.
   * @default - none
   */
  readonly onError?: PolicyElement[];
}

/**
 * An APIM policy document: four sections of typed elements.
 *
 * Every construct of this library renders policy XML through this class, so escaping,
 * `<base />` placement and section checks are the same everywhere.
 */
export class PolicyDocument {
  /** Where the document is attached. */
  public readonly scope: PolicyScope;
  private readonly sections = new Map<PolicySection, PolicyElement[]>();

  constructor(props: PolicyDocumentProps = {}) {
    this.scope = props.scope ?? PolicyScope.API;
    for (const s of ALL_SECTIONS) this.sections.set(s, []);
    this.add(PolicySection.INBOUND, ...(props.inbound ?? []));
    this.add(PolicySection.BACKEND, ...(props.backend ?? []));
    this.add(PolicySection.OUTBOUND, ...(props.outbound ?? []));
    this.add(PolicySection.ON_ERROR, ...(props.onError ?? []));
  }

  /**
   * Appends elements to a section. Fails when APIM would reject an element there.
   */
  public add(section: PolicySection, ...elements: PolicyElement[]): PolicyDocument {
    const list = this.sections.get(section);
    if (!list) invalid('PolicyDocument', 'section', `is '${section}'`, ALL_SECTIONS.join(', '));
    for (const e of elements) {
      if (!e.allowedIn(section)) {
        invalid(e.elementName, 'section', `cannot be '${section}'`, e.allowedSections.join(', ') || 'no section (it mixes elements of different sections)');
      }
      list.push(e);
    }
    return this;
  }

  /** The elements of a section, in order (not counting `<base />`). */
  public elementsOf(section: PolicySection): PolicyElement[] {
    return [...(this.sections.get(section) ?? [])];
  }

  /** The document as APIM policy XML. */
  public toXml(): string {
    return render(this.toNode());
  }

  /**
   * The document as a string to pass to Terraform (`xml_content`): the same XML, with
   * `${` and `%{` written so that Terraform passes them through literally.
   */
  public toTerraformString(): string {
    return escapeTerraformTemplate(this.toXml());
  }

  private toNode(): XmlNode {
    const base = this.scope === PolicyScope.GLOBAL ? [] : [el('base')];
    return el('policies', {}, ALL_SECTIONS.map((s) => {
      let children: XmlNode[] = this.sections.get(s)!.map((e) => e._toNode());
      if (s === PolicySection.BACKEND && this.scope === PolicyScope.GLOBAL && children.length === 0) {
        children = [new ForwardRequest()._toNode()];
      }
      return el(s, {}, [...base, ...children]);
    }));
  }
}
