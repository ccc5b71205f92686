import { ResourceGroupTemplateDeployment } from '@cdktf/provider-azurerm/lib/resource-group-template-deployment';
import { SecurityCenterSubscriptionPricing } from '@cdktf/provider-azurerm/lib/security-center-subscription-pricing';
import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { invalid } from '../core/errors';
import { tfLiteral } from '../core/literal';

/** The API version of `Microsoft.Security/apiCollections` (GA; learn.microsoft.com/azure/templates/microsoft.security/apicollections). */
export const API_COLLECTIONS_API_VERSION = '2023-11-15';

/** Defender for APIs sub-plans (`Microsoft.Security/pricings/Api` `subPlan`): P1 to P5, by monthly API call volume. */
export const DEFENDER_FOR_APIS_SUBPLANS = ['P1', 'P2', 'P3', 'P4', 'P5'];

/** Properties of `DefenderPlans`. */
export interface DefenderPlansProps {
  /**
   * The Defender for APIs sub-plan, P1 to P5 (call volume included per month). Changing it
   * replaces the plan resource (azurerm 4.55 `subplan` forces a new resource).
   * @default 'P1'
   */
  readonly apiSubplan?: string;
  /**
   * The Defender for Key Vault sub-plan.
   * @default 'PerKeyVault'
   */
  readonly keyVaultSubplan?: string;
  /**
   * The Defender for Resource Manager sub-plan.
   * @default 'PerSubscription'
   */
  readonly resourceManagerSubplan?: string;
}

/**
 * Microsoft Defender for Cloud plans of the subscription the azurerm provider targets:
 * Defender for APIs (`Api`), for Key Vault (`KeyVaults`) and for Resource Manager (`Arm`),
 * each `azurerm_security_center_subscription_pricing` with tier `Standard`.
 *
 * These are per-subscription singletons: a second stack (or a central security team's
 * configuration) managing the same plan fights this one, and destroying the resource resets
 * the plan to Free for the whole subscription. Create them in one stack per subscription.
 *
 * @example
 * const plans = new DefenderPlans(stack, 'Defender', {});
 * plans.onboardApi('OnboardPatients', { apimName: 'hc-apim', resourceGroupName: 'rg-hc', apiName: 'patients' });
 */
export class DefenderPlans extends Construct {
  /** Defender for APIs. */
  public readonly api: SecurityCenterSubscriptionPricing;
  /** Defender for Key Vault. */
  public readonly keyVaults: SecurityCenterSubscriptionPricing;
  /** Defender for Resource Manager. */
  public readonly resourceManager: SecurityCenterSubscriptionPricing;

  constructor(scope: Construct, id: string, props: DefenderPlansProps = {}) {
    super(scope, id);
    const apiSubplan = props.apiSubplan ?? 'P1';
    if (!Token.isUnresolved(apiSubplan) && !DEFENDER_FOR_APIS_SUBPLANS.includes(apiSubplan)) {
      invalid(this, 'apiSubplan', `is '${apiSubplan}'`, DEFENDER_FOR_APIS_SUBPLANS.join(', '));
    }
    const keyVaultSubplan = checkSubplan(this, 'keyVaultSubplan', props.keyVaultSubplan ?? 'PerKeyVault');
    const resourceManagerSubplan = checkSubplan(this, 'resourceManagerSubplan', props.resourceManagerSubplan ?? 'PerSubscription');
    this.api = new SecurityCenterSubscriptionPricing(this, 'Api', { resourceType: 'Api', tier: 'Standard', subplan: apiSubplan });
    this.keyVaults = new SecurityCenterSubscriptionPricing(this, 'KeyVaults', { resourceType: 'KeyVaults', tier: 'Standard', subplan: keyVaultSubplan });
    this.resourceManager = new SecurityCenterSubscriptionPricing(this, 'Arm', { resourceType: 'Arm', tier: 'Standard', subplan: resourceManagerSubplan });
  }

  /**
   * Onboards one API of an API Management instance to Defender for APIs, after the plan is on.
   *
   * @param id the construct id
   * @param api the instance and the API
   */
  public onboardApi(id: string, api: DefenderApiOnboarding): ResourceGroupTemplateDeployment {
    return onboardApiToDefender(this, id, { ...api, dependsOn: [this.api, ...(api.dependsOn ?? [])] });
  }
}

/** One API to onboard to Defender for APIs. */
export interface DefenderApiOnboarding {
  /** The API Management service name (a literal or a reference). */
  readonly apimName: string;
  /** The resource group of the instance. */
  readonly resourceGroupName: string;
  /** The API name (its id within the instance, `azurerm_api_management_api.name`). */
  readonly apiName: string;
  /**
   * The name of the template deployment.
   * @default - `defender-api-<apiName>` when the API name is a literal
   */
  readonly deploymentName?: string;
  /**
   * What the onboarding waits for (the API itself, the plan).
   * @default - nothing beyond the references
   */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * `Microsoft.Security/apiCollections/<apiName>`, an extension resource on the API Management
 * service, through an `azurerm_resource_group_template_deployment` (azurerm has no resource for
 * it). With the provider's `delete_nested_items_during_deletion = false` (which the platform's
 * portal config needs), destroying the deployment leaves the API onboarded.
 */
export function onboardApiToDefender(scope: Construct, id: string, api: DefenderApiOnboarding): ResourceGroupTemplateDeployment {
  const literal = !Token.isUnresolved(api.apiName);
  if (literal && !/^[^*#&+:<>?]{1,256}$/.test(api.apiName)) {
    invalid(scope, 'apiName', `'${api.apiName}' is not a valid API collection name`, '1 to 256 characters without * # & + : < > ?');
  }
  if (api.deploymentName === undefined && !literal) {
    invalid(scope, 'deploymentName', 'is needed when the API name is a token', 'a literal deployment name, 1 to 64 letters, digits, -, _, . or ()');
  }
  const name = api.deploymentName ?? `defender-api-${api.apiName}`.slice(0, 64);
  if (!Token.isUnresolved(name) && !/^[-\w._()]{1,64}$/.test(name)) {
    invalid(scope, 'deploymentName', `'${name}' is not a valid deployment name`, '1 to 64 letters, digits, -, _, . or ()');
  }
  return new ResourceGroupTemplateDeployment(scope, id, {
    name,
    resourceGroupName: api.resourceGroupName,
    deploymentMode: 'Incremental',
    templateContent: JSON.stringify(apiCollectionTemplate()),
    parametersContent: tfLiteral(JSON.stringify({ serviceName: { value: api.apimName }, apiName: { value: api.apiName } })),
    dependsOn: api.dependsOn,
  });
}

/** The ARM template onboarding one API (`apiCollections` on the service, named after the API id). */
export function apiCollectionTemplate(): Record<string, unknown> {
  return {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: { serviceName: { type: 'string' }, apiName: { type: 'string' } },
    resources: [{
      type: 'Microsoft.Security/apiCollections',
      apiVersion: API_COLLECTIONS_API_VERSION,
      scope: "[format('Microsoft.ApiManagement/service/{0}', parameters('serviceName'))]",
      name: "[parameters('apiName')]",
    }],
  };
}

function checkSubplan(scope: Construct, prop: string, value: string): string {
  if (!Token.isUnresolved(value) && !/^[A-Za-z0-9]{1,64}$/.test(value)) invalid(scope, prop, `is '${value}'`, 'a sub-plan name such as PerKeyVault or PerSubscription');
  return value;
}
