/**
 * The published surface, read from the jsii assembly the test command builds first: the policy
 * model is the submodule `policy`, the package is experimental before 1.0, and the compat
 * baseline is the assembly of this build (a break of the API moves it on purpose).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

const root = path.resolve(__dirname, '..');
const assembly = JSON.parse(fs.readFileSync(path.join(root, '.jsii'), 'utf8'));
const types: Record<string, any> = assembly.types;

test('the policy model is the jsii submodule policy, and nothing of it is at the package root', () => {
  expect(Object.keys(assembly.submodules)).toEqual(['cdktf-healthcare-apim.policy']);
  expect(assembly.submodules['cdktf-healthcare-apim.policy'].readme.markdown).toMatch(/^# policy: the APIM policy model/);
  const policyTypes = Object.keys(types).filter((fqn) => fqn.startsWith('cdktf-healthcare-apim.policy.'));
  expect(policyTypes).toEqual(expect.arrayContaining([
    'cdktf-healthcare-apim.policy.PolicyDocument', 'cdktf-healthcare-apim.policy.PolicyElement', 'cdktf-healthcare-apim.policy.SetHeader',
    'cdktf-healthcare-apim.policy.RateLimitByKey', 'cdktf-healthcare-apim.policy.CorsProps',
  ]));
  const names = new Set(policyTypes.map((fqn) => fqn.split('.').pop()));
  expect(Object.keys(types).filter((fqn) => fqn.split('.').length === 2 && names.has(fqn.split('.')[1]))).toEqual([]);
  // Internal helpers of the policy files are not part of the assembly.
  expect(types['cdktf-healthcare-apim.policy.IpNetwork']).toBeUndefined();
});

test('the platform interface, its import and the limit value types are at the root', () => {
  expect(types['cdktf-healthcare-apim.IHealthcareApimPlatform'].kind).toBe('interface');
  expect(types['cdktf-healthcare-apim.HealthcareApimPlatformAttributes'].datatype).toBe(true);
  const platform = types['cdktf-healthcare-apim.SecureHealthcareApim'];
  expect(platform.interfaces).toEqual(['cdktf-healthcare-apim.IHealthcareApimPlatform']);
  const from = platform.methods.find((m: any) => m.name === 'fromPlatformAttributes');
  expect([from.static, from.returns.type.fqn]).toEqual([true, 'cdktf-healthcare-apim.IHealthcareApimPlatform']);
  for (const [fqn, factories] of [['RateLimit', ['per', 'perMinute', 'perSecond']], ['Quota', ['lifetime', 'per', 'perDay', 'perHour', 'perWeek']]] as const) {
    const t = types[`cdktf-healthcare-apim.${fqn}`];
    expect(t.kind).toBe('class');
    expect(t.methods.filter((m: any) => m.static && !m.name.startsWith('is')).map((m: any) => m.name).sort()).toEqual(factories);
  }
  // ProtectedApi and ConsumerGroup take the interface.
  const platformProp = (struct: string) => types[`cdktf-healthcare-apim.${struct}`].properties.find((p: any) => p.name === 'platform').type.fqn;
  expect([platformProp('ProtectedApiProps'), platformProp('ConsumerGroupProps')]).toEqual(['cdktf-healthcare-apim.IHealthcareApimPlatform', 'cdktf-healthcare-apim.IHealthcareApimPlatform']);
});

test('experimental before 1.0, the building blocks marked so on their own', () => {
  expect(assembly.docs.stability).toBe('experimental');
  for (const block of ['ApimNetwork', 'EdgeGateway', 'AuditLogging', 'PlatformKeyVault']) {
    expect([block, types[`cdktf-healthcare-apim.${block}`].docs.stability]).toEqual([block, 'experimental']);
  }
  // jsii gives every type the package's stability, so the tags that keep the building blocks
  // experimental after 1.0 are read from the sources; the main constructs carry none.
  const tagged = experimentalClasses();
  expect(['ApimNetwork', 'EdgeGateway', 'AuditLogging', 'PlatformKeyVault'].filter((c) => !tagged.has(c))).toEqual([]);
  expect(['SecureHealthcareApim', 'ProtectedApi', 'ConsumerGroup'].filter((c) => tagged.has(c))).toEqual([]);
  // Renamed attributes keep a deprecated alias.
  const props = types['cdktf-healthcare-apim.SecureHealthcareApim'].properties;
  const stabilityOf = (name: string) => props.find((p: any) => p.name === name).docs.stability;
  expect(['gatewayUrl', 'apimGatewayUrl', 'principalId'].map(stabilityOf)).toEqual(['deprecated', 'deprecated', 'deprecated']);
});

test('the compat baseline is a packed assembly of this package, which jsii-docgen cannot mistake for the build', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'compat-baseline-'));
  try {
    execFileSync('tar', ['-xzf', path.join(root, 'compat', 'baseline.tgz'), '-C', work]);
    expect(fs.readdirSync(work).sort()).toEqual(['.jsii', 'package.json']);
    const pkg = JSON.parse(fs.readFileSync(path.join(work, 'package.json'), 'utf8'));
    expect(pkg.name).toBe('cdktf-healthcare-apim');
    expect(Object.keys(pkg.peerDependencies)).toEqual(expect.arrayContaining(['cdktf', 'constructs', '@cdktf/provider-azurerm']));
    expect(JSON.parse(fs.readFileSync(path.join(work, '.jsii'), 'utf8')).name).toBe('cdktf-healthcare-apim');
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  // No unpacked assembly in the tree besides the build's own .jsii.
  expect(fs.existsSync(path.join(root, 'compat', 'baseline'))).toBe(false);
});

/** The classes in lib/ whose own doc comment has an `@experimental` tag. */
function experimentalClasses(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string): void => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, d.name);
      if (d.isDirectory()) {
        walk(file);
      } else if (d.name.endsWith('.ts')) {
        const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2020, true);
        source.forEachChild((node) => {
          if (ts.isClassDeclaration(node) && node.name && ts.getJSDocTags(node).some((t) => t.tagName.text === 'experimental')) found.add(node.name.text);
        });
      }
    }
  };
  walk(path.join(root, 'lib'));
  return found;
}
