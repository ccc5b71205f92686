/**
 * Table-driven fuzz test of SecureHealthcareApim: every prop gets wrong types and malformed
 * values; each must fail with a ValidationError naming the prop (never a TypeError), and free
 * text must arrive in Terraform escaped. Construct-only except for the escaping cases.
 */
import { SecureHealthcareApim, SecureHealthcareApimProps } from '../../lib';
import { ValidationError } from '../../lib/core/errors';
import { PLATFORM_PROPS } from '../api/fixtures';
import { newStack, onlyResource, synthJson } from '../util/synth';

function build(props: Record<string, unknown>) {
  const stack = newStack();
  const platform = new SecureHealthcareApim(stack, 'Platform', { ...PLATFORM_PROPS, ...props } as unknown as SecureHealthcareApimProps);
  return { stack, platform };
}

function errorOf(props: Record<string, unknown>): ValidationError {
  try {
    build(props);
  } catch (e) {
    if (ValidationError.isValidationError(e)) return e;
    throw new Error(`expected a ValidationError, got ${e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e)}`);
  }
  throw new Error(`expected a ValidationError for ${JSON.stringify(props)}, nothing was thrown`);
}

const WRONG_TYPES: unknown[] = [42, true, {}, [], null];
const BOOLEANS = ['acknowledgeNoNetworkIsolation', 'acknowledgeUnmanagedNetworkRules', 'acknowledgeExternallyManagedEdge', 'acknowledgePublicGateway',
  'closePublicNetworkAccess', 'allowPublicNetworkAccess', 'acknowledgeSelfSignedCertificate', 'acknowledgeNoZoneRedundancy', 'allowDestroy', 'allowPortalPasswordSignIn'];

// [prop path the error must name, props to merge]
const CASES: Array<[string, Record<string, unknown>]> = [
  ...['name', 'resourceGroupName', 'location', 'publisherName', 'publisherEmail'].flatMap((p) =>
    WRONG_TYPES.map((v): [string, Record<string, unknown>] => [p, { [p]: v }])),
  ...['name', 'resourceGroupName', 'location', 'publisherName', 'publisherEmail'].flatMap((p): Array<[string, Record<string, unknown>]> => [
    [p, { [p]: '' }], [p, { [p]: 'x'.repeat(300) }], [p, { [p]: 'a\u0000b' }], [p, { [p]: 'a\nb' }],
  ]),
  ...BOOLEANS.flatMap((p) => ['false', 'true', 0, 1, {}].map((v): [string, Record<string, unknown>] => [p, { [p]: v }])),
  // provider rules
  ['name', { name: 'Apim' }], // upper case: the edge and management public IP DNS labels refuse it
  ['name', { name: 'ab' }], // 2 characters: a public IP DNS label needs 3
  ['name', { name: 'a'.repeat(51) }],
  ['publisherEmail', { publisherEmail: `${'a'.repeat(90)}@contoso.example` }], // > 100
  ['publisherEmail', { publisherEmail: 'not an e-mail' }],
  ['keyVaultName', { keyVaultName: 'kv_bad' }],
  ['keyVaultName', { keyVaultName: 42 }],
  ['keyVaultName', { keyVaultName: 'a--b' }],
  ['location', { location: 'East US' }],
  ['resourceGroupName', { resourceGroupName: 'rg.' }],
  ['minApiVersion', { minApiVersion: 'latest' }],
  ['minApiVersion', { minApiVersion: 20210801 }],
  ['logRetentionSeconds', { logRetentionSeconds: NaN }],
  ['logRetentionSeconds', { logRetentionSeconds: Infinity }],
  ['logRetentionSeconds', { logRetentionSeconds: 400.5 * 86_400 }],
  ['logRetentionSeconds', { logRetentionSeconds: '400' }],
  ['logRetentionSeconds', { logRetentionSeconds: 10 * 86_400 }],
  ['logRetentionSeconds', { logRetentionSeconds: 400 }],
  ['rolePropagationSeconds', { rolePropagationSeconds: -1 }],
  ['rolePropagationSeconds', { rolePropagationSeconds: 'slow' }],
  ['clientIpRateLimit', { clientIpRateLimit: 'fast' }],
  // A look-alike object is not a RateLimit (values are checked where RateLimit makes them).
  ['clientIpRateLimit', { clientIpRateLimit: { calls: 10, renewalPeriodSeconds: 60 } }],
  ['zones', { zones: '1,2' }],
  ['zones', { zones: ['1', '4'] }],
  ['tags', { tags: 'env=prod' }],
  ['tags.env', { tags: { env: 42 } }],
  ['tags.a/b', { tags: { 'a/b': 'x' } }],
  ['tags.env', { tags: { env: 'x'.repeat(257) } }],
  ['customDomain', { customDomain: 'api.example' }],
  ['customDomain.gatewayHostName', { customDomain: { gatewayHostName: 'not a host', keyVaultCertificateSecretId: 'https://kv-x1.vault.azure.net/secrets/cert' } }],
  ['customDomain.keyVaultCertificateSecretId', { customDomain: { gatewayHostName: 'api.contoso.example', keyVaultCertificateSecretId: 'https://kv-x1.vault.azure.net/secrets/cert/0123' } }],
  ['customDomain.negotiateClientCertificate', {
    customDomain: { gatewayHostName: 'api.contoso.example', keyVaultCertificateSecretId: 'https://kv-x1.vault.azure.net/secrets/cert', negotiateClientCertificate: 'false' },
  }],
  ['network', { network: 'default' }],
  ['edge', { edge: 7 }],
  ['edge.minCapacity', { edge: { minCapacity: 101, maxCapacity: 125 } }],
  ['edge.maxCapacity', { edge: { maxCapacity: 126 } }],
  // developer portal sign-in (an existing app)
  ...[42, {}, null, 'not-a-guid'].map((v): [string, Record<string, unknown>] => ['developerPortalSignIn.clientId', { developerPortalSignIn: { clientId: v, clientSecret: 'x' } }]),
  ['developerPortalSignIn.clientSecret', { developerPortalSignIn: { clientId: '00000000-0000-0000-0000-000000000001', clientSecret: 'a literal secret' } }],
  ['developerPortalSignIn.clientSecret', { developerPortalSignIn: { clientId: '00000000-0000-0000-0000-000000000001', clientSecret: 42 } }],
  // resource ids, by type and in canonical case
  ['logAnalyticsWorkspaceId', { logAnalyticsWorkspaceId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/rg/providers/Microsoft.OperationalInsights/workspaces/law' }],
  ['logAnalyticsWorkspaceId', { logAnalyticsWorkspaceId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/law' }],
  ['network.ddosProtectionPlanId', { network: { ddosProtectionPlanId: '/subscriptions/x/ddos' } }],
  // identity and keys
  ...['false', 0, {}].map((v): [string, Record<string, unknown>] => ['allowStandardKeyVaultSku', { allowStandardKeyVaultSku: v }]),
  ...['false', 0, {}].map((v): [string, Record<string, unknown>] => ['acknowledgePrivilegedAccessManagedCentrally', { acknowledgePrivilegedAccessManagedCentrally: v }]),
  ['keyVaultSecretRotation', { keyVaultSecretRotation: 90 }],
  ['keyVaultSecretRotation.rotationSeconds', { keyVaultSecretRotation: { rotationSeconds: 0 } }],
  ['keyVaultSecretRotation.overlapSeconds', { keyVaultSecretRotation: { overlapSeconds: 1.5 * 86_400 } }],
  ['portalSecretRotation', { portalSecretRotation: 'quarterly' }],
  ['portalSecretRotation.rotationSeconds', { portalSecretRotation: { rotationSeconds: 366 * 86_400 } }],
  ['portalSecretRotation.overlapSeconds', { portalSecretRotation: { overlapSeconds: '30' } }],
  ['privilegedAccess', { privilegedAccess: 'operators' }],
  ['privilegedAccess.existingGroupObjectId', { privilegedAccess: { existingGroupObjectId: 'operators' } }],
  ['privilegedAccess.apimRole', { privilegedAccess: { apimRole: 'Owner' } }],
  ['privilegedAccess.keyVaultRole', { privilegedAccess: { keyVaultRole: 42 } }],
  ['privilegedAccess.pimEligible', { privilegedAccess: { pimEligible: 'yes' } }],
  ['privilegedAccess.conditionalAccess.apiApplicationIds[0]', { privilegedAccess: { conditionalAccess: { apiApplicationIds: ['patients'] } } }],
  ['privilegedAccess.conditionalAccess.excludedGroupObjectIds[0]', { privilegedAccess: { conditionalAccess: { excludedGroupObjectIds: ['break-glass'] } } }],
  ['privilegedAccess.conditionalAccess.authenticationStrengthPolicyId', { privilegedAccess: { conditionalAccess: { authenticationStrengthPolicyId: 'phishing-resistant' } } }],
  ['keyVaultEventDelivery', { keyVaultEventDelivery: 'https://ops.example' }],
  ['keyVaultEventDelivery.webhookUrl', { keyVaultEventDelivery: { webhookUrl: 'http://ops.example' } }],
];

describe('SecureHealthcareApim fuzz: every bad value is a ValidationError naming the prop', () => {
  test.each(CASES.map(([prop, props]) => [prop, JSON.stringify(props, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)).slice(0, 80), props]))(
    '%s: %s', (prop, _, props) => {
      const e = errorOf(props as Record<string, unknown>);
      expect(e.constructPath).toMatch(/^test\/Platform/);
      expect(e.prop === prop || e.prop.startsWith(`${prop}.`) || e.prop.startsWith(`${prop}[`) || (prop as string).startsWith(e.prop)).toBe(true);
      expect(e.message).not.toMatch(/\[object Object\]|undefined-/);
    });

  test("allowDestroy: 'false' does not drop prevent_destroy", () => {
    expect(errorOf({ allowDestroy: 'false' }).prop).toBe('allowDestroy');
  });
});

describe('SecureHealthcareApim fuzz: free text arrives in Terraform escaped', () => {
  test('publisher name and tags (keys and values) are literal', () => {
    const { stack } = build({ publisherName: 'Contoso ${var.x} %{ if true }', tags: { 'cost-${center}': 'team %{x} ${y}' } });
    const json = synthJson(stack);
    const apim = onlyResource(json, 'azurerm_api_management');
    expect(apim.publisher_name).toBe('Contoso $${var.x} %%{ if true }');
    expect(apim.tags).toEqual({ 'cost-$${center}': 'team %%{x} $${y}' });
    const vault = onlyResource(json, 'azurerm_key_vault');
    expect(vault.tags).toEqual({ 'cost-$${center}': 'team %%{x} $${y}' });
  });
});
