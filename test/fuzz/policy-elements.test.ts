/**
 * Table-driven fuzz test of the policy model: every exported policy element (and the
 * PolicyValue factories and PolicyDocument) gets wrong types and malformed values for every
 * prop, and each must fail with a ValidationError naming the element and the prop path, never
 * a TypeError, never rendering `[object Object]` or `undefined`. Free text must render as
 * literal XML text. Construct and render only (no synth), so it runs within the test command.
 */
import * as fs from 'fs';
import * as nodePath from 'path';
import { XMLParser } from 'fast-xml-parser';
import { ValidationError } from '../../lib/core/errors';
import * as policy from '../../lib/policy';
import {
  AuthenticationManagedIdentity, CheckHeader, Choose, ClaimMatch, ClientIpFilter, ContentValidationFormat, Cors, ForwardRequest,
  HeaderExistsAction, IpFilter, IpFilterAction, JsonErrorResponse, PolicyDocument, PolicyElement, PolicyScope, PolicySection, PolicyValue,
  QuotaByKey, RateLimitByKey, RawPolicyFragment, ReturnResponse, RewriteUri, SetBackendService, SetHeader, SetVariable, ValidateAzureAdToken,
  ValidateContent, ValidateHeaders, ValidateJwt, ValidateParameters, ValidateStatusCode, ValidationAction,
} from '../../lib/policy';
import { wellFormednessError } from '../../lib/policy/xml';

// ---------------------------------------------------------------------------------------------
// Prop kinds and their mutations
// ---------------------------------------------------------------------------------------------

/** What a prop is, so the table knows which values are wrong for it. */
interface Spec {
  readonly kind: 'text' | 'name' | 'bool' | 'int' | 'enum' | 'value' | 'expr' | 'element' | 'list' | 'rest' | 'object' | 'custom';
  /** Whether leaving the prop out is an error (then `undefined` is one of the mutations). */
  readonly required?: boolean;
  /** Lists: whether an empty list is refused. */
  readonly nonEmpty?: boolean;
  /** Lists: the spec of the items (mutated at index 0 of the base list). */
  readonly item?: Spec;
  /** Objects: the specs of the fields. */
  readonly fields?: Readonly<Record<string, Spec>>;
  /** `custom`: the mutations. */
  readonly values?: ReadonlyArray<unknown>;
  /** Free text whose `${` / `%{` must reach the XML as literal text (checked by the escaping test). */
  readonly freeText?: boolean;
}

const HUGE = 'x'.repeat(300_000);
const WRONG_TYPES: unknown[] = [42, true, {}, [], null, () => 'x'];
const CONTROL = ['a\u0000b', 'a\u0008b', 'a\u001Fb', 'a\uFFFFb', 'a\uD800b'];
/** Objects that look like a PolicyValue or an element but were not made by the library. */
const FAKE_VALUE = { text: '@(evil)', isExpression: true };
const FAKE_ELEMENT = {
  elementName: 'set-header',
  allowedSections: ['inbound', 'backend', 'outbound', 'on-error'],
  allowedIn: () => true,
  _statementNames: () => ['set-header'],
  _label: () => 'set-header',
  _toNode: () => ({ kind: 'raw', xml: '<evil />' }),
};

function mutationsOf(spec: Spec): unknown[] {
  const base = spec.required ? [undefined] : [];
  switch (spec.kind) {
    case 'text': return [...base, ...WRONG_TYPES, '', HUGE, ...CONTROL];
    case 'name': return [...base, ...WRONG_TYPES, '', ' ', HUGE, ...CONTROL, 'a\nb', 'a b'];
    case 'bool': return [...base, 'false', 'true', 0, 1, {}, [], null];
    case 'int': return [...base, NaN, Infinity, -Infinity, 1.5, -1, 1e15, '10', true, {}, [], null];
    case 'enum': return [...base, 'bogus', '', 'PREVENT', 42, true, {}, [], null];
    case 'value': return [...base, {}, FAKE_VALUE, 42, true, [], null, '@(evil)', '{{secret}}'];
    case 'expr': return [...base, {}, FAKE_VALUE, 42, true, [], null, '@(evil)', PolicyValue.literal('plain')];
    case 'element': return [...base, {}, FAKE_ELEMENT, 'x', 42, true, [], null, PolicyValue.literal('x')];
    case 'list': return [...base, 'x', 42, true, {}, null, [null], [undefined], ...(spec.nonEmpty ? [[]] : [])];
    case 'rest': return [];
    case 'object': return [...base, 'x', 42, true, [], null];
    case 'custom': return [...base, ...(spec.values ?? [])];
  }
}

const text = (required = false): Spec => ({ kind: 'text', required, freeText: true });
const name = (required = false): Spec => ({ kind: 'name', required });
const bool = (): Spec => ({ kind: 'bool' });
const int = (required = false): Spec => ({ kind: 'int', required });
const enumOf = (required = false): Spec => ({ kind: 'enum', required });
const value = (required = false): Spec => ({ kind: 'value', required });
const expr = (required = false): Spec => ({ kind: 'expr', required });
const element = (required = false): Spec => ({ kind: 'element', required });
const list = (item: Spec, opts: { required?: boolean; nonEmpty?: boolean } = {}): Spec => ({ kind: 'list', item, ...opts });
const rest = (item: Spec): Spec => ({ kind: 'rest', item });
const object = (fields: Record<string, Spec>, required = false): Spec => ({ kind: 'object', fields, required });

// ---------------------------------------------------------------------------------------------
// The table: every element with a valid base (every optional prop set) and the spec of its props
// ---------------------------------------------------------------------------------------------

interface Row {
  /** A label for the test names. */
  readonly label: string;
  /** The exported element class the row covers (for the completeness test). */
  readonly cls?: { readonly name: string; readonly prototype: PolicyElement };
  /** The `where` its errors must name. */
  readonly where: string;
  readonly base: Record<string, unknown>;
  readonly props: Readonly<Record<string, Spec>>;
  readonly build: (props: any) => PolicyElement | PolicyValue | PolicyDocument;
}

const claim = object({ name: text(true), values: list(text(), { required: true, nonEmpty: true }), match: enumOf(), separator: text() });
const responseHeader = object({ name: name(true), value: value(true) });
const literal = (v: string) => PolicyValue.literal(v);
const expression = (code: string) => PolicyValue.expression(code);
const RETURN_403 = new ReturnResponse({ statusCode: 403, reason: 'Forbidden' });

const ROWS: Row[] = [
  {
    label: 'ValidateJwt',
    cls: ValidateJwt,
    where: 'validate-jwt',
    build: (p) => new ValidateJwt(p),
    base: {
      openIdConfigUrls: ['https://login.microsoftonline.com/contoso.example/v2.0/.well-known/openid-configuration'],
      audiences: ['api://fhir'],
      issuers: ['https://login.microsoftonline.com/tenant/v2.0'],
      requiredClaims: [{ name: 'roles', values: ['Patient.Read'], match: ClaimMatch.ALL, separator: ' ' }],
      headerName: 'Authorization',
      failedValidationHttpCode: 401,
      failedValidationErrorMessage: 'Unauthorized',
      clockSkewSeconds: 30,
      outputTokenVariableName: 'jwt',
    },
    props: {
      openIdConfigUrls: list(name(), { required: true, nonEmpty: true }),
      audiences: list(text(), { required: true, nonEmpty: true }),
      issuers: list(text(), { required: true, nonEmpty: true }),
      requiredClaims: list(claim),
      headerName: name(),
      failedValidationHttpCode: int(),
      failedValidationErrorMessage: text(),
      clockSkewSeconds: int(),
      outputTokenVariableName: text(),
    },
  },
  {
    label: 'ValidateAzureAdToken',
    cls: ValidateAzureAdToken,
    where: 'validate-azure-ad-token',
    build: (p) => new ValidateAzureAdToken(p),
    base: {
      tenantId: '00000000-0000-0000-0000-000000000001',
      audiences: ['api://fhir'],
      clientApplicationIds: ['00000000-0000-0000-0000-000000000002'],
      requiredClaims: [{ name: 'roles', values: ['Patient.Read'] }],
      headerName: 'Authorization',
      failedValidationHttpCode: 401,
      failedValidationErrorMessage: 'Unauthorized',
      outputTokenVariableName: 'jwt',
    },
    props: {
      tenantId: name(true),
      audiences: list(text(), { required: true, nonEmpty: true }),
      clientApplicationIds: list(text(), { required: true, nonEmpty: true }),
      requiredClaims: list(claim),
      headerName: name(),
      failedValidationHttpCode: int(),
      failedValidationErrorMessage: text(),
      outputTokenVariableName: text(),
    },
  },
  {
    label: 'AuthenticationManagedIdentity',
    cls: AuthenticationManagedIdentity,
    where: 'authentication-managed-identity',
    build: (p) => new AuthenticationManagedIdentity(p),
    base: { resource: 'https://fhir.example.azurehealthcareapis.com', clientId: '00000000-0000-0000-0000-000000000003', outputTokenVariableName: 'token' },
    props: { resource: text(true), clientId: text(), outputTokenVariableName: text() },
  },
  {
    label: 'CheckHeader',
    cls: CheckHeader,
    where: 'check-header',
    build: (p) => new CheckHeader(p),
    base: { name: 'X-Client', values: ['portal'], failedCheckHttpCode: 403, failedCheckErrorMessage: 'Forbidden', ignoreCase: true },
    props: {
      name: name(true),
      values: list(text(), { required: true, nonEmpty: true }),
      failedCheckHttpCode: int(),
      failedCheckErrorMessage: text(),
      ignoreCase: bool(),
    },
  },
  {
    label: 'RateLimitByKey',
    cls: RateLimitByKey,
    where: 'rate-limit-by-key',
    build: (p) => new RateLimitByKey(p),
    base: {
      calls: 100,
      renewalPeriodSeconds: 60,
      counterKey: expression('context.Request.IpAddress'),
      incrementCondition: expression('true'),
      retryAfterHeaderName: 'Retry-After',
      retryAfterVariableName: 'retry-after',
      remainingCallsHeaderName: 'X-Remaining',
    },
    props: {
      calls: int(true),
      renewalPeriodSeconds: int(true),
      counterKey: value(true),
      incrementCondition: value(),
      retryAfterHeaderName: name(),
      retryAfterVariableName: name(),
      remainingCallsHeaderName: name(),
    },
  },
  {
    label: 'QuotaByKey',
    cls: QuotaByKey,
    where: 'quota-by-key',
    build: (p) => new QuotaByKey(p),
    base: { calls: 10_000, bandwidthBytes: 50_000 * 1024, renewalPeriodSeconds: 3600, counterKey: expression('context.Subscription.Id'), incrementCondition: expression('true') },
    props: {
      calls: int(),
      bandwidthBytes: { kind: 'custom', values: [...mutationsOf(int()), 1000, 1536, 0] },
      renewalPeriodSeconds: int(true),
      counterKey: value(true),
      incrementCondition: value(),
    },
  },
  {
    label: 'QuotaByKey (bandwidthKilobytes)',
    where: 'quota-by-key',
    build: (p) => new QuotaByKey(p),
    base: { calls: 10_000, bandwidthKilobytes: 50_000, renewalPeriodSeconds: 3600, counterKey: expression('context.Subscription.Id') },
    props: { bandwidthKilobytes: int() },
  },
  {
    label: 'IpFilter',
    cls: IpFilter,
    where: 'ip-filter',
    build: (p) => new IpFilter(p),
    base: { action: IpFilterAction.ALLOW, addresses: ['203.0.113.7', '198.51.100.0/24'] },
    props: { action: enumOf(true), addresses: list(name(), { required: true, nonEmpty: true }) },
  },
  {
    label: 'ClientIpFilter',
    cls: ClientIpFilter,
    where: 'ClientIpFilter',
    build: (p) => new ClientIpFilter(p),
    base: { action: IpFilterAction.FORBID, addresses: ['203.0.113.7', '2001:db8::/32'], clientIpVariable: 'client-ip', refusal: RETURN_403 },
    props: { action: enumOf(true), addresses: list(name(), { required: true, nonEmpty: true }), clientIpVariable: name(), refusal: element() },
  },
  {
    label: 'ValidateContent',
    cls: ValidateContent,
    where: 'validate-content',
    build: (p) => new ValidateContent(p),
    base: {
      maxSizeBytes: 1024,
      contentTypes: [{ type: 'application/fhir+json', validateAs: ContentValidationFormat.JSON, schemaId: 'patient', action: ValidationAction.PREVENT, allowAdditionalProperties: false }],
      unspecifiedContentTypeAction: ValidationAction.PREVENT,
      sizeExceededAction: ValidationAction.PREVENT,
      errorsVariableName: 'errors',
    },
    props: {
      maxSizeBytes: int(true),
      contentTypes: list(
        object({ type: name(true), validateAs: enumOf(), schemaId: text(), action: enumOf(), allowAdditionalProperties: bool() }),
        { required: true, nonEmpty: true }),
      unspecifiedContentTypeAction: enumOf(),
      sizeExceededAction: enumOf(),
      errorsVariableName: text(),
    },
  },
  {
    label: 'ValidateParameters',
    cls: ValidateParameters,
    where: 'validate-parameters',
    build: (p) => new ValidateParameters(p),
    base: {
      specifiedParameterAction: ValidationAction.PREVENT,
      unspecifiedParameterAction: ValidationAction.PREVENT,
      headers: { specifiedParameterAction: ValidationAction.PREVENT, unspecifiedParameterAction: ValidationAction.IGNORE },
      query: { specifiedParameterAction: ValidationAction.PREVENT, unspecifiedParameterAction: ValidationAction.PREVENT },
      path: { specifiedParameterAction: ValidationAction.DETECT },
      errorsVariableName: 'errors',
    },
    props: {
      specifiedParameterAction: enumOf(),
      unspecifiedParameterAction: enumOf(),
      headers: object({ specifiedParameterAction: enumOf(), unspecifiedParameterAction: enumOf() }),
      query: object({ specifiedParameterAction: enumOf(), unspecifiedParameterAction: enumOf() }),
      path: object({ specifiedParameterAction: enumOf() }),
      errorsVariableName: text(),
    },
  },
  {
    label: 'ValidateHeaders',
    cls: ValidateHeaders,
    where: 'validate-headers',
    build: (p) => new ValidateHeaders(p),
    base: {
      specifiedHeaderAction: ValidationAction.PREVENT,
      unspecifiedHeaderAction: ValidationAction.DETECT,
      allowedHeaders: ['X-Request-Id'],
      errorsVariableName: 'errors',
    },
    props: {
      specifiedHeaderAction: enumOf(),
      unspecifiedHeaderAction: enumOf(),
      allowedHeaders: list(name(), { nonEmpty: true }),
      errorsVariableName: text(),
    },
  },
  {
    label: 'ValidateStatusCode',
    cls: ValidateStatusCode,
    where: 'validate-status-code',
    build: (p) => new ValidateStatusCode(p),
    base: { unspecifiedStatusCodeAction: ValidationAction.PREVENT, allowedStatusCodes: [429], errorsVariableName: 'errors' },
    props: { unspecifiedStatusCodeAction: enumOf(), allowedStatusCodes: list(int()), errorsVariableName: text() },
  },
  {
    label: 'SetHeader',
    cls: SetHeader,
    where: 'set-header',
    build: (p) => new SetHeader(p),
    base: { name: 'X-Frame-Options', existsAction: HeaderExistsAction.OVERRIDE, values: [literal('DENY')] },
    props: { name: name(true), existsAction: enumOf(), values: list(value(), { nonEmpty: true }) },
  },
  {
    label: 'SetHeader (delete)',
    cls: SetHeader,
    where: 'set-header',
    build: (p) => new SetHeader(p),
    base: { name: 'X-Powered-By', existsAction: HeaderExistsAction.DELETE },
    props: { name: name(true), existsAction: enumOf() },
  },
  {
    label: 'SetHeader.override',
    cls: SetHeader,
    where: 'set-header',
    build: (p) => SetHeader.override(p.name, p.value),
    base: { name: 'X-Content-Type-Options', value: 'nosniff' },
    props: { name: name(true), value: { kind: 'custom', required: true, freeText: true, values: [...WRONG_TYPES, HUGE, ...CONTROL, '@(evil)', 'a {{secret}}'] } },
  },
  {
    label: 'SetHeader.remove',
    cls: SetHeader,
    where: 'set-header',
    build: (p) => SetHeader.remove(p.name),
    base: { name: 'X-Powered-By' },
    props: { name: name(true) },
  },
  {
    label: 'Cors',
    cls: Cors,
    where: 'cors',
    build: (p) => new Cors(p),
    base: {
      allowedOrigins: ['https://portal.contoso.example'],
      allowedMethods: ['GET', 'POST'],
      allowedHeaders: ['Authorization'],
      exposeHeaders: ['X-Request-Id'],
      allowCredentials: true,
      preflightResultMaxAgeSeconds: 600,
    },
    props: {
      allowedOrigins: list(name(), { required: true, nonEmpty: true }),
      allowedMethods: list(name()),
      allowedHeaders: list(name()),
      exposeHeaders: list(name()),
      allowCredentials: bool(),
      preflightResultMaxAgeSeconds: int(),
    },
  },
  {
    label: 'Choose',
    cls: Choose,
    where: 'choose',
    build: (p) => new Choose(p),
    base: {
      branches: [{ condition: expression('context.Request.Method == "DELETE"'), elements: [new SetHeader({ name: 'X-Deleted', values: [literal('1')] })] }],
      otherwise: [new SetHeader({ name: 'X-Other', values: [literal('1')] })],
    },
    props: {
      branches: list(
        object({ condition: expr(true), elements: list(element(), { required: true, nonEmpty: true }) }, true),
        { required: true, nonEmpty: true }),
      otherwise: list(element()),
    },
  },
  {
    label: 'ReturnResponse (statusCode)',
    cls: ReturnResponse,
    where: 'return-response',
    build: (p) => new ReturnResponse(p),
    base: { statusCode: 404, reason: 'Not Found', headers: [{ name: 'Content-Type', value: literal('application/json') }], body: literal('{}') },
    props: { statusCode: int(true), reason: text(), headers: list(responseHeader), body: value() },
  },
  {
    label: 'ReturnResponse (statusCodeExpression)',
    cls: ReturnResponse,
    where: 'return-response',
    build: (p) => new ReturnResponse(p),
    base: { statusCodeExpression: expression('context.Variables.GetValueOrDefault<int>("s", 500)'), reason: 'Error', body: expression('"x"') },
    props: { statusCodeExpression: expr(), reason: text(), body: value() },
  },
  {
    label: 'SetBackendService (backendId)',
    cls: SetBackendService,
    where: 'set-backend-service',
    build: (p) => new SetBackendService(p),
    base: { backendId: 'fhir-backend' },
    props: { backendId: text(true) },
  },
  {
    label: 'SetBackendService (baseUrl)',
    cls: SetBackendService,
    where: 'set-backend-service',
    build: (p) => new SetBackendService(p),
    base: { baseUrl: 'https://fhir.example.azurehealthcareapis.com' },
    props: { baseUrl: name() },
  },
  {
    label: 'RewriteUri',
    cls: RewriteUri,
    where: 'rewrite-uri',
    build: (p) => new RewriteUri(p),
    base: { template: '/Patient/{id}', copyUnmatchedParams: false },
    props: { template: name(true), copyUnmatchedParams: bool() },
  },
  {
    label: 'ForwardRequest',
    cls: ForwardRequest,
    where: 'forward-request',
    build: (p) => new ForwardRequest(p),
    base: { timeout: literal('60'), failOnErrorStatusCode: true },
    props: { timeout: { kind: 'custom', values: [...mutationsOf(value()), literal('241'), literal('1.5'), literal('soon')] }, failOnErrorStatusCode: bool() },
  },
  {
    label: 'SetVariable',
    cls: SetVariable,
    where: 'set-variable',
    build: (p) => new SetVariable(p),
    base: { name: 'client-ip', value: expression('context.Request.IpAddress') },
    props: { name: name(true), value: value(true) },
  },
  {
    label: 'RawPolicyFragment',
    cls: RawPolicyFragment,
    where: 'RawPolicyFragment',
    build: (p) => new RawPolicyFragment(p),
    base: { xml: '<set-header name="X-Powered-By" exists-action="delete" />', allowedSections: [PolicySection.OUTBOUND] },
    props: { xml: { kind: 'custom', required: true, values: [...mutationsOf(name()), '<evil />', '<set-header name="x"', '<base />'] }, allowedSections: list(enumOf(), { nonEmpty: true }) },
  },
  {
    label: 'JsonErrorResponse.of',
    cls: JsonErrorResponse,
    where: 'JsonErrorResponse',
    build: (p) => JsonErrorResponse.of(p),
    base: { statusCode: 403, code: 'forbidden', message: 'Access denied.', headers: [{ name: 'Cache-Control', value: literal('no-store') }] },
    props: { statusCode: int(true), code: text(true), message: text(true), headers: list(responseHeader) },
  },
  {
    label: 'JsonErrorResponse.fromContextVariables',
    cls: JsonErrorResponse,
    where: 'JsonErrorResponse',
    build: (p) => JsonErrorResponse.fromContextVariables(p.headers),
    base: { headers: [{ name: 'Cache-Control', value: literal('no-store') }] },
    props: { headers: list(responseHeader) },
  },
  // Not elements, but every policy element's values come from them.
  {
    label: 'PolicyValue.literal',
    where: 'PolicyValue.literal',
    build: (p) => PolicyValue.literal(p.value),
    base: { value: 'DENY' },
    props: { value: { kind: 'custom', required: true, freeText: true, values: [...WRONG_TYPES, HUGE, ...CONTROL, '@(evil)', 'a {{secret}}'] } },
  },
  {
    label: 'PolicyValue.expression',
    where: 'PolicyValue.expression',
    build: (p) => PolicyValue.expression(p.code),
    base: { code: 'context.Request.IpAddress' },
    props: { code: { kind: 'custom', required: true, values: [...WRONG_TYPES, '', '   ', HUGE, ...CONTROL] } },
  },
  {
    label: 'PolicyValue.multiStatement',
    where: 'PolicyValue.multiStatement',
    build: (p) => PolicyValue.multiStatement(p.code),
    base: { code: 'return 1;' },
    props: { code: { kind: 'custom', required: true, values: [...WRONG_TYPES, '', '   ', HUGE, ...CONTROL, 'var x = 1;'] } },
  },
  {
    label: 'PolicyValue.namedValue',
    where: 'PolicyValue.namedValue',
    build: (p) => PolicyValue.namedValue(p.name),
    base: { name: 'backend-key' },
    props: { name: name(true) },
  },
  {
    label: 'PolicyDocument',
    where: 'PolicyDocument',
    build: (p) => new PolicyDocument(p),
    base: {
      scope: PolicyScope.API,
      inbound: [new SetHeader({ name: 'X-In', values: [literal('1')] })],
      backend: [new SetBackendService({ backendId: 'fhir' })],
      outbound: [SetHeader.remove('X-Powered-By')],
      onError: [new SetHeader({ name: 'X-Err', values: [literal('1')] })],
    },
    props: { scope: enumOf(), inbound: list(element()), backend: list(element()), outbound: list(element()), onError: list(element()) },
  },
  {
    label: 'PolicyDocument.add',
    where: 'PolicyDocument',
    build: (p) => new PolicyDocument().add(p.section, ...p.elements),
    base: { section: PolicySection.OUTBOUND, elements: [SetHeader.remove('X-Powered-By')] },
    props: { section: enumOf(true), elements: rest(element()) },
  },
];

// ---------------------------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------------------------

/** A copy of `obj` with `value` at `path`, copying only the objects and arrays along the path. */
function setAt(obj: unknown, path: ReadonlyArray<string | number>, v: unknown): unknown {
  const [head, ...tail] = path;
  const copy: any = Array.isArray(obj) ? [...obj] : { ...(obj as object) };
  copy[head] = tail.length === 0 ? v : setAt(copy[head], tail, v);
  return copy;
}

function pathText(path: ReadonlyArray<string | number>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

interface Case {
  readonly row: Row;
  readonly path: ReadonlyArray<string | number>;
  readonly spec: Spec;
}

/** Every prop path of a row, nested objects and the first item of lists included. */
function casesOf(row: Row): Case[] {
  const out: Case[] = [];
  const walk = (path: ReadonlyArray<string | number>, spec: Spec) => {
    out.push({ row, path, spec });
    if ((spec.kind === 'list' || spec.kind === 'rest') && spec.item) walk([...path, 0], spec.item);
    if (spec.kind === 'object' && spec.fields) for (const [k, s] of Object.entries(spec.fields)) walk([...path, k], s);
  };
  for (const [k, s] of Object.entries(row.props)) walk([k], s);
  return out;
}

const CASES = ROWS.flatMap(casesOf);

function shown(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 20 ? `${v.slice(0, 10)}...(${v.length})` : v);
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (typeof v === 'function') return 'a function';
  if (v instanceof PolicyValue) return `PolicyValue(${v.text})`;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** Why a mutated build did not fail as it should, or undefined when it did. */
function problemOf(c: Case, mutated: unknown): string | undefined {
  const props = setAt(c.row.base, c.path, mutated);
  const prop = pathText(c.path);
  let result: unknown;
  try {
    result = c.row.build(props);
  } catch (e) {
    if (!ValidationError.isValidationError(e)) return `threw ${e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e)}`;
    if (e.constructPath !== c.row.where) return `named '${e.constructPath}', not '${c.row.where}' (${e.message})`;
    if (!(e.prop === prop || e.prop.startsWith(`${prop}[`) || e.prop.startsWith(`${prop}.`))) return `named prop '${e.prop}', not '${prop}' (${e.message})`;
    if (/\[object Object\]/.test(e.message)) return `message shows [object Object]: ${e.message}`;
    return undefined;
  }
  const xml = result instanceof PolicyValue ? result.text : (result as PolicyElement | PolicyDocument).toXml();
  return `was accepted${/\[object Object\]|undefined|NaN/.test(xml) ? ' and rendered [object Object], undefined or NaN' : ''}: ${xml.slice(0, 200)}`;
}

describe('policy fuzz: the valid bases build and render cleanly', () => {
  test.each(ROWS.map((r) => [r.label, r]))('%s', (_, row) => {
    const r = row as Row;
    const result = r.build(r.base);
    const xml = result instanceof PolicyValue ? result.text : result.toXml();
    expect(xml).not.toMatch(/\[object Object\]|undefined|NaN/);
    if (!(result instanceof PolicyValue)) expect(wellFormednessError(xml)).toBeUndefined();
    if (r.cls) expect(result).toBeInstanceOf(r.cls);
  });
});

describe('policy fuzz: every bad value is a ValidationError naming the element and the prop', () => {
  test.each(CASES.map((c) => [c.row.label, pathText(c.path), c]))('%s: %s', (_, __, c) => {
    const theCase = c as Case;
    const failures = mutationsOf(theCase.spec)
      .map((m) => [m, problemOf(theCase, m)] as const)
      .filter(([, problem]) => problem !== undefined)
      .map(([m, problem]) => `${shown(m)}: ${problem}`);
    expect(failures).toEqual([]);
  });
});

/** The props struct (in the jsii assembly) each row's props bag is. */
const STRUCT_OF: Readonly<Record<string, string>> = {
  'ValidateJwt': 'ValidateJwtProps',
  'ValidateAzureAdToken': 'ValidateAzureAdTokenProps',
  'AuthenticationManagedIdentity': 'AuthenticationManagedIdentityProps',
  'CheckHeader': 'CheckHeaderProps',
  'RateLimitByKey': 'RateLimitByKeyProps',
  'QuotaByKey': 'QuotaByKeyProps',
  'QuotaByKey (bandwidthKilobytes)': 'QuotaByKeyProps',
  'IpFilter': 'IpFilterProps',
  'ClientIpFilter': 'ClientIpFilterProps',
  'ValidateContent': 'ValidateContentProps',
  'ValidateParameters': 'ValidateParametersProps',
  'ValidateHeaders': 'ValidateHeadersProps',
  'ValidateStatusCode': 'ValidateStatusCodeProps',
  'SetHeader': 'SetHeaderProps',
  'SetHeader (delete)': 'SetHeaderProps',
  'Cors': 'CorsProps',
  'Choose': 'ChooseProps',
  'ReturnResponse (statusCode)': 'ReturnResponseProps',
  'ReturnResponse (statusCodeExpression)': 'ReturnResponseProps',
  'SetBackendService (backendId)': 'SetBackendServiceProps',
  'SetBackendService (baseUrl)': 'SetBackendServiceProps',
  'RewriteUri': 'RewriteUriProps',
  'ForwardRequest': 'ForwardRequestProps',
  'SetVariable': 'SetVariableProps',
  'RawPolicyFragment': 'RawPolicyFragmentProps',
  'JsonErrorResponse.of': 'JsonErrorResponseProps',
  'PolicyDocument': 'PolicyDocumentProps',
};

describe('policy fuzz: the table is complete', () => {
  test('every prop of every props struct, nested structs included, is in the table (read from the jsii assembly)', () => {
    const file = nodePath.resolve(__dirname, '..', '..', '.jsii');
    expect(fs.existsSync(file)).toBe(true); // built by the test command (jsii) before jest runs
    const types: Record<string, any> = JSON.parse(fs.readFileSync(file, 'utf8')).types;
    const fqn = (n: string) => `cdktf-healthcare-apim.policy.${n}`; // the policy model is the jsii submodule `policy`
    const propsOf = (structFqn: string): any[] => [
      ...(types[structFqn].properties ?? []),
      ...(types[structFqn].interfaces ?? []).flatMap((i: string) => propsOf(i)),
    ];
    // Each element class's props struct has rows.
    const isElement = (t: any): boolean => t?.base === fqn('PolicyElement') || (t?.base !== undefined && isElement(types[t.base]));
    const structs = new Set(Object.values(STRUCT_OF).map(fqn));
    for (const t of Object.values(types).filter((x: any) => x.kind === 'class' && isElement(x))) {
      const params = t.initializer?.parameters ?? t.methods?.find((m: any) => m.name === 'of')?.parameters ?? [];
      const struct = params.map((p: any) => p.type.fqn).find((f: string | undefined) => f && types[f]?.datatype);
      if (struct) expect([t.name, structs.has(struct)]).toEqual([t.name, true]);
    }
    // Every prop of those structs (and of the structs nested in them) has a spec.
    const missing: string[] = [];
    const compare = (structFqn: string, specs: ReadonlyArray<Readonly<Record<string, Spec>>>, where: string) => {
      const covered = new Set(specs.flatMap((x) => Object.keys(x)));
      for (const p of propsOf(structFqn)) {
        if (!covered.has(p.name)) missing.push(`${where}.${p.name}`);
        const nested = p.type.fqn ?? p.type.collection?.elementtype?.fqn;
        if (nested && types[nested]?.datatype) {
          const inner = specs.map((x) => x[p.name]).filter((x): x is Spec => x !== undefined)
            .map((x) => (x.kind === 'object' ? x.fields : x.item?.fields)).filter((x): x is Readonly<Record<string, Spec>> => x !== undefined);
          compare(nested, inner, `${where}.${p.name}`);
        }
      }
    };
    for (const struct of new Set(Object.values(STRUCT_OF))) {
      compare(fqn(struct), ROWS.filter((r) => STRUCT_OF[r.label] === struct).map((r) => r.props), struct);
    }
    expect(missing).toEqual([]);
  });

  test('every element class exported from lib/policy has a row', () => {
    const exported = Object.entries(policy)
      .filter(([, v]) => typeof v === 'function' && (v as { prototype?: unknown }).prototype instanceof PolicyElement)
      .map(([k]) => k).sort();
    expect(exported.length).toBeGreaterThan(20);
    const covered = [...new Set(ROWS.filter((r) => r.cls).map((r) => r.cls!.name))].sort();
    expect(covered).toEqual(exported);
  });

  test('every prop of every row is mutated at least once', () => {
    for (const c of CASES) {
      if (c.spec.kind === 'rest') continue;
      expect([pathText(c.path), mutationsOf(c.spec).length > 0]).toEqual([pathText(c.path), true]);
    }
  });
});

describe('policy fuzz: free text reaches the XML as literal text', () => {
  const TEXT = 'Fuzz ${var.x} %{ if true } <b> & end';
  const freeTextCases = CASES.filter((c) => c.spec.freeText && c.row.cls);

  test.each(freeTextCases.map((c) => [c.row.label, pathText(c.path), c]))('%s: %s', (_, __, c) => {
    const theCase = c as Case;
    const e = theCase.row.build(setAt(theCase.row.base, theCase.path, TEXT)) as PolicyElement;
    const xml = e.toXml();
    expect(wellFormednessError(xml)).toBeUndefined();
    expect(xml).not.toMatch(/\[object Object\]|undefined/);
    // Parsed back, some attribute or text holds the value exactly (a JsonErrorResponse holds it
    // inside a C# string literal).
    const strings: string[] = [];
    const collect = (n: unknown): void => {
      if (typeof n === 'string') strings.push(n);
      else if (Array.isArray(n)) n.forEach(collect);
      else if (n && typeof n === 'object') Object.values(n).forEach(collect);
    };
    collect(new XMLParser({ ignoreAttributes: false, parseAttributeValue: false, parseTagValue: false }).parse(xml));
    expect(strings.some((s) => s.includes(TEXT))).toBe(true);
    // In Terraform the template sequences are escaped, so Terraform passes them through.
    const section = e.allowedSections[0];
    const doc = new PolicyDocument({ scope: PolicyScope.GLOBAL }).add(section, e);
    const tf = doc.toTerraformString();
    expect(tf).toContain('Fuzz $${var.x} %%{ if true } &lt;b&gt; &amp; end');
  });
});
