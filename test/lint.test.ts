/**
 * The layering and file-size rules of issue 18 are eslint rules in `.eslintrc.json` (generated
 * from `.projenrc.ts`). These tests lint deliberate offenders with the committed configuration,
 * so removing or weakening a rule fails here, and a file that obeys them passes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadESLint } from 'eslint';

const ROOT = path.join(__dirname, '..');
const LAYERS = ['core', 'policy', 'compliance', 'foundation', 'monitoring', 'network', 'platform', 'api', 'consumers'];

async function lint(file: string, code: string): Promise<string[]> {
  const LegacyESLint = await loadESLint({ useFlatConfig: false });
  const eslint = new LegacyESLint({
    cwd: ROOT,
    // The two rules under test need no type information; a virtual file is not in the TS project.
    overrideConfig: {
      parserOptions: { projectService: false, project: null },
      rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/return-await': 'off' },
    },
  } as ConstructorParameters<typeof LegacyESLint>[0]);
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const layerRule = (messages: string[]) => messages.filter((m) => m.startsWith('import/no-restricted-paths'));

describe('layers import only downward', () => {
  test('the configured order is the documented one', () => {
    const config = JSON.parse(fs.readFileSync(path.join(ROOT, '.eslintrc.json'), 'utf8').replace(/^\/\/.*\n/, ''));
    const zones = config.rules['import/no-restricted-paths'][1].zones as Array<{ target: string; from: string[] }>;
    expect(zones.map((z) => z.target)).toEqual(LAYERS.slice(0, -1).map((l) => `./lib/${l}`));
    zones.forEach((zone, i) => expect(zone.from).toEqual(LAYERS.slice(i + 1).map((l) => `./lib/${l}`)));
  });

  test.each([
    ['lib/core/fixture.ts', "import { ProtectedApi } from '../api';\nexport const x = ProtectedApi;\n"],
    ['lib/policy/fixture.ts', "import { warnOptOut } from '../compliance/opt-out';\nexport const x = warnOptOut;\n"],
    ['lib/foundation/fixture.ts', "import { SecureHealthcareApim } from '../platform/secure-healthcare-apim';\nexport const x = SecureHealthcareApim;\n"],
    ['lib/network/fixture.ts', "import { SecureHealthcareApim } from '../platform';\nexport const x = SecureHealthcareApim;\n"],
    ['lib/platform/fixture.ts', "import { ConsumerGroup } from '../consumers';\nexport const x = ConsumerGroup;\n"],
  ])('an upward import from %s fails', async (file, code) => {
    const messages = layerRule(await lint(file, code));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('layers import only downward');
  });

  test.each([
    ['lib/api/fixture.ts', "import { SecureHealthcareApim } from '../platform';\nimport { invalid } from '../core/errors';\nexport const x = [SecureHealthcareApim, invalid];\n"],
    ['lib/network/fixture.ts', "import { AuditLogging } from '../foundation/audit-logging';\nexport const x = AuditLogging;\n"],
    ['lib/core/fixture.ts', "import { invalid } from './errors';\nexport const x = invalid;\n"],
  ])('a downward or same-layer import from %s passes', async (file, code) => {
    expect(layerRule(await lint(file, code))).toEqual([]);
  });

  test('every folder of lib/ is a declared layer', () => {
    const folders = fs.readdirSync(path.join(ROOT, 'lib'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(folders.sort()).toEqual([...LAYERS].sort());
  });
});

describe('files in lib/ stay small', () => {
  const body = (lines: number) => Array.from({ length: lines }, (_, i) => `export const v${i} = ${i};`).join('\n') + '\n';

  test('a 401-line file fails max-lines', async () => {
    const messages = (await lint('lib/core/fixture.ts', body(401))).filter((m) => m.startsWith('max-lines'));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('Maximum allowed is 400');
  });

  test('a 400-line file passes', async () => {
    expect((await lint('lib/core/fixture.ts', body(400))).filter((m) => m.startsWith('max-lines'))).toEqual([]);
  });

  test('the rule counts comment lines too (doc comments are part of the file a reader scrolls)', async () => {
    const code = '/**\n' + ' * doc\n'.repeat(398) + ' */\nexport const x = 1;\n';
    expect((await lint('lib/core/fixture.ts', code)).filter((m) => m.startsWith('max-lines'))).toHaveLength(1);
  });
});
