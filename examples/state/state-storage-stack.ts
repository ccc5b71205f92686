import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { STATE_ENV } from './backend';

/** Properties of `StateStorageStack`. */
export interface StateStorageStackProps {
  /** Globally unique storage account name (3-24 lower-case letters and digits). */
  readonly storageAccountName: string;
  /** Resource group to create. */
  readonly resourceGroupName: string;
  /** Azure location. */
  readonly location: string;
  /** Public IPv4 ranges of the deployment agents allowed through the firewall. */
  readonly deployerIpRanges: string[];
  /**
   * The blob container the backend writes state to.
   * @default 'tfstate'
   */
  readonly containerName?: string;
}

/**
 * The stack's props from the environment. The deployer ranges default to 203.0.113.0/24, a
 * documentation range that admits no one: set `HEALTH_APIM_STATE_DEPLOYER_IPS` (comma separated)
 * to your deployment agents' public addresses before you deploy.
 */
export function stateStoragePropsFromEnv(env: NodeJS.ProcessEnv = process.env): StateStorageStackProps {
  return {
    storageAccountName: env[STATE_ENV.storageAccount] ?? 'contosohealthtfstate',
    resourceGroupName: env[STATE_ENV.resourceGroup] ?? 'rg-terraform-state',
    location: env[STATE_ENV.location] ?? 'eastus2',
    containerName: env[STATE_ENV.container] ?? 'tfstate',
    deployerIpRanges: (env[STATE_ENV.deployerIpRanges] ?? '203.0.113.0/24').split(',').map((r) => r.trim()).filter((r) => r !== ''),
  };
}

/**
 * A storage account for Terraform state that holds secrets: encrypted twice (infrastructure
 * encryption), TLS 1.2, HTTPS only, no shared keys (Entra ID only), no anonymous blobs,
 * firewall deny by default, versioning and soft delete so a bad write can be rolled back.
 * Its own state is local: it is created once, by hand, before the other stacks.
 */
export class StateStorageStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: StateStorageStackProps) {
    super(scope, id);
    new LocalBackend(this, { path: 'terraform.state-storage.tfstate' });
    new AzurermProvider(this, 'azurerm', { features: [{}], storageUseAzuread: true });
    const rg = new ResourceGroup(this, 'StateRg', { name: props.resourceGroupName, location: props.location });
    const account = new StorageAccount(this, 'StateAccount', {
      name: props.storageAccountName,
      resourceGroupName: rg.name,
      location: rg.location,
      accountTier: 'Standard',
      accountReplicationType: 'ZRS',
      infrastructureEncryptionEnabled: true,
      minTlsVersion: 'TLS1_2',
      httpsTrafficOnlyEnabled: true,
      sharedAccessKeyEnabled: false,
      defaultToOauthAuthentication: true,
      allowNestedItemsToBePublic: false,
      publicNetworkAccessEnabled: true,
      networkRules: { defaultAction: 'Deny', bypass: ['AzureServices'], ipRules: props.deployerIpRanges },
      blobProperties: {
        versioningEnabled: true,
        deleteRetentionPolicy: { days: 30 },
        containerDeleteRetentionPolicy: { days: 30 },
      },
      lifecycle: { preventDestroy: true },
    });
    new StorageContainer(this, 'StateContainer', {
      name: props.containerName ?? 'tfstate',
      storageAccountId: account.id,
      containerAccessType: 'private',
    });
  }
}
