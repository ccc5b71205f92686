import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { Sleep } from '@cdktf/provider-time/lib/sleep';
import { ITerraformDependable, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { ROLE_GRANT_TYPES } from './prop-types';
import { checkRange } from '../core/azure-names';
import { tfLiteral } from '../core/literal';
import { checkText, checkTypes } from '../core/validation';

/**
 * How long to wait after a role assignment before anything uses the role. Azure RBAC data-plane
 * roles (Key Vault, Storage, FHIR) take minutes to propagate after ARM reports the assignment.
 */
export const DEFAULT_ROLE_PROPAGATION_SECONDS = 120;

/** Properties of a role grant. */
export interface RoleGrantProps {
  /** The resource id the role is granted on. */
  readonly scope: string;
  /** The built-in role's name, e.g. `Key Vault Secrets User`. */
  readonly roleDefinitionName: string;
  /** The object id of the principal (managed identity, service principal, group). */
  readonly principalId: string;
  /**
   * Seconds to wait after the assignment before dependants are created, 0 to 1800.
   * @default 120
   */
  readonly propagationSeconds?: number;
}

/** A role assignment and the wait after it: depend on `ready` to use the role. */
export interface IRoleGrant {
  /** The role assignment. */
  readonly assignment: RoleAssignment;
  /** Created once the role has had time to propagate; what uses the role depends on it. */
  readonly ready: ITerraformDependable;
}

/**
 * Grants a role and waits for it to propagate: an `azurerm_role_assignment` (at `id`, so its
 * address stays what it was) and a `time_sleep` (`<id>Propagation`) after it, re-run whenever
 * the assignment is replaced. Needs the hashicorp/time provider in the stack (see
 * `requireTimeProvider`).
 */
export function grantRole(scope: Construct, id: string, props: RoleGrantProps): IRoleGrant {
  const seconds = checkRange(scope, 'rolePropagationSeconds', props.propagationSeconds ?? DEFAULT_ROLE_PROPAGATION_SECONDS, 0, 1800);
  const assignment = new RoleAssignment(scope, id, {
    scope: tfLiteral(props.scope),
    roleDefinitionName: tfLiteral(checkText(scope, 'roleDefinitionName', props.roleDefinitionName, 512)),
    principalId: tfLiteral(props.principalId),
  });
  const ready = new Sleep(scope, `${id}Propagation`, {
    createDuration: `${seconds}s`,
    triggers: { role_assignment_id: assignment.id },
    dependsOn: [assignment],
  });
  requireTimeProvider(scope);
  return { assignment, ready };
}

const checked = new WeakSet<TerraformStack>();

/**
 * Adds a synth-time check (once per stack) that the stack configures the hashicorp/time
 * provider, which the role-propagation waits use.
 */
export function requireTimeProvider(scope: IConstruct): void {
  const stack = TerraformStack.of(scope);
  if (checked.has(stack)) return;
  checked.add(stack);
  stack.node.addValidation({
    validate: () => stack.node.findAll().some((c) => c instanceof TimeProvider) ? [] : [
      `${scope.node.path}: the stack has no hashicorp/time provider, which the waits for role propagation (time_sleep) need. `
      + "Valid: add `new TimeProvider(stack, 'time', {})` from '@cdktf/provider-time/lib/provider'.",
    ],
  });
}

/**
 * A role assignment and a wait for it to propagate, for roles that something in the same apply
 * uses (Key Vault, Storage or FHIR data-plane roles): depend on `ready`, not on the assignment.
 * Needs the hashicorp/time provider in the stack.
 *
 * @example
 * const fhirRead = new PropagatedRoleAssignment(stack, 'ApimFhirReader', {
 *   scope: fhir.id, roleDefinitionName: 'FHIR Data Reader', principalId: platform.principalId,
 * });
 * new ProtectedApi(stack, 'Patients', { platform, backendReadiness: [fhirRead.ready], ... });
 */
export class PropagatedRoleAssignment extends Construct implements IRoleGrant {
  /** The role assignment. */
  public readonly assignment: RoleAssignment;
  /** The wait after it; what uses the role depends on this. */
  public readonly ready: ITerraformDependable;

  constructor(scope: Construct, id: string, props: RoleGrantProps) {
    super(scope, id);
    checkTypes(this, '', props, ROLE_GRANT_TYPES);
    const grant = grantRole(this, 'Assignment', props);
    this.assignment = grant.assignment;
    this.ready = grant.ready;
  }
}
