import { render, XmlNode } from './xml';

/** A section of an APIM policy document. */
export enum PolicySection {
  /** Runs on the request before it is forwarded. */
  INBOUND = 'inbound',
  /** Runs when the request is forwarded to the backend. */
  BACKEND = 'backend',
  /** Runs on the response. */
  OUTBOUND = 'outbound',
  /** Runs when any other section raised an error. */
  ON_ERROR = 'on-error',
}

/** Every section, in document order. */
export const ALL_SECTIONS: PolicySection[] = [
  PolicySection.INBOUND,
  PolicySection.BACKEND,
  PolicySection.OUTBOUND,
  PolicySection.ON_ERROR,
];

/**
 * One policy statement (`<rate-limit-by-key>`, `<cors>`, ...).
 *
 * Elements validate their arguments when they are created, and know the sections APIM
 * accepts them in, so a `PolicyDocument` can refuse a misplaced element before Azure does.
 */
export abstract class PolicyElement {
  /** The XML element name, e.g. `rate-limit-by-key`. */
  public readonly elementName: string;
  /** The sections APIM accepts this element in. */
  public readonly allowedSections: PolicySection[];

  protected constructor(elementName: string, allowedSections: PolicySection[]) {
    this.elementName = elementName;
    this.allowedSections = allowedSections;
  }

  /** Whether APIM accepts this element in the given section. */
  public allowedIn(section: PolicySection): boolean {
    return this.allowedSections.includes(section);
  }

  /**
   * The names of the policy statements this element renders, itself and any it contains
   * (a `choose` lists its branches' statements), so a document can enforce rules that hold
   * across nesting, such as one `forward-request` per policy.
   * @internal
   */
  public _statementNames(): string[] {
    return [this.elementName];
  }

  /**
   * How error messages about this element's placement name it.
   * @internal
   */
  public _label(): string {
    return this.elementName;
  }

  /** The element rendered as XML. */
  public toXml(): string {
    return render(this._toNode());
  }

  /** @internal */
  public abstract _toNode(): XmlNode;
}
