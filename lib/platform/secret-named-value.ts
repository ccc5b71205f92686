/** `addSecretNamedValue` of a platform and of its import: one validation, one named value. Internal. */
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { SecretNamedValueOptions } from './healthcare-apim-platform';
import { checkObject } from '../core/validation';
import { checkKeyVaultSecretId, KeyVaultNamedValue } from '../foundation/key-vault-named-value';

/** The instance the named value is created on. */
export interface NamedValueInstance {
  readonly apimName: string;
  readonly resourceGroupName: string;
}

/**
 * Validates the options (errors under `<platform>/<id>`), asks `readAccess` what the instance's
 * read of the secret waits for, and creates the named value after it.
 */
export function createSecretNamedValue(platform: Construct, instance: NamedValueInstance, id: string, options: SecretNamedValueOptions,
  readAccess: (where: string) => ITerraformDependable[]): KeyVaultNamedValue {
  const where = `${platform.node.path}/${id}`;
  checkObject(where, 'options', options);
  checkKeyVaultSecretId(where, 'keyVaultSecretId', options.keyVaultSecretId);
  const dependsOn = readAccess(where);
  return new KeyVaultNamedValue(platform, id, {
    apiManagementName: instance.apimName,
    resourceGroupName: instance.resourceGroupName,
    name: options.name,
    displayName: options.displayName,
    keyVaultSecretId: options.keyVaultSecretId,
    dependsOn: dependsOn.length ? dependsOn : undefined,
  });
}
