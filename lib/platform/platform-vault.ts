/** The platform Key Vault: readers let through its firewall by subnet or address, the deployer only through a declared path. Internal. */
import { ApiManagement } from '@cdktf/provider-azurerm/lib/api-management';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { Annotations } from 'cdktf';
import { Construct } from 'constructs';
import { defaultKeyVaultName } from './naming';
import type { PlatformPlan } from './platform-plan';
import { SecureHealthcareApimProps } from './secure-healthcare-apim-props';
import { checkKeyVaultName } from '../core/azure-names';
import { asUserProps } from '../core/errors';
import { ApimSku, ApimTier } from '../core/sku';
import { AuditLogging } from '../foundation/audit-logging';
import { PlatformKeyVault } from '../foundation/platform-key-vault';
import { ApimNetwork, ApimNetworkMode } from '../network/apim-network';

/** What the vault is built around: the deployer, the instance, its network and its audit logging. */
export interface PlatformVaultContext {
  /** The deployment's client: tenant and deployer object id. */
  readonly client: DataAzurermClientConfig;
  /** The instance, whose static public IPs a public classic gateway reads from. */
  readonly apim: ApiManagement;
  /** The network the instance is isolated in, if any. */
  readonly network: ApimNetwork | undefined;
  /** The edge gateway's subnet, when the platform creates an edge. */
  readonly edgeSubnetId: string | undefined;
  /** Where the vault's resource logs go. */
  readonly auditLogging: AuditLogging;
}

/** The platform vault, its resource logs sent to the audit workspace. */
export function createPlatformVault(scope: Construct, props: SecureHealthcareApimProps, plan: PlatformPlan,
  ctx: PlatformVaultContext): PlatformKeyVault {
  const keyVault = asUserProps(scope, () => new PlatformKeyVault(scope, 'KeyVault', {
    name: props.keyVaultName ?? checkKeyVaultName(scope, 'name', defaultKeyVaultName(plan.name)),
    resourceGroupName: props.resourceGroupName,
    location: props.location,
    tenantId: ctx.client.tenantId,
    deployerObjectId: ctx.client.objectId,
    deployerAccess: props.keyVaultDeployerAccess,
    deployerAccessProp: 'keyVaultDeployerAccess',
    readerSubnetIds: vaultReaderSubnets(ctx.network, ctx.edgeSubnetId),
    readerIpAddresses: vaultReaderAddresses(scope, ctx.apim, plan.mode, plan.sku),
    rolePropagationSeconds: props.rolePropagationSeconds,
    allowStandardSku: props.allowStandardKeyVaultSku,
    secretRotation: props.keyVaultSecretRotation,
    allowDestroy: !plan.preventDestroy,
    tags: plan.rawTags,
  }), {
    name: props.keyVaultName !== undefined ? 'keyVaultName' : 'name',
    rolePropagationSeconds: 'rolePropagationSeconds',
    tags: 'tags',
    allowStandardSku: 'allowStandardKeyVaultSku',
    secretRotation: 'keyVaultSecretRotation',
  });
  ctx.auditLogging.sendResourceLogs('KeyVaultDiagnosticSetting', 'keyvault-to-log-analytics', keyVault.vaultId);
  return keyVault;
}

/**
 * Subnets the vault firewall lets through: the instance's own (injection, or StandardV2's
 * outbound integration) and the edge's. Each has the `Microsoft.KeyVault` service endpoint
 * (created networks; an existing network's subnets must have it).
 */
function vaultReaderSubnets(network: ApimNetwork | undefined, edgeSubnetId: string | undefined): string[] {
  const subnets = [network?.apimSubnetId ?? network?.outboundSubnetId, edgeSubnetId];
  return subnets.filter((s): s is string => s !== undefined);
}

/**
 * Public addresses the vault firewall lets through: a public classic gateway's static IPs.
 * Consumption and public V2 gateways have none, so Key Vault-backed settings cannot reach the
 * vault from them (a warning).
 */
function vaultReaderAddresses(scope: Construct, apim: ApiManagement, mode: ApimNetworkMode | undefined, sku: ApimSku): string[] {
  if (mode !== undefined) return [];
  if (sku.isClassic && sku.tier !== ApimTier.CONSUMPTION) return apim.publicIpAddresses;
  Annotations.of(scope).addWarning(`${sku.skuName} without network isolation has no subnet or static address the Key Vault firewall can let through: `
    + 'named values and certificates from the platform vault are unreachable for instances created from December 2025 on (no trusted-services bypass).');
  return [];
}
