/**
 * Synthesis benchmark: one platform, N APIs of 10 operations and 3 consumer groups, built with
 * the library (with and without the compliance aspect) and as hand-written raw cdktf that
 * creates the same resources and data sources (each of the library's output re-created through its
 * provider class, from the same configuration, with every reference to another resource
 * written as an attribute reference, a token, as hand-written cdktf does, and the same
 * `depends_on`, in the order the library creates them), each synthesized
 * the way `cdktf synth` does (`app.synth()`: prepare, aspects, validations, resolve, write
 * cdk.tf.json), once with cdktf's per-token stack traces (as `cdktf synth` through ts-node
 * runs) and once without. Prints the median seconds per synth and the ratios against the
 * targets (library at most 1.2x raw, the aspect at most 10% of the synth); it asserts nothing
 * about time.
 *
 *   npx ts-node --transpile-only test/bench/synth.bench.ts          # N = 10, 50, 100, 200
 *   npx ts-node --transpile-only test/bench/synth.bench.ts --short  # N = 5, 20 (what CI runs)
 *   npx ts-node --transpile-only test/bench/synth.bench.ts --sizes=100,200  # chosen sizes, full-mode runs
 *   npx ts-node --transpile-only test/bench/synth.bench.ts --sizes=200 --runs=7  # more samples per median
 *   npx ts-node --transpile-only test/bench/synth.bench.ts --raw-in-file-order  # raw creates its resources sorted as in cdk.tf.json
 *   npx ts-node --transpile-only test/bench/synth.bench.ts --resources=200,/tmp/r.json  # then one sample, e.g. profiled:
 *   node --cpu-prof -r ts-node/register/transpile-only test/bench/synth.bench.ts --sample=bare,200,false,/tmp/r.json
 */
import * as childProcess from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformDataSource, TerraformElement, TerraformResource, TerraformStack, Testing, Token } from 'cdktf';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const stackTrace = require('cdktf/lib/tokens/private/stack-trace') as { captureStackTrace: (below?: unknown) => string[] };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { dependable, ref } = require('cdktf/lib/tfExpression') as {
  dependable: (d: TerraformResource | TerraformDataSource) => string; ref: (identifier: string, stack: TerraformStack) => unknown;
};
import { Construct, Node } from 'constructs';
import { ConsumerGroup, HealthcareCompliance, ProtectedApi, SecureHealthcareApim } from '../../lib';
import { PLATFORM_PROPS } from '../api/fixtures';
import { newStack } from '../util/synth';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;

/** Resources and data sources as `[type, logical id, synthesized config]`; a data source's type starts with `data.`. */
export type Resources = Array<[string, string, Record<string, unknown>]>;

/** The library build: platform, N APIs of 10 operations, 3 groups over all APIs. */
export function libraryStack(n: number, compliance: boolean, app?: App): TerraformStack {
  const stack = newStack('bench', app);
  const platform = new SecureHealthcareApim(stack, 'Platform', PLATFORM_PROPS);
  const apis = Array.from({ length: n }, (_, i) => new ProtectedApi(stack, `Api${i}`, {
    platform,
    name: `api${i}`,
    path: `api${i}`,
    version: 'v1',
    backendUrl: `https://backend${i}.contoso-health.example`,
    operations: Array.from({ length: 10 }, (__, k) => ({
      method: METHODS[k % METHODS.length],
      urlTemplate: `/resource${Math.floor(k / METHODS.length)}/{id}/part${k}`,
      requiredRoles: [k % 2 ? 'Data.Write' : 'Data.Read'],
    })),
  }));
  for (const [name, roles] of [['clinicians', ['Data.Read', 'Data.Write']], ['billing', ['Data.Read']], ['research', ['Data.Read']]] as const) {
    new ConsumerGroup(stack, `Group-${name}`, { platform, name, apis, roles: [...roles] });
  }
  if (compliance) HealthcareCompliance.of(stack);
  return stack;
}

/** snake_case keys to the camelCase of provider configs; map-valued attributes keep their keys. */
function camel(value: unknown, mapValued = false): unknown {
  if (Array.isArray(value)) return value.map((v) => camel(v));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [
    mapValued ? k : k.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase()),
    camel(v, ['tags', 'triggers'].includes(k)),
  ]));
}

type ElementClass = new (scope: Construct, id: string, config: any) => TerraformResource | TerraformDataSource;
const classes = new Map<string, ElementClass>();
/**
 * The provider class of a resource type, e.g. azurerm_api_management_api → ApiManagementApi,
 * or of a data source, data.azurerm_client_config → DataAzurermClientConfig.
 */
function providerClass(type: string): ElementClass {
  let cls = classes.get(type);
  if (!cls) {
    const data = type.startsWith('data.');
    const tfType = data ? type.slice('data.'.length) : type;
    const [provider, ...rest] = tfType.split('_');
    const module = data ? `data-${tfType.replace(/_/g, '-')}`
      : provider === 'time' ? rest.join('-').replace(/^static$/, 'static-resource') : rest.join('-');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exports = require(`@cdktf/provider-${provider}/lib/${module}`);
    cls = Object.values(exports).find((e: any) => e?.tfResourceType === tfType) as any;
    if (!cls) throw new Error(`no provider class for ${type}`);
    classes.set(type, cls);
  }
  return cls;
}

/** A reference to an attribute of another resource or a data source, `${type.name.attr}` or `${data.type.name.attr}`, alone or inside a longer string. */
const REFERENCE = /\$\{((?:data\.)?[a-z0-9]+_[a-z0-9_]+\.[A-Za-z0-9_-]+\.[a-z0-9_]+)\}/g;

/** Strings with references as hand-written cdktf has them: attribute tokens (`apim.name`), interpolated where the string has more. */
function withReferences(value: unknown, stack: TerraformStack): unknown {
  if (Array.isArray(value)) return value.map((v) => withReferences(v, stack));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, withReferences(v, stack)]));
  }
  if (typeof value !== 'string' || !value.includes('${')) return value;
  return value.replace(REFERENCE, (_m, identifier: string) => Token.asString(ref(identifier, stack)));
}

/**
 * Hand-written raw cdktf: the same resources and data sources, each created directly through
 * its provider class, then the same `depends_on`, as references to the constructs (what a
 * `dependsOn: [construct]` in the config becomes).
 */
export function rawStack(resources: Resources, app?: App): TerraformStack {
  const stack = newStack('raw', app);
  const created = new Map<string, TerraformResource | TerraformDataSource>();
  for (const [type, id, config] of resources) {
    const { depends_on: _d, provider: _p, '//': _m, ...rest } = config;
    created.set(`${type}.${id}`, new (providerClass(type))(stack, id, withReferences(camel(rest), stack)));
  }
  for (const [type, id, config] of resources) {
    const dependsOn = config.depends_on as string[] | undefined;
    // (The warm-up build holds one resource per type, so some targets are not there.)
    const targets = (dependsOn ?? []).flatMap((address) => (created.has(address) ? [dependable(created.get(address)!)] : []));
    if (targets.length) created.get(`${type}.${id}`)!.dependsOn = targets;
  }
  return stack;
}

const captureStackTrace = stackTrace.captureStackTrace;
/**
 * cdktf records a full stack trace for every token it creates (under ts-node each frame is also
 * source-mapped). It calls the function through its module export, so swapping the export
 * switches the traces on or off for the next build.
 */
function tokenTraces(on: boolean): void {
  stackTrace.captureStackTrace = on ? captureStackTrace : () => [];
}

/**
 * The compliance aspect's own time, summed over its evaluations (at synth the validation that
 * runs the rules, or a visit when synth skips validations) and its report files, measured
 * inside the same runs. The target is judged on the larger of this and the difference of the
 * library's synth with and without the aspect (which also holds what the aspect costs
 * elsewhere, such as garbage collection, and the noise of two timings). The stack's `toTerraform`
 * inside the validation is synth's own resolution, which the synthesizer then writes instead
 * of resolving again: it is not charged to the aspect.
 */
let aspectNanos = 0n;
/** Of the aspect's own time, writing its two report files. */
let reportNanos = 0n;
let sharedNanos = 0n;
const proto = HealthcareCompliance.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
for (const method of ['visit', 'evaluateAtSynth', 'writeReport']) {
  const original = proto[method];
  proto[method] = function timed(this: unknown, ...args: unknown[]) {
    const start = process.hrtime.bigint();
    const shared = sharedNanos;
    try {
      return original.apply(this, args);
    } finally {
      const own = process.hrtime.bigint() - start - (sharedNanos - shared);
      aspectNanos += own;
      if (method === 'writeReport') reportNanos += own;
    }
  };
}
const toTerraform = TerraformStack.prototype.toTerraform;
TerraformStack.prototype.toTerraform = function timedToTerraform(this: TerraformStack) {
  const start = process.hrtime.bigint();
  try {
    return toTerraform.call(this);
  } finally {
    sharedNanos += process.hrtime.bigint() - start;
  }
};

/** Seconds: the whole synth, of it the build (constructors), the aspect's own time and of that its report files. */
interface Timing { readonly total: number; readonly build: number; readonly aspect: number; readonly report: number }

/** One `cdktf synth` of what `build` adds to a new app, into a temporary directory. */
function synthOnce(build: (app: App) => void): Timing {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  try {
    aspectNanos = 0n;
    reportNanos = 0n;
    const start = process.hrtime.bigint();
    const app = new App({ outdir });
    build(app);
    const built = process.hrtime.bigint();
    app.synth();
    const seconds = (nanos: bigint) => Number(nanos) / 1e9;
    const total = seconds(process.hrtime.bigint() - start);
    return { total, build: seconds(built - start), aspect: seconds(aspectNanos), report: seconds(reportNanos) };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

type Build = 'library' | 'bare' | 'raw';
const BUILDS: Build[] = ['library', 'bare', 'raw'];

/** What each build adds to an app. */
function builder(build: Build, n: number, resources: Resources): (app: App) => void {
  if (build === 'raw') return (app) => rawStack(resources, app);
  return (app) => libraryStack(n, build === 'library', app);
}

/**
 * The resources and data sources the library creates for N APIs, as raw cdktf re-creates them,
 * in the order the library's constructors create them (recorded as each joins the construct
 * tree), which is the order a hand-written program building the same things in the same steps
 * has (one `depends_on` in it points forward: the edge certificate waits for the Key Vault
 * event subscription, which the platform adds later).
 * `--raw-in-file-order` keeps the synthesized file's order instead, sorted by type and logical
 * id, in which raw's synth without traces at 200 APIs was about 4% faster (median of 5 paired
 * fresh-process samples: 2.06 against 2.15 s; why is not established).
 */
export function resourcesFor(n: number): Resources {
  const joined: Construct[] = [];
  const nodeProto = Node.prototype as unknown as { addChild: (child: Construct, name: string) => void };
  const addChild = nodeProto.addChild;
  nodeProto.addChild = function recorded(this: Node, child: Construct, name: string) {
    joined.push(child);
    return addChild.call(this, child, name);
  };
  let stack: TerraformStack;
  try {
    stack = libraryStack(n, false);
  } finally {
    nodeProto.addChild = addChild;
  }
  const json = JSON.parse(Testing.synth(stack));
  const resources: Resources = (['resource', 'data'] as const).flatMap((kind) => Object.entries((json[kind] ?? {}) as Record<string, Record<string, any>>)
    .flatMap(([type, byId]) => Object.entries(byId).map(([id, config]): [string, string, Record<string, unknown>] => [kind === 'data' ? `data.${type}` : type, id, config])));
  if (process.argv.includes('--raw-in-file-order')) return resources;
  const elements = joined.filter((c): c is TerraformElement => (c instanceof TerraformResource || c instanceof TerraformDataSource)
    && TerraformStack.of(c) === stack);
  const order = new Map(elements
    .map((e, i) => [`${e instanceof TerraformDataSource ? 'data.' : ''}${(e as TerraformResource).terraformResourceType}.${e.friendlyUniqueId}`, i]));
  const position = (r: Resources[number]): number => {
    const i = order.get(`${r[0]}.${r[1]}`);
    if (i === undefined) throw new Error(`benchmark: ${r[0]}.${r[1]} of the synthesized file was not created by the library build`);
    return i;
  };
  return resources.sort((a, b) => position(a) - position(b));
}

/**
 * One sample in a fresh Node process, as `cdktf synth` runs one app per process: cdktf keeps
 * every token it ever created in a global map (with its stack trace), so successive large
 * synths in one process slow each other down (a 200-API synth after a few others took five
 * times as long). The child warms up (modules, JIT) on a small build of the same kind first.
 */
function sampleInChild(build: Build, n: number, traces: boolean, resourcesFile: string): Timing {
  const result = childProcess.spawnSync(process.execPath, ['-r', require.resolve('ts-node/register/transpile-only'), __filename, `--sample=${build},${n},${traces},${resourcesFile}`], {
    env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, '..', 'tsconfig.json') },
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = result.stdout.trim().split('\n').pop() ?? '';
  if (result.status !== 0 || !line.startsWith('{')) throw new Error(`benchmark sample ${build} N=${n} failed: ${result.stderr || result.stdout}`);
  return JSON.parse(line) as Timing;
}

/** The child side of `sampleInChild`: prints one Timing as JSON. */
function sample(spec: string): void {
  const [build, n, traces, file] = spec.split(',');
  const resources = JSON.parse(fs.readFileSync(file, 'utf8')) as Resources;
  tokenTraces(traces === 'true');
  const warmUp: Resources = [...new Map(resources.map((r) => [r[0], r])).values()];
  synthOnce(builder(build as Build, 2, warmUp));
  console.log(JSON.stringify(synthOnce(builder(build as Build, Number(n), resources))));
}

/**
 * Median timings of the three builds, their runs interleaved so drift on a busy machine hits
 * each alike: in this process (short mode, small sizes) or one fresh process per sample.
 */
function measure(n: number, traces: boolean, runs: number, fresh: boolean): Record<Build, Timing> & { resources: number } {
  const resources = resourcesFor(n);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-resources-')), 'resources.json');
  fs.writeFileSync(file, JSON.stringify(resources));
  const samples: Record<Build, Timing[]> = { library: [], bare: [], raw: [] };
  try {
    for (let i = 0; i < runs; i++) {
      for (const build of BUILDS) {
        samples[build].push(fresh ? sampleInChild(build, n, traces, file) : synthOnce(builder(build, n, resources)));
      }
    }
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
  const summary = (t: Timing[]): Timing => ({
    total: median(t.map((x) => x.total)),
    build: median(t.map((x) => x.build)),
    aspect: median(t.map((x) => x.aspect)),
    report: median(t.map((x) => x.report)),
  });
  return { library: summary(samples.library), bare: summary(samples.bare), raw: summary(samples.raw), resources: resources.filter(([type]) => !type.startsWith('data.')).length };
}

const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

function main(): void {
  const child = process.argv.find((a) => a.startsWith('--sample='));
  if (child) return sample(child.slice('--sample='.length));
  // `--resources=N,file`: writes the resources of N APIs, for `--sample` runs under a profiler.
  const dump = process.argv.find((a) => a.startsWith('--resources='))?.slice('--resources='.length).split(',');
  if (dump) return fs.writeFileSync(dump[1], JSON.stringify(resourcesFor(Number(dump[0]))));
  const short = process.argv.includes('--short');
  const chosen = process.argv.find((a) => a.startsWith('--sizes='))?.slice('--sizes='.length).split(',').map(Number);
  const sizes = chosen ?? (short ? [5, 20] : [10, 50, 100, 200]);
  const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice('--runs='.length) ?? (short ? 1 : 3));
  // Short mode measures in this process: warm up module loading and the JIT first.
  if (short) synthOnce((app) => libraryStack(2, true, app));
  if (short) console.log('Short mode: one run of each build in this process; the figures only (the targets are judged by the full run, `npm run bench`).');
  for (const traces of [true, false]) {
    tokenTraces(traces);
    console.log(traces
      ? 'With cdktf token stack traces (what `cdktf synth` through ts-node does):'
      : 'Without token stack traces (the library and cdktf work alone):');
    console.log('N APIs | resources | library s | library without compliance s | raw cdktf s | library without compliance / raw (target <= 1.2) | '
      + 'compliance aspect (its own time, of it the report files; what it adds to the synth; the larger as a share of the library synth, target <= 10%) | '
      + `build (constructors) / app.synth(), library without compliance and raw  [median of ${runs}, ${short ? 'in one process' : 'a fresh process per sample'}]`);
    let previous: { n: number; library: number } | undefined;
    for (const n of sizes) {
      const t = measure(n, traces, runs, !short);
      const ratio = t.bare.total / t.raw.total;
      const added = Math.max(t.library.aspect, t.library.total - t.bare.total);
      const share = added / t.library.total;
      const growth = previous ? ` (x${(t.library.total / previous.library).toFixed(2)} for x${(n / previous.n).toFixed(1)} APIs)` : '';
      // The targets are for the full run (fresh processes, medians, up to 200 APIs); one short in-process run only shows the figures.
      const judged = (ok: boolean) => (short ? '' : ` (${verdict(ok)})`);
      console.log(`${n} | ${t.resources} | ${t.library.total.toFixed(2)}${growth} | ${t.bare.total.toFixed(2)} | ${t.raw.total.toFixed(2)} | `
        + `${ratio.toFixed(2)}${judged(ratio <= 1.2)} | ${t.library.aspect.toFixed(2)} s (report files ${t.library.report.toFixed(2)} s); `
        + `adds ${(t.library.total - t.bare.total).toFixed(2)} s; ${(share * 100).toFixed(0)}%${judged(share <= 0.1)} | `
        + `${t.bare.build.toFixed(2)} / ${(t.bare.total - t.bare.build).toFixed(2)} s and ${t.raw.build.toFixed(2)} / ${(t.raw.total - t.raw.build).toFixed(2)} s`);
      previous = { n, library: t.library.total };
    }
  }
  tokenTraces(true);
}

// Run as a script (and as each sample's child process); test/bench/baseline.test.ts imports the builds.
if (require.main === module) main();
