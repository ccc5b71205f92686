import { ALL_SECTIONS, PolicyElement, PolicySection } from './element';
import { ForwardRequest } from './flow';
import { Cors } from './headers';
import { checkElement, checkElements, checkOneOf, checkOptionalEnum } from './validate';
import { el, escapeTerraformTemplate, render, XmlNode } from './xml';
import { invalid } from '../core/errors';
import { checkObject, enumValues } from '../core/validation';

const W = 'PolicyDocument';

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
 * `<base />` placement and section checks are the same everywhere. Below global scope every
 * section starts with `<base />`, except that a `Cors` element comes before it in inbound.
 */
export class PolicyDocument {
  /** Where the document is attached. */
  public readonly scope: PolicyScope;
  private readonly sections = new Map<PolicySection, PolicyElement[]>();
  /** The rendered XML and its Terraform string, kept until the next `add` (elements are immutable), so each synth renders once. */
  private rendered?: string;
  private terraformString?: string;

  constructor(props: PolicyDocumentProps = {}) {
    checkObject(W, 'props', props);
    this.scope = checkOptionalEnum(W, 'scope', props.scope, enumValues(PolicyScope), PolicyScope.API);
    const lists = (['inbound', 'backend', 'outbound', 'onError'] as const)
      .map((prop) => (props[prop] === undefined ? [] : checkElements(W, prop, props[prop])));
    for (const s of ALL_SECTIONS) this.sections.set(s, []);
    ALL_SECTIONS.forEach((s, i) => this.add(s, ...lists[i]));
  }

  /**
   * Appends elements to a section. Fails when APIM would reject an element there, for a second
   * `forward-request` (or any below global scope, which inherits the global one through
   * `<base />`), and for a second `cors`. A `Cors` element goes first in inbound, whatever was
   * added before it.
   */
  public add(section: PolicySection, ...elements: PolicyElement[]): PolicyDocument {
    checkOneOf(W, 'section', section, ALL_SECTIONS);
    const list = this.sections.get(section)!;
    this.rendered = undefined;
    this.terraformString = undefined;
    elements.forEach((e, i) => checkElement(W, `elements[${i}]`, e));
    for (const e of elements) {
      if (!e.allowedIn(section)) {
        invalid(e._label(), 'section', `cannot be '${section}'`, e.allowedSections.join(', ') || 'no section (it mixes elements of different sections)');
      }
      const names = e._statementNames();
      if (names.includes('forward-request')) this.checkForwardRequest(e, section, list);
      if (names.includes('cors')) {
        this.checkCors(e, list);
        list.unshift(e);
      } else {
        list.push(e);
      }
    }
    return this;
  }

  /** The elements of a section, in order (not counting `<base />`). */
  public elementsOf(section: PolicySection): PolicyElement[] {
    return [...(this.sections.get(section) ?? [])];
  }

  /** The document as APIM policy XML. */
  public toXml(): string {
    this.rendered ??= render(this.toNode());
    return this.rendered;
  }

  /**
   * The document as a string to pass to Terraform (`xml_content`): the same XML, with
   * `${` and `%{` written so that Terraform passes them through literally.
   */
  public toTerraformString(): string {
    this.terraformString ??= escapeTerraformTemplate(this.toXml());
    return this.terraformString;
  }

  /**
   * APIM's forward-request reference: "Multiple statements per policy document: not supported".
   * Below global scope the backend section starts with `<base />`, which inherits the global
   * forward-request, so any explicit one would be a second.
   */
  private checkForwardRequest(e: PolicyElement, section: PolicySection, list: PolicyElement[]): void {
    if (this.scope !== PolicyScope.GLOBAL) {
      invalid(e._label(), 'section', `is '${section}' of a ${this.scope}-scope document, whose backend section already inherits the global forward-request through <base />`,
        'no forward-request below global scope: APIM takes one per policy and the request would be sent twice; change the global forward-request (its timeout) instead');
    }
    if (list.some((x) => x._statementNames().includes('forward-request'))) {
      invalid(e._label(), 'section', `is '${section}', which already has a forward-request`, 'one forward-request per policy document (APIM sends the request once)');
    }
  }

  /**
   * APIM's cors reference: "This policy can only be used once in a policy section", and
   * "unexpected behavior if the cors policy is not the first policy in the inbound section";
   * a preflight is answered by the first cors policy the effective policy reaches. So the
   * typed `Cors` is the only way in, it stands directly in inbound, and `add` puts it first.
   */
  private checkCors(e: PolicyElement, list: PolicyElement[]): void {
    if (!(e instanceof Cors)) {
      invalid(e._label(), 'section', 'holds a cors statement inside another element or a raw fragment, where it could not stay first', 'the Cors element, added directly to inbound');
    }
    if (list.some((x) => x instanceof Cors)) {
      invalid('cors', 'section', "is 'inbound', which already has a cors policy", 'one cors per policy section (APIM applies only the first)');
    }
  }

  private toNode(): XmlNode {
    const base = this.scope === PolicyScope.GLOBAL ? [] : [el('base')];
    return el('policies', {}, ALL_SECTIONS.map((s) => {
      const elements = this.sections.get(s)!;
      let children: XmlNode[] = elements.map((e) => e._toNode());
      if (s === PolicySection.BACKEND && this.scope === PolicyScope.GLOBAL && children.length === 0) {
        children = [new ForwardRequest()._toNode()];
      }
      // cors goes before <base />. In the effective policy <base /> is replaced by the parent
      // scope's section, so what stands before it runs before the global and product
      // statements ("You can place the base element before or after any policy element in a
      // section", Policies in Azure API Management, "Policy evaluation order"), and the cors
      // reference asks for cors to be first ("You may experience unexpected behavior if the
      // cors policy is not the first policy in the inbound section ... Generally, only the
      // first cors policy is applied"). After <base /> an API's cors would run behind the
      // global rate limit and the product's statements, and a global cors would answer the
      // preflight first. At global scope there is no <base />: cors is the first statement.
      const leading = s === PolicySection.INBOUND && elements[0] instanceof Cors ? 1 : 0;
      return el(s, {}, [...children.slice(0, leading), ...base, ...children.slice(leading)]);
    }));
  }
}
