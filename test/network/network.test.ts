import { TerraformStack, Testing } from 'cdktf';
import { ApimSku, EdgeGateway, SecureHealthcareApim, SecureHealthcareApimProps } from '../../lib';
import { PLATFORM_PROPS } from '../api/fixtures';
import { annotationsOf, block, blocks, newStack, onlyResource, resourcesOf, synthJson } from '../util/synth';

const MINIMAL: SecureHealthcareApimProps = PLATFORM_PROPS;
const EDGE_VAULT = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-certs/providers/Microsoft.KeyVault/vaults/kv-edge';

function platform(props: Partial<SecureHealthcareApimProps> = {}, stack: TerraformStack = newStack()) {
  const p = new SecureHealthcareApim(stack, 'Platform', { ...MINIMAL, ...props });
  return { stack, platform: p, json: synthJson(stack) };
}

function errorOf(props: Partial<SecureHealthcareApimProps>): string {
  try {
    platform(props);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the platform to throw');
}

/** The NSG of a name, its rules keyed by rule name. */
function nsgRules(json: any, name: string): Record<string, any> {
  const nsg = resourcesOf(json, 'azurerm_network_security_group').find(([, n]) => n.name === name);
  if (!nsg) throw new Error(`no NSG ${name}`);
  return Object.fromEntries(blocks(nsg[1].security_rule).map((r) => [r.name, r]));
}

function subnet(json: any, name: string): any {
  return resourcesOf(json, 'azurerm_subnet').find(([, s]) => s.name === name)![1];
}

describe('the default (five-prop) platform is isolated', () => {
  const { json, platform: p, stack } = platform();
  const apim = onlyResource(json, 'azurerm_api_management');

  test('snapshot of the default isolated platform', () => {
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  test('API Management is injected in Internal mode into its own subnet, with the stv2 management public IP', () => {
    expect(apim.virtual_network_type).toBe('Internal');
    expect(block(apim.virtual_network_configuration).subnet_id).toMatch(/^\$\{azurerm_subnet\.Platform_Network_ApimSubnet_\w+\.id\}$/);
    expect(apim.public_network_access_enabled).toBeUndefined();
    const pip = resourcesOf(json, 'azurerm_public_ip').find(([, ip]) => ip.name === 'pip-contoso-health-apim-management')!;
    expect(apim.public_ip_address_id).toBe(`\${azurerm_public_ip.${pip[0]}.id}`);
    // APIM runs in zones 1 and 2; its IP is zone-redundant, which Azure stores as 1, 2, 3 (any other list is replaced on every plan).
    expect(apim.zones).toEqual(['1', '2']);
    expect(pip[1]).toMatchObject({ sku: 'Standard', allocation_method: 'Static', domain_name_label: 'contoso-health-apim', zones: ['1', '2', '3'] });
    expect(apim.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^azurerm_subnet_network_security_group_association\./)]));
  });

  test('the VNet has the documented address plan', () => {
    expect(onlyResource(json, 'azurerm_virtual_network').address_space).toEqual(['10.20.0.0/16']);
    expect(subnet(json, 'snet-edge').address_prefixes).toEqual(['10.20.0.0/24']);
    expect(subnet(json, 'snet-edge').service_endpoints).toEqual(['Microsoft.KeyVault']);
    expect(subnet(json, 'snet-apim').address_prefixes).toEqual(['10.20.1.0/24']);
    expect(subnet(json, 'snet-apim').delegation).toBeUndefined();
    expect(subnet(json, 'snet-private-endpoints')).toMatchObject({ address_prefixes: ['10.20.2.0/24'], default_outbound_access_enabled: false });
    expect(p.network!.privateEndpointSubnetId).toBeDefined();
  });

  describe('the API Management NSG allows exactly what APIM needs and denies the rest', () => {
    const rules = nsgRules(json, 'nsg-contoso-health-apim-apim');

    test.each([
      ['AllowApiManagementEndpoint', 'Inbound', 100, 'Tcp', 'ApiManagement', 'VirtualNetwork', '3443'],
      ['AllowAzureLoadBalancer', 'Inbound', 110, 'Tcp', 'AzureLoadBalancer', 'VirtualNetwork', '6390'],
      ['AllowEdgeHttps', 'Inbound', 120, 'Tcp', '10.20.0.0/24', 'VirtualNetwork', '443'],
      ['AllowUnitSyncInbound', 'Inbound', 130, 'Udp', 'VirtualNetwork', 'VirtualNetwork', '4290'],
      ['AllowStorage', 'Outbound', 100, 'Tcp', 'VirtualNetwork', 'Storage', '443'],
      ['AllowSql', 'Outbound', 110, 'Tcp', 'VirtualNetwork', 'Sql', '1433'],
      ['AllowKeyVault', 'Outbound', 120, 'Tcp', 'VirtualNetwork', 'AzureKeyVault', '443'],
      ['AllowEntraId', 'Outbound', 140, 'Tcp', 'VirtualNetwork', 'AzureActiveDirectory', '443'],
      ['AllowCertificateRevocation', 'Outbound', 150, 'Tcp', 'VirtualNetwork', 'Internet', '80'],
      ['AllowPrivateBackends', 'Outbound', 160, 'Tcp', 'VirtualNetwork', 'VirtualNetwork', '443'],
      ['AllowUnitSyncOutbound', 'Outbound', 170, 'Udp', 'VirtualNetwork', 'VirtualNetwork', '4290'],
    ])('%s: %s %d %s from %s to %s port %s', (name, direction, priority, protocol, source, destination, port) => {
      expect(rules[name]).toMatchObject({
        direction,
        priority,
        protocol,
        access: 'Allow',
        source_address_prefix: source,
        destination_address_prefix: destination,
        destination_port_range: port,
      });
    });

    test('AllowAzureMonitor: outbound 1886 and 443 to AzureMonitor', () => {
      expect(rules.AllowAzureMonitor).toMatchObject({
        direction: 'Outbound', priority: 130, access: 'Allow', destination_address_prefix: 'AzureMonitor', destination_port_ranges: ['1886', '443'],
      });
    });

    test('deny-all at 4096 both ways, and nothing else', () => {
      for (const direction of ['Inbound', 'Outbound']) {
        expect(rules[`DenyAll${direction}`]).toMatchObject({
          direction, priority: 4096, access: 'Deny', protocol: '*', source_address_prefix: '*', destination_address_prefix: '*', destination_port_range: '*',
        });
      }
      expect(Object.keys(rules)).toHaveLength(14);
      expect(new Set(blocks(resourcesOf(json, 'azurerm_network_security_group').find(([, n]) => n.name === 'nsg-contoso-health-apim-apim')![1].security_rule).map((r) => r.name)).size).toBe(14);
      const allows = Object.values(rules).filter((r) => r.access === 'Allow');
      expect(allows.every((r) => r.priority < 4096)).toBe(true);
      expect(allows.some((r) => r.direction === 'Inbound' && ['Internet', '*'].includes(r.source_address_prefix))).toBe(false);
    });

    test('the NSG is associated with the API Management subnet', () => {
      const associations = resourcesOf(json, 'azurerm_subnet_network_security_group_association').map(([, a]) => a.subnet_id);
      expect(associations).toEqual(expect.arrayContaining([expect.stringContaining('Platform_Network_ApimSubnet_')]));
    });
  });

  test('the edge NSG lets in only GatewayManager, the load balancer, HTTPS and the HTTP redirect', () => {
    const rules = nsgRules(json, 'nsg-contoso-health-apim-edge');
    expect(rules.AllowGatewayManager).toMatchObject({ source_address_prefix: 'GatewayManager', destination_port_range: '65200-65535', access: 'Allow' });
    expect(rules.AllowAzureLoadBalancer).toMatchObject({ source_address_prefix: 'AzureLoadBalancer', access: 'Allow' });
    expect(rules.AllowInternetHttps).toMatchObject({ source_address_prefix: 'Internet', destination_port_range: '443' });
    expect(rules.AllowInternetHttpRedirect).toMatchObject({ source_address_prefix: 'Internet', destination_port_range: '80' });
    expect(rules.DenyAllInbound).toMatchObject({ priority: 4096, access: 'Deny' });
    expect(Object.keys(rules)).toHaveLength(5);
  });

  test('private DNS: one zone per instance host name, each with an apex A record to the private IP and a VNet link', () => {
    const zones = resourcesOf(json, 'azurerm_private_dns_zone').map(([, z]) => z.name).sort();
    expect(zones).toEqual([
      'contoso-health-apim.azure-api.net',
      'contoso-health-apim.developer.azure-api.net',
      'contoso-health-apim.management.azure-api.net',
      'contoso-health-apim.portal.azure-api.net',
      'contoso-health-apim.scm.azure-api.net',
    ]);
    expect(zones).not.toContain('azure-api.net');
    const records = resourcesOf(json, 'azurerm_private_dns_a_record').map(([, r]) => r);
    expect(records).toHaveLength(5);
    for (const r of records) {
      expect(r.name).toBe('@');
      expect(r.records).toEqual([expect.stringMatching(/^\$\{element\(azurerm_api_management\.\w+\.private_ip_addresses, 0\)\}$/)]);
    }
    const links = resourcesOf(json, 'azurerm_private_dns_zone_virtual_network_link').map(([, l]) => l);
    expect(links).toHaveLength(5);
    for (const l of links) {
      expect(l.registration_enabled).toBe(false);
      expect(l.virtual_network_id).toMatch(/^\$\{azurerm_virtual_network\.\w+\.id\}$/);
    }
  });

  describe('the edge', () => {
    const waf = onlyResource(json, 'azurerm_web_application_firewall_policy');
    const agw = onlyResource(json, 'azurerm_application_gateway');

    test('the WAF policy is in Prevention mode on DRS 2.1 plus the bot manager, inspecting bodies with limits', () => {
      const settings = block(waf.policy_settings);
      expect(settings).toMatchObject({
        enabled: true,
        mode: 'Prevention',
        request_body_check: true,
        request_body_enforcement: true,
        request_body_inspect_limit_in_kb: 128,
        max_request_body_size_in_kb: 1024,
        file_upload_limit_in_mb: 4,
      });
      expect(blocks(block(waf.managed_rules).managed_rule_set).map((r) => [r.type, r.version])).toEqual([
        ['Microsoft_DefaultRuleSet', '2.1'], ['Microsoft_BotManagerRuleSet', '1.1'],
      ]);
    });

    test('WAF logs scrub credentials and request arguments that can carry PHI', () => {
      const scrub = block(block(waf.policy_settings).log_scrubbing);
      expect(scrub.enabled).toBe(true);
      const rules = blocks(scrub.rule).map((r) => `${r.match_variable}:${r.selector ?? '*'}`);
      expect(rules).toEqual(expect.arrayContaining([
        'RequestHeaderNames:Authorization', 'RequestHeaderNames:Ocp-Apim-Subscription-Key', 'RequestArgNames:*', 'RequestJSONArgNames:*',
      ]));
    });

    test('WAF_v2 attached to the policy, autoscaling over three zones, HTTP/2', () => {
      expect(block(agw.sku)).toEqual({ name: 'WAF_v2', tier: 'WAF_v2' });
      expect(agw.firewall_policy_id).toMatch(/^\$\{azurerm_web_application_firewall_policy\.\w+\.id\}$/);
      expect(agw.force_firewall_policy_association).toBe(true);
      expect(block(agw.autoscale_configuration)).toEqual({ min_capacity: 2, max_capacity: 10 });
      expect(agw.zones).toEqual(['1', '2', '3']);
      const edgeIp = resourcesOf(json, 'azurerm_public_ip').find(([, ip]) => ip.name === 'pip-contoso-health-apim-edge')![1];
      expect(edgeIp.zones).toEqual(['1', '2', '3']);
      expect(agw.enable_http2).toBe(true);
    });

    test('TLS 1.2 minimum through the 2022 strong predefined policy', () => {
      expect(block(agw.ssl_policy)).toEqual({ policy_type: 'Predefined', policy_name: 'AppGwSslPolicy20220101S' });
    });

    test('an HTTPS listener with a Key Vault certificate read through a user-assigned identity', () => {
      const https = blocks(agw.http_listener).find((l) => l.name === 'https');
      expect(https).toMatchObject({ protocol: 'Https', ssl_certificate_name: 'edge-tls', frontend_port_name: 'https' });
      const cert = blocks(agw.ssl_certificate)[0];
      expect(cert.key_vault_secret_id).toMatch(/^\$\{azurerm_key_vault_certificate\.\w+\.versionless_secret_id\}$/);
      expect(cert.data).toBeUndefined();
      expect(block(agw.identity).type).toBe('UserAssigned');
      expect(blocks(agw.frontend_port).map((fp) => fp.port).sort()).toEqual([443, 80]);
      const grant = resourcesOf(json, 'azurerm_role_assignment').find(([, r]) => r.principal_id?.includes('azurerm_user_assigned_identity'));
      expect(grant![1].role_definition_name).toBe('Key Vault Secrets User');
      // The gateway reads the certificate while it is created: only after the role has propagated.
      const wait = resourcesOf(json, 'time_sleep').find(([, t]) => t.depends_on?.includes(`azurerm_role_assignment.${grant![0]}`))!;
      expect(agw.depends_on).toEqual(expect.arrayContaining([`time_sleep.${wait[0]}`]));
    });

    test('the gateway is created after the private DNS record and zone link of its backend host name', () => {
      const record = resourcesOf(json, 'azurerm_private_dns_a_record').find(([, r]) => r.zone_name.includes('Platform_Network_GatewayZone_'))!;
      const link = resourcesOf(json, 'azurerm_private_dns_zone_virtual_network_link').find(([, l]) => l.private_dns_zone_name.includes('Platform_Network_GatewayZone_'))!;
      expect(agw.depends_on).toEqual(expect.arrayContaining([`azurerm_private_dns_a_record.${record[0]}`, `azurerm_private_dns_zone_virtual_network_link.${link[0]}`]));
    });

    test('the self-signed certificate waits for the deployer\'s propagated role and needs the declared deployer path', () => {
      const cert = onlyResource(json, 'azurerm_key_vault_certificate');
      const officer = resourcesOf(json, 'azurerm_role_assignment').find(([, r]) => r.role_definition_name === 'Key Vault Certificates Officer')!;
      expect(officer[1].principal_id).toMatch(/data\.azurerm_client_config\.\w+\.object_id/);
      const wait = resourcesOf(json, 'time_sleep').find(([, t]) => t.depends_on?.includes(`azurerm_role_assignment.${officer[0]}`))!;
      // ... and for the vault's event subscription, so its first version raises near-expiry events.
      const [[route]] = resourcesOf(json, 'azurerm_resource_group_template_deployment').filter(([id]) => /KeyVaultExpiry/.test(id));
      expect(cert.depends_on).toEqual([`time_sleep.${wait[0]}`, `azurerm_resource_group_template_deployment.${route}`]);
      expect(block(onlyResource(json, 'azurerm_key_vault').network_acls).ip_rules).toEqual(['203.0.113.7']);
      // No other data-plane role for the deployer: secrets are not written by default.
      expect(resourcesOf(json, 'azurerm_role_assignment').filter(([, r]) => /client_config/.test(r.principal_id))).toHaveLength(1);
    });

    test('without a host name, a self-signed Key Vault certificate with a warning', () => {
      const cert = onlyResource(json, 'azurerm_key_vault_certificate');
      const policy = block(cert.certificate_policy);
      expect(block(policy.issuer_parameters).name).toBe('Self');
      expect(block(policy.key_properties)).toMatchObject({ exportable: true, key_type: 'RSA', key_size: 2048 });
      expect(annotationsOf(p.edge!, 'warn').join()).toMatch(/\[security opt-out: acknowledgeSelfSignedCertificate\] no custom host name: the edge serves a Key Vault self-signed certificate/);
    });

    test('the self-signed certificate is a named opt-out: without it and without a host name, synth fails', () => {
      expect(() => platform({ acknowledgeSelfSignedCertificate: undefined })).toThrow(
        /^test\/Platform: acknowledgeSelfSignedCertificate is not set and no hostName is given, so the edge would serve a self-signed certificate that clients do not trust\. Valid: hostName with keyVaultCertificateSecretId .*or acknowledgeSelfSignedCertificate: true for a trial/);
    });

    test('HTTP is redirected permanently to the HTTPS listener, keeping path and query', () => {
      expect(blocks(agw.redirect_configuration)).toEqual([{
        name: 'http-to-https', redirect_type: 'Permanent', target_listener_name: 'https', include_path: true, include_query_string: true,
      }]);
      const rules = Object.fromEntries(blocks(agw.request_routing_rule).map((r) => [r.name, r]));
      expect(rules.http).toMatchObject({ http_listener_name: 'http', redirect_configuration_name: 'http-to-https' });
      expect(rules.http.backend_address_pool_name).toBeUndefined();
      expect(rules.https).toMatchObject({ http_listener_name: 'https', backend_address_pool_name: 'apim', backend_http_settings_name: 'apim-https' });
    });

    test('the backend is the private gateway host name, probed on /status-0123456789abcdef over HTTPS', () => {
      expect(blocks(agw.backend_address_pool)).toEqual([{ name: 'apim', fqdns: ['contoso-health-apim.azure-api.net'] }]);
      expect(blocks(agw.probe)[0]).toMatchObject({
        protocol: 'Https', path: '/status-0123456789abcdef', host: 'contoso-health-apim.azure-api.net', match: expect.anything(),
      });
      expect(blocks(agw.backend_http_settings)[0]).toMatchObject({ port: 443, protocol: 'Https', host_name: 'contoso-health-apim.azure-api.net', probe_name: 'apim-status' });
    });

    test('gateway diagnostics go to the platform workspace', () => {
      const settings = resourcesOf(json, 'azurerm_monitor_diagnostic_setting').map(([, d]) => d);
      const edge = settings.find((d) => d.target_resource_id.includes('azurerm_application_gateway'));
      expect(edge).toMatchObject({ name: 'edge-to-log-analytics', enabled_log: [{ category_group: 'allLogs' }] });
    });

    test('the vault firewall admits the edge subnet, and clients call the edge URL', () => {
      const acls = block(onlyResource(json, 'azurerm_key_vault').network_acls);
      expect(acls.default_action).toBe('Deny');
      // API Management and the edge read the vault through their subnets' service endpoints (no trusted-services bypass).
      expect(acls.virtual_network_subnet_ids).toEqual([expect.stringContaining('Platform_Network_ApimSubnet_'), expect.stringContaining('Platform_Network_EdgeSubnet_')]);
      expect(subnet(json, 'snet-apim').service_endpoints).toEqual(['Microsoft.KeyVault']);
      expect(subnet(json, 'snet-edge').service_endpoints).toEqual(['Microsoft.KeyVault']);
      expect(p.gatewayUrl).toBe(p.edge!.url);
      expect(p.apimGatewayUrl).not.toBe(p.gatewayUrl);
    });
  });

  test('the client IP used for limits is the last X-Forwarded-For entry the edge appended', () => {
    expect(p.clientIpExpression.text).toContain('X-Forwarded-For');
  });
});

describe('tiers', () => {
  test('Developer is injected like Premium, without zones', () => {
    const { json } = platform({ sku: ApimSku.developer() });
    const apim = onlyResource(json, 'azurerm_api_management');
    expect(apim.virtual_network_type).toBe('Internal');
    expect(apim.public_ip_address_id).toBeDefined();
    expect(nsgRules(json, 'nsg-contoso-health-apim-apim').AllowUnitSyncInbound).toBeUndefined();
  });

  test('PremiumV2 is injected into a delegated subnet without the classic management rules or public IP', () => {
    const { json } = platform({ sku: ApimSku.premiumV2(1) });
    const apim = onlyResource(json, 'azurerm_api_management');
    expect(apim.virtual_network_type).toBe('Internal');
    expect(apim.public_ip_address_id).toBeUndefined();
    expect(block(subnet(json, 'snet-apim').delegation).service_delegation).toMatchObject({ name: 'Microsoft.Web/hostingEnvironments' });
    const rules = nsgRules(json, 'nsg-contoso-health-apim-apim');
    expect(rules.AllowApiManagementEndpoint).toBeUndefined();
    expect(rules.AllowEdgeHttps).toBeDefined();
    expect(resourcesOf(json, 'azurerm_private_dns_zone').map(([, z]) => z.name)).toEqual(['contoso-health-apim.azure-api.net']);
  });

  describe('StandardV2 gets a private endpoint behind the same edge', () => {
    test('first apply: public access stays on, with a warning naming the second apply', () => {
      const { json, platform: p } = platform({ sku: ApimSku.standardV2(1), allowPublicNetworkAccess: true });
      const apim = onlyResource(json, 'azurerm_api_management');
      expect(apim.public_network_access_enabled).toBe(true);
      const pe = onlyResource(json, 'azurerm_private_endpoint');
      expect(block(pe.private_service_connection)).toMatchObject({ subresource_names: ['Gateway'], is_manual_connection: false });
      expect(onlyResource(json, 'azurerm_private_dns_zone').name).toBe('privatelink.azure-api.net');
      expect(resourcesOf(json, 'azurerm_subnet').map(([, s]) => s.name).sort()).toEqual(['snet-apim-outbound', 'snet-edge', 'snet-private-endpoints']);
      // The edge resolves the gateway through the private endpoint's DNS record.
      const agw = onlyResource(json, 'azurerm_application_gateway');
      expect(agw.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^azurerm_private_endpoint\.Platform_Network_ApimPrivateEndpoint/)]));
      expect(annotationsOf(p, 'warn').join()).toMatch(/\[security opt-out: allowPublicNetworkAccess\].*replace allowPublicNetworkAccess with closePublicNetworkAccess: true and apply again/);
      expect(onlyResource(json, 'azurerm_application_gateway')).toBeDefined();
    });

    test('outbound VNet integration: the gateway reaches private backends and the vault through a delegated subnet', () => {
      const { json } = platform({ sku: ApimSku.standardV2(1), allowPublicNetworkAccess: true });
      const apim = onlyResource(json, 'azurerm_api_management');
      const outbound = resourcesOf(json, 'azurerm_subnet').find(([, s]) => s.name === 'snet-apim-outbound')!;
      expect(apim.virtual_network_type).toBe('External');
      expect(block(apim.virtual_network_configuration).subnet_id).toBe(`\${azurerm_subnet.${outbound[0]}.id}`);
      expect(block(outbound[1].delegation).service_delegation).toMatchObject({ name: 'Microsoft.Web/serverFarms' });
      expect(outbound[1].service_endpoints).toEqual(['Microsoft.KeyVault']);
      expect(block(onlyResource(json, 'azurerm_key_vault').network_acls).virtual_network_subnet_ids).toContain(`\${azurerm_subnet.${outbound[0]}.id}`);
      // An NSG must be associated; nothing comes in through an outbound-only subnet.
      const rules = nsgRules(json, 'nsg-contoso-health-apim-apim');
      expect(rules.AllowEdgeHttps).toBeUndefined();
      expect(rules.AllowPrivateBackends).toMatchObject({ direction: 'Outbound', destination_port_range: '443' });
      expect(apim.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^azurerm_subnet_network_security_group_association\.Platform_Network_ApimSecurityGroupAssociation/)]));
      expect(apim.public_ip_address_id).toBeUndefined();
    });

    test('an existing network without an outbound subnet warns that private backends are unreachable', () => {
      const vnet = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub';
      const { json, platform: p } = platform({
        sku: ApimSku.standardV2(1),
        allowPublicNetworkAccess: true,
        acknowledgeUnmanagedNetworkRules: true,
        existingNetwork: { virtualNetworkId: vnet, edgeSubnetId: `${vnet}/subnets/snet-edge`, privateEndpointSubnetId: `${vnet}/subnets/snet-pe` },
      });
      expect(onlyResource(json, 'azurerm_api_management').virtual_network_type).toBeUndefined();
      expect(annotationsOf(p, 'warn').join()).toMatch(/no outbound VNet integration/);
    });

    test('second apply: closePublicNetworkAccess closes it and the warning goes away', () => {
      const { json, platform: p } = platform({ sku: ApimSku.standardV2(1), closePublicNetworkAccess: true });
      expect(onlyResource(json, 'azurerm_api_management').public_network_access_enabled).toBe(false);
      expect(annotationsOf(p, 'warn').join()).not.toMatch(/allowPublicNetworkAccess|closePublicNetworkAccess/);
    });
  });
});

describe('edge options', () => {
  test('with a host name of its own the opt-out weakens nothing: no self-signed certificate, no opt-out warning', () => {
    const { json, platform: p } = platform({ edge: { hostName: 'api.contoso-health.example', keyVaultCertificateSecretId: 'https://contoso-health-apim-kv.vault.azure.net/secrets/api' } });
    expect(resourcesOf(json, 'azurerm_key_vault_certificate')).toEqual([]);
    expect(annotationsOf(p.edge!, 'warn').join()).not.toMatch(/acknowledgeSelfSignedCertificate/);
  });

  test('an EdgeGateway of your own refuses the opt-out together with a host name', () => {
    const stack = newStack();
    const p = new SecureHealthcareApim(stack, 'Platform', { ...MINIMAL, acknowledgeExternallyManagedEdge: true });
    expect(() => new EdgeGateway(stack, 'MyEdge', {
      namePrefix: 'contoso',
      resourceGroupName: 'rg',
      location: 'eastus2',
      subnetId: 'subnet',
      backendHostName: 'contoso.azure-api.net',
      hostName: 'api.contoso-health.example',
      keyVaultCertificateSecretId: 'https://contoso-health-apim-kv.vault.azure.net/secrets/api',
      acknowledgeSelfSignedCertificate: true,
      keyVault: p.keyVault,
      auditLogging: p.auditLogging,
    })).toThrow(/^test\/MyEdge: acknowledgeSelfSignedCertificate is set together with hostName 'api.contoso-health.example', whose certificate you give\. Valid: one of them/);
  });

  test('a custom host name with its Key Vault certificate: SNI listener, no self-signed certificate, no warning', () => {
    const secret = 'https://kv-edge.vault.azure.net/secrets/api-contoso';
    const { json, platform: p } = platform({ edge: { hostName: 'api.contoso-health.example', keyVaultCertificateSecretId: secret, keyVaultCertificateVaultId: EDGE_VAULT, minCapacity: 3, maxCapacity: 20 } });
    const agw = onlyResource(json, 'azurerm_application_gateway');
    expect(blocks(agw.http_listener).find((l) => l.name === 'https')).toMatchObject({ host_name: 'api.contoso-health.example', require_sni: true });
    expect(blocks(agw.ssl_certificate)[0].key_vault_secret_id).toBe(secret);
    expect(block(agw.autoscale_configuration)).toEqual({ min_capacity: 3, max_capacity: 20 });
    expect(resourcesOf(json, 'azurerm_key_vault_certificate')).toHaveLength(0);
    // No data-plane write: the deployer gets no Key Vault role.
    expect(resourcesOf(json, 'azurerm_role_assignment').map(([, r]) => r.role_definition_name)).not.toContain('Key Vault Certificates Officer');
    const edgeGrant = resourcesOf(json, 'azurerm_role_assignment').find(([, r]) => r.scope === EDGE_VAULT)!;
    expect(edgeGrant[1].role_definition_name).toBe('Key Vault Secrets User');
    expect(agw.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^time_sleep\.Platform_Edge_EdgeSecretsUserPropagation/)]));
    expect(annotationsOf(p.edge!, 'warn')).toEqual([]);
    expect(p.gatewayUrl).toBe('https://api.contoso-health.example');
  });

  test('the platform custom domain is served by the edge too', () => {
    const secret = 'https://kv-edge.vault.azure.net/secrets/gw';
    const { json } = platform({ customDomain: { gatewayHostName: 'api.contoso-health.example', keyVaultCertificateSecretId: secret, keyVaultCertificateVaultId: EDGE_VAULT } });
    const agw = onlyResource(json, 'azurerm_application_gateway');
    expect(blocks(agw.http_listener).find((l) => l.name === 'https').host_name).toBe('api.contoso-health.example');
    expect(blocks(agw.ssl_certificate)[0].key_vault_secret_id).toBe(secret);
  });

  test('a DDoS protection plan and extra backend ranges', () => {
    const { json } = platform({ network: { ddosProtectionPlanId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/ddosProtectionPlans/ddos', backendAddressPrefixes: ['203.0.113.0/24'] } });
    expect(block(onlyResource(json, 'azurerm_virtual_network').ddos_protection_plan)).toEqual({ enable: true, id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/ddosProtectionPlans/ddos' });
    expect(nsgRules(json, 'nsg-contoso-health-apim-apim').AllowListedBackends).toMatchObject({
      direction: 'Outbound', destination_address_prefixes: ['203.0.113.0/24'], destination_port_range: '443', access: 'Allow',
    });
  });

  test('a custom address plan', () => {
    const { json } = platform({ network: { addressSpace: '10.50.0.0/22', edgeSubnetCidr: '10.50.0.0/24', apimSubnetCidr: '10.50.1.0/27', privateEndpointSubnetCidr: '10.50.2.0/28' } });
    expect(subnet(json, 'snet-apim').address_prefixes).toEqual(['10.50.1.0/27']);
    expect(nsgRules(json, 'nsg-contoso-health-apim-apim').AllowEdgeHttps.source_address_prefix).toBe('10.50.0.0/24');
  });
});

describe('opt-outs are explicit and leave warnings', () => {
  test('acknowledgePublicGateway: no network, no edge, a warning', () => {
    const { json, platform: p } = platform({ acknowledgePublicGateway: true });
    expect(resourcesOf(json, 'azurerm_virtual_network')).toHaveLength(0);
    expect(resourcesOf(json, 'azurerm_application_gateway')).toHaveLength(0);
    expect(onlyResource(json, 'azurerm_api_management').virtual_network_type).toBeUndefined();
    expect(annotationsOf(p, 'warn').join()).toMatch(/\[security opt-out: acknowledgePublicGateway\]/);
    expect(p.clientIpExpression.text).not.toContain('X-Forwarded-For');
    expect(p.gatewayUrl).toBe(p.apimGatewayUrl);
  });

  test('existingNetwork with acknowledgeUnmanagedNetworkRules: no VNet, subnets or NSGs; DNS linked to the given VNet', () => {
    const { json, platform: p } = platform({
      existingNetwork: { virtualNetworkId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet', apimSubnetId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/apim', edgeSubnetId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/edge' },
      acknowledgeUnmanagedNetworkRules: true,
    });
    for (const type of ['azurerm_virtual_network', 'azurerm_subnet', 'azurerm_network_security_group']) expect(resourcesOf(json, type)).toHaveLength(0);
    expect(block(onlyResource(json, 'azurerm_api_management').virtual_network_configuration).subnet_id).toBe('/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/apim');
    expect(resourcesOf(json, 'azurerm_private_dns_zone_virtual_network_link').every(([, l]) => l.virtual_network_id === '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet')).toBe(true);
    expect(block(onlyResource(json, 'azurerm_application_gateway').gateway_ip_configuration).subnet_id).toBe('/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/edge');
    expect(annotationsOf(p, 'warn').join()).toMatch(/\[security opt-out: acknowledgeUnmanagedNetworkRules\]/);
  });

  test('acknowledgeExternallyManagedEdge: no edge gateway, a warning, the client IP still read from X-Forwarded-For', () => {
    const { json, platform: p } = platform({ acknowledgeExternallyManagedEdge: true });
    expect(resourcesOf(json, 'azurerm_application_gateway')).toHaveLength(0);
    expect(resourcesOf(json, 'azurerm_web_application_firewall_policy')).toHaveLength(0);
    expect(onlyResource(json, 'azurerm_api_management').virtual_network_type).toBe('Internal');
    expect(annotationsOf(p, 'warn').join()).toMatch(/\[security opt-out: acknowledgeExternallyManagedEdge\]/);
    expect(p.clientIpExpression.text).toContain('X-Forwarded-For');
  });
});

describe('invalid network input fails at synth with the path, the prop and what is valid', () => {
  test.each<[string, Partial<SecureHealthcareApimProps>, RegExp]>([
    ['bad CIDR', { network: { addressSpace: '10.20.0.0/33' } }, /^test\/Platform: network.addressSpace '10.20.0.0\/33' is not an IPv4 CIDR range\. Valid: /],
    ['host bits set', { network: { apimSubnetCidr: '10.20.1.5/24' } }, /Platform: network.apimSubnetCidr '10.20.1.5\/24' is not an IPv4 CIDR range/],
    ['subnet outside the VNet', { network: { apimSubnetCidr: '10.30.1.0/24' } }, /Platform: network.apimSubnetCidr '10.30.1.0\/24' is outside the address space 10.20.0.0\/16\. Valid: a range inside/],
    ['overlapping subnets', { network: { apimSubnetCidr: '10.20.0.0/25' } }, /Platform: network.apimSubnetCidr '10.20.0.0\/25' overlaps edgeSubnetCidr '10.20.0.0\/24'/],
    ['APIM subnet too small', { network: { apimSubnetCidr: '10.20.1.0/28' } }, /Platform: network.apimSubnetCidr '10.20.1.0\/28' is a \/28, too small for API Management injection\. Valid: a \/27 or larger range/],
    ['edge subnet too small', { network: { edgeSubnetCidr: '10.20.0.0/27' } }, /Platform: network.edgeSubnetCidr '10.20.0.0\/27' is a \/27, too small for an autoscaling Application Gateway v2/],
    ['backend prefix', { network: { backendAddressPrefixes: ['nope'] } }, /Platform: network.backendAddressPrefixes\[0\] 'nope' is not an IPv4 CIDR range/],
    ['outbound subnet too small for StandardV2', { sku: ApimSku.standardV2(1), allowPublicNetworkAccess: true, network: { apimSubnetCidr: '10.20.1.0/28' } },
      /Platform: network.apimSubnetCidr '10.20.1.0\/28' is a \/28, too small for StandardV2 outbound VNet integration\. Valid: a \/27 or larger range/],
    ['closing public access on an injected tier', { closePublicNetworkAccess: true },
      /^test\/Platform: closePublicNetworkAccess is set for Premium_2, whose injected gateway has no public endpoint to open or close .*Valid: closePublicNetworkAccess only with StandardV2/],
    ['opening public access on an injected tier', { allowPublicNetworkAccess: true },
      /^test\/Platform: allowPublicNetworkAccess is set for Premium_2, whose injected gateway has no public endpoint to open or close .*Valid: allowPublicNetworkAccess only with StandardV2/],
    ['StandardV2 without choosing its apply', { sku: ApimSku.standardV2(1) },
      /^test\/Platform: allowPublicNetworkAccess is not set for StandardV2_1, whose public network access Azure keeps on until the private endpoint exists\. Valid: allowPublicNetworkAccess: true for the first apply \(a warning\), then closePublicNetworkAccess: true instead/],
    ['StandardV2 with both applies at once', { sku: ApimSku.standardV2(1), allowPublicNetworkAccess: true, closePublicNetworkAccess: true },
      /^test\/Platform: allowPublicNetworkAccess is set together with closePublicNetworkAccess/],
    ['network options with a public gateway', { acknowledgePublicGateway: true, network: {} },
      /Platform: network is set but acknowledgePublicGateway is set, so no network or edge is created\. Valid: leave network unset/],
    ['edge options on Basic', { sku: ApimSku.basic(1), acknowledgeNoNetworkIsolation: true, edge: {} }, /Platform: edge is set but Basic_1 cannot be isolated/],
    ['existing network without acknowledgement', { existingNetwork: { virtualNetworkId: 'v', apimSubnetId: 's', edgeSubnetId: 'e' } },
      /Platform: existingNetwork is set without acknowledgeUnmanagedNetworkRules\. Valid: acknowledgeUnmanagedNetworkRules: true/],
    ['existing network without an edge subnet', { existingNetwork: { virtualNetworkId: 'v', apimSubnetId: 's' }, acknowledgeUnmanagedNetworkRules: true },
      /Platform: existingNetwork.edgeSubnetId is missing, so the edge gateway has no subnet/],
    ['existing network without an APIM subnet', { existingNetwork: { virtualNetworkId: 'v', edgeSubnetId: 'e' }, acknowledgeUnmanagedNetworkRules: true },
      /Platform: existingNetwork.apimSubnetId is missing for an injected gateway/],
    ['existing StandardV2 network without a private-endpoint subnet',
      { sku: ApimSku.standardV2(1), allowPublicNetworkAccess: true, existingNetwork: { virtualNetworkId: 'v', edgeSubnetId: 'e' }, acknowledgeUnmanagedNetworkRules: true },
      /Platform: existingNetwork.privateEndpointSubnetId is missing for a private-endpoint gateway/],
    ['both network and existingNetwork', { network: {}, existingNetwork: { virtualNetworkId: 'v' }, acknowledgeUnmanagedNetworkRules: true },
      /Platform: network is set together with existingNetwork/],
    ['edge options with an external edge', { acknowledgeExternallyManagedEdge: true, edge: { minCapacity: 2 } }, /Platform: edge is set together with acknowledgeExternallyManagedEdge/],
    ['edge host name without certificate', { edge: { hostName: 'api.contoso-health.example' } },
      /Platform: edge.keyVaultCertificateSecretId is missing for host name 'api.contoso-health.example'\. Valid: the versionless secret id/],
    ['edge certificate without host name', { edge: { keyVaultCertificateSecretId: 'https://kv1.vault.azure.net/secrets/c' } }, /Platform: edge.hostName is missing for the given certificate/],
    ['edge certificate with a version', { edge: { hostName: 'api.contoso-health.example', keyVaultCertificateSecretId: 'https://kv1.vault.azure.net/secrets/c/0123abc' } },
      /Platform: edge.keyVaultCertificateSecretId '.*' is not a versionless Key Vault secret id/],
    ['edge capacity', { edge: { minCapacity: 5, maxCapacity: 3 } }, /Platform: edge.maxCapacity \(3\) is below minCapacity \(5\)/],
    ['edge body limit', { edge: { maxRequestBodySizeBytes: 5000 * 1024 } }, /Platform: edge.maxRequestBodySizeBytes is 5120000\. Valid: a multiple of 1024 between 8192 and 2048000 \(bytes\)/],
  ])('%s', (_name, props, expected) => {
    expect(errorOf(props)).toMatch(expected);
  });
});
