import { cdktf, javascript } from 'projen';

const azurerm = '@cdktf/provider-azurerm';
const azuread = '@cdktf/provider-azuread';
const time = '@cdktf/provider-time';

// ConstructLibraryCdktf is marked deprecated by projen because HashiCorp archived
// cdktf; the design card pins cdktf 0.21, so we keep using it on purpose.
// eslint-disable-next-line @typescript-eslint/no-deprecated
const project = new cdktf.ConstructLibraryCdktf({
  name: 'cdktf-healthcare-apim',
  description:
    'CDK for Terraform constructs for a HIPAA-grade API platform on Azure API Management, secure by default.',
  author: 'cdktf-healthcare-apim maintainers',
  authorAddress: 'maintainers@cdktf-healthcare-apim.example',
  repositoryUrl: 'https://example.invalid/cdktf-healthcare-apim.git',
  license: 'Apache-2.0',
  keywords: ['cdktf', 'azure', 'api-management', 'hipaa', 'healthcare', 'security'],
  // Until 1.0 every API may change in a minor release; the compat check below makes each break deliberate.
  stability: 'experimental',
  defaultReleaseBranch: 'main',
  minNodeVersion: '20.0.0',
  projenrcTs: true,
  packageManager: javascript.NodePackageManager.NPM,
  github: false,
  release: false,
  buildWorkflow: false,
  depsUpgrade: false,
  pullRequestTemplate: false,
  sampleCode: false,

  srcdir: 'lib',
  testdir: 'test',
  libdir: 'dist',
  entrypoint: 'dist/index.js',
  artifactsDirectory: 'artifacts',

  cdktfVersion: '^0.21.0',
  constructsVersion: '^10.4.2',
  jsiiVersion: '~5.9',
  typescriptVersion: '~5.9',
  docgen: true,

  peerDeps: [`${azurerm}@^14.23.1`, `${azuread}@^14.3.1`, `${time}@^11.0.1`],
  bundledDeps: ['fast-xml-parser@^4.5.0'],
  devDeps: [
    'cdktf-cli@0.21.0',
    'ts-node@^10.9.2',
    '@xmldom/xmldom@^0.8.10',
    '@kusto/language-service-next@^12.4.1',
  ],

  tsconfigDev: {
    include: ['../examples/**/*.ts'],
    compilerOptions: {},
  },
  eslintOptions: {
    dirs: ['lib'],
    devdirs: ['test', 'examples', '.projenrc.ts'],
  },
  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testTimeout: 120_000,
      collectCoverage: false,
    },
  },
  gitignore: ['cdktf.out/', '.gen/', 'terraform.*.tfstate*', '.terraform/', '/.tmp-consumer/'],
  npmIgnoreOptions: { ignorePatterns: ['/examples/', '/cdktf.json', '/cdktf.out/', '/.ci/'] },
});

// Layers import only downward (issue 18): a folder of lib/ may import from itself and the
// folders before it, never after. Files in lib/ stay at most 400 lines. test/lint.test.ts shows
// both rules firing on a deliberate upward import and an oversized file.
const LAYERS = ['core', 'policy', 'compliance', 'foundation', 'monitoring', 'network', 'platform', 'api', 'consumers'];
project.eslint?.addRules({
  'import/no-restricted-paths': ['error', {
    zones: LAYERS.slice(0, -1).map((layer, i) => ({
      target: `./lib/${layer}`,
      from: LAYERS.slice(i + 1).map((upper) => `./lib/${upper}`),
      message: `lib/${layer} is below ${LAYERS.slice(i + 1).join(', ')}: layers import only downward (${LAYERS.join(' → ')}).`,
    })),
  }],
});
project.eslint?.addOverride({
  files: ['lib/**/*.ts'],
  rules: { 'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }] },
});

// The README's main job: synthesize the example stacks into cdktf.out/.
project.addTask('synth', {
  description: 'Synthesize the example stacks into cdktf.out/',
  exec: 'cdktf synth --output cdktf.out',
  // No telemetry or version checks: synth must work on machines without internet access.
  env: { CHECKPOINT_DISABLE: '1', CDKTF_DISABLE_TELEMETRY: 'true' },
});

// The README's test command (`npm test`) is the whole gate: jsii build (with API.md),
// a type check of tests and examples, jest, then eslint.
project.testTask.prependExec('tsc --noEmit -p test/tsconfig.json');
project.testTask.prependSpawn(project.tasks.tryFind('compat')!);
project.testTask.prependSpawn(project.tasks.tryFind('post-compile')!);
project.testTask.prependSpawn(project.compileTask);

// API.md per submodule: the root constructs in API.md, the policy model in policy.md.
project.tasks.tryFind('docgen')!.reset('jsii-docgen -o API.md --split-by-submodule');
project.gitattributes.addAttributes('/policy.md', 'linguist-generated');

// Breaking changes are deliberate: jsii-diff compares the build with the committed baseline
// (compat/baseline.tgz: the .jsii assembly and the package.json fields jsii-diff loads it with;
// packed, so jsii-docgen never finds it beside the build's .jsii), and every break of the public
// API fails the test command, experimental or not (before 1.0 the whole package is
// experimental, hence `--error-on all`). To break the API on purpose, say so under "Changes" in
// README.md, then run `npx projen compat:baseline` after the build and commit
// compat/baseline.tgz; `.compatignore` takes the keys (`--keys` prints them) of single changes
// to let through without moving the baseline.
const compat = project.tasks.tryFind('compat')!;
compat.reset('bash projenrc/compat.sh', { receiveArgs: true });
compat.description = 'Fail on API changes that break callers, against compat/baseline.tgz';
project.addTask('compat:baseline', {
  description: 'Accept the current public API as the compatibility baseline (compat/baseline.tgz)',
  exec: 'bash projenrc/compat-baseline.sh',
});
project.gitignore.exclude('/.compat-baseline.*/');
// The baseline is committed: projen's default `*.tgz` ignore would leave it out.
project.gitignore.include('/compat/baseline.tgz');
project.npmignore?.exclude('/compat/');

// The synthesis benchmark (library vs raw cdktf, compliance share); the test command runs its
// short mode and prints the figures without asserting on time.
const benchCommand = 'ts-node --transpile-only -P test/tsconfig.json test/bench/synth.bench.ts';
project.addTask('bench', { description: 'Time synthesis of one platform + N APIs against raw cdktf', exec: benchCommand, receiveArgs: true });
project.testTask.exec(`${benchCommand} --short`);

// In CI the checkout must be exactly what the build and lint produce (projenrc/check-committed.sh).
project.testTask.exec('bash projenrc/check-committed.sh');

// Peer dependencies are also pinned dev dependencies so tests compile against them.
project.addDevDeps(`${azurerm}@14.23.1`, `${azuread}@14.3.1`, `${time}@11.0.1`);

// unrs-resolver (pulled in by eslint-import-resolver-typescript) 1.13.0 lists platform
// bindings that were never published, so its lock entries cannot be complete and `npm ci`
// refuses the lock file. 1.12.2 has every binding published.
project.package.addField('overrides', { 'unrs-resolver': '1.12.2' });

project.synth();
