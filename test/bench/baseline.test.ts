/**
 * The benchmark's raw cdktf baseline builds what the library builds: the same resources and
 * data sources (the same synthesized configuration), created in an order a hand-written
 * program could have (every reference points back to something created before it).
 */
import { Testing } from 'cdktf';
import { libraryStack, rawStack, resourcesFor } from './synth.bench';

const N = 3;

/** The resource and data sections of a synthesized stack, without cdktf's per-element "//" metadata. */
function configuration(synthesized: string): Record<string, Record<string, unknown>> {
  const json = JSON.parse(synthesized);
  const out: Record<string, Record<string, unknown>> = {};
  for (const kind of ['resource', 'data']) {
    for (const [type, byId] of Object.entries((json[kind] ?? {}) as Record<string, Record<string, Record<string, unknown>>>)) {
      out[`${kind}.${type}`] = Object.fromEntries(Object.entries(byId).map(([id, { '//': _m, ...config }]) => [id, config]));
    }
  }
  return out;
}

describe('the raw cdktf baseline of the synthesis benchmark', () => {
  const library = configuration(Testing.synth(libraryStack(N, false)));
  const resources = resourcesFor(N);

  test('synthesizes the same resources and data sources as the library, with the same configuration', () => {
    expect(Object.keys(library)).toContain('data.azurerm_client_config');
    expect(configuration(Testing.synth(rawStack(resources)))).toEqual(library);
  });

  test('creates every element once: the platform first, each API\'s own resources together, group products after every API', () => {
    const addresses = resources.map(([type, id]) => `${type}.${id}`);
    expect(new Set(addresses).size).toBe(addresses.length);
    expect(addresses.length).toBe(Object.values(library).reduce((n, byId) => n + Object.keys(byId).length, 0));
    const first = (prefix: string) => resources.findIndex(([, id]) => id.startsWith(prefix));
    expect(first('Platform_')).toBe(0);
    expect(first('Api0_')).toBeGreaterThan(resources.findIndex(([type]) => type === 'azurerm_api_management'));
    const apiOwn = (i: number) => resources.flatMap(([, id], k) => (id.startsWith(`Api${i}_`) && !id.startsWith(`Api${i}_Product-`) ? [k] : []));
    for (let i = 0; i < N - 1; i++) expect(Math.max(...apiOwn(i))).toBeLessThan(Math.min(...apiOwn(i + 1)));
    expect(first('Api0_Product-')).toBeGreaterThan(Math.max(...apiOwn(N - 1)));
  });

  test('every reference points to an element created before it (only depends_on, set after creation, may point forward)', () => {
    const position = new Map(resources.map(([type, id], i) => [`${type}.${id}`, i]));
    const references = resources.flatMap(([type, id, config], i) => {
      const { depends_on: _d, ...rest } = config;
      return [...JSON.stringify(rest).matchAll(/\$\{((?:data\.)?[a-z0-9]+_[a-z0-9_]+\.[A-Za-z0-9_-]+)\.[a-z0-9_]+/g)]
        .map((m) => ({ from: `${type}.${id}`, at: i, to: m[1] }));
    });
    expect(references.length).toBeGreaterThan(100);
    expect(references.filter((r) => !position.has(r.to))).toEqual([]);
    expect(references.filter((r) => position.get(r.to)! > r.at).map((r) => `${r.from} -> ${r.to}`)).toEqual([]);
  });

  test('--raw-in-file-order keeps the synthesized file\'s order: resources, then data sources, each by type, then logical id', () => {
    process.argv.push('--raw-in-file-order');
    try {
      const sorted = resourcesFor(N);
      expect(sorted.map(([type, id]) => `${type}.${id}`).sort()).toEqual(resources.map(([type, id]) => `${type}.${id}`).sort());
      const inFile = (kind: 'resource' | 'data') => sorted.filter(([type]) => type.startsWith('data.') === (kind === 'data')).map(([type, id]) => [type, id]);
      const byTypeThenId = (list: string[][]) => [...list].sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : (a[0] < b[0] ? -1 : 1)));
      expect(sorted.map(([type, id]) => [type, id])).toEqual([...inFile('resource'), ...inFile('data')]);
      for (const kind of ['resource', 'data'] as const) expect(inFile(kind)).toEqual(byTypeThenId(inFile(kind)));
      expect(configuration(Testing.synth(rawStack(sorted)))).toEqual(library);
    } finally {
      process.argv.splice(process.argv.indexOf('--raw-in-file-order'), 1);
    }
  });
});
