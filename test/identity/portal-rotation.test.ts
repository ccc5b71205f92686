/** The developer portal's sign-in secret rotates on a schedule, without a gap, as the platform builds it. */
import { SecureHealthcareApim } from '../../lib';
import { PLATFORM_PROPS } from '../api/fixtures';
import { newStack, onlyResource, resourcesOf, synthJson } from '../util/synth';

describe('portal sign-in secret rotation (default platform)', () => {
  const stack = newStack();
  new SecureHealthcareApim(stack, 'Platform', PLATFORM_PROPS);
  const json = synthJson(stack);
  const password = onlyResource(json, 'azuread_application_password');
  const [rotationId, rotation] = resourcesOf(json, 'time_rotating').find(([id]) => /PortalSecretRotation/.test(id))!;

  test('the password keeps its address and names the rotation schedule in rotate_when_changed', () => {
    expect(resourcesOf(json, 'azuread_application_password')[0][0]).toBe('Platform_PortalAppPassword_9A586179');
    expect(rotation.rotation_days).toBe(90);
    expect(password.rotate_when_changed).toEqual({ rotation: `\${time_rotating.${rotationId}.id}` });
  });

  test('it stays valid 30 days past its rotation date, and is replaced create-before-destroy', () => {
    expect(password.end_date).toBe(`\${timeadd(time_rotating.${rotationId}.rotation_rfc3339, "720h")}`);
    expect(password.end_date_relative).toBeUndefined();
    expect(password.lifecycle).toEqual({ create_before_destroy: true });
  });

  test('the identity provider reads the current password, so a rotation updates it before the old password goes', () => {
    const [[passwordId]] = resourcesOf(json, 'azuread_application_password');
    expect(onlyResource(json, 'azurerm_api_management_identity_provider_aad').client_secret).toBe(`\${azuread_application_password.${passwordId}.value}`);
  });
});
