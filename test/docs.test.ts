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
