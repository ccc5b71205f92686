import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { invalid } from '../errors';
import { checkKeyVaultName } from './validation';
import { parseCidr, parseIpv4 } from '../policy/validate';

/** Built-in Key Vault data-plane roles used by the platform. */
export enum KeyVaultRole {
  /** Read secret contents. */
  SECRETS_USER = 'Key Vault Secrets User',
  /** Read certificates (and, through their secrets, the private keys APIM binds). */
  CERTIFICATE_USER = 'Key Vault Certificate User',
  /** Create and manage secrets. */
  SECRETS_OFFICER = 'Key Vault Secrets Officer',
  /** Create and manage certificates. */
  CERTIFICATES_OFFICER = 'Key Vault Certificates Officer',
}

/** Properties of `PlatformKeyVault`. */
export interface PlatformKeyVaultProps {
  /** The vault name: 3 to 24 letters, digits and hyphens, globally unique. */
  readonly name: string;
  /** Resource group of the vault. */
  readonly resourceGroupName: string;
  /** Azure location of the vault. */
  readonly location: string;
  /** Entra ID tenant of the vault. */
  readonly tenantId: string;
  /**
   * Public IPv4 addresses or CIDR ranges (e.g. the deployment agent's egress) allowed through
   * the vault firewall for data-plane calls. Everything else is denied; trusted Azure
   * services (APIM, Application Gateway) are allowed.
   * @default - none
   */
  readonly allowedIpRanges?: string[];
  /**
   * Subnets allowed through the vault firewall (they need the Microsoft.KeyVault service endpoint).
   * @default - none
   */
  readonly allowedSubnetIds?: string[];
  /**
   * Whether the vault is protected from `terraform destroy`.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * Tags.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/**
 * The platform's Key Vault: RBAC authorization, purge protection, 90-day soft delete and a
 * firewall that denies by default (trusted Azure services allowed).
 */
export class PlatformKeyVault extends Construct {
  /** The vault. */
  public readonly vault: KeyVault;
  /** The vault's resource id. */
  public readonly vaultId: string;
  /** The vault URI, e.g. `https://name.vault.azure.net/`. */
  public readonly vaultUri: string;

  constructor(scope: Construct, id: string, props: PlatformKeyVaultProps) {
    super(scope, id);
    checkKeyVaultName(this, 'name', props.name);
    const ipRules = (props.allowedIpRanges ?? []).map((r, i) => {
      if (Token.isUnresolved(r)) return r;
      if (parseIpv4(r) === undefined && parseCidr(r) === undefined) {
        invalid(this, `allowedIpRanges[${i}]`, `'${r}' is not an IPv4 address or CIDR range`, 'a public IPv4 address or CIDR range such as 203.0.113.0/24');
      }
      return r;
    });
    this.vault = new KeyVault(this, 'Vault', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tenantId: props.tenantId,
      skuName: 'standard',
      rbacAuthorizationEnabled: true,
      purgeProtectionEnabled: true,
      softDeleteRetentionDays: 90,
      enabledForDeployment: false,
      enabledForDiskEncryption: false,
      enabledForTemplateDeployment: false,
      publicNetworkAccessEnabled: true,
      networkAcls: {
        defaultAction: 'Deny',
        bypass: 'AzureServices',
        ipRules,
        virtualNetworkSubnetIds: props.allowedSubnetIds ?? [],
      },
      tags: props.tags,
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
    this.vaultId = this.vault.id;
    this.vaultUri = this.vault.vaultUri;
  }

  /** Grants a principal a data-plane role on this vault. */
  public grant(id: string, principalId: string, role: KeyVaultRole): RoleAssignment {
    return new RoleAssignment(this, id, {
      scope: this.vault.id,
      roleDefinitionName: role,
      principalId,
    });
  }
}
