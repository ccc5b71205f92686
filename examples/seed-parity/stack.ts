/**
 * The classic APIM starter, secure by default: a resource group, the platform, a consumer
 * group whose product requires approval and allows one subscription, an HTTPS API at path
 * `healthcare`, and the gateway URL as an output.
 */
import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { ConsumerGroup, HealthcareCompliance, ProtectedApi, SecureHealthcareApim } from '../../lib';
import { configureStateBackend } from '../state/backend';

export class SeedParityStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    configureStateBackend(this, id);
    // The platform switches the portal's password sign-in off with an ARM deployment of the
    // portal config; destroying that deployment must leave the (undeletable) config alone.
    new AzurermProvider(this, 'azurerm', { features: [{ templateDeployment: [{ deleteNestedItemsDuringDeletion: false }] }] });
    new AzureadProvider(this, 'azuread', {});

    const rg = new ResourceGroup(this, 'ResourceGroup', { name: 'rg-seed-health', location: 'eastus2' });

    const platform = new SecureHealthcareApim(this, 'Platform', {
      name: 'seed-health-apim',
      resourceGroupName: rg.name,
      location: rg.location,
      publisherName: 'Seed Health',
      publisherEmail: 'api-team@seed-health.example',
    });

    const healthcare = new ProtectedApi(this, 'HealthcareApi', {
      platform,
      name: 'healthcare',
      path: 'healthcare',
      version: 'v1',
      backendUrl: 'https://backend.seed-health.example',
      operations: [
        { method: 'GET', urlTemplate: '/records/{id}', requiredRoles: ['Records.Read'] },
        { method: 'POST', urlTemplate: '/records', requiredRoles: ['Records.Write'] },
      ],
    });

    // The group's product requires approval and allows one subscription per subscriber.
    new ConsumerGroup(this, 'Partners', {
      platform,
      name: 'partners',
      apis: [healthcare],
      roles: ['Records.Read'],
      subscriptionsLimit: 1,
    });

    // The HIPAA checks: zero findings, and hipaa-evidence.md beside cdk.tf.json.
    HealthcareCompliance.of(this);

    new TerraformOutput(this, 'gateway_url', { value: platform.gatewayUrl, description: 'The API Management gateway URL' });
  }
}
