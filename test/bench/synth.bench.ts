/**
 * Synthesis benchmark: one platform, N APIs of 10 operations and 3 consumer groups, built with
 * the library (with and without the compliance aspect) and as hand-written raw cdktf that
 * creates the same resources (each resource of the library's output re-created through its
 * provider class, from the same configuration), once with cdktf's per-token stack traces (as
 * `cdktf synth` through ts-node runs) and once without. Prints seconds per build and the ratios; it
 * asserts nothing about time.
 *
 *   npx ts-node --transpile-only test/bench/synth.bench.ts          # N = 10, 50, 100, 200
 *   npx ts-node --transpile-only test/bench/synth.bench.ts --short  # N = 5, 20 (what CI runs)
 *   npx ts-node --transpile-only test/bench/synth.bench.ts --sizes=100,200  # chosen sizes, full-mode runs
 */
import { TerraformResource, TerraformStack, Testing } from 'cdktf';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const stackTrace = require('cdktf/lib/tokens/private/stack-trace') as { captureStackTrace: (below?: unknown) => string[] };
import { Construct } from 'constructs';
import { ConsumerGroup, HealthcareCompliance, ProtectedApi, SecureHealthcareApim } from '../../lib';
import { PLATFORM_PROPS } from '../api/fixtures';
import { newStack } from '../util/synth';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;

/** The library build: platform, N APIs of 10 operations, 3 groups over all APIs. */
function libraryStack(n: number, compliance: boolean): TerraformStack {
  const stack = newStack('bench');
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

const classes = new Map<string, new (scope: Construct, id: string, config: any) => TerraformResource>();
/** The provider class of a resource type, e.g. azurerm_api_management_api → ApiManagementApi. */
function providerClass(type: string): new (scope: Construct, id: string, config: any) => TerraformResource {
  let cls = classes.get(type);
  if (!cls) {
    const [provider, ...rest] = type.split('_');
    const module = provider === 'time' ? rest.join('-').replace(/^static$/, 'static-resource') : rest.join('-');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exports = require(`@cdktf/provider-${provider}/lib/${module}`);
    cls = Object.values(exports).find((e: any) => e?.tfResourceType === type) as any;
    if (!cls) throw new Error(`no provider class for ${type}`);
    classes.set(type, cls);
  }
  return cls;
}

/** Hand-written raw cdktf: the same resources, each created directly through its provider class. */
function rawStack(resources: Array<[string, string, Record<string, unknown>]>): TerraformStack {
  const stack = newStack('raw');
  for (const [type, id, config] of resources) {
    const { depends_on: _d, provider: _p, '//': _m, ...rest } = config;
    new (providerClass(type))(stack, id, camel(rest));
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
 * The compliance aspect's own time, summed over its evaluations (wrapping `visit`), so its share
 * is measured inside the same runs instead of as the difference of two noisy timings.
 */
let aspectNanos = 0n;
const visit = HealthcareCompliance.prototype.visit;
HealthcareCompliance.prototype.visit = function timedVisit(this: HealthcareCompliance, node) {
  const start = process.hrtime.bigint();
  try {
    visit.call(this, node);
  } finally {
    aspectNanos += process.hrtime.bigint() - start;
  }
};

/** Seconds per build and synth of `build`, and the aspect's seconds per build within them. */
function timed(build: () => TerraformStack, runs: number): { total: number; aspect: number } {
  aspectNanos = 0n;
  const total = seconds(build, runs);
  return { total, aspect: Number(aspectNanos) / 1e9 / runs };
}

function seconds(build: () => TerraformStack, runs: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) Testing.synth(build());
  return Number(process.hrtime.bigint() - start) / 1e9 / runs;
}

function main(): void {
  const short = process.argv.includes('--short');
  const chosen = process.argv.find((a) => a.startsWith('--sizes='))?.slice('--sizes='.length).split(',').map(Number);
  const sizes = chosen ?? (short ? [5, 20] : [10, 50, 100, 200]);
  const runs = short ? 1 : 2;
  // Warm up module loading and the JIT, so the first size is not charged for them.
  Testing.synth(libraryStack(2, true));
  for (const traces of [true, false]) {
    tokenTraces(traces);
    console.log(traces
      ? 'With cdktf token stack traces (what `cdktf synth` through ts-node does):'
      : 'Without token stack traces (the library and cdktf work alone):');
    console.log('N APIs | resources | library s | library without compliance s | raw cdktf s | library without compliance / raw | compliance aspect (its own time, share of the library run)');
    let previous: { n: number; library: number } | undefined;
    for (const n of sizes) {
      const json = JSON.parse(Testing.synth(libraryStack(n, false)));
      const resources = Object.entries(json.resource as Record<string, Record<string, any>>)
        .flatMap(([type, byId]) => Object.entries(byId).map(([id, config]): [string, string, Record<string, unknown>] => [type, id, config]));
      const { total: library, aspect } = timed(() => libraryStack(n, true), runs);
      const bare = seconds(() => libraryStack(n, false), runs);
      const raw = seconds(() => rawStack(resources), runs);
      const growth = previous ? ` (x${(library / previous.library).toFixed(2)} for x${(n / previous.n).toFixed(1)} APIs)` : '';
      console.log(`${n} | ${resources.length} | ${library.toFixed(2)}${growth} | ${bare.toFixed(2)} | ${raw.toFixed(2)} | ${(bare / raw).toFixed(2)} | `
        + `${aspect.toFixed(2)} s, ${(aspect / library * 100).toFixed(0)}%`);
      previous = { n, library };
    }
  }
  tokenTraces(true);
}

main();
