import * as fs from 'fs';
import * as path from 'path';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { Aspects, Lazy, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { insecure, library } from './stacks';
import {
  ComplianceStatus, EVIDENCE_JSON_FILE, EVIDENCE_MARKDOWN_FILE, HealthcareCompliance, ProtectedApi, SecureHealthcareApim,
} from '../../lib';
import { PATIENTS, PLATFORM_PROPS } from '../api/fixtures';
import { annotationsOf, errorsUnder, newStack } from '../util/synth';

const REASON = 'The gateway is fronted by Azure Front Door Premium with WAF, managed in the edge-prod stack';

function ruleIdsOf(construct: IConstruct): string[] {
  return annotationsOf(construct, 'error').map((m) => /^\[([A-Z0-9-]+)\]/.exec(m)![1]).sort();
}

describe('HealthcareCompliance on what the library builds', () => {
  const { stack } = library();
  const compliance = HealthcareCompliance.of(stack);
  Testing.synth(stack);
  const report = compliance.report();

  test('zero findings and no error annotations', () => {
    expect(report.findings).toBe(0);
    expect(errorsUnder(stack)).toEqual([]);
    expect(report.suppressions).toEqual([]);
  });

  test('every check passes: nothing unknown, failed or suppressed', () => {
    const checks = [...report.rules, ...report.deployability.rules].reduce((n, r) => n + r.resources.length, 0);
    expect(report.summary).toEqual({ pass: checks, fail: 0, unknown: 0, suppressed: 0 });
    expect(checks).toBeGreaterThan(100);
    const unknownWarnings = stack.node.findAll().flatMap((c) => annotationsOf(c, 'warn')).filter((m) => / is unknown at synth: /.test(m));
    expect(unknownWarnings).toEqual([]);
  });

  test('every safeguard passes, evidenced by resources', () => {
    expect(report.safeguards.map((s) => [s.safeguard, s.status])).toEqual([
      ['164.308(a)(1)(ii)(D)', 'pass'], ['164.308(a)(5)(ii)(D)', 'pass'], ['164.308(a)(6)', 'pass'], ['164.308(a)(7)(i)', 'pass'],
      ['164.312(a)(1)', 'pass'], ['164.312(a)(2)(iv)', 'pass'], ['164.312(b)', 'pass'], ['164.312(c)(1)', 'pass'], ['164.312(d)', 'pass'], ['164.312(e)(1)', 'pass'],
    ]);
    const applicable = report.rules.filter((r) => r.status !== ComplianceStatus.NOT_APPLICABLE);
    expect(applicable.length).toBeGreaterThanOrEqual(20);
    for (const rule of applicable) expect(rule.resources.length).toBeGreaterThan(0);
  });

  test('snapshot of the evidence report of the default platform', () => {
    expect(report).toMatchSnapshot();
  });
});

describe('HealthcareCompliance on hand-written resources next to the library', () => {
  test('flags each insecure resource with error annotations naming the rule, and leaves the library clean', () => {
    const { stack } = library();
    const legacy = new Construct(stack, 'Legacy');
    const r = insecure(legacy);
    HealthcareCompliance.of(stack);
    Testing.synth(stack);
    expect(ruleIdsOf(r.apim)).toEqual([
      'APIM-DIAGNOSTICS', 'APIM-DIRECT-MANAGEMENT', 'APIM-MANAGED-IDENTITY', 'APIM-MIN-API-VERSION', 'APIM-NETWORK-ISOLATION',
      'APIM-PORTAL-SIGN-IN', 'APIM-PUBLIC-NETWORK-ACCESS', 'APIM-WEAK-TLS',
    ]);
    expect(ruleIdsOf(r.vault)).toEqual(['KV-NEAR-EXPIRY-ROUTING', 'KV-NETWORK', 'KV-PREMIUM-HSM', 'KV-PURGE-PROTECTION', 'KV-RBAC']);
    expect(ruleIdsOf(r.workspace)).toEqual(['LOG-RETENTION']);
    expect(ruleIdsOf(r.subscription)).toEqual(['APIM-SUBSCRIPTION-SCOPE']);
    expect(ruleIdsOf(r.backend)).toEqual(['BACKEND-TLS']);
    expect(ruleIdsOf(r.waf)).toEqual(['WAF-PREVENTION']);
    expect(ruleIdsOf(r.vm)).toEqual(['NO-PLAINTEXT-SECRETS']);
    expect(annotationsOf(r.apim, 'error').find((m) => m.startsWith('[APIM-WEAK-TLS]'))).toMatch(
      /^\[APIM-WEAK-TLS\] azurerm_api_management\.Legacy_LegacyApim_[0-9A-F]+ enables frontend_tls10_enabled\. Requirement: .* \(HIPAA 45 CFR 164\.312\(e\)\(1\); .*\)\. Fix: .*\.$/);
    // The legacy instance shares the stack's WAF edge, so WAF-PRESENT passes for it: the edge is evidence for the stack.
    expect(errorsUnder(stack).filter((e) => !e.startsWith('test/Legacy/'))).toEqual([]);
  });

  test('cdktf synth fails on the findings and still writes the evidence report', () => {
    const app = Testing.app();
    const stack = newStack('legacy', app);
    insecure(stack);
    HealthcareCompliance.of(stack);
    expect(() => app.synth()).toThrow(/\[APIM-WEAK-TLS\]/);
    const report = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', 'legacy', EVIDENCE_JSON_FILE), 'utf8'));
    expect(report.findings).toBeGreaterThan(10);
    expect(report.safeguards.find((s: any) => s.safeguard === '164.312(e)(1)').status).toBe('fail');
  });

  test('checks only the subtree of the scope it is applied to', () => {
    const { stack } = library();
    const legacy = new Construct(stack, 'Legacy');
    insecure(legacy);
    const compliance = HealthcareCompliance.of(stack.node.findChild('Platform'));
    Testing.synth(stack);
    expect(compliance.report().findings).toBe(0);
    expect(errorsUnder(legacy)).toEqual([]);
  });
});

describe('the evidence report files', () => {
  test('hipaa-evidence.md and .json are written next to cdk.tf.json', () => {
    const app = Testing.app();
    library(newStack('platform', app));
    HealthcareCompliance.of(app.node.findChild('platform'));
    app.synth();
    const dir = path.join(app.outdir, 'stacks', 'platform');
    expect(fs.existsSync(path.join(dir, 'cdk.tf.json'))).toBe(true);
    const json = JSON.parse(fs.readFileSync(path.join(dir, EVIDENCE_JSON_FILE), 'utf8'));
    expect(json.findings).toBe(0);
    const md = fs.readFileSync(path.join(dir, EVIDENCE_MARKDOWN_FILE), 'utf8');
    expect(md).toMatch(/^# HIPAA safeguards evidence: stack `platform`/);
    expect(md).toContain('## 164.308(a)(6) Security incident procedures: PASS');
    expect(md).toContain('## Detect and respond: alerts and where they route');
    expect(md).toMatch(/\| contoso-health-apim-failed-auth-by-caller \| log \| 2 \| ApiManagementGatewayLogs \(KQL\) \| `azurerm_monitor_action_group\.Platform_Monitoring_ActionGroup_[0-9A-F]+` \| email_receiver ×1 \|/);
    for (const heading of ['## 164.312(a)(1) Access control: PASS', '## 164.312(b) Audit controls: PASS', '## 164.312(c)(1) Integrity: PASS',
      '## 164.312(d) Person or entity authentication: PASS', '## 164.312(e)(1) Transmission security: PASS', '## Suppressions']) {
      expect(md).toContain(heading);
    }
    expect(md).toMatch(/\| `azurerm_api_management\.Platform_Apim_[0-9A-F]+` \| `platform\/Platform\/Apim` \| PASS \|/);
  });

  test('synthesizing twice writes the same report and never duplicates findings', () => {
    const app = Testing.app();
    const stack = newStack('legacy', app);
    const r = insecure(stack);
    HealthcareCompliance.of(stack);
    HealthcareCompliance.of(stack);
    expect(Aspects.of(stack).all).toHaveLength(1);
    expect(() => app.synth()).toThrow();
    const first = fs.readFileSync(path.join(app.outdir, 'stacks', 'legacy', EVIDENCE_MARKDOWN_FILE), 'utf8');
    const count = annotationsOf(r.apim, 'error').length;
    expect(() => app.synth()).toThrow();
    Testing.synth(stack);
    expect(annotationsOf(r.apim, 'error')).toHaveLength(count);
    expect(fs.readFileSync(path.join(app.outdir, 'stacks', 'legacy', EVIDENCE_MARKDOWN_FILE), 'utf8')).toBe(first);
  });
});

describe('unknown evidence: a Terraform expression decides a rule', () => {
  /** A workspace whose retention comes from a variable (unknown), and one that passes. */
  function variableRetention(stack: TerraformStack) {
    const retention = new TerraformVariable(stack, 'retention_days', { type: 'number' });
    const rg = { resourceGroupName: 'rg-logs', location: 'eastus2', localAuthenticationEnabled: false };
    const dynamic = new LogAnalyticsWorkspace(stack, 'DynamicLogs', { ...rg, name: 'dynamic-logs', retentionInDays: retention.numberValue });
    const fixed = new LogAnalyticsWorkspace(stack, 'FixedLogs', { ...rg, name: 'fixed-logs', retentionInDays: 400 });
    return { dynamic, fixed };
  }

  test('is reported unknown, not pass: a warning annotation (no error), the rule and its safeguard unknown', () => {
    const stack = newStack();
    const { dynamic, fixed } = variableRetention(stack);
    const compliance = HealthcareCompliance.of(stack);
    Testing.synth(stack);
    expect(errorsUnder(stack)).toEqual([]);
    const [warning, ...more] = annotationsOf(dynamic, 'warn');
    expect(more).toEqual([]);
    expect(warning).toMatch(new RegExp(`^\\[LOG-RETENTION\\] azurerm_log_analytics_workspace\\.${dynamic.friendlyUniqueId} is unknown at synth: it sets retention_in_days to \\$\\{var\\.retention_days\\}, `
      + 'an expression whose value is not known at synth\\. Requirement: .* \\(HIPAA 45 CFR 164\\.312\\(b\\); .*\\)\\. Check the value in the plan, or fix: .*\\.$'));
    expect(annotationsOf(fixed, 'warn')).toEqual([]);
    const report = compliance.report();
    const rule = report.rules.find((r) => r.id === 'LOG-RETENTION')!;
    expect(rule.status).toBe(ComplianceStatus.UNKNOWN);
    expect(rule.resources.map((r) => [r.constructPath, r.status])).toEqual([['test/DynamicLogs', 'unknown'], ['test/FixedLogs', 'pass']]);
    expect(rule.resources[0].finding).toMatch(/^sets retention_in_days to \$\{var\.retention_days\}/);
    expect(report.safeguards.find((s) => s.safeguard === '164.312(b)')!.status).toBe(ComplianceStatus.UNKNOWN);
    expect(report.findings).toBe(0);
    // LOG-RETENTION on both, NO-PLAINTEXT-SECRETS and DEPLOY-RBAC-PROPAGATION (every resource) on both.
    expect(report.summary).toEqual({ pass: 5, fail: 0, unknown: 1, suppressed: 0 });
    expect(report.deployability.summary).toEqual({ pass: 2, fail: 0, unknown: 0, suppressed: 0 });
  });

  test('a failure outranks unknown, which outranks a suppression, in rule and safeguard status', () => {
    const stack = newStack();
    variableRetention(stack);
    const legacy = new LogAnalyticsWorkspace(stack, 'LegacyLogs', { resourceGroupName: 'rg-legacy', location: 'eastus2', name: 'legacy-logs', retentionInDays: 30 });
    const report = HealthcareCompliance.of(stack).report();
    expect(report.rules.find((r) => r.id === 'LOG-RETENTION')!.status).toBe(ComplianceStatus.FAIL);
    expect(report.summary).toMatchObject({ fail: 1, unknown: 1 });
    HealthcareCompliance.suppress(legacy, 'LOG-RETENTION', 'The legacy workspace is exported daily to immutable archive storage for six years');
    const again = HealthcareCompliance.of(stack).report();
    expect(again.rules.find((r) => r.id === 'LOG-RETENTION')!.status).toBe(ComplianceStatus.UNKNOWN);
    expect(again.summary).toMatchObject({ fail: 0, unknown: 1, suppressed: 1 });
  });

  test('synth succeeds, and hipaa-evidence.md and .json count pass / fail / unknown / suppressed', () => {
    const app = Testing.app();
    const stack = newStack('dynamic', app);
    variableRetention(stack);
    HealthcareCompliance.of(stack);
    app.synth();
    const dir = path.join(app.outdir, 'stacks', 'dynamic');
    const json = JSON.parse(fs.readFileSync(path.join(dir, EVIDENCE_JSON_FILE), 'utf8'));
    expect(json.summary).toEqual({ pass: 5, fail: 0, unknown: 1, suppressed: 0 });
    expect(json.deployability.summary).toEqual({ pass: 2, fail: 0, unknown: 0, suppressed: 0 });
    expect(json.rules.find((r: any) => r.id === 'LOG-RETENTION').resources[0]).toMatchObject({ constructPath: 'dynamic/DynamicLogs', status: 'unknown' });
    const md = fs.readFileSync(path.join(dir, EVIDENCE_MARKDOWN_FILE), 'utf8');
    expect(md).toContain('| Pass | Fail | Unknown | Suppressed |\n|---|---|---|---|\n| 5 | 0 | 1 | 0 |');
    expect(md).toContain('UNKNOWN: a value that decides the rule is a Terraform expression');
    expect(md).toContain('## 164.312(b) Audit controls: UNKNOWN');
    expect(md).toContain('### LOG-RETENTION: UNKNOWN');
    expect(md).toMatch(/\| `azurerm_log_analytics_workspace\.DynamicLogs` \| `dynamic\/DynamicLogs` \| UNKNOWN \| sets retention_in_days to \$\{var\.retention_days\}/);
    const deploy = md.slice(md.indexOf('## Deployability'));
    expect(deploy).toContain('| Pass | Fail | Unknown | Suppressed |\n|---|---|---|---|\n| 2 | 0 | 0 | 0 |');
  });

  test('a suppression with a reason covers an unknown: no warning, status suppressed, counted', () => {
    const stack = newStack();
    const { dynamic } = variableRetention(stack);
    const reason = 'retention_days is fixed to 730 by the pipeline variable group, reviewed quarterly';
    HealthcareCompliance.suppress(dynamic, 'LOG-RETENTION', reason);
    const compliance = HealthcareCompliance.of(stack);
    Testing.synth(stack);
    expect(annotationsOf(dynamic, 'warn')).toEqual([]);
    const report = compliance.report();
    expect(report.rules.find((r) => r.id === 'LOG-RETENTION')!.resources[0]).toMatchObject({ status: 'suppressed', finding: expect.stringMatching(/retention_in_days/), suppressionReason: reason });
    expect(report.summary).toEqual({ pass: 5, fail: 0, unknown: 0, suppressed: 1 });
    expect(report.suppressions).toEqual([{ ruleId: 'LOG-RETENTION', constructPath: 'test/DynamicLogs', reason, suppressedFindings: 1 }]);
  });
});

describe('suppressions', () => {
  test('suppress a finding on the construct with a recorded reason: no error, an info annotation, listed in the report', () => {
    const stack = newStack();
    const r = insecure(stack);
    HealthcareCompliance.suppress(r.waf, 'WAF-PREVENTION', REASON);
    const compliance = HealthcareCompliance.of(stack);
    Testing.synth(stack);
    expect(ruleIdsOf(r.waf)).toEqual([]);
    expect(annotationsOf(r.waf, 'info')).toEqual([`[hipaa-suppressed: WAF-PREVENTION] ${REASON}`]);
    const report = compliance.report();
    expect(report.suppressions).toEqual([{ ruleId: 'WAF-PREVENTION', constructPath: 'test/DetectOnly', reason: REASON, suppressedFindings: 1 }]);
    const rule = report.rules.find((x) => x.id === 'WAF-PREVENTION')!;
    expect(rule.status).toBe('suppressed');
    expect(rule.resources[0]).toMatchObject({ status: 'suppressed', finding: 'runs in Detection mode', suppressionReason: REASON });
  });

  test('a suppression on a parent covers its children, for that rule only', () => {
    const stack = newStack();
    const legacy = new Construct(stack, 'Legacy');
    const r = insecure(legacy);
    HealthcareCompliance.suppress(legacy, 'KV-NETWORK', 'The vault is reached over a private endpoint created by the network team');
    HealthcareCompliance.of(stack);
    Testing.synth(stack);
    expect(ruleIdsOf(r.vault)).toEqual(['KV-NEAR-EXPIRY-ROUTING', 'KV-PREMIUM-HSM', 'KV-PURGE-PROTECTION', 'KV-RBAC']);
  });

  test.each([
    ['an empty reason', ''],
    ['a blank reason', '   '],
    ['n/a', 'n/a'],
    ['TODO', 'TODO'],
    ['false positive', 'False positive.'],
    ['a short reason', 'not needed here'],
    ['two words', 'Accepted-risk-per-security-review temporarily'],
  ])('refuses %s', (_, reason) => {
    const stack = newStack();
    expect(() => HealthcareCompliance.suppress(stack, 'KV-NETWORK', reason)).toThrow(/test: reason .* does not record a reason for suppressing KV-NETWORK\. Valid: why the risk is accepted/);
  });

  test('refuses a token as the reason, an unknown rule id, and a second different reason', () => {
    const stack = newStack();
    expect(() => HealthcareCompliance.suppress(stack, 'KV-NETWORK', Lazy.stringValue({ produce: () => REASON }))).toThrow(/test: reason is not literal text/);
    expect(() => HealthcareCompliance.suppress(stack, 'KV-FIREWALL', REASON)).toThrow(/test: ruleId 'KV-FIREWALL' is not a rule of the HIPAA pack\. Valid: APIM-WEAK-TLS, /);
    HealthcareCompliance.suppress(stack, 'KV-NETWORK', REASON);
    HealthcareCompliance.suppress(stack, 'KV-NETWORK', REASON);
    expect(annotationsOf(stack, 'info')).toHaveLength(1);
    expect(() => HealthcareCompliance.suppress(stack, 'KV-NETWORK', 'A different reason recorded by another team later on')).toThrow(/KV-NETWORK is already suppressed here/);
  });

  test.each<[string, Record<string, unknown>, string[]]>([
    ['acknowledgePublicGateway', { acknowledgePublicGateway: true }, ['APIM-NETWORK-ISOLATION', 'APIM-PUBLIC-NETWORK-ACCESS', 'WAF-PRESENT']],
    ['acknowledgeExternallyManagedEdge', { acknowledgeExternallyManagedEdge: true }, ['WAF-PRESENT']],
  ])('the platform opt-out %s suppresses exactly the rules it weakens, with the opt-out as the reason', (optOut, props, rules) => {
    const stack = newStack();
    const platform = new SecureHealthcareApim(stack, 'Platform', { ...PLATFORM_PROPS, ...props });
    new ProtectedApi(stack, 'Patients', { platform, ...PATIENTS });
    const report = HealthcareCompliance.of(stack).report();
    expect(report.findings).toBe(0);
    expect(report.suppressions.map((s) => s.ruleId)).toEqual(rules);
    for (const s of report.suppressions) {
      expect(s).toMatchObject({ constructPath: 'test/Platform', suppressedFindings: 1 });
      expect(s.reason).toMatch(new RegExp(`^Accepted through the named opt-out ${optOut}: `));
    }
  });
});
