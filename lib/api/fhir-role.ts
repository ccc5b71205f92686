import { ApiOperation } from './types';
import { invalid } from '../core/errors';

/**
 * Azure Health Data Services FHIR data-plane built-in roles, as Microsoft's "Configure Azure
 * RBAC roles for Azure Health Data Services" describes them.
 */
export enum FhirDataRole {
  /** Read and search FHIR data. */
  READER = 'FHIR Data Reader',
  /** Read, write (create, update) and soft delete FHIR data. */
  WRITER = 'FHIR Data Writer',
  /** Every data-plane operation, hard delete and history purge included. */
  CONTRIBUTOR = 'FHIR Data Contributor',
}

const READ_METHODS = ['GET', 'HEAD'];
const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];
const HARD_DELETE_PARAMETER = '_hardDelete';

/** Picks the FHIR data-plane role a gateway identity needs for an API's operations. */
export class FhirDataRoles {
  /**
   * The least FHIR data-plane role that lets the gateway's managed identity serve the API's
   * operations: FHIR Data Reader when every operation is a GET or HEAD; FHIR Data Writer when
   * any creates, updates or deletes (a FHIR DELETE is a soft delete); FHIR Data Contributor
   * only when a DELETE declares the `_hardDelete` query parameter (the API refuses undeclared
   * query parameters, so without it no hard delete reaches FHIR).
   *
   * It reads methods and declared query parameters only. FHIR operations behind a POST such as
   * `$export` or `$convert-data` need their own role (FHIR Data Exporter, FHIR Data Converter).
   */
  public static leastPrivilegeFor(operations: ApiOperation[]): FhirDataRole {
    const where = 'FhirDataRoles.leastPrivilegeFor';
    if (!Array.isArray(operations) || operations.length === 0) invalid(where, 'operations', 'is empty', 'the API\'s operations');
    let role = FhirDataRole.READER;
    operations.forEach((op, i) => {
      const method = op?.method;
      if (typeof method !== 'string' || ![...READ_METHODS, ...WRITE_METHODS].includes(method)) {
        invalid(where, `operations[${i}].method`, `'${String(method)}' is not an operation method`, [...READ_METHODS, ...WRITE_METHODS].join(', '));
      }
      if (WRITE_METHODS.includes(method) && role === FhirDataRole.READER) role = FhirDataRole.WRITER;
      if (method === 'DELETE' && (op.queryParameters ?? []).some((q) => q.name === HARD_DELETE_PARAMETER)) role = FhirDataRole.CONTRIBUTOR;
    });
    return role;
  }

  private constructor() {}
}
