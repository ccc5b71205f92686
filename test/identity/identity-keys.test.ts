/** Privileged access, rotation, expiry and HSM keys: the constructs on their own, their defaults and every opt-out. */
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import {
  AuthenticationStrength, AZURE_MANAGEMENT_APP_ID, CustomerManagedKey, HealthcareCompliance, HsmKeyType, KeyVaultDeployerAccess, KeyVaultExpiryAlerts,
  MfaConditionalAccessPolicy, OperatorApimRole, OperatorKeyVaultRole, PlatformKeyVault, PlatformKeyVaultProps, PrivilegedAccess,
  PrivilegedAccessProps,
  RotationSchedule,
} from '../../lib';
import { ComplianceStatus } from '../../lib/compliance/report';
import { NEAR_EXPIRY_OPERATIONS } from '../../lib/monitoring/alerts/key-vault';
import { validationErrorOf } from '../fuzz/harness';
import { expectValidKql } from '../monitoring/kql-check';
import { annotationsOf, block, errorsUnder, newStack, onlyResource, resourcesOf, synthJson } from '../util/synth';

const RG = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hc';
const APIM_ID = `${RG}/providers/Microsoft.ApiManagement/service/hc-apim`;
const VAULT_ID = `${RG}/providers/Microsoft.KeyVault/vaults/hc-kv`;
const WORKSPACE_ID = `${RG}/providers/Microsoft.OperationalInsights/workspaces/hc-law`;
const ACTION_GROUP_ID = `${RG}/providers/Microsoft.Insights/actionGroups/hc-security`;
const GROUP_ID = '11111111-1111-1111-1111-111111111111';
const DAY = 86_400;
const BREAK_GLASS = '22222222-2222-2222-2222-222222222222';
const VAULT: PlatformKeyVaultProps = {
  name: 'hc-kv', resourceGroupName: 'rg-hc', location: 'eastus2', tenantId: '00000000-0000-0000-0000-000000000001', deployerObjectId: '00000000-0000-0000-0000-000000000002',
};
const ACCESS: PrivilegedAccessProps = { namePrefix: 'hc', apimId: APIM_ID, keyVaultId: VAULT_ID, workspaceId: WORKSPACE_ID };

function statusOf(stack: TerraformStack, ruleId: string): ComplianceStatus[] {
  return HealthcareCompliance.of(stack).report().rules.filter((r) => r.id === ruleId).flatMap((r) => r.resources.map((x) => x.status));
}

describe('PlatformKeyVault: premium by default', () => {
  test('the vault is the premium SKU, with no warning', () => {
    const stack = newStack();
    const vault = new PlatformKeyVault(stack, 'Vault', VAULT);
    expect(onlyResource(synthJson(stack), 'azurerm_key_vault').sku_name).toBe('premium');
    expect(vault.skuName).toBe('premium');
    expect(annotationsOf(vault, 'warn')).toEqual([]);
    expect(statusOf(stack, 'KV-PREMIUM-HSM')).toEqual([ComplianceStatus.PASS]);
  });

  test('allowStandardSku is a named opt-out: standard SKU, a warning, and KV-PREMIUM-HSM suppressed with it as the reason', () => {
    const stack = newStack();
    const vault = new PlatformKeyVault(stack, 'Vault', { ...VAULT, allowStandardSku: true });
    expect(onlyResource(synthJson(stack), 'azurerm_key_vault').sku_name).toBe('standard');
    expect(annotationsOf(vault, 'warn').join('\n')).toMatch(/\[security opt-out: allowStandardSku\] .*software-protected/);
    expect(statusOf(stack, 'KV-PREMIUM-HSM')).toEqual([ComplianceStatus.SUPPRESSED]);
  });

  test('secretExpirationDate is the vault schedule\'s next rotation plus the overlap, from one time_rotating, the same expression every call', () => {
    const stack = newStack();
    const vault = new PlatformKeyVault(stack, 'Vault', { ...VAULT, secretRotation: { rotationSeconds: 60 * DAY, overlapSeconds: 14 * DAY } });
    const a = vault.secretExpirationDate();
    const b = vault.secretExpirationDate();
    new TerraformVariable(stack, 'expiry', { default: a });
    expect(b).toBe(a);
    const json = synthJson(stack);
    const [[id, rotating]] = resourcesOf(json, 'time_rotating');
    expect(rotating.rotation_days).toBe(60);
    expect(json.variable.expiry.default).toBe(`\${timeadd(time_rotating.${id}.rotation_rfc3339, "336h")}`);
  });

  test.each([
    [{ secretRotation: { rotationSeconds: 0 } }, 'secretRotation.rotationSeconds'],
    [{ secretRotation: { overlapSeconds: 400 * DAY } }, 'secretRotation.overlapSeconds'],
    [{ secretRotation: { rotationSeconds: 60 * DAY + 3600 } }, 'secretRotation.rotationSeconds'],
    [{ allowStandardSku: 'yes' }, 'allowStandardSku'],
  ])('refuses %j naming %s', (over, prop) => {
    const e = validationErrorOf(() => new PlatformKeyVault(newStack(), 'Vault', { ...VAULT, ...over } as unknown as PlatformKeyVaultProps));
    expect(e.prop).toBe(prop);
  });
});

describe('RotationSchedule', () => {
  test('defaults: 90 days, 30 days of overlap (720h), and the time provider is required', () => {
    const stack = newStack();
    const schedule = new RotationSchedule(stack, 'Rotation');
    expect([schedule.rotationSeconds, schedule.overlapSeconds]).toEqual([90 * DAY, 30 * DAY]);
    new TerraformVariable(stack, 'expiry', { default: schedule.expirationDate });
    const json = synthJson(stack);
    expect(onlyResource(json, 'time_rotating').rotation_days).toBe(90);
    expect(json.variable.expiry.default).toMatch(/^\$\{timeadd\(time_rotating\.\w+\.rotation_rfc3339, "720h"\)\}$/);

    const bare = new TerraformStack(Testing.app(), 'bare');
    new RotationSchedule(bare, 'Rotation');
    expect(bare.node.validate().join('\n')).toMatch(/no hashicorp\/time provider/);
  });

  test.each([
    [{ rotationSeconds: 0 }, 'rotationSeconds'], [{ rotationSeconds: 1.5 * DAY }, 'rotationSeconds'], [{ rotationSeconds: 90 * DAY + 0.5 }, 'rotationSeconds'],
    [{ overlapSeconds: 366 * DAY }, 'overlapSeconds'], [{ overlapSeconds: 3600 }, 'overlapSeconds'],
  ])('refuses %j', (props, prop) => {
    expect(validationErrorOf(() => new RotationSchedule(newStack(), 'Rotation', props)).prop).toBe(prop);
  });
});

describe('MfaConditionalAccessPolicy', () => {
  const build = (over: object = {}) => {
    const stack = newStack();
    const policy = new MfaConditionalAccessPolicy(stack, 'Mfa', { displayName: 'Require MFA: operators', includedGroupObjectIds: [GROUP_ID], ...over });
    return { stack, policy, config: onlyResource(synthJson(stack), 'azuread_conditional_access_policy') };
  };

  test('targets the groups\' sign-ins to Azure management from every client app, and grants with MFA only', () => {
    const { config } = build({ excludedGroupObjectIds: [BREAK_GLASS] });
    expect(config.state).toBe('enabled');
    const conditions = block(config.conditions);
    expect(conditions.client_app_types).toEqual(['all']);
    expect(block(conditions.applications).included_applications).toEqual([AZURE_MANAGEMENT_APP_ID]);
    expect(block(conditions.users)).toMatchObject({ included_groups: [GROUP_ID], excluded_groups: [BREAK_GLASS] });
    expect(block(config.grant_controls)).toEqual({ operator: 'OR', built_in_controls: ['mfa'] });
  });

  test('an authentication strength replaces the mfa control', () => {
    const { config } = build({ authenticationStrengthPolicyId: AuthenticationStrength.PHISHING_RESISTANT });
    expect(block(config.grant_controls)).toEqual({ operator: 'OR', authentication_strength_policy_id: '/policies/authenticationStrengthPolicies/00000000-0000-0000-0000-000000000004' });
  });

  test('acknowledgeReportOnly is a named opt-out: the policy reports without enforcing, with a warning', () => {
    const { config, policy } = build({ acknowledgeReportOnly: true });
    expect(config.state).toBe('enabledForReportingButNotEnforced');
    expect(annotationsOf(policy, 'warn').join('\n')).toMatch(/\[security opt-out: acknowledgeReportOnly\]/);
  });

  test.each([
    [{ includedGroupObjectIds: [] }, 'includedGroupObjectIds'],
    [{ includedGroupObjectIds: ['operators'] }, 'includedGroupObjectIds[0]'],
    [{ includedApplicationIds: [] }, 'includedApplicationIds'],
    [{ excludedUserObjectIds: ['x'] }, 'excludedUserObjectIds[0]'],
    [{ excludedGroupObjectIds: [BREAK_GLASS, GROUP_ID] }, 'excludedGroupObjectIds'],
    [{ excludedUserObjectIds: [GROUP_ID] }, 'excludedUserObjectIds'],
    [{ authenticationStrengthPolicyId: '00000000-0000-0000-0000-000000000004' }, 'authenticationStrengthPolicyId'],
    [{ displayName: '' }, 'displayName'],
  ])('refuses %j', (over, prop) => {
    expect(validationErrorOf(() => build(over)).prop).toBe(prop);
  });
});

describe('PrivilegedAccess', () => {
  const build = (over: Partial<PrivilegedAccessProps> = {}) => {
    const stack = newStack();
    const access = new PrivilegedAccess(stack, 'Operators', { ...ACCESS, ...over });
    return { stack, access, json: synthJson(stack) };
  };

  test('default: a created security group holds the control-plane roles, actively, and Conditional Access requires MFA for it', () => {
    const { stack, json, access } = build();
    const [[groupId, group]] = resourcesOf(json, 'azuread_group');
    expect(group).toMatchObject({ security_enabled: true, display_name: 'hc platform operators' });
    const groupRef = `\${azuread_group.${groupId}.object_id}`;
    const assignments = resourcesOf(json, 'azurerm_role_assignment').map(([, c]) => [c.scope, c.role_definition_name, c.principal_id, c.principal_type]);
    expect(assignments).toEqual([
      [APIM_ID, 'API Management Service Operator Role', groupRef, 'Group'],
      [VAULT_ID, 'Key Vault Administrator', groupRef, 'Group'],
      [WORKSPACE_ID, 'Monitoring Contributor', groupRef, 'Group'],
    ]);
    expect(resourcesOf(json, 'azurerm_pim_eligible_role_assignment')).toEqual([]);
    const policy = onlyResource(json, 'azuread_conditional_access_policy');
    expect(block(block(policy.conditions).users).included_groups).toEqual([groupRef]);
    expect(block(block(policy.conditions).applications).included_applications).toEqual([AZURE_MANAGEMENT_APP_ID]);
    expect(block(policy.grant_controls).built_in_controls).toEqual(['mfa']);
    expect(access.conditionalAccessPolicy).toBeDefined();
    expect(statusOf(stack, 'PRIVILEGED-ACCESS-MFA')).toEqual([ComplianceStatus.PASS, ComplianceStatus.PASS, ComplianceStatus.PASS]);
    expect(errorsUnder(stack)).toEqual([]);
  });

  test('typed roles: API Management Service Contributor and a narrower vault role', () => {
    const { json } = build({ apimRole: OperatorApimRole.SERVICE_CONTRIBUTOR, keyVaultRole: OperatorKeyVaultRole.SECRETS_OFFICER });
    expect(resourcesOf(json, 'azurerm_role_assignment').map(([, c]) => c.role_definition_name))
      .toEqual(['API Management Service Contributor', 'Key Vault Secrets Officer', 'Monitoring Contributor']);
  });

  test('an existing group (the Entra stack\'s) creates no azuread_group; the roles and the policy name it', () => {
    const { json } = build({ existingGroupObjectId: GROUP_ID });
    expect(resourcesOf(json, 'azuread_group')).toEqual([]);
    expect(resourcesOf(json, 'azurerm_role_assignment').every(([, c]) => c.principal_id === GROUP_ID)).toBe(true);
    expect(block(block(onlyResource(json, 'azuread_conditional_access_policy').conditions).users).included_groups).toEqual([GROUP_ID]);
  });

  test('pimEligible: eligible assignments with the built-in role definition ids, no active ones', () => {
    const { json, stack } = build({ pimEligible: true, existingGroupObjectId: GROUP_ID });
    expect(resourcesOf(json, 'azurerm_role_assignment')).toEqual([]);
    const eligible = resourcesOf(json, 'azurerm_pim_eligible_role_assignment').map(([, c]) => [c.scope, c.role_definition_id, c.principal_id]);
    const def = (guid: string) => `/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
    expect(eligible).toEqual([
      [APIM_ID, def('e022efe7-f5ba-4159-bbe4-b44f577e9b61'), GROUP_ID],
      [VAULT_ID, def('00482a5a-887f-4fb3-b363-3b7fe8e74483'), GROUP_ID],
      [WORKSPACE_ID, def('749f88d5-cbae-40b8-bcfc-e573ddc772fa'), GROUP_ID],
    ]);
    expect(statusOf(stack, 'PRIVILEGED-ACCESS-MFA')).toEqual([ComplianceStatus.PASS, ComplianceStatus.PASS, ComplianceStatus.PASS]);
  });

  test('conditional access options: API app registrations, break-glass exclusions and an authentication strength', () => {
    const api = '33333333-3333-3333-3333-333333333333';
    const { json } = build({
      conditionalAccess: {
        apiApplicationIds: [api], excludedGroupObjectIds: [BREAK_GLASS], authenticationStrengthPolicyId: AuthenticationStrength.PASSWORDLESS,
      },
    });
    const policy = onlyResource(json, 'azuread_conditional_access_policy');
    expect(block(block(policy.conditions).applications).included_applications).toEqual([AZURE_MANAGEMENT_APP_ID, api]);
    expect(block(block(policy.conditions).users).excluded_groups).toEqual([BREAK_GLASS]);
    expect(block(policy.grant_controls).authentication_strength_policy_id).toBe(AuthenticationStrength.PASSWORDLESS);
  });

  test('acknowledgeNoConditionalAccess: no policy, a warning, and PRIVILEGED-ACCESS-MFA suppressed with it as the reason', () => {
    const { json, access, stack } = build({ acknowledgeNoConditionalAccess: true });
    expect(resourcesOf(json, 'azuread_conditional_access_policy')).toEqual([]);
    expect(annotationsOf(access, 'warn').join('\n')).toMatch(/\[security opt-out: acknowledgeNoConditionalAccess\]/);
    expect(statusOf(stack, 'PRIVILEGED-ACCESS-MFA')).toEqual([ComplianceStatus.SUPPRESSED, ComplianceStatus.SUPPRESSED, ComplianceStatus.SUPPRESSED]);
    const reasons = HealthcareCompliance.of(stack).report().suppressions.filter((s) => s.ruleId === 'PRIVILEGED-ACCESS-MFA').map((s) => s.reason);
    expect(reasons.join()).toMatch(/acknowledgeNoConditionalAccess/);
  });

  test('conditionalAccess.acknowledgeReportOnly: the policy only reports, and the rule is suppressed on the operators, naming the opt-out', () => {
    const { json, stack } = build({ conditionalAccess: { acknowledgeReportOnly: true } });
    expect(onlyResource(json, 'azuread_conditional_access_policy').state).toBe('enabledForReportingButNotEnforced');
    expect(statusOf(stack, 'PRIVILEGED-ACCESS-MFA')).toEqual([ComplianceStatus.SUPPRESSED, ComplianceStatus.SUPPRESSED, ComplianceStatus.SUPPRESSED]);
  });

  test.each([
    [{ existingGroupObjectId: 'ops' }, 'existingGroupObjectId'],
    [{ apimRole: 'Owner' }, 'apimRole'],
    [{ keyVaultRole: 'Key Vault Contributor' }, 'keyVaultRole'],
    [{ pimEligible: 'true' }, 'pimEligible'],
    [{ acknowledgeNoConditionalAccess: true, conditionalAccess: {} }, 'conditionalAccess'],
    [{ conditionalAccess: { apiApplicationIds: ['api'] } }, 'conditionalAccess.apiApplicationIds[0]'],
    [{ conditionalAccess: { acknowledgeReportOnly: 'yes' } }, 'conditionalAccess.acknowledgeReportOnly'],
  ])('refuses %j', (over, prop) => {
    expect(validationErrorOf(() => build(over as Partial<PrivilegedAccessProps>)).prop).toBe(prop);
  });
});

describe('CustomerManagedKey', () => {
  const build = (over: object = {}, vault: Partial<PlatformKeyVaultProps> = { deployerAccess: KeyVaultDeployerAccess.fromIpRanges(['203.0.113.7']) }) => {
    const stack = newStack();
    const keyVault = new PlatformKeyVault(stack, 'Vault', { ...VAULT, ...vault });
    const cmk = new CustomerManagedKey(stack, 'Cmk', { keyVault, name: 'export', resourceGroupName: 'rg-hc', location: 'eastus2', ...over });
    return { stack, cmk, json: synthJson(stack) };
  };

  test('an RSA-HSM 3072 key with automatic rotation and an expiry on every version, fixed at creation', () => {
    const { json, stack } = build();
    const key = onlyResource(json, 'azurerm_key_vault_key');
    expect(key).toMatchObject({ key_type: 'RSA-HSM', key_size: 3072, key_opts: ['wrapKey', 'unwrapKey', 'encrypt', 'decrypt'] });
    expect(block(key.rotation_policy)).toEqual({ automatic: { time_after_creation: 'P180D' }, expire_after: 'P365D', notify_before_expiry: 'P30D' });
    const [[offsetId, offset]] = resourcesOf(json, 'time_offset');
    expect(offset).toEqual({ offset_days: 365 });
    expect(key.expiration_date).toBe(`\${time_offset.${offsetId}.rfc3339}`);
    expect(key.lifecycle.ignore_changes).toEqual(['expiration_date']);
    // The key waits for the deployer's Crypto Officer role; the identity gets Crypto Service Encryption User on the key itself.
    const roles = resourcesOf(json, 'azurerm_role_assignment').map(([, c]) => c.role_definition_name);
    expect(roles).toEqual(expect.arrayContaining(['Key Vault Crypto Officer', 'Key Vault Crypto Service Encryption User']));
    expect(key.depends_on.some((d: string) => d.startsWith('time_sleep.'))).toBe(true);
    const encryption = resourcesOf(json, 'azurerm_role_assignment').find(([, c]) => c.role_definition_name === 'Key Vault Crypto Service Encryption User')![1];
    expect(encryption.scope).toMatch(/^\$\{azurerm_key_vault_key\.\w+\.resource_versionless_id\}$/);
    for (const rule of ['KV-PREMIUM-HSM', 'KV-SECRET-EXPIRY', 'CREDENTIAL-ROTATION']) {
      expect(HealthcareCompliance.of(stack).report().rules.find((r) => r.id === rule)!.resources.some((r) => r.address.startsWith('azurerm_key_vault_key.') && r.status === ComplianceStatus.PASS)).toBe(true);
    }
  });

  test('rotationSeconds and expirySeconds reach the rotation policy and time_offset as whole days', () => {
    const { json } = build({ rotationSeconds: 90 * DAY, expirySeconds: 730 * DAY });
    const key = onlyResource(json, 'azurerm_key_vault_key');
    expect(block(key.rotation_policy)).toMatchObject({ automatic: { time_after_creation: 'P90D' }, expire_after: 'P730D' });
    expect(resourcesOf(json, 'time_offset')[0][1]).toEqual({ offset_days: 730 });
  });

  test('a rotation too close to the expiry names rotationSeconds and the largest valid value in seconds', () => {
    expect(() => build({ rotationSeconds: 340 * DAY })).toThrow(
      /rotationSeconds \(29376000\) leaves less than 28 days before a version expires \(expirySeconds 31536000\)\. Valid: at most 29116800 \(337 days\)\./);
  });

  test('a storage account takes it as its customer-managed key, after the identity can wrap and unwrap', () => {
    const { stack, cmk } = build();
    new StorageAccount(stack, 'Export', {
      name: 'sthcexport',
      resourceGroupName: 'rg-hc',
      location: 'eastus2',
      accountTier: 'Standard',
      accountReplicationType: 'ZRS',
      identity: { type: 'UserAssigned', identityIds: [cmk.identityId] },
      customerManagedKey: { keyVaultKeyId: cmk.keyId, userAssignedIdentityId: cmk.identityId },
      dependsOn: [cmk.ready],
    });
    const json = synthJson(stack);
    const account = onlyResource(json, 'azurerm_storage_account');
    const [[keyId]] = resourcesOf(json, 'azurerm_key_vault_key');
    const [[identityId]] = resourcesOf(json, 'azurerm_user_assigned_identity');
    expect(block(account.customer_managed_key)).toEqual({
      key_vault_key_id: `\${azurerm_key_vault_key.${keyId}.versionless_id}`, user_assigned_identity_id: `\${azurerm_user_assigned_identity.${identityId}.id}`,
    });
    expect(account.depends_on).toEqual([expect.stringMatching(/^time_sleep\.Cmk_EncryptionUserPropagation_/)]);
  });

  test('EC-HSM is refused: an EC key only signs and verifies, so it cannot encrypt at rest; the key is RSA-HSM with wrap and unwrap', () => {
    expect(() => build({ keyType: HsmKeyType.EC_HSM })).toThrow(/keyType is EC-HSM, but an EC key can only sign and verify .*Valid: HsmKeyType\.RSA_HSM/);
    const key = onlyResource(build().json, 'azurerm_key_vault_key');
    expect(key).toMatchObject({ key_type: 'RSA-HSM', key_size: 3072, key_opts: ['wrapKey', 'unwrapKey', 'encrypt', 'decrypt'] });
    expect(key.curve).toBeUndefined();
  });

  test('refuses a standard vault and a vault without a deployer path', () => {
    expect(validationErrorOf(() => build({}, { allowStandardSku: true, deployerAccess: KeyVaultDeployerAccess.fromIpRanges(['203.0.113.7']) })).prop).toBe('keyVault');
    expect(validationErrorOf(() => build({}, {})).prop).toBe('deployerAccess');
  });

  test.each([
    [{ name: 'bad_name' }, 'name'],
    [{ keyType: 'RSA' }, 'keyType'],
    [{ keySize: 1024 }, 'keySize'],
    [{ keyType: HsmKeyType.EC_HSM, curve: 'P-384' }, 'keyType'],
    [{ curve: 'P-256' }, 'curve'],
    [{ expirySeconds: 20 * DAY }, 'expirySeconds'],
    // Key Vault refuses a notice (30 days) later than expiry - 7 days: 36 days is one too few.
    [{ expirySeconds: 36 * DAY, rotationSeconds: 7 * DAY }, 'expirySeconds'],
    [{ expirySeconds: 365 * DAY + 1 }, 'expirySeconds'],
    [{ rotationSeconds: 350 * DAY }, 'rotationSeconds'],
    [{ rotationSeconds: 6 * DAY }, 'rotationSeconds'],
    [{ userAssignedIdentityName: 'a' }, 'userAssignedIdentityName'],
  ])('refuses %j', (over, prop) => {
    expect(validationErrorOf(() => build(over)).prop).toBe(prop);
  });

  test('takes 37 days, the shortest expiry that leaves the 30-day notice 7 days after creation', () => {
    expect(() => build({ expirySeconds: 37 * DAY, rotationSeconds: 7 * DAY })).not.toThrow();
  });
});

describe('KeyVaultExpiryAlerts', () => {
  const BASE = { namePrefix: 'hc', resourceGroupName: 'rg-hc', location: 'eastus2', keyVaultId: VAULT_ID, workspaceId: WORKSPACE_ID, actionGroupId: ACTION_GROUP_ID };
  const build = (over: object = {}) => {
    const stack = newStack();
    const alerts = new KeyVaultExpiryAlerts(stack, 'Expiry', { ...BASE, ...over });
    return { stack, alerts, json: synthJson(stack) };
  };

  test('a log alert on the vault\'s near-expiry and expiry notifications, to the responders\' action group, in valid KQL', () => {
    const { json } = build();
    const alert = onlyResource(json, 'azurerm_monitor_scheduled_query_rules_alert_v2');
    const query: string = block(alert.criteria).query;
    for (const op of NEAR_EXPIRY_OPERATIONS) expect(query).toContain(`"${op}"`);
    expect(query).toMatch(/^AZKVAuditLogs\n/);
    expectValidKql(query);
    expect(block(alert.action).action_groups).toEqual([ACTION_GROUP_ID]);
    expect(alert.scopes).toEqual([WORKSPACE_ID]);
    expect([alert.severity, alert.evaluation_frequency, alert.window_duration]).toEqual([2, 'PT1H', 'PT1H']);
  });

  test('by default, the vault\'s Event Grid system topic and an event subscription (ARM, API 2025-02-15) with the Azure Monitor alert destination to the action group', () => {
    const { json, alerts } = build({ tuning: { severity: 1 } });
    expect(resourcesOf(json, 'azurerm_eventgrid_system_topic_event_subscription')).toEqual([]);
    const [[topicId, topic]] = resourcesOf(json, 'azurerm_eventgrid_system_topic');
    expect(topic).toMatchObject({ source_resource_id: VAULT_ID, topic_type: 'Microsoft.KeyVault.vaults', location: 'eastus2' });
    const deployment = onlyResource(json, 'azurerm_resource_group_template_deployment');
    expect(alerts.actionGroupSubscription).toBeDefined();
    expect(alerts.eventRoutes).toEqual([alerts.actionGroupSubscription]);
    const template = JSON.parse(deployment.template_content);
    const [subscription] = template.resources;
    expect(subscription).toMatchObject({ type: 'Microsoft.EventGrid/systemTopics/eventSubscriptions', apiVersion: '2025-02-15' });
    expect(subscription.properties.destination).toMatchObject({
      endpointType: 'MonitorAlert', properties: { actionGroups: ["[parameters('actionGroupId')]"], severity: "[parameters('severity')]" },
    });
    // The Azure Monitor alert destination takes CloudEvents v1.0 only.
    expect(subscription.properties.eventDeliverySchema).toBe('CloudEventSchemaV1_0');
    expect(subscription.properties.filter.includedEventTypes).toEqual([
      'Microsoft.KeyVault.SecretNearExpiry', 'Microsoft.KeyVault.SecretExpired', 'Microsoft.KeyVault.CertificateNearExpiry', 'Microsoft.KeyVault.CertificateExpired',
      'Microsoft.KeyVault.KeyNearExpiry', 'Microsoft.KeyVault.KeyExpired',
    ]);
    expect(JSON.parse(deployment.parameters_content)).toEqual({
      systemTopicName: { value: `\${azurerm_eventgrid_system_topic.${topicId}.name}` }, actionGroupId: { value: ACTION_GROUP_ID }, severity: { value: 'Sev1' },
    });
  });

  test('eventDelivery adds a subscription per endpoint for the near-expiry events, beside the action group\'s', () => {
    const hub = `${RG}/providers/Microsoft.EventHub/namespaces/siem/eventhubs/kv`;
    const { json, alerts } = build({ eventDelivery: { webhookUrl: 'https://ops.example/rotate', eventHubId: hub } });
    expect(resourcesOf(json, 'azurerm_eventgrid_system_topic')).toHaveLength(1);
    expect(resourcesOf(json, 'azurerm_resource_group_template_deployment')).toHaveLength(1);
    const subs = resourcesOf(json, 'azurerm_eventgrid_system_topic_event_subscription').map(([, c]) => c);
    expect(subs).toHaveLength(2);
    for (const s of subs) expect(s.included_event_types).toEqual(expect.arrayContaining(['Microsoft.KeyVault.SecretNearExpiry', 'Microsoft.KeyVault.CertificateNearExpiry']));
    expect(subs.map((s) => block(s.webhook_endpoint)?.url ?? s.eventhub_endpoint_id).sort()).toEqual([hub, 'https://ops.example/rotate'].sort());
    expect(alerts.eventRoutes).toHaveLength(3);
  });

  test('acknowledgeEventsHandledCentrally: no system topic and no subscription, only the log alert, and a warning', () => {
    const { json, alerts } = build({ acknowledgeEventsHandledCentrally: true });
    expect(resourcesOf(json, 'azurerm_eventgrid_system_topic')).toEqual([]);
    expect(resourcesOf(json, 'azurerm_resource_group_template_deployment')).toEqual([]);
    expect(resourcesOf(json, 'azurerm_monitor_scheduled_query_rules_alert_v2')).toHaveLength(1);
    expect(alerts.eventRoutes).toEqual([]);
    expect(annotationsOf(alerts, 'warn').join('\n')).toMatch(/\[security opt-out: acknowledgeEventsHandledCentrally\] no Event Grid system topic/);
  });

  test('KV-NEAR-EXPIRY-ROUTING passes with the default route, even without the vault\'s logs in the workspace', () => {
    const stack = newStack();
    const vault = new PlatformKeyVault(stack, 'Vault', VAULT);
    new KeyVaultExpiryAlerts(stack, 'Expiry', { ...BASE, keyVaultId: vault.vaultId });
    expect(statusOf(stack, 'KV-NEAR-EXPIRY-ROUTING')).toEqual([ComplianceStatus.PASS]);
  });

  test('KV-NEAR-EXPIRY-ROUTING fails with the log alert alone (events handled centrally, outside the stack), even on the workspace the vault logs to', () => {
    const stack = newStack();
    const vault = new PlatformKeyVault(stack, 'Vault', VAULT);
    new KeyVaultExpiryAlerts(stack, 'Expiry', { ...BASE, keyVaultId: vault.vaultId, acknowledgeEventsHandledCentrally: true });
    new MonitorDiagnosticSetting(stack, 'VaultLogs', {
      name: 'kv', targetResourceId: vault.vaultId, logAnalyticsWorkspaceId: WORKSPACE_ID, logAnalyticsDestinationType: 'Dedicated', enabledLog: [{ categoryGroup: 'allLogs' }],
    });
    expect(statusOf(stack, 'KV-NEAR-EXPIRY-ROUTING')).toEqual([ComplianceStatus.FAIL]);
    const finding = HealthcareCompliance.of(stack).report().rules.find((r) => r.id === 'KV-NEAR-EXPIRY-ROUTING')!.resources[0];
    expect(JSON.stringify(finding)).toMatch(/has a log alert on its near-expiry notifications .* but no Event Grid subscription/);
  });

  test.each([
    [{ namePrefix: 'bad prefix' }, 'namePrefix'],
    [{ keyVaultId: WORKSPACE_ID }, 'keyVaultId'],
    [{ eventDelivery: {} }, 'eventDelivery'],
    [{ eventDelivery: { actionGroupAlerts: false } }, 'eventDelivery.actionGroupAlerts'],
    [{ eventDelivery: { webhookUrl: 'https://ops.example' }, acknowledgeEventsHandledCentrally: true }, 'eventDelivery'],
    [{ acknowledgeEventsHandledCentrally: 'yes' }, 'acknowledgeEventsHandledCentrally'],
    [{ eventDelivery: { webhookUrl: 'http://ops.example' } }, 'eventDelivery.webhookUrl'],
    [{ eventDelivery: { eventHubId: WORKSPACE_ID } }, 'eventDelivery.eventHubId'],
    [{ eventDelivery: { actionGroupAlerts: 'yes' } }, 'eventDelivery.actionGroupAlerts'],
    [{ tuning: { severity: 9 } }, 'tuning.severity'],
    [{ tuning: { acknowledgeDisabled: true } }, 'tuning.acknowledgeDisabled'],
  ])('refuses %j', (over, prop) => {
    expect(validationErrorOf(() => build(over)).prop).toBe(prop);
  });
});
