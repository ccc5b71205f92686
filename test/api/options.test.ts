import { TerraformOutput, Testing } from 'cdktf';
import { apiPolicy, operationPolicy, own, PATIENTS, patients, requestHeaderAction, section } from './fixtures';
import { ApimSku, ParameterType, ProtectedApi, Quota, RateLimit, TokenValidation } from '../../lib';
import { Cors, PolicySection, SetHeader, ValidationAction } from '../../lib/policy';
import { annotationsOf, block, blocks, resourcesOf } from '../util/synth';
import { allElements, attributes, childElements, childNames, onlyChild, textOf } from '../util/xml';

const inboundNames = (policy: Element) => section(policy, 'inbound').map((e) => e.tagName);

describe('limits', () => {
  test('API limits are tunable', () => {
    const policy = apiPolicy(patients({
      subscriptionRateLimit: RateLimit.per(50, 10),
      clientIpRateLimit: RateLimit.per(20, 30),
      subscriptionQuota: Quota.perHour(1000),
      maxRequestBodyBytes: 65536,
      allowedContentTypes: ['application/fhir+json'],
    }).json());
    const inbound = section(policy, 'inbound');
    const limits = inbound.filter((e) => e.tagName === 'rate-limit-by-key').map(attributes);
    expect(limits.map((l) => [l.calls, l['renewal-period']])).toEqual([['20', '30'], ['50', '10']]);
    expect(attributes(inbound.find((e) => e.tagName === 'quota-by-key')!)).toMatchObject({ 'calls': '1000', 'renewal-period': '3600' });
    const content = inbound.find((e) => e.tagName === 'validate-content')!;
    expect(attributes(content)['max-size']).toBe('65536');
    expect(childElements(content).map((c) => attributes(c).type)).toEqual(['application/fhir+json']);
  });

  test('operation limits tighten the API\'s in the operation policy, with their own counter', () => {
    const json = patients({
      operations: [
        { method: 'GET', urlTemplate: '/patients/{id}', requiredRoles: ['Patient.Read'], rateLimit: RateLimit.perMinute(10) },
        { method: 'POST', urlTemplate: '/patients', requiredRoles: ['Patient.Write'], maxRequestBodyBytes: 4096, allowedContentTypes: ['application/fhir+json'] },
      ],
    }).json();
    const get = section(operationPolicy(json, 'get-patients-id'), 'inbound');
    expect(get.map((e) => e.tagName)).toEqual(['base', 'choose', 'rate-limit-by-key']);
    expect(attributes(get[2])).toMatchObject({ 'calls': '10', 'renewal-period': '60', 'counter-key': '@("patients-v1:get-patients-id:subscription:" + context.Subscription.Id)' });
    const post = section(operationPolicy(json, 'post-patients'), 'inbound');
    expect(post.map((e) => e.tagName)).toEqual(['base', 'choose', 'validate-content']);
    expect(attributes(post[2])['max-size']).toBe('4096');
    expect(childElements(post[2]).map((c) => attributes(c).type)).toEqual(['application/fhir+json']);
    // The POST operation declares only the content type it accepts.
    const op = resourcesOf(json, 'azurerm_api_management_api_operation').find(([, o]) => o.method === 'POST')![1];
    expect(blocks(block(op.request).representation).map((r: any) => r.content_type)).toEqual(['application/fhir+json']);
  });

  test('on Consumption no keyed limit is emitted, and a warning says so', () => {
    const f = patients(
      { operations: [{ ...PATIENTS.operations![0], rateLimit: RateLimit.perSecond(1) }] },
      { sku: ApimSku.consumption(), acknowledgeNoNetworkIsolation: true },
    );
    const json = f.json();
    const policies = [apiPolicy(json), operationPolicy(json, 'get-patients-id')];
    for (const p of policies) {
      expect(inboundNames(p)).not.toContain('rate-limit-by-key');
      expect(inboundNames(p)).not.toContain('quota-by-key');
    }
    expect(section(policies[0], 'inbound').filter((e) => e.tagName === 'set-variable').map((e) => attributes(e).name)).toEqual(['backend-timeout-seconds']);
    expect(annotationsOf(f.api, 'warn')).toEqual([
      'Consumption_0 does not support rate-limit-by-key or quota-by-key: the API\'s and its operations\' rate limits and quota are not applied.',
    ]);
  });

  test('without an edge, an IPv4 allow list is ip-filter, before anything else reads the request', () => {
    const f = patients({ allowedIpRanges: ['203.0.113.7', '198.51.100.0/24'] }, { sku: ApimSku.consumption(), acknowledgeNoNetworkIsolation: true });
    expect(f.platform.behindEdge).toBe(false);
    const inbound = section(apiPolicy(f.json()), 'inbound');
    expect(inbound.slice(0, 2).map((e) => e.tagName)).toEqual(['base', 'ip-filter']);
    expect(attributes(inbound[1])).toEqual({ action: 'allow' });
    expect(childElements(inbound[1]).map((e) => [e.tagName, textOf(e) || attributes(e)])).toEqual([
      ['address', '203.0.113.7'],
      ['address-range', { from: '198.51.100.0', to: '198.51.100.255' }],
    ]);
  });

  test('weakening query or response header validation is a named opt-out with a warning', () => {
    const f = patients({
      undeclaredParameterAction: ValidationAction.DETECT,
      allowUndeclaredParameters: true,
      undeclaredResponseHeaderAction: ValidationAction.IGNORE,
      allowUnloggedResponseHeaders: true,
    });
    const policy = apiPolicy(f.json());
    const v = onlyChild(onlyChild(policy, 'inbound'), 'validate-parameters');
    expect(attributes(v)['unspecified-parameter-action']).toBe('detect');
    expect(attributes(onlyChild(v, 'query'))['unspecified-parameter-action']).toBe('detect');
    // The request header choice is its own prop: still the default.
    expect(attributes(onlyChild(v, 'headers'))['unspecified-parameter-action']).toBe('ignore');
    expect(attributes(section(policy, 'outbound').find((e) => e.tagName === 'validate-headers')!)['unspecified-header-action']).toBe('ignore');
    expect(annotationsOf(f.api, 'warn')).toEqual([
      '[security opt-out: allowUndeclaredParameters] undeclared query parameters are only logged, not refused (undeclaredParameterAction detect).',
      '[security opt-out: allowUnloggedResponseHeaders] undeclared backend response headers are let through without a log entry, and may leak backend details.',
    ]);
    expect(annotationsOf(patients({ undeclaredParameterAction: ValidationAction.IGNORE, allowUndeclaredParameters: true }).api, 'warn')).toEqual([
      '[security opt-out: allowUndeclaredParameters] undeclared query parameters are let through, not refused (undeclaredParameterAction ignore).',
    ]);
    // Without the named opt-out, the weaker choice fails at synth.
    expect(() => patients({ undeclaredParameterAction: ValidationAction.DETECT })).toThrow(
      'test/Patients: undeclaredParameterAction is detect: undeclared query parameters would be only logged, not refused. Valid: PREVENT, or allowUndeclaredParameters: true to accept it.');
    expect(() => patients({ undeclaredResponseHeaderAction: ValidationAction.IGNORE })).toThrow(/undeclaredResponseHeaderAction is IGNORE.*allowUnloggedResponseHeaders: true/);
    expect(annotationsOf(patients().api, 'warn')).toEqual([]);
  });

  test('teams that declare every header can refuse undeclared request headers, without a warning', () => {
    for (const action of [ValidationAction.PREVENT, ValidationAction.DETECT]) {
      const f = patients({ undeclaredRequestHeaderAction: action });
      const policy = apiPolicy(f.json());
      const v = onlyChild(onlyChild(policy, 'inbound'), 'validate-parameters');
      expect(attributes(onlyChild(v, 'headers'))).toEqual({ 'specified-parameter-action': 'prevent', 'unspecified-parameter-action': action });
      expect(requestHeaderAction(policy, 'User-Agent')).toBe(action);
      // Query and path validation do not move with it.
      expect(attributes(onlyChild(v, 'query'))).toEqual({ 'specified-parameter-action': 'prevent', 'unspecified-parameter-action': 'prevent' });
      expect(attributes(onlyChild(v, 'path'))).toEqual({ 'specified-parameter-action': 'prevent' });
      expect(annotationsOf(f.api, 'warn')).toEqual([]);
    }
  });

  test('refusing undeclared response headers (502) stays available, without a warning', () => {
    const f = patients({ undeclaredResponseHeaderAction: ValidationAction.PREVENT });
    const outbound = section(apiPolicy(f.json()), 'outbound');
    expect(attributes(outbound[2])).toEqual({ 'specified-header-action': 'prevent', 'unspecified-header-action': 'prevent' });
    // The common standard headers still pass by name, so only truly unknown headers are stopped.
    expect(childElements(outbound[2]).map((e) => attributes(e).name)).toEqual(expect.arrayContaining(['X-Request-Id', 'traceparent', 'Content-Encoding']));
    expect(annotationsOf(f.api, 'warn')).toEqual([]);
  });

  test('extra response headers and status codes are let through', () => {
    const outbound = section(apiPolicy(patients({ allowedResponseHeaders: ['X-Request-Id'], allowedResponseStatusCodes: [409, 401] }).json()), 'outbound');
    expect(childElements(outbound[1]).map((e) => attributes(e).code)).toEqual(['400', '401', '403', '404', '409', '429']);
    expect(childElements(outbound[2]).map((e) => attributes(e).name)).toContain('X-Request-Id');
  });
});

describe('CORS', () => {
  test('an allow list for the API, methods from its operations and the subscription key header by default', () => {
    const inbound = section(apiPolicy(patients({ cors: { allowedOrigins: ['https://app.contoso-health.example'] } }).json()), 'inbound');
    // First in the effective policy: before <base />, so before the global and product statements.
    expect(inbound.slice(0, 3).map((e) => e.tagName)).toEqual(['cors', 'base', 'set-variable']);
    const cors = inbound[0];
    expect(attributes(cors)).toEqual({ 'allow-credentials': 'false', 'terminate-unmatched-request': 'true' });
    expect(childElements(onlyChild(cors, 'allowed-methods')).map(textOf)).toEqual(['DELETE', 'GET', 'POST', 'PUT']);
    expect(childElements(onlyChild(cors, 'allowed-headers')).map(textOf)).toEqual(['Authorization', 'Content-Type', 'Ocp-Apim-Subscription-Key']);
  });

  test('CORS at platform and API scope is refused at synth (APIM applies only the first cors policy), not just warned about', () => {
    const f = patients({ cors: { allowedOrigins: ['https://app.example'] } }, { cors: { allowedOrigins: ['https://portal.example'] } });
    expect(annotationsOf(f.api, 'warn')).toEqual([]);
    expect(() => Testing.synth(f.stack, true)).toThrow(new RegExp('\\[test/Patients\\] test/Patients: cors is set on this API while the global policy of test/Platform has a cors policy too '
      + '\\(its cors prop\\); APIM applies only the first cors policy, so this allow list would never apply\\. '
      + "Valid: CORS in one place: the platform's cors for every API, or this API's cors with the platform's unset\\."));
  });

  test('CORS in one scope passes the synth checks, at either scope', () => {
    expect(() => Testing.synth(patients({ cors: { allowedOrigins: ['https://app.example'] } }).stack, true)).not.toThrow();
    expect(() => Testing.synth(patients({}, { cors: { allowedOrigins: ['https://portal.example'] } }).stack, true)).not.toThrow();
  });

  test('a global cors element added after the API is built is refused too: the rule runs at synth', () => {
    const f = patients({ cors: { allowedOrigins: ['https://app.example'] } });
    f.platform.addPolicyElements(PolicySection.INBOUND, new Cors({ allowedOrigins: ['https://portal.example'] }));
    expect(() => Testing.synth(f.stack, true)).toThrow(/test\/Patients: cors is set on this API while the global policy of test\/Platform has a cors policy too/);
  });
});

describe('the API body limit against the edge WAF limit (checked at synth)', () => {
  test('the defaults agree: 1 MiB at the API, 1 MiB at the edge', () => {
    const f = patients();
    expect(f.platform.edge!.maxRequestBodySizeBytes).toBe(1024 * 1024);
    expect(() => Testing.synth(f.stack, true)).not.toThrow();
    const halfMiB = patients({ maxRequestBodyBytes: 512 * 1024 }, { edge: { maxRequestBodySizeBytes: 512 * 1024 } });
    expect(() => Testing.synth(halfMiB.stack, true)).not.toThrow();
  });

  test('an API limit above the edge limit is refused, naming both props and both values', () => {
    const f = patients({}, { edge: { maxRequestBodySizeBytes: 512 * 1024 } });
    expect(() => Testing.synth(f.stack, true)).toThrow(new RegExp('test/Patients: maxRequestBodyBytes is 1048576 bytes, above the edge WAF\'s limit edge\\.maxRequestBodySizeBytes = 524288 '
      + 'of test/Platform, so the edge refuses bodies this API accepts\\. Valid: at most 524288 bytes, or edge\\.maxRequestBodySizeBytes of at least 1048576 on test/Platform \\(up to 2048000\\)\\.'));
    // The suggested edge limit is rounded up to whole KB, the unit Azure takes.
    expect(() => Testing.synth(patients({ maxRequestBodyBytes: 600_000 }, { edge: { maxRequestBodySizeBytes: 512 * 1024 } }).stack, true))
      .toThrow(/or edge\.maxRequestBodySizeBytes of at least 600064 on/);
  });

  test('above what the edge can ever accept (2000 KB), only a lower API limit is offered', () => {
    const f = patients({ maxRequestBodyBytes: 4 * 1024 * 1024 }, { edge: { maxRequestBodySizeBytes: 2_048_000 } });
    expect(() => Testing.synth(f.stack, true)).toThrow(/maxRequestBodyBytes is 4194304 bytes, above .* = 2048000 of .*Valid: at most 2048000 bytes\.$/m);
    const largest = patients({ maxRequestBodyBytes: 2_048_000 }, { edge: { maxRequestBodySizeBytes: 2_048_000 } });
    expect(() => Testing.synth(largest.stack, true)).not.toThrow();
  });

  test('the real synth (app.synth) refuses it too', () => {
    const f = patients({ maxRequestBodyBytes: 2 * 1024 * 1024 });
    expect(() => (f.stack.node.root as any).synth()).toThrow(/maxRequestBodyBytes is 2097152 bytes/);
  });

  test('without an edge of this library (externally managed), no limit is compared', () => {
    const f = patients({ maxRequestBodyBytes: 4 * 1024 * 1024 }, { acknowledgeExternallyManagedEdge: true });
    expect(f.platform.edge).toBeUndefined();
    expect(() => Testing.synth(f.stack, true)).not.toThrow();
  });
});

describe('token validation', () => {
  test('validate-jwt with the tenant\'s v2.0 OpenID configuration and issuer', () => {
    const json = patients({ tokenValidation: TokenValidation.OPENID_JWT, allowedClientApplicationIds: ['aaaaaaaa-0000-0000-0000-000000000001'] }).json();
    const jwt = section(apiPolicy(json), 'inbound').find((e) => e.tagName === 'validate-jwt')!;
    const tenant = '${data.azurerm_client_config.Platform_Client_F8C2620F.tenant_id}';
    expect(attributes(onlyChild(jwt, 'openid-config')).url).toBe(`https://login.microsoftonline.com/${tenant}/v2.0/.well-known/openid-configuration`);
    expect(childElements(onlyChild(jwt, 'issuers')).map(textOf)).toEqual([`https://login.microsoftonline.com/${tenant}/v2.0`]);
    expect(childElements(onlyChild(jwt, 'audiences')).map(textOf)).toHaveLength(2);
    expect(attributes(jwt)).toMatchObject({ 'require-expiration-time': 'true', 'require-signed-tokens': 'true', 'output-token-variable-name': 'protected-api-token' });
    const claim = onlyChild(onlyChild(jwt, 'required-claims'), 'claim');
    expect(attributes(claim)).toEqual({ name: 'azp', match: 'any' });
    expect(childElements(claim).map(textOf)).toEqual(['aaaaaaaa-0000-0000-0000-000000000001']);
    expect(inboundNames(apiPolicy(json))).not.toContain('validate-azure-ad-token');
  });

  // validate-azure-ad-token is only written in the form APIM accepts: with <client-application-ids>
  // (MicrosoftDocs/azure-docs#121338, #121329).
  test('allowed client applications: validate-azure-ad-token, client applications first', () => {
    const policy = apiPolicy(patients({ allowedClientApplicationIds: ['aaaaaaaa-0000-0000-0000-000000000001', 'aaaaaaaa-0000-0000-0000-000000000002'] }).json());
    const v = section(policy, 'inbound').find((e) => e.tagName === 'validate-azure-ad-token')!;
    expect(childNames(v)).toEqual(['client-application-ids', 'audiences']);
    expect(childElements(onlyChild(v, 'client-application-ids')).map(textOf)).toEqual(['aaaaaaaa-0000-0000-0000-000000000001', 'aaaaaaaa-0000-0000-0000-000000000002']);
    expect(inboundNames(policy)).not.toContain('validate-jwt');
  });

  test('no allowed client applications: validate-jwt with the tenant\'s OpenID configuration, never validate-azure-ad-token', () => {
    for (const json of [patients().json(), patients({ tokenValidation: TokenValidation.AZURE_AD_TOKEN }).json()]) {
      const policy = apiPolicy(json);
      expect(allElements(policy).filter((e) => e.tagName === 'validate-azure-ad-token')).toEqual([]);
      const jwt = section(policy, 'inbound').find((e) => e.tagName === 'validate-jwt')!;
      expect(attributes(onlyChild(jwt, 'openid-config')).url).toMatch(/^https:\/\/login\.microsoftonline\.com\/\$\{data\.azurerm_client_config\.[A-Za-z0-9_]+\.tenant_id\}\/v2\.0\/\.well-known\/openid-configuration$/);
      expect(childElements(jwt, 'required-claims')).toEqual([]);
    }
  });

  test('accepting delegated scopes adds an scp check for <role>.Delegated', () => {
    const json = patients({ acceptDelegatedScopes: true }).json();
    const condition = attributes(onlyChild(section(operationPolicy(json, 'get-patients-id'), 'inbound')[1], 'when')).condition;
    expect(condition).toContain('var allowedScopes = new string[] { "Patient.Read.Delegated" };');
    expect(condition).toContain('jwt.Claims.TryGetValue("scp", out scp) && scp.SelectMany(s => s.Split(\' \')).Any(s => allowedScopes.Contains(s))');
    expect(condition.indexOf('"roles"')).toBeLessThan(condition.indexOf('"scp"'));
  });
});

describe('identity options', () => {
  test('no delegated scopes when turned off', () => {
    const app = own(patients({ delegatedScopes: false }).json(), 'azuread_application');
    expect(blocks(block(app.api).oauth2_permission_scope)).toEqual([]);
    expect(blocks(app.app_role)).toHaveLength(3);
  });

  test('a custom app key and identifier URI; the key seeds the ids', () => {
    const f = patients({ appRegistrationName: 'patients-api', identifierUri: 'https://api.contoso-health.example/patients', appOwners: ['00000000-0000-0000-0000-0000000000aa'] });
    const json = f.json();
    const app = own(json, 'azuread_application');
    expect(app.identifier_uris).toEqual(['https://api.contoso-health.example/patients']);
    expect(app.display_name).toBe('patients-api API');
    expect(app.owners).toEqual(['00000000-0000-0000-0000-0000000000aa']);
    expect(own(json, 'azuread_service_principal').owners).toEqual(['00000000-0000-0000-0000-0000000000aa']);
    expect(f.api.appRoleId('Patient.Read')).not.toBe(patients().api.appRoleId('Patient.Read'));
    expect(f.api.identifierUri).toBe('https://api.contoso-health.example/patients');
  });

  test('an existing app: no app registration; role ids and service principal looked up by client id', () => {
    const f = patients({ existingApp: { clientId: '11111111-2222-3333-4444-555555555555', audience: 'api://patients' } });
    new TerraformOutput(f.stack, 'role', { value: f.api.appRoleId('Patient.Read') });
    new TerraformOutput(f.stack, 'sp', { value: f.api.servicePrincipalObjectId });
    const json = f.json();
    expect(resourcesOf(json, 'azuread_application').filter(([k]) => k.startsWith('Patients_'))).toEqual([]);
    expect(resourcesOf(json, 'azuread_service_principal')).toEqual([]);
    const app = Object.entries(json.data.azuread_application);
    expect(app).toHaveLength(1);
    expect((app[0][1] as any).client_id).toBe('11111111-2222-3333-4444-555555555555');
    expect(json.output.role.value).toBe(`\${data.azuread_application.${app[0][0]}.app_role_ids["Patient.Read"]}`);
    expect(json.output.sp.value).toMatch(/^\$\{data\.azuread_service_principal\.Patients_ExistingServicePrincipal_[0-9A-F]+\.object_id\}$/);
    const v = section(apiPolicy(json), 'inbound').find((e) => e.tagName === 'validate-jwt')!;
    expect(childElements(onlyChild(v, 'audiences')).map(textOf)).toEqual(['api://patients', '11111111-2222-3333-4444-555555555555']);
    expect(f.api.identifierUri).toBe('api://patients');
    expect(f.api.application).toBeUndefined();
  });

  test('an existing app with known role ids and service principal', () => {
    const f = patients({
      existingApp: {
        clientId: '11111111-2222-3333-4444-555555555555',
        audience: 'api://p',
        servicePrincipalObjectId: '22222222-2222-3333-4444-555555555555',
        appRoleIds: { 'Patient.Read': '33333333-0000-0000-0000-000000000001', 'Patient.Write': '33333333-0000-0000-0000-000000000002', 'Patient.Admin': '33333333-0000-0000-0000-000000000003' },
      },
    });
    expect(f.api.appRoleId('Patient.Write')).toBe('33333333-0000-0000-0000-000000000002');
    expect(f.api.servicePrincipalObjectId).toBe('22222222-2222-3333-4444-555555555555');
    expect(Object.keys(f.json().data)).toEqual(['azurerm_client_config']);
  });
});

describe('backend options', () => {
  test('audience, timeout and circuit breaker are tunable', () => {
    const json = patients({ backendAudience: 'https://contosohealthws-patients.fhir.azurehealthcareapis.com', backendTimeoutSeconds: 120, circuitBreakerFailureCount: 20, circuitBreakerTripSeconds: 90 }).json();
    const inbound = section(apiPolicy(json), 'inbound');
    expect(attributes(inbound.find((e) => e.tagName === 'authentication-managed-identity')!).resource).toBe('https://contosohealthws-patients.fhir.azurehealthcareapis.com');
    expect(attributes(inbound.filter((e) => e.tagName === 'set-variable').pop()!)).toEqual({ name: 'backend-timeout-seconds', value: '@(120)' });
    const rule = block(own(json, 'azurerm_api_management_backend').circuit_breaker_rule);
    expect(rule.trip_duration).toBe('PT90S');
    expect(block(rule.failure_condition).count).toBe(20);
  });

  test('the default audience is the backend origin, without the path', () => {
    const json = patients({ backendUrl: 'https://fhir.contoso-health.example:8443/r4' }).json();
    const mi = section(apiPolicy(json), 'inbound').find((e) => e.tagName === 'authentication-managed-identity')!;
    expect(attributes(mi).resource).toBe('https://fhir.contoso-health.example:8443');
    expect(own(json, 'azurerm_api_management_backend').url).toBe('https://fhir.contoso-health.example:8443/r4');
  });
});

describe('operations in detail', () => {
  const f = patients({
    schemas: [
      { name: 'Patient', definition: JSON.stringify({ type: 'object', required: ['resourceType'], properties: { resourceType: { const: 'Patient' } } }) },
      { name: 'Bundle', definition: JSON.stringify({ type: 'object', properties: { entry: { type: 'array', items: { $ref: '#/components/schemas/Patient' } } } }) },
    ],
    operations: [
      {
        method: 'GET',
        urlTemplate: '/patients/{id}/visits/{visitNumber}',
        operationId: 'getVisit',
        displayName: 'Get a visit',
        requiredRoles: ['Patient.Read', 'Patient.Admin'],
        templateParameters: [{ name: 'id', type: ParameterType.UUID, description: 'Patient id' }, { name: 'visitNumber', type: ParameterType.INTEGER }],
        queryParameters: [{ name: 'since', type: ParameterType.DATE_TIME }, { name: 'mode', allowedValues: ['full', 'summary'], required: true }],
        requestHeaders: [{ name: 'X-Correlation-Id', type: ParameterType.UUID }],
        responses: [
          { statusCode: 200, schemaName: 'Bundle', headers: [{ name: 'X-Total-Count', type: ParameterType.INTEGER }] },
          { statusCode: 404, description: 'No such visit' },
        ],
      },
      { method: 'POST', urlTemplate: '/patients', requiredRoles: ['Patient.Write'], requestSchemaName: 'Patient', responses: [{ statusCode: 201, schemaName: 'Patient', contentTypes: ['application/fhir+json'] }] },
    ],
  });
  const json = f.json();
  const ops = resourcesOf(json, 'azurerm_api_management_api_operation').map(([, o]) => o);
  const get = ops.find((o) => o.method === 'GET');
  const post = ops.find((o) => o.method === 'POST');

  test('schemas are registered as OpenAPI components, with the formats the parameters use', () => {
    const schema = own(json, 'azurerm_api_management_api_schema');
    expect(schema.content_type).toBe('application/vnd.oai.openapi.components+json');
    expect(schema.schema_id).toBe('components');
    expect(JSON.parse(schema.components)).toEqual({
      schemas: {
        'Patient': { type: 'object', required: ['resourceType'], properties: { resourceType: { const: 'Patient' } } },
        'Bundle': { type: 'object', properties: { entry: { type: 'array', items: { $ref: '#/components/schemas/Patient' } } } },
        'ProtectedApi.Uuid': { type: 'string', format: 'uuid' },
        'ProtectedApi.DateTime': { type: 'string', format: 'date-time' },
      },
    });
    for (const o of ops) expect(o.depends_on).toEqual([expect.stringMatching(/^azurerm_api_management_api_schema\.Patients_Schema_[0-9A-F]+$/)]);
  });

  test('typed template, query and header parameters', () => {
    expect(get.operation_id).toBe('getVisit');
    expect(get.display_name).toBe('Get a visit');
    expect(blocks(get.template_parameter)).toEqual([
      { name: 'id', required: true, type: 'string', description: 'Patient id', schema_id: 'components', type_name: 'ProtectedApi.Uuid' },
      { name: 'visitNumber', required: true, type: 'integer' },
    ]);
    const request = block(get.request);
    expect(blocks(request.query_parameter)).toEqual([
      { name: 'since', required: false, type: 'string', schema_id: 'components', type_name: 'ProtectedApi.DateTime' },
      { name: 'mode', required: true, type: 'string', values: ['full', 'summary'] },
    ]);
    expect(blocks(request.header).map((h: any) => h.name)).toEqual(['X-Correlation-Id', 'Authorization', 'Ocp-Apim-Subscription-Key']);
    expect(request.representation).toBeUndefined();
  });

  test('responses reference their schemas and declare their headers', () => {
    const responses = blocks(get.response);
    expect(responses.map((r: any) => [r.status_code, r.description])).toEqual([[200, 'OK'], [404, 'No such visit']]);
    expect(blocks(responses[0].representation)).toEqual([
      { content_type: 'application/json', schema_id: 'components', type_name: 'Bundle' },
      { content_type: 'application/fhir+json', schema_id: 'components', type_name: 'Bundle' },
    ]);
    expect(blocks(responses[0].header)).toEqual([{ name: 'X-Total-Count', required: false, type: 'integer' }]);
    expect(blocks(block(post.request).representation)).toEqual([
      { content_type: 'application/json', schema_id: 'components', type_name: 'Patient' },
      { content_type: 'application/fhir+json', schema_id: 'components', type_name: 'Patient' },
    ]);
    expect(blocks(blocks(post.response)[0].representation)).toEqual([{ content_type: 'application/fhir+json', schema_id: 'components', type_name: 'Patient' }]);
  });

  test('an operation requiring several roles accepts any of them', () => {
    const condition = attributes(onlyChild(section(operationPolicy(json, 'getVisit'), 'inbound')[1], 'when')).condition;
    expect(condition).toContain('new string[] { "Patient.Read", "Patient.Admin" }');
    expect(f.api.roles).toEqual(['Patient.Admin', 'Patient.Read', 'Patient.Write']);
  });
});

describe('versions, subscription keys, products and extension', () => {
  test('a second version joins the first one\'s version set', () => {
    const f = patients();
    const v2 = new ProtectedApi(f.stack, 'PatientsV2', { platform: f.platform, ...PATIENTS, version: 'v2', versionSetId: f.api.versionSetId });
    const json = f.json();
    expect(resourcesOf(json, 'azurerm_api_management_api_version_set')).toHaveLength(1);
    const apis = resourcesOf(json, 'azurerm_api_management_api').map(([, a]) => a);
    expect(apis.map((a) => a.name).sort()).toEqual(['patients-v1', 'patients-v2']);
    expect(new Set(apis.map((a) => a.version_set_id)).size).toBe(1);
    expect(v2.apiName).toBe('patients-v2');
  });

  test('a custom subscription key header and query parameter are masked and hidden in the logs', () => {
    const json = patients({ subscriptionKeyHeaderName: 'X-Api-Key', subscriptionKeyQueryParameterName: 'apikey' }).json();
    expect(block(own(json, 'azurerm_api_management_api').subscription_key_parameter_names)).toEqual({ header: 'X-Api-Key', query: 'apikey' });
    const masking = block(block(own(json, 'azurerm_api_management_api_diagnostic').frontend_request).data_masking);
    expect(blocks(masking.headers).map((h: any) => h.value)).toContain('X-Api-Key');
    expect(blocks(masking.query_params).map((q: any) => q.value)).toContain('apikey');
  });

  test('addPolicyElements appends after the construct\'s own controls', () => {
    const f = patients();
    f.api.addPolicyElements(PolicySection.OUTBOUND, SetHeader.override('X-Api-Version', 'v1'));
    const outbound = section(apiPolicy(f.json()), 'outbound');
    expect(outbound.map((e) => e.tagName)).toEqual(['base', 'validate-status-code', 'validate-headers', 'set-header']);
  });
});
