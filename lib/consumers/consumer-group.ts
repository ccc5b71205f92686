import { AppRoleAssignment } from '@cdktf/provider-azuread/lib/app-role-assignment';
import { Group } from '@cdktf/provider-azuread/lib/group';
import { ApiManagementGroup } from '@cdktf/provider-azurerm/lib/api-management-group';
import { ApiManagementProduct } from '@cdktf/provider-azurerm/lib/api-management-product';
import { ApiManagementSubscription } from '@cdktf/provider-azurerm/lib/api-management-subscription';
import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { addApimUsers } from './apim-users';
import { grantAppRoles, grantedFor } from './app-role-assignments';
import { addClientApplication } from './client-applications';
import { checkConsumerGroupProps } from './consumer-group-validation';
import { apimServiceOf, createApimGroup, createProduct, createProductPolicy } from './consumer-product';
import { ConsumerClientApplication, ConsumerClientApplicationAttributes, ConsumerSubscription, ConsumerUser } from './consumer-types';
import { addEntraGroupMembers, linkEntraGroup } from './entra-group';
import { addSubscriptions } from './product-subscriptions';
import { ProtectedApi } from '../api/protected-api';
import { invalid } from '../core/errors';
import { Quota, RateLimit } from '../core/rate-limit';
import { IHealthcareApimPlatform } from '../platform/healthcare-apim-platform';
import { PolicyDocument, PolicyElement, PolicySection } from '../policy';

export { FEDERATED_TOKEN_AUDIENCE } from './client-applications';
export { DEFAULT_PRODUCT_TERMS } from './consumer-product';
export type {
  ConsumerClientApplication, ConsumerClientApplicationAttributes, ConsumerSubscription, ConsumerUser, FederatedCredential,
} from './consumer-types';

/** Properties of `ConsumerGroup`. */
export interface ConsumerGroupProps {
  /** The platform whose APIs the group calls. */
  readonly platform: IHealthcareApimPlatform;
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
   * A description of the group and its product, up to 1000 characters.
   * @default - a description naming the APIs and roles (cut to 1000 characters)
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
   * Named opt-out: subscriptions to the group's product are activated without an
   * administrator's approval. Leaves a warning.
   * @default false - an administrator approves each subscription request
   */
  readonly allowSubscriptionsWithoutApproval?: boolean;
  /**
   * Whether an administrator must approve each subscription request.
   * @default true
   * @deprecated use `allowSubscriptionsWithoutApproval: true` instead of `approvalRequired: false`
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
  public readonly platform: IHealthcareApimPlatform;
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

  private readonly subscriptionsByName: Map<string, ApiManagementSubscription>;
  private readonly entraWrites: boolean;

  constructor(scope: Construct, id: string, props: ConsumerGroupProps) {
    super(scope, id);
    const settings = checkConsumerGroupProps(this, props);
    const { platform, name, apis, roles } = settings;
    this.platform = platform;
    this.groupName = name;
    this.productId = name;
    this.roles = roles;
    this.apis = apis;
    const service = apimServiceOf(platform);

    const entra = linkEntraGroup(this, settings);
    this.entraGroup = entra.group;
    this.entraGroupObjectId = entra.objectId;
    addEntraGroupMembers(this, this.entraGroupObjectId, settings.members);

    this.apimGroup = createApimGroup(this, service, settings, this.entraGroupObjectId);
    this.product = createProduct(this, service, settings, this.apimGroup);
    this.policy = createProductPolicy(this, service, settings, this.product);

    this.entraWrites = settings.entraWrites;
    this.roleAssignments = settings.entraWrites ? grantAppRoles(this, 'RoleAssignment', apis, roles, this.entraGroupObjectId) : [];
    this.clientApplications = settings.clients.map((client) => addClientApplication(this, client, apis, roles));

    const usersByEmail = addApimUsers(this, service, this.apimGroup, settings.users);
    const subscriptions = addSubscriptions(this, service, settings, this.product, usersByEmail);
    this.subscriptionsByName = subscriptions.byName;
    this.subscriptions = [...subscriptions.byName.values()];
    this.subscriptionKeySecrets = subscriptions.keySecrets;
  }

  /**
   * Adds an API of the platform to the group after construction: the API joins the group's
   * product, and the group and its client applications are granted the group's roles that the
   * API declares (once per app registration: versions of an API share one). The client
   * applications' `required_resource_access` (what the portal shows) keeps the APIs given at
   * construction.
   *
   * @param api a ProtectedApi of the group's platform that declares at least one of the group's roles
   */
  public addApi(api: ProtectedApi): void {
    const where = `${this.node.path}.addApi`;
    if (!(api instanceof ProtectedApi)) invalid(where, 'api', 'is not a ProtectedApi', `a ProtectedApi of ${this.platform.node.path}`);
    if (api.platform !== this.platform) invalid(where, 'api', `(${api.node.path}) is published on another platform`, `a ProtectedApi of ${this.platform.node.path}`);
    if (this.apis.some((a) => a.apiName === api.apiName)) invalid(where, 'api', `(${api.apiName}) is already one of the group's APIs`, 'each API once');
    const roles = this.roles.filter((r) => api.roles.includes(r));
    if (roles.length === 0) {
      invalid(where, 'api', `(${api.apiName}) declares none of the group's roles ${this.roles.join(', ')}`, `an API that declares one of them (it declares ${api.roles.join(', ')})`);
    }
    const before = [...this.apis];
    this.apis.push(api);
    api.addToProduct(`Product-${this.groupName}`, this.product.productId);
    if (this.entraWrites) {
      this.roleAssignments.push(...grantAppRoles(this, 'RoleAssignment', [api], this.roles, this.entraGroupObjectId, grantedFor(before, this.roles)));
    }
    for (const client of this.clientApplications) {
      const scope = this.node.findChild(`ClientApp-${client.name}`) as Construct;
      grantAppRoles(scope, 'RoleAssignment', [api], client.roles, client.principalObjectId, grantedFor(before, client.roles));
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
}
