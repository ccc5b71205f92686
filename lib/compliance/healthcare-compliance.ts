import * as fs from 'fs';
import * as path from 'path';
import {
  AnnotationMetadataEntryType, Annotations, Aspects, DefaultTokenResolver, IAspect, IStackSynthesizer, ISynthesisSession, StringConcat,
  TerraformResource, TerraformStack, Token, Tokenization,
} from 'cdktf';
import { IConstruct } from 'constructs';
import { alertRoutes } from './alert-routing';
import { RuleCategory } from './category';
import {
  ComplianceReport, ComplianceStatus, DEPLOYABILITY_TITLE, DeployabilityRuleResult, renderMarkdown, ResourceEvidence, RuleResult, summarize,
  summarizeSafeguards, SuppressionRecord, worst,
} from './report';
import { ComplianceRule, ResourceView, StackView, Unknown } from './rule';
import { ALL_RULES } from './rules';
import { invalid } from '../core/errors';

/** The report file names, written next to `cdk.tf.json`. */
export const EVIDENCE_MARKDOWN_FILE = 'hipaa-evidence.md';
/** The machine-readable report file name. */
export const EVIDENCE_JSON_FILE = 'hipaa-evidence.json';

/** Reasons that say nothing; a suppression needs a real one. */
const TOKEN_REASONS = /^(n\/?a|na|none|no reason|todo|tbd|fixme|wip|ok|okay|test|testing|temp|temporary|ignore|ignored|skip|suppress(ed)?|because|reason|false positive|not needed|not applicable|later|x+|-+|\.+|\?+)$/i;
/** The shortest reason accepted. */
const MIN_REASON_LENGTH = 20;

/** A rule of the pack, as data (for documentation and tooling). */
export interface ComplianceRuleInfo {
  /** The rule id. */
  readonly id: string;
  /** A HIPAA safeguard rule, or a deployability rule (what would break the first apply). */
  readonly category: RuleCategory;
  /** What it requires. */
  readonly title: string;
  /**
   * The HIPAA safeguard, e.g. `164.312(b)`.
   * @default - none: deployability rules serve no HIPAA safeguard
   */
  readonly safeguard?: string;
  /** HIPAA rules: the Azure Policy built-in or Microsoft cloud security benchmark control. Deployability rules: the Azure fact and its source. */
  readonly control: string;
  /** How to comply. */
  readonly fix: string;
  /** The Terraform resource types it inspects (`*` for all azurerm and azuread resources). */
  readonly resourceTypes: string[];
}

const RESOLVER = new DefaultTokenResolver(new StringConcat());
const suppressions = new WeakMap<IConstruct, Map<string, string>>();
const instances = new WeakMap<IConstruct, HealthcareCompliance>();

/**
 * HIPAA compliance and deployability checks for a whole stack, including resources you wrote
 * by hand next to this library's constructs.
 *
 * Added as an aspect; `cdktf synth` evaluates it once, after every aspect has run (as a
 * validation of the stack, on the configuration synth writes, so it resolves nothing twice):
 * every azurerm and azuread resource under the scope (and the
 * hashicorp/time resources, which the deployability rules read) is checked against the rule
 * pack (one rule per file in `lib/compliance/rules`): the HIPAA rules, and the deployability
 * rules, which are not HIPAA safeguards but show at synth what would break the first apply
 * from a CI runner (a closed vault written by Terraform, a role used before it propagates, …).
 * A violation becomes an error annotation `[RULE-ID] ...` on the resource's construct, which
 * fails `cdktf synth`, unless suppressed on that construct (or a parent) with
 * `HealthcareCompliance.suppress` and a real reason. When a value that decides a rule is a
 * Terraform expression (a variable, a reference), synth cannot tell: the check is `unknown`,
 * a warning annotation and an `unknown` entry in the report, never a pass. The evidence report (`hipaa-evidence.md`
 * and `.json`) is written next to the stack's `cdk.tf.json`, listing for each safeguard the
 * rules, their status, the resources that evidence them, then the deployability rules in
 * their own section, and every suppression, with pass / fail / unknown / suppressed counts.
 *
 * @example
 * HealthcareCompliance.of(stack);
 */
export class HealthcareCompliance implements IAspect {
  /** The rule pack. */
  public static readonly rules: ComplianceRuleInfo[] = ALL_RULES.map((r) => ({
    id: r.id,
    category: r.category,
    title: r.title,
    ...(r.category === RuleCategory.HIPAA ? { safeguard: r.safeguard } : {}),
    control: r.control,
    fix: r.fix,
    resourceTypes: [...r.resourceTypes],
  }));

  /**
   * Turns the checks on for a scope (normally the stack). Calling it again returns the same
   * instance, so the checks never run twice.
   */
  public static of(scope: IConstruct): HealthcareCompliance {
    let existing = instances.get(scope);
    if (!existing) {
      existing = new HealthcareCompliance(scope);
      instances.set(scope, existing);
      Aspects.of(scope).add(existing);
    }
    return existing;
  }

  /**
   * Suppresses a rule on a construct and everything below it, with a recorded reason. The
   * suppression is listed in the evidence report and as an info annotation, never silent.
   *
   * @param scope the construct whose findings of the rule are accepted
   * @param ruleId a rule id of the pack, e.g. `APIM-PUBLIC-NETWORK-ACCESS` or `DEPLOY-PUBLIC-IP-ZONES`
   * @param reason why the risk is accepted or handled elsewhere: at least 20 characters and
   * three words, not a placeholder such as `n/a` or `todo`
   */
  public static suppress(scope: IConstruct, ruleId: string, reason: string): void {
    const rule = ALL_RULES.find((r) => r.id === ruleId);
    if (!rule) invalid(scope, 'ruleId', `'${ruleId}' is not a rule of the HIPAA pack`, ALL_RULES.map((r) => r.id).join(', '));
    if (typeof reason !== 'string' || Token.isUnresolved(reason)) invalid(scope, 'reason', 'is not literal text', 'a literal reason an auditor can read');
    const text = reason.trim().replace(/\s+/g, ' ');
    const bare = text.replace(/[.!\s]+$/, '');
    if (text === '' || TOKEN_REASONS.test(bare) || text.length < MIN_REASON_LENGTH || text.split(' ').length < 3) {
      invalid(scope, 'reason', `'${reason}' does not record a reason for suppressing ${ruleId}`,
        `why the risk is accepted or handled elsewhere, at least ${MIN_REASON_LENGTH} characters and three words (e.g. 'WAF is Azure Front Door, managed by the network team in stack edge-prod')`);
    }
    let mine = suppressions.get(scope);
    if (!mine) {
      mine = new Map();
      suppressions.set(scope, mine);
    }
    const previous = mine.get(ruleId);
    if (previous !== undefined && previous !== text) {
      invalid(scope, 'ruleId', `${ruleId} is already suppressed here with reason '${previous}'`, 'one suppression per rule and construct');
    }
    if (previous === undefined) {
      mine.set(ruleId, text);
      const label = rule.category === RuleCategory.DEPLOYABILITY ? 'deployability-suppressed' : 'hipaa-suppressed';
      Annotations.of(scope).addInfo(`[${label}: ${ruleId}] ${text}`);
    }
  }

  /** The scope the checks run on. */
  public readonly scope: IConstruct;
  private lastReport?: ComplianceReport;
  /** Set while the stack's synthesizer runs with validations: the rules then run as a validation, on the JSON synth writes. */
  private atSynth = false;

  private constructor(scope: IConstruct) {
    this.scope = scope;
    const stack = TerraformStack.of(scope);
    const inner = stack.synthesizer;
    stack.synthesizer = { synthesize: (session: ISynthesisSession) => this.synthesize(stack, inner, session) };
    stack.node.addValidation({ validate: () => this.evaluateAtSynth(stack) });
  }

  /**
   * Evaluates the rules when the aspect reaches its scope, unless the stack is being
   * synthesized with validations (`cdktf synth`, `app.synth()`): then they run after every
   * aspect, as a validation, on the configuration synth writes.
   */
  public visit(node: IConstruct): void {
    if (node !== this.scope || this.atSynth) return;
    this.lastReport = this.evaluateNow();
  }

  /**
   * The evidence report: evaluates the rules now, on the stack's configuration as synth
   * resolves it (the same evaluation synth runs).
   */
  public report(): ComplianceReport {
    this.lastReport = this.evaluateNow();
    return this.lastReport;
  }

  /** The rules on the stack's configuration, resolved now. */
  private evaluateNow(): ComplianceReport {
    const stack = TerraformStack.of(this.scope);
    return this.evaluate(resourcesOf(stack, stack.toTerraform()));
  }

  private evaluate(views: ResourceView[]): ComplianceReport {
    const stack = TerraformStack.of(this.scope);
    const view = new StackView(views);
    const scoped = new Set(this.scope === stack ? view.resources
      : view.resources.filter((r) => r.construct === this.scope || r.construct.node.scopes.includes(this.scope)));
    const inScope = (r: ResourceView) => scoped.has(r);
    const checked = view.resources.filter(inScope);
    const used = new Map<string, number>();
    const rules: RuleResult[] = [];
    const deployability: DeployabilityRuleResult[] = [];
    const targetsOf = targetLookup(checked);
    // A construct's path is joined from its scopes on every read: once per resource, not per rule.
    const paths = new Map(checked.map((r) => [r, r.construct.node.path]));
    for (const rule of ALL_RULES) {
      const targets = targetsOf(rule);
      const resources = targets.map((r): ResourceEvidence => {
        const result = rule.check(r, view);
        const base = { address: r.address, constructPath: paths.get(r)! };
        if (result === undefined) return { ...base, status: ComplianceStatus.PASS };
        const unknown = result instanceof Unknown;
        const finding = unknown ? result.reason : result;
        const suppression = suppressionFor(r.construct, rule.id);
        if (suppression) {
          const key = `${suppression.scope.node.path}\u0000${rule.id}`;
          used.set(key, (used.get(key) ?? 0) + 1);
          return { ...base, status: ComplianceStatus.SUPPRESSED, finding, suppressionReason: suppression.reason };
        }
        if (unknown) {
          // Not evidence either way: a warning that names what to check, never a pass.
          annotateOnce(r.construct, `[${rule.id}] ${r.address} is unknown at synth: it ${finding}. Requirement: ${rule.title} (${basisOf(rule)}). `
            + `Check the value in the plan, or fix: ${rule.fix}.`, AnnotationMetadataEntryType.WARN);
          return { ...base, status: ComplianceStatus.UNKNOWN, finding };
        }
        annotateOnce(r.construct, `[${rule.id}] ${r.address} ${finding}. Requirement: ${rule.title} (${basisOf(rule)}). Fix: ${rule.fix}.`);
        return { ...base, status: ComplianceStatus.FAIL, finding };
      });
      const status = worst(resources.map((r) => r.status));
      if (rule.category === RuleCategory.HIPAA) {
        rules.push({ id: rule.id, title: rule.title, safeguard: rule.safeguard, control: rule.control, fix: rule.fix, status, resources });
      } else {
        deployability.push({ id: rule.id, title: rule.title, control: rule.control, fix: rule.fix, status, resources });
      }
    }
    const records: SuppressionRecord[] = [];
    for (const c of this.scope.node.findAll()) {
      for (const [ruleId, reason] of suppressions.get(c) ?? []) {
        records.push({ ruleId, constructPath: c.node.path, reason, suppressedFindings: used.get(`${c.node.path}\u0000${ruleId}`) ?? 0 });
      }
    }
    return {
      stack: stack.node.id,
      findings: failures(rules) + failures(deployability),
      summary: summarize([...rules, ...deployability]),
      safeguards: summarizeSafeguards(rules),
      rules,
      deployability: {
        title: DEPLOYABILITY_TITLE,
        status: worst(deployability.map((r) => r.status)),
        findings: failures(deployability),
        summary: summarize(deployability),
        rules: deployability,
      },
      suppressions: records,
      alerts: alertRoutes(view, inScope),
    };
  }

  /** Synthesizes the stack with the rules evaluated once, on the synthesized JSON, then writes the report. */
  private synthesize(stack: TerraformStack, inner: IStackSynthesizer, session: ISynthesisSession): void {
    const own = Object.getOwnPropertyDescriptor(stack, 'toTerraform');
    this.atSynth = !session.skipValidation;
    // A report of an earlier evaluation is not this synth's: written only if the rules run again.
    this.lastReport = undefined;
    try {
      inner.synthesize(session);
    } finally {
      this.atSynth = false;
      if (own) Object.defineProperty(stack, 'toTerraform', own);
      else delete (stack as { toTerraform?: unknown }).toTerraform;
      this.writeReport(stack, session);
    }
  }

  /**
   * The rules at synth, as a validation of the stack: every aspect has run, so what
   * `toTerraform` returns now is what synth writes. The rules read it, and the synthesizer
   * writes the same object instead of resolving every resource again (until synth ends).
   * Findings are annotations, so this validation itself returns no error.
   */
  private evaluateAtSynth(stack: TerraformStack): string[] {
    if (!this.atSynth) return [];
    const json = stack.toTerraform();
    Object.defineProperty(stack, 'toTerraform', { value: () => json, configurable: true, writable: true });
    this.lastReport = this.evaluate(resourcesOf(stack, json));
    return [];
  }

  private writeReport(stack: TerraformStack, session: ISynthesisSession): void {
    if (!this.lastReport) return;
    const dir = path.join(session.outdir, session.manifest.forStack(stack).workingDirectory);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, EVIDENCE_JSON_FILE), JSON.stringify(this.lastReport, undefined, 2) + '\n');
    fs.writeFileSync(path.join(dir, EVIDENCE_MARKDOWN_FILE), renderMarkdown(this.lastReport));
  }
}

/** What a finding's requirement rests on: the HIPAA safeguard and control, or (deployability) the Azure fact. */
function basisOf(rule: ComplianceRule): string {
  return rule.category === RuleCategory.HIPAA ? `HIPAA 45 CFR ${rule.safeguard}; ${rule.control}` : `deployability, not a HIPAA safeguard; ${rule.control}`;
}

/** Unsuppressed findings of some rule results. */
function failures(results: ReadonlyArray<{ readonly resources: ResourceEvidence[] }>): number {
  return results.reduce((n, r) => n + r.resources.filter((x) => x.status === ComplianceStatus.FAIL).length, 0);
}

/**
 * The resources each rule inspects, in stack order: grouped by type once, so a rule of one
 * type reads its list instead of testing every resource of the stack.
 */
function targetLookup(checked: ResourceView[]): (rule: ComplianceRule) => ResourceView[] {
  const byType = new Map<string, ResourceView[]>();
  for (const r of checked) {
    const list = byType.get(r.type);
    if (list) list.push(r);
    else byType.set(r.type, [r]);
  }
  const position = new Map(checked.map((r, i) => [r, i]));
  return (rule) => {
    if (rule.resourceTypes.includes('*')) return checked.filter((r) => applies(rule, r.type));
    const targets = [...new Set(rule.resourceTypes)].flatMap((type) => byType.get(type) ?? []);
    return rule.resourceTypes.length > 1 ? targets.sort((a, b) => position.get(a)! - position.get(b)!) : targets;
  };
}

function applies(rule: ComplianceRule, type: string): boolean {
  return rule.resourceTypes.includes(type) || (rule.resourceTypes.includes('*') && /^(azurerm|azuread)_/.test(type));
}

/**
 * Every azurerm, azuread and hashicorp/time (`time_sleep`, `time_rotating`, …) resource under
 * the stack, as synthesized: read from the stack's synthesized JSON (so stack-level overrides
 * count), and for a resource of a nested stack, which that JSON does not hold, resolved on its
 * own. Rules for `*` see only the azurerm and azuread ones; the time resources are there for
 * the deployability rules (a time_sleep between a role assignment and what uses it).
 */
function resourcesOf(stack: TerraformStack, synthesized: { resource?: Record<string, Record<string, any>> }): ResourceView[] {
  const views: ResourceView[] = [];
  for (const c of stack.node.findAll()) {
    if (!(c instanceof TerraformResource) || !/^(azurerm|azuread|time)_/.test(c.terraformResourceType)) continue;
    const own = TerraformStack.of(c);
    const json = own === stack ? synthesized : Tokenization.resolve(c.toTerraform(), { scope: own, resolver: RESOLVER, preparing: false });
    const config = json?.resource?.[c.terraformResourceType]?.[c.friendlyUniqueId];
    if (!config) continue;
    views.push({ construct: c, type: c.terraformResourceType, address: `${c.terraformResourceType}.${c.friendlyUniqueId}`, config });
  }
  return views;
}

/** The nearest suppression of a rule on the construct or one of its parents. */
function suppressionFor(construct: IConstruct, ruleId: string): { scope: IConstruct; reason: string } | undefined {
  for (const scope of [...construct.node.scopes].reverse()) {
    const reason = suppressions.get(scope)?.get(ruleId);
    if (reason !== undefined) return { scope, reason };
  }
  return undefined;
}

/** Adds an error (or warning) annotation unless the construct already has the same one (checks run twice, synth runs twice). */
function annotateOnce(construct: IConstruct, message: string, level: AnnotationMetadataEntryType = AnnotationMetadataEntryType.ERROR): void {
  if (construct.node.metadata.some((m) => m.type === level && m.data === message)) return;
  if (level === AnnotationMetadataEntryType.WARN) Annotations.of(construct).addWarning(message);
  else Annotations.of(construct).addError(message);
}
