/**
 * The classic APIM starter, secure by default and sized for a trial: a resource group, the
 * platform on the Developer tier (isolated in a VNet behind the WAF edge, one unit, no SLA),
 * an HTTPS API at path `healthcare`, a consumer group whose product requires approval, one
 * pre-approved subscription and a daemon client application, and the outputs a caller needs.
 *
 * Deployer path: the edge serves a self-signed Key Vault certificate (no custom host name), and
 * Terraform writes it through the vault's data plane. The pipeline passes its public egress
 * address at deploy time: `TF_VAR_deployer_ip_ranges='["203.0.113.7"]' cdktf deploy seed-parity`.
 *
 * The backend is a placeholder (`backend.invalid` never resolves): calls are authenticated,
 * authorized and rate-limited, then answered 502 by the gateway until `backendUrl` points at
 * your service (reachable from the VNet, or listed in `network.backendAddressPrefixes`).
 */
import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { TerraformOutput, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ApimSku, ConsumerGroup, HealthcareCompliance, KeyVaultDeployerAccess, ProtectedApi, SecureHealthcareApim } from '../../lib';
import { configureStateBackend } from '../state/backend';

/** The placeholder backend: a reserved name that never resolves. */
export const PLACEHOLDER_BACKEND = 'https://backend.invalid';

/** Properties of the seed-parity example. */
export interface SeedParityProps {
  /** Suffix that makes the globally unique names (APIM, Key Vault, DNS labels) yours. */
  readonly nameSuffix: string;
}

export class SeedParityStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: SeedParityProps) {
    super(scope, id);
    configureStateBackend(this, id);
    // The platform switches the portal's password sign-in off with an ARM deployment of the
    // portal config; destroying that deployment must leave the (undeletable) config alone.
    new AzurermProvider(this, 'azurerm', { features: [{ templateDeployment: [{ deleteNestedItemsDuringDeletion: false }] }] });
    new AzureadProvider(this, 'azuread', {});
    // time_sleep: the waits for Azure RBAC role propagation.
    new TimeProvider(this, 'time', {});

    const deployerIps = new TerraformVariable(this, 'deployer_ip_ranges', {
      type: 'list(string)',
      description: 'Public egress addresses of the deployment agent, let through the Key Vault firewall to write the edge certificate, e.g. ["203.0.113.7"]',
    });

    const rg = new ResourceGroup(this, 'ResourceGroup', { name: `rg-seed-health-${props.nameSuffix}`, location: 'eastus2' });

    const platform = new SecureHealthcareApim(this, 'Platform', {
      name: `seed-health-${props.nameSuffix}`,
      resourceGroupName: rg.name,
      location: rg.location,
      publisherName: 'Seed Health',
      publisherEmail: 'api-team@seed-health.example',
      // A trial: one Developer unit, still injected in Internal mode behind the WAF edge.
      sku: ApimSku.developer(),
      keyVaultDeployerAccess: KeyVaultDeployerAccess.fromIpRanges(Token.asList(deployerIps.value)),
      // A trial edge: scales to zero instances when idle (production keeps the default of 2).
      edge: { minCapacity: 0, maxCapacity: 2 },
      // A trial has no host name of its own: the edge serves a self-signed certificate on the
      // public IP's Azure DNS name (curl -k). Give edge.hostName and your certificate instead.
      acknowledgeSelfSignedCertificate: true,
    });

    const healthcare = new ProtectedApi(this, 'HealthcareApi', {
      platform,
      name: 'healthcare',
      path: 'healthcare',
      version: 'v1',
      backendUrl: PLACEHOLDER_BACKEND,
      operations: [
        { method: 'GET', urlTemplate: '/records/{id}', requiredRoles: ['Records.Read'] },
        { method: 'POST', urlTemplate: '/records', requiredRoles: ['Records.Write'] },
      ],
    });

    // The group's product requires approval and allows one subscription per subscriber; the
    // trial subscription is created pre-approved, and the daemon app is granted Records.Read.
    const partners = new ConsumerGroup(this, 'Partners', {
      platform,
      name: 'partners',
      apis: [healthcare],
      roles: ['Records.Read'],
      subscriptionsLimit: 1,
      subscriptions: [{ name: 'trial' }],
      clientApplications: [{ name: 'trial-client' }],
    });

    // The HIPAA checks: zero findings, and hipaa-evidence.md beside cdk.tf.json.
    HealthcareCompliance.of(this);

    new TerraformOutput(this, 'gateway_url', { value: platform.gatewayUrl, description: 'The URL clients call: the WAF edge' });
    new TerraformOutput(this, 'api_audience', { value: healthcare.identifierUri, description: 'Token audience (scope <audience>/.default) of the healthcare API' });
    new TerraformOutput(this, 'trial_client_id', { value: partners.clientApplications[0].clientId!, description: 'Client id of the trial daemon application' });
    new TerraformOutput(this, 'tenant_id', { value: platform.tenantId, description: 'The Entra ID tenant' });
    partners.subscriptionKeyOutput('trial').overrideLogicalId('trial_subscription_key');
  }
}
