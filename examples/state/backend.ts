/**
 * Where the examples keep Terraform state.
 *
 * By default: the local backend (`terraform.<stack>.tfstate` beside cdktf.out), fine for a
 * first look. Teams should use the azurerm backend: state holds secrets (the portal app's
 * client secret, subscription keys, connection strings), so it belongs in an encrypted storage
 * account with no public access, Entra ID auth instead of account keys, and blob-lease
 * locking (which the azurerm backend does on its own). `StateStorageStack` creates such an
 * account; set the environment variables below to use it.
 */
import { AzurermBackend, LocalBackend, TerraformStack } from 'cdktf';

/** Environment variables that switch the examples to the azurerm backend. */
export const STATE_ENV = {
  resourceGroup: 'HEALTH_APIM_STATE_RESOURCE_GROUP',
  storageAccount: 'HEALTH_APIM_STATE_STORAGE_ACCOUNT',
  container: 'HEALTH_APIM_STATE_CONTAINER',
  /** Location of the state storage stack. */
  location: 'HEALTH_APIM_STATE_LOCATION',
  /** Public IPv4 ranges of the deployment agents, comma separated (state storage stack firewall). */
  deployerIpRanges: 'HEALTH_APIM_STATE_DEPLOYER_IPS',
};

/** Configures the stack's backend: azurerm when the environment names a state account, else local. */
export function configureStateBackend(stack: TerraformStack, key: string, env: NodeJS.ProcessEnv = process.env): void {
  const account = env[STATE_ENV.storageAccount];
  if (account) {
    new AzurermBackend(stack, {
      resourceGroupName: env[STATE_ENV.resourceGroup] ?? 'rg-terraform-state',
      storageAccountName: account,
      containerName: env[STATE_ENV.container] ?? 'tfstate',
      key: `${key}.tfstate`,
      // Entra ID auth: no storage account keys anywhere. Locking uses blob leases.
      useAzureadAuth: true,
    });
  } else {
    new LocalBackend(stack, { path: `terraform.${key}.tfstate` });
  }
}
