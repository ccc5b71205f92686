import { KeyVaultKey } from '@cdktf/provider-azurerm/lib/key-vault-key';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Offset } from '@cdktf/provider-time/lib/offset';
import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { KeyVaultRole, PlatformKeyVault } from './platform-key-vault';
import { CUSTOMER_MANAGED_KEY_TYPES } from './prop-types';
import { grantRole, requireTimeProvider } from './role-grant';
import { checkLocation, checkResourceGroupName } from '../core/azure-names';
import { invalid } from '../core/errors';
import { checkEnum, checkSecondsAs, checkTypes, DAYS } from '../core/validation';

/** How long before a key version expires Key Vault sends its near-expiry event. */
const NOTIFY_BEFORE_EXPIRY_DAYS = 30;

/** HSM-protected key types (premium vault). */
export enum HsmKeyType {
  /** RSA in an HSM: what storage accounts, Cosmos DB and SQL accept as a customer-managed key. */
  RSA_HSM = 'RSA-HSM',
  /**
   * Elliptic curve in an HSM. Refused by `CustomerManagedKey`: an EC key only signs and
   * verifies (no wrapKey/unwrapKey), so no service can encrypt at rest with it.
   * @deprecated refused by CustomerManagedKey; use RSA_HSM
   */
  EC_HSM = 'EC-HSM',
}

/** Properties of `CustomerManagedKey`. */
export interface CustomerManagedKeyProps {
  /** The platform vault that holds the key; it must be the premium SKU. */
  readonly keyVault: PlatformKeyVault;
  /** The key name: 1 to 127 letters, digits and hyphens. */
  readonly name: string;
  /** Resource group of the user-assigned identity the encrypting service uses. */
  readonly resourceGroupName: string;
  /** Location of that identity. */
  readonly location: string;
  /**
   * The key type: `RSA_HSM`, the only type customer-managed encryption at rest takes
   * (`EC_HSM` is refused).
   * @default HsmKeyType.RSA_HSM
   */
  readonly keyType?: HsmKeyType;
  /**
   * RSA key size: 2048, 3072 or 4096 (azurerm_key_vault_key.key_size).
   * @default 3072
   */
  readonly keySize?: number;
  /**
   * Refused: EC keys are not customer-managed keys (see `HsmKeyType.EC_HSM`).
   * @default - none
   * @deprecated EC keys are refused
   */
  readonly curve?: string;
  /**
   * Seconds after creation at which Key Vault rotates the key (a new version; services that take
   * the versionless id pick it up): whole days (multiples of 86400), 604800 (7 days) or more, and
   * at least 2419200 (28 days) before `expirySeconds`.
   * @default 15552000 (180 days)
   */
  readonly rotationSeconds?: number;
  /**
   * Seconds a key version stays valid (the first version, and every version a rotation makes):
   * whole days (multiples of 86400) from 3196800 (37 days: Key Vault's near-expiry notice comes
   * 30 days before, and at least 7 days after creation) to 315360000 (3650 days).
   * @default 31536000 (365 days)
   */
  readonly expirySeconds?: number;
  /**
   * Name of the user-assigned identity granted Key Vault Crypto Service Encryption User on the key.
   * @default - `id-<name>`
   */
  readonly userAssignedIdentityName?: string;
}

/**
 * An HSM-protected key for customer-managed encryption: `RSA-HSM` (wrap and unwrap, what
 * storage accounts, Cosmos DB, SQL and the FHIR service take) in the premium platform vault, with a rotation policy (Key Vault makes a new version on schedule) and an
 * expiry on every version, and a user-assigned identity allowed to wrap and unwrap with it.
 * Give the encrypting service the identity and the versionless key id, e.g. a storage account's
 * `customer_managed_key { key_vault_key_id = keyId, user_assigned_identity_id = identityId }`.
 * Creating the key is a Key Vault data-plane write: the vault needs `deployerAccess`.
 *
 * Cost: an HSM-protected RSA 2048 key is billed per key and month plus per 10,000 operations;
 * RSA 3072/4096 keys are billed at the higher "advanced key" rate, and every rotation adds
 * a billed version (Azure Key Vault pricing).
 *
 * @example
 * const cmk = new CustomerManagedKey(this, 'ExportKey', {
 *   keyVault: platform.keyVault, name: 'fhir-export', resourceGroupName: rg.name, location: rg.location,
 * });
 * new StorageAccount(this, 'Export', {
 *   ..., identity: { type: 'UserAssigned', identityIds: [cmk.identityId] },
 *   customerManagedKey: { keyVaultKeyId: cmk.keyId, userAssignedIdentityId: cmk.identityId },
 *   dependsOn: [cmk.ready],
 * });
 */
export class CustomerManagedKey extends Construct {
  /** The key. */
  public readonly key: KeyVaultKey;
  /** The versionless key id, so rotations are picked up. */
  public readonly keyId: string;
  /** The identity that may wrap and unwrap with the key. */
  public readonly identity: UserAssignedIdentity;
  /** The identity's resource id. */
  public readonly identityId: string;
  /** Created once the identity's role on the key has propagated: the encrypting service depends on it. */
  public readonly ready: ITerraformDependable;

  constructor(scope: Construct, id: string, props: CustomerManagedKeyProps) {
    super(scope, id);
    checkTypes(this, '', props, CUSTOMER_MANAGED_KEY_TYPES);
    if (!(props.keyVault instanceof PlatformKeyVault)) invalid(this, 'keyVault', 'is not a PlatformKeyVault', 'the platform vault (platform.keyVault)');
    if (Token.isUnresolved(props.name) || !/^[A-Za-z0-9-]{1,127}$/.test(props.name)) {
      invalid(this, 'name', `'${props.name}' is not a Key Vault key name`, '1 to 127 letters, digits and hyphens (azurerm_key_vault_key.name)');
    }
    checkResourceGroupName(this, 'resourceGroupName', props.resourceGroupName);
    checkLocation(this, 'location', props.location);
    const keyType = props.keyType ?? HsmKeyType.RSA_HSM;
    checkEnum(this, 'keyType', keyType, Object.values(HsmKeyType));
    if (keyType === HsmKeyType.EC_HSM) {
      invalid(this, 'keyType', 'is EC-HSM, but an EC key can only sign and verify (no wrapKey/unwrapKey or encrypt/decrypt), so no service can use it as a customer-managed key for encryption at rest',
        'HsmKeyType.RSA_HSM (the default); create signing keys with azurerm_key_vault_key directly');
    }
    if (props.curve !== undefined) invalid(this, 'curve', 'is set, but CustomerManagedKey creates RSA-HSM keys only', 'leave curve unset (and keySize for the RSA size)');
    if (props.keyVault.skuName !== 'premium') {
      invalid(this, 'keyVault', `is the ${props.keyVault.skuName} SKU, which cannot hold ${keyType} keys`, 'the premium vault (leave allowStandardSku unset)');
    }
    const keySize = props.keySize ?? 3072;
    checkEnum(this, 'keySize', keySize, [2048, 3072, 4096]);
    // Seconds at the surface; the rotation policy and time_offset take whole days.
    // Key Vault takes notify_before_expiry up to expire_after - 7 days (azurerm key_vault_key_resource.go):
    // with the 30-day notice, a version must live at least 37 days.
    const expiryDays = checkSecondsAs(this, 'expirySeconds', props.expirySeconds ?? 365 * 86_400, DAYS, NOTIFY_BEFORE_EXPIRY_DAYS + 7, 3650);
    const rotationDays = checkSecondsAs(this, 'rotationSeconds', props.rotationSeconds ?? 180 * 86_400, DAYS, 7, 3650);
    if (rotationDays > expiryDays - 28) {
      invalid(this, 'rotationSeconds', `(${rotationDays * 86_400}) leaves less than 28 days before a version expires (expirySeconds ${expiryDays * 86_400})`,
        `at most ${(expiryDays - 28) * 86_400} (${expiryDays - 28} days)`);
    }
    const identityName = props.userAssignedIdentityName ?? `id-${props.name}`;
    if (!Token.isUnresolved(identityName) && !/^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/.test(identityName)) {
      invalid(this, 'userAssignedIdentityName', `'${identityName}' is not an identity name`, '3 to 128 letters, digits, hyphens and underscores, starting with a letter or digit');
    }

    const writable = props.keyVault.deployerDataPlaneAccess(this, `the customer-managed key '${props.name}'`,
      'create the key out of band and pass its id to the service', KeyVaultRole.CRYPTO_OFFICER);
    // The first version's expiry, fixed at creation (a time_offset has no triggers), so plans stay
    // stable; later versions get theirs from the rotation policy, so Terraform leaves it alone.
    const firstExpiry = new Offset(this, 'FirstVersionExpiry', { offsetDays: expiryDays });
    requireTimeProvider(this);
    this.key = new KeyVaultKey(this, 'Key', {
      name: props.name,
      keyVaultId: props.keyVault.vaultId,
      keyType,
      keySize,
      keyOpts: ['wrapKey', 'unwrapKey', 'encrypt', 'decrypt'],
      expirationDate: firstExpiry.rfc3339,
      rotationPolicy: {
        automatic: { timeAfterCreation: `P${rotationDays}D` },
        expireAfter: `P${expiryDays}D`,
        notifyBeforeExpiry: `P${NOTIFY_BEFORE_EXPIRY_DAYS}D`,
      },
      dependsOn: writable,
      lifecycle: { ignoreChanges: ['expiration_date'] },
    });
    this.keyId = this.key.versionlessId;
    this.identity = new UserAssignedIdentity(this, 'Identity', { name: identityName, resourceGroupName: props.resourceGroupName, location: props.location });
    this.identityId = this.identity.id;
    this.ready = grantRole(this, 'EncryptionUser', {
      scope: this.key.resourceVersionlessId,
      roleDefinitionName: KeyVaultRole.CRYPTO_SERVICE_ENCRYPTION_USER,
      principalId: this.identity.principalId,
    }).ready;
  }
}
