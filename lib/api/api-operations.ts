/** The operations of `ProtectedApi` defined in code, and the schemas they refer to. Internal. */
import {
  ApiManagementApiOperation, ApiManagementApiOperationResponse, ApiManagementApiOperationTemplateParameter,
} from '@cdktf/provider-azurerm/lib/api-management-api-operation';
import { ApiManagementApiSchema } from '@cdktf/provider-azurerm/lib/api-management-api-schema';
import { Construct } from 'constructs';
import { ApiRef } from './api-definition';
import { BODY_METHODS, PlannedOperation } from './api-operation-plan';
import { ApiSettings } from './api-settings';
import { ApiParameter, ApiResponse, ParameterType } from './types';
import { tfLiteral } from './validation';

const SCHEMA_ID = 'components';
const FORMAT_SCHEMAS: Partial<Record<ParameterType, [string, Record<string, string>]>> = {
  [ParameterType.UUID]: ['ProtectedApi.Uuid', { type: 'string', format: 'uuid' }],
  [ParameterType.DATE]: ['ProtectedApi.Date', { type: 'string', format: 'date' }],
  [ParameterType.DATE_TIME]: ['ProtectedApi.DateTime', { type: 'string', format: 'date-time' }],
};
const REASONS = new Map<number, string>([
  [200, 'OK'], [201, 'Created'], [202, 'Accepted'], [204, 'No Content'], [206, 'Partial Content'], [301, 'Moved Permanently'],
  [302, 'Found'], [304, 'Not Modified'], [400, 'Bad Request'], [401, 'Unauthorized'], [403, 'Forbidden'], [404, 'Not Found'],
  [409, 'Conflict'], [410, 'Gone'], [412, 'Precondition Failed'], [413, 'Content Too Large'], [415, 'Unsupported Media Type'],
  [422, 'Unprocessable Content'], [429, 'Too Many Requests'],
]);
const SUCCESS_STATUS: Record<string, number> = { GET: 200, HEAD: 200, POST: 201, PUT: 200, PATCH: 200, DELETE: 204 };

/**
 * The API schema (`components`): the named schemas, and the format schemas (uuid, date,
 * date-time) that typed parameters refer to. None when nothing needs one.
 */
export function createApiSchema(
  scope: Construct, apiRef: ApiRef, schemas: Map<string, Record<string, unknown>>, planned: PlannedOperation[],
): ApiManagementApiSchema | undefined {
  const components: Record<string, unknown> = Object.fromEntries(schemas);
  for (const p of planned) {
    const op = p.explicit;
    if (!op) continue;
    const params = [
      ...(op.templateParameters ?? []), ...(op.queryParameters ?? []), ...(op.requestHeaders ?? []),
      ...(op.responses ?? []).flatMap((r) => r.headers ?? []),
    ];
    for (const param of params) {
      const format = param.type && FORMAT_SCHEMAS[param.type];
      if (format) components[format[0]] = format[1];
    }
  }
  if (Object.keys(components).length === 0) return undefined;
  return new ApiManagementApiSchema(scope, 'Schema', {
    ...apiRef,
    schemaId: SCHEMA_ID,
    contentType: 'application/vnd.oai.openapi.components+json',
    components: tfLiteral(JSON.stringify({ schemas: components })),
  });
}

/** Creates the APIM operations of the operations defined in code (none for an imported definition). */
export function createApiOperations(
  scope: Construct, apiRef: ApiRef, planned: PlannedOperation[], settings: ApiSettings, schema: ApiManagementApiSchema | undefined,
): ApiManagementApiOperation[] {
  return planned.filter((p) => p.explicit).map((p) => createApiOperation(scope, apiRef, p, settings.contentTypes, settings.keyHeader, schema));
}

function createApiOperation(
  scope: Construct, apiRef: ApiRef, p: PlannedOperation, apiContentTypes: string[], keyHeader: string, schema: ApiManagementApiSchema | undefined,
): ApiManagementApiOperation {
  const op = p.explicit!;
  const declared = new Map((op.templateParameters ?? []).map((t) => [t.name, t]));
  const templateParameters = p.template!.map((n) => parameter(declared.get(n) ?? { name: n }, true));
  const requestTypes = op.allowedContentTypes ?? apiContentTypes;
  // The credentials every call carries are declared, so validate-parameters does not count
  // them as undeclared headers; the operation's own declarations win on a name clash.
  const requestHeaders = [...(op.requestHeaders ?? [])];
  for (const h of [
    { name: 'Authorization', required: true, description: 'Bearer access token issued by Microsoft Entra ID for this API.' },
    { name: keyHeader, required: false, description: 'Subscription key (or the query parameter of the API).' },
  ]) {
    if (!requestHeaders.some((x) => x.name.toLowerCase() === h.name.toLowerCase())) requestHeaders.push(h);
  }
  const responses: ApiManagementApiOperationResponse[] = (op.responses ?? [{ statusCode: SUCCESS_STATUS[op.method] } as ApiResponse]).map((r) => ({
    statusCode: r.statusCode,
    description: tfLiteral(r.description ?? REASONS.get(r.statusCode) ?? `HTTP ${r.statusCode}`),
    header: r.headers?.map((h) => parameter(h, false)),
    representation: (r.schemaName !== undefined || r.contentTypes !== undefined)
      ? (r.contentTypes ?? apiContentTypes).map((ct) => ({ contentType: ct, ...schemaRef(r.schemaName) }))
      : undefined,
  }));
  return new ApiManagementApiOperation(scope, `Operation-${p.operationId}`, {
    ...apiRef,
    operationId: p.operationId,
    method: op.method,
    urlTemplate: tfLiteral(op.urlTemplate),
    displayName: tfLiteral(op.displayName ?? `${op.method} ${op.urlTemplate}`),
    description: tfLiteral(op.description),
    templateParameter: templateParameters.length ? templateParameters : undefined,
    request: {
      queryParameter: op.queryParameters?.map((q) => parameter(q, false)),
      header: requestHeaders.map((h) => parameter(h, false)),
      representation: BODY_METHODS.includes(op.method)
        ? requestTypes.map((ct) => ({ contentType: ct, ...schemaRef(op.requestSchemaName) }))
        : undefined,
    },
    response: responses,
    dependsOn: schema ? [schema] : undefined,
  });
}

function parameter(p: ApiParameter, template: boolean): ApiManagementApiOperationTemplateParameter {
  const type = p.type ?? ParameterType.STRING;
  const format = FORMAT_SCHEMAS[type];
  return {
    name: p.name,
    required: template ? true : (p.required ?? false),
    type: format ? 'string' : type,
    description: tfLiteral(p.description),
    values: p.allowedValues?.map((v) => tfLiteral(v)),
    ...(format ? { schemaId: SCHEMA_ID, typeName: format[0] } : {}),
  };
}

function schemaRef(schemaName: string | undefined): { schemaId?: string; typeName?: string } {
  return schemaName === undefined ? {} : { schemaId: SCHEMA_ID, typeName: schemaName };
}
