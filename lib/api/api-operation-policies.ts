/** The operation-scope policies of `ProtectedApi`: each operation's roles, rate limit and body limits. Internal. */
import { ApiManagementApiOperation } from '@cdktf/provider-azurerm/lib/api-management-api-operation';
import { ApiManagementApiOperationPolicy } from '@cdktf/provider-azurerm/lib/api-management-api-operation-policy';
import { Annotations, Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { roleCheck } from './api-access-policy';
import { ApiRef } from './api-definition';
import { PlannedOperation } from './api-operation-plan';
import { contentValidation } from './api-policy';
import { ApiSettings } from './api-settings';
import { OpenApiDefinition } from './openapi';
import { subscriptionCounterKey } from './validation';
import { RETRY_AFTER_VARIABLE } from '../platform/global-policy';
import { IHealthcareApimPlatform } from '../platform/healthcare-apim-platform';
import { PolicyDocument, PolicyScope, PolicySection, RateLimitByKey } from '../policy';

/**
 * Creates the policy of every planned operation (explicit or imported): its role check, its
 * own rate limit and its own body limits. Returns the policy documents by operation id.
 */
export function createOperationPolicies(
  scope: Construct, apiRef: ApiRef, platform: IHealthcareApimPlatform, settings: ApiSettings,
  planned: PlannedOperation[], operations: ApiManagementApiOperation[],
): Map<string, PolicyDocument> {
  const { apiName, maxBody, contentTypes } = settings;
  const keyed = platform.sku.supportsKeyedLimits;
  const policies = new Map<string, PolicyDocument>();
  planned.forEach((p) => {
    const doc = new PolicyDocument({ scope: PolicyScope.OPERATION });
    doc.add(PolicySection.INBOUND, roleCheck(p.controls.requiredRoles, settings.acceptScopes));
    if (p.controls.rateLimit && keyed) {
      doc.add(PolicySection.INBOUND, new RateLimitByKey({
        calls: p.controls.rateLimit.calls,
        renewalPeriodSeconds: p.controls.rateLimit.renewalPeriodSeconds,
        counterKey: subscriptionCounterKey(`${apiName}:${p.operationId}:subscription:`),
        retryAfterVariableName: RETRY_AFTER_VARIABLE,
      }));
    }
    if (p.controls.maxRequestBodyBytes !== undefined || p.controls.allowedContentTypes !== undefined) {
      doc.add(PolicySection.INBOUND, contentValidation(p.controls.maxRequestBodyBytes ?? maxBody, p.controls.allowedContentTypes ?? contentTypes));
    }
    policies.set(p.operationId, doc);
    const operation = p.explicit ? operations.find((o) => o.operationIdInput === p.operationId) : undefined;
    new ApiManagementApiOperationPolicy(scope, `OperationPolicy-${p.operationId}`, {
      ...apiRef,
      operationId: operation ? operation.operationId : p.operationId,
      xmlContent: Lazy.stringValue({ produce: () => doc.toTerraformString() }),
    });
  });
  return policies;
}

/** Warns when the imported definition cannot be read at synth, so its operations cannot be matched to `importedOperations`. */
export function warnUncheckedImport(scope: Construct, openApi: OpenApiDefinition | undefined): void {
  if (openApi && !openApi._operations) {
    Annotations.of(scope).addWarning('The OpenAPI definition is a link or YAML, so its operations cannot be checked at synth: '
      + 'an operation missing from importedOperations is only held to the API-wide check (any role of this API).');
  }
}
