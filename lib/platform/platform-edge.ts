/** The edge gateway in front of the internal gateway, on the custom domain when there is one. Internal. */
import { Annotations, Token } from 'cdktf';
import { Construct } from 'constructs';
import type { PlatformPlan } from './platform-plan';
import { SecureHealthcareApimProps } from './secure-healthcare-apim-props';
import { asUserProps } from '../core/errors';
import { AuditLogging } from '../foundation/audit-logging';
import { PlatformKeyVault } from '../foundation/platform-key-vault';
import { ApimNetwork } from '../network/apim-network';
import { EdgeGateway } from '../network/edge-gateway';
import { VirtualNetworkDdosPlan } from '../network/edge-protection-options';

/** What the edge is built around. */
export interface PlatformEdgeContext {
  /** The edge's subnet; no edge without one. */
  readonly edgeSubnetId: string | undefined;
  /** The network, whose gateway DNS records the edge waits for. */
  readonly network: ApimNetwork | undefined;
  /** The vault holding (or receiving) the edge's certificate. */
  readonly keyVault: PlatformKeyVault;
  /** Where the edge's logs go. */
  readonly auditLogging: AuditLogging;
}

/**
 * The edge, created once the gateway's private DNS records exist, unless there is no edge subnet
 * (a public gateway, or an edge managed elsewhere). Without `edge.hostName` or a certificate of
 * its own, it serves the custom domain's gateway host name and certificate.
 */
export function createPlatformEdge(scope: Construct, props: SecureHealthcareApimProps, plan: PlatformPlan,
  ctx: PlatformEdgeContext): EdgeGateway | undefined {
  const { edgeSubnetId } = ctx;
  if (edgeSubnetId === undefined) return undefined;
  const name = plan.name;
  const customEdge = props.edge?.hostName === undefined && props.edge?.keyVaultCertificateSecretId === undefined && props.customDomain
    ? {
      hostName: props.customDomain.gatewayHostName,
      keyVaultCertificateSecretId: props.customDomain.keyVaultCertificateSecretId,
      keyVaultCertificateVaultId: props.customDomain.keyVaultCertificateVaultId,
    }
    : {};
  const fromDomain = Object.keys(customEdge).length > 0;
  // The opt-out matters only for an edge without a host name of its own (nothing weakens otherwise).
  const ownHostName = fromDomain || props.edge?.hostName !== undefined;
  const edge = asUserProps(scope, () => new EdgeGateway(scope, 'Edge', {
    ...props.edge,
    ...customEdge,
    namePrefix: name,
    resourceGroupName: props.resourceGroupName,
    location: props.location,
    subnetId: edgeSubnetId,
    backendHostName: `${name}.azure-api.net`,
    backendDnsReadiness: ctx.network?.gatewayDnsReadiness,
    virtualNetworkDdosPlan: vnetDdosPlan(props, ctx.network),
    acknowledgeSelfSignedCertificate: ownHostName ? undefined : props.acknowledgeSelfSignedCertificate,
    keyVault: ctx.keyVault,
    auditLogging: ctx.auditLogging,
    allowDestroy: !plan.preventDestroy,
    tags: plan.rawTags,
  }), {
    namePrefix: 'name',
    tags: 'tags',
    keyVaultDeployerAccess: 'keyVaultDeployerAccess',
    acknowledgeSelfSignedCertificate: 'acknowledgeSelfSignedCertificate',
    virtualNetworkDdosPlan: 'network.ddosProtectionPlanId',
    ...(fromDomain ? {
      hostName: 'customDomain.gatewayHostName',
      keyVaultCertificateSecretId: 'customDomain.keyVaultCertificateSecretId',
      keyVaultCertificateVaultId: 'customDomain.keyVaultCertificateVaultId',
    } : {}),
  }, 'edge.');
  warnIfEdgeLimitBelowGateway(edge, plan);
  return edge;
}

/** The DDoS plan of the edge's VNet: the created network's `ddosProtectionPlanId`, or unknown on an existing network. */
function vnetDdosPlan(props: SecureHealthcareApimProps, network: ApimNetwork | undefined): VirtualNetworkDdosPlan {
  if (props.existingNetwork !== undefined || network === undefined) return VirtualNetworkDdosPlan.UNKNOWN;
  return network.ddosProtectionPlanId !== undefined ? VirtualNetworkDdosPlan.ATTACHED : VirtualNetworkDdosPlan.NONE;
}

/** A per-client limit at the edge below the gateway's own means clients meet a 403 before APIM's 429 with Retry-After. */
function warnIfEdgeLimitBelowGateway(edge: EdgeGateway, plan: PlatformPlan): void {
  const limit = edge.rateLimit;
  if (!limit || Token.isUnresolved(plan.rateLimit.calls) || Token.isUnresolved(plan.rateLimit.renewalPeriodSeconds)) return;
  const edgePerMinute = (limit.calls * 60) / limit.renewalPeriodSeconds;
  const gatewayPerMinute = (plan.rateLimit.calls * 60) / plan.rateLimit.renewalPeriodSeconds;
  if (edgePerMinute >= gatewayPerMinute) return;
  Annotations.of(edge).addWarning(`edge.rateLimit allows ${edgePerMinute} requests a minute per client IP, fewer than clientIpRateLimit (${gatewayPerMinute}): `
    + 'clients are blocked at the edge (403 for the rest of the window) before API Management answers 429 with Retry-After. Raise edge.rateLimit.');
}
