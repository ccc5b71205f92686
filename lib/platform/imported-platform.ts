import { DataAzurermApiManagement } from '@cdktf/provider-azurerm/lib/data-azurerm-api-management';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { ResourceGroupTemplateDeployment } from '@cdktf/provider-azurerm/lib/resource-group-template-deployment';
import { ITerraformDependable, Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { onboardPlatformApi } from './api-defender-onboarding';
import { clientIpExpression } from './global-policy';
import { IHealthcareApimPlatform, SecretNamedValueOptions } from './healthcare-apim-platform';
import { apimLoggerId, DEFAULT_EDGE_MAX_REQUEST_BODY_BYTES, defaultKeyVaultName } from './naming';
import { createSecretNamedValue } from './secret-named-value';
import { checkApimName, checkKeyVaultName, checkRange, checkResourceGroupName } from '../core/azure-names';
import { invalid } from '../core/errors';
import { ApimSku, ApimTier } from '../core/sku';
import {
  checkAnyResourceId, checkBoolean, checkGuid, checkObject, checkOptionalString, checkResourceId, checkUrl, RESOURCE_ID,
} from '../core/validation';
import { KeyVaultNamedValue } from '../foundation/key-vault-named-value';
import { KeyVaultRole } from '../foundation/platform-key-vault';
import { grantRole } from '../foundation/role-grant';
import { EDGE_MAX_REQUEST_BODY_KB } from '../network/edge-gateway';
import { PolicyValue } from '../policy';

/**
 * What an API team knows of a platform that another stack (or repository) runs, for
 * `SecureHealthcareApim.fromPlatformAttributes`. Only the name, resource group and SKU are
 * required; the rest default to what a `SecureHealthcareApim` with default props creates,
 * derived by its naming convention or read at plan time with data sources.
 */
export interface HealthcareApimPlatformAttributes {
  /** The API Management service name. */
  readonly name: string;
  /** The resource group of the instance (and of the platform's vault). */
  readonly resourceGroupName: string;
  /**
   * The SKU the platform runs. Its tier is checked at plan time against the instance (a
   * postcondition on `data.azurerm_api_management`); the capacity may differ.
   */
  readonly sku: ApimSku;
  /**
   * The Entra ID tenant whose tokens the APIs accept.
   * @default - the tenant of the identity running Terraform (`data.azurerm_client_config`), as the platform does
   */
  readonly tenantId?: string;
  /**
   * Whether callers reach the gateway through an edge (the platform's Application Gateway or
   * one managed elsewhere) that appends their address to X-Forwarded-For.
   * @default - true when the SKU can be isolated (`sku.supportsNetworkIsolation`: Developer,
   * Premium, PremiumV2 and StandardV2), where the platform puts an edge in front of the gateway
   * unless `acknowledgePublicGateway`; false for the SKUs that cannot (Basic and Consumption)
   */
  readonly behindEdge?: boolean;
  /**
   * The edge WAF's largest request body in bytes (the platform's `edge.maxRequestBodySizeBytes`),
   * 8,192 to 2,048,000; APIs must not accept more. Only behind an edge.
   * @default - 1048576 (the edge's default, 1024 KB) behind an edge; none otherwise
   */
  readonly edgeMaxRequestBodyBytes?: number;
  /**
   * Whether the platform's global policy has a CORS allow list (its `cors` prop); then APIs
   * cannot set their own.
   * @default false
   */
  readonly hasGlobalCors?: boolean;
  /**
   * The URL callers use (the platform's `callerUrl`).
   * @default - behind an edge `https://<name>-edge.<location>.cloudapp.azure.com` (the edge's
   * Azure DNS name; set this when the edge serves a custom host name), else the instance's
   * gateway URL (both read from `data.azurerm_api_management`)
   */
  readonly callerUrl?: string;
  /**
   * The id of the logger API diagnostics write to.
   * @default - `<instance id>/loggers/appinsights`, the platform's Application Insights logger
   */
  readonly apiLoggerId?: string;
  /**
   * The platform vault's name, to tell whether a named value's secret is in it.
   * @default - derived from the name as the platform derives it: `<name>-kv`, shortened to 24 characters
   */
  readonly keyVaultName?: string;
  /**
   * Whether the APIs' app registrations may be deleted by `terraform destroy` (the platform's
   * `allowDestroy`); each ProtectedApi can still set its own.
   * @default false
   */
  readonly allowDestroy?: boolean;
  /**
   * Whether each ProtectedApi onboards itself to Defender for APIs. Set `false` when the
   * subscription has no Defender for APIs plan, or its APIs are onboarded centrally.
   * @default - true, except on Consumption (which Defender for APIs does not support)
   */
  readonly onboardApisToDefender?: boolean;
}

/**
 * A platform that another stack runs, seen from an API team's stack: no API Management
 * resource, only `data.azurerm_api_management` (so the plan fails when the instance does not
 * exist or has another tier) and `data.azurerm_client_config`. Internal: callers get an
 * `IHealthcareApimPlatform` from `SecureHealthcareApim.fromPlatformAttributes`.
 */
export class ImportedHealthcareApimPlatform extends Construct implements IHealthcareApimPlatform {
  public readonly apimName: string;
  public readonly apimServiceName: string;
  public readonly apimId: string;
  public readonly resourceGroupName: string;
  public readonly tenantId: string;
  public readonly sku: ApimSku;
  public readonly apiLoggerId: string;
  public readonly clientIpExpression: PolicyValue;
  public readonly behindEdge: boolean;
  public readonly edgeMaxRequestBodyBytes?: number;
  public readonly hasGlobalCors: boolean;
  public readonly callerUrl: string;
  public readonly instancePrincipalId: string;
  public readonly allowDestroy: boolean;
  public readonly onboardsApisToDefender: boolean;
  /** Nothing in this stack: the platform's stack granted the instance its roles on the platform vault. */
  public readonly keyVaultAccess: ITerraformDependable[] = [];
  /** The instance, read at plan time. */
  public readonly instance: DataAzurermApiManagement;
  /** @internal */
  public readonly _keyVaultId: string;
  /** The platform vault's name; unknown for a name given as a token without `keyVaultName`. */
  private readonly keyVaultName?: string;

  constructor(scope: Construct, id: string, attrs: HealthcareApimPlatformAttributes) {
    super(scope, id);
    checkObject(this, 'attrs', attrs);
    const name = checkApimName(this, 'name', attrs.name);
    checkResourceGroupName(this, 'resourceGroupName', attrs.resourceGroupName);
    if (!(attrs.sku instanceof ApimSku)) invalid(this, 'sku', 'is not an ApimSku', 'the SKU the platform runs, e.g. ApimSku.premium(2)');
    if (attrs.tenantId !== undefined) checkGuid(this, 'tenantId', attrs.tenantId);
    const behindEdge = checkBoolean(this, 'behindEdge', attrs.behindEdge, attrs.sku.supportsNetworkIsolation);
    if (behindEdge && !attrs.sku.supportsNetworkIsolation) {
      invalid(this, 'behindEdge', `is true for ${attrs.sku.skuName}, which cannot be isolated behind an edge`, 'false, or the SKU of an isolated platform');
    }
    if (attrs.edgeMaxRequestBodyBytes !== undefined) {
      if (!behindEdge) invalid(this, 'edgeMaxRequestBodyBytes', 'is set while behindEdge is false', 'an edge body limit only for a platform behind an edge');
      checkRange(this, 'edgeMaxRequestBodyBytes', attrs.edgeMaxRequestBodyBytes, 8 * 1024, EDGE_MAX_REQUEST_BODY_KB * 1024);
    }
    if (attrs.callerUrl !== undefined) checkUrl(this, 'callerUrl', attrs.callerUrl, { schemes: ['https:'] });
    if (attrs.apiLoggerId !== undefined) checkAnyResourceId(this, 'apiLoggerId', attrs.apiLoggerId);
    checkOptionalString(this, 'keyVaultName', attrs.keyVaultName);
    if (attrs.keyVaultName !== undefined) checkKeyVaultName(this, 'keyVaultName', attrs.keyVaultName);
    const onboard = checkBoolean(this, 'onboardApisToDefender', attrs.onboardApisToDefender, attrs.sku.tier !== ApimTier.CONSUMPTION);
    if (onboard && attrs.sku.tier === ApimTier.CONSUMPTION) {
      invalid(this, 'onboardApisToDefender', 'is true on Consumption, which Defender for APIs does not support', 'false or unset');
    }

    this.instance = new DataAzurermApiManagement(this, 'Apim', {
      name,
      resourceGroupName: attrs.resourceGroupName,
      lifecycle: {
        postcondition: [{
          condition: `\${startswith(self.sku_name, "${attrs.sku.tier}_")}`,
          errorMessage: `The API Management instance ${name} is not on the ${attrs.sku.tier} tier that fromPlatformAttributes was given (sku).`,
        }],
      },
    });
    const client = new DataAzurermClientConfig(this, 'Client', {});
    this.apimName = name;
    this.apimServiceName = name;
    this.apimId = this.instance.id;
    this.resourceGroupName = attrs.resourceGroupName;
    this.tenantId = attrs.tenantId ?? client.tenantId;
    this.sku = attrs.sku;
    this.apiLoggerId = attrs.apiLoggerId ?? apimLoggerId(this.instance.id);
    this.behindEdge = behindEdge;
    this.clientIpExpression = clientIpExpression(behindEdge);
    this.edgeMaxRequestBodyBytes = behindEdge ? attrs.edgeMaxRequestBodyBytes ?? DEFAULT_EDGE_MAX_REQUEST_BODY_BYTES : undefined;
    this.hasGlobalCors = checkBoolean(this, 'hasGlobalCors', attrs.hasGlobalCors, false);
    this.callerUrl = attrs.callerUrl
      ?? (behindEdge ? `https://${name}-edge.${this.instance.location}.cloudapp.azure.com` : this.instance.gatewayUrl);
    this.instancePrincipalId = this.instance.identity.get(0).principalId;
    this.allowDestroy = checkBoolean(this, 'allowDestroy', attrs.allowDestroy, false);
    this.onboardsApisToDefender = onboard;
    this.keyVaultName = attrs.keyVaultName ?? (Token.isUnresolved(name) ? undefined : defaultKeyVaultName(name, this.node.path));
    this._keyVaultId = `/subscriptions/${client.subscriptionId}/resourceGroups/${attrs.resourceGroupName}/providers/Microsoft.KeyVault/vaults/${this.keyVaultName ?? 'unknown'}`;
  }

  public addSecretNamedValue(id: string, options: SecretNamedValueOptions): KeyVaultNamedValue {
    return createSecretNamedValue(this, this, id, options, (where) => {
      if (options.keyVaultId !== undefined) {
        checkResourceId(where, 'keyVaultId', options.keyVaultId, RESOURCE_ID.keyVault);
        return [grantRole(this, `${id}SecretsUser`, {
          scope: options.keyVaultId, roleDefinitionName: KeyVaultRole.SECRETS_USER, principalId: this.instancePrincipalId,
        }).ready];
      }
      if (!this.holds(options.keyVaultSecretId)) {
        invalid(where, 'keyVaultId', `is missing, but keyVaultSecretId '${options.keyVaultSecretId}' is not in the platform vault '${this.keyVaultName ?? '(unknown: the name is a token; give keyVaultName)'}'`,
          'the resource id of the vault that holds it, so the instance\'s identity is granted Key Vault Secrets User there');
      }
      return [];
    });
  }

  public onboardApiToDefender(apiName: string, after?: IConstruct): ResourceGroupTemplateDeployment {
    return onboardPlatformApi(this, this, apiName, after, undefined);
  }


  /** @internal */
  public _keyVaultSecretWrites(requester: IConstruct, what: string, alternative: string): ITerraformDependable[] {
    return invalid(requester, 'platform', `is imported (fromPlatformAttributes), but ${what} is written into the platform vault's data plane, `
      + 'whose firewall and roles belong to the platform\'s stack', `${alternative}; or write it from the platform's stack`);
  }

  /** @internal */
  public _keyVaultSecretExpiry(requester: IConstruct): string {
    this._keyVaultSecretWrites(requester, 'a secret', 'no secret in the platform vault');
    throw new Error('unreachable: _keyVaultSecretWrites refuses every write of an imported platform');
  }

  /** Whether a Key Vault item id is in the platform vault (an id that is a token is taken to be). */
  private holds(itemId: string): boolean {
    if (Token.isUnresolved(itemId)) return true;
    const host = /^https:\/\/([^./]+)\./.exec(itemId)?.[1];
    return host !== undefined && this.keyVaultName !== undefined && host.toLowerCase() === this.keyVaultName.toLowerCase();
  }
}
