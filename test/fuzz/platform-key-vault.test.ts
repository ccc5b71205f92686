/** Table-driven fuzz test of PlatformKeyVault used alone: each bad prop is a ValidationError naming it. Construct-only. */
import { BAD, badResourceIds, casesOf, label, namesProp, SUBNET_ID, validationErrorOf } from './harness';
import { KeyVaultDeployerAccess, PlatformKeyVault, PlatformKeyVaultProps } from '../../lib';
import { newStack } from '../util/synth';

const PROPS = { name: 'kv-contoso', resourceGroupName: 'rg', location: 'eastus2', tenantId: '00000000-0000-0000-0000-000000000001', deployerObjectId: '00000000-0000-0000-0000-000000000002' };
const CASES: Array<[string, unknown]> = [
  ...casesOf('name', [...BAD.string, '', 'ab', 'kv_bad', 'a--b', 'x'.repeat(25), '${x}']),
  ...casesOf('resourceGroupName', [...BAD.string, '', 'rg.']),
  ...casesOf('location', [...BAD.string, 'East US']),
  ...casesOf('tenantId', BAD.string),
  ...casesOf('deployerObjectId', BAD.string),
  ...casesOf('deployerAccess', ['ip', 42, {}, { ipRanges: ['203.0.113.7'], subnetIds: [] }, KeyVaultDeployerAccess.fromIpRanges([]), KeyVaultDeployerAccess.fromIpRanges(['10.0.0.1'])]),
  ...casesOf('deployerAccessProp', BAD.string),
  ...casesOf('readerSubnetIds', [...BAD.stringList, ...badResourceIds(SUBNET_ID).map((id) => [id])]),
  ...casesOf('readerIpAddresses', [...BAD.stringList, ['10.0.0.1'], ['x'], ['203.0.113.0/33']]),
  ...casesOf('rolePropagationSeconds', [...BAD.int, -1, 1801]),
  ...casesOf('allowStandardSku', BAD.bool),
  ...casesOf('secretRotation', [{ rotationSeconds: 0 }, { rotationSeconds: 366 * 86_400 }, { rotationSeconds: 1.5 * 86_400 }, { rotationSeconds: 90 }, { overlapSeconds: 0 }, { overlapSeconds: '30' }]),
  ...casesOf('allowDestroy', BAD.bool),
  ...casesOf('tags', [...BAD.object.filter((v) => v !== null), { a: 42 }, { 'a?b': 'x' }]),
];

describe('PlatformKeyVault fuzz', () => {
  test.each(CASES.map(([prop, v]) => [prop, label(v), v]))('%s: %s', (prop, _, v) => {
    const e = validationErrorOf(() => new PlatformKeyVault(newStack(), 'Vault', { ...PROPS, [prop as string]: v } as unknown as PlatformKeyVaultProps));
    expect(e.constructPath).toBe('test/Vault');
    expect(namesProp(e, prop as string)).toBe(true);
  });
});
