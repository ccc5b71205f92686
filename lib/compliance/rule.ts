/** The shape of a compliance rule and the read-only view of the stack rules evaluate. Internal. */
import { IConstruct } from 'constructs';
import { HipaaSafeguard } from './safeguard';

/** One resource as it will be synthesized: Terraform type, address and resolved (snake_case) configuration. */
export interface ResourceView {
  /** The construct that defines the resource (where findings are annotated). */
  readonly construct: IConstruct;
  /** The Terraform resource type, e.g. `azurerm_api_management`. */
  readonly type: string;
  /** `<type>.<logical id>`, as references to the resource spell it. */
  readonly address: string;
  /** The resolved configuration, as in cdk.tf.json. */
  readonly config: Record<string, any>;
}

/**
 * A compliance rule: data (id, title, safeguard, control, fix) and one check.
 *
 * `check` returns what is wrong with the resource, in one sentence, or `undefined` when it
 * complies. It can look at the other resources of the stack (`stack`) for cross-resource
 * evidence, such as a diagnostic setting that targets the resource.
 */
export interface ComplianceRule {
  /** A stable id, e.g. `APIM-WEAK-TLS`. */
  readonly id: string;
  /** What the rule requires, as a sentence an auditor reads. */
  readonly title: string;
  /** The HIPAA Security Rule safeguard it serves. */
  readonly safeguard: HipaaSafeguard;
  /** The matching Azure Policy built-in or Microsoft cloud security benchmark control. */
  readonly control: string;
  /** How to comply. */
  readonly fix: string;
  /** The Terraform resource types it inspects. */
  readonly resourceTypes: string[];
  /** What is wrong with one resource, or undefined when it complies. */
  check(resource: ResourceView, stack: StackView): string | undefined;
}

/** Every resource of a stack, with lookups for cross-resource checks. */
export class StackView {
  constructor(public readonly resources: ResourceView[]) {}

  /** The resources of a type. */
  public ofType(...types: string[]): ResourceView[] {
    return this.resources.filter((r) => types.includes(r.type));
  }

  /** The resources of the given types whose configuration refers to `target` (`${<address>.…}`). */
  public referencing(target: ResourceView, ...types: string[]): ResourceView[] {
    const marker = `${target.address}.`;
    return this.ofType(...types).filter((r) => r !== target && JSON.stringify(r.config).includes(marker));
  }

  /** The resource a reference string points to (`${type.name.attr}`), if it is in the stack. */
  public resolveReference(value: unknown): ResourceView | undefined {
    if (typeof value !== 'string') return undefined;
    const match = /\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+)\./.exec(value);
    return match ? this.resources.find((r) => r.address === match[1]) : undefined;
  }
}

/** A nested block, which synthesizes as an object or a one-element list. */
export function block(value: unknown): Record<string, any> | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v !== null && typeof v === 'object' ? v as Record<string, any> : undefined;
}

/** A repeated block as a list. */
export function blocks(value: unknown): Array<Record<string, any>> {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).filter((v) => v !== null && typeof v === 'object');
}

/** Whether a value is a Terraform expression (reference, variable or function) rather than a literal. */
export function isExpression(value: unknown): boolean {
  return typeof value === 'string' && /\$\{/.test(value.replace(/\$\$\{/g, ''));
}

/** Whether any policy XML of the given resources contains an element. */
export function policyHas(resources: ResourceView[], element: string): boolean {
  const tag = new RegExp(`<${element}[\\s/>]`);
  return resources.some((r) => typeof r.config.xml_content === 'string' && tag.test(r.config.xml_content));
}
