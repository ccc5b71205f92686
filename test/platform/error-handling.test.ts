/**
 * What callers get when a request fails: the global on-error section run against the errors APIM
 * documents (Error handling in API Management policies: predefined errors; the validation
 * policies' error reference), with the C# it renders evaluated.
 */
import { SecureHealthcareApim } from '../../lib';
import { PLATFORM_PROPS } from '../api/fixtures';
import { FakeContext, FakeLastError } from '../util/csharp';
import { runStatements, SimulatedRun } from '../util/policy-runtime';
import { newStack, onlyResource, synthJson } from '../util/synth';
import { childElements, onlyChild, parseXml } from '../util/xml';

const stack = newStack();
new SecureHealthcareApim(stack, 'Platform', PLATFORM_PROPS);
const policy = parseXml(onlyResource(synthJson(stack), 'azurerm_api_management_policy').xml_content);
const onError = childElements(onlyChild(policy, 'on-error'));

/** The on-error section run for one error; the response must be a JSON error. */
function fail(lastError: FakeLastError, ctx: Omit<FakeContext, 'LastError'> = {}): SimulatedRun & { status: number; code: string; message: string; headers: Record<string, string> } {
  const run = runStatements(onError, { ...ctx, LastError: lastError });
  expect(run.response).toBeDefined();
  expect(run.response!.headers['Content-Type']).toBe('application/json');
  expect(run.response!.body).toContain('context.Variables.GetValueOrDefault<string>("error-code", "internal_error")');
  expect(run.response!.body).toContain('context.Variables.GetValueOrDefault<string>("error-message", "The request could not be processed.")');
  return { ...run, status: run.response!.status, code: run.variables['error-code'] as string, message: run.variables['error-message'] as string, headers: run.response!.headers };
}

const SIZE_DETAIL = "Request's body is 2097152 bytes long and it exceeds the configured limit of 1048576 bytes.";
const SIZE_PUBLIC = "Request's body is 2097152 bytes long and it exceeds the limit of 1048576 bytes.";

describe('a body over validate-content max-size is 413, not 400', () => {
  test.each([SIZE_DETAIL, SIZE_PUBLIC])('the size failure is recognised from the message (reason "Bad request"): %s', (message) => {
    const r = fail({ Source: 'validate-content', Reason: 'Bad request', Section: 'inbound', Message: message });
    expect([r.status, r.code, r.message]).toEqual([413, 'payload_too_large', 'The request body is too large.']);
  });

  test('a body that does not match the schema stays 400', () => {
    const r = fail({
      Source: 'validate-content',
      Reason: 'Bad request',
      Section: 'inbound',
      Message: 'Body of the request does not conform to the definition Patient, which is associated with the content type application/json. String exceeds maximum length.',
    });
    expect([r.status, r.code]).toEqual([400, 'bad_request']);
  });

  test('an unlisted content type stays 400', () => {
    expect(fail({ Source: 'validate-content', Reason: 'Bad request', Section: 'inbound', Message: 'Unspecified content type text/plain is not allowed.' }).status).toBe(400);
  });

  test("validate-content on the backend's response is 502 (the validation reference: 502 outbound)", () => {
    const r = fail({ Source: 'validate-content', Reason: 'Response not allowed', Section: 'outbound', Message: "Response's body is 9 bytes long and it exceeds the configured limit of 1 bytes." });
    expect([r.status, r.code]).toEqual([502, 'bad_gateway']);
  });
});

describe('the error message never reaches the caller', () => {
  const SECRET = 'Request\'s body is 5 bytes long and it exceeds the configured limit of 4 bytes. patient=Jane Doe';
  test.each<[string, FakeLastError]>([
    ['validate-content', { Source: 'validate-content', Reason: 'Bad request', Section: 'inbound', Message: SECRET }],
    ['validate-jwt', { Source: 'validate-jwt', Reason: 'TokenExpired', Message: `${SECRET} Access denied.` }],
    ['a backend failure', { Source: 'forward-request', Reason: 'BackendConnectionFailure', Message: SECRET }],
    ['an unknown error', { Source: 'set-body', Reason: 'Whatever', Message: SECRET }],
  ])('%s: the response carries fixed texts only', (_label, error) => {
    const r = fail(error);
    for (const v of [r.message, r.code, ...Object.values(r.headers)]) expect(v).not.toContain('Jane');
    // The response is built from the classified variables, never from LastError itself.
    expect(onError.filter((e) => e.tagName === 'choose').map((e) => e.toString()).join('')).not.toContain('LastError');
  });
});

describe('a 429 keeps its Retry-After', () => {
  // The variable's .NET type is not documented, so both an int and a string are read.
  test.each<[string, string | readonly ['int', number]]>([['an int', ['int', 17]], ['a string', '17']])(
    'a rate limit: Retry-After from the variable the platform rate limits store it in (%s)', (_label, stored) => {
      const r = fail({ Source: 'rate-limit-by-key', Reason: 'RateLimitExceeded', Message: 'Rate limit is exceeded' }, { Variables: { 'rate-limit-retry-after': stored } });
      expect([r.status, r.code]).toEqual([429, 'too_many_requests']);
      expect(r.headers['Retry-After']).toBe('17');
      expect(r.headers['Strict-Transport-Security']).toBe('max-age=31536000; includeSubDomains');
    });

  test('a quota (no retry variable): the Retry-After the policy set on the response is sent again', () => {
    const r = fail({ Source: 'quota', Reason: 'QuotaExceeded', Message: 'Out of call volume quota. Quota will be replenished in 00:10:00.' },
      { Response: { Headers: { 'Retry-After': '600' } } });
    expect([r.status, r.headers['Retry-After']]).toEqual([429, '600']);
  });

  test('no retry interval known: no Retry-After rather than an empty or made-up one', () => {
    const r = fail({ Source: 'rate-limit', Reason: 'RateLimitExceeded', Message: 'Rate limit is exceeded' }, { Response: null });
    expect(r.status).toBe(429);
    expect(r.headers).not.toHaveProperty('Retry-After');
  });

  test('other errors never carry Retry-After, even when a rate limit stored an interval', () => {
    const r = fail({ Source: 'validate-jwt', Reason: 'TokenExpired', Message: 'x' }, { Variables: { 'rate-limit-retry-after': ['int', 5] } });
    expect([r.status, r.headers['Retry-After']]).toEqual([401, undefined]);
  });

  test('the global rate limit stores its retry interval where on-error reads it', () => {
    const limit = onlyChild(onlyChild(policy, 'inbound'), 'rate-limit-by-key');
    expect(limit.getAttribute('retry-after-variable-name')).toBe('rate-limit-retry-after');
  });
});

describe('BackendConnectionFailure is 502 whatever its source', () => {
  // The predefined errors list its source as "multiple".
  test.each(['forward-request', 'send-request', 'multiple', 'set-backend-service', ''])('source %j', (source) => {
    const r = fail({ Source: source, Reason: 'BackendConnectionFailure', Message: 'Connection refused' });
    expect([r.status, r.code, r.message]).toEqual([502, 'bad_gateway', 'The backend returned an invalid response.']);
  });

  test('a forward-request timeout is still 504', () => {
    expect(fail({ Source: 'forward-request', Reason: 'Timeout', Message: 'x' }).status).toBe(504);
  });
});

describe('a missing subscription key is told apart from an invalid one', () => {
  test('SubscriptionKeyNotFound: 401 saying the key is missing', () => {
    const r = fail({ Source: 'authorization', Reason: 'SubscriptionKeyNotFound', Message: 'Access denied due to missing subscription key.' });
    expect([r.status, r.code, r.message]).toEqual([401, 'subscription_key_missing', 'A subscription key is required; none was sent.']);
  });

  test('SubscriptionKeyInvalid: 401 saying the key is not valid', () => {
    const r = fail({ Source: 'authorization', Reason: 'SubscriptionKeyInvalid', Message: 'Access denied due to invalid subscription key.' });
    expect([r.status, r.code, r.message]).toEqual([401, 'subscription_key_invalid', 'The subscription key is not valid for an active subscription.']);
  });

  test('neither talks about a bearer token, and a token failure does not talk about keys', () => {
    const messages = ['SubscriptionKeyNotFound', 'SubscriptionKeyInvalid'].map((reason) => fail({ Source: 'authorization', Reason: reason, Message: 'x' }).message);
    expect(new Set(messages).size).toBe(2);
    for (const m of messages) expect(m).not.toMatch(/token/i);
    expect(fail({ Source: 'validate-jwt', Reason: 'TokenNotPresent', Message: 'x' }).message).toBe('A valid bearer token is required.');
  });
});

describe('the remaining mapping is unchanged', () => {
  test.each<[FakeLastError, number]>([
    [{ Source: 'validate-jwt', Reason: 'TokenClaimValueNotAllowed', Message: 'x' }, 403],
    [{ Source: 'ip-filter', Reason: 'CallerIpNotAllowed', Message: 'x' }, 403],
    [{ Source: 'validate-parameters', Reason: 'Bad request', Section: 'inbound', Message: 'x' }, 400],
    [{ Source: 'validate-headers', Reason: 'Response not allowed', Section: 'outbound', Message: 'x' }, 502],
    [{ Source: 'configuration', Reason: 'OperationNotFound', Message: 'x' }, 404],
    [{ Source: 'set-body', Reason: 'ExpressionValueEvaluationFailure', Message: 'x' }, 500],
  ])('%j → %i', (error, status) => {
    expect(fail(error).status).toBe(status);
  });

  test('without LastError the answer is 500', () => {
    const run = runStatements(onError, {});
    expect(run.response!.status).toBe(500);
  });
});
