/** The props of `ApimNetwork`: how it attaches, its address plan, or an existing network. */

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
   * A DDoS Network Protection plan to enable on the VNet; the edge public IP then inherits it
   * instead of getting DDoS IP Protection of its own. For an existing network, attach the plan
   * to your VNet and set `edge.ddosProtection` to `VIRTUAL_NETWORK_PLAN`.
   * @default - none: the edge public IP gets DDoS IP Protection (`edge.ddosProtection`)
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
   * Named opt-out: the created VNet loses lifecycle.prevent_destroy, so `terraform destroy` can
   * delete it (replacing it takes the gateway, the edge and every private endpoint with it).
   * Leaves a warning, unless the enclosing platform's own `allowDestroy` already did. No effect
   * with `existing` (nothing protected is created).
   * @default false - the VNet carries lifecycle.prevent_destroy
   */
  readonly allowDestroy?: boolean;
  /**
   * Tags for every resource.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}
