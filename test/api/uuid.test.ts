import { patients } from './fixtures';
import { _deriveNamespace, entraIdentifier, IDENTIFIER_NAMESPACE, uuidV5 } from '../../lib/core/uuid';

const V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidV5', () => {
  test('matches the RFC 4122 / Python uuid5 reference values', () => {
    // uuid.uuid5(uuid.NAMESPACE_DNS, 'www.example.com') and uuid.uuid5(uuid.NAMESPACE_URL, 'https://example.com/')
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(uuidV5('6ba7b811-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe('7af94e2b-4dd9-50f0-9c9a-8a48519bdef0');
  });

  test('has version 5 and the RFC 4122 variant', () => {
    for (let i = 0; i < 200; i++) expect(uuidV5(IDENTIFIER_NAMESPACE, `name-${i}`)).toMatch(V5);
  });

  test('refuses a namespace that is not a UUID', () => {
    expect(() => uuidV5('not-a-uuid', 'x')).toThrow(/is not a UUID/);
  });

  test('the library namespace is the documented derivation', () => {
    expect(_deriveNamespace()).toBe(IDENTIFIER_NAMESPACE);
  });
});

describe('entraIdentifier', () => {
  test('is stable: pinned values for deployed app roles and scopes', () => {
    // Changing these breaks every role assignment ever made through this library.
    expect(entraIdentifier('contoso-health-apim-patients-v1', 'app-role', 'Patient.Read')).toBe('06b70f5b-766a-518b-989b-4d63bcf58cc9');
    expect(entraIdentifier('contoso-health-apim-patients-v1', 'app-role', 'Patient.Write')).toBe('d457f266-1ebe-5daa-838f-339daef6e1c2');
    expect(entraIdentifier('contoso-health-apim-patients-v1', 'oauth2-permission-scope', 'Patient.Read.Delegated')).toBe('ac1dbd1e-c1db-50ba-bd4f-a0a101b251dd');
  });

  test('is the same across calls and across synths of separate apps', () => {
    const a = patients().json();
    const b = patients().json();
    const roles = (json: any) => Object.values(json.resource.azuread_application as Record<string, any>)
      .flatMap((app) => app.app_role ?? []).map((r: any) => `${r.value}=${r.id}`).sort();
    expect(roles(a)).toEqual(roles(b));
    expect(roles(a)).toHaveLength(3);
  });

  test('differs by value, by kind and by application, and the parts cannot run into each other', () => {
    const ids = [
      entraIdentifier('app', 'app-role', 'Patient.Read'),
      entraIdentifier('app', 'app-role', 'Patient.read'),
      entraIdentifier('app', 'app-role', 'Patient.Write'),
      entraIdentifier('app', 'oauth2-permission-scope', 'Patient.Read'),
      entraIdentifier('other-app', 'app-role', 'Patient.Read'),
      entraIdentifier('a-b', 'app-role', 'c'),
      entraIdentifier('a', 'app-role', 'b-c'),
      entraIdentifier('a","app-role","b', 'app-role', 'c'),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(V5);
  });
});
