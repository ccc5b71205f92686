/**
 * The full platform: an isolated `SecureHealthcareApim` (Premium, two zones) behind the WAF, a
 * versioned Patients API whose backend is an Azure Health Data Services FHIR service reached
 * with the platform's managed identity, two consumer groups, and the compliance checks.
 *
 * Deployer path: none needed. The edge serves your own certificate for your host name from a
 * vault you manage (`edge_host_name`, `edge_certificate_secret_id`, `edge_certificate_vault_id`
 * variables), so Terraform writes nothing through a Key Vault data plane; the edge identity
 * is granted Key Vault Secrets User on that vault, whose firewall must let the edge subnet
 * (10.20.0.0/24, service endpoint Microsoft.KeyVault) through.
 *
 * Operators: the platform's operators group holds the control-plane roles, and its Conditional
 * Access policy asks for phishing-resistant MFA (Entra ID P1), leaving out the emergency-access
 * accounts' group (`break_glass_group_object_id`).
 *
 * The FHIR service: azurerm 4.55 exposes its `public_network_access_enabled` as read-only, so
 * this stack closes it the supported way: a private endpoint on the Health Data Services
 * workspace (subresource `healthcareworkspace`) in the platform's VNet, registered in
 * `privatelink.workspace.azurehealthcareapis.com` and `privatelink.fhir.azurehealthcareapis.com`,
 * created after the FHIR service (so its DNS record exists). Then turn public access off on the
 * workspace once (portal: Networking → Public network access → Disabled, or
 * `az resource update --ids <workspace id> --set properties.publicNetworkAccess=Disabled`);
 * Terraform keeps no competing value, so the setting stays closed.
 *
 * The PHI store is audited too: the FHIR service sends its AuditLogs to the platform's
 * workspace, and the API forwards the caller's identity (object id, client id, tenant id from
 * the validated token; no PHI) in `X-MS-AZUREFHIR-AUDIT-*` headers, which FHIR records, so its
 * audit names the clinician and not only the gateway's managed identity. A security workbook
 * over the workspace is what on-call opens first.
 */
import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { HealthcareFhirService } from '@cdktf/provider-azurerm/lib/healthcare-fhir-service';
import { HealthcareWorkspace } from '@cdktf/provider-azurerm/lib/healthcare-workspace';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import {
  ApiOperation, AuthenticationStrength, ConsumerGroup, FhirDataRoles, HealthcareCompliance, policy, PropagatedRoleAssignment, ProtectedApi,
  SecureHealthcareApim,
} from '../../lib';
import { configureStateBackend } from '../state/backend';

/** Properties of the patient-records example. */
export interface PatientRecordsProps {
  /** Suffix that makes the globally unique names (APIM, Key Vault, workspace, DNS labels) yours. */
  readonly nameSuffix: string;
}

export class PatientRecordsStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: PatientRecordsProps) {
    super(scope, id);
    configureStateBackend(this, id);
    // The platform switches the portal's password sign-in off with an ARM deployment of the
    // portal config; destroying that deployment must leave the (undeletable) config alone.
    new AzurermProvider(this, 'azurerm', { features: [{ templateDeployment: [{ deleteNestedItemsDuringDeletion: false }] }] });
    new AzureadProvider(this, 'azuread', {});
    // time_sleep: the waits for Azure RBAC role propagation.
    new TimeProvider(this, 'time', {});
    const variable = (name: string, description: string) => new TerraformVariable(this, name, { type: 'string', description }).stringValue;
    const suffix = props.nameSuffix;
    // Health Data Services workspace names: letters and digits only, globally unique.
    const workspaceName = `contosohealth${suffix.replace(/[^a-z0-9]/g, '')}`;

    const rg = new ResourceGroup(this, 'ResourceGroup', { name: `rg-patient-records-${suffix}`, location: 'eastus2' });

    // Isolated by default: internal VNet injection, NSG, private DNS, WAF edge.
    const platform = new SecureHealthcareApim(this, 'Platform', {
      name: `contoso-health-${suffix}`,
      resourceGroupName: rg.name,
      location: rg.location,
      publisherName: 'Contoso Health',
      publisherEmail: 'api-team@contoso-health.example',
      // Security alerts go to the security team, not the API team's mailbox.
      securityContactEmails: ['security@contoso-health.example'],
      // Operators sign in to Azure management with phishing-resistant MFA; the emergency-access accounts stay out of the policy.
      privilegedAccess: {
        conditionalAccess: {
          authenticationStrengthPolicyId: AuthenticationStrength.PHISHING_RESISTANT,
          excludedGroupObjectIds: [variable('break_glass_group_object_id', 'Object id of the Entra ID group of the emergency-access (break-glass) accounts')],
        },
      },
      edge: {
        hostName: variable('edge_host_name', 'The public host name clients call, e.g. api.contoso-health.example (point its DNS at the edge_ip output)'),
        keyVaultCertificateSecretId: variable('edge_certificate_secret_id', 'Versionless secret id of the Key Vault certificate for edge_host_name'),
        keyVaultCertificateVaultId: variable('edge_certificate_vault_id', 'Resource id of the vault that holds that certificate'),
      },
    });

    // --- FHIR backend: Entra ID authentication, no CORS, private endpoint ---
    const workspace = new HealthcareWorkspace(this, 'HealthWorkspace', {
      name: workspaceName,
      resourceGroupName: rg.name,
      location: rg.location,
      lifecycle: { preventDestroy: true },
    });
    const fhirUrl = `https://${workspaceName}-patients.fhir.azurehealthcareapis.com`;
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
    // FHIR AuditLogs (who read or changed which resource) to the platform's workspace.
    platform.auditLogging.sendResourceLogs('FhirDiagnosticSetting', 'fhir-to-log-analytics', fhir.id);

    // The public paths are /patients/v1/patients/{id}; FHIR names the resource type `Patient`.
    const operations: ApiOperation[] = [
      { operationId: 'read-patient', method: 'GET', urlTemplate: '/patients/{id}', requiredRoles: ['Patient.Read'] },
      { operationId: 'create-patient', method: 'POST', urlTemplate: '/patients', requiredRoles: ['Patient.Write'] },
      { operationId: 'update-patient', method: 'PUT', urlTemplate: '/patients/{id}', requiredRoles: ['Patient.Write'] },
      { operationId: 'delete-patient', method: 'DELETE', urlTemplate: '/patients/{id}', requiredRoles: ['Patient.Admin'] },
    ];
    // APIM calls FHIR with its managed identity; no backend secret exists. The role follows from
    // the operations: they read, create, update and (soft) delete Patients, so FHIR Data Writer
    // (read, write, soft delete). Not Contributor: no operation declares `_hardDelete`, and the
    // API refuses undeclared query parameters, so no hard delete, history purge or export
    // reaches FHIR. A read-only API would get FHIR Data Reader.
    // The API's backend waits for the role to propagate, so first calls are not refused.
    const fhirAccess = new PropagatedRoleAssignment(this, 'ApimFhirData', {
      scope: fhir.id,
      roleDefinitionName: FhirDataRoles.leastPrivilegeFor(operations),
      principalId: platform.principalId,
    });
    // The FHIR workspace's private endpoint lives in the platform's private-endpoint subnet.
    const network = platform.network!;
    // The zones Microsoft documents for subresource healthcareworkspace (privatelink.azurehealthcareapis.com is Azure API for FHIR).
    const zones = ['privatelink.workspace.azurehealthcareapis.com', 'privatelink.fhir.azurehealthcareapis.com'].map((zoneName, i) => {
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
      name: `${workspaceName}-pe`,
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
      // The workspace registers a service's DNS record only for services that exist when the endpoint is created.
      dependsOn: [fhir],
    });

    // --- the API ---
    const patients = new ProtectedApi(this, 'Patients', {
      platform,
      name: 'patients',
      path: 'patients',
      version: 'v1',
      backendUrl: fhirUrl,
      backendReadiness: [fhirAccess.ready],
      operations,
      // FHIR's audit log records the caller (the default for a FHIR backend, written out here).
      forwardCallerIdentity: true,
    });
    for (const [operationId, template] of [
      ['read-patient', '/Patient/{id}'], ['create-patient', '/Patient'], ['update-patient', '/Patient/{id}'], ['delete-patient', '/Patient/{id}'],
    ]) {
      patients.operationPolicy(operationId).add(policy.PolicySection.INBOUND, new policy.RewriteUri({ template }));
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
    new TerraformOutput(this, 'edge_ip', { value: platform.edge!.publicIp.ipAddress, description: 'Point the DNS record of edge_host_name at this address' });
    new TerraformOutput(this, 'patients_url', { value: `${platform.gatewayUrl}/patients/v1`, description: 'The Patients API base URL' });
    new TerraformOutput(this, 'patients_api_audience', { value: patients.identifierUri, description: 'Token audience for the Patients API' });
    new TerraformOutput(this, 'fhir_url', { value: fhir.authentication.audience, description: 'The FHIR service URL (private endpoint only)' });
    new TerraformOutput(this, 'workspace_id', { value: platform.workspaceId, description: 'Log Analytics workspace with the audit logs' });
  }
}
