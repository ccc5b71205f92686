import { NetworkSecurityGroupSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-group';

/** The App Gateway v2 infrastructure port range that GatewayManager must reach. */
export const APP_GATEWAY_INFRA_PORTS = '65200-65535';

interface ApimRuleOptions {
  readonly classic: boolean;
  /** The subnet only carries the gateway's outbound traffic (StandardV2 VNet integration): no inbound. */
  readonly outboundOnly?: boolean;
  readonly edgeCidr: string;
  readonly multiUnit: boolean;
  readonly backendPrefixes: string[];
}

type Rule = NetworkSecurityGroupSecurityRule;

function rule(direction: 'Inbound' | 'Outbound', priority: number, name: string, description: string, r: Partial<Rule>): Rule {
  return {
    name,
    description,
    priority,
    direction,
    access: 'Allow',
    protocol: 'Tcp',
    sourcePortRange: '*',
    sourceAddressPrefix: 'VirtualNetwork',
    destinationAddressPrefix: 'VirtualNetwork',
    ...r,
  };
}

function denyAll(direction: 'Inbound' | 'Outbound'): Rule {
  return rule(direction, 4096, `DenyAll${direction}`, `Deny all other ${direction.toLowerCase()} traffic`, {
    access: 'Deny',
    protocol: '*',
    sourceAddressPrefix: '*',
    destinationAddressPrefix: '*',
    destinationPortRange: '*',
  });
}

/** The API Management subnet's rules: what APIM requires, then deny-all both ways. */
export function apimRules(o: ApimRuleOptions): Rule[] {
  const inbound: Rule[] = [];
  if (o.classic) {
    inbound.push(rule('Inbound', 100, 'AllowApiManagementEndpoint', 'Management endpoint for the Azure portal and PowerShell',
      { sourceAddressPrefix: 'ApiManagement', destinationPortRange: '3443' }));
    inbound.push(rule('Inbound', 110, 'AllowAzureLoadBalancer', 'Azure infrastructure load balancer health probe',
      { sourceAddressPrefix: 'AzureLoadBalancer', destinationPortRange: '6390' }));
  }
  if (!o.outboundOnly) {
    inbound.push(rule('Inbound', 120, 'AllowEdgeHttps', 'Client traffic only from the Application Gateway subnet',
      { sourceAddressPrefix: o.edgeCidr, destinationPortRange: '443' }));
  }
  if (o.multiUnit && !o.outboundOnly) {
    inbound.push(rule('Inbound', 130, 'AllowUnitSyncInbound', 'Rate-limit counter sync between units',
      { protocol: 'Udp', destinationPortRange: '4290' }));
  }
  const outbound: Rule[] = [
    rule('Outbound', 100, 'AllowStorage', 'Azure Storage for core service functionality', { destinationAddressPrefix: 'Storage', destinationPortRange: '443' }),
    rule('Outbound', 120, 'AllowKeyVault', 'Azure Key Vault for named values and certificates',
      { destinationAddressPrefix: 'AzureKeyVault', destinationPortRange: '443' }),
    rule('Outbound', 130, 'AllowAzureMonitor', 'Diagnostics logs, metrics and Application Insights',
      { destinationAddressPrefix: 'AzureMonitor', destinationPortRanges: ['1886', '443'] }),
    rule('Outbound', 140, 'AllowEntraId', 'Entra ID: token validation keys and the managed identity',
      { destinationAddressPrefix: 'AzureActiveDirectory', destinationPortRange: '443' }),
    rule('Outbound', 160, 'AllowPrivateBackends', 'Backends reached through private endpoints in the VNet', { destinationPortRange: '443' }),
  ];
  if (o.classic) {
    outbound.push(rule('Outbound', 110, 'AllowSql', 'Azure SQL for core service functionality', { destinationAddressPrefix: 'Sql', destinationPortRange: '1433' }));
    outbound.push(rule('Outbound', 150, 'AllowCertificateRevocation', 'Certificate revocation list checks',
      { destinationAddressPrefix: 'Internet', destinationPortRange: '80' }));
  }
  if (o.multiUnit && !o.outboundOnly) {
    outbound.push(rule('Outbound', 170, 'AllowUnitSyncOutbound', 'Rate-limit counter sync between units', { protocol: 'Udp', destinationPortRange: '4290' }));
  }
  if (o.backendPrefixes.length) {
    outbound.push(rule('Outbound', 180, 'AllowListedBackends', 'Backends outside the VNet on the allow list',
      { destinationAddressPrefix: undefined, destinationAddressPrefixes: o.backendPrefixes, destinationPortRange: '443' }));
  }
  outbound.sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));
  return [...inbound, denyAll('Inbound'), ...outbound, denyAll('Outbound')];
}

/** The edge subnet's rules: what Application Gateway v2 requires, HTTPS and the HTTP redirect, then deny. */
export function edgeRules(): Rule[] {
  return [
    rule('Inbound', 100, 'AllowGatewayManager', 'Application Gateway v2 infrastructure',
      { sourceAddressPrefix: 'GatewayManager', destinationAddressPrefix: '*', destinationPortRange: APP_GATEWAY_INFRA_PORTS }),
    rule('Inbound', 110, 'AllowAzureLoadBalancer', 'Azure infrastructure load balancer',
      { protocol: '*', sourceAddressPrefix: 'AzureLoadBalancer', destinationAddressPrefix: '*', destinationPortRange: '*' }),
    rule('Inbound', 120, 'AllowInternetHttps', 'Client HTTPS', { sourceAddressPrefix: 'Internet', destinationAddressPrefix: '*', destinationPortRange: '443' }),
    rule('Inbound', 130, 'AllowInternetHttpRedirect', 'HTTP, answered only with a redirect to HTTPS',
      { sourceAddressPrefix: 'Internet', destinationAddressPrefix: '*', destinationPortRange: '80' }),
    denyAll('Inbound'),
  ];
}
