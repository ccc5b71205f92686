/** A platform's Defender for APIs onboarding of one API, shared by the platform and its import. Internal. */
import { ResourceGroupTemplateDeployment } from '@cdktf/provider-azurerm/lib/resource-group-template-deployment';
import { ITerraformDependable, TerraformResource } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { invalid } from '../core/errors';
import { ApimSku, ApimTier } from '../core/sku';
import { onboardApiToDefender } from '../monitoring/defender-plans';

/** The `azurerm_api_management_api` resources under a construct (what a Defender onboarding waits for). */
export function apisUnder(scope: IConstruct): TerraformResource[] {
  return scope.node.findAll().filter((c): c is TerraformResource => c instanceof TerraformResource && c.terraformResourceType === 'azurerm_api_management_api');
}

/** The instance a platform onboards its APIs on. */
export interface OnboardingInstance {
  readonly sku: ApimSku;
  readonly apimName: string;
  readonly resourceGroupName: string;
}

/**
 * Onboards `apiName` once per platform (`DefenderApi-<api>` under `platform`): after `plan` (the
 * Defender for APIs plan, when the platform manages it) and the APIs under `after`. Refused on
 * Consumption, which Defender for APIs does not cover.
 */
export function onboardPlatformApi(platform: Construct, instance: OnboardingInstance, apiName: string, after: IConstruct | undefined,
  plan: ITerraformDependable | undefined): ResourceGroupTemplateDeployment {
  if (instance.sku.tier === ApimTier.CONSUMPTION) {
    invalid(platform, 'onboardApiToDefender', `is called for ${instance.sku.skuName}, which Defender for APIs does not support`, 'a Developer, Basic, Standard, Premium or v2 instance');
  }
  const id = `DefenderApi-${apiName}`.replace(/[^A-Za-z0-9_-]/g, '-');
  const existing = platform.node.tryFindChild(id);
  if (existing instanceof ResourceGroupTemplateDeployment) return existing;
  const dependsOn: ITerraformDependable[] = [...(plan ? [plan] : []), ...(after ? apisUnder(after) : [])];
  return onboardApiToDefender(platform, id, { apimName: instance.apimName, resourceGroupName: instance.resourceGroupName, apiName, dependsOn });
}
