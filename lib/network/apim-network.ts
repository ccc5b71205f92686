import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { PrivateDnsARecord } from '@cdktf/provider-azurerm/lib/private-dns-a-record';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { ApimNetworkAddressing, ApimNetworkMode, ApimNetworkProps } from './apim-network-props';
import { checkSubnetCidr, checkSubnetLayout, NamedRange } from './cidr';
import { ZONE_REDUNDANT } from './edge-gateway';
import { apimRules, edgeRules } from './nsg-rules';
import { apimNetworkTypes } from './prop-types';
import { planPreventDestroy } from '../compliance/opt-out';
import { checkApimName, checkLocation, checkResourceGroupName } from '../core/azure-names';
import { invalid } from '../core/errors';
import { tfLiteralMap } from '../core/literal';
import { checkProviderRule } from '../core/provider-rules';
import { checkResourceId, checkTags, checkTypes, RESOURCE_ID } from '../core/validation';
import { checkCidr } from '../policy/validate';

export { ApimNetworkMode } from './apim-network-props';
export type { ApimNetworkAddressing, ApimNetworkProps, ExistingNetwork } from './apim-network-props';

/** The host names API Management serves, each of which gets its own private DNS zone. */
export const APIM_HOST_SUFFIXES: ReadonlyArray<[label: string, suffix: string]> = [
  ['Gateway', 'azure-api.net'],
  ['Portal', 'portal.azure-api.net'],
  ['DeveloperPortal', 'developer.azure-api.net'],
  ['Management', 'management.azure-api.net'],
  ['Scm', 'scm.azure-api.net'],
];

/**
 * The network that isolates API Management: a VNet with an edge subnet for Application
 * Gateway, an API Management subnet with an NSG that allows exactly what APIM needs and
 * denies everything else, a private-endpoint subnet, and private DNS scoped to this
 * instance's own host names.
 *
 * A building block of `SecureHealthcareApim`: its props follow the platform's needs and may
 * change in any release, after 1.0 too.
 * @experimental
 */
export class ApimNetwork extends Construct {
  /** The VNet, when created. */
  public readonly virtualNetwork?: VirtualNetwork;
  /** The VNet id. */
  public readonly virtualNetworkId: string;
  /** The Application Gateway subnet id. */
  public readonly edgeSubnetId?: string;
  /** The API Management subnet id (injection modes). */
  public readonly apimSubnetId?: string;
  /**
   * The subnet a StandardV2 gateway sends its outbound traffic through (VNet integration,
   * delegated to `Microsoft.Web/serverFarms`), so it reaches private backends and the vault.
   */
  public readonly outboundSubnetId?: string;
  /** The subnet for private endpoints. */
  public readonly privateEndpointSubnetId?: string;
  /** The NSG on the API Management subnet (injection modes, created network). */
  public readonly apimSecurityGroup?: NetworkSecurityGroup;
  /** The NSG on the edge subnet (created network). */
  public readonly edgeSecurityGroup?: NetworkSecurityGroup;
  /** The Standard static public IP that classic injection uses for management traffic. */
  public readonly managementPublicIp?: PublicIp;
  /**
   * The DDoS Network Protection plan of the created VNet, which covers every public IP in it
   * (the edge IP inherits it). Undefined for an existing network, whose plan the library does not know.
   */
  public readonly ddosProtectionPlanId?: string;
  /** What must exist before API Management is placed in the subnet (NSG associations). */
  public readonly readiness: ITerraformDependable[] = [];
  /**
   * What must exist before anything resolves the gateway's host name inside the VNet: the
   * private DNS records (or the private endpoint that registers them) and the zone links.
   */
  public readonly gatewayDnsReadiness: ITerraformDependable[] = [];

  private readonly props: ApimNetworkProps;

  constructor(scope: Construct, id: string, props: ApimNetworkProps) {
    super(scope, id);
    checkTypes(this, '', props, apimNetworkTypes());
    checkApimName(this, 'apimName', props.apimName);
    checkResourceGroupName(this, 'resourceGroupName', props.resourceGroupName);
    checkLocation(this, 'location', props.location);
    if (props.mode === ApimNetworkMode.PRIVATE_ENDPOINT) {
      checkProviderRule(this, 'apimName', `pe-${props.apimName}-gateway`, 'azurerm_private_endpoint.name', 'gives the gateway private endpoint\'s name');
    }
    // Tags reach Terraform as literals (`${` and `%{` escaped).
    this.props = { ...props, tags: tfLiteralMap(checkTags(this, 'tags', props.tags)) };
    const injected = props.mode !== ApimNetworkMode.PRIVATE_ENDPOINT;
    if (props.existing) {
      const existing = props.existing;
      const addressing: Array<keyof ApimNetworkAddressing> = ['addressSpace', 'edgeSubnetCidr', 'apimSubnetCidr', 'privateEndpointSubnetCidr', 'ddosProtectionPlanId', 'backendAddressPrefixes'];
      const clash = addressing.find((k) => props[k] !== undefined);
      if (clash) invalid(this, clash, 'is set together with an existing network', 'either an existing network or addressing for a created one');
      if (!existing.virtualNetworkId) invalid(this, 'existing.virtualNetworkId', 'is missing', 'the id of the VNet to link private DNS to');
      if (injected && !existing.apimSubnetId) {
        invalid(this, 'existing.apimSubnetId', 'is missing for an injected gateway', 'the id of the subnet API Management is injected into');
      }
      if (!injected && !existing.privateEndpointSubnetId) {
        invalid(this, 'existing.privateEndpointSubnetId', 'is missing for a private-endpoint gateway', 'the id of the subnet for the gateway\'s private endpoint');
      }
      checkResourceId(this, 'existing.virtualNetworkId', existing.virtualNetworkId, RESOURCE_ID.virtualNetwork);
      for (const key of ['apimSubnetId', 'edgeSubnetId', 'privateEndpointSubnetId'] as const) {
        if (existing[key] !== undefined) checkResourceId(this, `existing.${key}`, existing[key], RESOURCE_ID.subnet);
      }
      this.virtualNetworkId = existing.virtualNetworkId;
      this.apimSubnetId = injected ? existing.apimSubnetId : undefined;
      this.outboundSubnetId = injected ? undefined : existing.apimSubnetId;
      this.edgeSubnetId = existing.edgeSubnetId;
      this.privateEndpointSubnetId = existing.privateEndpointSubnetId;
      this.managementPublicIp = this.createManagementPublicIp();
      return;
    }

    // --- validation ---
    const space: NamedRange = { prop: 'addressSpace', cidr: props.addressSpace ?? '10.20.0.0/16', range: checkCidr(this.node.path, 'addressSpace', props.addressSpace ?? '10.20.0.0/16') };
    const edge = checkSubnetCidr(this, 'edgeSubnetCidr', props.edgeSubnetCidr ?? '10.20.0.0/24', 26, 'an autoscaling Application Gateway v2');
    const apim = checkSubnetCidr(this, 'apimSubnetCidr', props.apimSubnetCidr ?? '10.20.1.0/24', 27,
      injected ? 'API Management injection' : 'StandardV2 outbound VNet integration');
    const pe = checkSubnetCidr(this, 'privateEndpointSubnetCidr', props.privateEndpointSubnetCidr ?? '10.20.2.0/24', 28, 'private endpoints');
    checkSubnetLayout(this, space, [edge, apim, pe]);
    if (props.ddosProtectionPlanId !== undefined) checkResourceId(this, 'ddosProtectionPlanId', props.ddosProtectionPlanId, RESOURCE_ID.ddosProtectionPlan);
    const backendPrefixes = (props.backendAddressPrefixes ?? []).map((p, i) => checkCidr(this.node.path, `backendAddressPrefixes[${i}]`, p) && p);
    const { resourceGroupName, location, tags } = this.props;
    const name = props.apimName;
    const preventDestroy = planPreventDestroy(this, props, `terraform destroy can delete the VNet vnet-${name}, and with it the gateway's network, the edge and every private endpoint.`);

    // --- VNet and subnets ---
    const vnet = new VirtualNetwork(this, 'VirtualNetwork', {
      name: `vnet-${name}`,
      resourceGroupName,
      location,
      addressSpace: [space.cidr],
      ddosProtectionPlan: props.ddosProtectionPlanId ? { enable: true, id: props.ddosProtectionPlanId } : undefined,
      tags,
      lifecycle: { preventDestroy },
    });
    this.virtualNetwork = vnet;
    this.virtualNetworkId = vnet.id;
    this.ddosProtectionPlanId = props.ddosProtectionPlanId;
    const subnet = (sid: string, subnetName: string, cidr: string, extra: Partial<ConstructorParameters<typeof Subnet>[2]> = {}) =>
      new Subnet(this, sid, {
        name: subnetName,
        resourceGroupName,
        virtualNetworkName: vnet.name,
        addressPrefixes: [cidr],
        ...extra,
      });

    // Service endpoint: the gateway reads its TLS certificate from the firewalled vault.
    const edgeSubnet = subnet('EdgeSubnet', 'snet-edge', edge.cidr, { serviceEndpoints: ['Microsoft.KeyVault'] });
    this.edgeSubnetId = edgeSubnet.id;
    this.edgeSecurityGroup = new NetworkSecurityGroup(this, 'EdgeSecurityGroup', {
      name: `nsg-${name}-edge`,
      resourceGroupName,
      location,
      securityRule: edgeRules(),
      tags,
    });
    this.readiness.push(new SubnetNetworkSecurityGroupAssociation(this, 'EdgeSecurityGroupAssociation', {
      subnetId: edgeSubnet.id,
      networkSecurityGroupId: this.edgeSecurityGroup.id,
    }));

    {
      // Service endpoint: the gateway reads named values and certificates from the firewalled
      // vault through its subnet (the trusted-services bypass is gone for new instances).
      // StandardV2 is not injected: the subnet carries its outbound traffic (VNet integration).
      const delegation = DELEGATIONS[props.mode];
      const apimSubnet = subnet('ApimSubnet', injected ? 'snet-apim' : 'snet-apim-outbound', apim.cidr, {
        serviceEndpoints: ['Microsoft.KeyVault'],
        ...(delegation ? {
          delegation: [{
            name: delegation.name,
            serviceDelegation: { name: delegation.service, actions: ['Microsoft.Network/virtualNetworks/subnets/action'] },
          }],
        } : {}),
      });
      if (injected) this.apimSubnetId = apimSubnet.id;
      else this.outboundSubnetId = apimSubnet.id;
      this.apimSecurityGroup = new NetworkSecurityGroup(this, 'ApimSecurityGroup', {
        name: `nsg-${name}-apim`,
        resourceGroupName,
        location,
        securityRule: apimRules({
          classic: props.mode === ApimNetworkMode.CLASSIC_INJECTION,
          outboundOnly: !injected,
          edgeCidr: edge.cidr,
          multiUnit: props.multiUnit ?? false,
          backendPrefixes,
        }),
        tags,
      });
      this.readiness.push(new SubnetNetworkSecurityGroupAssociation(this, 'ApimSecurityGroupAssociation', {
        subnetId: apimSubnet.id,
        networkSecurityGroupId: this.apimSecurityGroup.id,
      }));
    }

    const peSubnet = subnet('PrivateEndpointSubnet', 'snet-private-endpoints', pe.cidr, {
      privateEndpointNetworkPolicies: 'Enabled',
      defaultOutboundAccessEnabled: false,
    });
    this.privateEndpointSubnetId = peSubnet.id;

    this.managementPublicIp = this.createManagementPublicIp();
  }

  /**
   * Private DNS for an injected instance: one zone per host name the instance serves (never
   * one zone for all of azure-api.net, which would shadow other instances), each with an
   * apex A record to the gateway's private IP and a link to the VNet.
   *
   * @param privateIp the instance's private IP address
   */
  public addInjectedApimDns(privateIp: string): void {
    const suffixes = this.props.mode === ApimNetworkMode.CLASSIC_INJECTION ? APIM_HOST_SUFFIXES : APIM_HOST_SUFFIXES.slice(0, 1);
    for (const [label, suffix] of suffixes) {
      const zone = this.privateZone(label, `${this.props.apimName}.${suffix}`);
      const record = new PrivateDnsARecord(this, `${label}Record`, {
        name: '@',
        zoneName: zone.name,
        resourceGroupName: this.props.resourceGroupName,
        ttl: 300,
        records: [privateIp],
        tags: this.props.tags,
      });
      if (label === 'Gateway') this.gatewayDnsReadiness.push(record);
    }
  }

  /**
   * An inbound private endpoint for a V2 gateway, registered in `privatelink.azure-api.net`
   * (the zone Azure's public CNAME points into, so other instances still resolve publicly).
   *
   * @param apimId the API Management resource id
   */
  public addApimPrivateEndpoint(apimId: string): PrivateEndpoint {
    if (!this.privateEndpointSubnetId) invalid(this, 'existing.privateEndpointSubnetId', 'is missing', 'the subnet for the private endpoint');
    const zone = this.privateZone('PrivateLink', 'privatelink.azure-api.net');
    const endpoint = new PrivateEndpoint(this, 'ApimPrivateEndpoint', {
      name: `pe-${this.props.apimName}-gateway`,
      resourceGroupName: this.props.resourceGroupName,
      location: this.props.location,
      subnetId: this.privateEndpointSubnetId,
      privateServiceConnection: {
        name: `${this.props.apimName}-gateway`,
        privateConnectionResourceId: apimId,
        subresourceNames: ['Gateway'],
        isManualConnection: false,
      },
      privateDnsZoneGroup: { name: 'apim', privateDnsZoneIds: [zone.id] },
      tags: this.props.tags,
    });
    this.gatewayDnsReadiness.push(endpoint);
    return endpoint;
  }

  private createManagementPublicIp(): PublicIp | undefined {
    if (this.props.mode !== ApimNetworkMode.CLASSIC_INJECTION) return undefined;
    return new PublicIp(this, 'ManagementPublicIp', {
      name: `pip-${this.props.apimName}-management`,
      resourceGroupName: this.props.resourceGroupName,
      location: this.props.location,
      sku: 'Standard',
      allocationMethod: 'Static',
      domainNameLabel: checkProviderRule(this, 'apimName', this.props.apimName, 'azurerm_public_ip.domain_name_label'),
      // Azure stores a zone-redundant IP as 1, 2, 3; any other list is replaced on every plan.
      zones: this.props.zones?.length ? [...ZONE_REDUNDANT] : undefined,
      tags: this.props.tags,
    });
  }

  private privateZone(label: string, zoneName: string): PrivateDnsZone {
    const zone = new PrivateDnsZone(this, `${label}Zone`, {
      name: zoneName,
      resourceGroupName: this.props.resourceGroupName,
      tags: this.props.tags,
    });
    const link = new PrivateDnsZoneVirtualNetworkLink(this, `${label}ZoneLink`, {
      name: `link-${this.props.apimName}`,
      resourceGroupName: this.props.resourceGroupName,
      privateDnsZoneName: zone.name,
      virtualNetworkId: this.virtualNetworkId,
      registrationEnabled: false,
      tags: this.props.tags,
    });
    if (label === 'Gateway' || label === 'PrivateLink') this.gatewayDnsReadiness.push(link);
    return zone;
  }
}

/** Subnet delegations per mode: V2 injection and V2 outbound integration. */
const DELEGATIONS: Record<ApimNetworkMode, { name: string; service: string } | undefined> = {
  [ApimNetworkMode.CLASSIC_INJECTION]: undefined,
  [ApimNetworkMode.V2_INJECTION]: { name: 'apim-v2-injection', service: 'Microsoft.Web/hostingEnvironments' },
  [ApimNetworkMode.PRIVATE_ENDPOINT]: { name: 'apim-v2-outbound', service: 'Microsoft.Web/serverFarms' },
};

