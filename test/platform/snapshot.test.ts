import { TerraformVariable, Testing } from 'cdktf';
import { ApimSku, KeyVaultDeployerAccess, RateLimit, SecureHealthcareApim } from '../../lib';
import { newStack } from '../util/synth';

// Pins the whole synthesized platform with every option set; the five-prop default is pinned
// in test/network/network.test.ts.
test('snapshot of a platform with every option set', () => {
  const stack = newStack();
  new SecureHealthcareApim(stack, 'Platform', {
    name: 'contoso-health-apim',
    resourceGroupName: 'rg-health',
    location: 'eastus2',
    publisherName: 'Contoso Health',
    publisherEmail: 'api-team@contoso-health.example',
    sku: ApimSku.premium(3),
    zones: ['1', '2', '3'],
    minApiVersion: '2022-08-01',
    logRetentionSeconds: 730 * 86_400,
    keyVaultName: 'kv-contoso-health',
    keyVaultDeployerAccess: KeyVaultDeployerAccess.fromIpRanges(['203.0.113.0/28']),
    rolePropagationSeconds: 300,
    developerPortalSignIn: {
      clientId: '00000000-0000-0000-0000-000000000001',
      clientSecret: new TerraformVariable(stack, 'portal_client_secret', { type: 'string', sensitive: true }).stringValue,
    },
    cors: { allowedOrigins: ['https://portal.contoso-health.example'], allowedMethods: ['GET', 'POST'] },
    clientIpRateLimit: RateLimit.perMinute(300),
    customDomain: {
      gatewayHostName: 'api.contoso-health.example',
      developerPortalHostName: 'developer.contoso-health.example',
      keyVaultCertificateSecretId: 'https://kv-contoso-health.vault.azure.net/secrets/api-contoso-health',
    },
    network: { addressSpace: '10.40.0.0/20', edgeSubnetCidr: '10.40.0.0/24', apimSubnetCidr: '10.40.1.0/26', privateEndpointSubnetCidr: '10.40.2.0/27' },
    edge: { minCapacity: 3, maxCapacity: 12, maxRequestBodySizeBytes: 512 * 1024 },
    tags: { environment: 'prod', dataClassification: 'phi' },
  });
  expect(Testing.synth(stack)).toMatchSnapshot();
});
