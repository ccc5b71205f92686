/** The custom domain: gateway and portal host names bound to a Key Vault certificate. Internal. */
import { ApiManagement } from '@cdktf/provider-azurerm/lib/api-management';
import { ApiManagementCustomDomain } from '@cdktf/provider-azurerm/lib/api-management-custom-domain';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { CustomDomainOptions } from './secure-healthcare-apim-props';
import { checkHostName, checkVersionlessSecretId } from '../core/azure-names';

/** The host names and the certificate's secret id of `customDomain`. */
export function checkCustomDomain(scope: Construct, domain: CustomDomainOptions): void {
  checkHostName(scope, 'customDomain.gatewayHostName', domain.gatewayHostName);
  checkHostName(scope, 'customDomain.developerPortalHostName', domain.developerPortalHostName);
  checkVersionlessSecretId(scope, 'customDomain.keyVaultCertificateSecretId', domain.keyVaultCertificateSecretId);
}

/** Binds the custom domain once the instance's identity can read the certificate (`keyVaultAccess`). */
export function configureCustomDomain(scope: Construct, apim: ApiManagement, domain: CustomDomainOptions,
  keyVaultAccess: ITerraformDependable[]): ApiManagementCustomDomain {
  return new ApiManagementCustomDomain(scope, 'CustomDomain', {
    apiManagementId: apim.id,
    gateway: [{
      hostName: domain.gatewayHostName,
      keyVaultCertificateId: domain.keyVaultCertificateSecretId,
      negotiateClientCertificate: domain.negotiateClientCertificate ?? false,
      defaultSslBinding: true,
    }],
    developerPortal: domain.developerPortalHostName ? [{
      hostName: domain.developerPortalHostName,
      keyVaultCertificateId: domain.keyVaultCertificateSecretId,
    }] : undefined,
    dependsOn: keyVaultAccess,
  });
}
