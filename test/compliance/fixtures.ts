/** Shared by the rule tests: fixtures are the resolved Terraform configuration a rule sees (as in cdk.tf.json). */
import { Construct } from 'constructs';
import { CheckResult, ComplianceRule, ResourceView, StackView, Unknown } from '../../lib/compliance/rule';

export type Config = Record<string, any>;
export type Resource = [string, string, Config];
export type Fixture = Resource[];

const root = new Construct(undefined as any, 'root');
let n = 0;

/** The fixture's resources as the aspect's views, each on its own construct. */
export function views(fixture: Fixture): ResourceView[] {
  return fixture.map(([type, name, config]) => ({ construct: new Construct(root, `c${n++}`), type, address: `${type}.${name}`, config }));
}

/** Runs one rule over a fixture, as the aspect does: every resource of a type the rule inspects. */
export function run(rule: ComplianceRule, fixture: Fixture): Array<[string, string | Unknown]> {
  const resources = views(fixture);
  const stack = new StackView(resources);
  return resources
    .filter((r) => rule.resourceTypes.includes(r.type) || (rule.resourceTypes.includes('*') && /^(azurerm|azuread)_/.test(r.type)))
    .map((r): [string, CheckResult] => [r.address, rule.check(r, stack)])
    .filter((x): x is [string, string | Unknown] => x[1] !== undefined);
}

/** A reference as Terraform spells it: `${<address>.<attr>}`. */
export const ref = (address: string, attr = 'id') => `\${${address}.${attr}}`;

/** One test per unknown case: the rule reports the resource as unknown, with a reason matching. */
export function unknownCaseTests(rule: ComplianceRule, cases: Array<[Fixture, string, RegExp]>): void {
  if (!cases.length) return;
  test.each(cases.map((c, i) => [i, ...c] as const))('unknown %i: an expression that decides the rule is unknown, neither pass nor fail', (_i, fixture, address, message) => {
    const found = run(rule, fixture);
    expect(found).toEqual([[address, expect.any(Unknown)]]);
    expect((found[0][1] as Unknown).reason).toMatch(message);
  });
}
