/** The platform's network: which attachment the SKU and opt-outs give, the network, and the instance's place in it. Internal. */
import { ApiManagement, ApiManagementConfig } from '@cdktf/provider-azurerm/lib/api-management';
import { Annotations, Fn } from 'cdktf';
import { Construct } from 'constructs';
import type { PlatformPlan } from './platform-plan';
import { SecureHealthcareApimProps } from './secure-healthcare-apim-props';
import { warnOptOut } from '../compliance/opt-out';
import { asUserProps, invalid } from '../core/errors';
import { ApimSku, ApimTier } from '../core/sku';
import { ApimNetwork, ApimNetworkMode } from '../network/apim-network';

/** Which network attachment the SKU and opt-outs give, validating the combination; undefined means public. */
export function resolveNetworkMode(scope: Construct, sku: ApimSku, props: SecureHealthcareApimProps): ApimNetworkMode | undefined {
  const networkProps = (['network', 'existingNetwork', 'edge', 'acknowledgeExternallyManagedEdge', 'closePublicNetworkAccess', 'allowPublicNetworkAccess'] as const)
    .filter((k) => props[k] !== undefined && props[k] !== false);
  if (!sku.supportsNetworkIsolation || props.acknowledgePublicGateway) {
    const why = props.acknowledgePublicGateway ? 'acknowledgePublicGateway is set' : `${sku.skuName} cannot be isolated`;
    if (networkProps.length) invalid(scope, networkProps[0], `is set but ${why}, so no network or edge is created`, `leave ${networkProps[0]} unset, or isolate the gateway`);
    if (props.acknowledgePublicGateway) {
      warnOptOut(scope, 'acknowledgePublicGateway', 'the gateway is reachable from the internet directly, with no network isolation and no WAF in front of it.',
        ['APIM-NETWORK-ISOLATION', 'APIM-PUBLIC-NETWORK-ACCESS', 'WAF-PRESENT']);
    }
    return undefined;
  }
  if (props.network && props.existingNetwork) invalid(scope, 'network', 'is set together with existingNetwork', 'either addressing for a created network or an existing network');
  if (props.existingNetwork) {
    if (!props.acknowledgeUnmanagedNetworkRules) {
      invalid(scope, 'existingNetwork', 'is set without acknowledgeUnmanagedNetworkRules',
        'acknowledgeUnmanagedNetworkRules: true, accepting that the NSG rules and routes of your network are yours to keep right');
    }
    warnOptOut(scope, 'acknowledgeUnmanagedNetworkRules', 'the network is managed outside this library; its NSG rules, routes and DDoS protection are not checked.');
    if (!props.acknowledgeExternallyManagedEdge && !props.existingNetwork.edgeSubnetId) {
      invalid(scope, 'existingNetwork.edgeSubnetId', 'is missing, so the edge gateway has no subnet',
        'the id of a dedicated Application Gateway subnet, or acknowledgeExternallyManagedEdge: true');
    }
  }
  if (props.acknowledgeExternallyManagedEdge) {
    if (props.edge) invalid(scope, 'edge', 'is set together with acknowledgeExternallyManagedEdge', 'edge options only for an edge this library creates');
    warnOptOut(scope, 'acknowledgeExternallyManagedEdge', 'no edge gateway is created; a WAF in Prevention mode you manage must front the gateway.', ['WAF-PRESENT']);
  }
  if (sku.tier === ApimTier.STANDARD_V2) {
    checkStandardV2PublicAccess(scope, sku, props);
    return ApimNetworkMode.PRIVATE_ENDPOINT;
  }
  for (const key of ['closePublicNetworkAccess', 'allowPublicNetworkAccess'] as const) {
    if (props[key] !== undefined) {
      invalid(scope, key, `is set for ${sku.skuName}, whose injected gateway has no public endpoint to open or close (Azure rejects the setting)`,
        `${key} only with StandardV2`);
    }
  }
  return sku.tier === ApimTier.PREMIUM_V2 ? ApimNetworkMode.V2_INJECTION : ApimNetworkMode.CLASSIC_INJECTION;
}

/**
 * StandardV2's two applies: Azure keeps a new instance's public network access on until its
 * private endpoint exists, so the first apply takes the named opt-out and the second closes it.
 */
function checkStandardV2PublicAccess(scope: Construct, sku: ApimSku, props: SecureHealthcareApimProps): void {
  if (props.closePublicNetworkAccess && props.allowPublicNetworkAccess) {
    invalid(scope, 'allowPublicNetworkAccess', 'is set together with closePublicNetworkAccess', 'one of them: allowPublicNetworkAccess for the first apply, closePublicNetworkAccess after it');
  }
  if (props.closePublicNetworkAccess) return;
  if (!props.allowPublicNetworkAccess) {
    invalid(scope, 'allowPublicNetworkAccess', `is not set for ${sku.skuName}, whose public network access Azure keeps on until the private endpoint exists`,
      'allowPublicNetworkAccess: true for the first apply (a warning), then closePublicNetworkAccess: true instead, applied again');
  }
  warnOptOut(scope, 'allowPublicNetworkAccess', `${sku.skuName} keeps public network access until the private endpoint exists: `
    + 'after the first apply, replace allowPublicNetworkAccess with closePublicNetworkAccess: true and apply again.', ['APIM-PUBLIC-NETWORK-ACCESS']);
}

/** The network the gateway is isolated in (created, or the existing one), unless the plan's gateway is public. */
export function createPlatformNetwork(scope: Construct, props: SecureHealthcareApimProps, plan: PlatformPlan): ApimNetwork | undefined {
  const { name, mode } = plan;
  if (mode === undefined) return undefined;
  return asUserProps(scope, () => new ApimNetwork(scope, 'Network', {
    apimName: name,
    resourceGroupName: props.resourceGroupName,
    location: props.location,
    mode,
    zones: plan.zones,
    multiUnit: plan.sku.capacity > 1,
    existing: props.existingNetwork,
    ...props.network,
    allowDestroy: !plan.preventDestroy,
    tags: plan.rawTags,
  }), { apimName: 'name', existing: 'existingNetwork', zones: 'zones', tags: 'tags', resourceGroupName: 'resourceGroupName', location: 'location' }, 'network.');
}

/** The instance's network settings for a mode. */
export function instanceNetworkConfig(scope: Construct, network: ApimNetwork | undefined, mode: ApimNetworkMode | undefined,
  props: SecureHealthcareApimProps): Partial<ApiManagementConfig> {
  if (mode === undefined) return {};
  if (mode === ApimNetworkMode.PRIVATE_ENDPOINT) {
    const outbound = network!.outboundSubnetId;
    if (outbound === undefined) {
      Annotations.of(scope).addWarning('existingNetwork.apimSubnetId is not set for StandardV2: the gateway has no outbound VNet integration, '
        + 'so it cannot reach private backends (private endpoints) or the firewalled vault. Give a subnet delegated to Microsoft.Web/serverFarms.');
    }
    return {
      publicNetworkAccessEnabled: !props.closePublicNetworkAccess,
      // Outbound VNet integration: the inbound private endpoint gives no outbound path.
      ...(outbound !== undefined ? { virtualNetworkType: 'External', virtualNetworkConfiguration: { subnetId: outbound } } : {}),
      dependsOn: network!.readiness.length ? network!.readiness : undefined,
    };
  }
  return {
    virtualNetworkType: 'Internal',
    virtualNetworkConfiguration: { subnetId: network!.apimSubnetId! },
    publicIpAddressId: network!.managementPublicIp?.id,
    dependsOn: network!.readiness.length ? network!.readiness : undefined,
  };
}

/** Makes the instance reachable in its network: StandardV2's private endpoint, or the injected gateway's private DNS records. */
export function connectInstanceToNetwork(network: ApimNetwork | undefined, mode: ApimNetworkMode | undefined, apim: ApiManagement): void {
  if (mode === ApimNetworkMode.PRIVATE_ENDPOINT) {
    network!.addApimPrivateEndpoint(apim.id);
  } else if (mode !== undefined) {
    network!.addInjectedApimDns(Fn.element(apim.privateIpAddresses, 0));
  }
}
