/** The backend entity of `ProtectedApi`: TLS-checked, behind a circuit breaker, after its readiness. Internal. */
import { ApiManagementBackend } from '@cdktf/provider-azurerm/lib/api-management-backend';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { ApiSettings } from './api-settings';
import { tfLiteral } from './validation';
import { checkProviderRule } from '../core/provider-rules';
import { IHealthcareApimPlatform } from '../platform/healthcare-apim-platform';

/**
 * The backend entity's name for an API (`<api name>-backend`). Backend names allow no dots
 * (azurerm ApiManagementBackendName), so v1.1 becomes v1-1; the policy's set-backend-service
 * names the backend through this function too.
 */
export function backendNameOf(apiName: string): string {
  return `${apiName.replace(/\./g, '-')}-backend`;
}

/**
 * Creates the backend entity: the https backend URL with certificate chain and name checks,
 * and a circuit breaker on 5xx, timeouts and connection errors; created only after `readiness`.
 */
export function createApiBackend(
  scope: Construct, platform: IHealthcareApimPlatform, settings: ApiSettings, readiness: ITerraformDependable[] | undefined,
): ApiManagementBackend {
  const apiName = settings.apiName;
  return new ApiManagementBackend(scope, 'Backend', {
    apiManagementName: platform.apimName,
    resourceGroupName: platform.resourceGroupName,
    name: checkProviderRule(scope, 'version', backendNameOf(apiName), 'azurerm_api_management_backend.name'),
    description: tfLiteral(`Backend of the ${apiName} API`),
    protocol: 'http',
    url: tfLiteral(settings.backendUrl),
    tls: { validateCertificateChain: true, validateCertificateName: true },
    circuitBreakerRule: {
      name: 'trip-on-5xx-timeouts-and-connection-errors',
      tripDuration: isoSeconds(settings.breakerTripSeconds),
      acceptRetryAfterEnabled: true,
      failureCondition: {
        intervalDuration: 'PT1M',
        count: settings.breakerFailureCount,
        statusCodeRange: [{ min: 500, max: 599 }],
        // The reasons APIM gives forward-request failures that never produced a status code.
        errorReasons: ['BackendConnectionFailure', 'Timeout'],
      },
    },
    dependsOn: readiness,
  });
}

function isoSeconds(seconds: number): string {
  return seconds % 60 === 0 ? `PT${seconds / 60}M` : `PT${seconds}S`;
}
