/** The consumer group's Entra ID security group, created or linked, and its members. Internal. */
import { createHash } from 'crypto';
import { Group } from '@cdktf/provider-azuread/lib/group';
import { GroupMember } from '@cdktf/provider-azuread/lib/group-member';
import { IResolveContext, Lazy, TerraformIterator, Token } from 'cdktf';
import { Construct } from 'constructs';
import type { ConsumerGroupSettings } from './consumer-group-validation';
import { tfLiteral } from '../core/literal';

/** The Entra ID group of a consumer group. */
export interface EntraGroupLink {
  /** The created group; undefined when an existing group is linked. */
  readonly group?: Group;
  /** The group's object id. */
  readonly objectId: string;
}

/** Creates the security group `<APIM name>-<name>` (`EntraGroup`), or links `existingGroupObjectId`. */
export function linkEntraGroup(scope: Construct, settings: ConsumerGroupSettings): EntraGroupLink {
  if (settings.existingGroup !== undefined) return { objectId: settings.existingGroup };
  const apimName = settings.platform.apimServiceName;
  const prefix = apimName !== undefined && !Token.isUnresolved(apimName) ? apimName : 'apim';
  const group = new Group(scope, 'EntraGroup', {
    displayName: tfLiteral(`${prefix}-${settings.name}`),
    description: tfLiteral(settings.description.slice(0, 1024)),
    securityEnabled: true,
    mailEnabled: false,
    preventDuplicateNames: true,
  });
  return { group, objectId: group.objectId };
}

/**
 * Members at stable addresses: a literal object id is its own key (`Member-<id>`); members
 * given as expressions share one resource whose `for_each` map is keyed by each expression
 * (literal keys, so Terraform knows them at plan even when the ids are known only at apply).
 * Earlier versions put expression members at list positions (`Member<i>`): a `moved` block
 * from each of those addresses keeps existing memberships instead of re-creating them.
 */
export function addEntraGroupMembers(scope: Construct, groupObjectId: string, members: string[]): void {
  const expressions: Array<[number, string]> = [];
  members.forEach((member, i) => {
    if (Token.isUnresolved(member)) {
      expressions.push([i, member]);
    } else {
      new GroupMember(scope, `Member-${member.toLowerCase()}`, { groupObjectId, memberObjectId: member });
    }
  });
  if (expressions.length === 0) return;
  const byKey = TerraformIterator.fromMap(Lazy.anyValue({
    produce: (context) => Object.fromEntries(expressions.map(([, member]) => [memberKey(context, member), member])),
  }) as unknown as Record<string, string>);
  const keyed = new GroupMember(scope, 'Members', { forEach: byKey, groupObjectId, memberObjectId: byKey.value });
  const target = `${scope.node.path}/Members`;
  keyed.addMoveTarget(target);
  for (const [i, member] of expressions) {
    const previous = new GroupMember(scope, `Member${i}`, { groupObjectId, memberObjectId: member });
    previous.moveTo(target, Lazy.stringValue({ produce: (context) => memberKey(context, member) }));
  }
}

/**
 * The stable `for_each` key of a member given as an expression: the reference itself
 * (`var.alice`, `azuread_service_principal.Daemon_SP_1A2B.object_id`), or for any other
 * expression a hash of its Terraform text, never its position in the list. A key holds no
 * `${`, so Terraform reads it as a literal.
 */
function memberKey(context: IResolveContext, member: string): string {
  const resolved: unknown = context.resolve(member);
  const text = typeof resolved === 'string' ? resolved : JSON.stringify(resolved);
  const reference = /^\$\{([A-Za-z_][A-Za-z0-9_.\[\]-]*)\}$/.exec(text);
  return reference ? reference[1] : `expression-${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
}
