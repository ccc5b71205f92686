/** Validation of `ConsumerGroupProps`: every check runs before the group creates anything. Internal. */
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { apimUserId } from './apim-users';
import { FEDERATED_TOKEN_AUDIENCE } from './client-applications';
import type { ConsumerGroupProps } from './consumer-group';
import { DEFAULT_PRODUCT_TERMS } from './consumer-product';
import { ConsumerClientApplication, ConsumerSubscription, ConsumerUser } from './consumer-types';
import { CONSUMER_GROUP_TYPES } from './prop-types';
import { DEFAULT_SUBSCRIPTION_QUOTA, DEFAULT_SUBSCRIPTION_RATE_LIMIT } from '../api/defaults';
import { ProtectedApi } from '../api/protected-api';
import { checkHttpsUrl, checkLiteralProp, checkRole, checkText, checkWhole } from '../api/validation';
import { warnOptOut } from '../compliance/opt-out';
import { checkBoolean, checkEmail } from '../core/azure-names';
import { invalid } from '../core/errors';
import { checkProviderRule } from '../core/provider-rules';
import { Quota, RateLimit, requireQuota, requireRateLimit } from '../core/rate-limit';
import { checkTypes, isGuid, requireString } from '../core/validation';
import { IHealthcareApimPlatform } from '../platform/healthcare-apim-platform';

const GROUP_NAME = /^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){0,79}$/;
const SUBSCRIPTION_NAME = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,79}$/;
const CLIENT_APP_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9 ._-]{0,118}[A-Za-z0-9])?$/;
const MAX_SUBSCRIPTIONS_LIMIT = 100;

/** The props of a consumer group, checked, with their defaults applied. */
export interface ConsumerGroupSettings {
  readonly platform: IHealthcareApimPlatform;
  readonly name: string;
  readonly apis: ProtectedApi[];
  readonly roles: string[];
  readonly displayName: string;
  readonly description: string;
  readonly terms: string;
  readonly approvalRequired: boolean;
  readonly subscriptionsLimit: number;
  readonly rate: RateLimit;
  readonly quota: Quota;
  /** The Entra ID group to link; undefined when the group creates one. */
  readonly existingGroup?: string;
  readonly members: string[];
  readonly users: ConsumerUser[];
  readonly subscriptions: ConsumerSubscription[];
  /** Whether this stack writes to Entra ID (`entraRoleAssignments`). */
  readonly entraWrites: boolean;
  readonly clients: ConsumerClientApplication[];
  readonly storeSubscriptionKeysInKeyVault: boolean;
}

/**
 * Checks the props in the order their errors are reported, refuses a second group of the same
 * name (or Entra ID group) on the platform, and warns about opt-outs.
 */
export function checkConsumerGroupProps(scope: Construct, props: ConsumerGroupProps): ConsumerGroupSettings {
  checkTypes(scope, '', props, CONSUMER_GROUP_TYPES);
  const platform = props.platform;
  checkLiteralProp(scope, 'name', props.name);
  if (typeof props.name !== 'string' || !GROUP_NAME.test(props.name)) {
    invalid(scope, 'name', `'${props.name}' is not a group name`, 'a lowercase letter, then lowercase letters, digits and single hyphens, up to 80 characters, e.g. clinicians');
  }
  const name = props.name;
  const apis = checkApis(scope, platform, props.apis);
  const declared = [...new Set(apis.flatMap((a) => a.roles))].sort();
  const roles = checkRoles(scope, 'roles', props.roles, declared);
  const displayName = props.displayName === undefined ? name : checkText(scope, 'displayName', props.displayName, 300);
  const description = props.description === undefined
    ? defaultDescription(apis.map((a) => a.apiName), roles)
    : checkText(scope, 'description', props.description, 1000);
  const terms = props.terms === undefined ? DEFAULT_PRODUCT_TERMS : checkText(scope, 'terms', props.terms, 10_000);
  if (props.approvalRequired !== undefined && props.allowSubscriptionsWithoutApproval !== undefined
    && props.approvalRequired === props.allowSubscriptionsWithoutApproval) {
    invalid(scope, 'approvalRequired', `is ${props.approvalRequired} while allowSubscriptionsWithoutApproval is ${props.allowSubscriptionsWithoutApproval}`,
      'allowSubscriptionsWithoutApproval alone (approvalRequired is deprecated)');
  }
  const withoutApproval = props.allowSubscriptionsWithoutApproval ?? (props.approvalRequired === false);
  const approvalRequired = !withoutApproval;
  const subscriptionsLimit = checkWhole(scope, 'subscriptionsLimit', props.subscriptionsLimit ?? 1, 1, MAX_SUBSCRIPTIONS_LIMIT);
  const rate = requireRateLimit(scope, 'rateLimit', props.rateLimit ?? DEFAULT_SUBSCRIPTION_RATE_LIMIT);
  const quota = requireQuota(scope, 'quota', props.quota ?? DEFAULT_SUBSCRIPTION_QUOTA);
  const existingGroup = props.existingGroupObjectId === undefined ? undefined : checkObjectId(scope, 'existingGroupObjectId', props.existingGroupObjectId);
  const members = checkObjectIds(scope, 'memberObjectIds', props.memberObjectIds ?? []);
  const users = checkUsers(scope, props.users ?? []);
  const subscriptions = checkSubscriptions(scope, props.subscriptions ?? [], users, subscriptionsLimit);
  const entraWrites = checkBoolean(scope, 'entraRoleAssignments', props.entraRoleAssignments, true);
  const clients = checkClients(scope, props.clientApplications ?? [], roles);
  if (props.storeSubscriptionKeysInKeyVault) {
    subscriptions.forEach((sub, i) => {
      const secretName = `apim-${name}-${sub.name}-secondary`;
      if (secretName.length > 127) {
        invalid(scope, `subscriptions[${i}].name`, `makes the Key Vault secret name '${secretName}' ${secretName.length} characters long`, 'group and subscription names together at most 107 characters, so secret names stay within 127');
      }
    });
  }
  registerGroup(scope, platform, name, existingGroup);
  if (!approvalRequired) {
    warnOptOut(scope, props.allowSubscriptionsWithoutApproval ? 'allowSubscriptionsWithoutApproval' : 'approvalRequired (deprecated: allowSubscriptionsWithoutApproval)',
      `Subscriptions to the '${name}' product are activated without an administrator's approval.`);
  }
  if (!entraWrites) {
    if (existingGroup === undefined) invalid(scope, 'existingGroupObjectId', 'is missing with entraRoleAssignments: false, so the Entra ID group would be created here', 'the object id of the group the Entra ID stack created');
    if (members.length) invalid(scope, 'memberObjectIds', 'are set with entraRoleAssignments: false (group members are Entra ID writes)', 'members managed in the Entra ID stack, or entraRoleAssignments: true');
    if (clients.length) invalid(scope, 'clientApplications', 'are set with entraRoleAssignments: false (their app registrations and role grants are Entra ID writes)', 'client applications managed in the Entra ID stack, or entraRoleAssignments: true');
  }
  return {
    platform,
    name,
    apis,
    roles,
    displayName,
    description,
    terms,
    approvalRequired,
    subscriptionsLimit,
    rate,
    quota,
    existingGroup,
    members,
    users,
    subscriptions,
    entraWrites,
    clients,
    storeSubscriptionKeysInKeyVault: props.storeSubscriptionKeysInKeyVault ?? false,
  };
}

const groupsByPlatform = new WeakMap<IHealthcareApimPlatform, Map<string, string>>();

/** Refuses a second group with the same name, or the same Entra ID group, on one platform. */
function registerGroup(scope: Construct, platform: IHealthcareApimPlatform, name: string, existingGroup: string | undefined): void {
  let seen = groupsByPlatform.get(platform);
  if (!seen) {
    seen = new Map();
    groupsByPlatform.set(platform, seen);
  }
  const other = seen.get(`name:${name}`);
  if (other) invalid(scope, 'name', `'${name}' is already the name of consumer group ${other} on this platform`, 'a name no other consumer group of the platform uses');
  if (existingGroup !== undefined && !Token.isUnresolved(existingGroup)) {
    const key = `entra:${existingGroup.toLowerCase()}`;
    const owner = seen.get(key);
    if (owner) invalid(scope, 'existingGroupObjectId', `'${existingGroup}' is already linked by consumer group ${owner}`, 'an Entra ID group no other consumer group of the platform links');
    seen.set(key, scope.node.path);
  }
  seen.set(`name:${name}`, scope.node.path);
}

function checkApis(scope: Construct, platform: IHealthcareApimPlatform, apis: ProtectedApi[]): ProtectedApi[] {
  if (!Array.isArray(apis) || apis.length === 0) invalid(scope, 'apis', 'is empty', 'at least one ProtectedApi of the platform');
  apis.forEach((api, i) => {
    if (!(api instanceof ProtectedApi)) invalid(scope, `apis[${i}]`, 'is not a ProtectedApi', 'ProtectedApis of the platform');
    if (api.platform !== platform) {
      invalid(scope, `apis[${i}]`, `(${api.node.path}) is published on another platform`, `ProtectedApis of ${platform.node.path}`);
    }
    const first = apis.findIndex((a) => a.apiName === api.apiName);
    if (first !== i) invalid(scope, `apis[${i}]`, `repeats ${api.apiName} (apis[${first}])`, 'each API once');
  });
  return [...apis];
}

function checkRoles(scope: Construct, prop: string, roles: string[], declared: string[]): string[] {
  if (!Array.isArray(roles) || roles.length === 0) invalid(scope, prop, 'is empty', `at least one of the roles the APIs declare: ${declared.join(', ')}`);
  roles.forEach((role, i) => {
    checkRole(scope, `${prop}[${i}]`, role);
    if (!declared.includes(role)) invalid(scope, `${prop}[${i}]`, `'${role}' is not declared by any of the group's APIs`, declared.join(', '));
    if (roles.indexOf(role) !== i) invalid(scope, `${prop}[${i}]`, `repeats '${role}'`, 'each role once');
  });
  return [...roles];
}

function checkObjectId(scope: Construct, prop: string, value: string): string {
  requireString(scope, prop, value, 'a GUID such as 00000000-0000-0000-0000-000000000000');
  if (Token.isUnresolved(value)) return value;
  if (!isGuid(value)) invalid(scope, prop, `'${value}' is not an object id`, 'a GUID such as 00000000-0000-0000-0000-000000000000');
  return value;
}

function checkObjectIds(scope: Construct, prop: string, values: string[]): string[] {
  values.forEach((v, i) => {
    checkObjectId(scope, `${prop}[${i}]`, v);
    if (!Token.isUnresolved(v) && values.findIndex((o) => o.toLowerCase() === v.toLowerCase()) !== i) {
      invalid(scope, `${prop}[${i}]`, `repeats '${v}'`, 'each object id once');
    }
  });
  return [...values];
}

function checkUsers(scope: Construct, users: ConsumerUser[]): ConsumerUser[] {
  users.forEach((u, i) => {
    checkLiteralProp(scope, `users[${i}].email`, u.email);
    checkEmail(scope, `users[${i}].email`, u.email);
    checkText(scope, `users[${i}].firstName`, u.firstName, 100);
    checkText(scope, `users[${i}].lastName`, u.lastName, 100);
    const first = users.findIndex((o) => apimUserId(o.email) === apimUserId(u.email));
    if (first !== i) invalid(scope, `users[${i}].email`, `'${u.email}' gives the same APIM user id as users[${first}]`, 'each user once');
  });
  return [...users];
}

function checkSubscriptions(scope: Construct, subs: ConsumerSubscription[], users: ConsumerUser[], limit: number): ConsumerSubscription[] {
  const perOwner = new Map<string, number>();
  subs.forEach((s, i) => {
    checkLiteralProp(scope, `subscriptions[${i}].name`, s.name);
    if (typeof s.name !== 'string' || !SUBSCRIPTION_NAME.test(s.name)) {
      invalid(scope, `subscriptions[${i}].name`, `'${s.name}' is not a subscription name`, 'lowercase letters, digits and single hyphens, 1 to 80 characters, e.g. claims-daemon');
    }
    if (subs.findIndex((o) => o.name === s.name) !== i) invalid(scope, `subscriptions[${i}].name`, `repeats '${s.name}'`, 'each subscription name once');
    if (s.displayName !== undefined) checkText(scope, `subscriptions[${i}].displayName`, s.displayName, 100);
    const owner = s.ownerEmail?.toLowerCase() ?? '';
    if (s.ownerEmail !== undefined && !users.some((u) => u.email.toLowerCase() === owner)) {
      invalid(scope, `subscriptions[${i}].ownerEmail`, `'${s.ownerEmail}' is not one of the group's users`, users.map((u) => u.email).join(', ') || 'the e-mail of an entry of users (none are given)');
    }
    const count = (perOwner.get(owner) ?? 0) + 1;
    perOwner.set(owner, count);
    if (count > limit) {
      invalid(scope, `subscriptions[${i}]`, `is subscription ${count} of ${s.ownerEmail ?? 'the administrator'}, above subscriptionsLimit ${limit}`, `at most ${limit} per owner, or a higher subscriptionsLimit`);
    }
  });
  return [...subs];
}

function checkClients(scope: Construct, clients: ConsumerClientApplication[], groupRoles: string[]): ConsumerClientApplication[] {
  clients.forEach((c, i) => {
    const p = `clientApplications[${i}]`;
    checkLiteralProp(scope, `${p}.name`, c.name);
    if (typeof c.name !== 'string' || !CLIENT_APP_NAME.test(c.name)) {
      invalid(scope, `${p}.name`, `'${c.name}' is not a client application name`, 'letters, digits, spaces, ., _ and -, 1 to 120 characters, starting and ending with a letter or digit');
    }
    if (clients.findIndex((o) => o.name === c.name) !== i) invalid(scope, `${p}.name`, `repeats '${c.name}'`, 'each client application once');
    if (c.roles !== undefined) checkRoles(scope, `${p}.roles`, c.roles, groupRoles);
    if (c.principalObjectId !== undefined) {
      checkObjectId(scope, `${p}.principalObjectId`, c.principalObjectId);
      if (c.federatedCredentials !== undefined) {
        invalid(scope, `${p}.federatedCredentials`, 'is set with principalObjectId', 'federated credentials only for a client application this group creates');
      }
    }
    (c.federatedCredentials ?? []).forEach((f, j) => {
      const fp = `${p}.federatedCredentials[${j}]`;
      if (typeof f.name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_-]{0,119}$/.test(f.name)) {
        invalid(scope, `${fp}.name`, `'${f.name}' is not a credential name`, 'letters, digits, - and _, 1 to 120 characters');
      }
      if ((c.federatedCredentials ?? []).findIndex((o) => o.name === f.name) !== j) invalid(scope, `${fp}.name`, `repeats '${f.name}'`, 'each credential name once');
      checkHttpsUrl(scope, `${fp}.issuer`, f.issuer);
      checkText(scope, `${fp}.subject`, f.subject, 600);
      if (f.audiences !== undefined) {
        if (Array.isArray(f.audiences) && f.audiences.length === 0) invalid(scope, `${fp}.audiences`, 'is empty', `at least one audience, usually ${FEDERATED_TOKEN_AUDIENCE}`);
        checkProviderRule(scope, `${fp}.audiences`, f.audiences, 'azuread_application_federated_identity_credential.audiences');
        f.audiences.forEach((a, k) => checkText(scope, `${fp}.audiences[${k}]`, a, 600));
      }
    });
  });
  return [...clients];
}

/**
 * The product's and group's description when none is given, cut to the 1000 characters APIM
 * takes (REST spec ProductContractProperties / GroupContractProperties.description).
 */
function defaultDescription(apiNames: string[], roles: string[]): string {
  const text = `Consumers of ${apiNames.join(', ')} with roles ${roles.join(', ')}.`;
  return text.length <= 1000 ? text : `${text.slice(0, 999)}…`;
}
