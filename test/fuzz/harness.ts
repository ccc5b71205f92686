/** Shared cases and assertions of the per-construct fuzz tests. */
import { AuditLogging, KeyVaultDeployerAccess, PlatformKeyVault } from '../../lib';
import { ValidationError } from '../../lib/core/errors';
import { newStack } from '../util/synth';

/** Runs `build` and returns the ValidationError it throws; anything else (a TypeError, nothing) fails. */
export function validationErrorOf(build: () => unknown, what = ''): ValidationError {
  try {
    build();
  } catch (e) {
    if (ValidationError.isValidationError(e)) return e;
    throw new Error(`expected a ValidationError${what ? ` for ${what}` : ''}, got ${e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e)}`);
  }
  throw new Error(`expected a ValidationError${what ? ` for ${what}` : ''}, nothing was thrown`);
}

/** Whether an error names the prop (or a path inside it). */
export function namesProp(e: ValidationError, prop: string): boolean {
  return e.prop === prop || e.prop.startsWith(`${prop}.`) || e.prop.startsWith(`${prop}[`);
}

/** Bad values per kind of prop. */
export const BAD = {
  string: [42, true, {}, [], null] as unknown[],
  text: [42, true, {}, [], null, '', '   ', 'x'.repeat(20_000), 'a\u0000b', 'a\u001bb'] as unknown[],
  bool: ['false', 'true', 0, 1, {}, null] as unknown[],
  int: ['1', NaN, Infinity, -Infinity, 1.5, {}, null, true] as unknown[],
  enum: ['not-a-member', 42, {}, null] as unknown[],
  list: ['x', 42, {}, null, [null], [undefined]] as unknown[],
  stringList: ['x', 42, {}, null, [null], [undefined], [42], [{}]] as unknown[],
  object: ['x', 42, [], null, true] as unknown[],
  guid: ['not-a-guid', '00000000-0000-0000-0000-00000000000', '{00000000-0000-0000-0000-000000000000}', 42, {}] as unknown[],
  url: ['not a url', 'http://x.example', 'https://user:pw@x.example', 'https://x.example/#f', 'ftp://x.example', 42] as unknown[],
  email: ['not an e-mail', 'a@b', '@x.example', 'a b@x.example', 42] as unknown[],
  cidr: ['10.0.0.0', '10.0.0.1/24', '10.0.0.0/33', '300.0.0.0/8', 'fe80::/64', 42] as unknown[],
};

/** Malformed ARM ids of any type: wrong case, no subscription GUID, a URL, text. */
export function badResourceIds(good: string): unknown[] {
  return ['not-an-id', good.replace('/resourceGroups/', '/resourcegroups/'), good.replace('/providers/Microsoft.', '/providers/microsoft.'),
    good.replace(/\/subscriptions\/[^/]+/, '/subscriptions/abc'), `https://management.azure.com${good}`, `${good}/`, 42];
}

/** `[prop, value]` cases for one prop and a list of bad values. */
export function casesOf(prop: string, values: unknown[]): Array<[string, unknown]> {
  return values.map((v) => [prop, v]);
}

/** A readable case label. */
export function label(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (value === undefined) return 'undefined';
  const s = JSON.stringify(value, (_, v) => (v === undefined ? '<undefined>' : v)) ?? String(value);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Free text with Terraform template syntax and what it must become in cdk.tf.json. */
export const TEMPLATE_TEXT = 'x ${var.x} %{ if true }y';
export const ESCAPED_TEXT = 'x $${var.x} %%{ if true }y';

export const RG = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net';
export const SUBNET_ID = `${RG}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet`;
export const VNET_ID = `${RG}/providers/Microsoft.Network/virtualNetworks/vnet`;
export const VAULT_ID = `${RG}/providers/Microsoft.KeyVault/vaults/kv-other`;
export const WORKSPACE_ID = `${RG}/providers/Microsoft.OperationalInsights/workspaces/law`;
export const DNS_ZONE_ID = `${RG}/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net`;
export const DDOS_ID = `${RG}/providers/Microsoft.Network/ddosProtectionPlans/ddos`;

/** The props of the platform vault the building-block tests use. */
export const VAULT_PROPS = {
  name: 'kv-contoso',
  resourceGroupName: 'rg',
  location: 'eastus2',
  tenantId: '00000000-0000-0000-0000-000000000001',
  deployerObjectId: '00000000-0000-0000-0000-000000000002',
  deployerAccess: KeyVaultDeployerAccess.fromIpRanges(['203.0.113.7']),
};

/** A stack with a vault and audit logging, for constructs that need them. */
export function vaultStack(tags?: Record<string, string>) {
  const stack = newStack();
  const auditLogging = new AuditLogging(stack, 'Audit', { namePrefix: 'contoso', resourceGroupName: 'rg', location: 'eastus2', tags });
  const keyVault = new PlatformKeyVault(stack, 'Vault', { ...VAULT_PROPS, tags });
  return { stack, auditLogging, keyVault };
}
