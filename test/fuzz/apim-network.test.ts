/** Table-driven fuzz test of ApimNetwork used alone: each bad prop is a ValidationError naming it. Construct-only. */
import { BAD, badResourceIds, casesOf, DDOS_ID, label, namesProp, SUBNET_ID, validationErrorOf, VNET_ID } from './harness';
import { ApimNetwork, ApimNetworkMode, ApimNetworkProps } from '../../lib';
import { newStack } from '../util/synth';

const PROPS = { apimName: 'contoso', resourceGroupName: 'rg', location: 'eastus2', mode: ApimNetworkMode.CLASSIC_INJECTION };
type Case = [string, Record<string, unknown>];
const one = (prop: string, values: unknown[]): Case[] => casesOf(prop, values).map(([k, v]) => [k, { [k]: v }]);
const existing = (key: string, values: unknown[]): Case[] => casesOf(`existing.${key}`, values).map(([k, v]) =>
  [k, { existing: { virtualNetworkId: VNET_ID, apimSubnetId: SUBNET_ID, [key]: v } }]);

const CASES: Case[] = [
  ...one('apimName', [...BAD.string, '', 'Apim_', '-a', 'x'.repeat(51), '${x}']),
  ...one('resourceGroupName', [...BAD.string, 'rg.']),
  ...one('location', [...BAD.string, 'East US']),
  ...one('mode', BAD.enum),
  ...one('zones', BAD.stringList),
  ...one('multiUnit', BAD.bool),
  ...one('allowDestroy', BAD.bool),
  ...one('tags', [...BAD.object.filter((v) => v !== null), { a: 42 }, { 'a<b': 'x' }]),
  ...['addressSpace', 'edgeSubnetCidr', 'apimSubnetCidr', 'privateEndpointSubnetCidr'].flatMap((p) => one(p, [...BAD.string, ...BAD.cidr])),
  ...one('edgeSubnetCidr', ['10.20.0.0/27', '10.30.0.0/24']),
  ['apimSubnetCidr', { edgeSubnetCidr: '10.20.1.0/24' }], // overlaps: the later subnet is named
  ...one('ddosProtectionPlanId', [...BAD.string, ...badResourceIds(DDOS_ID)]),
  ...one('backendAddressPrefixes', [...BAD.stringList, ['10.0.0.1/24'], ['x']]),
  ...one('existing', BAD.object),
  ...existing('virtualNetworkId', [...BAD.string, ...badResourceIds(VNET_ID), SUBNET_ID]),
  ...['apimSubnetId', 'edgeSubnetId', 'privateEndpointSubnetId'].flatMap((k) => existing(k, [...BAD.string, ...badResourceIds(SUBNET_ID), VNET_ID])),
];

describe('ApimNetwork fuzz', () => {
  test.each(CASES.map(([prop, props]) => [prop, label(props), props]))('%s: %s', (prop, _, props) => {
    const e = validationErrorOf(() => new ApimNetwork(newStack(), 'Network', { ...PROPS, ...(props as object) } as unknown as ApimNetworkProps));
    expect(e.constructPath).toBe('test/Network');
    expect(namesProp(e, prop as string)).toBe(true);
  });
});
