import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { DEPLOYER_PRIVATE_ENDPOINT_TYPES } from './prop-types';
import { invalid } from '../core/errors';
import { checkPublicRange, checkResourceId, checkTypes, RESOURCE_ID, T } from '../core/validation';

/** A vault private endpoint in a network the deployment agent runs in. */
export interface DeployerPrivateEndpoint {
  /** An existing subnet (not one this stack creates) in the agent's network. */
  readonly subnetId: string;
  /** An existing `privatelink.vaultcore.azure.net` private DNS zone the agent resolves through. */
  readonly privateDnsZoneId: string;
}

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
    checkTypes('KeyVaultDeployerAccess.fromIpRanges', 'ranges', ranges, T.list(T.str));
    return new KeyVaultDeployerAccess(ranges, [], undefined);
  }

  /** An existing subnet the agent runs in, which has the `Microsoft.KeyVault` service endpoint. */
  public static fromSubnet(subnetId: string): KeyVaultDeployerAccess {
    checkTypes('KeyVaultDeployerAccess.fromSubnet', 'subnetId', subnetId, T.str);
    return new KeyVaultDeployerAccess([], [subnetId], undefined);
  }

  /** A vault private endpoint in an existing subnet of the agent's network. */
  public static fromPrivateEndpoint(endpoint: DeployerPrivateEndpoint): KeyVaultDeployerAccess {
    checkTypes('KeyVaultDeployerAccess.fromPrivateEndpoint', 'endpoint', endpoint, DEPLOYER_PRIVATE_ENDPOINT_TYPES);
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
    this.subnetIds.forEach((id, i) => checkResourceId(scope, `${prop}.subnetIds[${i}]`, id, RESOURCE_ID.subnet));
    if (this.privateEndpoint) {
      checkResourceId(scope, `${prop}.privateEndpoint.subnetId`, this.privateEndpoint.subnetId, RESOURCE_ID.subnet);
      checkResourceId(scope, `${prop}.privateEndpoint.privateDnsZoneId`, this.privateEndpoint.privateDnsZoneId, RESOURCE_ID.vaultPrivateDnsZone);
    }
  }
}

export { checkPublicRange, checkResourceIdOf } from '../core/validation';
