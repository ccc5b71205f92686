/** The data types of `ProtectedApi`'s props. */
import { RateLimit } from '../core/rate-limit';

/** The type of a template, query or header parameter. */
export enum ParameterType {
  /** Any string. */
  STRING = 'string',
  /** A whole number. */
  INTEGER = 'integer',
  /** A number. */
  NUMBER = 'number',
  /** `true` or `false`. */
  BOOLEAN = 'boolean',
  /** A string in UUID format (validated through a registered schema). */
  UUID = 'uuid',
  /** A full date such as `2024-01-31` (validated through a registered schema). */
  DATE = 'date',
  /** A date and time such as `2024-01-31T12:00:00Z` (validated through a registered schema). */
  DATE_TIME = 'date-time',
}

/** A parameter of an operation: a URL template parameter, a query parameter or a header. */
export interface ApiParameter {
  /** The parameter name. Template and query names: letters, digits and underscore; headers: an HTTP header name. */
  readonly name: string;
  /**
   * The type the value must have.
   * @default ParameterType.STRING
   */
  readonly type?: ParameterType;
  /**
   * Whether the parameter must be present. Template parameters are always required.
   * @default - true for template parameters, false for query parameters and headers
   */
  readonly required?: boolean;
  /**
   * A description shown in the developer portal.
   * @default - none
   */
  readonly description?: string;
  /**
   * The only values accepted.
   * @default - any value of the type
   */
  readonly allowedValues?: string[];
}

/** A response an operation declares. Undeclared status codes and headers are stopped at the gateway. */
export interface ApiResponse {
  /** The HTTP status code, 100 to 599. */
  readonly statusCode: number;
  /**
   * A description shown in the developer portal.
   * @default - the standard reason phrase
   */
  readonly description?: string;
  /**
   * Name of a schema in `schemas` that the body follows.
   * @default - no body schema
   */
  readonly schemaName?: string;
  /**
   * Content types of the body (used with `schemaName`).
   * @default - the API's `allowedContentTypes`
   */
  readonly contentTypes?: string[];
  /**
   * Response headers the operation may return, besides the standard ones the API allows.
   * @default - none
   */
  readonly headers?: ApiParameter[];
}

/** A named JSON schema, registered on the API as an OpenAPI component. */
export interface ApiSchema {
  /** The component name, e.g. `Patient`: a letter, then letters, digits and underscore. */
  readonly name: string;
  /**
   * The schema as JSON text, e.g. `JSON.stringify({ type: 'object', required: ['id'] })`.
   * It may refer to other schemas as `#/components/schemas/<name>`.
   */
  readonly definition: string;
}

/**
 * Access and limits of one operation. Operation limits are applied in the operation's policy,
 * after the API's (which run first through `<base />`), so they can only tighten the API's.
 */
export interface OperationControls {
  /**
   * App roles of which the caller's token must carry at least one (`roles` claim). At least one.
   * Each becomes an app role of the API's app registration.
   */
  readonly requiredRoles: string[];
  /**
   * The largest request body for this operation, in bytes; at most the API's `maxRequestBodyBytes`.
   * @default - the API's limit
   */
  readonly maxRequestBodyBytes?: number;
  /**
   * Request content types this operation accepts; a subset of the API's `allowedContentTypes`.
   * @default - the API's content types
   */
  readonly allowedContentTypes?: string[];
  /**
   * An extra rate limit per subscription for this operation alone (counted apart from the API's),
   * e.g. `RateLimit.perMinute(10)`.
   * @default - only the API's limits
   */
  readonly rateLimit?: RateLimit;
}

/** An operation defined in code. */
export interface ApiOperation extends OperationControls {
  /** The HTTP method: GET, POST, PUT, PATCH, DELETE or HEAD. */
  readonly method: string;
  /** The URL template below the API path, e.g. `/patients/{id}`. */
  readonly urlTemplate: string;
  /**
   * The operation id: letters, digits, `_` and `-`, up to 80 characters.
   * @default - method and template, e.g. `get-patients-id`
   */
  readonly operationId?: string;
  /**
   * The name shown in the developer portal.
   * @default - method and template, e.g. `GET /patients/{id}`
   */
  readonly displayName?: string;
  /**
   * A description shown in the developer portal, up to 1000 characters.
   * @default - none
   */
  readonly description?: string;
  /**
   * Types of the URL template parameters. A parameter of the template that is not listed is a
   * required string.
   * @default - every template parameter is a required string
   */
  readonly templateParameters?: ApiParameter[];
  /**
   * Query parameters the operation accepts; any other query parameter is refused.
   * @default - none
   */
  readonly queryParameters?: ApiParameter[];
  /**
   * Request headers the operation declares, besides the standard ones.
   * @default - none
   */
  readonly requestHeaders?: ApiParameter[];
  /**
   * Name of a schema in `schemas` that the request body must follow (validated at the gateway).
   * @default - the body is checked for content type and size only
   */
  readonly requestSchemaName?: string;
  /**
   * The responses the operation may return. Undeclared status codes are stopped, except the
   * API's `allowedResponseStatusCodes`.
   * @default - one success response: 200 (GET, PUT, PATCH, HEAD), 201 (POST) or 204 (DELETE)
   */
  readonly responses?: ApiResponse[];
}

/** Access and limits of an operation that comes from an OpenAPI definition. */
export interface ImportedOperation extends OperationControls {
  /** The `operationId` of the operation in the OpenAPI definition. */
  readonly operationId: string;
}

/** How the API validates bearer tokens. */
export enum TokenValidation {
  /**
   * `validate-azure-ad-token` for the platform's tenant, with the API's allowed client ids;
   * with none, `validate-jwt` as OPENID_JWT (APIM rejects validate-azure-ad-token without
   * `<client-application-ids>`).
   */
  AZURE_AD_TOKEN = 'validate-azure-ad-token',
  /** `validate-jwt` with the tenant's v2.0 OpenID configuration and issuer. */
  OPENID_JWT = 'validate-jwt',
}

/** An app registration that already exists, used instead of creating one. */
export interface ExistingApiApp {
  /** The app's client (application) id. */
  readonly clientId: string;
  /** The token audience the API accepts besides the client id, e.g. the app's identifier URI. */
  readonly audience: string;
  /**
   * Object id of the app's service principal in the tenant.
   * @default - looked up by client id
   */
  readonly servicePrincipalObjectId?: string;
  /**
   * The ids of the app roles the operations require (role value to id).
   * @default - read from the app registration by client id
   */
  readonly appRoleIds?: { [role: string]: string };
}
