import { NetworkSecurityGroup, NetworkSecurityGroupSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-group';
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
import { checkSubnetCidr, checkSubnetLayout, NamedRange } from './cidr';
import { ZONE_REDUNDANT } from './edge-gateway';
import { apimNetworkTypes } from './prop-types';
import { tfLiteralMap } from '../core/literal';
import { checkProviderRule } from '../core/provider-rules';
import { checkResourceId, checkTags, checkTypes, RESOURCE_ID } from '../core/validation';
import { invalid } from '../core/errors';
import { checkApimName, checkLocation, checkResourceGroupName } from '../core/azure-names';
import { checkCidr } from '../policy/validate';

/** How the API Management gateway is attached to the network. */
export enum ApimNetworkMode {
  /** Classic injection (Developer, Premium): Internal mode with the stv2 management public IP. */
  CLASSIC_INJECTION = 'classic-injection',
  /** V2 injection (PremiumV2): Internal mode in a subnet delegated to Microsoft.Web/hostingEnvironments. */
  V2_INJECTION = 'v2-injection',
  /**
   * No injection (StandardV2): an inbound private endpoint in the private-endpoint subnet, and
   * outbound VNet integration through a subnet delegated to Microsoft.Web/serverFarms.
   */
  PRIVATE_ENDPOINT = 'private-endpoint',
}

/** The address plan of a created network. */
export interface ApimNetworkAddressing {
  /**
   * The VNet address space.
   * @default '10.20.0.0/16'
   */
  readonly addressSpace?: string;
  /**
   * The Application Gateway subnet, /26 or larger (Microsoft recommends /24).
   * @default '10.20.0.0/24'
   */
  readonly edgeSubnetCidr?: string;
  /**
   * The API Management subnet (injection modes), /27 or larger.
   * @default '10.20.1.0/24'
   */
  readonly apimSubnetCidr?: string;
  /**
   * The subnet for private endpoints (the StandardV2 gateway and your backends), /28 or larger.
   * @default '10.20.2.0/24'
   */
  readonly privateEndpointSubnetCidr?: string;
  /**
   * A DDoS protection plan to enable on the VNet.
   * @default - none (the edge public IP keeps Azure's infrastructure DDoS protection)
   */
  readonly ddosProtectionPlanId?: string;
  /**
   * Extra destinations (CIDR ranges) the gateway may reach on TCP 443, for backends outside the
   * VNet. Everything else outbound is denied, so PHI cannot leave for arbitrary hosts.
   * @default - none: backends are reached through private endpoints in the VNet
   */
  readonly backendAddressPrefixes?: string[];
}

/** A network you manage yourself; the library then creates no VNet, subnets or NSGs. */
export interface ExistingNetwork {
  /** The VNet id, which the private DNS zones are linked to. */
  readonly virtualNetworkId: string;
  /**
   * The API Management subnet: for injection (Developer, Premium: no delegation; PremiumV2:
   * delegated to Microsoft.Web/hostingEnvironments), or for StandardV2's outbound VNet
   * integration (delegated to Microsoft.Web/serverFarms). It needs the `Microsoft.KeyVault`
   * service endpoint (the platform vault lets it through) and an NSG you maintain.
   * @default - none; required for the injection tiers; without it StandardV2 has no outbound path into the VNet (a warning)
   */
  readonly apimSubnetId?: string;
  /**
   * The dedicated Application Gateway subnet, with the `Microsoft.KeyVault` service endpoint
   * (the gateway reads its certificate from the platform vault through it).
   * @default - none; required unless the edge is managed outside the library
   */
  readonly edgeSubnetId?: string;
  /**
   * The subnet for private endpoints.
   * @default - none; required for StandardV2
   */
  readonly privateEndpointSubnetId?: string;
}

/** Properties of `ApimNetwork`. */
export interface ApimNetworkProps extends ApimNetworkAddressing {
  /**
   * Use this network instead of creating one: no VNet, subnets or NSGs are created, so their
   * rules are yours to keep right.
   * @default - a network is created
   */
  readonly existing?: ExistingNetwork;
  /** The API Management service name; names every network resource and the private DNS zones. */
  readonly apimName: string;
  /** The resource group. */
  readonly resourceGroupName: string;
  /** The location. */
  readonly location: string;
  /** How the gateway attaches to the network. */
  readonly mode: ApimNetworkMode;
  /**
   * Availability zones for the management public IP (classic injection).
   * @default - no zones
   */
  readonly zones?: string[];
  /**
   * Whether the gateway runs several units that sync rate-limit counters (UDP 4290 inside the subnet).
   * @default false
   */
  readonly multiUnit?: boolean;
  /**
   * Whether the created VNet is protected from `terraform destroy` (replacing it takes the
   * gateway, the edge and every private endpoint with it).
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * Tags for every resource.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/** The host names API Management serves, each of which gets its own private DNS zone. */
export const APIM_HOST_SUFFIXES: ReadonlyArray<[label: string, suffix: string]> = [
  ['Gateway', 'azure-api.net'],
  ['Portal', 'portal.azure-api.net'],
  ['DeveloperPortal', 'developer.azure-api.net'],
  ['Management', 'management.azure-api.net'],
  ['Scm', 'scm.azure-api.net'],
];

/** The App Gateway v2 infrastructure port range that GatewayManager must reach. */
export const APP_GATEWAY_INFRA_PORTS = '65200-65535';

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

    // --- VNet and subnets ---
    const vnet = new VirtualNetwork(this, 'VirtualNetwork', {
      name: `vnet-${name}`,
      resourceGroupName,
      location,
      addressSpace: [space.cidr],
      ddosProtectionPlan: props.ddosProtectionPlanId ? { enable: true, id: props.ddosProtectionPlanId } : undefined,
      tags,
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
    this.virtualNetwork = vnet;
    this.virtualNetworkId = vnet.id;
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

interface ApimRuleOptions {
  readonly classic: boolean;
  /** The subnet only carries the gateway's outbound traffic (StandardV2 VNet integration): no inbound. */
  readonly outboundOnly?: boolean;
  readonly edgeCidr: string;
  readonly multiUnit: boolean;
  readonly backendPrefixes: string[];
}

type Rule = NetworkSecurityGroupSecurityRule;

function rule(direction: 'Inbound' | 'Outbound', priority: number, name: string, description: string, r: Partial<Rule>): Rule {
  return {
    name,
    description,
    priority,
    direction,
    access: 'Allow',
    protocol: 'Tcp',
    sourcePortRange: '*',
    sourceAddressPrefix: 'VirtualNetwork',
    destinationAddressPrefix: 'VirtualNetwork',
    ...r,
  };
}

function denyAll(direction: 'Inbound' | 'Outbound'): Rule {
  return rule(direction, 4096, `DenyAll${direction}`, `Deny all other ${direction.toLowerCase()} traffic`, {
    access: 'Deny',
    protocol: '*',
    sourceAddressPrefix: '*',
    destinationAddressPrefix: '*',
    destinationPortRange: '*',
  });
}

/** The API Management subnet's rules: what APIM requires, then deny-all both ways. */
export function apimRules(o: ApimRuleOptions): Rule[] {
  const inbound: Rule[] = [];
  if (o.classic) {
    inbound.push(rule('Inbound', 100, 'AllowApiManagementEndpoint', 'Management endpoint for the Azure portal and PowerShell',
      { sourceAddressPrefix: 'ApiManagement', destinationPortRange: '3443' }));
    inbound.push(rule('Inbound', 110, 'AllowAzureLoadBalancer', 'Azure infrastructure load balancer health probe',
      { sourceAddressPrefix: 'AzureLoadBalancer', destinationPortRange: '6390' }));
  }
  if (!o.outboundOnly) {
    inbound.push(rule('Inbound', 120, 'AllowEdgeHttps', 'Client traffic only from the Application Gateway subnet',
      { sourceAddressPrefix: o.edgeCidr, destinationPortRange: '443' }));
  }
  if (o.multiUnit && !o.outboundOnly) {
    inbound.push(rule('Inbound', 130, 'AllowUnitSyncInbound', 'Rate-limit counter sync between units',
      { protocol: 'Udp', destinationPortRange: '4290' }));
  }
  const outbound: Rule[] = [
    rule('Outbound', 100, 'AllowStorage', 'Azure Storage for core service functionality', { destinationAddressPrefix: 'Storage', destinationPortRange: '443' }),
    rule('Outbound', 120, 'AllowKeyVault', 'Azure Key Vault for named values and certificates',
      { destinationAddressPrefix: 'AzureKeyVault', destinationPortRange: '443' }),
    rule('Outbound', 130, 'AllowAzureMonitor', 'Diagnostics logs, metrics and Application Insights',
      { destinationAddressPrefix: 'AzureMonitor', destinationPortRanges: ['1886', '443'] }),
    rule('Outbound', 140, 'AllowEntraId', 'Entra ID: token validation keys and the managed identity',
      { destinationAddressPrefix: 'AzureActiveDirectory', destinationPortRange: '443' }),
    rule('Outbound', 160, 'AllowPrivateBackends', 'Backends reached through private endpoints in the VNet', { destinationPortRange: '443' }),
  ];
  if (o.classic) {
    outbound.push(rule('Outbound', 110, 'AllowSql', 'Azure SQL for core service functionality', { destinationAddressPrefix: 'Sql', destinationPortRange: '1433' }));
    outbound.push(rule('Outbound', 150, 'AllowCertificateRevocation', 'Certificate revocation list checks',
      { destinationAddressPrefix: 'Internet', destinationPortRange: '80' }));
  }
  if (o.multiUnit && !o.outboundOnly) {
    outbound.push(rule('Outbound', 170, 'AllowUnitSyncOutbound', 'Rate-limit counter sync between units', { protocol: 'Udp', destinationPortRange: '4290' }));
  }
  if (o.backendPrefixes.length) {
    outbound.push(rule('Outbound', 180, 'AllowListedBackends', 'Backends outside the VNet on the allow list',
      { destinationAddressPrefix: undefined, destinationAddressPrefixes: o.backendPrefixes, destinationPortRange: '443' }));
  }
  outbound.sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));
  return [...inbound, denyAll('Inbound'), ...outbound, denyAll('Outbound')];
}

/** The edge subnet's rules: what Application Gateway v2 requires, HTTPS and the HTTP redirect, then deny. */
export function edgeRules(): Rule[] {
  return [
    rule('Inbound', 100, 'AllowGatewayManager', 'Application Gateway v2 infrastructure',
      { sourceAddressPrefix: 'GatewayManager', destinationAddressPrefix: '*', destinationPortRange: APP_GATEWAY_INFRA_PORTS }),
    rule('Inbound', 110, 'AllowAzureLoadBalancer', 'Azure infrastructure load balancer',
      { protocol: '*', sourceAddressPrefix: 'AzureLoadBalancer', destinationAddressPrefix: '*', destinationPortRange: '*' }),
    rule('Inbound', 120, 'AllowInternetHttps', 'Client HTTPS', { sourceAddressPrefix: 'Internet', destinationAddressPrefix: '*', destinationPortRange: '443' }),
    rule('Inbound', 130, 'AllowInternetHttpRedirect', 'HTTP, answered only with a redirect to HTTPS',
      { sourceAddressPrefix: 'Internet', destinationAddressPrefix: '*', destinationPortRange: '80' }),
    denyAll('Inbound'),
  ];
}
