/**
 * At `cdktf synth` the rules run once, after every aspect, on the configuration synth writes
 * (a validation of the stack that shares synth's resolution): what they check is what is
 * written, and what is written is what synth writes without them.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiManagement } from '@cdktf/provider-azurerm/lib/api-management';
import { App, Aspects, IAspect, Testing } from 'cdktf';
import { IConstruct } from 'constructs';
import { insecure, library } from './stacks';
import { EVIDENCE_JSON_FILE, HealthcareCompliance } from '../../lib';
import { errorsUnder, newStack } from '../util/synth';

/** An aspect a platform team might add after the checks: takes the gateway out of its virtual network. */
class OpenGateway implements IAspect {
  public visit(node: IConstruct): void {
    if (node instanceof ApiManagement) node.virtualNetworkType = 'External';
  }
}

function written(app: App, stack: string, file = 'cdk.tf.json'): any {
  return JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', stack, file), 'utf8'));
}

describe('the rules at synth', () => {
  test('see what an aspect added after them changes, so it cannot hide a finding', () => {
    const app = Testing.app();
    const { stack, platform } = library(newStack('platform', app));
    HealthcareCompliance.of(stack);
    Aspects.of(stack).add(new OpenGateway());
    expect(() => app.synth()).toThrow(/\[APIM-NETWORK-ISOLATION\] azurerm_api_management\.Platform_Apim_[0-9A-F]+ uses External virtual network mode/);
    expect(errorsUnder(platform).filter((e) => e.includes('[APIM-NETWORK-ISOLATION]'))).toHaveLength(1);
  });

  test('pass the library build without the later aspect (the finding above is the aspect\'s)', () => {
    const app = Testing.app();
    const { stack } = library(newStack('platform', app));
    HealthcareCompliance.of(stack);
    app.synth();
    expect(written(app, 'platform', EVIDENCE_JSON_FILE).findings).toBe(0);
  });

  test('see a stack-level override', () => {
    const app = Testing.app();
    const { stack, platform } = library(newStack('platform', app));
    HealthcareCompliance.of(stack);
    const apim = platform.node.findAll().find((c): c is ApiManagement => c instanceof ApiManagement)!;
    stack.addOverride(`resource.azurerm_api_management.${apim.friendlyUniqueId}.virtual_network_type`, 'External');
    expect(() => app.synth()).toThrow(/\[APIM-NETWORK-ISOLATION\] azurerm_api_management\.Platform_Apim_[0-9A-F]+ uses External/);
  });

  test('write the same report as report(), and synth writes the same Terraform as without the checks', () => {
    const withChecks = Testing.app();
    const checked = newStack('legacy', withChecks);
    insecure(checked);
    const compliance = HealthcareCompliance.of(checked);
    expect(() => withChecks.synth()).toThrow(/\[APIM-WEAK-TLS\]/);
    const atSynth = written(withChecks, 'legacy', EVIDENCE_JSON_FILE);
    expect(atSynth.findings).toBeGreaterThan(10);
    expect(compliance.report()).toEqual(atSynth);

    const platformApp = Testing.app();
    HealthcareCompliance.of(library(newStack('platform', platformApp)).stack);
    platformApp.synth();
    const plainApp = Testing.app();
    library(newStack('platform', plainApp));
    plainApp.synth();
    expect(written(platformApp, 'platform')).toEqual(written(plainApp, 'platform'));
  });

  test('resolve each resource no more often than synth without the checks, and leave the stack as it was', () => {
    /** How often synth asks each resource for its configuration (cdktf resolves what it returns). */
    const resolutions = (checks: boolean) => {
      const app = Testing.app();
      const built = library(newStack('platform', app));
      if (checks) HealthcareCompliance.of(built.stack);
      const spy = jest.spyOn(ApiManagement.prototype, 'toTerraform');
      try {
        app.synth();
        return { calls: spy.mock.calls.length, ...built, app };
      } finally {
        spy.mockRestore();
      }
    };
    const plain = resolutions(false);
    expect(plain.calls).toBeGreaterThan(0);
    const { calls, stack, app } = resolutions(true);
    expect(calls).toBe(plain.calls);
    expect(Object.prototype.hasOwnProperty.call(stack, 'toTerraform')).toBe(false);
    // A later Testing.synth resolves again and sees a change made after the first synth.
    new OpenGateway().visit(stack.node.findAll().find((c) => c instanceof ApiManagement)!);
    expect(JSON.parse(Testing.synth(stack)).resource.azurerm_api_management).toEqual(
      expect.objectContaining({ [Object.keys(written(app, 'platform').resource.azurerm_api_management)[0]]: expect.objectContaining({ virtual_network_type: 'External' }) }));
  });

  test('still run when the app skips validations (then as the aspect visits)', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'skip-')), skipValidation: true });
    const stack = newStack('legacy', app);
    insecure(stack);
    HealthcareCompliance.of(stack);
    expect(() => app.synth()).toThrow(/\[APIM-WEAK-TLS\]/);
    expect(written(app, 'legacy', EVIDENCE_JSON_FILE).findings).toBeGreaterThan(10);
  });

  test('check the resources of a nested stack, which the outer stack\'s configuration does not hold', () => {
    const app = Testing.app();
    const outer = newStack('outer', app);
    const inner = newStack('inner', outer as unknown as App);
    insecure(inner);
    const compliance = HealthcareCompliance.of(outer);
    const findings = compliance.report().findings;
    expect(findings).toBeGreaterThan(10);
    expect(() => app.synth()).toThrow(/\[APIM-WEAK-TLS\] azurerm_api_management\./);
    expect(written(app, 'outer', EVIDENCE_JSON_FILE).findings).toBe(findings);
  });

  test('report() and a synth that skips validations see a stack-level override too', () => {
    const override = (app: App) => {
      const { stack, platform } = library(newStack('platform', app));
      const apim = platform.node.findAll().find((c): c is ApiManagement => c instanceof ApiManagement)!;
      stack.addOverride(`resource.azurerm_api_management.${apim.friendlyUniqueId}.virtual_network_type`, 'External');
      return HealthcareCompliance.of(stack);
    };
    expect(override(Testing.app()).report().rules.find((r) => r.id === 'APIM-NETWORK-ISOLATION')!.status).toBe('fail');
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'skip-')), skipValidation: true });
    override(app);
    expect(() => app.synth()).toThrow(/\[APIM-NETWORK-ISOLATION\]/);
  });

  test('write no stale report when synth fails before the rules run', () => {
    const app = Testing.app();
    const stack = newStack('legacy', app);
    stack.node.addValidation({ validate: () => { throw new Error('an earlier validation failed'); } });
    const compliance = HealthcareCompliance.of(stack);
    expect(compliance.report().findings).toBe(0);
    insecure(stack);
    expect(() => app.synth()).toThrow(/an earlier validation failed/);
    expect(fs.existsSync(path.join(app.outdir, 'stacks', 'legacy', EVIDENCE_JSON_FILE))).toBe(false);
  });
});
