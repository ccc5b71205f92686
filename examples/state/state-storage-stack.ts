import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

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
      name: 'tfstate',
      storageAccountId: account.id,
      containerAccessType: 'private',
    });
  }
}
