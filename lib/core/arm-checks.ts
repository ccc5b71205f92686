/** Checks of ARM resource ids and resource tags. Internal; import through `./validation`. */
import { invalid, Where } from './errors';
import { checkObject, describe, isToken, requireString, typeWord } from './value-checks';

/** The shape of an ARM resource id type: provider namespace and the type segments, in canonical case. */
export interface ResourceIdType {
  /** E.g. 'Microsoft.Network'. */
  readonly namespace: string;
  /** Type segments, e.g. ['virtualNetworks', 'subnets']. */
  readonly types: ReadonlyArray<string>;
  /** A fixed name of the last segment, e.g. 'privatelink.vaultcore.azure.net'. */
  readonly lastName?: string;
}

/**
 * A name segment of a resource id: no Azure resource name holds `$`, `{`, `}` or `%`, and a
 * `${` / `%{` there would reach Terraform as a template (ids are passed as they are).
 */
const ID_NAME = '[^/\\s${}%]+';

/**
 * Whether `value` is `/subscriptions/<id>/resourceGroups/<group>/providers/<path>`, each `*` of
 * `path` one name segment (e.g. `Microsoft.Logic/workflows/*`).
 */
export function isResourceIdOf(value: string, path: string, ignoreCase = false): boolean {
  const pattern = path.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join(ID_NAME);
  return new RegExp(`^/subscriptions/${ID_NAME}/resourceGroups/${ID_NAME}/providers/${pattern}$`, ignoreCase ? 'i' : '').test(value);
}

const RG_ID = '/subscriptions/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/resourceGroups/[-\\w._()]{1,90}';

/**
 * An ARM resource id of one type, parsed case-sensitively as the providers' resource id parsers
 * do (`resourceGroups`, `virtualNetworks`, `Microsoft.Network` in canonical case). Tokens skip
 * the content check.
 */
export function checkResourceId(where: Where, prop: string, value: unknown, type: ResourceIdType): string {
  const names = type.types.map((t, i) => `${t}/${i === type.types.length - 1 && type.lastName ? type.lastName : '<name>'}`).join('/');
  const valid = `/subscriptions/<guid>/resourceGroups/<group>/providers/${type.namespace}/${names} (in this case)`;
  requireString(where, prop, value, valid);
  if (isToken(value)) return value;
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const segments = type.types.map((t, i) => `/${esc(t)}/${i === type.types.length - 1 && type.lastName ? esc(type.lastName) : ID_NAME}`).join('');
  const re = new RegExp(`^${RG_ID}/providers/${esc(type.namespace)}${segments}$`);
  if (!re.test(value)) invalid(where, prop, `${describe(value)} is not a ${type.namespace}/${type.types.join('/')} resource id`, valid);
  return value;
}

/** The ARM resource id types the library takes from users, in canonical case. */
export const RESOURCE_ID = {
  virtualNetwork: { namespace: 'Microsoft.Network', types: ['virtualNetworks'] },
  subnet: { namespace: 'Microsoft.Network', types: ['virtualNetworks', 'subnets'] },
  ddosProtectionPlan: { namespace: 'Microsoft.Network', types: ['ddosProtectionPlans'] },
  vaultPrivateDnsZone: { namespace: 'Microsoft.Network', types: ['privateDnsZones'], lastName: 'privatelink.vaultcore.azure.net' },
  logAnalyticsWorkspace: { namespace: 'Microsoft.OperationalInsights', types: ['workspaces'] },
  keyVault: { namespace: 'Microsoft.KeyVault', types: ['vaults'] },
} as const satisfies Record<string, ResourceIdType>;

/** Any ARM resource id (azurerm's azure.ValidateResourceID): /subscriptions/<guid>/... */
export function checkAnyResourceId(where: Where, prop: string, value: unknown): string {
  const valid = 'an ARM resource id such as /subscriptions/<guid>/resourceGroups/<group>/providers/<namespace>/<type>/<name>';
  requireString(where, prop, value, valid);
  if (isToken(value)) return value;
  if (!new RegExp(`^/subscriptions/[0-9a-fA-F-]{36}(/${ID_NAME}/${ID_NAME})*$`).test(value)) invalid(where, prop, `${describe(value)} is not a resource id`, valid);
  return value;
}

/** Tag limits: at most 50 tags, names 1-512 characters without <>%&\?/, values up to 256. Returns the tags. */
export function checkTags(where: Where, prop: string, tags: unknown): Record<string, string> | undefined {
  if (tags === undefined) return undefined;
  if (isToken(tags)) return tags as Record<string, string>;
  const map = checkObject<Record<string, unknown>>(where, prop, tags);
  const entries = Object.entries(map);
  if (entries.length > 50) invalid(where, prop, `has ${entries.length} tags`, 'at most 50 tags');
  for (const [k, v] of entries) {
    if (k.length === 0 || k.length > 512 || /[<>%&\\?/\u0000-\u001F]/.test(k)) invalid(where, `${prop}.${k}`, 'is not a valid tag name', '1 to 512 characters without < > % & \\ ? / or control characters');
    if (typeof v !== 'string') invalid(where, `${prop}.${k}`, `is ${typeWord(v)}, not a string`, 'a string value of at most 256 characters');
    if (!isToken(v) && v.length > 256) invalid(where, `${prop}.${k}`, 'has a value over 256 characters', 'a value of at most 256 characters');
  }
  return map as Record<string, string>;
}

/** An ARM resource id containing the given segments, case-sensitively as the providers parse it (tokens are skipped). */
export function checkResourceIdOf(where: Where, prop: string, id: string, typeSegment: string, childSegment: string): string {
  if (isToken(id)) return id;
  const ok = typeof id === 'string' && new RegExp(`^/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/${ID_NAME}/providers/`).test(id)
    && id.includes(`/providers/${typeSegment}`) && (childSegment === '' || id.includes(childSegment));
  if (!ok) {
    invalid(where, prop, `'${id}' is not a ${typeSegment}${childSegment ? `…${childSegment}…` : ''} resource id`,
      `/subscriptions/<guid>/resourceGroups/<group>/providers/${typeSegment}${childSegment ? `<name>${childSegment}<name>` : ''}`);
  }
  return id;
}
