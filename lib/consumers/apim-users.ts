/** APIM users (developer portal accounts) of the consumer group, in its APIM group. Internal. */
import { ApiManagementGroup } from '@cdktf/provider-azurerm/lib/api-management-group';
import { ApiManagementGroupUser } from '@cdktf/provider-azurerm/lib/api-management-group-user';
import { ApiManagementUser } from '@cdktf/provider-azurerm/lib/api-management-user';
import { Construct } from 'constructs';
import type { ApimService } from './consumer-product';
import { ConsumerUser } from './consumer-types';
import { tfLiteral } from '../core/literal';

/** The APIM user id for an e-mail address: lowercase letters, digits and hyphens, up to 80 characters. */
export function apimUserId(email: string): string {
  return email.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80).replace(/-+$/, '');
}

/** Each user (`User-<id>`) and its membership of the APIM group (`GroupUser-<id>`), by lower-case e-mail. */
export function addApimUsers(
  scope: Construct, service: ApimService, apimGroup: ApiManagementGroup, users: ConsumerUser[],
): Map<string, ApiManagementUser> {
  const byEmail = new Map<string, ApiManagementUser>();
  for (const user of users) {
    const userId = apimUserId(user.email);
    const created = new ApiManagementUser(scope, `User-${userId}`, {
      ...service,
      userId,
      email: tfLiteral(user.email),
      firstName: tfLiteral(user.firstName),
      lastName: tfLiteral(user.lastName),
      state: 'active',
    });
    new ApiManagementGroupUser(scope, `GroupUser-${userId}`, { ...service, groupName: apimGroup.name, userId: created.userId });
    byEmail.set(user.email.toLowerCase(), created);
  }
  return byEmail;
}
