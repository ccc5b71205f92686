/**
 * The Terraform addresses of stateful and identity-bearing resources, pinned one by one: a
 * rename would destroy and re-create them (an API Management instance, a vault with its
 * secrets, audit logs, the app registrations whose ids callers hold, the IP customers point
 * DNS at), and must not hide in a large snapshot diff. Change an entry here only together
 * with a `moved` block or a migration note.
 */
import { ConsumerGroup, ProtectedApi, SecureHealthcareApim } from '../../lib';
import { PATIENTS, PLATFORM_PROPS } from '../api/fixtures';
import { newStack, synthJson } from '../util/synth';

const PINNED: Record<string, string[]> = {
  azurerm_api_management: ['Platform_Apim_D6092FA4'],
  azurerm_key_vault: ['Platform_KeyVault_4569A1E7'],
  azurerm_log_analytics_workspace: ['Platform_AuditLogging_Workspace_3E43854F'],
  azurerm_application_insights: ['Platform_AuditLogging_AppInsights_582BD945'],
  azurerm_virtual_network: ['Platform_Network_VirtualNetwork_3C69B66D'],
  azurerm_public_ip: ['Platform_Edge_PublicIp_0CC140DE', 'Platform_Network_ManagementPublicIp_60E36029'],
  azurerm_user_assigned_identity: ['Platform_Edge_Identity_AF44052D'],
  azurerm_web_application_firewall_policy: ['Platform_Edge_FirewallPolicy_A2E90D5E'],
  azuread_application: ['Clinicians_ClientApp-ward-app_App_6AA29FE9', 'Patients_App_1894FAFF', 'Platform_PortalApp_5C597C9A'],
  azuread_service_principal: ['Clinicians_ClientApp-ward-app_ServicePrincipal_36C8FF10', 'Patients_ServicePrincipal_49BB5D22'],
  azuread_group: ['Clinicians_EntraGroup_7F57F578', 'Platform_PrivilegedAccess_Group_BD719EDB'],
};

test('stateful and identity resources keep their Terraform addresses', () => {
  const stack = newStack();
  const platform = new SecureHealthcareApim(stack, 'Platform', PLATFORM_PROPS);
  const api = new ProtectedApi(stack, 'Patients', { platform, ...PATIENTS });
  new ConsumerGroup(stack, 'Clinicians', { platform, name: 'clinicians', apis: [api], roles: ['Patient.Read'], clientApplications: [{ name: 'ward-app' }] });
  const json = synthJson(stack);
  const actual = Object.fromEntries(Object.keys(PINNED).map((type) => [type, Object.keys(json.resource[type] ?? {}).sort()]));
  expect(actual).toEqual(PINNED);
});
