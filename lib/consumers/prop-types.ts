/** Run-time types of `ConsumerGroup`'s props (jsii and JavaScript callers can pass anything). Internal. */
import { QUOTA_TYPE, RATE_LIMIT_TYPE } from '../api/prop-types';
import { T } from '../core/validation';
import { isHealthcareApimPlatform } from '../platform/healthcare-apim-platform';

/** Every prop of ConsumerGroupProps (memberObjectIds only as a list of strings). */
export const CONSUMER_GROUP_TYPES = T.props({
  platform: T.instance(isHealthcareApimPlatform, 'a SecureHealthcareApim, or a platform imported with SecureHealthcareApim.fromPlatformAttributes, whose APIs the group calls'),
  name: T.str,
  apis: T.list(T.any),
  roles: T.list(T.str),
  displayName: T.opt(T.str),
  description: T.opt(T.str),
  existingGroupObjectId: T.opt(T.str),
  entraRoleAssignments: T.opt(T.bool),
  approvalRequired: T.opt(T.bool),
  allowSubscriptionsWithoutApproval: T.opt(T.bool),
  subscriptionsLimit: T.opt(T.int),
  terms: T.opt(T.str),
  rateLimit: T.opt(RATE_LIMIT_TYPE),
  quota: T.opt(QUOTA_TYPE),
  subscriptions: T.opt(T.list(T.props({ name: T.str, displayName: T.opt(T.str), ownerEmail: T.opt(T.str) }))),
  storeSubscriptionKeysInKeyVault: T.opt(T.bool),
  clientApplications: T.opt(T.list(T.props({
    name: T.str,
    roles: T.opt(T.list(T.str)),
    principalObjectId: T.opt(T.str),
    federatedCredentials: T.opt(T.list(T.props({ name: T.str, issuer: T.str, subject: T.str, audiences: T.opt(T.list(T.str)) }))),
  }))),
  memberObjectIds: T.opt(T.list(T.str)),
  users: T.opt(T.list(T.props({ email: T.str, firstName: T.str, lastName: T.str }))),
});
