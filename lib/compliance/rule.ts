/** The shape of a compliance rule and the read-only view of the stack rules evaluate. Internal. */
import { IConstruct } from 'constructs';
import { RuleCategory } from './category';
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
 * A check's verdict when the value that decides compliance is a Terraform expression (a
 * variable, a reference, a function call) rather than a literal: neither pass nor fail, but
 * not evidenced at synth. The aspect reports it as `unknown`, with a warning annotation.
 */
export class Unknown {
  /** @param reason what could not be decided, in one clause, e.g. `sets min_api_version to ${var.v}, an expression not known at synth` */
  constructor(public readonly reason: string) {}
}

/** What a check returns: a finding (what is wrong), `Unknown` (undecidable at synth), or `undefined` (complies). */
export type CheckResult = string | Unknown | undefined;

/** An `Unknown` for an attribute whose value is an expression. */
export function unknownValue(attribute: string, value: unknown): Unknown {
  return new Unknown(`sets ${attribute} to ${typeof value === 'string' ? value : JSON.stringify(value)}, an expression whose value is not known at synth`);
}

/**
 * What every rule is: data (id, title, control, fix) and one check.
 *
 * `check` returns what is wrong with the resource, in one sentence, `Unknown` when a value
 * that decides compliance is an expression (so synth cannot tell), or `undefined` when it
 * complies. It can look at the other resources of the stack (`stack`) for cross-resource
 * evidence, such as a diagnostic setting that targets the resource.
 */
interface RuleDefinition {
  /** A stable id, e.g. `APIM-WEAK-TLS`. */
  readonly id: string;
  /** What the rule requires, as a sentence an auditor reads. */
  readonly title: string;
  /** HIPAA rules: the matching Azure Policy built-in or benchmark control. Deployability rules: the Azure fact and its source. */
  readonly control: string;
  /** How to comply. */
  readonly fix: string;
  /** The Terraform resource types it inspects (`*` for every azurerm and azuread type). */
  readonly resourceTypes: string[];
  /** What is wrong with one resource, `Unknown` when an expression decides, or undefined when it complies. */
  check(resource: ResourceView, stack: StackView): CheckResult;
}

/** A rule of the HIPAA pack: serves one technical safeguard of 45 CFR 164.312. */
export interface HipaaRule extends RuleDefinition {
  readonly category: RuleCategory.HIPAA;
  /** The HIPAA Security Rule safeguard it serves. */
  readonly safeguard: HipaaSafeguard;
}

/**
 * A deployability rule: not a HIPAA safeguard, but something that would break the first
 * apply from a CI runner outside every network the stack creates (azure-notes.md, "First
 * deploy from a CI runner"). `control` cites the Azure fact (e.g. `azurerm#20742`).
 */
export interface DeployabilityRule extends RuleDefinition {
  readonly category: RuleCategory.DEPLOYABILITY;
}

/** A compliance rule, of either category. */
export type ComplianceRule = HipaaRule | DeployabilityRule;

/** An address the reverse reference index can spell: `<type>.<logical id>`, neither part with a dot or other punctuation. */
const INDEXED_ADDRESS = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

/**
 * Every resource of a stack, with lookups for cross-resource checks.
 *
 * The lookups are indexed once, on first use: resources by type and by address, each
 * configuration serialized once, and which resources mention each address, so rules that
 * ask per resource stay linear in the size of the stack.
 */
export class StackView {
  private index?: Map<string, ResourceView>;
  private first?: Map<string, ResourceView>;
  private byType?: Map<string, ResourceView[]>;
  private addresses?: Set<string>;
  private serialized?: Map<ResourceView, string>;
  private idTypes?: Map<string, string[]>;
  private position?: Map<ResourceView, number>;
  private readonly mentions = new Map<string, Map<string, ResourceView[]>>();
  private direct?: Map<string, ResourceView[]>;
  private readonly closures = new Map<string, Set<string>>();

  constructor(public readonly resources: ResourceView[]) {}

  /** The resources of a type. */
  public ofType(...types: string[]): ResourceView[] {
    const byType = this.typeIndex();
    if (types.length === 1) return [...(byType.get(types[0]) ?? [])];
    const wanted = new Set(types);
    return this.resources.filter((r) => wanted.has(r.type));
  }

  /** The resources of the given types whose configuration refers to `target` (`${<address>.…}`). */
  public referencing(target: ResourceView, ...types: string[]): ResourceView[] {
    if (!INDEXED_ADDRESS.test(target.address) || !this.addressSet().has(target.address)) {
      // An address the index does not hold (not in this view, or a logical id with other characters): scan.
      const marker = `${target.address}.`;
      return this.ofType(...types).filter((r) => r !== target && this.json(r).includes(marker));
    }
    const found = [...new Set(types)].flatMap((type) => this.mentionIndex(type).get(target.address) ?? []).filter((r) => r !== target);
    if (types.length > 1) {
      if (!this.position) this.position = new Map(this.resources.map((r, i) => [r, i]));
      const at = this.position;
      found.sort((a, b) => at.get(a)! - at.get(b)!);
    }
    return found;
  }

  /** The resource a reference string points to (`${type.name.attr}`), if it is in the stack. */
  public resolveReference(value: unknown): ResourceView | undefined {
    if (typeof value !== 'string') return undefined;
    const match = /\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+)\./.exec(value);
    if (!match) return undefined;
    if (!this.first) {
      this.first = new Map();
      for (const r of this.resources) if (!this.first.has(r.address)) this.first.set(r.address, r);
    }
    return this.first.get(match[1]);
  }

  /** The resource at an address (`<type>.<logical id>`), if it is in the stack. */
  public at(address: string): ResourceView | undefined {
    if (!this.index) this.index = new Map(this.resources.map((r) => [r.address, r]));
    return this.index.get(address);
  }

  /** The configuration as JSON, serialized once. */
  private json(r: ResourceView): string {
    if (!this.serialized) this.serialized = new Map();
    let text = this.serialized.get(r);
    if (text === undefined) {
      text = JSON.stringify(r.config);
      this.serialized.set(r, text);
    }
    return text;
  }

  private typeIndex(): Map<string, ResourceView[]> {
    if (!this.byType) {
      this.byType = new Map();
      for (const r of this.resources) {
        const list = this.byType.get(r.type);
        if (list) list.push(r);
        else this.byType.set(r.type, [r]);
      }
    }
    return this.byType;
  }

  private addressSet(): Set<string> {
    if (!this.addresses) this.addresses = new Set(this.resources.map((r) => r.address));
    return this.addresses;
  }

  /**
   * For every address of the stack, the resources of one type (in stack order, once each)
   * whose serialized configuration contains `<address>.`: one pass over the configuration of
   * each resource of the type, built the first time a rule asks about that type (so the
   * thousands of operation policies are never serialized unless a rule asks about them).
   */
  private mentionIndex(type: string): Map<string, ResourceView[]> {
    let index = this.mentions.get(type);
    if (!index) {
      const typesOf = this.typesOfIds();
      const found = new Map<string, Set<ResourceView>>();
      for (const r of this.typeIndex().get(type) ?? []) {
        // `<type>.<id>.` is a segment between two dots that is an id, after a segment ending with the type.
        const segments = this.json(r).split('.');
        for (let k = 1; k < segments.length - 1; k++) {
          const candidates = typesOf.get(segments[k]);
          if (!candidates) continue;
          for (const t of candidates) {
            if (!segments[k - 1].endsWith(t)) continue;
            const address = `${t}.${segments[k]}`;
            let set = found.get(address);
            if (!set) found.set(address, set = new Set());
            set.add(r);
          }
        }
      }
      index = new Map([...found].map(([a, set]) => [a, [...set]]));
      this.mentions.set(type, index);
    }
    return index;
  }

  /** The types of each logical id the index can spell, e.g. `Platform_Apim` → [`azurerm_api_management`]. */
  private typesOfIds(): Map<string, string[]> {
    if (!this.idTypes) {
      this.idTypes = new Map();
      for (const address of this.addressSet()) {
        const parts = INDEXED_ADDRESS.exec(address);
        if (parts) this.idTypes.set(parts[2], [...(this.idTypes.get(parts[2]) ?? []), parts[1]]);
      }
    }
    return this.idTypes;
  }

  /**
   * The resources of the stack a value refers to anywhere inside its Terraform expressions
   * (`${…}` and `%{…}`, including function arguments such as `${element(azurerm_x.y.ids, 0)}`),
   * in any nested string of the value. Escaped literals (`$${…}`) are not references.
   */
  public referencedBy(value: unknown): ResourceView[] {
    const found = new Set<ResourceView>();
    for (const address of referenceAddresses(value)) {
      const r = this.at(address);
      if (r) found.add(r);
    }
    return [...found];
  }

  /**
   * What a resource waits for in Terraform's graph: its `depends_on` entries
   * (`"azurerm_role_assignment.Platform_KeyVault_…"`) and every resource its configuration
   * references. Only resources of this view count.
   */
  public directDependencies(resource: ResourceView): ResourceView[] {
    if (!this.direct) {
      this.direct = new Map(this.resources.map((r) => {
        const deps = new Set<ResourceView>();
        const named = new Set<string>();
        // The expressions of every argument but depends_on (which holds bare addresses, read below).
        for (const [key, value] of Object.entries(r.config)) if (key !== 'depends_on') referenceAddresses(value, named);
        for (const address of named) {
          const target = this.at(address);
          if (target) deps.add(target);
        }
        const dependsOn: unknown[] = Array.isArray(r.config.depends_on) ? r.config.depends_on : [];
        for (const d of dependsOn) {
          const target = typeof d === 'string' ? this.at(d.replace(/^\$\{(.*)\}$/, '$1')) : undefined;
          if (target) deps.add(target);
        }
        deps.delete(r);
        return [r.address, [...deps]];
      }));
    }
    return this.direct.get(resource.address) ?? [];
  }

  /**
   * Whether `resource` is created after `dependency`: it depends on it directly or
   * transitively, through `depends_on` or references. Transitive closures are computed once
   * per resource and kept, so rules can ask freely on stacks of hundreds of resources.
   */
  public dependsOn(resource: ResourceView, dependency: ResourceView): boolean {
    return this.closure(resource).has(dependency.address);
  }

  /** Every resource `resource` waits for, directly or transitively. */
  public dependenciesOf(resource: ResourceView): ResourceView[] {
    return [...this.closure(resource)].map((a) => this.at(a)).filter((r): r is ResourceView => r !== undefined);
  }

  private closure(resource: ResourceView): Set<string> {
    const known = this.closures.get(resource.address);
    if (known) return known;
    const seen = new Set<string>();
    const stack = [...this.directDependencies(resource)];
    while (stack.length) {
      const next = stack.pop()!;
      if (seen.has(next.address) || next === resource) continue;
      seen.add(next.address);
      const done = this.closures.get(next.address);
      if (done) {
        for (const a of done) if (a !== resource.address) seen.add(a);
        continue;
      }
      stack.push(...this.directDependencies(next));
    }
    this.closures.set(resource.address, seen);
    return seen;
  }
}

/** A string that is one reference and nothing else: `${<type>.<name>.<attribute>…}`. */
const SINGLE_REFERENCE = /^\$\{([a-z][a-z0-9_]*\.[A-Za-z0-9_-]+)(?:\.[a-z0-9_]+)*\}$/;

/** `<type>.<name>` pairs named inside the Terraform expressions of a value. */
function referenceAddresses(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') {
    if (!value.includes('${') && !value.includes('%{')) return out;
    // Most references are one attribute alone, `${type.name.attr}`: the general scan below finds just `type.name` in it.
    const single = SINGLE_REFERENCE.exec(value);
    if (single) return out.add(single[1]);
    const text = value.replace(/\$\$\{|%%\{/g, '');
    for (const body of interpolations(text)) {
      for (const m of body.matchAll(/(?<![\w.-])([a-z][a-z0-9_]*\.[A-Za-z0-9_-]+)/g)) out.add(m[1]);
    }
  } else if (Array.isArray(value)) {
    for (const v of value) referenceAddresses(v, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (k !== '//') referenceAddresses(v, out);
  }
  return out;
}

/** The bodies of the `${…}` and `%{…}` sequences of a string (escaped ones already removed). */
function interpolations(text: string): string[] {
  const bodies: string[] = [];
  for (let i = text.search(/[$%]\{/); i >= 0 && i < text.length;) {
    let depth = 0;
    let j = i + 1;
    for (; j < text.length; j++) {
      if (text[j] === '{') depth++;
      else if (text[j] === '}' && --depth === 0) break;
    }
    bodies.push(text.slice(i + 2, j));
    const rest = text.slice(j + 1).search(/[$%]\{/);
    i = rest < 0 ? -1 : j + 1 + rest;
  }
  return bodies;
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

/** The first attribute of a block (or configuration) whose value is an expression, as `[name, value]`. */
export function expressionIn(config: Record<string, any> | undefined, keys: ReadonlyArray<string>): [string, unknown] | undefined {
  if (!config) return undefined;
  const key = keys.find((k) => isExpression(config[k]));
  return key === undefined ? undefined : [key, config[key]];
}

/** Whether any policy XML of the given resources contains an element. */
export function policyHas(resources: ResourceView[], element: string): boolean {
  const tag = new RegExp(`<${element}[\\s/>]`);
  return resources.some((r) => typeof r.config.xml_content === 'string' && tag.test(r.config.xml_content));
}

/**
 * The diagnostic settings of a resource that send to a Log Analytics workspace, or what is
 * missing (no setting, or none to a workspace) as a finding.
 */
export function workspaceDiagnostics(r: ResourceView, stack: StackView): ResourceView[] | string {
  const settings = stack.referencing(r, 'azurerm_monitor_diagnostic_setting')
    .filter((s) => typeof s.config.target_resource_id === 'string' && s.config.target_resource_id.includes(`${r.address}.`));
  if (!settings.length) return 'has no diagnostic setting';
  const toWorkspace = settings.filter((s) => s.config.log_analytics_workspace_id !== undefined);
  if (!toWorkspace.length) return 'has diagnostic settings, but none sends to a Log Analytics workspace';
  return toWorkspace;
}
