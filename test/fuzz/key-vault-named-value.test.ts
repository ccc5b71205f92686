/** Table-driven fuzz test of KeyVaultNamedValue: each bad prop is a ValidationError naming it. Construct-only. */
import { BAD, casesOf, label, namesProp, validationErrorOf } from './harness';
import { KeyVaultNamedValue, KeyVaultNamedValueProps } from '../../lib';
import { newStack } from '../util/synth';

const PROPS = { apiManagementName: 'contoso', resourceGroupName: 'rg', name: 'backend-key', keyVaultSecretId: 'https://kv-contoso.vault.azure.net/secrets/backend-key' };
const CASES: Array<[string, unknown]> = [
  ...casesOf('apiManagementName', BAD.string),
  ...casesOf('resourceGroupName', [...BAD.string, 'rg.']),
  ...casesOf('name', [...BAD.string, '', 'a.b', 'a-', 'x'.repeat(81), '${x}']),
  ...casesOf('displayName', [...BAD.string, '', 'a b', 'x'.repeat(257), '${x}']),
  ...casesOf('keyVaultSecretId', [...BAD.string, '', 'https://kv.vault.azure.net/keys/x', 'http://kv-contoso.vault.azure.net/secrets/x', 'https://kv-contoso.vault.azure.net/secrets/${x}']),
  ...casesOf('identityClientId', [...BAD.string, ...BAD.guid]),
  ...casesOf('dependsOn', BAD.list),
  ['value', 'plaintext'],
];

describe('KeyVaultNamedValue fuzz', () => {
  test.each(CASES.map(([prop, v]) => [prop, label(v), v]))('%s: %s', (prop, _, v) => {
    const e = validationErrorOf(() => new KeyVaultNamedValue(newStack(), 'Named', { ...PROPS, [prop as string]: v } as unknown as KeyVaultNamedValueProps));
    expect(e.constructPath).toBe('test/Named');
    expect(namesProp(e, prop as string)).toBe(true);
  });
});
