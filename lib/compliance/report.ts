import { AlertRoute } from './alert-routing';
import { SAFEGUARD_NAMES } from './safeguard';

/** The outcome of a rule, or of the rule on one resource. */
export enum ComplianceStatus {
  /** Evidence shows the control in place. */
  PASS = 'pass',
  /** A resource violates the rule. */
  FAIL = 'fail',
  /**
   * A value that decides compliance is a Terraform expression (a variable, a reference, a
   * function), not known at synth: the configuration neither shows the control in place nor
   * violated. A warning, not an error; check the value the expression takes in the plan.
   */
  UNKNOWN = 'unknown',
  /** A resource violates the rule (or is unknown at synth), and that is suppressed with a recorded reason. */
  SUPPRESSED = 'suppressed',
  /** The stack has no resource the rule inspects. */
  NOT_APPLICABLE = 'not-applicable',
}

/** How one resource fared under one rule. */
export interface ResourceEvidence {
  /** The Terraform address, `<type>.<logical id>`. */
  readonly address: string;
  /** The construct path. */
  readonly constructPath: string;
  /** Pass, fail, unknown or suppressed. */
  readonly status: ComplianceStatus;
  /**
   * What is wrong, for a failed or suppressed resource; what synth cannot decide, for an unknown one.
   * @default - none (passed)
   */
  readonly finding?: string;
  /**
   * The recorded reason, for a suppressed finding.
   * @default - none (not suppressed)
   */
  readonly suppressionReason?: string;
}

/** A rule, its outcome and the resources that evidence it. */
export interface RuleResult {
  /** The rule id. */
  readonly id: string;
  /** What the rule requires. */
  readonly title: string;
  /** The HIPAA safeguard, e.g. `164.312(e)(1)`. */
  readonly safeguard: string;
  /** The matching Azure Policy built-in or cloud security benchmark control. */
  readonly control: string;
  /** How to comply. */
  readonly fix: string;
  /** The worst status of its resources: fail, then unknown, then suppressed, then pass; not applicable when none were checked. */
  readonly status: ComplianceStatus;
  /** Every resource the rule inspected. */
  readonly resources: ResourceEvidence[];
}

/** How many resource checks (one rule on one resource) ended in each status. */
export interface ComplianceSummary {
  /** Checks whose evidence shows the control in place. */
  readonly pass: number;
  /** Unsuppressed violations (each an error annotation that fails the synth). */
  readonly fail: number;
  /** Checks a Terraform expression decides, not known at synth (each a warning annotation). */
  readonly unknown: number;
  /** Violations or unknowns accepted with a recorded reason. */
  readonly suppressed: number;
}

/**
 * A deployability rule, its outcome and the resources it inspected. Not a HIPAA safeguard:
 * what would break the first apply from a CI runner outside every network the stack creates.
 */
export interface DeployabilityRuleResult {
  /** The rule id, e.g. `DEPLOY-KV-DATA-PLANE`. */
  readonly id: string;
  /** What the rule requires. */
  readonly title: string;
  /** The Azure fact the rule rests on, with its source (e.g. `hashicorp/terraform-provider-azurerm#20742`). */
  readonly control: string;
  /** How to comply. */
  readonly fix: string;
  /** The worst status of its resources: fail, then unknown, then suppressed, then pass; not applicable when none were checked. */
  readonly status: ComplianceStatus;
  /** Every resource the rule inspected. */
  readonly resources: ResourceEvidence[];
}

/** The deployability section of the report: what would break the first apply. */
export interface DeployabilityResult {
  /** The section title, `Deployability: what would break the first apply`. */
  readonly title: string;
  /** The worst status of its rules (fail, then unknown, then suppressed, then pass). */
  readonly status: ComplianceStatus;
  /** Unsuppressed findings of the deployability rules (each is an error annotation). */
  readonly findings: number;
  /** Pass, fail, unknown and suppressed checks of the deployability rules. */
  readonly summary: ComplianceSummary;
  /** Every deployability rule. */
  readonly rules: DeployabilityRuleResult[];
}

/** One HIPAA safeguard and the rules that cover it. */
export interface SafeguardResult {
  /** The citation, e.g. `164.312(a)(1)`. */
  readonly safeguard: string;
  /** Its name, e.g. `Access control`. */
  readonly name: string;
  /** The worst status of its rules (fail, then unknown, then suppressed, then pass). */
  readonly status: ComplianceStatus;
  /** Ids of the rules that cover it. */
  readonly ruleIds: string[];
}

/** A suppression recorded with `HealthcareCompliance.suppress`. */
export interface SuppressionRecord {
  /** The rule id. */
  readonly ruleId: string;
  /** The construct path it was recorded on (it covers the construct and everything below it). */
  readonly constructPath: string;
  /** The recorded reason. */
  readonly reason: string;
  /** The findings it suppressed in this stack. */
  readonly suppressedFindings: number;
}

/** The evidence report of one stack. */
export interface ComplianceReport {
  /** The stack name. */
  readonly stack: string;
  /** Unsuppressed findings, HIPAA and deployability (each is an error annotation that fails the synth). */
  readonly findings: number;
  /** Pass, fail, unknown and suppressed checks of every rule, HIPAA and deployability. */
  readonly summary: ComplianceSummary;
  /** The safeguards in regulation order: two administrative ones of 45 CFR 164.308, then the five technical ones of 164.312. */
  readonly safeguards: SafeguardResult[];
  /** Every rule of the HIPAA pack. */
  readonly rules: RuleResult[];
  /** The deployability rules: not HIPAA safeguards, but what would break the first apply. */
  readonly deployability: DeployabilityResult;
  /** Every suppression in the stack, never silent. */
  readonly suppressions: SuppressionRecord[];
  /** Detect and respond: every alert in scope and the action groups it routes to. */
  readonly alerts: AlertRoute[];
}

/**
 * The worst of several statuses: fail, then unknown (not evidenced, no recorded reason), then
 * suppressed (an accepted risk with a reason), then pass.
 */
export function worst(statuses: ComplianceStatus[]): ComplianceStatus {
  const order = [ComplianceStatus.FAIL, ComplianceStatus.UNKNOWN, ComplianceStatus.SUPPRESSED, ComplianceStatus.PASS];
  for (const s of order) if (statuses.includes(s)) return s;
  return ComplianceStatus.NOT_APPLICABLE;
}

/** The pass / fail / unknown / suppressed counts of some rule results. */
export function summarize(results: ReadonlyArray<{ readonly resources: ResourceEvidence[] }>): ComplianceSummary {
  const count = (status: ComplianceStatus) => results.reduce((n, r) => n + r.resources.filter((x) => x.status === status).length, 0);
  return {
    pass: count(ComplianceStatus.PASS),
    fail: count(ComplianceStatus.FAIL),
    unknown: count(ComplianceStatus.UNKNOWN),
    suppressed: count(ComplianceStatus.SUPPRESSED),
  };
}

/** The title of the deployability section. */
export const DEPLOYABILITY_TITLE = 'Deployability: what would break the first apply';

/** The safeguard summary of a set of rule results. */
export function summarizeSafeguards(rules: RuleResult[]): SafeguardResult[] {
  return SAFEGUARD_NAMES.map(([safeguard, name]) => {
    const mine = rules.filter((r) => r.safeguard === safeguard);
    return { safeguard, name, status: worst(mine.map((r) => r.status)), ruleIds: mine.map((r) => r.id) };
  });
}

const STATUS_TEXT: Record<ComplianceStatus, string> = {
  [ComplianceStatus.PASS]: 'PASS',
  [ComplianceStatus.FAIL]: 'FAIL',
  [ComplianceStatus.UNKNOWN]: 'UNKNOWN',
  [ComplianceStatus.SUPPRESSED]: 'SUPPRESSED',
  [ComplianceStatus.NOT_APPLICABLE]: 'n/a',
};

/** Text for a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

/** The report as Markdown an auditor reads. */
export function renderMarkdown(report: ComplianceReport): string {
  const lines: string[] = [
    `# HIPAA safeguards evidence: stack \`${report.stack}\``,
    '',
    'Generated at synth by cdktf-healthcare-apim `HealthcareCompliance` from the Terraform configuration of this stack '
      + '(45 CFR 164.308 and 164.312). It shows what the configuration enforces; it does not replace a risk analysis or evidence of operation.',
    '',
    `**Unsuppressed findings: ${report.findings}** · suppressions: ${report.suppressions.length}`,
    '',
    'Resource checks (one rule on one resource), HIPAA and deployability rules. UNKNOWN: a value that decides the rule is a Terraform '
      + 'expression (variable, reference, function) not known at synth, so the configuration is not evidence either way: check the value in the plan.',
    '',
    ...summaryTable(report.summary),
    '',
    '| Safeguard | Name | Status | Rules |',
    '|---|---|---|---|',
    ...report.safeguards.map((s) => `| ${s.safeguard} | ${cell(s.name)} | ${STATUS_TEXT[s.status]} | ${s.ruleIds.join(', ')} |`),
    '',
  ];
  for (const s of report.safeguards) {
    lines.push(`## ${s.safeguard} ${s.name}: ${STATUS_TEXT[s.status]}`, '');
    for (const rule of report.rules.filter((r) => r.safeguard === s.safeguard)) renderRule(lines, rule, 'Control');
  }
  const d = report.deployability;
  lines.push(
    `## ${d.title}`,
    '',
    'Not HIPAA safeguards: what a first `cdktf deploy` from a CI runner outside every network this stack creates would run into. '
      + 'Each rule cites the Azure fact behind it; its findings fail the synth like the HIPAA ones and are suppressed the same way.',
    '',
    `**Status: ${STATUS_TEXT[d.status]}** · unsuppressed findings: ${d.findings}`,
    '',
    ...summaryTable(d.summary),
    '',
    '| Rule | Status | Azure fact |',
    '|---|---|---|',
    ...d.rules.map((r) => `| ${r.id} | ${STATUS_TEXT[r.status]} | ${cell(r.control)} |`),
    '',
  );
  for (const rule of d.rules) renderRule(lines, rule, 'Azure fact');
  renderAlerts(lines, report.alerts);
  lines.push('## Suppressions', '');
  if (report.suppressions.length === 0) {
    lines.push('None.', '');
  } else {
    lines.push('| Rule | Construct | Findings suppressed | Reason |', '|---|---|---|---|');
    for (const s of report.suppressions) lines.push(`| ${s.ruleId} | \`${s.constructPath}\` | ${s.suppressedFindings} | ${cell(s.reason)} |`);
    lines.push('');
  }
  return lines.join('\n');
}

/** The pass / fail / unknown / suppressed counts as a Markdown table. */
function summaryTable(s: ComplianceSummary): string[] {
  return ['| Pass | Fail | Unknown | Suppressed |', '|---|---|---|---|', `| ${s.pass} | ${s.fail} | ${s.unknown} | ${s.suppressed} |`];
}

/** One rule with its evidence table. */
function renderRule(lines: string[], rule: RuleResult | DeployabilityRuleResult, controlLabel: string): void {
  lines.push(`### ${rule.id}: ${STATUS_TEXT[rule.status]}`, '', cell(rule.title), '', `- ${controlLabel}: ${cell(rule.control)}`, `- Fix: ${cell(rule.fix)}`);
  if (rule.resources.length === 0) {
    lines.push('- Evidence: no resource of the inspected types in this stack', '');
    return;
  }
  lines.push('', '| Resource | Construct | Status | Detail |', '|---|---|---|---|');
  for (const r of rule.resources) {
    const detail = r.status === ComplianceStatus.SUPPRESSED ? `${r.finding}; suppressed: ${r.suppressionReason}` : r.finding ?? '';
    lines.push(`| \`${r.address}\` | \`${r.constructPath}\` | ${STATUS_TEXT[r.status]} | ${cell(detail)} |`);
  }
  lines.push('');
}

/** The detect-and-respond section: each alert and where it routes. */
function renderAlerts(lines: string[], alerts: AlertRoute[]): void {
  lines.push('## Detect and respond: alerts and where they route', '');
  if (alerts.length === 0) {
    lines.push('No alert in this stack.', '');
    return;
  }
  const unrouted = alerts.filter((a) => a.routesTo.length === 0 || !a.enabled).length;
  lines.push(`${alerts.length} alerts; ${unrouted} disabled or routed nowhere.`, '',
    '| Alert | Kind | Severity | Watches | Routes to | Receivers |', '|---|---|---|---|---|---|');
  for (const a of alerts) {
    const routes = a.routesTo.length ? a.routesTo.map((r) => `\`${r}\``).join(', ') : '**nowhere**';
    lines.push(`| ${cell(a.name)}${a.enabled ? '' : ' (disabled)'} | ${a.kind} | ${a.severity ?? '—'} | ${cell(a.watches)} | ${routes} | ${cell(a.receivers.join(', ') || '—')} |`);
  }
  lines.push('');
}
