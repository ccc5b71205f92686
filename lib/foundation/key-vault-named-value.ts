import { ApiManagementNamedValue } from '@cdktf/provider-azurerm/lib/api-management-named-value';
import { ITerraformDependable, Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { KEY_VAULT_NAMED_VALUE_TYPES } from './prop-types';
import { checkResourceGroupName, checkText } from '../core/azure-names';
import { invalid } from '../core/errors';
import { checkProviderRule } from '../core/provider-rules';
import { checkTypes } from '../core/validation';

/** Properties of `KeyVaultNamedValue`. */
export interface KeyVaultNamedValueProps {
  /** The API Management service name. */
  readonly apiManagementName: string;
  /** The API Management resource group. */
  readonly resourceGroupName: string;
  /** The named value's name (used as `{{name}}` in policies): letters, digits, `.`, `_`, `-`. */
  readonly name: string;
  /**
   * The display name.
   * @default - the name
   */
  readonly displayName?: string;
  /**
   * The Key Vault secret id, e.g. `https://vault.vault.azure.net/secrets/name` (versionless, so rotation is picked up).
   * A plaintext value is never accepted.
   */
  readonly keyVaultSecretId: string;
  /**
   * Client id of a user-assigned identity that reads the secret.
   * @default - the service's system-assigned identity
   */
  readonly identityClientId?: string;
  /**
   * What must exist first: the reading identity's Key Vault role, propagated.
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
}

const SECRET_ID = /^https:\/\/[a-z0-9-]{3,24}\.vault\.(azure\.net|azure\.cn|usgovcloudapi\.net)\/secrets\/[A-Za-z0-9-]{1,127}(\/[0-9a-f]{32})?\/?$/;

/** A Key Vault secret id, versioned or not (tokens are skipped). */
export function checkKeyVaultSecretId(where: IConstruct | string, prop: string, value: string): string {
  if (!value || (!Token.isUnresolved(value) && !SECRET_ID.test(value))) {
    invalid(where, prop, `'${value}' is not a Key Vault secret id`, 'https://<vault>.vault.azure.net/secrets/<name>[/<version>]');
  }
  return value;
}

/**
 * An APIM named value whose secret lives in Key Vault (`value_from_key_vault`, `secret = true`).
 * There is no way to pass a plaintext secret: a `value` is refused.
 */
export class KeyVaultNamedValue extends Construct {
  /** The named value resource. */
  public readonly namedValue: ApiManagementNamedValue;
  /** The name to reference in policies as `{{name}}`. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: KeyVaultNamedValueProps) {
    super(scope, id);
    checkTypes(this, '', props, KEY_VAULT_NAMED_VALUE_TYPES);
    checkResourceGroupName(this, 'resourceGroupName', props.resourceGroupName);
    if ((props as unknown as { value?: unknown }).value !== undefined) {
      invalid(this, 'value', 'is a plaintext secret value, which is never stored in APIM', 'keyVaultSecretId pointing at a Key Vault secret');
    }
    // name: azurerm ApiManagementChildName (no dots); display_name: ApiManagementNamedValueDisplayName.
    checkProviderRule(this, 'name', props.name, 'azurerm_api_management_named_value.name');
    if (props.displayName !== undefined) checkProviderRule(this, 'displayName', props.displayName, 'azurerm_api_management_named_value.display_name');
    if (props.identityClientId !== undefined) {
      checkProviderRule(this, 'identityClientId', props.identityClientId, 'azurerm_api_management_named_value.value_from_key_vault.identity_client_id');
    }
    checkKeyVaultSecretId(this, 'keyVaultSecretId', props.keyVaultSecretId);
    checkProviderRule(this, 'apiManagementName', props.apiManagementName, 'azurerm_api_management.name');
    this.name = props.name;
    this.namedValue = new ApiManagementNamedValue(this, 'Resource', {
      name: props.name,
      displayName: checkText(this, 'displayName', props.displayName ?? props.name, 256),
      apiManagementName: props.apiManagementName,
      resourceGroupName: props.resourceGroupName,
      secret: true,
      valueFromKeyVault: { secretId: props.keyVaultSecretId, identityClientId: props.identityClientId },
      dependsOn: props.dependsOn,
    });
  }
}
