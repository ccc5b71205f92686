/** The platform's privileged access: the operators group, its roles and its Conditional Access policy. Internal. */
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { PrivilegedAccess, PrivilegedAccessOptions } from './privileged-access';
import { warnOptOut } from '../compliance/opt-out';
import { asUserProps, invalid } from '../core/errors';
import { checkBoolean, checkObject } from '../core/validation';

/** The platform props this module reads (a subset of `SecureHealthcareApimProps`). */
export interface PlatformIdentityProps {
  readonly privilegedAccess?: PrivilegedAccessOptions;
  readonly acknowledgePrivilegedAccessManagedCentrally?: boolean;
}

/** What the platform supplies. */
export interface PlatformIdentityContext {
  readonly name: string;
  readonly apimId: string;
  readonly keyVaultId: string;
  readonly workspaceId: string;
}

/** Run-time types and combinations, before anything is built. */
export function checkIdentityProps(scope: Construct, props: PlatformIdentityProps): void {
  const central = checkBoolean(scope, 'acknowledgePrivilegedAccessManagedCentrally', props.acknowledgePrivilegedAccessManagedCentrally, false);
  if (props.privilegedAccess !== undefined) {
    checkObject(scope, 'privilegedAccess', props.privilegedAccess);
    if (central) {
      invalid(scope, 'privilegedAccess', 'is set together with acknowledgePrivilegedAccessManagedCentrally, so it would be ignored', 'leave privilegedAccess unset, or drop the opt-out');
    }
  }
}

/**
 * The operators group (created, or `privilegedAccess.existingGroupObjectId`) with the platform's
 * control-plane roles, and a Conditional Access policy requiring MFA for it; nothing with
 * `acknowledgePrivilegedAccessManagedCentrally` (a warning).
 */
export function createPlatformPrivilegedAccess(scope: Construct, props: PlatformIdentityProps,
  ctx: PlatformIdentityContext): PrivilegedAccess | undefined {
  if (props.acknowledgePrivilegedAccessManagedCentrally) {
    warnOptOut(scope, 'acknowledgePrivilegedAccessManagedCentrally', 'no operators group, control-plane roles or Conditional Access policy are created: '
      + 'who administers the instance, the vault and the workspace, and whether their sign-ins need MFA, is managed (and must be evidenced) elsewhere.', ['PRIVILEGED-ACCESS-MFA']);
    return undefined;
  }
  const namePrefix = Token.isUnresolved(ctx.name) ? 'apim' : ctx.name;
  return asUserProps(scope, () => new PrivilegedAccess(scope, 'PrivilegedAccess', {
    ...props.privilegedAccess,
    namePrefix,
    apimId: ctx.apimId,
    keyVaultId: ctx.keyVaultId,
    workspaceId: ctx.workspaceId,
  }), { namePrefix: 'name' }, 'privilegedAccess.');
}
