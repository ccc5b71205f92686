import { createHash } from 'crypto';
import { ServicePrincipal } from '@cdktf/provider-azuread/lib/service-principal';
import { TerraformVariable, Testing } from 'cdktf';
import { ApimSku, ConsumerGroup, ConsumerGroupProps, DEFAULT_PRODUCT_TERMS, ProtectedApi, Quota, RateLimit, SecureHealthcareApim } from '../../lib';
import { PATIENTS, patients, PLATFORM_PROPS } from '../api/fixtures';
import { annotationsOf, newStack, onlyResource, resourcesOf, synthJson } from '../util/synth';
import { parseXml } from '../util/xml';

const CLINICIANS = { name: 'clinicians', roles: ['Patient.Read', 'Patient.Write'] };
const BILLING = { name: 'billing', roles: ['Patient.Read'] };
const GUID_A = '11111111-2222-3333-4444-555555555555';
const GUID_B = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

/** The public contract's stack: platform, patients API, clinicians and billing groups. */
function contract() {
  const f = patients();
  const clinicians = new ConsumerGroup(f.stack, 'Clinicians', { platform: f.platform, apis: [f.api], ...CLINICIANS });
  const billing = new ConsumerGroup(f.stack, 'Billing', { platform: f.platform, apis: [f.api], ...BILLING });
  return { ...f, clinicians, billing };
}

function group(props: Partial<ConsumerGroupProps> = {}) {
  const f = patients();
  const g = new ConsumerGroup(f.stack, 'Clinicians', { platform: f.platform, apis: [f.api], ...CLINICIANS, ...props });
  return { ...f, group: g };
}

function errorOf(props: Partial<ConsumerGroupProps>): string {
  try {
    group(props);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the construct to throw');
}

function owned(json: any, type: string, prefix: string): Array<[string, any]> {
  return resourcesOf(json, type).filter(([id]) => id.startsWith(prefix));
}

describe('ConsumerGroup: the public contract', () => {
  const { stack, api, clinicians, billing } = contract();
  const json = synthJson(stack);

  test('snapshot of a clinicians (read/write) and a billing (read-only) group over the patients API', () => {
    const mine: Record<string, unknown> = {};
    for (const [type, items] of Object.entries(json.resource as Record<string, Record<string, unknown>>)) {
      for (const [id, config] of Object.entries(items)) {
        if (id.startsWith('Clinicians_') || id.startsWith('Billing_') || id.startsWith('Patients_Product-')) mine[`${type}.${id}`] = config;
      }
    }
    expect(mine).toMatchSnapshot();
  });

  test('each group links an APIM external group to a created Entra ID security group', () => {
    for (const prefix of ['Clinicians_', 'Billing_']) {
      const [[entraId, entra]] = owned(json, 'azuread_group', prefix);
      expect(entra).toMatchObject({ security_enabled: true, mail_enabled: false, prevent_duplicate_names: true });
      expect(entra.display_name).toBe(`contoso-health-apim-${prefix === 'Clinicians_' ? 'clinicians' : 'billing'}`);
      const [[, apimGroup]] = owned(json, 'azurerm_api_management_group', prefix);
      expect(apimGroup.type).toBe('external');
      expect(apimGroup.external_id).toMatch(new RegExp(`^aad://\\$\\{data\\.azurerm_client_config\\.Platform_Client_[0-9A-F]+\\.tenant_id\\}/groups/\\$\\{azuread_group\\.${entraId}\\.object_id\\}$`));
    }
    expect(clinicians.entraGroup).toBeDefined();
    expect(clinicians.groupName).toBe('clinicians');
  });

  test('the product requires a subscription and approval, allows one subscription, is published and has terms', () => {
    const [[productId, product]] = owned(json, 'azurerm_api_management_product', 'Clinicians_');
    expect(product).toMatchObject({
      product_id: 'clinicians', subscription_required: true, approval_required: true, subscriptions_limit: 1, published: true, terms: DEFAULT_PRODUCT_TERMS,
    });
    const [[, link]] = owned(json, 'azurerm_api_management_product_group', 'Clinicians_');
    expect(link.product_id).toBe(`\${azurerm_api_management_product.${productId}.product_id}`);
    expect(link.group_name).toMatch(/^\$\{azurerm_api_management_group\.Clinicians_Group_[0-9A-F]+\.name\}$/);
  });

  test('the patients API is in both products', () => {
    const links = resourcesOf(json, 'azurerm_api_management_product_api').map(([, r]) => r);
    expect(links).toHaveLength(2);
    for (const link of links) expect(link.api_name).toBe(`\${azurerm_api_management_api.${resourcesOf(json, 'azurerm_api_management_api')[0][0]}.name}`);
    expect(links.map((l) => l.product_id).sort()).toEqual([
      expect.stringMatching(/^\$\{azurerm_api_management_product\.Billing_Product_[0-9A-F]+\.product_id\}$/),
      expect.stringMatching(/^\$\{azurerm_api_management_product\.Clinicians_Product_[0-9A-F]+\.product_id\}$/),
    ]);
  });

  test('the product policy keeps <base /> and caps each subscription with a rate and quota tier', () => {
    const [[, policy]] = owned(json, 'azurerm_api_management_product_policy', 'Clinicians_');
    const doc = parseXml(policy.xml_content);
    const inbound = doc.getElementsByTagName('inbound')[0];
    const children = Array.from(inbound.childNodes as unknown as ArrayLike<Node>).filter((n): n is Element => n.nodeType === 1);
    expect(children.map((c) => c.tagName)).toEqual(['base', 'rate-limit-by-key', 'quota-by-key']);
    expect(children[1].getAttribute('calls')).toBe('300');
    expect(children[1].getAttribute('renewal-period')).toBe('60');
    expect(children[1].getAttribute('counter-key')).toBe('@("clinicians:rate:" + context.Subscription.Id)');
    expect(children[2].getAttribute('calls')).toBe('100000');
    expect(children[2].getAttribute('renewal-period')).toBe('86400');
    for (const s of ['backend', 'outbound', 'on-error']) expect(doc.getElementsByTagName(s)[0].getElementsByTagName('base')).toHaveLength(1);
  });

  test('role assignments match the roles the operations require, and go to the group', () => {
    const required = new Set(PATIENTS.operations!.flatMap((o) => o.requiredRoles));
    const assignments = resourcesOf(json, 'azuread_app_role_assignment');
    const byGroup = (prefix: string) => assignments.filter(([id]) => id.startsWith(prefix)).map(([, a]) => a);
    const appRoles = new Map<string, string>();
    const [[, app]] = resourcesOf(json, 'azuread_application');
    for (const r of app.app_role) appRoles.set(r.id, r.value);
    for (const [prefix, roles] of [['Clinicians_', CLINICIANS.roles], ['Billing_', BILLING.roles]] as const) {
      const mine = byGroup(prefix);
      expect(mine.map((a) => appRoles.get(a.app_role_id)).sort()).toEqual([...roles].sort());
      for (const a of mine) {
        expect(required.has(appRoles.get(a.app_role_id)!)).toBe(true);
        expect(a.principal_object_id).toMatch(new RegExp(`^\\$\\{azuread_group\\.${prefix}EntraGroup_[0-9A-F]+\\.object_id\\}$`));
        expect(a.resource_object_id).toMatch(/^\$\{azuread_service_principal\.Patients_ServicePrincipal_[0-9A-F]+\.object_id\}$/);
      }
    }
    expect(clinicians.roleAssignments).toHaveLength(2);
    expect(billing.roleAssignments).toHaveLength(1);
    expect(api.roles).toContain('Patient.Admin');
    expect(assignments.map(([, a]) => appRoles.get(a.app_role_id))).not.toContain('Patient.Admin');
  });

  test('no warnings and no subscriptions with the defaults (developers request them, an administrator approves)', () => {
    expect(annotationsOf(clinicians, 'warn')).toEqual([]);
    expect(annotationsOf(billing, 'warn')).toEqual([]);
    expect(resourcesOf(json, 'azurerm_api_management_subscription')).toEqual([]);
    expect(clinicians.subscriptions).toEqual([]);
  });
});

describe('ConsumerGroup: subscriptions', () => {
  const users = [{ email: 'Dana.Lee@contoso-health.example', firstName: 'Dana', lastName: 'Lee' }];

  test('are scoped to the product, never to all APIs, active and without tracing', () => {
    const { stack } = group({ users, subscriptionsLimit: 2, subscriptions: [{ name: 'ward-app', ownerEmail: 'dana.lee@contoso-health.example' }, { name: 'ward-daemon', displayName: 'Ward daemon' }] });
    const json = synthJson(stack);
    const subs = resourcesOf(json, 'azurerm_api_management_subscription').map(([, s]) => s);
    expect(subs).toHaveLength(2);
    for (const s of subs) {
      expect(s.product_id).toMatch(/^\$\{azurerm_api_management_product\.Clinicians_Product_[0-9A-F]+\.id\}$/);
      expect(s.api_id).toBeUndefined();
      expect(s.allow_tracing).toBe(false);
      expect(s.state).toBe('active');
    }
    expect(subs[0].user_id).toMatch(/^\$\{azurerm_api_management_user\.Clinicians_User-dana-lee-contoso-health-example_[0-9A-F]+\.id\}$/);
    expect(subs[1].user_id).toBeUndefined();
    expect(subs[1].display_name).toBe('Ward daemon');
  });

  test('keys appear in no plain output; the key output is sensitive', () => {
    const { stack, group: g } = group({ subscriptions: [{ name: 'ward-app' }] });
    const out = g.subscriptionKeyOutput('ward-app');
    expect(out.sensitive).toBe(true);
    const json = synthJson(stack);
    const outputs = Object.values(json.output ?? {}) as any[];
    expect(outputs).toHaveLength(1);
    for (const o of outputs) {
      if (/primary_key|secondary_key/.test(JSON.stringify(o.value))) expect(o.sensitive).toBe(true);
    }
    expect(() => g.subscriptionKeyOutput('nope')).toThrow(/Clinicians: subscriptionName 'nope' is not a subscription of this group\. Valid: ward-app\./);
  });

  test('keys can be stored as Key Vault secrets in the platform vault, after the deployer can write secrets', () => {
    const { stack } = group({ subscriptions: [{ name: 'ward-app' }], storeSubscriptionKeysInKeyVault: true });
    const json = synthJson(stack);
    const secrets = owned(json, 'azurerm_key_vault_secret', 'Clinicians_').map(([, s]) => s);
    expect(secrets.map((s) => s.name)).toEqual(['apim-clinicians-ward-app-primary', 'apim-clinicians-ward-app-secondary']);
    for (const s of secrets) {
      expect(s.key_vault_id).toMatch(/^\$\{azurerm_key_vault\.Platform_KeyVault_[0-9A-F]+\.id\}$/);
      expect(s.value).toMatch(/^\$\{azurerm_api_management_subscription\.Clinicians_Subscription-ward-app_[0-9A-F]+\.(primary|secondary)_key\}$/);
      expect(s.depends_on.join(' ')).toMatch(/DeployerSecretsOfficer/);
    }
  });

  test('without the option no secret is written', () => {
    const json = synthJson(group({ subscriptions: [{ name: 'ward-app' }] }).stack);
    expect(owned(json, 'azurerm_key_vault_secret', 'Clinicians_')).toEqual([]);
  });
});

describe('ConsumerGroup: members, users and client applications', () => {
  test('an existing Entra ID group is linked, not created, and members are added', () => {
    const { stack, group: g } = group({ existingGroupObjectId: GUID_A, memberObjectIds: [GUID_B] });
    const json = synthJson(stack);
    // The only azuread_group is the platform's operators group.
    expect(resourcesOf(json, 'azuread_group').map(([id]) => id)).toEqual(['Platform_PrivilegedAccess_Group_BD719EDB']);
    expect(g.entraGroupObjectId).toBe(GUID_A);
    expect(onlyResource(json, 'azurerm_api_management_group').external_id).toMatch(new RegExp(`/groups/${GUID_A}$`));
    expect(onlyResource(json, 'azuread_group_member')).toEqual({ group_object_id: GUID_A, member_object_id: GUID_B });
    for (const [, a] of resourcesOf(json, 'azuread_app_role_assignment')) expect(a.principal_object_id).toBe(GUID_A);
  });

  /** The azuread_group_member resources and moved blocks of a group whose members are given. */
  function membersOf(memberObjectIds: (stack: any) => string[]) {
    const f = patients();
    const ids = memberObjectIds(f.stack);
    new ConsumerGroup(f.stack, 'Clinicians', { platform: f.platform, apis: [f.api], ...CLINICIANS, memberObjectIds: ids });
    const json = JSON.parse(Testing.synth(f.stack, true));
    return { members: resourcesOf(json, 'azuread_group_member'), moved: (json.moved ?? []) as Array<{ from: string; to: string }> };
  }
  const variable = (stack: any, name: string) => new TerraformVariable(stack, name, { type: 'string' }).stringValue;

  test('members given as expressions share one for_each resource keyed by the expression, not by list position', () => {
    const { members } = membersOf((stack) => {
      const daemon = new ServicePrincipal(stack, 'Daemon', { clientId: '00000000-0000-0000-0000-000000000009' });
      return [variable(stack, 'alice'), GUID_B, daemon.objectId, `${variable(stack, 'prefix')}-suffix`];
    });
    expect(members.map(([id]) => id).sort()).toEqual([expect.stringMatching(/^Clinicians_Member-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee_[0-9A-F]{8}$/), expect.stringMatching(/^Clinicians_Members_[0-9A-F]{8}$/)]);
    const [, keyed] = members.find(([id]) => id.startsWith('Clinicians_Members_'))!;
    expect(keyed.member_object_id).toBe('${each.value}');
    expect(keyed.group_object_id).toMatch(/^\$\{azuread_group\.Clinicians_EntraGroup_[0-9A-F]+\.object_id\}$/);
    // Literal keys, so Terraform knows them at plan even for a principal created in the same apply.
    expect(keyed.for_each).toEqual({
      'var.alice': '${var.alice}',
      'azuread_service_principal.Daemon.object_id': '${azuread_service_principal.Daemon.object_id}',
      // Any other expression: a hash of its Terraform text.
      [`expression-${createHash('sha256').update('${var.prefix}-suffix').digest('hex').slice(0, 16)}`]: '${var.prefix}-suffix',
    });
    expect(Object.keys(keyed.for_each).every((k) => !k.includes('${'))).toBe(true);
  });

  test('adding a member in front of the others moves none of them: each keeps its address', () => {
    const before = membersOf((stack) => [variable(stack, 'alice'), GUID_B, variable(stack, 'bob')]);
    const after = membersOf((stack) => [variable(stack, 'carol'), GUID_A, variable(stack, 'alice'), GUID_B, variable(stack, 'bob')]);
    /** Terraform address → the member object id it manages. */
    const addresses = (m: typeof before) => Object.fromEntries(m.members.flatMap(([id, r]): Array<[string, string]> => (r.for_each
      ? Object.entries(r.for_each as Record<string, string>).map(([k, v]) => [`${id}["${k}"]`, v])
      : [[id, r.member_object_id]])));
    const kept = addresses(before);
    expect(Object.values(kept).sort()).toEqual(['${var.alice}', '${var.bob}', GUID_B].sort());
    expect(addresses(after)).toMatchObject(kept);
    expect(Object.keys(addresses(after))).toHaveLength(5);
  });

  test('the list-position addresses of earlier versions move to the stable keys, so existing memberships stay', () => {
    const { members, moved } = membersOf((stack) => [variable(stack, 'alice'), GUID_B, variable(stack, 'bob')]);
    const keyedId = members.find(([id]) => id.startsWith('Clinicians_Members_'))![0];
    // The addresses the previous version gave alice and bob by list position (read from its synth).
    expect(moved).toEqual([
      { from: 'azuread_group_member.Clinicians_Member0_6D4C1407', to: `azuread_group_member.${keyedId}["var.alice"]` },
      { from: 'azuread_group_member.Clinicians_Member2_32631CAC', to: `azuread_group_member.${keyedId}["var.bob"]` },
    ]);
    expect(members.map(([id]) => id).filter((id) => /_Member\d+_/.test(id))).toEqual([]);
  });

  test('literal members only: one resource each, no for_each resource and no moved block', () => {
    const { members, moved } = membersOf(() => [GUID_A, GUID_B]);
    expect(members.map(([, r]) => r.member_object_id).sort()).toEqual([GUID_A, GUID_B]);
    expect(members.every(([, r]) => r.for_each === undefined)).toBe(true);
    expect(moved).toEqual([]);
  });

  test('APIM users are created without a password and added to the APIM group', () => {
    const json = synthJson(group({ users: [{ email: 'dana.lee@contoso-health.example', firstName: 'Dana', lastName: 'Lee' }] }).stack);
    const user = onlyResource(json, 'azurerm_api_management_user');
    expect(user).toMatchObject({ user_id: 'dana-lee-contoso-health-example', email: 'dana.lee@contoso-health.example', first_name: 'Dana', last_name: 'Lee', state: 'active' });
    expect(user.password).toBeUndefined();
    const link = onlyResource(json, 'azurerm_api_management_group_user');
    expect(link.user_id).toMatch(/\.user_id\}$/);
    expect(link.group_name).toMatch(/^\$\{azurerm_api_management_group\.Clinicians_Group_[0-9A-F]+\.name\}$/);
  });

  test('a daemon client app is registered without a secret and granted a subset of roles', () => {
    const { stack, group: g } = group({
      clientApplications: [{
        name: 'Ward Sync',
        roles: ['Patient.Read'],
        federatedCredentials: [{ name: 'github-prod', issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:contoso/ward-sync:environment:prod' }],
      }],
    });
    const json = synthJson(stack);
    const apps = resourcesOf(json, 'azuread_application').filter(([id]) => id.startsWith('Clinicians_'));
    expect(apps).toHaveLength(1);
    const app = apps[0][1];
    expect(app.display_name).toBe('Ward Sync');
    expect(app.password).toBeUndefined();
    expect(owned(json, 'azuread_application_password', 'Clinicians_')).toEqual([]);
    expect(app.required_resource_access[0].resource_access).toEqual([{ id: expect.stringMatching(/^[0-9a-f-]{36}$/), type: 'Role' }]);
    const cred = onlyResource(json, 'azuread_application_federated_identity_credential');
    expect(cred).toMatchObject({ issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:contoso/ward-sync:environment:prod', audiences: ['api://AzureADTokenExchange'] });
    const grants = resourcesOf(json, 'azuread_app_role_assignment').filter(([id]) => id.startsWith('Clinicians_ClientApp'));
    expect(grants).toHaveLength(1);
    expect(grants[0][1].principal_object_id).toMatch(/^\$\{azuread_service_principal\.Clinicians_ClientApp-WardSync_ServicePrincipal_[0-9A-F]+\.object_id\}$/);
    expect(g.clientApplications[0].roles).toEqual(['Patient.Read']);
  });

  test('an existing principal (e.g. a managed identity) is granted without registering an app', () => {
    const json = synthJson(group({ clientApplications: [{ name: 'claims-mi', principalObjectId: GUID_B }] }).stack);
    expect(resourcesOf(json, 'azuread_application').filter(([id]) => id.startsWith('Clinicians_'))).toEqual([]);
    const grants = resourcesOf(json, 'azuread_app_role_assignment').filter(([id]) => id.startsWith('Clinicians_ClientApp'));
    expect(grants.map(([, a]) => a.principal_object_id)).toEqual([GUID_B, GUID_B]);
  });
});

describe('ConsumerGroup: tunables and opt-outs', () => {
  test('allowSubscriptionsWithoutApproval is a named opt-out with a warning', () => {
    const { stack, group: g } = group({ allowSubscriptionsWithoutApproval: true });
    expect(onlyResource(synthJson(stack), 'azurerm_api_management_product').approval_required).toBe(false);
    expect(annotationsOf(g, 'warn')).toEqual([expect.stringMatching(/^\[security opt-out: allowSubscriptionsWithoutApproval\] Subscriptions to the 'clinicians' product are activated without an administrator's approval\.$/)]);
  });

  test('the deprecated approvalRequired: false still works, warns under both names, and cannot contradict the new prop', () => {
    const { stack, group: g } = group({ approvalRequired: false });
    expect(onlyResource(synthJson(stack), 'azurerm_api_management_product').approval_required).toBe(false);
    expect(annotationsOf(g, 'warn')).toEqual([expect.stringMatching(/^\[security opt-out: approvalRequired \(deprecated: allowSubscriptionsWithoutApproval\)\]/)]);
    expect(() => group({ approvalRequired: true, allowSubscriptionsWithoutApproval: true })).toThrow(/approvalRequired is true while allowSubscriptionsWithoutApproval is true/);
    expect(onlyResource(synthJson(group({ approvalRequired: true }).stack), 'azurerm_api_management_product').approval_required).toBe(true);
  });

  test('rate, quota, limit, terms and names are tunable', () => {
    const { stack } = group({
      rateLimit: RateLimit.per(50, 10),
      quota: Quota.perHour(1000),
      subscriptionsLimit: 5,
      terms: 'Internal use only.',
      displayName: 'Clinicians & nurses',
      description: 'Ward staff',
    });
    const json = synthJson(stack);
    expect(onlyResource(json, 'azurerm_api_management_product')).toMatchObject({ subscriptions_limit: 5, terms: 'Internal use only.', display_name: 'Clinicians & nurses', description: 'Ward staff' });
    const doc = parseXml(onlyResource(json, 'azurerm_api_management_product_policy').xml_content);
    expect(doc.getElementsByTagName('rate-limit-by-key')[0].getAttribute('calls')).toBe('50');
    expect(doc.getElementsByTagName('quota-by-key')[0].getAttribute('renewal-period')).toBe('3600');
  });

  test('a group over two APIs grants each role only where it is declared', () => {
    const f = patients();
    const claims = new ProtectedApi(f.stack, 'Claims', {
      platform: f.platform,
      name: 'claims',
      path: 'claims',
      version: 'v1',
      backendUrl: 'https://claims.contoso-health.example',
      operations: [{ method: 'GET', urlTemplate: '/claims/{id}', requiredRoles: ['Claims.Read'] }],
    });
    const g = new ConsumerGroup(f.stack, 'Billing', { platform: f.platform, name: 'billing', apis: [f.api, claims], roles: ['Patient.Read', 'Claims.Read'] });
    expect(g.roleAssignments).toHaveLength(2);
    const json = synthJson(f.stack);
    const ids = resourcesOf(json, 'azuread_app_role_assignment').map(([id]) => id).sort().reverse();
    expect(ids).toEqual([
      expect.stringMatching(/^Billing_RoleAssignment-patients-v1-PatientRead_/),
      expect.stringMatching(/^Billing_RoleAssignment-claims-v1-ClaimsRead_/),
    ]);
    expect(resourcesOf(json, 'azurerm_api_management_product_api')).toHaveLength(2);
  });

  test('on the Consumption tier the tiers cannot be enforced and a warning says so', () => {
    const stack = newStack();
    const platform = new SecureHealthcareApim(stack, 'Platform', { ...PLATFORM_PROPS, sku: ApimSku.consumption(), acknowledgeNoNetworkIsolation: true });
    const api = new ProtectedApi(stack, 'Patients', { platform, ...PATIENTS });
    const g = new ConsumerGroup(stack, 'Clinicians', { platform, apis: [api], ...CLINICIANS });
    expect(annotationsOf(g, 'warn').join('\n')).toMatch(/rate and quota tiers are not enforced/);
    expect(parseXml(onlyResource(synthJson(stack), 'azurerm_api_management_product_policy').xml_content).getElementsByTagName('rate-limit-by-key')).toHaveLength(0);
  });
});

describe('ConsumerGroup: validation', () => {
  test.each<[string, Partial<ConsumerGroupProps>, RegExp]>([
    ['a bad name', { name: 'Clinicians!' }, /Clinicians: name 'Clinicians!' is not a group name\. Valid: a lowercase letter/],
    ['no APIs', { apis: [] }, /Clinicians: apis is empty\. Valid: at least one ProtectedApi/],
    ['no roles', { roles: [] }, /Clinicians: roles is empty\. Valid: at least one of the roles the APIs declare: Patient\.Admin, Patient\.Read, Patient\.Write\./],
    ['an unknown role', { roles: ['Patient.Read', 'Patient.Delete'] }, /Clinicians: roles\[1\] 'Patient\.Delete' is not declared by any of the group's APIs\. Valid: Patient\.Admin, Patient\.Read, Patient\.Write\./],
    ['a repeated role', { roles: ['Patient.Read', 'Patient.Read'] }, /roles\[1\] repeats 'Patient\.Read'\. Valid: each role once\./],
    ['a role with a space', { roles: ['Patient Read'] }, /roles\[0\] 'Patient Read' has a character Entra ID does not allow/],
    ['a subscriptions limit of 0', { subscriptionsLimit: 0 }, /subscriptionsLimit is 0\. Valid: a whole number from 1 to 100\./],
    ['a fractional limit', { subscriptionsLimit: 1.5 }, /subscriptionsLimit is 1\.5\. Valid: a whole number from 1 to 100\./],
    ['a rate limit that is no RateLimit', { rateLimit: { calls: 10, renewalPeriodSeconds: 60 } as any }, /Clinicians: rateLimit is an object\. Valid: a RateLimit such as RateLimit\.perMinute\(300\)/],
    ['a quota that is no Quota', { quota: RateLimit.perMinute(10) as any }, /Clinicians: quota is a RateLimit\. Valid: a Quota such as Quota\.perDay\(100000\)/],
    ['a bad e-mail', { users: [{ email: 'dana at contoso', firstName: 'Dana', lastName: 'Lee' }] }, /users\[0\]\.email 'dana at contoso' is not an e-mail address\. Valid: an address like name@example\.org\./],
    ['an empty first name', { users: [{ email: 'dana@contoso.example', firstName: ' ', lastName: 'Lee' }] }, /users\[0\]\.firstName is empty/],
    ['a repeated user', { users: [{ email: 'dana@contoso.example', firstName: 'D', lastName: 'L' }, { email: 'DANA@contoso.example', firstName: 'D', lastName: 'L' }] }, /users\[1\]\.email 'DANA@contoso\.example' gives the same APIM user id as users\[0\]/],
    ['a bad group object id', { existingGroupObjectId: 'clinicians' }, /existingGroupObjectId 'clinicians' is not an object id\. Valid: a GUID/],
    ['a bad member id', { memberObjectIds: ['x'] }, /memberObjectIds\[0\] 'x' is not an object id/],
    ['a repeated member', { memberObjectIds: [GUID_A, GUID_A.toUpperCase()] }, /memberObjectIds\[1\] repeats/],
    ['a bad subscription name', { subscriptions: [{ name: 'Ward App' }] }, /subscriptions\[0\]\.name 'Ward App' is not a subscription name/],
    ['a repeated subscription', { subscriptionsLimit: 3, subscriptions: [{ name: 'a' }, { name: 'a' }] }, /subscriptions\[1\]\.name repeats 'a'/],
    ['subscriptions above the limit', { subscriptions: [{ name: 'a' }, { name: 'b' }] }, /subscriptions\[1\] is subscription 2 of the administrator, above subscriptionsLimit 1\. Valid: at most 1 per owner, or a higher subscriptionsLimit\./],
    ['an owner who is not a user', { subscriptions: [{ name: 'a', ownerEmail: 'x@contoso.example' }] }, /subscriptions\[0\]\.ownerEmail 'x@contoso\.example' is not one of the group's users/],
    ['a client role outside the group', { clientApplications: [{ name: 'sync', roles: ['Patient.Admin'] }] }, /clientApplications\[0\]\.roles\[0\] 'Patient\.Admin' is not declared by any of the group's APIs\. Valid: Patient\.Read, Patient\.Write\./],
    ['a repeated client', { clientApplications: [{ name: 'sync' }, { name: 'sync' }] }, /clientApplications\[1\]\.name repeats 'sync'/],
    ['a client with both an identity and credentials', { clientApplications: [{ name: 'sync', principalObjectId: GUID_A, federatedCredentials: [] }] }, /clientApplications\[0\]\.federatedCredentials is set with principalObjectId/],
    ['a federated issuer over http', { clientApplications: [{ name: 'sync', federatedCredentials: [{ name: 'gh', issuer: 'http://issuer.example', subject: 's' }] }] }, /federatedCredentials\[0\]\.issuer 'http:\/\/issuer\.example' uses http:\/\//],
    ['a secret name too long', { name: 'c'.repeat(60), storeSubscriptionKeysInKeyVault: true, subscriptions: [{ name: 's'.repeat(60) }] }, /subscriptions\[0\]\.name makes the Key Vault secret name .* characters long/],
  ])('refuses %s', (_, props, message) => {
    expect(errorOf(props)).toMatch(message);
  });

  test('refuses the same API twice', () => {
    const f = patients();
    expect(() => new ConsumerGroup(f.stack, 'Clinicians', { platform: f.platform, apis: [f.api, f.api], ...CLINICIANS }))
      .toThrow(/Clinicians: apis\[1\] repeats patients-v1 \(apis\[0\]\)\. Valid: each API once\./);
  });

  test('refuses an API of another platform', () => {
    const f = patients();
    const other = new SecureHealthcareApim(f.stack, 'Other', { ...PLATFORM_PROPS, name: 'other-health-apim' });
    expect(() => new ConsumerGroup(f.stack, 'Clinicians', { platform: other, apis: [f.api], ...CLINICIANS }))
      .toThrow(/Clinicians: apis\[0\] \(test\/Patients\) is published on another platform\. Valid: ProtectedApis of test\/Other\./);
  });

  test('refuses two groups with one name, or one Entra ID group linked twice, on a platform', () => {
    const f = patients();
    new ConsumerGroup(f.stack, 'Clinicians', { platform: f.platform, apis: [f.api], ...CLINICIANS, existingGroupObjectId: GUID_A });
    expect(() => new ConsumerGroup(f.stack, 'Clinicians2', { platform: f.platform, apis: [f.api], ...CLINICIANS }))
      .toThrow(/Clinicians2: name 'clinicians' is already the name of consumer group test\/Clinicians on this platform/);
    expect(() => new ConsumerGroup(f.stack, 'Nurses', { platform: f.platform, apis: [f.api], ...CLINICIANS, name: 'nurses', existingGroupObjectId: GUID_A }))
      .toThrow(/Nurses: existingGroupObjectId '11111111-2222-3333-4444-555555555555' is already linked by consumer group test\/Clinicians/);
  });

  test('accepts the same name on two platforms', () => {
    const f = patients();
    const other = new SecureHealthcareApim(f.stack, 'Other', { ...PLATFORM_PROPS, name: 'other-health-apim' });
    const api2 = new ProtectedApi(f.stack, 'Patients2', { platform: other, ...PATIENTS });
    new ConsumerGroup(f.stack, 'Clinicians', { platform: f.platform, apis: [f.api], ...CLINICIANS });
    expect(() => new ConsumerGroup(f.stack, 'Clinicians2', { platform: other, apis: [api2], ...CLINICIANS })).not.toThrow();
  });

  test('user text cannot inject Terraform templates', () => {
    const json = synthJson(group({
      displayName: 'Clinicians ${var.x}',
      terms: 'See %{if true}x%{endif}',
      users: [{ email: 'a${var.x}@contoso.example', firstName: '${var.f}', lastName: 'L' }],
      clientApplications: [{ name: 'sync', federatedCredentials: [{ name: 'gh', issuer: 'https://issuer.example/${var.i}', subject: 'repo:${var.s}', audiences: ['${var.a}'] }] }],
    }).stack);
    const product = onlyResource(json, 'azurerm_api_management_product');
    expect(product.display_name).toBe('Clinicians $${var.x}');
    expect(product.terms).toBe('See %%{if true}x%%{endif}');
    expect(onlyResource(json, 'azurerm_api_management_user')).toMatchObject({ email: 'a$${var.x}@contoso.example', first_name: '$${var.f}' });
    const cred = onlyResource(json, 'azuread_application_federated_identity_credential');
    expect(cred).toMatchObject({ subject: 'repo:$${var.s}', audiences: ['$${var.a}'] });
    expect(cred.issuer).not.toMatch(/(^|[^$])\$\{/);
  });
});
