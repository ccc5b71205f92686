import { ApiOperation, FhirDataRole, FhirDataRoles } from '../../lib';

const op = (method: string, extra: Partial<ApiOperation> = {}): ApiOperation => ({ method, urlTemplate: '/patients', requiredRoles: ['Patient.Read'], ...extra });

describe('FhirDataRoles.leastPrivilegeFor', () => {
  test('Reader when every operation only reads', () => {
    expect(FhirDataRoles.leastPrivilegeFor([op('GET'), op('HEAD')])).toBe(FhirDataRole.READER);
    expect(FhirDataRole.READER).toBe('FHIR Data Reader');
  });

  test('Writer as soon as one operation creates, updates or (soft) deletes', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(FhirDataRoles.leastPrivilegeFor([op('GET'), op(method)])).toBe(FhirDataRole.WRITER);
    }
    expect(FhirDataRole.WRITER).toBe('FHIR Data Writer');
  });

  test('Contributor only for a DELETE that declares _hardDelete', () => {
    expect(FhirDataRoles.leastPrivilegeFor([op('GET'), op('DELETE', { queryParameters: [{ name: '_hardDelete' }] })])).toBe(FhirDataRole.CONTRIBUTOR);
    expect(FhirDataRoles.leastPrivilegeFor([op('GET', { queryParameters: [{ name: '_hardDelete' }] })])).toBe(FhirDataRole.READER);
    expect(FhirDataRoles.leastPrivilegeFor([op('DELETE', { queryParameters: [{ name: '_count' }] })])).toBe(FhirDataRole.WRITER);
  });

  test('refuses no operations and unknown methods', () => {
    expect(() => FhirDataRoles.leastPrivilegeFor([])).toThrow(/operations.*empty/);
    expect(() => FhirDataRoles.leastPrivilegeFor([op('get')])).toThrow(/operations\[0\]\.method/);
    expect(() => FhirDataRoles.leastPrivilegeFor([op('GET'), op('TRACE')])).toThrow(/operations\[1\]\.method/);
  });
});
