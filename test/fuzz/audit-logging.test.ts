/** Table-driven fuzz test of AuditLogging used alone: each bad prop is a ValidationError naming it. Construct-only. */
import { BAD, badResourceIds, casesOf, label, namesProp, validationErrorOf, WORKSPACE_ID } from './harness';
import { AuditLogging, AuditLoggingProps } from '../../lib';
import { newStack } from '../util/synth';

const PROPS = { namePrefix: 'contoso', resourceGroupName: 'rg', location: 'eastus2' };
const CASES: Array<[string, unknown]> = [
  ...casesOf('namePrefix', [...BAD.string, '', 'a_b', '-a', 'x'.repeat(70), '${x}']),
  ...casesOf('resourceGroupName', [...BAD.string, '', 'rg.', 'a b', 'x'.repeat(91)]),
  ...casesOf('location', [...BAD.string, '', 'East US', 'eastus2\n']),
  ...casesOf('existingWorkspaceId', [...BAD.string, '', ...badResourceIds(WORKSPACE_ID)]),
  ...casesOf('retentionSeconds', [...BAD.int, 30 * 86_400, 364 * 86_400, 731 * 86_400, 365, 365 * 86_400 + 1, 365.5 * 86_400]),
  ...casesOf('allowDestroy', BAD.bool),
  ...casesOf('tags', [...BAD.object.filter((v) => v !== null), { a: 42 }, { 'a/b': 'x' }, { a: 'x'.repeat(257) }]),
];

describe('AuditLogging fuzz', () => {
  test.each(CASES.map(([prop, v]) => [prop, label(v), v]))('%s: %s', (prop, _, v) => {
    const e = validationErrorOf(() => new AuditLogging(newStack(), 'Audit', { ...PROPS, [prop as string]: v } as unknown as AuditLoggingProps));
    expect(e.constructPath).toBe('test/Audit');
    expect(namesProp(e, prop as string)).toBe(true);
  });
  test("allowDestroy: 'true' does not drop prevent_destroy", () => {
    expect(validationErrorOf(() => new AuditLogging(newStack(), 'Audit', { ...PROPS, allowDestroy: 'true' } as unknown as AuditLoggingProps)).prop).toBe('allowDestroy');
  });
});
