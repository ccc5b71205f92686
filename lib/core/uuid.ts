/**
 * Name-based (version 5, SHA-1) UUIDs for Entra ID app-role and permission-scope ids. Internal.
 *
 * Entra ID keys role assignments and consent grants by these ids: an id that changes between
 * synths or library versions deletes the role and breaks every assignment. So ids are never
 * random; they are derived from the application's stable key, the kind of id and the value.
 *
 * Changing anything in this file changes every id this library has ever deployed. The tests
 * pin known outputs so such a change cannot slip through.
 */
import { createHash } from 'crypto';

/** RFC 4122 namespace for URLs and URNs. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/**
 * This library's namespace: `uuidV5(URL_NAMESPACE, 'urn:cdktf-healthcare-apim:entra-id-identifiers')`.
 * Written out so the ids do not depend on how it was computed.
 */
export const IDENTIFIER_NAMESPACE = '0ab99ca4-8b24-5b30-9385-f7e1a5c1db30';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A version 5 (SHA-1, name-based) UUID of `name` in `namespace`, as RFC 4122 section 4.3 defines it. */
export function uuidV5(namespace: string, name: string): string {
  if (!UUID.test(namespace)) throw new Error(`internal: '${namespace}' is not a UUID`);
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(Buffer.from(name, 'utf8'))
    .digest();
  const bytes = Buffer.from(hash.subarray(0, 16));
  bytes[6] = (bytes[6] % 0x10) + 0x50; // version 5: keep the low nibble
  bytes[8] = (bytes[8] % 0x40) + 0x80; // RFC 4122 variant: keep the low six bits
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The kinds of Entra ID ids derived here; part of the name, so a role and a scope of the same value differ. */
export type IdentifierKind = 'app-role' | 'oauth2-permission-scope';

/**
 * The id of an app role or delegated permission scope of an application.
 *
 * @param appKey the application's stable key (not its display name or construct path)
 * @param kind app role or permission scope
 * @param value the role or scope value, e.g. `Patient.Read`
 */
export function entraIdentifier(appKey: string, kind: IdentifierKind, value: string): string {
  // JSON keeps the three parts apart, so ('a-b', 'c') and ('a', 'b-c') cannot collide.
  return uuidV5(IDENTIFIER_NAMESPACE, JSON.stringify([kind, appKey, value]));
}

/** @internal exported for tests: the namespace derivation. */
export function _deriveNamespace(): string {
  return uuidV5(URL_NAMESPACE, 'urn:cdktf-healthcare-apim:entra-id-identifiers');
}
