/**
 * Every optional prop of the published API says what happens when it is left out, as the AWS
 * CDK's constructs do: read from the jsii assembly (.jsii) that the test command builds first.
 */
import * as fs from 'fs';
import * as path from 'path';

test('every optional prop of every struct documents its @default', () => {
  const file = path.resolve(__dirname, '..', '.jsii');
  expect(fs.existsSync(file)).toBe(true); // built by the test command (jsii) before jest runs
  const assembly = JSON.parse(fs.readFileSync(file, 'utf8'));
  const optional: string[] = [];
  const missing: string[] = [];
  for (const [fqn, type] of Object.entries<any>(assembly.types)) {
    if (type.kind !== 'interface' || !type.datatype) continue;
    for (const prop of type.properties ?? []) {
      if (!prop.optional) continue;
      optional.push(`${fqn}.${prop.name}`);
      if (prop.docs?.default === undefined) missing.push(`${fqn}.${prop.name}`);
    }
  }
  expect(optional.length).toBeGreaterThan(100);
  expect(missing).toEqual([]);
});

test('API.md and policy.md document this build: every property of every type of the assembly is in them', () => {
  const root = path.resolve(__dirname, '..');
  const assembly = JSON.parse(fs.readFileSync(path.join(root, '.jsii'), 'utf8'));
  const docs = ['API.md', 'policy.md'].map((f) => fs.readFileSync(path.join(root, f), 'utf8')).join('\n');
  const undocumented: string[] = [];
  let checked = 0;
  for (const [fqn, type] of Object.entries<any>(assembly.types)) {
    for (const prop of type.properties ?? []) {
      if (prop.docs?.stability === 'deprecated') continue;
      checked++;
      if (!docs.includes(`id="${fqn}.property.${prop.name}"`)) undocumented.push(`${fqn}.${prop.name}`);
    }
  }
  expect(checked).toBeGreaterThan(500);
  expect(undocumented).toEqual([]);
});
