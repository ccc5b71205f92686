/**
 * The full platform: an isolated `SecureHealthcareApim` behind the WAF, a versioned Patients
 * API whose backend is an Azure Health Data Services FHIR service reached with the platform's
 * managed identity, two consumer groups, and the compliance checks.
 *
 * The FHIR service: azurerm 4.55 exposes its `public_network_access_enabled` as read-only, so
 * this stack closes it the supported way: a private endpoint on the Health Data Services
 * workspace (subresource `healthcareworkspace`) in the platform's VNet, with the
 * `privatelink.azurehealthcareapis.com` and `privatelink.fhir.azurehealthcareapis.com` zones, so
 * APIM reaches FHIR privately. Then turn public access off on the workspace once (portal:
 * Networking → Public network access → Disabled, or
 * `az resource update --ids <workspace id> --set properties.publicNetworkAccess=Disabled`);
 * Terraform keeps no competing value, so the setting stays closed.
 */
import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { HealthcareFhirService } from '@cdktf/provider-azurerm/lib/healthcare-fhir-service';
import { HealthcareWorkspace } from '@cdktf/provider-azurerm/lib/healthcare-workspace';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { ConsumerGroup, HealthcareCompliance, PolicySection, ProtectedApi, RewriteUri, SecureHealthcareApim } from '../../lib';
import { configureStateBackend } from '../state/backend';

export class PatientRecordsStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    configureStateBackend(this, id);
    // The platform switches the portal's password sign-in off with an ARM deployment of the
    // portal config; destroying that deployment must leave the (undeletable) config alone.
    new AzurermProvider(this, 'azurerm', { features: [{ templateDeployment: [{ deleteNestedItemsDuringDeletion: false }] }] });
    new AzureadProvider(this, 'azuread', {});

    const rg = new ResourceGroup(this, 'ResourceGroup', { name: 'rg-patient-records', location: 'eastus2' });

    // Isolated by default: internal VNet injection, NSG, private DNS, WAF edge.
    const platform = new SecureHealthcareApim(this, 'Platform', {
      name: 'contoso-health-apim',
      resourceGroupName: rg.name,
      location: rg.location,
      publisherName: 'Contoso Health',
      publisherEmail: 'api-team@contoso-health.example',
    });

    // --- FHIR backend: Entra ID authentication, no CORS, private endpoint ---
    const workspace = new HealthcareWorkspace(this, 'HealthWorkspace', {
      name: 'contosohealthws',
      resourceGroupName: rg.name,
      location: rg.location,
      lifecycle: { preventDestroy: true },
    });
    const fhirUrl = 'https://contosohealthws-patients.fhir.azurehealthcareapis.com';
    const fhir = new HealthcareFhirService(this, 'Fhir', {
      name: 'patients',
      workspaceId: workspace.id,
      resourceGroupName: rg.name,
      location: rg.location,
      kind: 'fhir-R4',
      authentication: {
        authority: `https://login.microsoftonline.com/${platform.tenantId}`,
        audience: fhirUrl,
      },
      identity: { type: 'SystemAssigned' },
      lifecycle: { preventDestroy: true },
    });
    // APIM calls FHIR with its managed identity; no backend secret exists.
    new RoleAssignment(this, 'ApimFhirContributor', {
      scope: fhir.id,
      roleDefinitionName: 'FHIR Data Contributor',
      principalId: platform.principalId,
    });
    // The FHIR workspace's private endpoint lives in the platform's private-endpoint subnet.
    const network = platform.network!;
    const zones = ['privatelink.azurehealthcareapis.com', 'privatelink.fhir.azurehealthcareapis.com'].map((zoneName, i) => {
      const zone = new PrivateDnsZone(this, `HealthDnsZone${i}`, { name: zoneName, resourceGroupName: rg.name });
      new PrivateDnsZoneVirtualNetworkLink(this, `HealthDnsLink${i}`, {
        name: `${zoneName}-link`,
        resourceGroupName: rg.name,
        privateDnsZoneName: zone.name,
        virtualNetworkId: network.virtualNetworkId,
        registrationEnabled: false,
      });
      return zone;
    });
    new PrivateEndpoint(this, 'HealthWorkspaceEndpoint', {
      name: 'contosohealthws-pe',
      resourceGroupName: rg.name,
      location: rg.location,
      subnetId: network.privateEndpointSubnetId!,
      privateServiceConnection: {
        name: 'healthcareworkspace',
        privateConnectionResourceId: workspace.id,
        subresourceNames: ['healthcareworkspace'],
        isManualConnection: false,
      },
      privateDnsZoneGroup: { name: 'health', privateDnsZoneIds: zones.map((z) => z.id) },
    });

    // --- the API ---
    const patients = new ProtectedApi(this, 'Patients', {
      platform,
      name: 'patients',
      path: 'patients',
      version: 'v1',
      backendUrl: fhirUrl,
      operations: [
        { operationId: 'read-patient', method: 'GET', urlTemplate: '/patients/{id}', requiredRoles: ['Patient.Read'] },
        { operationId: 'create-patient', method: 'POST', urlTemplate: '/patients', requiredRoles: ['Patient.Write'] },
        { operationId: 'update-patient', method: 'PUT', urlTemplate: '/patients/{id}', requiredRoles: ['Patient.Write'] },
        { operationId: 'delete-patient', method: 'DELETE', urlTemplate: '/patients/{id}', requiredRoles: ['Patient.Admin'] },
      ],
    });
    // The public paths are /patients/v1/patients/{id}; FHIR names the resource type `Patient`.
    for (const [operationId, template] of [
      ['read-patient', '/Patient/{id}'], ['create-patient', '/Patient'], ['update-patient', '/Patient/{id}'], ['delete-patient', '/Patient/{id}'],
    ]) {
      patients.operationPolicy(operationId).add(PolicySection.INBOUND, new RewriteUri({ template }));
    }

    // --- who may call it ---
    new ConsumerGroup(this, 'Clinicians', {
      platform,
      name: 'clinicians',
      apis: [patients],
      roles: ['Patient.Read', 'Patient.Write'],
    });
    new ConsumerGroup(this, 'Billing', {
      platform,
      name: 'billing',
      apis: [patients],
      roles: ['Patient.Read'],
    });

    // --- proof ---
    HealthcareCompliance.of(this);

    new TerraformOutput(this, 'gateway_url', { value: platform.gatewayUrl, description: 'The URL clients call: the WAF edge in front of the internal gateway' });
    new TerraformOutput(this, 'patients_url', { value: `${platform.gatewayUrl}/patients/v1`, description: 'The Patients API base URL' });
    new TerraformOutput(this, 'patients_api_audience', { value: patients.identifierUri, description: 'Token audience for the Patients API' });
    new TerraformOutput(this, 'fhir_url', { value: fhir.authentication.audience, description: 'The FHIR service URL (private endpoint only)' });
    new TerraformOutput(this, 'workspace_id', { value: platform.workspaceId, description: 'Log Analytics workspace with the audit logs' });
  }
}
