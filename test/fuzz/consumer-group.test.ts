/**
 * Table-driven fuzz test of ConsumerGroup: every prop gets wrong types and malformed values; each
 * must fail with a ValidationError naming the prop (never a TypeError). Construct-only: one
 * platform and API are shared and nothing is synthesized.
 */
import { BAD, casesOf, label, namesProp, validationErrorOf } from './harness';
import { ConsumerGroup, ConsumerGroupProps, ProtectedApi, SecureHealthcareApim } from '../../lib';
import { PATIENTS, PLATFORM_PROPS } from '../api/fixtures';
import { newStack } from '../util/synth';

let platform: SecureHealthcareApim;
let api: ProtectedApi;
let n = 0;
beforeAll(() => {
  const stack = newStack();
  platform = new SecureHealthcareApim(stack, 'Platform', PLATFORM_PROPS);
  api = new ProtectedApi(stack, 'Patients', { platform, ...PATIENTS });
});

const GUID = '00000000-0000-0000-0000-000000000001';
const USER = { email: 'dana@contoso.example', firstName: 'Dana', lastName: 'Lee' };
const CLIENT = { name: 'claims' };
const CRED = { name: 'gh', issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:contoso/claims' };
type Case = [string, Record<string, unknown>];
const each = (prop: string, values: unknown[], make: (v: unknown) => Record<string, unknown>): Case[] =>
  casesOf(prop, values).map(([k, v]) => [k, make(v)]);

const CASES: Case[] = [
  ...each('name', [...BAD.string, '', 'Clinicians', 'a_b', '-a', 'x'.repeat(81), '${x}'], (v) => ({ name: v })),
  ...each('apis', [...BAD.list, [], [{}], ['Patients']], (v) => ({ apis: v })),
  ...each('roles', [...BAD.stringList, [], ['Patient.Nope'], ['a b']], (v) => ({ roles: v })),
  ...['displayName', 'description', 'terms'].flatMap((p) => each(p, BAD.text, (v) => ({ [p]: v }))),
  ...each('existingGroupObjectId', [...BAD.string, ...BAD.guid], (v) => ({ existingGroupObjectId: v })),
  ...['entraRoleAssignments', 'approvalRequired', 'storeSubscriptionKeysInKeyVault'].flatMap((p) => each(p, BAD.bool, (v) => ({ [p]: v }))),
  ...each('subscriptionsLimit', [...BAD.int, 0, 101], (v) => ({ subscriptionsLimit: v })),
  ...['rateLimit', 'quota'].flatMap((p) => [
    ...each(p, BAD.object, (v) => ({ [p]: v })),
    // A look-alike object is not a RateLimit / Quota (values are checked where those are made).
    ...each(p, [{ calls: 10, renewalPeriodSeconds: 300 }], (v) => ({ [p]: v })),
  ]),
  ...each('memberObjectIds', BAD.stringList, (v) => ({ memberObjectIds: v })),
  ...each('users', BAD.list, (v) => ({ users: v })),
  ...each('users[0].email', [...BAD.string, ...BAD.email], (v) => ({ users: [{ ...USER, email: v }] })),
  ...['firstName', 'lastName'].flatMap((p) => each(`users[0].${p}`, BAD.text, (v) => ({ users: [{ ...USER, [p]: v }] }))),
  ...each('subscriptions', BAD.list, (v) => ({ subscriptions: v })),
  ...each('subscriptions[0].name', [...BAD.string, '', 'A', 'a_b', '${x}'], (v) => ({ subscriptions: [{ name: v }] })),
  ...each('subscriptions[0].displayName', BAD.text, (v) => ({ subscriptions: [{ name: 's', displayName: v }] })),
  ...each('subscriptions[0].ownerEmail', [...BAD.string, 'nobody@contoso.example'], (v) => ({ subscriptions: [{ name: 's', ownerEmail: v }] })),
  ...each('clientApplications', BAD.list, (v) => ({ clientApplications: v })),
  ...each('clientApplications[0].name', [...BAD.string, '', ' a', 'a/b', '${x}', 'x'.repeat(121)], (v) => ({ clientApplications: [{ name: v }] })),
  ...each('clientApplications[0].roles', [...BAD.stringList, [], ['Patient.Nope']], (v) => ({ clientApplications: [{ ...CLIENT, roles: v }] })),
  ...each('clientApplications[0].principalObjectId', [...BAD.string, ...BAD.guid], (v) => ({ clientApplications: [{ ...CLIENT, principalObjectId: v }] })),
  ...each('clientApplications[0].federatedCredentials', BAD.list, (v) => ({ clientApplications: [{ ...CLIENT, federatedCredentials: v }] })),
  ...each('clientApplications[0].federatedCredentials[0].name', [...BAD.string, '', 'a b'], (v) => ({ clientApplications: [{ ...CLIENT, federatedCredentials: [{ ...CRED, name: v }] }] })),
  ...each('clientApplications[0].federatedCredentials[0].issuer', [...BAD.string, ...BAD.url], (v) => ({ clientApplications: [{ ...CLIENT, federatedCredentials: [{ ...CRED, issuer: v }] }] })),
  ...each('clientApplications[0].federatedCredentials[0].subject', BAD.text, (v) => ({ clientApplications: [{ ...CLIENT, federatedCredentials: [{ ...CRED, subject: v }] }] })),
  ...each('clientApplications[0].federatedCredentials[0].audiences', [...BAD.stringList, [], ['a', 'b'], ['']],
    (v) => ({ clientApplications: [{ ...CLIENT, federatedCredentials: [{ ...CRED, audiences: v }] }] })),
  ['platform', { platform: {} }],
  ['platform', { platform: null }],
];

describe('ConsumerGroup fuzz: every bad value is a ValidationError naming the prop', () => {
  test.each(CASES.map(([prop, props]) => [prop, label(props), props]))('%s: %s', (prop, _, props) => {
    const e = validationErrorOf(() => new ConsumerGroup(platform, `Group${n++}`,
      { platform, apis: [api], name: `g${n}`, roles: ['Patient.Read'], ...(props as object) } as unknown as ConsumerGroupProps));
    expect(e.constructPath).toMatch(/^test\/Platform\/Group\d+/);
    expect(namesProp(e, prop as string)).toBe(true);
    expect(e.message).not.toMatch(/\[object Object\]/);
  });

  test("approvalRequired: 'false' does not switch approval off", () => {
    const e = validationErrorOf(() => new ConsumerGroup(platform, `Group${n++}`,
      { platform, apis: [api], name: 'approval', roles: ['Patient.Read'], approvalRequired: 'false' } as unknown as ConsumerGroupProps));
    expect(e.prop).toBe('approvalRequired');
  });

  test('members are type-checked before anything is built', () => {
    const e = validationErrorOf(() => new ConsumerGroup(platform, `Group${n++}`,
      { platform, apis: [api], name: 'members', roles: ['Patient.Read'], memberObjectIds: [GUID, null] } as unknown as ConsumerGroupProps));
    expect(e.prop).toBe('memberObjectIds[1]');
  });
});
