import { RuleCategory } from '../category';
import { block, HipaaRule, isExpression, ResourceView, StackView, unknownValue } from '../rule';
import { HipaaSafeguard } from '../safeguard';

/** Entra ID client secrets the stack creates. */
export const PASSWORD_TYPES = ['azuread_application_password', 'azuread_service_principal_password'];

export const CREDENTIAL_ROTATION: HipaaRule = {
  id: 'CREDENTIAL-ROTATION',
  category: RuleCategory.HIPAA,
  title: 'Credentials the stack creates rotate on a schedule: client secrets through time_rotating, without a gap, and keys through a Key Vault rotation policy',
  safeguard: HipaaSafeguard.PASSWORD_MANAGEMENT,
  control: 'Microsoft cloud security benchmark IM-8 (restrict the exposure of credentials and secrets) and DP-6 (key rotation); Azure Policy: Keys should have a rotation policy ensuring that their rotation is scheduled',
  fix: 'Give every azuread_application_password rotate_when_changed = { rotation = time_rotating.<x>.id }, an end_date and lifecycle { create_before_destroy = true } '
    + '(RotationSchedule does); give every azurerm_key_vault_key a rotation_policy with automatic { time_after_creation | time_before_expiry } and expire_after',
  resourceTypes: [...PASSWORD_TYPES, 'azurerm_key_vault_key'],
  check(r, stack) {
    if (r.type === 'azurerm_key_vault_key') {
      const policy = block(r.config.rotation_policy);
      if (!policy) return 'has no rotation_policy';
      const automatic = block(policy.automatic);
      if (!automatic || (automatic.time_after_creation === undefined && automatic.time_before_expiry === undefined)) return 'has a rotation_policy without automatic rotation';
      if (policy.expire_after === undefined) return 'has a rotation_policy without expire_after, so rotated versions never expire';
      return undefined;
    }
    return passwordVerdict(r, stack);
  },
};

function passwordVerdict(r: ResourceView, stack: StackView) {
  const rotate = r.config.rotate_when_changed;
  if (rotate === undefined || rotate === null) return 'has no rotation schedule (rotate_when_changed naming a time_rotating)';
  const referenced = stack.referencedBy(rotate);
  if (!referenced.some((x) => x.type === 'time_rotating')) {
    const values = typeof rotate === 'object' ? Object.values(rotate as object) : [rotate];
    // Expressions that name nothing in the stack (a variable, another stack's output) may be a schedule.
    if (referenced.length === 0 && values.some(isExpression)) return unknownValue('rotate_when_changed', rotate);
    return 'has rotate_when_changed, but it names no time_rotating, so it never rotates on a schedule';
  }
  if (r.config.end_date === undefined && r.config.end_date_relative === undefined) return 'has no end_date, so each secret stays valid for the provider default of two years';
  if (block(r.config.lifecycle)?.create_before_destroy !== true) {
    return 'rotates without lifecycle create_before_destroy: the old secret is deleted before its replacement exists, and sign-in fails until the apply finishes';
  }
  return undefined;
}
