import { ResourceGroupTemplateDeployment } from '@cdktf/provider-azurerm/lib/resource-group-template-deployment';
import { ITerraformDependable } from 'cdktf';
import { IConstruct } from 'constructs';
import { ApimSku } from '../core/sku';
import { KeyVaultNamedValue } from '../foundation/key-vault-named-value';
import { PolicyValue } from '../policy';

/** A named value backed by a Key Vault secret, for `addSecretNamedValue`. */
export interface SecretNamedValueOptions {
  /** The named value's name, used as `{{name}}` in policies: letters, digits, `.`, `_` and `-`. */
  readonly name: string;
  /** The secret's id, versionless so that rotation is picked up, e.g. `https://vault.vault.azure.net/secrets/backend-key`. */
  readonly keyVaultSecretId: string;
  /**
   * The resource id of the vault holding the secret, when it is not the platform vault: the
   * instance's identity is granted Key Vault Secrets User there, and that vault's firewall must
   * let the API Management subnet through.
   * @default - the secret is in the platform vault, which the instance already reads
   */
  readonly keyVaultId?: string;
  /**
   * The name shown in the portal.
   * @default - the name
   */
  readonly displayName?: string;
}

/**
 * An API Management platform that APIs and consumer groups are published on: a
 * `SecureHealthcareApim` in this stack, or one that a platform team runs in another stack or
 * repository, imported with `SecureHealthcareApim.fromPlatformAttributes`. `ProtectedApi` and
 * `ConsumerGroup` read only what this interface offers, so both work the same on either.
 */
export interface IHealthcareApimPlatform extends IConstruct {
  /**
   * The API Management service name, for the `api_management_name` of the resources published
   * on it (on a platform of this stack a reference, so they wait for the instance).
   */
  readonly apimName: string;
  /**
   * The service name as configured, the seed of names derived from it (app registration keys,
   * Entra ID group names); a token when the name is only known at deploy time.
   */
  readonly apimServiceName: string;
  /** The API Management resource id. */
  readonly apimId: string;
  /** The resource group of the instance. */
  readonly resourceGroupName: string;
  /** The Entra ID tenant whose tokens the APIs accept. */
  readonly tenantId: string;
  /** The SKU (its tier decides which policies are available, e.g. keyed rate limits). */
  readonly sku: ApimSku;
  /** The id of the Application Insights logger that API diagnostics write to. */
  readonly apiLoggerId: string;
  /** The APIM expression for the calling client's IP (correct behind the edge gateway). */
  readonly clientIpExpression: PolicyValue;
  /**
   * Whether callers reach the gateway through an edge that appends their address to
   * X-Forwarded-For, so IP checks must read `clientIpExpression` instead of using `ip-filter`.
   */
  readonly behindEdge: boolean;
  /**
   * The largest request body the edge WAF lets through, in bytes (like `maxRequestBodyBytes`);
   * an API must not accept more.
   * @default - no edge limit is known
   */
  readonly edgeMaxRequestBodyBytes?: number;
  /** Whether the global policy has a CORS policy (then APIs cannot have their own). */
  readonly hasGlobalCors: boolean;
  /** The URL callers use: the edge's when there is one, else the gateway's. */
  readonly callerUrl: string;
  /** The principal id of the API Management instance's system-assigned identity (the identity backends trust). */
  readonly instancePrincipalId: string;
  /**
   * Whether `terraform destroy` may delete what is published on the platform: the app
   * registrations of APIs that do not set their own `allowDestroy`.
   */
  readonly allowDestroy: boolean;
  /**
   * Whether each ProtectedApi onboards itself to Microsoft Defender for APIs
   * (`onboardApiToDefender`) when it is created.
   */
  readonly onboardsApisToDefender: boolean;
  /** What Key Vault-backed settings (named values, certificates) depend on: the instance's vault roles, propagated. */
  readonly keyVaultAccess: ITerraformDependable[];

  /**
   * The resource id of the platform vault, where consumer groups store subscription keys.
   * @internal
   */
  readonly _keyVaultId: string;

  /**
   * Adds a named value backed by a Key Vault secret, read with the instance's identity once its
   * role has propagated. Plaintext secret values are refused.
   *
   * @param id the construct id
   * @param options the name and the secret
   */
  addSecretNamedValue(id: string, options: SecretNamedValueOptions): KeyVaultNamedValue;

  /**
   * Onboards an API of the instance to Microsoft Defender for APIs. Calling it again for the
   * same API returns the same onboarding.
   *
   * @param apiName the API name (its id in the instance, e.g. `patients-v1`)
   * @param after what the onboarding waits for, normally the ProtectedApi (the API must exist)
   */
  onboardApiToDefender(apiName: string, after?: IConstruct): ResourceGroupTemplateDeployment;

  /**
   * What a Terraform write of secrets into the platform vault's data plane depends on (the
   * deployer's role and network path); fails naming `requester` when the platform has none.
   * @internal
   */
  _keyVaultSecretWrites(requester: IConstruct, what: string, alternative: string): ITerraformDependable[];

  /**
   * The expiry of a secret written into the platform vault now (the vault's next rotation date
   * plus the overlap: stable from plan to plan); fails naming `requester` when the platform's
   * vault is not this stack's.
   * @internal
   */
  _keyVaultSecretExpiry(requester: IConstruct): string;
}

/** Whether a value offers what `ProtectedApi` and `ConsumerGroup` read from a platform (a run-time check for jsii and JavaScript callers). */
export function isHealthcareApimPlatform(value: unknown): value is IHealthcareApimPlatform {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.apimName === 'string' && typeof v.resourceGroupName === 'string' && v.sku instanceof ApimSku
    && typeof v.addSecretNamedValue === 'function' && typeof v._keyVaultSecretWrites === 'function';
}
