/**
 * The published package works the way platform repos use it: `npm pack` the library, install
 * the tarball into a fresh project that has only the peer dependencies, compile a small
 * TypeScript stack against the published typings and synthesize it.
 *
 * Needs the jsii build in dist/ (the test command builds it first). The peers come from this
 * repo's own node_modules (what `npm ci` installed, at the versions the library was tested
 * with) as `file:` folders, so the install needs neither the registry nor package metadata in
 * npm's cache: it works on a new machine whose cache `npm ci` left holding tarballs only.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');
const peers = ['cdktf', 'constructs', '@cdktf/provider-azurerm', '@cdktf/provider-azuread', '@cdktf/provider-time'];

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, ...env } });
  } catch (e: any) {
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

const CONSUMER_STACK = `
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import {
  ApimSku, ConsumerGroup, HealthcareCompliance, KeyVaultDeployerAccess, policy, ProtectedApi, Quota, RateLimit, SecureHealthcareApim,
} from 'cdktf-healthcare-apim';

class PlatformStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{ templateDeployment: [{ deleteNestedItemsDuringDeletion: false }] }] });
    new AzureadProvider(this, 'azuread', {});
    new TimeProvider(this, 'time', {});
    const platform = new SecureHealthcareApim(this, 'Platform', {
      name: 'consumer-health-apim',
      resourceGroupName: 'rg-consumer',
      location: 'eastus2',
      publisherName: 'Consumer Health',
      publisherEmail: 'api@consumer-health.example',
      keyVaultDeployerAccess: KeyVaultDeployerAccess.fromIpRanges(['203.0.113.7']),
      acknowledgeSelfSignedCertificate: true,
    });
    platform.addPolicyElements(policy.PolicySection.OUTBOUND, policy.SetHeader.override('X-Consumer', 'yes'));
    const doc: policy.PolicyDocument = new policy.PolicyDocument({ scope: policy.PolicyScope.API });
    if (!doc.toXml().includes('<base />')) throw new Error('policy model not usable');
    HealthcareCompliance.of(this);
  }
}

/** An API team's stack: the platform comes in by name, resource group and SKU. */
class PatientsTeamStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{ templateDeployment: [{ deleteNestedItemsDuringDeletion: false }] }] });
    new AzureadProvider(this, 'azuread', {});
    new TimeProvider(this, 'time', {});
    const platform = SecureHealthcareApim.fromPlatformAttributes(this, 'Platform', {
      name: 'consumer-health-apim', resourceGroupName: 'rg-consumer', sku: ApimSku.premium(2),
    });
    const patients = new ProtectedApi(this, 'Patients', {
      platform,
      name: 'patients',
      path: 'patients',
      version: 'v1',
      backendUrl: 'https://fhir.consumer-health.example',
      operations: [{ method: 'GET', urlTemplate: '/patients/{id}', requiredRoles: ['Patient.Read'] }],
      subscriptionRateLimit: RateLimit.perMinute(100),
      subscriptionQuota: Quota.perDay(10_000),
    });
    const v2 = patients.addVersion('PatientsV2', {
      version: 'v2',
      operations: [{ method: 'GET', urlTemplate: '/patients/{id}/history', requiredRoles: ['Patient.History'] }],
    });
    new ConsumerGroup(this, 'Clinicians', { platform, name: 'clinicians', apis: [patients, v2], roles: ['Patient.Read', 'Patient.History'] });
    patients.grantRoles('Worker', '00000000-0000-0000-0000-0000000000aa', ['Patient.Read']);
    if (v2.clientId !== patients.clientId) throw new Error('versions do not share the registration');
    HealthcareCompliance.of(this);
  }
}

const app = new App();
new PlatformStack(app, 'consumer');
new PatientsTeamStack(app, 'patients-team');
app.synth();
`;

/** The README's quickstart program, exactly as published. */
function readmeQuickstart(): string {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Quickstart'));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error('README.md has no TypeScript block under ## Quickstart');
  return match[1];
}

describe('npm consumer path', () => {
  let work: string;

  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'healthcare-apim-consumer-'));
  });

  afterAll(() => {
    fs.rmSync(work, { recursive: true, force: true });
  });

  test('the packed library installs beside only its peers, compiles and synthesizes', () => {
    expect(fs.existsSync(path.join(root, 'dist', 'index.js'))).toBe(true);
    expect(fs.existsSync(path.join(root, '.jsii'))).toBe(true);

    // 1. Pack exactly what npm would publish.
    const packOut = run('npm', ['pack', '--json', '--pack-destination', work], root);
    const packed = JSON.parse(packOut.slice(packOut.indexOf('[')))[0];
    const files: string[] = packed.files.map((f: { path: string }) => f.path);
    expect(files).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.d.ts', '.jsii', 'package.json', 'README.md']));
    // Sources, tests and examples stay out of the package.
    expect(files.filter((f) => /^(lib|test|examples)\//.test(f))).toEqual([]);
    const tarball = path.join(work, packed.filename);

    // 2. A fresh project with only the peer dependencies, linked from this repo's node_modules,
    //    installed with an empty npm cache of its own (as on a new machine).
    const project = path.join(work, 'app');
    fs.mkdirSync(project);
    const dependencies: Record<string, string> = { 'cdktf-healthcare-apim': `file:${tarball}` };
    // The real folder: through a symlinked node_modules (a git worktree sharing another checkout's),
    // npm packs a peer without its bundled dependencies (cdktf's json-stable-stringify).
    for (const peer of peers) dependencies[peer] = `file:${fs.realpathSync(path.join(root, 'node_modules', peer))}`;
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, dependencies }, null, 2));
    const emptyCache = fs.mkdtempSync(path.join(work, 'npm-cache-'));
    // --install-links copies the folders as packages (npm's arborist cannot place peers of linked folders).
    run('npm', ['install', '--install-links', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], project, { npm_config_cache: emptyCache });
    const installed = JSON.parse(fs.readFileSync(path.join(project, 'node_modules', 'cdktf-healthcare-apim', 'package.json'), 'utf8'));
    expect(Object.keys(installed.peerDependencies).sort()).toEqual([...peers].sort());

    // 3. Compile a stack against the published typings (strict).
    fs.writeFileSync(path.join(project, 'main.ts'), CONSUMER_STACK);
    fs.writeFileSync(path.join(project, 'quickstart.ts'), readmeQuickstart());
    fs.writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, skipLibCheck: true, esModuleInterop: true, types: [] },
      files: ['main.ts', 'quickstart.ts'],
    }));
    run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], project);

    // 4. Synthesize it.
    const outdir = path.join(project, 'cdktf.out');
    run(process.execPath, ['main.js'], project, { CDKTF_OUTDIR: outdir });
    const synthesized = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'consumer', 'cdk.tf.json'), 'utf8'));
    const apim = Object.values(synthesized.resource.azurerm_api_management) as any[];
    expect(apim.map((a) => a.name)).toEqual(['consumer-health-apim']);
    const policy = Object.values(synthesized.resource.azurerm_api_management_policy) as any[];
    expect(policy[0].xml_content).toContain('X-Consumer');
    // The API team's stack publishes on that instance without holding it.
    const team = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'patients-team', 'cdk.tf.json'), 'utf8'));
    expect(team.resource.azurerm_api_management).toBeUndefined();
    expect(Object.values(team.data.azurerm_api_management).map((a: any) => a.name)).toEqual(['consumer-health-apim']);
    expect((Object.values(team.resource.azurerm_api_management_api) as any[]).map((a) => a.name).sort()).toEqual(['patients-v1', 'patients-v2']);
    expect(Object.keys(team.resource.azuread_application)).toHaveLength(1);
    expect(Object.keys(team.resource.azurerm_api_management_product)).toHaveLength(1);
    expect(Object.keys(team.resource.azuread_app_role_assignment)).toHaveLength(3);
    // The compliance aspect wrote its evidence next to each cdk.tf.json, with no findings.
    for (const stack of ['consumer', 'patients-team']) {
      const evidence = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'hipaa-evidence.json'), 'utf8'));
      expect([stack, evidence.findings]).toEqual([stack, 0]);
    }

    // 5. The README's quickstart compiles (above) and synthesizes with no findings.
    const quickOut = path.join(project, 'quickstart.out');
    run(process.execPath, ['quickstart.js'], project, { CDKTF_OUTDIR: quickOut });
    const quick = JSON.parse(fs.readFileSync(path.join(quickOut, 'stacks', 'health-api', 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(quick.resource.azurerm_api_management)).toHaveLength(1);
    expect(quick.variable.deployer_ip_ranges.type).toBe('list(string)');
    expect(JSON.parse(fs.readFileSync(path.join(quickOut, 'stacks', 'health-api', 'hipaa-evidence.json'), 'utf8')).findings).toBe(0);
  });
});
