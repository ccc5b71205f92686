/** Table-driven fuzz test of the KeyVaultDeployerAccess factories and their validation. */
import { BAD, badResourceIds, DNS_ZONE_ID, label, namesProp, SUBNET_ID, validationErrorOf } from './harness';
import { KeyVaultDeployerAccess } from '../../lib';
import { newStack } from '../util/synth';

const validate = (access: KeyVaultDeployerAccess) => access.validate(newStack(), 'keyVaultDeployerAccess');
const CASES: Array<[string, string, () => unknown]> = [
  ...BAD.stringList.map((v): [string, string, () => unknown] => ['ranges', label(v), () => KeyVaultDeployerAccess.fromIpRanges(v as string[])]),
  ...BAD.string.map((v): [string, string, () => unknown] => ['subnetId', label(v), () => KeyVaultDeployerAccess.fromSubnet(v as string)]),
  ...[...BAD.object, { subnetId: SUBNET_ID }, { subnetId: 42, privateDnsZoneId: DNS_ZONE_ID }].map((v): [string, string, () => unknown] =>
    ['endpoint', label(v), () => KeyVaultDeployerAccess.fromPrivateEndpoint(v as never)]),
  ...[['10.0.0.1'], ['192.168.1.0/24'], ['x'], ['203.0.113.0/33']].map((v): [string, string, () => unknown] =>
    ['keyVaultDeployerAccess.ipRanges', label(v), () => validate(KeyVaultDeployerAccess.fromIpRanges(v))]),
  ['keyVaultDeployerAccess', '[]', () => validate(KeyVaultDeployerAccess.fromIpRanges([]))],
  ...badResourceIds(SUBNET_ID).filter((v) => typeof v === 'string').map((v): [string, string, () => unknown] =>
    ['keyVaultDeployerAccess.subnetIds', label(v), () => validate(KeyVaultDeployerAccess.fromSubnet(v as string))]),
  ...badResourceIds(SUBNET_ID).filter((v) => typeof v === 'string').map((v): [string, string, () => unknown] =>
    ['keyVaultDeployerAccess.privateEndpoint.subnetId', label(v), () => validate(KeyVaultDeployerAccess.fromPrivateEndpoint({ subnetId: v as string, privateDnsZoneId: DNS_ZONE_ID }))]),
  ...[...badResourceIds(DNS_ZONE_ID), DNS_ZONE_ID.replace('privatelink.vaultcore.azure.net', 'privatelink.blob.core.windows.net')].filter((v) => typeof v === 'string')
    .map((v): [string, string, () => unknown] =>
      ['keyVaultDeployerAccess.privateEndpoint.privateDnsZoneId', label(v), () => validate(KeyVaultDeployerAccess.fromPrivateEndpoint({ subnetId: SUBNET_ID, privateDnsZoneId: v as string }))]),
];

describe('KeyVaultDeployerAccess fuzz', () => {
  test.each(CASES)('%s: %s', (prop, _, build) => {
    expect(namesProp(validationErrorOf(build), prop)).toBe(true);
  });
  test('well-formed paths pass', () => {
    expect(() => validate(KeyVaultDeployerAccess.fromIpRanges(['203.0.113.7']))).not.toThrow();
    expect(() => validate(KeyVaultDeployerAccess.fromSubnet(SUBNET_ID))).not.toThrow();
    expect(() => validate(KeyVaultDeployerAccess.fromPrivateEndpoint({ subnetId: SUBNET_ID, privateDnsZoneId: DNS_ZONE_ID }))).not.toThrow();
  });
});
