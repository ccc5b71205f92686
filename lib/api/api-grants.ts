/** App-role grants on a ProtectedApi's registration: the checks and the assignments. Internal. */
import { AppRoleAssignment } from '@cdktf/provider-azuread/lib/app-role-assignment';
import { DefaultTokenResolver, StringConcat, TerraformStack, Token, Tokenization } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { checkRole } from './validation';
import { invalid, invalidMessage } from '../core/errors';
import { isGuid, requireString } from '../core/validation';

/** What an assignment needs from the API: the resource (its service principal) and the id of each role. */
export interface GrantTarget {
  readonly servicePrincipalObjectId: string;
  /** The roles the API declares. */
  readonly roles: string[];
  appRoleId(role: string): string;
}

/** An object id (a GUID), or a token whose value is only known at deploy time. */
export function checkPrincipalObjectId(where: IConstruct, prop: string, value: string): string {
  requireString(where, prop, value, 'the object id (a GUID) of a managed identity, service principal, user or group');
  if (!Token.isUnresolved(value) && !isGuid(value)) {
    invalid(where, prop, `'${value}' is not an object id`, 'the object id (a GUID) of a managed identity, service principal, user or group');
  }
  return value;
}

/** Roles to grant: at least one, each declared by the API, each once. */
export function checkGrantRoles(where: IConstruct, prop: string, roles: string[], declared: string[]): string[] {
  if (!Array.isArray(roles) || roles.length === 0) invalid(where, prop, 'is empty', `at least one app role of the API: ${declared.join(', ')}`);
  roles.forEach((role, i) => {
    checkRole(where, `${prop}[${i}]`, role);
    if (!declared.includes(role)) invalid(where, `${prop}[${i}]`, `'${role}' is not an app role of the API`, declared.join(', '));
    if (roles.indexOf(role) !== i) invalid(where, `${prop}[${i}]`, `repeats '${role}'`, 'each role once');
  });
  return [...roles];
}

/** A grant, compared with the others at synth. */
interface RecordedGrant {
  readonly scope: Construct;
  readonly prop: string;
  readonly principal: string;
  readonly role: string;
  readonly grant: string;
}

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/**
 * The app role grants on one registration, which every version of an API shares: Entra refuses
 * a second identical assignment (principal, role) at apply. A literal principal's repeat, or
 * the same token string again, is refused at once (object ids compared case-insensitively).
 * Every grant is compared again at synth, by what its principal resolves to (the Terraform
 * expression, and the stacks its references come from), since each read of an attribute
 * (`servicePrincipal.objectId`) is a new token of the same expression.
 */
export class RegistrationGrants {
  private readonly earlier = new Map<string, string>();
  private readonly recorded: RecordedGrant[] = [];

  /** `owner` is the construct that keeps the grants (the API's first version), whose stack resolves the expressions. */
  constructor(private readonly owner: Construct, private readonly registration: string) {
    owner.node.addValidation({ validate: () => this.repeatedExpressions() });
  }

  /**
   * Records the grants of `roles` to `principal` made under `scope`, refusing a role the
   * principal already holds here. `prop` names the roles prop (`roles` when the grants are a
   * group's); `grantOf` names the grant in later errors.
   */
  public record(scope: Construct, prop: string | undefined, principal: string, roles: string[], grantOf: (role: string) => string): void {
    const literal = !Token.isUnresolved(principal);
    const key = (role: string) => `${literal ? principal.toLowerCase() : principal}|${role}`;
    roles.forEach((role, i) => {
      const earlier = this.earlier.get(key(role));
      if (earlier !== undefined) invalid(scope, propOf(prop, i), this.problem(role, literal ? principal : 'the same principal expression', earlier), VALID);
    });
    roles.forEach((role, i) => {
      this.earlier.set(key(role), grantOf(role));
      this.recorded.push({ scope, prop: propOf(prop, i), principal, role, grant: grantOf(role) });
    });
  }

  /** Grants whose principals resolve to the same value as an earlier grant of the role (the literal repeats were refused already). */
  private repeatedExpressions(): string[] {
    const stack = TerraformStack.of(this.owner);
    const seen = new Map<string, RecordedGrant>();
    const errors: string[] = [];
    for (const g of this.recorded) {
      const resolved = Tokenization.resolve(g.principal, { scope: stack, resolver: RESOLVER, preparing: false });
      const value = typeof resolved === 'string' ? resolved : JSON.stringify(resolved);
      const key = `${isGuid(value) ? value.toLowerCase() : value}|${originsOf(g.principal)}|${g.role}`;
      const earlier = seen.get(key);
      if (earlier) errors.push(invalidMessage(g.scope, g.prop, this.problem(g.role, value, earlier.grant), VALID));
      else seen.set(key, g);
    }
    return errors;
  }

  private problem(role: string, principal: string, earlier: string): string {
    return `grants '${role}' to ${principal} again, which ${earlier} already granted on the app registration the versions of ${this.registration} share `
      + '(Entra refuses a second identical assignment at apply)';
  }
}

const VALID = 'each role once per principal across the versions of an API: a grant holds for every version, so drop the repeated role';

/**
 * The stacks the references in a value come from: before synth prepares the stacks, a
 * reference resolves to `type.id.attribute` without its stack, so two stacks' resources of
 * one id would look alike.
 */
function originsOf(principal: string): string {
  return Tokenization.reverseString(principal).tokens
    .map((t) => (t as { originStack?: IConstruct }).originStack?.node.path ?? '')
    .join(',');
}

function propOf(prop: string | undefined, i: number): string {
  return prop === undefined ? 'roles' : `${prop}[${i}]`;
}

/** The construct id part of a role (`/` would make a path). */
export function roleIdPart(role: string): string {
  return role.replace(/\//g, '%2F');
}

/** One `azuread_app_role_assignment` per role, at `idOf(role)` under `scope`. */
export function assignAppRoles(
  scope: Construct, idOf: (role: string) => string, target: GrantTarget, principalObjectId: string, roles: string[],
): AppRoleAssignment[] {
  return roles.map((role) => new AppRoleAssignment(scope, idOf(role), {
    appRoleId: target.appRoleId(role),
    principalObjectId,
    resourceObjectId: target.servicePrincipalObjectId,
  }));
}
