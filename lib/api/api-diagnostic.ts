/** The Application Insights diagnostic of `ProtectedApi`: no bodies, no headers, credentials masked. Internal. */
import { ApiManagementApiDiagnostic } from '@cdktf/provider-azurerm/lib/api-management-api-diagnostic';
import { Construct } from 'constructs';
import { ApiRef } from './api-definition';
import { ApiSettings } from './api-settings';
import { SENSITIVE_HEADERS, SENSITIVE_QUERY_PARAMS } from '../foundation/audit-logging';
import { IHealthcareApimPlatform } from '../platform/healthcare-apim-platform';

/**
 * Creates the API's diagnostic on the platform's logger: every request, errors always, no
 * body bytes and no headers logged, the sensitive headers and the subscription key masked and
 * the sensitive query parameters hidden (no PHI).
 */
export function createApiDiagnostic(
  scope: Construct, apiRef: ApiRef, platform: IHealthcareApimPlatform, settings: ApiSettings,
): ApiManagementApiDiagnostic {
  const { keyHeader, keyQuery } = settings;
  const maskedHeaders = [...SENSITIVE_HEADERS];
  if (!maskedHeaders.some((h) => h.toLowerCase() === keyHeader.toLowerCase())) maskedHeaders.push(keyHeader);
  const hiddenQuery = [...SENSITIVE_QUERY_PARAMS];
  if (!hiddenQuery.includes(keyQuery)) hiddenQuery.push(keyQuery);
  const phiSafe = () => ({
    bodyBytes: 0,
    headersToLog: [],
    dataMasking: {
      headers: maskedHeaders.map((value) => ({ mode: 'Mask', value })),
      queryParams: hiddenQuery.map((value) => ({ mode: 'Hide', value })),
    },
  });
  return new ApiManagementApiDiagnostic(scope, 'Diagnostic', {
    ...apiRef,
    identifier: 'applicationinsights',
    apiManagementLoggerId: platform.apiLoggerId,
    samplingPercentage: 100,
    alwaysLogErrors: true,
    logClientIp: true,
    verbosity: 'information',
    httpCorrelationProtocol: 'W3C',
    operationNameFormat: 'Name',
    frontendRequest: phiSafe(),
    frontendResponse: phiSafe(),
    backendRequest: phiSafe(),
    backendResponse: phiSafe(),
  });
}
