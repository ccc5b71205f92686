/** Every Key Vault secret the library writes has an expiry, stable from plan to plan; the platform's options and opt-outs. */
import { ConsumerGroup, CustomerManagedKey, HealthcareCompliance, KeyVaultDeployerAccess } from '../../lib';
import { ComplianceStatus } from '../../lib/compliance/report';
import { patients } from '../api/fixtures';
import { validationErrorOf } from '../fuzz/harness';
import { annotationsOf, resourcesOf, synthJson } from '../util/synth';

function platformWithKeys(platformProps: object = {}) {
  const f = patients({}, { keyVaultDeployerAccess: KeyVaultDeployerAccess.fromIpRanges(['203.0.113.7']), ...platformProps });
  new ConsumerGroup(f.stack, 'Clinicians', {
    platform: f.platform,
    apis: [f.api],
    name: 'clinicians',
    roles: ['Patient.Read'],
    subscriptions: [{ name: 'ward-app' }, { name: 'lab' }],
    subscriptionsLimit: 2,
    storeSubscriptionKeysInKeyVault: true,
  });
  return { ...f, json: synthJson(f.stack) };
}

describe('secret expiry', () => {
  test('every azurerm_key_vault_secret expires at the vault schedule\'s next rotation plus 30 days, one schedule for all', () => {
    const { json, stack } = platformWithKeys();
    const secrets = resourcesOf(json, 'azurerm_key_vault_secret');
    expect(secrets).toHaveLength(4);
    const [[scheduleId, schedule]] = resourcesOf(json, 'time_rotating').filter(([id]) => /KeyVault_SecretRotation/.test(id));
    expect(schedule.rotation_days).toBe(90);
    for (const [, s] of secrets) expect(s.expiration_date).toBe(`\${timeadd(time_rotating.${scheduleId}.rotation_rfc3339, "720h")}`);
    const expiry = HealthcareCompliance.of(stack).report().rules.find((r) => r.id === 'KV-SECRET-EXPIRY')!;
    expect(expiry.resources.filter((r) => r.address.startsWith('azurerm_key_vault_secret.')).map((r) => r.status)).toEqual(Array(4).fill(ComplianceStatus.PASS));
  });

  test('keyVaultSecretRotation tunes the schedule; bad values name the platform prop', () => {
    const { json } = platformWithKeys({ keyVaultSecretRotation: { rotationSeconds: 30 * 86_400, overlapSeconds: 7 * 86_400 } });
    const [[id, schedule]] = resourcesOf(json, 'time_rotating').filter(([k]) => /KeyVault_SecretRotation/.test(k));
    expect(schedule.rotation_days).toBe(30);
    expect(resourcesOf(json, 'azurerm_key_vault_secret')[0][1].expiration_date).toBe(`\${timeadd(time_rotating.${id}.rotation_rfc3339, "168h")}`);
    expect(validationErrorOf(() => patients({}, { keyVaultSecretRotation: { rotationSeconds: 0 } })).prop).toBe('keyVaultSecretRotation.rotationSeconds');
  });

  test('no secret, no schedule', () => {
    const f = patients();
    expect(resourcesOf(synthJson(f.stack), 'time_rotating').filter(([id]) => /KeyVault_SecretRotation/.test(id))).toEqual([]);
  });
});

describe('platform options of identity and keys', () => {
  test('allowStandardKeyVaultSku: a standard vault, with the warning on the vault', () => {
    const f = patients({}, { allowStandardKeyVaultSku: true });
    expect(resourcesOf(synthJson(f.stack), 'azurerm_key_vault')[0][1].sku_name).toBe('standard');
    expect(annotationsOf(f.platform.keyVault, 'warn').join()).toMatch(/allowStandardSku/);
    expect(validationErrorOf(() => patients({}, { allowStandardKeyVaultSku: 'no' as never })).prop).toBe('allowStandardKeyVaultSku');
  });

  test('portalSecretRotation tunes the portal password\'s schedule; it is refused with developerPortalSignIn', () => {
    const f = patients({}, { portalSecretRotation: { rotationSeconds: 45 * 86_400, overlapSeconds: 10 * 86_400 } });
    const json = synthJson(f.stack);
    const [[id, schedule]] = resourcesOf(json, 'time_rotating').filter(([k]) => /PortalSecretRotation/.test(k));
    expect(schedule.rotation_days).toBe(45);
    expect(resourcesOf(json, 'azuread_application_password')[0][1].end_date).toBe(`\${timeadd(time_rotating.${id}.rotation_rfc3339, "240h")}`);
    expect(validationErrorOf(() => patients({}, { portalSecretRotation: { rotationSeconds: 400 * 86_400 } })).prop).toBe('portalSecretRotation.rotationSeconds');
    expect(validationErrorOf(() => patients({}, {
      portalSecretRotation: {}, developerPortalSignIn: { clientId: '11111111-1111-1111-1111-111111111111', clientSecret: '${var.secret}' },
    })).prop).toBe('portalSecretRotation');
  });

  test('privilegedAccess is on by default, takes its options, and acknowledgePrivilegedAccessManagedCentrally drops it with a warning', () => {
    const byDefault = patients();
    expect(byDefault.platform.privilegedAccess?.conditionalAccessPolicy).toBeDefined();
    const pim = patients({}, { privilegedAccess: { existingGroupObjectId: '77777777-7777-7777-7777-777777777777', pimEligible: true } });
    const json = synthJson(pim.stack);
    expect(resourcesOf(json, 'azurerm_pim_eligible_role_assignment')).toHaveLength(3);
    expect(resourcesOf(json, 'azuread_group').filter(([id]) => id.startsWith('Platform_'))).toEqual([]);

    const central = patients({}, { acknowledgePrivilegedAccessManagedCentrally: true });
    expect(central.platform.privilegedAccess).toBeUndefined();
    const centralJson = synthJson(central.stack);
    expect(resourcesOf(centralJson, 'azuread_conditional_access_policy')).toEqual([]);
    expect(annotationsOf(central.platform, 'warn').join()).toMatch(/\[security opt-out: acknowledgePrivilegedAccessManagedCentrally\]/);
    expect(validationErrorOf(() => patients({}, { acknowledgePrivilegedAccessManagedCentrally: true, privilegedAccess: {} })).prop).toBe('privilegedAccess');
    expect(validationErrorOf(() => patients({}, { privilegedAccess: { existingGroupObjectId: 'ops' } })).prop).toBe('privilegedAccess.existingGroupObjectId');
  });

  test('keyVaultEventDelivery reaches the platform\'s near-expiry construct; refused with acknowledgeNoSecurityMonitoring or acknowledgeKeyVaultEventsHandledCentrally', () => {
    const f = patients({}, { keyVaultEventDelivery: { webhookUrl: 'https://ops.example/rotate' } });
    const json = synthJson(f.stack);
    expect(resourcesOf(json, 'azurerm_eventgrid_system_topic')).toHaveLength(1);
    expect(resourcesOf(json, 'azurerm_eventgrid_system_topic_event_subscription')).toHaveLength(1);
    expect(validationErrorOf(() => patients({}, { keyVaultEventDelivery: {} })).prop).toBe('keyVaultEventDelivery');
    expect(validationErrorOf(() => patients({}, { keyVaultEventDelivery: { actionGroupAlerts: false } })).prop).toBe('keyVaultEventDelivery.actionGroupAlerts');
    expect(validationErrorOf(() => patients({}, { keyVaultEventDelivery: { actionGroupAlerts: true }, acknowledgeNoSecurityMonitoring: true })).prop).toBe('keyVaultEventDelivery');
    expect(validationErrorOf(() => patients({}, { keyVaultEventDelivery: { actionGroupAlerts: true }, acknowledgeKeyVaultEventsHandledCentrally: true })).prop).toBe('keyVaultEventDelivery');
    expect(validationErrorOf(() => patients({}, { acknowledgeKeyVaultEventsHandledCentrally: true, acknowledgeNoSecurityMonitoring: true })).prop)
      .toBe('acknowledgeKeyVaultEventsHandledCentrally');
    expect(validationErrorOf(() => patients({}, { acknowledgeKeyVaultEventsHandledCentrally: 'yes' as never })).prop).toBe('acknowledgeKeyVaultEventsHandledCentrally');
  });

  test('the platform opt-out warns once, under the platform prop the user set', () => {
    const f = patients({}, { acknowledgeKeyVaultEventsHandledCentrally: true });
    const warnings = f.stack.node.findAll().flatMap((c) => annotationsOf(c, 'warn')).filter((w) => /EventsHandledCentrally/.test(w));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^\[security opt-out: acknowledgeKeyVaultEventsHandledCentrally\] no Event Grid system topic or subscription on the platform vault/);
    expect(resourcesOf(synthJson(f.stack), 'azurerm_eventgrid_system_topic')).toEqual([]);
  });

  test('by default the platform vault has an Event Grid system topic subscribed to the security action group, and KV-NEAR-EXPIRY-ROUTING passes', () => {
    const f = patients();
    const json = synthJson(f.stack);
    const [[vaultId]] = resourcesOf(json, 'azurerm_key_vault');
    const [, topic] = resourcesOf(json, 'azurerm_eventgrid_system_topic')[0];
    expect(topic).toMatchObject({ source_resource_id: `\${azurerm_key_vault.${vaultId}.id}`, topic_type: 'Microsoft.KeyVault.vaults' });
    const [, deployment] = resourcesOf(json, 'azurerm_resource_group_template_deployment').find(([id]) => /KeyVaultExpiry/.test(id))!;
    const [[actionGroupId]] = resourcesOf(json, 'azurerm_monitor_action_group');
    expect(JSON.parse(deployment.parameters_content).actionGroupId).toEqual({ value: `\${azurerm_monitor_action_group.${actionGroupId}.id}` });
    expect(JSON.parse(deployment.template_content).resources[0].properties.destination.endpointType).toBe('MonitorAlert');
    expect(f.platform.keyVaultExpiry?.eventRoutes).toHaveLength(1);
    const routing = HealthcareCompliance.of(f.stack).report().rules.find((r) => r.id === 'KV-NEAR-EXPIRY-ROUTING')!;
    expect(routing.resources.map((r) => r.status)).toEqual([ComplianceStatus.PASS]);
  });

  test('every Key Vault write waits for the vault\'s event subscription, so first versions raise near-expiry events', () => {
    const f = platformWithKeys();
    new CustomerManagedKey(f.stack, 'Cmk', { keyVault: f.platform.keyVault, name: 'fhir-export', resourceGroupName: 'rg-health', location: 'eastus2' });
    const json = synthJson(f.stack);
    const [[deploymentId]] = resourcesOf(json, 'azurerm_resource_group_template_deployment').filter(([id]) => /KeyVaultExpiry/.test(id));
    const route = `azurerm_resource_group_template_deployment.${deploymentId}`;
    const writes = [
      ...resourcesOf(json, 'azurerm_key_vault_secret'), ...resourcesOf(json, 'azurerm_key_vault_key'), ...resourcesOf(json, 'azurerm_key_vault_certificate'),
    ];
    // Four subscription-key secrets, the customer-managed key, the edge's self-signed certificate (written before the monitoring existed).
    expect(writes).toHaveLength(6);
    for (const [, w] of writes) expect(w.depends_on).toContain(route);
  });

  test('the waits add no dependency cycle: every resource\'s references and depends_on form a DAG', () => {
    const f = platformWithKeys();
    new CustomerManagedKey(f.stack, 'Cmk', { keyVault: f.platform.keyVault, name: 'fhir-export', resourceGroupName: 'rg-health', location: 'eastus2' });
    const json = synthJson(f.stack);
    const edges = new Map<string, Set<string>>();
    for (const [kind, prefix] of [['resource', ''], ['data', 'data.']] as const) {
      for (const [type, byName] of Object.entries<Record<string, unknown>>(json[kind] ?? {})) {
        for (const [name, config] of Object.entries(byName)) {
          const text = JSON.stringify(config);
          const targets = new Set<string>();
          for (const m of text.matchAll(/(?<![\w.])((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+)(?=[.\]"}\s,)])/g)) {
            const [t, n] = m[1].replace(/^data\./, '').split('.');
            const other = m[1].startsWith('data.') ? json.data?.[t]?.[n] : json.resource?.[t]?.[n];
            if (other !== undefined) targets.add(m[1]);
          }
          edges.set(`${prefix}${type}.${name}`, targets);
        }
      }
    }
    expect(edges.size).toBeGreaterThan(100);
    const state = new Map<string, 'open' | 'done'>();
    const cycle: string[] = [];
    const visit = (node: string, path: string[]): boolean => {
      if (state.get(node) === 'done') return false;
      if (state.get(node) === 'open') { cycle.push(...path, node); return true; }
      state.set(node, 'open');
      for (const next of edges.get(node) ?? []) if (visit(next, [...path, node])) return true;
      state.set(node, 'done');
      return false;
    };
    for (const node of edges.keys()) if (visit(node, [])) break;
    expect(cycle).toEqual([]);
  });

  test('acknowledgeKeyVaultEventsHandledCentrally: no system topic on the platform vault, writes wait for nothing more, a warning, KV-NEAR-EXPIRY-ROUTING accepted', () => {
    const f = platformWithKeys({ acknowledgeKeyVaultEventsHandledCentrally: true });
    const json = f.json;
    expect(resourcesOf(json, 'azurerm_eventgrid_system_topic')).toEqual([]);
    expect(resourcesOf(json, 'azurerm_resource_group_template_deployment').filter(([id]) => /KeyVaultExpiry/.test(id))).toEqual([]);
    for (const [, w] of resourcesOf(json, 'azurerm_key_vault_secret')) expect(w.depends_on.join()).not.toMatch(/template_deployment/);
    expect(f.platform.keyVaultExpiry?.eventRoutes).toEqual([]);
    expect(annotationsOf(f.platform, 'warn').join()).toMatch(/\[security opt-out: acknowledgeKeyVaultEventsHandledCentrally\]/);
    const routing = HealthcareCompliance.of(f.stack).report().rules.find((r) => r.id === 'KV-NEAR-EXPIRY-ROUTING')!;
    expect(routing.resources.map((r) => r.status)).toEqual([ComplianceStatus.SUPPRESSED]);
  });

  test('the platform routes its vault\'s near-expiry to the security action group', () => {
    const f = patients();
    const json = synthJson(f.stack);
    const [, alert] = resourcesOf(json, 'azurerm_monitor_scheduled_query_rules_alert_v2').find(([id]) => /KeyVaultExpiry/.test(id))!;
    expect(alert.action.action_groups).toEqual([`\${azurerm_monitor_action_group.${resourcesOf(json, 'azurerm_monitor_action_group')[0][0]}.id}`]);
  });
});
