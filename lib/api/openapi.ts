import { Token } from 'cdktf';
import { checkOperationId, parseJsonObject } from './validation';
import { invalid } from '../core/errors';
import { parseUrl } from '../core/validation';

const PATH_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** An operation found in an OpenAPI document. */
interface SpecOperation {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
}

/**
 * An OpenAPI (or Swagger 2.0) definition that `ProtectedApi` imports instead of operations
 * defined in code. A JSON document is read at synth, so every `operationId` is known and each
 * operation's roles can be checked; YAML documents and links are passed to APIM as they are.
 *
 * @example
 * OpenApiDefinition.fromJson(fs.readFileSync('patients.openapi.json', 'utf8'))
 */
export class OpenApiDefinition {
  /**
   * An OpenAPI 3.x or Swagger 2.0 document as JSON text. Every operation must have an
   * `operationId` (letters, digits, `_` and `-`), so its policy can be attached.
   */
  public static fromJson(document: string): OpenApiDefinition {
    const w = 'OpenApiDefinition.fromJson';
    const spec = parseJsonObject(w, 'document', document);
    let format: string;
    if (typeof spec.openapi === 'string' && /^3\.\d+(\.\d+)?$/.test(spec.openapi)) {
      format = 'openapi+json';
    } else if (spec.swagger === '2.0') {
      format = 'swagger-json';
    } else {
      return invalid(w, 'document', 'has neither an "openapi": "3.x" nor a "swagger": "2.0" field', 'an OpenAPI 3.x or Swagger 2.0 document');
    }
    const paths = spec.paths;
    if (paths === null || typeof paths !== 'object' || Array.isArray(paths) || Object.keys(paths).length === 0) {
      invalid(w, 'document.paths', 'is missing or empty', 'at least one path with an operation');
    }
    const operations: SpecOperation[] = [];
    for (const [path, item] of Object.entries(paths as Record<string, unknown>)) {
      if (item === null || typeof item !== 'object') continue;
      for (const method of PATH_METHODS) {
        const op = (item as Record<string, unknown>)[method] as Record<string, unknown> | undefined;
        if (op === undefined || op === null || typeof op !== 'object') continue;
        const where = `document.paths['${path}'].${method}.operationId`;
        if (op.operationId === undefined) invalid(w, where, 'is missing', 'an operationId on every operation, so its role policy can be attached');
        const id = checkOperationId(w, where, op.operationId as string);
        const dup = operations.find((o) => o.operationId.toLowerCase() === id.toLowerCase());
        if (dup) invalid(w, where, `'${id}' is also the operationId of ${dup.method} ${dup.path}`, 'a distinct operationId per operation');
        operations.push({ operationId: id, method: method.toUpperCase(), path });
      }
    }
    if (operations.length === 0) invalid(w, 'document.paths', 'has no operations', 'at least one operation');
    return new OpenApiDefinition(format, document, operations);
  }

  /** An OpenAPI 3.x document as YAML text. Its operations are not checked at synth. */
  public static fromYaml(document: string): OpenApiDefinition {
    if (typeof document !== 'string' || document.trim() === '') invalid('OpenApiDefinition.fromYaml', 'document', 'is empty', 'an OpenAPI 3.x YAML document');
    return new OpenApiDefinition('openapi', document, undefined);
  }

  /** An https link to an OpenAPI 3.x JSON document, fetched by APIM. Its operations are not checked at synth. */
  public static fromJsonUrl(url: string): OpenApiDefinition {
    return new OpenApiDefinition('openapi+json-link', checkLink('OpenApiDefinition.fromJsonUrl', url), undefined);
  }

  /** An https link to an OpenAPI 3.x YAML document, fetched by APIM. Its operations are not checked at synth. */
  public static fromYamlUrl(url: string): OpenApiDefinition {
    return new OpenApiDefinition('openapi-link', checkLink('OpenApiDefinition.fromYamlUrl', url), undefined);
  }

  /** The azurerm `import.content_format`, e.g. `openapi+json`. */
  public readonly contentFormat: string;
  /** The document text or link (azurerm `import.content_value`). */
  public readonly contentValue: string;
  /** The operation ids of the document, when they are known at synth (JSON documents). */
  public readonly operationIds?: string[];
  /** @internal */
  public readonly _operations?: ReadonlyArray<SpecOperation>;

  private constructor(contentFormat: string, contentValue: string, operations: SpecOperation[] | undefined) {
    this.contentFormat = contentFormat;
    this.contentValue = contentValue;
    this._operations = operations;
    this.operationIds = operations?.map((o) => o.operationId);
  }
}

function checkLink(where: string, url: string): string {
  if (typeof url === 'string' && Token.isUnresolved(url)) return url;
  const parsed = parseUrl(url);
  if (!parsed || parsed.protocol !== 'https:' || parsed.username || parsed.password) {
    invalid(where, 'url', `'${url}' is not an https URL`, 'an absolute https:// URL without user info');
  }
  return url;
}
