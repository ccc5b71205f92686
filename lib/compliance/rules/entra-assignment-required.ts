import { RuleCategory } from '../category';
import { blocks, HipaaRule, isExpression, unknownValue } from '../rule';
import { HipaaSafeguard } from '../safeguard';

export const ENTRA_ASSIGNMENT_REQUIRED: HipaaRule = {
  id: 'ENTRA-ASSIGNMENT-REQUIRED',
  category: RuleCategory.HIPAA,
  title: 'Service principals of APIs that declare app roles require an assignment, so only granted users and apps get tokens',
  safeguard: HipaaSafeguard.ACCESS_CONTROL,
  control: 'Microsoft cloud security benchmark IM-1 and PA-7 (Entra ID: assignment required for enterprise applications)',
  fix: 'Set app_role_assignment_required = true on the azuread_service_principal',
  resourceTypes: ['azuread_service_principal'],
  check(r, stack) {
    const app = stack.resolveReference(r.config.client_id);
    if (!app || app.type !== 'azuread_application' || blocks(app.config.app_role).length === 0) return undefined;
    if (isExpression(r.config.app_role_assignment_required)) return unknownValue('app_role_assignment_required', r.config.app_role_assignment_required);
    if (r.config.app_role_assignment_required !== true) return `lets any user or app of the tenant get tokens for ${app.address}, which declares app roles`;
    return undefined;
  },
};
