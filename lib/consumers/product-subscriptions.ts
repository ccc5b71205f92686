/** Subscriptions to the consumer group's product, and their keys in the platform Key Vault. Internal. */
import { ApiManagementProduct } from '@cdktf/provider-azurerm/lib/api-management-product';
import { ApiManagementSubscription } from '@cdktf/provider-azurerm/lib/api-management-subscription';
import { ApiManagementUser } from '@cdktf/provider-azurerm/lib/api-management-user';
import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { Construct } from 'constructs';
import type { ConsumerGroupSettings } from './consumer-group-validation';
import type { ApimService } from './consumer-product';
import { tfLiteral } from '../core/literal';

/** The subscriptions created, and the secrets holding their keys. */
export interface ProductSubscriptions {
  /** The subscriptions by name, in the order given. */
  readonly byName: Map<string, ApiManagementSubscription>;
  /** `apim-<group>-<subscription>-primary|secondary`, when `storeSubscriptionKeysInKeyVault`. */
  readonly keySecrets: KeyVaultSecret[];
}

/**
 * Each subscription (`Subscription-<name>`), active and scoped to the product, owned by one of
 * the group's users or by the administrator; with `storeSubscriptionKeysInKeyVault`, its keys
 * as vault secrets written once the deployer's data-plane role has propagated.
 */
export function addSubscriptions(
  scope: Construct, service: ApimService, settings: ConsumerGroupSettings, product: ApiManagementProduct,
  usersByEmail: Map<string, ApiManagementUser>,
): ProductSubscriptions {
  const { name, platform, subscriptions } = settings;
  const byName = new Map<string, ApiManagementSubscription>();
  const keySecrets: KeyVaultSecret[] = [];
  const writable = settings.storeSubscriptionKeysInKeyVault && subscriptions.length > 0
    ? platform._keyVaultSecretWrites(scope, 'the subscription keys (storeSubscriptionKeysInKeyVault)',
      'storeSubscriptionKeysInKeyVault: false, reading keys with subscriptionKeyOutput(name)')
    : [];
  for (const s of subscriptions) {
    const owner = s.ownerEmail === undefined ? undefined : usersByEmail.get(s.ownerEmail.toLowerCase());
    const subscription = new ApiManagementSubscription(scope, `Subscription-${s.name}`, {
      ...service,
      subscriptionId: s.name,
      displayName: tfLiteral(s.displayName ?? s.name),
      productId: product.id,
      userId: owner?.id,
      state: 'active',
      allowTracing: false,
    });
    byName.set(s.name, subscription);
    if (settings.storeSubscriptionKeysInKeyVault) {
      for (const [which, value] of [['primary', subscription.primaryKey], ['secondary', subscription.secondaryKey]] as const) {
        keySecrets.push(new KeyVaultSecret(scope, `SubscriptionKey-${s.name}-${which}`, {
          name: `apim-${name}-${s.name}-${which}`,
          keyVaultId: platform._keyVaultId,
          value,
          contentType: 'application/vnd.apim.subscription-key',
          // Expires at the vault's next rotation date plus the overlap: stable from plan to plan.
          expirationDate: platform._keyVaultSecretExpiry(scope),
          tags: { 'apim-product': name, 'apim-subscription': s.name },
          dependsOn: writable,
        }));
      }
    }
  }
  return { byName, keySecrets };
}
