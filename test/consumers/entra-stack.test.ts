/**
 * Entra ID objects in a separate stack: the platform, its APIs and groups take existing app
 * registrations, groups and secrets, so the infrastructure pipeline needs no Microsoft Graph
 * permission at all.
 */
import { TerraformVariable, Testing } from 'cdktf';
import { ConsumerGroup, HealthcareCompliance, ProtectedApi, SecureHealthcareApim } from '../../lib';
import { PATIENTS, PLATFORM_PROPS } from '../api/fixtures';
import { errorsUnder, newStack, synthJson } from '../util/synth';

const GROUP = '22222222-2222-2222-2222-222222222222';
const OPERATORS = '77777777-7777-7777-7777-777777777777';

function infrastructureStack(groupProps: Record<string, unknown> = {}) {
  const stack = newStack();
  const portalSecret = new TerraformVariable(stack, 'portal_client_secret', { type: 'string', sensitive: true });
  const platform = new SecureHealthcareApim(stack, 'Platform', {
    ...PLATFORM_PROPS,
    developerPortalSignIn: { clientId: '11111111-1111-1111-1111-111111111111', clientSecret: portalSecret.stringValue },
    // The operators group and its Conditional Access policy live in the Entra stack too.
    privilegedAccess: { existingGroupObjectId: OPERATORS, acknowledgeNoConditionalAccess: true },
  });
  const api = new ProtectedApi(stack, 'Patients', {
    platform,
    ...PATIENTS,
    existingApp: {
      clientId: '33333333-3333-3333-3333-333333333333',
      audience: 'api://contoso-health/patients',
      servicePrincipalObjectId: '44444444-4444-4444-4444-444444444444',
      appRoleIds: {
        'Patient.Read': '55555555-5555-5555-5555-555555555551',
        'Patient.Write': '55555555-5555-5555-5555-555555555552',
        'Patient.Admin': '55555555-5555-5555-5555-555555555553',
      },
    },
  });
  new ConsumerGroup(stack, 'Clinicians', {
    platform, name: 'clinicians', apis: [api], roles: ['Patient.Read'], existingGroupObjectId: GROUP, entraRoleAssignments: false, ...groupProps,
  });
  HealthcareCompliance.of(stack);
  return stack;
}

describe('Entra ID objects kept in a separate stack', () => {
  test('the infrastructure stack creates and reads nothing in Entra ID, and passes the compliance checks', () => {
    const stack = infrastructureStack();
    const json = synthJson(stack);
    const entra = (section: any) => Object.keys(section ?? {}).filter((t) => t.startsWith('azuread_'));
    expect(entra(json.resource)).toEqual([]);
    expect(entra(json.data)).toEqual([]);
    const group = Object.values(json.resource.azurerm_api_management_group)[0] as any;
    expect(group.external_id).toContain(`/groups/${GROUP}`);
    expect(HealthcareCompliance.of(stack).report().findings).toBe(0);
    expect(errorsUnder(stack)).toEqual([]);
    expect(() => Testing.fullSynth(stack)).not.toThrow();
  });

  test.each([
    ['members', { memberObjectIds: ['66666666-6666-6666-6666-666666666666'] }, /Clinicians: memberObjectIds are set with entraRoleAssignments: false/],
    ['client applications', { clientApplications: [{ name: 'ward-app' }] }, /Clinicians: clientApplications are set with entraRoleAssignments: false/],
    ['a created group', { existingGroupObjectId: undefined }, /Clinicians: existingGroupObjectId is missing with entraRoleAssignments: false/],
    ['a string for the boolean', { entraRoleAssignments: 'false' }, /Clinicians: entraRoleAssignments is "false", not a boolean. Valid: true or false/],
  ])('Entra ID writes are refused with entraRoleAssignments: false: %s', (_name, props, error) => {
    expect(() => infrastructureStack(props)).toThrow(error);
  });
});
