/** Stacks the compliance tests evaluate: the library's default build, and insecure resources written by hand. */
import { ApiManagement } from '@cdktf/provider-azurerm/lib/api-management';
import { ApiManagementBackend } from '@cdktf/provider-azurerm/lib/api-management-backend';
import { ApiManagementSubscription } from '@cdktf/provider-azurerm/lib/api-management-subscription';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { LinuxVirtualMachine } from '@cdktf/provider-azurerm/lib/linux-virtual-machine';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { WebApplicationFirewallPolicy } from '@cdktf/provider-azurerm/lib/web-application-firewall-policy';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { ConsumerGroup, ProtectedApi, SecureHealthcareApim } from '../../lib';
import { PATIENTS, PLATFORM_PROPS } from '../api/fixtures';
import { newStack } from '../util/synth';

/** The library's default build: platform, the patients API, clinicians and billing groups. */
export function library(stack: TerraformStack = newStack()) {
  const platform = new SecureHealthcareApim(stack, 'Platform', PLATFORM_PROPS);
  const api = new ProtectedApi(stack, 'Patients', { platform, ...PATIENTS });
  new ConsumerGroup(stack, 'Clinicians', { platform, apis: [api], name: 'clinicians', roles: ['Patient.Read', 'Patient.Write'] });
  new ConsumerGroup(stack, 'Billing', { platform, apis: [api], name: 'billing', roles: ['Patient.Read'] });
  return { stack, platform, api };
}

/** Deliberately insecure resources written by hand with the plain provider bindings. */
export function insecure(scope: Construct) {
  const rg = { resourceGroupName: 'rg-legacy', location: 'eastus2' };
  const apim = new ApiManagement(scope, 'LegacyApim', {
    ...rg,
    name: 'legacy-apim',
    publisherName: 'Legacy',
    publisherEmail: 'ops@legacy.example',
    skuName: 'Developer_1',
    security: { frontendTls10Enabled: true },
  });
  const vault = new KeyVault(scope, 'LegacyVault', { ...rg, name: 'legacy-kv', skuName: 'standard', tenantId: '00000000-0000-0000-0000-000000000000' });
  const workspace = new LogAnalyticsWorkspace(scope, 'LegacyLogs', { ...rg, name: 'legacy-logs', retentionInDays: 30 });
  const subscription = new ApiManagementSubscription(scope, 'AllApis', { apiManagementName: apim.name, resourceGroupName: 'rg-legacy', displayName: 'everything' });
  const backend = new ApiManagementBackend(scope, 'PlainBackend', { apiManagementName: apim.name, resourceGroupName: 'rg-legacy', name: 'plain', protocol: 'http', url: 'http://10.0.0.4' });
  const waf = new WebApplicationFirewallPolicy(scope, 'DetectOnly', {
    ...rg,
    name: 'detect-only',
    policySettings: { mode: 'Detection' },
    managedRules: { managedRuleSet: [{ type: 'Microsoft_DefaultRuleSet', version: '2.1' }] },
    customRules: [{
      name: 'RateLimit',
      priority: 50,
      ruleType: 'RateLimitRule',
      action: 'Block',
      rateLimitDuration: 'OneMin',
      rateLimitThreshold: 100,
      groupRateLimitBy: 'ClientAddr',
      matchConditions: [{ matchVariables: [{ variableName: 'RemoteAddr' }], operator: 'IPMatch', negationCondition: true, matchValues: ['255.255.255.255/32'] }],
    }],
  });
  const vm = new LinuxVirtualMachine(scope, 'JumpBox', {
    ...rg,
    name: 'jump',
    size: 'Standard_B2s',
    adminUsername: 'azureuser',
    adminPassword: 'Sup3rS3cret!',
    disablePasswordAuthentication: false,
    networkInterfaceIds: ['/subscriptions/x/nic'],
    osDisk: { caching: 'ReadWrite', storageAccountType: 'Standard_LRS' },
    sourceImageReference: { publisher: 'Canonical', offer: 'ubuntu-24_04-lts', sku: 'server', version: 'latest' },
  });
  return { apim, vault, workspace, subscription, backend, waf, vm };
}
