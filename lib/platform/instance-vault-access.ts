/** The instance identity's roles on the vaults it reads. Internal. */
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { CustomDomainOptions } from './secure-healthcare-apim-props';
import { KeyVaultRole, PlatformKeyVault } from '../foundation/platform-key-vault';
import { IRoleGrant } from '../foundation/role-grant';

/** The instance's roles on the vaults it reads: secrets (named values), and the custom domain's certificate. */
export function grantInstanceVaultAccess(scope: Construct, keyVault: PlatformKeyVault, principalId: string,
  domain: CustomDomainOptions | undefined): IRoleGrant[] {
  const grants = [keyVault.grant('ApimSecretsUser', principalId, KeyVaultRole.SECRETS_USER)];
  if (domain) {
    const item = {
      itemId: domain.keyVaultCertificateSecretId,
      itemProp: 'customDomain.keyVaultCertificateSecretId',
      otherVaultId: domain.keyVaultCertificateVaultId,
      otherVaultProp: 'customDomain.keyVaultCertificateVaultId',
      principalId,
    };
    grants.push(keyVault.grantForItem(scope, 'ApimCertificateUser', { ...item, role: KeyVaultRole.CERTIFICATE_USER }));
    if (domain.keyVaultCertificateVaultId !== undefined) {
      grants.push(keyVault.grantForItem(scope, 'ApimCertificateSecretsUser', { ...item, role: KeyVaultRole.SECRETS_USER }));
    }
  }
  return grants;
}

/**
 * What a named value backed by `keyVaultSecretId` waits for: the instance's roles on the
 * platform vault when the secret is there, else Key Vault Secrets User on the secret's own vault.
 */
export function secretReadAccess(scope: Construct, keyVault: PlatformKeyVault, principalId: string, platformAccess: ITerraformDependable[],
  id: string, keyVaultSecretId: string, keyVaultId: string | undefined): ITerraformDependable[] {
  return keyVaultId === undefined && keyVault.holds(keyVaultSecretId)
    ? platformAccess
    : [keyVault.grantForItem(scope, `${id}SecretsUser`, {
      itemId: keyVaultSecretId,
      itemProp: 'keyVaultSecretId',
      otherVaultId: keyVaultId,
      otherVaultProp: `addSecretNamedValue('${id}').keyVaultId`,
      principalId,
      role: KeyVaultRole.SECRETS_USER,
    }).ready];
}
