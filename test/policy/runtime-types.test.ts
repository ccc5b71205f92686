/**
 * Issue 14, point 4: typed values are checked at run time too, because JavaScript and jsii
 * callers can pass anything. The table-driven sweep is test/fuzz/policy-elements.test.ts; these
 * are the cases the issue names, spelled out.
 */
import { Lazy } from 'cdktf';
import { InputValidation } from '../../lib/core/errors';
import {
  CheckHeader, Choose, ClaimMatch, Cors, ForwardRequest, HeaderExistsAction, JsonErrorResponse, PolicyDocument, PolicySection, PolicyValue,
  RateLimitByKey, RawPolicyFragment, ReturnResponse, RewriteUri, SetHeader, SetVariable, ValidateContent, ValidateHeaders, ValidateJwt,
  ValidateStatusCode,
} from '../../lib/policy';

/** The ValidationError `build` throws, as `[where, prop]`. */
function refusal(build: () => unknown): [string | undefined, string | undefined] {
  try {
    build();
  } catch (e) {
    if (!InputValidation.isValidationError(e)) throw e;
    expect((e as Error).message).not.toMatch(/\[object Object\]/);
    return [InputValidation.constructPathOf(e), InputValidation.propOf(e)];
  }
  throw new Error('nothing was thrown');
}

const any = (x: unknown) => x as never;
const JWT = {
  openIdConfigUrls: ['https://login.microsoftonline.com/t/v2.0/.well-known/openid-configuration'],
  audiences: ['api://fhir'],
  issuers: ['https://login.microsoftonline.com/t/v2.0'],
};

describe("booleans given as 'false' switch nothing on", () => {
  test.each([
    ['check-header', 'ignoreCase', () => new CheckHeader({ name: 'X-Client', values: ['a'], ignoreCase: any('false') })],
    ['cors', 'allowCredentials', () => new Cors({ allowedOrigins: ['https://a.example'], allowCredentials: any('false') })],
    ['rewrite-uri', 'copyUnmatchedParams', () => new RewriteUri({ template: '/x', copyUnmatchedParams: any('false') })],
    ['forward-request', 'failOnErrorStatusCode', () => new ForwardRequest({ failOnErrorStatusCode: any('false') })],
    ['validate-content', 'contentTypes[0].allowAdditionalProperties',
      () => new ValidateContent({ maxSizeBytes: 10, contentTypes: [{ type: 'application/json', allowAdditionalProperties: any('false') }] })],
  ])('%s %s', (where, prop, build) => {
    expect(refusal(build)).toEqual([where, prop]);
  });
});

describe('objects are never rendered as [object Object]', () => {
  test.each([
    ['set-header', 'values[0]', () => new SetHeader({ name: 'X-A', values: [any({})] })],
    ['set-header', 'values[0]', () => new SetHeader({ name: 'X-A', values: [any({ text: '@(evil)', isExpression: true })] })],
    ['set-variable', 'value', () => new SetVariable({ name: 'v', value: any({}) })],
    ['rate-limit-by-key', 'counterKey', () => new RateLimitByKey({ calls: 1, renewalPeriodSeconds: 1, counterKey: any({}) })],
    ['return-response', 'body', () => new ReturnResponse({ statusCode: 200, body: any({}) })],
    ['return-response', 'headers[0].value', () => new ReturnResponse({ statusCode: 200, headers: [{ name: 'X-A', value: any({}) }] })],
    ['forward-request', 'timeout', () => new ForwardRequest({ timeout: any({ text: '30', isExpression: false }) })],
    ['choose', 'branches[0].elements[0]', () => new Choose({ branches: [{ condition: PolicyValue.expression('true'), elements: [any({})] }] })],
    ['PolicyDocument', 'inbound[0]', () => new PolicyDocument({ inbound: [any({ elementName: 'x', allowedIn: () => true })] })],
    ['PolicyDocument', 'elements[0]', () => new PolicyDocument().add(PolicySection.INBOUND, any({}))],
    ['validate-jwt', 'failedValidationErrorMessage', () => new ValidateJwt({ ...JWT, failedValidationErrorMessage: any({}) })],
  ])('%s %s', (where, prop, build) => {
    expect(refusal(build)).toEqual([where, prop]);
  });
});

describe('enum values outside the enum are refused', () => {
  test.each([
    ['set-header', 'existsAction', () => new SetHeader({ name: 'X-A', existsAction: any('remove') })],
    ['validate-headers', 'unspecifiedHeaderAction', () => new ValidateHeaders({ unspecifiedHeaderAction: any('block') })],
    ['validate-status-code', 'unspecifiedStatusCodeAction', () => new ValidateStatusCode({ unspecifiedStatusCodeAction: any('PREVENT') })],
    ['validate-content', 'contentTypes[0].validateAs',
      () => new ValidateContent({ maxSizeBytes: 10, contentTypes: [{ type: 'application/json', validateAs: any('yaml') }] })],
    ['validate-jwt', 'requiredClaims[0].match', () => new ValidateJwt({ ...JWT, requiredClaims: [{ name: 'roles', values: ['a'], match: any('most') }] })],
    ['PolicyDocument', 'scope', () => new PolicyDocument({ scope: any('tenant') })],
    ['RawPolicyFragment', 'allowedSections[0]', () => new RawPolicyFragment({ xml: '<set-variable name="a" value="b" />', allowedSections: [any('in')] })],
  ])('%s %s', (where, prop, build) => {
    expect(refusal(build)).toEqual([where, prop]);
  });

  test('a valid enum value renders as before', () => {
    expect(new SetHeader({ name: 'X-A', existsAction: HeaderExistsAction.DELETE }).toXml()).toBe('<set-header name="X-A" exists-action="delete" />');
    const jwt = new ValidateJwt({ ...JWT, requiredClaims: [{ name: 'roles', values: ['a'], match: ClaimMatch.ALL }] }).toXml();
    expect(jwt).toContain('<claim name="roles" match="all">');
  });
});

describe('lists that are not arrays, and null items, are refused', () => {
  test.each([
    ['cors', 'allowedMethods', () => new Cors({ allowedOrigins: ['https://a.example'], allowedMethods: any('GET') })],
    ['cors', 'allowedOrigins[0]', () => new Cors({ allowedOrigins: [any(null)] })],
    ['validate-status-code', 'allowedStatusCodes', () => new ValidateStatusCode({ allowedStatusCodes: any(429) })],
    ['validate-status-code', 'allowedStatusCodes[1]', () => new ValidateStatusCode({ allowedStatusCodes: [429, any(undefined)] })],
    ['validate-jwt', 'requiredClaims', () => new ValidateJwt({ ...JWT, requiredClaims: any({ name: 'roles', values: ['a'] }) })],
    ['validate-jwt', 'audiences[0]', () => new ValidateJwt({ ...JWT, audiences: [any(null)] })],
    ['PolicyDocument', 'outbound', () => new PolicyDocument({ outbound: any(SetHeader.remove('X-A')) })],
    ['JsonErrorResponse', 'headers[0]', () => JsonErrorResponse.of({ statusCode: 403, code: 'forbidden', message: 'No.', headers: [any(null)] })],
  ])('%s %s', (where, prop, build) => {
    expect(refusal(build)).toEqual([where, prop]);
  });
});

describe('null is not the default', () => {
  test.each([
    ['validate-jwt', 'headerName', () => new ValidateJwt({ ...JWT, headerName: any(null) })],
    ['rate-limit-by-key', 'retryAfterHeaderName',
      () => new RateLimitByKey({ calls: 1, renewalPeriodSeconds: 1, counterKey: PolicyValue.expression('1'), retryAfterHeaderName: any(null) })],
    ['cors', 'preflightResultMaxAgeSeconds', () => new Cors({ allowedOrigins: ['https://a.example'], preflightResultMaxAgeSeconds: any(null) })],
    ['validate-headers', 'props', () => new ValidateHeaders(any(null))],
  ])('%s %s', (where, prop, build) => {
    expect(refusal(build)).toEqual([where, prop]);
  });
});

describe('PolicyValue factories check their argument', () => {
  test.each([
    ['PolicyValue.expression', 'code', () => PolicyValue.expression(any(42))],
    ['PolicyValue.multiStatement', 'code', () => PolicyValue.multiStatement(any({}))],
    ['PolicyValue.namedValue', 'name', () => PolicyValue.namedValue(any({}))],
    ['PolicyValue.literal', 'value', () => PolicyValue.literal(any({}))],
  ])('%s %s', (where, prop, build) => {
    expect(refusal(build)).toEqual([where, prop]);
  });
});

describe('tokens get the type check only', () => {
  test('a number token passes a whole-number range check, a string token a free-text check', () => {
    const calls = Lazy.numberValue({ produce: () => 10 });
    const message = Lazy.stringValue({ produce: () => 'Unauthorized' });
    expect(() => new RateLimitByKey({ calls, renewalPeriodSeconds: 60, counterKey: PolicyValue.expression('1') })).not.toThrow();
    expect(() => new ValidateJwt({ ...JWT, failedValidationErrorMessage: message })).not.toThrow();
  });

  test('a string token is still not a number', () => {
    expect(refusal(() => new RateLimitByKey({ calls: any(Lazy.stringValue({ produce: () => '10' })), renewalPeriodSeconds: 60, counterKey: PolicyValue.expression('1') })))
      .toEqual(['rate-limit-by-key', 'calls']);
  });
});
