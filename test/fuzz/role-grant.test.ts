/** Table-driven fuzz test of PropagatedRoleAssignment: each bad prop is a ValidationError naming it. Construct-only. */
import { BAD, casesOf, label, namesProp, validationErrorOf } from './harness';
import { PropagatedRoleAssignment, RoleGrantProps } from '../../lib';
import { newStack } from '../util/synth';

const PROPS = { scope: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg', roleDefinitionName: 'FHIR Data Reader', principalId: '00000000-0000-0000-0000-000000000001' };
const CASES: Array<[string, unknown]> = [
  ...casesOf('scope', BAD.string),
  ...casesOf('roleDefinitionName', BAD.text.filter((v) => v !== 'x'.repeat(20_000)).concat(['x'.repeat(513)])),
  ...casesOf('principalId', BAD.string),
  ...casesOf('propagationSeconds', [...BAD.int, -1, 1801]),
];

describe('PropagatedRoleAssignment fuzz', () => {
  test.each(CASES.map(([prop, v]) => [prop, label(v), v]))('%s: %s', (prop, _, v) => {
    const e = validationErrorOf(() => new PropagatedRoleAssignment(newStack(), 'Grant', { ...PROPS, [prop as string]: v } as unknown as RoleGrantProps));
    expect(e.constructPath).toMatch(/^test\/Grant/);
    expect(namesProp(e, prop as string) || (prop === 'propagationSeconds' && e.prop === 'rolePropagationSeconds')).toBe(true);
  });
});
