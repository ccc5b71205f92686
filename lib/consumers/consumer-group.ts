import { createHash } from 'crypto';
import { AppRoleAssignment } from '@cdktf/provider-azuread/lib/app-role-assignment';
import { Application } from '@cdktf/provider-azuread/lib/application';
import { ApplicationFederatedIdentityCredential } from '@cdktf/provider-azuread/lib/application-federated-identity-credential';
import { Group } from '@cdktf/provider-azuread/lib/group';
import { GroupMember } from '@cdktf/provider-azuread/lib/group-member';
import { ServicePrincipal } from '@cdktf/provider-azuread/lib/service-principal';
import { ApiManagementGroup } from '@cdktf/provider-azurerm/lib/api-management-group';
import { ApiManagementGroupUser } from '@cdktf/provider-azurerm/lib/api-management-group-user';
import { ApiManagementProduct } from '@cdktf/provider-azurerm/lib/api-management-product';
import { ApiManagementProductGroup } from '@cdktf/provider-azurerm/lib/api-management-product-group';
import { ApiManagementProductPolicy } from '@cdktf/provider-azurerm/lib/api-management-product-policy';
import { ApiManagementSubscription } from '@cdktf/provider-azurerm/lib/api-management-subscription';
import { ApiManagementUser } from '@cdktf/provider-azurerm/lib/api-management-user';
import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { Annotations, IResolveContext, Lazy, TerraformIterator, TerraformOutput, Token } from 'cdktf';
import { Construct } from 'constructs';
import { CONSUMER_GROUP_TYPES } from './prop-types';
import { DEFAULT_SUBSCRIPTION_QUOTA, DEFAULT_SUBSCRIPTION_RATE_LIMIT } from '../api/defaults';
import { ProtectedApi } from '../api/protected-api';
import { Quota, RateLimit } from '../api/types';
import { checkHttpsUrl, checkLiteralProp, checkQuotaPeriod, checkRole, checkText, checkWhole, subscriptionCounterKey, tfLiteral } from '../api/validation';
import { invalid } from '../core/errors';
import { checkProviderRule } from '../core/provider-rules';
import { checkTypes, isGuid, requireString } from '../core/validation';
import { RETRY_AFTER_VARIABLE } from '../platform/global-policy';
import { warnOptOut } from '../compliance/opt-out';
import { KeyVaultRole } from '../foundation/platform-key-vault';
import { SecureHealthcareApim } from '../platform/secure-healthcare-apim';
import { checkBoolean, checkEmail } from '../core/azure-names';
import { PolicyDocument, PolicyElement, PolicyScope, PolicySection, QuotaByKey, RateLimitByKey } from '../policy';

/** The terms of use shown when a developer subscribes, unless `terms` is given. */
export const DEFAULT_PRODUCT_TERMS = 'These APIs process protected health information (PHI). By subscribing you agree to use them '
  + 'only for purposes permitted by your organization\'s HIPAA policies and business associate agreements, to request only the '
  + 'minimum necessary data, never to store, log, cache or share PHI outside approved systems, to keep subscription keys and '
  + 'tokens secret, and to report any suspected security incident immediately. Access is logged and reviewed.';

/** The audience Entra ID expects in federated credential tokens. */
export const FEDERATED_TOKEN_AUDIENCE = 'api://AzureADTokenExchange';

const GROUP_NAME = /^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){0,79}$/;
const SUBSCRIPTION_NAME = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,79}$/;
const CLIENT_APP_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9 ._-]{0,118}[A-Za-z0-9])?$/;
const MAX_SUBSCRIPTIONS_LIMIT = 100;

/** An APIM user (developer portal account) added to the group. */
export interface ConsumerUser {
  /** The user's e-mail address; also derives the APIM user id. */
  readonly email: string;
  /** First name, 1 to 100 characters. */
  readonly firstName: string;
  /** Last name, 1 to 100 characters. */
  readonly lastName: string;
}

/** A subscription to the group's product, created pre-approved by the administrator who writes the code. */
export interface ConsumerSubscription {
  /** The subscription id: lowercase letters, digits and single hyphens, 1 to 80 characters. */
  readonly name: string;
  /**
   * The name shown in the portal.
   * @default - the name
   */
  readonly displayName?: string;
  /**
   * E-mail of one of the group's `users` who owns the subscription.
   * @default - owned by the administrator (no developer owner)
   */
  readonly ownerEmail?: string;
}

/** A federated credential that lets a workload sign in as a client application without a secret. */
export interface FederatedCredential {
  /** A name for the credential: letters, digits, `-` and `_`, 1 to 120 characters. */
  readonly name: string;
  /** The https URL of the token issuer, e.g. `https://token.actions.githubusercontent.com`. */
  readonly issuer: string;
  /** The subject of the workload's token, e.g. `repo:contoso/claims:environment:prod`. */
  readonly subject: string;
  /**
   * Audiences accepted in the workload's token.
   * @default ['api://AzureADTokenExchange']
   */
  readonly audiences?: string[];
}

/** A daemon (app-only) caller granted roles on the group's APIs. */
export interface ConsumerClientApplication {
  /** The app registration's display name: letters, digits, spaces, `.`, `_` and `-`, 1 to 120 characters. */
  readonly name: string;
  /**
   * The roles granted to this client: a subset of the group's roles.
   * @default - all of the group's roles
   */
  readonly roles?: string[];
  /**
   * Object id of an existing service principal or managed identity to grant instead of registering an app.
   * @default - an app registration and service principal are created, with no secret
   */
  readonly principalObjectId?: string;
  /**
   * Federated credentials of the created app (workload identity federation; no secret ever exists).
   * Only for a created app.
   * @default - none: add a certificate or federated credential to the app outside this construct
   */
  readonly federatedCredentials?: FederatedCredential[];
}

/** A client application of a consumer group, as created. */
export interface ConsumerClientApplicationAttributes {
  /** The name given in `clientApplications`. */
  readonly name: string;
  /** Object id of the service principal that holds the role grants. */
  readonly principalObjectId: string;
  /**
   * The created app's client id (the `azp`/`appid` in its tokens).
   * @default - none: an existing principal was given, not a created app
   */
  readonly clientId?: string;
  /** The roles granted. */
  readonly roles: string[];
}

/** Properties of `ConsumerGroup`. */
export interface ConsumerGroupProps {
  /** The platform whose APIs the group calls. */
  readonly platform: SecureHealthcareApim;
  /**
   * The group name: a lowercase letter, then lowercase letters, digits and single hyphens, up
   * to 80 characters. Names the APIM group and the group's product.
   */
  readonly name: string;
  /** The ProtectedApis of the platform this group may call; at least one, each once. */
  readonly apis: ProtectedApi[];
  /**
   * App roles granted to the group on those APIs. Each must be declared by at least one of
   * the APIs; it is granted on every API that declares it.
   */
  readonly roles: string[];
  /**
   * The name shown in the developer portal and in Entra ID.
   * @default - the name
   */
  readonly displayName?: string;
  /**
   * A description of the group and its product.
   * @default - a description naming the APIs and roles
   */
  readonly description?: string;
  /**
   * Object id of an existing Entra ID security group to link instead of creating one.
   * @default - a security group named `<APIM name>-<name>` is created
   */
  readonly existingGroupObjectId?: string;
  /**
   * Whether this stack assigns the group its app roles on the APIs (`azuread_app_role_assignment`,
   * which needs the Microsoft Graph permission AppRoleAssignment.ReadWrite.All). Set `false`
   * when Entra ID objects live in a separate stack run by a more privileged pipeline: together
   * with `existingGroupObjectId` and APIs on `existingApp`, this stack then touches nothing in
   * Entra ID. Members and client applications need Entra ID writes, so they are refused then.
   * @default true
   */
  readonly entraRoleAssignments?: boolean;
  /**
   * Whether an administrator must approve each subscription request. Setting `false` is a
   * security opt-out and leaves a warning.
   * @default true
   */
  readonly approvalRequired?: boolean;
  /**
   * Subscriptions one developer may hold to the group's product, 1 to 100.
   * @default 1
   */
  readonly subscriptionsLimit?: number;
  /**
   * Terms of use a developer accepts when subscribing.
   * @default DEFAULT_PRODUCT_TERMS (HIPAA minimum-necessary use, no PHI outside approved systems)
   */
  readonly terms?: string;
  /**
   * The group's rate tier: calls per window for one subscription, across the group's APIs.
   * @default - 300 calls per 60 seconds
   */
  readonly rateLimit?: RateLimit;
  /**
   * The group's quota tier: calls per period for one subscription, across the group's APIs.
   * @default - 100,000 calls per day
   */
  readonly quota?: Quota;
  /**
   * Subscriptions to create, scoped to the group's product (never to all APIs).
   * @default - none; developers request them in the portal
   */
  readonly subscriptions?: ConsumerSubscription[];
  /**
   * Whether to store each subscription's primary and secondary keys as secrets in the platform
   * Key Vault (`apim-<group>-<subscription>-primary|secondary`). Terraform writes them through
   * the vault's data plane, so the platform needs `keyVaultDeployerAccess` (synth fails
   * without it); the deployer is granted Key Vault Secrets Officer and the writes wait for the
   * role to propagate. (An ARM deployment of the secrets would pass the firewall, but its
   * secure parameters give a plan diff on every run: azurerm#15394.)
   * @default false - read keys with `subscriptionKeyOutput(name)`, a sensitive output
   */
  readonly storeSubscriptionKeysInKeyVault?: boolean;
  /**
   * Daemon callers granted roles on the group's APIs (client credentials flow).
   * @default - none
   */
  readonly clientApplications?: ConsumerClientApplication[];
  /**
   * Object ids of Entra ID users, groups or service principals to add to the Entra ID group.
   * A literal id gets its own `azuread_group_member` (`Member-<object id>`); ids given as
   * expressions (variables, references) share one `azuread_group_member` (`Members`) with
   * `for_each`, keyed by the expression (`var.x`, `azuread_service_principal.y.object_id`), so
   * adding or removing one never moves the others.
   * @default - none
   */
  readonly memberObjectIds?: string[];
  /**
   * APIM users (developer portal accounts) to create and add to the APIM group.
   * @default - none
   */
  readonly users?: ConsumerUser[];
}

/**
 * Who may call which APIs: an Entra ID security group linked to an APIM external group, a
 * product for the group (approval-gated, limited subscriptions, terms of use, rate and quota
 * tiers), the group's APIs in that product, and app-role grants so members' tokens carry the
 * roles the APIs require.
 *
 * Assigning app roles to a group needs Entra ID P1 or P2 in the tenant.
 *
 * @example
 * new ConsumerGroup(stack, 'Clinicians', {
 *   platform,
 *   name: 'clinicians',
 *   apis: [patients],
 *   roles: ['Patient.Read', 'Patient.Write'],
 * });
 */
export class ConsumerGroup extends Construct {
  /** The platform. */
  public readonly platform: SecureHealthcareApim;
  /** The group name (APIM group name). */
  public readonly groupName: string;
  /** The product id (equal to the group name). */
  public readonly productId: string;
  /** The granted roles, in the order given. */
  public readonly roles: string[];
  /** The APIs the group may call. */
  public readonly apis: ProtectedApi[];
  /** Object id of the Entra ID security group. */
  public readonly entraGroupObjectId: string;
  /** The created Entra ID group, unless an existing one is linked. */
  public readonly entraGroup?: Group;
  /** The APIM group (type external). */
  public readonly apimGroup: ApiManagementGroup;
  /** The group's product. */
  public readonly product: ApiManagementProduct;
  /** The product policy (rate and quota tier); add elements with `addPolicyElements`. */
  public readonly policy: PolicyDocument;
  /** The app-role assignments to the Entra ID group, one per role per API that declares it. */
  public readonly roleAssignments: AppRoleAssignment[];
  /** The subscriptions created, all scoped to the product. */
  public readonly subscriptions: ApiManagementSubscription[];
  /** Key Vault secrets holding subscription keys (when `storeSubscriptionKeysInKeyVault`). */
  public readonly subscriptionKeySecrets: KeyVaultSecret[];
  /** The client applications and what they were granted. */
  public readonly clientApplications: ConsumerClientApplicationAttributes[];

  private readonly subscriptionsByName = new Map<string, ApiManagementSubscription>();

  constructor(scope: Construct, id: string, props: ConsumerGroupProps) {
    super(scope, id);
    // ---------------------------------------------------------------- validation
    checkTypes(this, '', props, CONSUMER_GROUP_TYPES);
    const platform = props.platform;
    checkLiteralProp(this, 'name', props.name);
    if (typeof props.name !== 'string' || !GROUP_NAME.test(props.name)) {
      invalid(this, 'name', `'${props.name}' is not a group name`, 'a lowercase letter, then lowercase letters, digits and single hyphens, up to 80 characters, e.g. clinicians');
    }
    const name = props.name;
    const apis = checkApis(this, platform, props.apis);
    const declared = [...new Set(apis.flatMap((a) => a.roles))].sort();
    const roles = checkRoles(this, 'roles', props.roles, declared);
    const displayName = props.displayName === undefined ? name : checkText(this, 'displayName', props.displayName, 300);
    const description = props.description === undefined
      ? `Consumers of ${apis.map((a) => a.apiName).join(', ')} with roles ${roles.join(', ')}.`
      : checkText(this, 'description', props.description, 1000);
    const terms = props.terms === undefined ? DEFAULT_PRODUCT_TERMS : checkText(this, 'terms', props.terms, 10_000);
    const approvalRequired = props.approvalRequired ?? true;
    const subscriptionsLimit = checkWhole(this, 'subscriptionsLimit', props.subscriptionsLimit ?? 1, 1, MAX_SUBSCRIPTIONS_LIMIT);
    const rate = props.rateLimit ?? DEFAULT_SUBSCRIPTION_RATE_LIMIT;
    checkWhole(this, 'rateLimit.calls', rate.calls, 1, 1_000_000);
    checkWhole(this, 'rateLimit.renewalPeriodSeconds', rate.renewalPeriodSeconds, 1, 300);
    const quota = props.quota ?? DEFAULT_SUBSCRIPTION_QUOTA;
    checkWhole(this, 'quota.calls', quota.calls, 1, 1_000_000_000);
    checkQuotaPeriod(this, 'quota.renewalPeriodSeconds', quota.renewalPeriodSeconds);
    const existingGroup = props.existingGroupObjectId === undefined ? undefined : checkObjectId(this, 'existingGroupObjectId', props.existingGroupObjectId);
    const members = checkObjectIds(this, 'memberObjectIds', props.memberObjectIds ?? []);
    const users = checkUsers(this, props.users ?? []);
    const subscriptions = checkSubscriptions(this, props.subscriptions ?? [], users, subscriptionsLimit);
    const entraWrites = checkBoolean(this, 'entraRoleAssignments', props.entraRoleAssignments, true);
    const clients = checkClients(this, props.clientApplications ?? [], roles);
    if (props.storeSubscriptionKeysInKeyVault) {
      subscriptions.forEach((sub, i) => {
        const secretName = `apim-${name}-${sub.name}-secondary`;
        if (secretName.length > 127) {
          invalid(this, `subscriptions[${i}].name`, `makes the Key Vault secret name '${secretName}' ${secretName.length} characters long`, 'group and subscription names together at most 107 characters, so secret names stay within 127');
        }
      });
    }
    registerGroup(this, platform, name, existingGroup);
    if (!approvalRequired) {
      warnOptOut(this, 'approvalRequired', `Subscriptions to the '${name}' product are activated without an administrator's approval.`);
    }

    this.platform = platform;
    this.groupName = name;
    this.productId = name;
    this.roles = roles;
    this.apis = apis;
    const common = { apiManagementName: platform.apimName, resourceGroupName: platform.resourceGroupName };

    // ---------------------------------------------------------------- Entra ID group
    if (existingGroup === undefined) {
      const apimName = platform.apim.nameInput;
      const prefix = apimName !== undefined && !Token.isUnresolved(apimName) ? apimName : 'apim';
      this.entraGroup = new Group(this, 'EntraGroup', {
        displayName: tfLiteral(`${prefix}-${name}`),
        description: tfLiteral(description.slice(0, 1024)),
        securityEnabled: true,
        mailEnabled: false,
        preventDuplicateNames: true,
      });
      this.entraGroupObjectId = this.entraGroup.objectId;
    } else {
      this.entraGroupObjectId = existingGroup;
    }
    if (!entraWrites) {
      if (existingGroup === undefined) invalid(this, 'existingGroupObjectId', 'is missing with entraRoleAssignments: false, so the Entra ID group would be created here', 'the object id of the group the Entra ID stack created');
      if (members.length) invalid(this, 'memberObjectIds', 'are set with entraRoleAssignments: false (group members are Entra ID writes)', 'members managed in the Entra ID stack, or entraRoleAssignments: true');
      if (clients.length) invalid(this, 'clientApplications', 'are set with entraRoleAssignments: false (their app registrations and role grants are Entra ID writes)', 'client applications managed in the Entra ID stack, or entraRoleAssignments: true');
    }
    this.addMembers(members);

    // ---------------------------------------------------------------- APIM group and product
    this.apimGroup = new ApiManagementGroup(this, 'Group', {
      ...common,
      name,
      displayName: tfLiteral(displayName),
      description: tfLiteral(description),
      type: 'external',
      externalId: `aad://${platform.tenantId}/groups/${this.entraGroupObjectId}`,
    });
    this.product = new ApiManagementProduct(this, 'Product', {
      ...common,
      productId: name,
      displayName: tfLiteral(displayName),
      description: tfLiteral(description),
      subscriptionRequired: true,
      approvalRequired,
      subscriptionsLimit,
      published: true,
      terms: tfLiteral(terms),
    });
    new ApiManagementProductGroup(this, 'ProductGroup', { ...common, productId: this.product.productId, groupName: this.apimGroup.name });
    for (const api of apis) api.addToProduct(`Product-${name}`, this.product.productId);

    // The product scope runs before the API scope: the group's tier caps every subscription
    // across all of its APIs; each API's own per-subscription limits still apply after it.
    this.policy = new PolicyDocument({ scope: PolicyScope.PRODUCT });
    if (platform.sku.supportsKeyedLimits) {
      this.policy.add(PolicySection.INBOUND,
        new RateLimitByKey({
          calls: rate.calls,
          renewalPeriodSeconds: rate.renewalPeriodSeconds,
          counterKey: subscriptionCounterKey(`${name}:rate:`),
          retryAfterVariableName: RETRY_AFTER_VARIABLE,
        }),
        new QuotaByKey({ calls: quota.calls, renewalPeriodSeconds: quota.renewalPeriodSeconds, counterKey: subscriptionCounterKey(`${name}:quota:`) }),
      );
    } else {
      Annotations.of(this).addWarning(`The ${platform.sku.tier} tier has no rate-limit-by-key or quota-by-key, so the group's rate and quota tiers are not enforced.`);
    }
    const policy = this.policy;
    new ApiManagementProductPolicy(this, 'ProductPolicy', {
      ...common,
      productId: this.product.productId,
      xmlContent: Lazy.stringValue({ produce: () => policy.toTerraformString() }),
    });

    // ---------------------------------------------------------------- app-role grants
    this.roleAssignments = entraWrites ? grants(this, 'RoleAssignment', apis, roles, this.entraGroupObjectId) : [];
    this.clientApplications = clients.map((client) => this.addClient(client, apis, roles));

    // ---------------------------------------------------------------- APIM users
    const userIds = new Map<string, ApiManagementUser>();
    for (const user of users) {
      const userId = userIdOf(user.email);
      const created = new ApiManagementUser(this, `User-${userId}`, {
        ...common,
        userId,
        email: tfLiteral(user.email),
        firstName: tfLiteral(user.firstName),
        lastName: tfLiteral(user.lastName),
        state: 'active',
      });
      new ApiManagementGroupUser(this, `GroupUser-${userId}`, { ...common, groupName: this.apimGroup.name, userId: created.userId });
      userIds.set(user.email.toLowerCase(), created);
    }

    // ---------------------------------------------------------------- subscriptions
    this.subscriptions = [];
    this.subscriptionKeySecrets = [];
    const writable = props.storeSubscriptionKeysInKeyVault && subscriptions.length > 0
      ? platform.keyVault.deployerDataPlaneAccess(this, 'the subscription keys (storeSubscriptionKeysInKeyVault)',
        'storeSubscriptionKeysInKeyVault: false, reading keys with subscriptionKeyOutput(name)', KeyVaultRole.SECRETS_OFFICER)
      : [];
    for (const s of subscriptions) {
      const owner = s.ownerEmail === undefined ? undefined : userIds.get(s.ownerEmail.toLowerCase());
      const subscription = new ApiManagementSubscription(this, `Subscription-${s.name}`, {
        ...common,
        subscriptionId: s.name,
        displayName: tfLiteral(s.displayName ?? s.name),
        productId: this.product.id,
        userId: owner?.id,
        state: 'active',
        allowTracing: false,
      });
      this.subscriptions.push(subscription);
      this.subscriptionsByName.set(s.name, subscription);
      if (props.storeSubscriptionKeysInKeyVault) {
        for (const [which, value] of [['primary', subscription.primaryKey], ['secondary', subscription.secondaryKey]] as const) {
          this.subscriptionKeySecrets.push(new KeyVaultSecret(this, `SubscriptionKey-${s.name}-${which}`, {
            name: `apim-${name}-${s.name}-${which}`,
            keyVaultId: platform.keyVault.vaultId,
            value,
            contentType: 'application/vnd.apim.subscription-key',
            tags: { 'apim-product': name, 'apim-subscription': s.name },
            dependsOn: writable,
          }));
        }
      }
    }
  }

  /**
   * Adds your own elements to the product policy, after the group's rate and quota tier.
   */
  public addPolicyElements(section: PolicySection, ...elements: PolicyElement[]): void {
    this.policy.add(section, ...elements);
  }

  /**
   * A sensitive Terraform output with a subscription's primary key (keys are never plain
   * outputs). Read it with `terraform output -raw <name>`.
   */
  public subscriptionKeyOutput(subscriptionName: string): TerraformOutput {
    const subscription = this.subscriptionsByName.get(subscriptionName);
    if (!subscription) {
      invalid(this, 'subscriptionName', `'${subscriptionName}' is not a subscription of this group`, [...this.subscriptionsByName.keys()].join(', ') || 'none: the group has no subscriptions');
    }
    return new TerraformOutput(this, `SubscriptionKeyOutput-${subscriptionName}`, {
      value: subscription.primaryKey,
      sensitive: true,
      description: `Primary key of the '${subscriptionName}' subscription to the '${this.productId}' product`,
    });
  }

  /**
   * Members at stable addresses: a literal object id is its own key (`Member-<id>`); members
   * given as expressions share one resource whose `for_each` map is keyed by each expression
   * (literal keys, so Terraform knows them at plan even when the ids are known only at apply).
   * Earlier versions put expression members at list positions (`Member<i>`): a `moved` block
   * from each of those addresses keeps existing memberships instead of re-creating them.
   */
  private addMembers(members: string[]): void {
    const expressions: Array<[number, string]> = [];
    members.forEach((member, i) => {
      if (Token.isUnresolved(member)) {
        expressions.push([i, member]);
      } else {
        new GroupMember(this, `Member-${member.toLowerCase()}`, { groupObjectId: this.entraGroupObjectId, memberObjectId: member });
      }
    });
    if (expressions.length === 0) return;
    const byKey = TerraformIterator.fromMap(Lazy.anyValue({
      produce: (context) => Object.fromEntries(expressions.map(([, member]) => [memberKey(context, member), member])),
    }) as unknown as Record<string, string>);
    const keyed = new GroupMember(this, 'Members', { forEach: byKey, groupObjectId: this.entraGroupObjectId, memberObjectId: byKey.value });
    const target = `${this.node.path}/Members`;
    keyed.addMoveTarget(target);
    for (const [i, member] of expressions) {
      const previous = new GroupMember(this, `Member${i}`, { groupObjectId: this.entraGroupObjectId, memberObjectId: member });
      previous.moveTo(target, Lazy.stringValue({ produce: (context) => memberKey(context, member) }));
    }
  }

  private addClient(client: ConsumerClientApplication, apis: ProtectedApi[], groupRoles: string[]): ConsumerClientApplicationAttributes {
    const scope = new Construct(this, `ClientApp-${client.name}`);
    const roles = client.roles ?? groupRoles;
    let principalObjectId = client.principalObjectId;
    let clientId: string | undefined;
    if (principalObjectId === undefined) {
      const app = new Application(scope, 'App', {
        displayName: tfLiteral(client.name),
        signInAudience: 'AzureADMyOrg',
        // Shows the application permissions in the portal; the grants below are what count.
        requiredResourceAccess: apis.map((api) => ({
          resourceAppId: api.clientId,
          resourceAccess: roles.filter((r) => api.roles.includes(r)).map((r) => ({ id: api.appRoleId(r), type: 'Role' })),
        })).filter((access) => access.resourceAccess.length > 0),
      });
      const sp = new ServicePrincipal(scope, 'ServicePrincipal', { clientId: app.clientId });
      (client.federatedCredentials ?? []).forEach((cred) => {
        new ApplicationFederatedIdentityCredential(scope, `FederatedCredential-${cred.name}`, {
          applicationId: app.id,
          displayName: tfLiteral(cred.name),
          issuer: tfLiteral(cred.issuer),
          subject: tfLiteral(cred.subject),
          audiences: (cred.audiences ?? [FEDERATED_TOKEN_AUDIENCE]).map((a) => tfLiteral(a)),
        });
      });
      principalObjectId = sp.objectId;
      clientId = app.clientId;
    }
    grants(scope, 'RoleAssignment', apis, roles, principalObjectId);
    return { name: client.name, principalObjectId, clientId, roles };
  }
}

// ------------------------------------------------------------------ helpers

const groupsByPlatform = new WeakMap<SecureHealthcareApim, Map<string, string>>();

/** Refuses a second group with the same name, or the same Entra ID group, on one platform. */
function registerGroup(scope: Construct, platform: SecureHealthcareApim, name: string, existingGroup: string | undefined): void {
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

function checkApis(scope: Construct, platform: SecureHealthcareApim, apis: ProtectedApi[]): ProtectedApi[] {
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
    const first = users.findIndex((o) => userIdOf(o.email) === userIdOf(u.email));
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

/** One app-role assignment per role per API that declares it. */
function grants(scope: Construct, prefix: string, apis: ProtectedApi[], roles: string[], principalObjectId: string): AppRoleAssignment[] {
  const result: AppRoleAssignment[] = [];
  for (const api of apis) {
    for (const role of roles.filter((r) => api.roles.includes(r))) {
      result.push(new AppRoleAssignment(scope, `${prefix}-${api.apiName}-${role.replace(/\//g, '%2F')}`, {
        appRoleId: api.appRoleId(role),
        principalObjectId,
        resourceObjectId: api.servicePrincipalObjectId,
      }));
    }
  }
  return result;
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

/** The APIM user id for an e-mail address: lowercase letters, digits and hyphens, up to 80 characters. */
function userIdOf(email: string): string {
  return email.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80).replace(/-+$/, '');
}
