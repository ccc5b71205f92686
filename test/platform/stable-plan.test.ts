/**
 * A second plan after the first apply shows no change: every value the library sets is in the
 * form Azure stores and the providers read back, so nothing Azure normalizes forces a
 * replacement later. Checked over every stack the library builds in the examples and in the
 * platform with every option.
 */
import { Testing } from 'cdktf';
import { PatientRecordsStack } from '../../examples/patient-records/stack';
import { SeedParityStack } from '../../examples/seed-parity/stack';
import { ApimSku, SecureHealthcareApim } from '../../lib';
import { PLATFORM_PROPS } from '../api/fixtures';
import { block, blocks, newStack, resourcesOf, synthJson } from '../util/synth';

function platformJson(props: Record<string, unknown>): any {
  const stack = newStack();
  new SecureHealthcareApim(stack, 'Platform', { ...PLATFORM_PROPS, ...props });
  return synthJson(stack);
}

const STACKS: Array<[string, () => any]> = [
  ['seed-parity', () => synthJson(new SeedParityStack(Testing.app(), 'seed-parity', { nameSuffix: 'demo1' }))],
  ['patient-records', () => synthJson(new PatientRecordsStack(Testing.app(), 'patient-records', { nameSuffix: 'demo1' }))],
  ['Premium 3 over three zones', () => platformJson({ sku: ApimSku.premium(3) })],
  ['Premium 2 over two zones', () => platformJson({ sku: ApimSku.premium(2) })],
  ['StandardV2', () => platformJson({ sku: ApimSku.standardV2(1), allowPublicNetworkAccess: true })],
  ['PremiumV2', () => platformJson({ sku: ApimSku.premiumV2(1) })],
  ['custom domain', () => platformJson({
    customDomain: { gatewayHostName: 'api.contoso-health.example', keyVaultCertificateSecretId: 'https://contoso-health-apim-kv.vault.azure.net/secrets/api' },
  })],
];

const REFERENCE = /^\$\{[a-z_]+\.[A-Za-z0-9_-]+\.[a-z_]+(\[0\]\.[a-z_]+)?\}$/;
const VERSIONED_SECRET = /\/secrets\/[^/]+\/[0-9a-f]{32}\/?$/;

describe.each(STACKS)('%s: what Azure stores is what the library sets', (_name, synth) => {
  const json = synth();

  test('public IPs are zone-redundant as Azure stores them (1, 2, 3), single-zone, or not zonal', () => {
    for (const [, ip] of resourcesOf(json, 'azurerm_public_ip')) {
      const zones = ip.zones ?? [];
      expect([0, 1, 3]).toContain(zones.length);
      if (zones.length === 3) expect([...zones].sort()).toEqual(['1', '2', '3']);
    }
  });

  test('Key Vault certificate and secret ids are versionless, so renewals are picked up without a diff', () => {
    const ids = [
      ...resourcesOf(json, 'azurerm_application_gateway').flatMap(([, g]) => blocks(g.ssl_certificate).map((c) => c.key_vault_secret_id)),
      ...resourcesOf(json, 'azurerm_api_management_custom_domain').flatMap(([, d]) => [...blocks(d.gateway), ...blocks(d.developer_portal)].map((h) => h.key_vault_certificate_id)),
      ...resourcesOf(json, 'azurerm_api_management_named_value').map(([, v]) => block(v.value_from_key_vault).secret_id),
    ];
    for (const id of ids) expect(id).not.toMatch(VERSIONED_SECRET);
  });

  test('ids that force a replacement when their case differs are provider references, never rebuilt strings', () => {
    for (const [, apim] of resourcesOf(json, 'azurerm_api_management')) {
      const subnet = block(apim.virtual_network_configuration)?.subnet_id;
      if (subnet !== undefined) expect(subnet).toMatch(REFERENCE);
      if (apim.public_ip_address_id !== undefined) expect(apim.public_ip_address_id).toMatch(REFERENCE);
    }
    for (const [, d] of resourcesOf(json, 'azurerm_monitor_diagnostic_setting')) expect(d.target_resource_id).toMatch(REFERENCE);
    for (const [, g] of resourcesOf(json, 'azurerm_application_gateway')) {
      for (const c of blocks(g.gateway_ip_configuration)) expect(c.subnet_id).toMatch(/^\$\{|^\/subscriptions\//);
    }
  });

  test('names Azure lower-cases are lower-case: DNS labels, SKU names in their canonical form', () => {
    for (const [, ip] of resourcesOf(json, 'azurerm_public_ip')) {
      if (ip.domain_name_label !== undefined) expect(ip.domain_name_label).toMatch(/^[a-z][a-z0-9-]{1,61}[a-z0-9]$/);
    }
    for (const [, apim] of resourcesOf(json, 'azurerm_api_management')) {
      expect(apim.sku_name).toMatch(/^(Consumption_0|Basic_[12]|BasicV2_\d+|Developer_1|Standard_[1-4]|StandardV2_\d+|Premium_\d+|PremiumV2_\d+)$/);
    }
  });
});
