import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { invalid } from '../errors';
import { parseCidr, parseIpv4 } from '../policy/validate';

/** A vault private endpoint in a network the deployment agent runs in. */
export interface DeployerPrivateEndpoint {
  /** An existing subnet (not one this stack creates) in the agent's network. */
  readonly subnetId: string;
  /** An existing `privatelink.vaultcore.azure.net` private DNS zone the agent resolves through. */
  readonly privateDnsZoneId: string;
}

/** Private IPv4 ranges, which a Key Vault IP rule never matches (the firewall sees public addresses). */
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16'].map((c) => parseCidr(c)!);

/**
 * How the identity running Terraform (the deployment agent) reaches the platform vault's data
 * plane, when the stack writes something there that Azure Resource Manager cannot create (a
 * Key Vault certificate). The vault firewall denies everything else.
 *
 * A runner cannot sit inside a network the same apply creates, so each path names something
 * that exists before the deploy: the agent's public egress addresses, an existing subnet the
 * agent runs in, or a private endpoint in such a subnet.
 *
 * @example
 * // The pipeline reads its egress IP before `cdktf deploy` and passes TF_VAR_deployer_ip_ranges.
 * const ranges = new TerraformVariable(stack, 'deployer_ip_ranges', { type: 'list(string)' });
 * KeyVaultDeployerAccess.fromIpRanges(Token.asList(ranges.value));
 */
export class KeyVaultDeployerAccess {
  /**
   * Public IPv4 addresses or CIDR ranges of the agent's egress, allowed through the vault
   * firewall. A Terraform expression (e.g. a `list(string)` variable) is passed through as is,
   * so the pipeline can read its egress address at deploy time.
   */
  public static fromIpRanges(ranges: string[]): KeyVaultDeployerAccess {
    return new KeyVaultDeployerAccess(ranges, [], undefined);
  }

  /** An existing subnet the agent runs in, which has the `Microsoft.KeyVault` service endpoint. */
  public static fromSubnet(subnetId: string): KeyVaultDeployerAccess {
    return new KeyVaultDeployerAccess([], [subnetId], undefined);
  }

  /** A vault private endpoint in an existing subnet of the agent's network. */
  public static fromPrivateEndpoint(endpoint: DeployerPrivateEndpoint): KeyVaultDeployerAccess {
    return new KeyVaultDeployerAccess([], [], endpoint);
  }

  private constructor(
    /** Public egress ranges allowed through the vault firewall. */
    public readonly ipRanges: string[],
    /** Existing agent subnets allowed through the vault firewall. */
    public readonly subnetIds: string[],
    /** A private endpoint for the agent. */
    public readonly privateEndpoint: DeployerPrivateEndpoint | undefined,
  ) {}

  /** Fails on malformed or private ranges and empty ids, naming the prop. */
  public validate(scope: IConstruct, prop: string): void {
    if (!Array.isArray(this.ipRanges) || (this.ipRanges.length === 0 && this.subnetIds.length === 0 && !this.privateEndpoint)) {
      invalid(scope, prop, 'declares no path', 'KeyVaultDeployerAccess.fromIpRanges([...]) with at least one range, fromSubnet(id) or fromPrivateEndpoint({...})');
    }
    if (!Token.isUnresolved(this.ipRanges)) {
      this.ipRanges.forEach((r, i) => checkPublicRange(scope, `${prop}.ipRanges[${i}]`, r));
    }
    this.subnetIds.forEach((id, i) => checkResourceIdOf(scope, `${prop}.subnetIds[${i}]`, id, 'Microsoft.Network/virtualNetworks/', '/subnets/'));
    if (this.privateEndpoint) {
      checkResourceIdOf(scope, `${prop}.privateEndpoint.subnetId`, this.privateEndpoint.subnetId, 'Microsoft.Network/virtualNetworks/', '/subnets/');
      checkResourceIdOf(scope, `${prop}.privateEndpoint.privateDnsZoneId`, this.privateEndpoint.privateDnsZoneId,
        'Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net', '');
    }
  }
}

/** A public IPv4 address or CIDR range (tokens are skipped). */
export function checkPublicRange(scope: IConstruct, prop: string, value: string): string {
  if (Token.isUnresolved(value)) return value;
  const single = typeof value === 'string' ? parseIpv4(value) : undefined;
  const range = single !== undefined ? { first: single, last: single } : (typeof value === 'string' ? parseCidr(value) : undefined);
  if (range === undefined) {
    invalid(scope, prop, `'${value}' is not an IPv4 address or CIDR range`, 'a public IPv4 address or CIDR range such as 203.0.113.7 or 203.0.113.0/24');
  }
  if (PRIVATE_RANGES.some((p) => range.first <= p.last && p.first <= range.last)) {
    invalid(scope, prop, `'${value}' is a private or reserved range, which the vault firewall never sees`,
      'the agent\'s public egress address; an agent in a private network uses KeyVaultDeployerAccess.fromSubnet or fromPrivateEndpoint');
  }
  return value;
}

/** An ARM resource id containing the given segments, case-sensitively as the providers parse it (tokens are skipped). */
export function checkResourceIdOf(scope: IConstruct, prop: string, id: string, typeSegment: string, childSegment: string): string {
  if (Token.isUnresolved(id)) return id;
  const ok = typeof id === 'string' && /^\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[^/]+\/providers\//.test(id)
    && id.includes(`/providers/${typeSegment}`) && (childSegment === '' || id.includes(childSegment));
  if (!ok) {
    invalid(scope, prop, `'${id}' is not a ${typeSegment}${childSegment ? `…${childSegment}…` : ''} resource id`,
      `/subscriptions/<guid>/resourceGroups/<group>/providers/${typeSegment}${childSegment ? `<name>${childSegment}<name>` : ''}`);
  }
  return id;
}
