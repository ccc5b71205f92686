import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { Annotations, Fn, ITerraformDependable, Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { KeyVaultDeployerAccess, checkPublicRange } from './deployer-access';
import { PLATFORM_KEY_VAULT_TYPES } from './prop-types';
import { grantRole, IRoleGrant } from './role-grant';
import { RotationSchedule, RotationScheduleProps } from './rotation-schedule';
import { planPreventDestroy, warnOptOut } from '../compliance/opt-out';
import { checkKeyVaultName, checkLocation, checkRange, checkResourceGroupName } from '../core/azure-names';
import { asUserProps, invalid } from '../core/errors';
import { tfLiteralMap } from '../core/literal';
import { checkProviderRule } from '../core/provider-rules';
import { checkBoolean, checkResourceId, checkSecondsAs, checkTags, checkTypes, DAYS, RESOURCE_ID } from '../core/validation';

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
  /** Create and manage keys (and their rotation policies). */
  CRYPTO_OFFICER = 'Key Vault Crypto Officer',
  /** Wrap and unwrap with a key: what a service with customer-managed encryption needs. */
  CRYPTO_SERVICE_ENCRYPTION_USER = 'Key Vault Crypto Service Encryption User',
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
  /** Object id of the identity running Terraform, granted data-plane roles only when the stack writes there. */
  readonly deployerObjectId: string;
  /**
   * How the deployment agent reaches the data plane, for what Azure Resource Manager cannot
   * create (certificates). Without it, nothing may be written through the data plane.
   * @default - none: a data-plane write fails at synth, naming `deployerAccessProp`
   */
  readonly deployerAccess?: KeyVaultDeployerAccess;
  /**
   * The prop users set `deployerAccess` through, for error messages.
   * @default 'deployerAccess'
   */
  readonly deployerAccessProp?: string;
  /**
   * Subnets of readers (API Management, Application Gateway) allowed through the firewall; they
   * have the `Microsoft.KeyVault` service endpoint.
   * @default - none
   */
  readonly readerSubnetIds?: string[];
  /**
   * Public addresses of readers without a subnet (a public API Management gateway).
   * @default - none
   */
  readonly readerIpAddresses?: string[];
  /**
   * Seconds to wait after a role assignment on the vault before it is used.
   * @default 120
   */
  readonly rolePropagationSeconds?: number;
  /**
   * Named opt-out: the standard SKU, whose keys are software-protected. The premium SKU (the
   * default) holds HSM-protected keys (FIPS 140 validated HSMs) at the same price for secrets and
   * software keys; HSM keys are billed per key and month. Leaves a warning.
   * @default false - the premium SKU
   */
  readonly allowStandardSku?: boolean;
  /**
   * The rotation schedule of the secrets the library writes into this vault (subscription
   * keys): each secret expires at the next rotation date plus the overlap.
   * @default - every 90 days, 30 days of overlap
   */
  readonly secretRotation?: RotationScheduleProps;
  /**
   * Named opt-out: the vault loses lifecycle.prevent_destroy, so `terraform destroy` can delete
   * it; it stays recoverable for the soft-delete period, but the gateway cannot read its
   * certificates and secrets until it is recovered. Leaves a warning, unless the enclosing
   * platform's own `allowDestroy` already did.
   * @default false - the vault carries lifecycle.prevent_destroy
   */
  readonly allowDestroy?: boolean;
  /**
   * Tags.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/**
 * The platform's Key Vault: RBAC authorization, purge protection, 90-day soft delete and a
 * firewall that denies by default. Readers come in through their subnets' service endpoints
 * (the trusted-services bypass is not available to API Management instances created from
 * December 2025 on); the deployment agent reaches the data plane only through a declared path,
 * and a default deploy writes nothing there.
 *
 * A building block of `SecureHealthcareApim`: its props follow the platform's needs and may
 * change in any release, after 1.0 too.
 * @experimental
 */
export class PlatformKeyVault extends Construct {
  /** The vault. */
  public readonly vault: KeyVault;
  /** The vault's resource id. */
  public readonly vaultId: string;
  /** The vault URI, e.g. `https://name.vault.azure.net/`. */
  public readonly vaultUri: string;
  /** The vault name (as given, for comparisons; reference `vault.name` for a dependency). */
  public readonly vaultName: string;
  /** The SKU: `premium` (HSM-protected keys) unless `allowStandardSku`. */
  public readonly skuName: string;

  private readonly props: PlatformKeyVaultProps;
  private readonly deployerGrants = new Map<KeyVaultRole, IRoleGrant>();
  private readonly writePrerequisites: ITerraformDependable[] = [];
  private deployerEndpoint?: PrivateEndpoint;
  private secretSchedule?: RotationSchedule;

  constructor(scope: Construct, id: string, props: PlatformKeyVaultProps) {
    super(scope, id);
    checkTypes(this, '', props, PLATFORM_KEY_VAULT_TYPES);
    checkKeyVaultName(this, 'name', props.name);
    checkResourceGroupName(this, 'resourceGroupName', props.resourceGroupName);
    checkLocation(this, 'location', props.location);
    // Tags reach Terraform as literals (`${` and `%{` escaped).
    const tags = tfLiteralMap(checkTags(this, 'tags', props.tags));
    const preventDestroy = planPreventDestroy(this, props, `terraform destroy can delete the Key Vault ${props.name} and the certificates and secrets the gateway reads from it.`);
    const deployerProp = props.deployerAccessProp ?? 'deployerAccess';
    props.deployerAccess?.validate(this, deployerProp);
    if (!Token.isUnresolved(props.readerIpAddresses)) {
      (props.readerIpAddresses ?? []).forEach((r, i) => checkPublicRange(this, `readerIpAddresses[${i}]`, r));
    }
    if (!Token.isUnresolved(props.readerSubnetIds)) {
      (props.readerSubnetIds ?? []).forEach((s, i) => checkResourceId(this, `readerSubnetIds[${i}]`, s, RESOURCE_ID.subnet));
    }
    if (props.deployerAccess?.privateEndpoint) {
      checkProviderRule(this, 'name', `pe-${props.name}-deployer`, 'azurerm_private_endpoint.name', 'gives the deployer private endpoint\'s name');
    }
    // Checked here, not only when the first grant is made.
    if (props.rolePropagationSeconds !== undefined) checkRange(this, 'rolePropagationSeconds', props.rolePropagationSeconds, 0, 1800);
    checkBoolean(this, 'allowStandardSku', props.allowStandardSku, false);
    if (props.secretRotation?.rotationSeconds !== undefined) checkSecondsAs(this, 'secretRotation.rotationSeconds', props.secretRotation.rotationSeconds, DAYS, 1, 365);
    if (props.secretRotation?.overlapSeconds !== undefined) checkSecondsAs(this, 'secretRotation.overlapSeconds', props.secretRotation.overlapSeconds, DAYS, 1, 365);
    this.props = props;
    this.skuName = props.allowStandardSku ? 'standard' : 'premium';
    if (props.allowStandardSku) {
      warnOptOut(this, 'allowStandardSku', 'the vault is the standard SKU: keys are software-protected, not held in FIPS 140 validated HSMs.', ['KV-PREMIUM-HSM']);
    }
    const deployer = props.deployerAccess;
    this.vault = new KeyVault(this, 'Vault', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tenantId: props.tenantId,
      skuName: this.skuName,
      rbacAuthorizationEnabled: true,
      purgeProtectionEnabled: true,
      softDeleteRetentionDays: 90,
      enabledForDeployment: false,
      enabledForDiskEncryption: false,
      enabledForTemplateDeployment: false,
      publicNetworkAccessEnabled: true,
      networkAcls: {
        defaultAction: 'Deny',
        // Kept for instances created before December 2025; newer ones read through their subnet.
        bypass: 'AzureServices',
        ipRules: concatLists(deployer?.ipRanges ?? [], props.readerIpAddresses ?? []),
        virtualNetworkSubnetIds: [...(props.readerSubnetIds ?? []), ...(deployer?.subnetIds ?? [])],
      },
      tags,
      lifecycle: { preventDestroy },
    });
    this.vaultId = this.vault.id;
    this.vaultUri = this.vault.vaultUri;
    this.vaultName = props.name;
    if (deployer) {
      Annotations.of(this).addInfo(`[deployer path: ${deployerProp}] the vault firewall lets the deployment agent through `
        + `(${deployer.ipRanges.length ? 'its egress addresses' : deployer.subnetIds.length ? 'its subnet' : 'a private endpoint'}) for the data-plane writes Terraform makes.`);
    }
    if (deployer?.privateEndpoint) {
      this.deployerEndpoint = new PrivateEndpoint(this, 'DeployerPrivateEndpoint', {
        name: `pe-${props.name}-deployer`,
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        subnetId: deployer.privateEndpoint.subnetId,
        privateServiceConnection: {
          name: `${props.name}-deployer`,
          privateConnectionResourceId: this.vault.id,
          subresourceNames: ['vault'],
          isManualConnection: false,
        },
        privateDnsZoneGroup: { name: 'vault', privateDnsZoneIds: [deployer.privateEndpoint.privateDnsZoneId] },
        tags,
      });
    }
  }

  /**
   * Whether a Key Vault item id (e.g. a certificate's secret id) is in this vault. An id that is
   * a token is taken to be in this vault.
   */
  public holds(itemId: string): boolean {
    if (Token.isUnresolved(itemId) || Token.isUnresolved(this.vaultName)) return true;
    const host = /^https:\/\/([^./]+)\./.exec(itemId)?.[1];
    return host !== undefined && host.toLowerCase() === this.vaultName.toLowerCase();
  }

  /**
   * The expiry of a secret written now (RFC 3339): the next date of the vault's secret rotation
   * schedule plus its overlap. Stable from plan to plan; it moves when the schedule rotates,
   * which is also when a secret with `rotate_when_changed` would be rewritten. One schedule
   * per vault (`SecretRotation`), created on first use.
   */
  public secretExpirationDate(): string {
    return this.secretRotationSchedule().expirationDate;
  }

  /** The vault's secret rotation schedule, created on first use. */
  public secretRotationSchedule(): RotationSchedule {
    if (!this.secretSchedule) {
      this.secretSchedule = asUserProps(this, () => new RotationSchedule(this, 'SecretRotation', this.props.secretRotation ?? {}),
        { rotationSeconds: 'secretRotation.rotationSeconds', overlapSeconds: 'secretRotation.overlapSeconds' });
    }
    return this.secretSchedule;
  }

  /** Grants a principal a data-plane role on this vault; depend on the grant's `ready` to use it. */
  public grant(id: string, principalId: string, role: KeyVaultRole): IRoleGrant {
    const propagationSeconds = this.props.rolePropagationSeconds;
    return grantRole(this, id, { scope: this.vault.id, roleDefinitionName: role, principalId, propagationSeconds });
  }

  /**
   * Grants a role for reading one item (a certificate) on the vault that holds it: this vault,
   * or the vault given as `otherVaultId` (for an item in another vault, whose firewall must let
   * the reader's subnet through).
   */
  public grantForItem(requester: Construct, id: string, item: VaultItemGrant): IRoleGrant {
    if (item.otherVaultId === undefined) {
      if (!this.holds(item.itemId)) {
        invalid(requester, item.otherVaultProp, `is missing, but ${item.itemProp} '${item.itemId}' is not in the platform vault '${this.vaultName}'`,
          `the resource id of the vault that holds it (/subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<name>), so the identity is granted ${item.role} there`);
      }
      return this.grant(id, item.principalId, item.role);
    }
    checkResourceId(requester, item.otherVaultProp, item.otherVaultId, RESOURCE_ID.keyVault);
    return grantRole(requester, id, {
      scope: item.otherVaultId, roleDefinitionName: item.role, principalId: item.principalId, propagationSeconds: this.props.rolePropagationSeconds,
    });
  }

  /**
   * What a Terraform data-plane write into this vault (a certificate) must depend on: the
   * deployer's role, propagated, and its network path. Fails when no deployer path is declared.
   *
   * @param requester the construct that writes, for the error message
   * @param what what is written and why, e.g. "the edge's self-signed certificate"
   * @param alternative how the requester can avoid the write, for the error message
   * @param role the data-plane role the write needs
   */
  public deployerDataPlaneAccess(requester: IConstruct, what: string, alternative: string, role: KeyVaultRole): ITerraformDependable[] {
    const prop = this.props.deployerAccessProp ?? 'deployerAccess';
    if (!this.props.deployerAccess) {
      invalid(requester, prop, `is not set, but ${what} is written through the Key Vault data plane, which the vault firewall closes to a deployment agent outside the platform's network`,
        `${alternative}; or ${prop}: KeyVaultDeployerAccess.fromIpRanges([...]) (the agent's public egress, e.g. a list(string) TerraformVariable), .fromSubnet(runnerSubnetId) or .fromPrivateEndpoint({ subnetId, privateDnsZoneId })`);
    }
    let grant = this.deployerGrants.get(role);
    if (!grant) {
      const id = DEPLOYER_GRANT_IDS[role] ?? `Deployer${role.replace(/\W/g, '')}`;
      grant = this.grant(id, this.props.deployerObjectId, role);
      this.deployerGrants.set(role, grant);
    }
    return [grant.ready, ...(this.deployerEndpoint ? [this.deployerEndpoint] : []), ...this.writePrerequisites];
  }

  /**
   * Makes every data-plane write asked for from now on (`deployerDataPlaneAccess`) wait for
   * these too: the vault's Event Grid subscriptions, so new versions raise near-expiry events.
   * @internal
   */
  public _writeAfter(dependables: ITerraformDependable[]): void {
    this.writePrerequisites.push(...dependables);
  }
}

/** Construct ids of the deployer's grants (kept from earlier versions, so their addresses stay). */
const DEPLOYER_GRANT_IDS: Partial<Record<KeyVaultRole, string>> = {
  [KeyVaultRole.CERTIFICATES_OFFICER]: 'DeployerCertificatesOfficer',
  [KeyVaultRole.SECRETS_OFFICER]: 'DeployerSecretsOfficer',
};

/** A role to read one Key Vault item, for `PlatformKeyVault.grantForItem`. */
export interface VaultItemGrant {
  /** The item's id (e.g. a certificate's versionless secret id). */
  readonly itemId: string;
  /** The prop the item id came from, for messages. */
  readonly itemProp: string;
  /**
   * The resource id of the vault holding the item, when it is not the platform vault.
   * @default - the platform vault
   */
  readonly otherVaultId?: string;
  /** The prop `otherVaultId` comes from, for messages. */
  readonly otherVaultProp: string;
  /** The reader's principal (object) id. */
  readonly principalId: string;
  /** The role the reader needs. */
  readonly role: KeyVaultRole;
}

/** Two string lists as one, where either may be a list token. */
function concatLists(a: string[], b: string[]): string[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  return Token.isUnresolved(a) || Token.isUnresolved(b) ? Fn.concat([a, b]) : [...a, ...b];
}
