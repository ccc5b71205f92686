/** The consumer group's APIM group and product: the group's APIs, its terms, and its rate and quota tier. Internal. */
import { ApiManagementGroup } from '@cdktf/provider-azurerm/lib/api-management-group';
import { ApiManagementProduct } from '@cdktf/provider-azurerm/lib/api-management-product';
import { ApiManagementProductGroup } from '@cdktf/provider-azurerm/lib/api-management-product-group';
import { ApiManagementProductPolicy } from '@cdktf/provider-azurerm/lib/api-management-product-policy';
import { Annotations, Lazy } from 'cdktf';
import { Construct } from 'constructs';
import type { ConsumerGroupSettings } from './consumer-group-validation';
import { subscriptionCounterKey } from '../api/validation';
import { tfLiteral } from '../core/literal';
import { RETRY_AFTER_VARIABLE } from '../platform/global-policy';
import { IHealthcareApimPlatform } from '../platform/healthcare-apim-platform';
import { PolicyDocument, PolicyScope, PolicySection, QuotaByKey, RateLimitByKey } from '../policy';

/** The terms of use shown when a developer subscribes, unless `terms` is given. */
export const DEFAULT_PRODUCT_TERMS = 'These APIs process protected health information (PHI). By subscribing you agree to use them '
  + 'only for purposes permitted by your organization\'s HIPAA policies and business associate agreements, to request only the '
  + 'minimum necessary data, never to store, log, cache or share PHI outside approved systems, to keep subscription keys and '
  + 'tokens secret, and to report any suspected security incident immediately. Access is logged and reviewed.';

/** The API Management service every resource of the group belongs to. */
export interface ApimService {
  readonly apiManagementName: string;
  readonly resourceGroupName: string;
}

/** The platform's API Management service. */
export function apimServiceOf(platform: IHealthcareApimPlatform): ApimService {
  return { apiManagementName: platform.apimName, resourceGroupName: platform.resourceGroupName };
}

/** The APIM group (`Group`), type external, linked to the Entra ID group. */
export function createApimGroup(
  scope: Construct, service: ApimService, settings: ConsumerGroupSettings, entraGroupObjectId: string,
): ApiManagementGroup {
  return new ApiManagementGroup(scope, 'Group', {
    ...service,
    name: settings.name,
    displayName: tfLiteral(settings.displayName),
    description: tfLiteral(settings.description),
    type: 'external',
    externalId: `aad://${settings.platform.tenantId}/groups/${entraGroupObjectId}`,
  });
}

/** The group's product (`Product`), open to the APIM group, with each of the group's APIs in it. */
export function createProduct(
  scope: Construct, service: ApimService, settings: ConsumerGroupSettings, apimGroup: ApiManagementGroup,
): ApiManagementProduct {
  const product = new ApiManagementProduct(scope, 'Product', {
    ...service,
    productId: settings.name,
    displayName: tfLiteral(settings.displayName),
    description: tfLiteral(settings.description),
    subscriptionRequired: true,
    approvalRequired: settings.approvalRequired,
    subscriptionsLimit: settings.subscriptionsLimit,
    published: true,
    terms: tfLiteral(settings.terms),
  });
  new ApiManagementProductGroup(scope, 'ProductGroup', { ...service, productId: product.productId, groupName: apimGroup.name });
  for (const api of settings.apis) api.addToProduct(`Product-${settings.name}`, product.productId);
  return product;
}

/**
 * The product policy (`ProductPolicy`) with the group's rate and quota tier, keyed by subscription.
 * The product scope runs before the API scope: the group's tier caps every subscription
 * across all of its APIs; each API's own per-subscription limits still apply after it.
 */
export function createProductPolicy(
  scope: Construct, service: ApimService, settings: ConsumerGroupSettings, product: ApiManagementProduct,
): PolicyDocument {
  const { name, platform, rate, quota } = settings;
  const policy = new PolicyDocument({ scope: PolicyScope.PRODUCT });
  if (platform.sku.supportsKeyedLimits) {
    policy.add(PolicySection.INBOUND,
      new RateLimitByKey({
        calls: rate.calls,
        renewalPeriodSeconds: rate.renewalPeriodSeconds,
        counterKey: subscriptionCounterKey(`${name}:rate:`),
        retryAfterVariableName: RETRY_AFTER_VARIABLE,
      }),
      new QuotaByKey({ calls: quota.calls, renewalPeriodSeconds: quota.renewalPeriodSeconds, counterKey: subscriptionCounterKey(`${name}:quota:`) }),
    );
  } else {
    Annotations.of(scope).addWarning(`The ${platform.sku.tier} tier has no rate-limit-by-key or quota-by-key, so the group's rate and quota tiers are not enforced.`);
  }
  new ApiManagementProductPolicy(scope, 'ProductPolicy', {
    ...service,
    productId: product.productId,
    xmlContent: Lazy.stringValue({ produce: () => policy.toTerraformString() }),
  });
  return policy;
}
