/** The operations of `ProtectedApi` (explicit or imported), checked, and the roles they require. Internal. */
import { IConstruct } from 'constructs';
import { ApiSettings } from './api-settings';
import { DELEGATED_SCOPE_SUFFIX } from './defaults';
import { ProtectedApiProps } from './protected-api-props';
import { ApiOperation, ApiParameter, OperationControls, ParameterType } from './types';
import {
  checkContentTypes, checkHeader, checkOperationId, checkRole, checkText, checkWhole, MAX_ROLE_LENGTH,
  OPERATION_METHODS, parseJsonObject, parseUrlTemplate,
} from './validation';
import { invalid } from '../core/errors';
import { requireRateLimit } from '../core/rate-limit';
import { MAX_VALIDATE_CONTENT_SIZE } from '../policy/content';

/** The methods whose requests carry a body. */
export const BODY_METHODS = ['POST', 'PUT', 'PATCH'];

/** One operation after validation, explicit or imported. */
export interface PlannedOperation {
  readonly operationId: string;
  readonly controls: OperationControls;
  readonly explicit?: ApiOperation;
  readonly template?: string[];
  readonly prop: string;
}

/** The checked operations of an API, its named schemas and the app roles its operations require. */
export interface OperationPlan {
  /** The named JSON schemas, parsed, by name. */
  readonly schemas: Map<string, Record<string, unknown>>;
  readonly operations: PlannedOperation[];
  /** The roles the operations require, sorted. */
  readonly roles: string[];
}

/** Checks the schemas and operations (explicit or imported) and collects the roles they require. */
export function planApiOperations(scope: IConstruct, props: ProtectedApiProps, settings: ApiSettings): OperationPlan {
  const { delegatedScopes, acceptScopes } = settings;
  const schemas = checkSchemas(scope, props);
  const roleMax = MAX_ROLE_LENGTH - (delegatedScopes || acceptScopes ? DELEGATED_SCOPE_SUFFIX.length : 0);
  const operations = planOperations(scope, props, settings.contentTypes, settings.maxBody, schemas, roleMax);
  const roleSet = new Set<string>();
  operations.forEach((p) => p.controls.requiredRoles.forEach((r) => roleSet.add(r)));
  const roles = [...roleSet].sort();
  if (acceptScopes || delegatedScopes) {
    const clash = roles.find((r) => roleSet.has(r + DELEGATED_SCOPE_SUFFIX));
    if (clash) {
      invalid(scope, 'operations', `require both '${clash}' and '${clash}${DELEGATED_SCOPE_SUFFIX}', and the delegated scope of the first would take the second's value`,
        `role values that do not end in '${DELEGATED_SCOPE_SUFFIX}', or delegatedScopes: false`);
    }
  }
  return { schemas, operations, roles };
}

function checkSchemas(scope: IConstruct, props: ProtectedApiProps): Map<string, Record<string, unknown>> {
  const result = new Map<string, Record<string, unknown>>();
  if (props.schemas === undefined) return result;
  if (props.openApi) invalid(scope, 'schemas', 'are set with openApi', 'schemas in the OpenAPI definition itself');
  props.schemas.forEach((s, i) => {
    if (typeof s.name !== 'string' || !/^[A-Za-z][A-Za-z0-9_]{0,79}$/.test(s.name)) {
      invalid(scope, `schemas[${i}].name`, `'${s.name}' is not a schema name`, 'a letter, then letters, digits and _, up to 80 characters');
    }
    if (result.has(s.name)) invalid(scope, `schemas[${i}].name`, `'${s.name}' is used twice`, 'a distinct name per schema');
    result.set(s.name, parseJsonObject(scope, `schemas[${i}].definition`, s.definition));
  });
  const size = JSON.stringify(Object.fromEntries(result)).length;
  if (size > MAX_VALIDATE_CONTENT_SIZE) invalid(scope, 'schemas', `are ${size} characters in total`, 'at most 4 MiB, the largest schema APIM validation policies read');
  return result;
}

function checkControls(scope: IConstruct, prop: string, c: OperationControls, contentTypes: string[], maxBody: number, roleMax: number): void {
  if (!Array.isArray(c.requiredRoles) || c.requiredRoles.length === 0) {
    invalid(scope, `${prop}.requiredRoles`, 'is empty', 'at least one app role, e.g. Patient.Read (every operation needs one)');
  }
  c.requiredRoles.forEach((r, j) => checkRole(scope, `${prop}.requiredRoles[${j}]`, r, roleMax));
  if (c.maxRequestBodyBytes !== undefined) {
    checkWhole(scope, `${prop}.maxRequestBodyBytes`, c.maxRequestBodyBytes, 1, maxBody);
  }
  if (c.allowedContentTypes !== undefined) {
    checkContentTypes(scope, `${prop}.allowedContentTypes`, c.allowedContentTypes).forEach((t, j) => {
      if (!contentTypes.includes(t)) {
        invalid(scope, `${prop}.allowedContentTypes[${j}]`, `'${t}' is not one of the API's allowedContentTypes (the API policy runs first and would refuse it)`, contentTypes.join(', '));
      }
    });
  }
  if (c.rateLimit !== undefined) requireRateLimit(scope, `${prop}.rateLimit`, c.rateLimit);
}

function planOperations(
  scope: IConstruct, props: ProtectedApiProps, contentTypes: string[], maxBody: number, schemas: Map<string, unknown>, roleMax: number,
): PlannedOperation[] {
  const hasOps = props.operations !== undefined;
  if (hasOps === (props.openApi !== undefined)) {
    invalid(scope, 'operations', hasOps ? 'and openApi are both set' : 'and openApi are both unset', 'exactly one of operations and openApi');
  }
  const planned: PlannedOperation[] = [];
  const seenIds = new Map<string, string>();
  const claimId = (prop: string, opId: string) => {
    const other = seenIds.get(opId.toLowerCase());
    if (other !== undefined) invalid(scope, `${prop}.operationId`, `'${opId}' is also the operation id of ${other}`, 'a distinct operationId per operation (set operationId explicitly)');
    seenIds.set(opId.toLowerCase(), prop);
  };
  if (props.operations !== undefined) {
    if (props.importedOperations !== undefined) invalid(scope, 'importedOperations', 'are set with operations', 'importedOperations only with openApi; put roles on each operation');
    if (!Array.isArray(props.operations) || props.operations.length === 0) invalid(scope, 'operations', 'is empty', 'at least one operation');
    const seen = new Map<string, string>();
    props.operations.forEach((op, i) => {
      const prop = `operations[${i}]`;
      if (typeof op.method !== 'string' || !OPERATION_METHODS.includes(op.method)) {
        invalid(scope, `${prop}.method`, `'${op.method}' is not an operation method`, `${OPERATION_METHODS.join(', ')} (upper case)`);
      }
      const parsed = parseUrlTemplate(scope, `${prop}.urlTemplate`, op.urlTemplate);
      const key = `${op.method} ${parsed.normalized}`;
      const dup = seen.get(key);
      if (dup !== undefined) invalid(scope, prop, `(${op.method} ${op.urlTemplate}) duplicates ${dup}`, 'one operation per method and URL template (parameter names and letter case do not make templates different)');
      seen.set(key, `${prop} (${op.method} ${op.urlTemplate})`);
      const opId = op.operationId !== undefined ? checkOperationId(scope, `${prop}.operationId`, op.operationId) : defaultOperationId(op.method, op.urlTemplate);
      claimId(prop, opId);
      if (op.displayName !== undefined) checkText(scope, `${prop}.displayName`, op.displayName, 300);
      // REST spec OperationEntityBaseContract.description: at most 1000 characters (azurerm does not check it).
      if (op.description !== undefined) checkText(scope, `${prop}.description`, op.description, 1000);
      checkControls(scope, prop, op, contentTypes, maxBody, roleMax);
      checkParameters(scope, `${prop}.templateParameters`, op.templateParameters, 'template');
      (op.templateParameters ?? []).forEach((p, j) => {
        if (!parsed.parameters.includes(p.name)) {
          invalid(scope, `${prop}.templateParameters[${j}].name`, `'${p.name}' is not a parameter of '${op.urlTemplate}'`, parsed.parameters.join(', ') || 'no template parameters (the template has none)');
        }
        if (p.required === false) invalid(scope, `${prop}.templateParameters[${j}].required`, 'is false', 'true or unset: a URL template parameter is always required');
      });
      checkParameters(scope, `${prop}.queryParameters`, op.queryParameters, 'query');
      checkParameters(scope, `${prop}.requestHeaders`, op.requestHeaders, 'header');
      if (op.requestSchemaName !== undefined) {
        checkSchemaName(scope, `${prop}.requestSchemaName`, op.requestSchemaName, schemas);
        if (!BODY_METHODS.includes(op.method)) invalid(scope, `${prop}.requestSchemaName`, `is set on a ${op.method} operation, which has no request body`, `a request schema only on ${BODY_METHODS.join(', ')}`);
      }
      const codes = new Set<number>();
      (op.responses ?? []).forEach((r, j) => {
        const rp = `${prop}.responses[${j}]`;
        checkWhole(scope, `${rp}.statusCode`, r.statusCode, 100, 599);
        if (codes.has(r.statusCode)) invalid(scope, `${rp}.statusCode`, `${r.statusCode} is declared twice`, 'each status code once');
        codes.add(r.statusCode);
        if (r.description !== undefined) checkText(scope, `${rp}.description`, r.description, 1000);
        if (r.schemaName !== undefined) checkSchemaName(scope, `${rp}.schemaName`, r.schemaName, schemas);
        if (r.contentTypes !== undefined) checkContentTypes(scope, `${rp}.contentTypes`, r.contentTypes);
        checkParameters(scope, `${rp}.headers`, r.headers, 'header');
      });
      if (op.responses !== undefined && op.responses.length === 0) invalid(scope, `${prop}.responses`, 'is empty', 'at least one response, or unset for the default success response');
      planned.push({ operationId: opId, controls: op, explicit: op, template: parsed.parameters, prop });
    });
    return planned;
  }
  const spec = props.openApi!;
  const imported = props.importedOperations ?? [];
  if (imported.length === 0) invalid(scope, 'importedOperations', 'is empty', 'an entry with requiredRoles for each operation of the OpenAPI definition');
  imported.forEach((op, i) => {
    const prop = `importedOperations[${i}]`;
    const opId = checkOperationId(scope, `${prop}.operationId`, op.operationId);
    claimId(prop, opId);
    if (spec._operations && !spec._operations.some((o) => o.operationId === opId)) {
      invalid(scope, `${prop}.operationId`, `'${opId}' is not an operationId of the OpenAPI definition`, spec._operations.map((o) => o.operationId).join(', '));
    }
    checkControls(scope, prop, op, contentTypes, maxBody, roleMax);
    planned.push({ operationId: opId, controls: op, prop });
  });
  if (spec._operations) {
    const missing = spec._operations.filter((o) => !imported.some((m) => m.operationId === o.operationId));
    if (missing.length) {
      invalid(scope, 'importedOperations', `has no entry for ${missing.map((o) => `${o.operationId} (${o.method} ${o.path})`).join(', ')}`,
        'an entry with requiredRoles for every operation of the OpenAPI definition');
    }
  }
  return planned;
}

function checkParameters(scope: IConstruct, prop: string, params: ApiParameter[] | undefined, kind: 'template' | 'query' | 'header'): void {
  if (params === undefined) return;
  const names = new Set<string>();
  params.forEach((p, i) => {
    const pp = `${prop}[${i}]`;
    if (kind === 'header') {
      checkHeader(scope, `${pp}.name`, p.name);
    } else if (typeof p.name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]{0,79}$/.test(p.name)) {
      invalid(scope, `${pp}.name`, `'${p.name}' is not a ${kind} parameter name`, 'a letter or underscore, then letters, digits and underscores, up to 80 characters');
    }
    if (names.has(p.name.toLowerCase())) invalid(scope, `${pp}.name`, `'${p.name}' is declared twice`, 'each parameter once');
    names.add(p.name.toLowerCase());
    if (p.type !== undefined && !Object.values(ParameterType).includes(p.type)) {
      invalid(scope, `${pp}.type`, `is '${p.type}'`, Object.values(ParameterType).join(', '));
    }
    if (p.description !== undefined) checkText(scope, `${pp}.description`, p.description, 1000);
    if (p.allowedValues !== undefined) {
      if (p.allowedValues.length === 0) invalid(scope, `${pp}.allowedValues`, 'is empty', 'at least one value, or unset for any value');
      p.allowedValues.forEach((v, j) => checkText(scope, `${pp}.allowedValues[${j}]`, v, 1000));
    }
  });
}

function checkSchemaName(scope: IConstruct, prop: string, name: string, schemas: Map<string, unknown>): void {
  if (!schemas.has(name)) invalid(scope, prop, `'${name}' is not a schema of this API`, [...schemas.keys()].join(', ') || 'the name of a schema in schemas (none are declared)');
}

/** `GET /patients/{id}` → `get-patients-id`. */
function defaultOperationId(method: string, template: string): string {
  const slug = template.toLowerCase().replace(/[{}]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `${method.toLowerCase()}${slug ? `-${slug}` : ''}`.slice(0, 80).replace(/-+$/, '');
}
