import { TerraformOutput } from 'cdktf';
import { apiPolicy, CLIENT_AND_EDGE_HEADERS, errorOf, operationPolicy, own, ownResources, patients, requestHeaderAction, section } from './fixtures';
import { ProtectedApi } from '../../lib';
import { entraIdentifier } from '../../lib/core/uuid';
import { REMOVED_RESPONSE_HEADERS, SECURITY_HEADERS } from '../../lib/platform/global-policy';
import { annotationsOf, block, blocks, resourcesOf } from '../util/synth';
import { allElements, attributes, childElements, childNames, onlyChild, parseXml, textOf } from '../util/xml';

describe('ProtectedApi: the patients API of the contract', () => {
  const fixture = patients();
  const json = fixture.json();
  const api: ProtectedApi = fixture.api;

  test('snapshot of everything the construct synthesizes', () => {
    expect(ownResources(json)).toMatchSnapshot();
  });

  describe('API surface', () => {
    const apim = own(json, 'azurerm_api_management_api');

    test('a versioned, HTTPS-only API that requires a subscription', () => {
      expect(apim.name).toBe('patients-v1');
      expect(apim.path).toBe('patients');
      expect(apim.version).toBe('v1');
      expect(apim.protocols).toEqual(['https']);
      expect(apim.subscription_required).toBe(true);
      expect(block(apim.subscription_key_parameter_names)).toEqual({ header: 'Ocp-Apim-Subscription-Key', query: 'subscription-key' });
      expect(apim.revision).toBe('1');
      expect(apim.import).toBeUndefined();
    });

    test('a Segment version set holds the version', () => {
      const set = own(json, 'azurerm_api_management_api_version_set');
      expect(set.versioning_scheme).toBe('Segment');
      expect(set.name).toBe('patients');
      expect(apim.version_set_id).toMatch(/^\$\{azurerm_api_management_api_version_set\.Patients_VersionSet_[0-9A-F]+\.id\}$/);
    });

    test('one operation per contract entry, with typed template parameters and declared responses', () => {
      const ops = resourcesOf(json, 'azurerm_api_management_api_operation').map(([, o]) => o);
      expect(ops.map((o) => `${o.method} ${o.url_template} ${o.operation_id}`).sort()).toEqual([
        'DELETE /patients/{id} delete-patients-id',
        'GET /patients/{id} get-patients-id',
        'POST /patients post-patients',
        'PUT /patients/{id} put-patients-id',
      ]);
      const get = ops.find((o) => o.method === 'GET');
      expect(blocks(get.template_parameter)).toEqual([{ name: 'id', required: true, type: 'string' }]);
      expect(blocks(get.response).map((r: any) => r.status_code)).toEqual([200]);
      expect(get.display_name).toBe('GET /patients/{id}');
      expect(ops.find((o) => o.method === 'POST').template_parameter).toBeUndefined();
      expect(blocks(ops.find((o) => o.method === 'POST').response).map((r: any) => r.status_code)).toEqual([201]);
      expect(blocks(ops.find((o) => o.method === 'DELETE').response).map((r: any) => r.status_code)).toEqual([204]);
    });

    test('body operations declare the accepted content types; no operation accepts a body it does not declare', () => {
      const ops = resourcesOf(json, 'azurerm_api_management_api_operation').map(([, o]) => o);
      for (const o of ops) {
        const representations = blocks(block(o.request)?.representation).map((r: any) => r.content_type);
        expect([o.method, representations]).toEqual([o.method, ['POST', 'PUT'].includes(o.method) ? ['application/json', 'application/fhir+json'] : []]);
      }
    });

    test('every operation declares the bearer token and subscription key headers', () => {
      for (const [, o] of resourcesOf(json, 'azurerm_api_management_api_operation')) {
        const headers = blocks(block(o.request).header);
        expect(headers.map((h: any) => [h.name, h.required])).toEqual([['Authorization', true], ['Ocp-Apim-Subscription-Key', false]]);
      }
    });

    test('no schema resource when no schema is used', () => {
      expect(resourcesOf(json, 'azurerm_api_management_api_schema')).toEqual([]);
    });
  });

  describe('identity', () => {
    const app = own(json, 'azuread_application');
    const sp = own(json, 'azuread_service_principal');
    const appKey = 'contoso-health-apim-patients-v1';

    test('an app registration for the tenant with a stable identifier URI and v2 tokens', () => {
      expect(app.identifier_uris).toEqual([`api://\${data.azurerm_client_config.Platform_Client_F8C2620F.tenant_id}/${appKey}`]);
      expect(block(app.api).requested_access_token_version).toBe(2);
      expect(app.sign_in_audience).toBe('AzureADMyOrg');
      expect(app.display_name).toBe(`${appKey} API`);
    });

    test('one app role per required role, for users and applications, with name-based ids', () => {
      const roles = blocks(app.app_role);
      expect(roles.map((r: any) => r.value)).toEqual(['Patient.Admin', 'Patient.Read', 'Patient.Write']);
      for (const r of roles) {
        expect(r.allowed_member_types).toEqual(['User', 'Application']);
        expect(r.enabled).toBe(true);
        expect(r.id).toBe(entraIdentifier(appKey, 'app-role', r.value));
      }
      // Pinned: these ids are deployed; they must never change.
      expect(roles.find((r: any) => r.value === 'Patient.Read').id).toBe('06b70f5b-766a-518b-989b-4d63bcf58cc9');
    });

    test('one admin-consent delegated scope per role, in the roles\' namespace without clashing', () => {
      const scopes = blocks(block(app.api).oauth2_permission_scope);
      expect(scopes.map((s: any) => s.value)).toEqual(['Patient.Admin.Delegated', 'Patient.Read.Delegated', 'Patient.Write.Delegated']);
      for (const s of scopes) {
        expect(s.type).toBe('Admin');
        expect(s.id).toBe(entraIdentifier(appKey, 'oauth2-permission-scope', s.value));
      }
      const ids = [...blocks(app.app_role), ...scopes].map((x: any) => x.id);
      expect(new Set(ids).size).toBe(ids.length);
    });

    test('the service principal requires app-role assignment', () => {
      expect(sp.app_role_assignment_required).toBe(true);
      expect(sp.client_id).toMatch(/^\$\{azuread_application\.Patients_App_[0-9A-F]+\.client_id\}$/);
    });
  });

  describe('the contract ConsumerGroup builds on', () => {
    test('platform, api, apiName, roles, identifierUri', () => {
      expect(api.platform).toBe(fixture.platform);
      expect(api.api.node.path).toBe('test/Patients/Api');
      expect(api.apiName).toBe('patients-v1');
      expect(api.roles).toEqual(['Patient.Admin', 'Patient.Read', 'Patient.Write']);
    });

    test('identifierUri, servicePrincipalObjectId and appRoleId resolve to the created app and service principal', () => {
      const f = patients();
      new TerraformOutput(f.stack, 'uri', { value: f.api.identifierUri });
      new TerraformOutput(f.stack, 'sp', { value: f.api.servicePrincipalObjectId });
      new TerraformOutput(f.stack, 'client', { value: f.api.clientId });
      const out = f.json().output;
      expect(out.uri.value).toBe('api://${data.azurerm_client_config.Platform_Client_F8C2620F.tenant_id}/contoso-health-apim-patients-v1');
      expect(out.sp.value).toMatch(/^\$\{azuread_service_principal\.Patients_ServicePrincipal_[0-9A-F]+\.object_id\}$/);
      expect(out.client.value).toMatch(/^\$\{azuread_application\.Patients_App_[0-9A-F]+\.client_id\}$/);
    });

    test('appRoleId returns the id of the synthesized app role', () => {
      const roles = blocks(own(json, 'azuread_application').app_role);
      for (const r of api.roles) expect(api.appRoleId(r)).toBe(roles.find((x: any) => x.value === r).id);
    });

    test('appRoleId of an unknown role names the construct and lists the roles', () => {
      expect(() => api.appRoleId('Patient.Delete')).toThrow(
        "test/Patients: role 'Patient.Delete' is not an app role of this API. Valid: Patient.Admin, Patient.Read, Patient.Write.");
    });

    test('addToProduct attaches the API to a product', () => {
      const f = patients();
      const link = f.api.addToProduct('ClinicianProduct', 'clinicians');
      const r = own(f.json(), 'azurerm_api_management_product_api');
      expect(link.node.path).toBe('test/Patients/ClinicianProduct');
      expect(r.product_id).toBe('clinicians');
      expect(r.api_name).toMatch(/^\$\{azurerm_api_management_api\.Patients_Api_[0-9A-F]+\.name\}$/);
      expect(r.api_management_name).toMatch(/^\$\{azurerm_api_management\.Platform_Apim_[0-9A-F]+\.name\}$/);
    });
  });

  describe('secured backend', () => {
    const backend = own(json, 'azurerm_api_management_backend');

    test('https URL, certificate chain and name validated, no credentials', () => {
      expect(backend.protocol).toBe('http');
      expect(backend.url).toBe('https://fhir.contoso-health.example');
      expect(block(backend.tls)).toEqual({ validate_certificate_chain: true, validate_certificate_name: true });
      expect(backend.credentials).toBeUndefined();
      expect(backend.name).toBe('patients-v1-backend');
    });

    test('a circuit breaker trips on 5xx, timeouts and connection errors', () => {
      const rule = block(backend.circuit_breaker_rule);
      expect(rule.trip_duration).toBe('PT1M');
      const condition = block(rule.failure_condition);
      expect(condition.interval_duration).toBe('PT1M');
      expect(condition.count).toBe(5);
      expect(blocks(condition.status_code_range)).toEqual([{ min: 500, max: 599 }]);
      expect(condition.error_reasons).toEqual(['BackendConnectionFailure', 'Timeout']);
    });
  });

  describe('PHI-safe diagnostics', () => {
    const diagnostic = own(json, 'azurerm_api_management_api_diagnostic');

    test('Application Insights through the platform logger, every message body-free with credentials masked', () => {
      expect(diagnostic.identifier).toBe('applicationinsights');
      expect(diagnostic.api_management_logger_id).toMatch(/^\$\{azurerm_api_management_logger\.Platform_AuditLogging_ApimLogger_[0-9A-F]+\.id\}$/);
      for (const key of ['frontend_request', 'frontend_response', 'backend_request', 'backend_response']) {
        const m = block(diagnostic[key]);
        expect([key, m.body_bytes]).toEqual([key, 0]);
        expect(m.headers_to_log ?? []).toEqual([]);
        const masked = blocks(block(m.data_masking).headers);
        expect(masked.every((h: any) => h.mode === 'Mask')).toBe(true);
        expect(masked.map((h: any) => h.value)).toEqual(expect.arrayContaining(['Authorization', 'Ocp-Apim-Subscription-Key', 'Cookie']));
      }
    });
  });

  describe('API policy', () => {
    const policy = apiPolicy(json);
    const inbound = section(policy, 'inbound');

    test('every section starts with <base />; backend and on-error add nothing', () => {
      expect(childNames(policy)).toEqual(['inbound', 'backend', 'outbound', 'on-error']);
      for (const s of ['inbound', 'backend', 'outbound', 'on-error']) expect(section(policy, s)[0].tagName).toBe('base');
      expect(section(policy, 'backend').map((e) => e.tagName)).toEqual(['base']);
      expect(section(policy, 'on-error').map((e) => e.tagName)).toEqual(['base']);
    });

    test('inbound controls in order', () => {
      expect(inbound.map((e) => e.tagName)).toEqual([
        'base',
        'set-variable', 'rate-limit-by-key', // per client IP, before the token is even read
        'validate-jwt', 'choose', // authentication (401), then any role of the API (403)
        'rate-limit-by-key', 'quota-by-key', // per subscription
        'validate-parameters', 'validate-content',
        'set-variable', 'set-backend-service', 'authentication-managed-identity',
      ]);
    });

    // Any client of the tenant may call: validate-azure-ad-token would need <client-application-ids>
    // (APIM rejects it without, MicrosoftDocs/azure-docs#121338, #121329), so the tenant's tokens are
    // validated with validate-jwt and the tenant's OpenID configuration.
    test('tokens are validated for the tenant and the API audiences, and kept for the role checks', () => {
      expect(inbound.filter((e) => e.tagName === 'validate-azure-ad-token')).toEqual([]);
      const v = inbound.find((e) => e.tagName === 'validate-jwt')!;
      const tenant = '${data.azurerm_client_config.Platform_Client_F8C2620F.tenant_id}';
      expect(attributes(v)).toEqual({
        'header-name': 'Authorization',
        'failed-validation-httpcode': '401',
        'failed-validation-error-message': 'Unauthorized',
        'require-expiration-time': 'true',
        'require-scheme': 'Bearer',
        'require-signed-tokens': 'true',
        'output-token-variable-name': 'protected-api-token',
      });
      expect(childNames(v)).toEqual(['openid-config', 'audiences', 'issuers']);
      expect(attributes(onlyChild(v, 'openid-config'))).toEqual({ url: `https://login.microsoftonline.com/${tenant}/v2.0/.well-known/openid-configuration` });
      expect(childElements(onlyChild(v, 'audiences')).map(textOf)).toEqual([
        `api://${tenant}/contoso-health-apim-patients-v1`,
        '${azuread_application.Patients_App_1894FAFF.client_id}',
      ]);
      expect(childElements(onlyChild(v, 'issuers')).map(textOf)).toEqual([`https://login.microsoftonline.com/${tenant}/v2.0`]);
      // No claim requirement at API scope: a failed validation never has a "Claim" reason, so
      // the platform's on-error always answers 401 for it.
      expect(childElements(v, 'required-claims')).toEqual([]);
    });

    test('the API-wide role check accepts any role of the API and answers 403 in the JSON error shape', () => {
      const choose = inbound.find((e) => e.tagName === 'choose')!;
      const condition = attributes(onlyChild(choose, 'when')).condition;
      expect(condition).toContain('new string[] { "Patient.Admin", "Patient.Read", "Patient.Write" }');
      expect(condition).toContain('jwt.Claims.TryGetValue("roles", out roles)');
      expect(condition).not.toContain('"scp"');
      expectForbiddenResponse(onlyChild(onlyChild(choose, 'when'), 'return-response'));
    });

    test('keyed rate limits per client IP and per subscription, and a quota, each with its own counter', () => {
      const limits = inbound.filter((e) => e.tagName === 'rate-limit-by-key').map(attributes);
      expect(limits[0]).toMatchObject({ 'calls': '120', 'renewal-period': '60' });
      expect(limits[0]['counter-key']).toBe('@("patients-v1:ip:" + context.Variables.GetValueOrDefault<string>("protected-api-client-ip", ""))');
      // Behind the edge, the caller is the last X-Forwarded-For entry the Application Gateway
      // appended (test/platform/client-ip.test.ts runs the expression).
      expect(attributes(inbound[1])).toEqual({ name: 'protected-api-client-ip', value: fixture.platform.clientIpExpression.text });
      expect(fixture.platform.clientIpExpression.text).toContain('X-Forwarded-For');
      expect(limits[1]).toMatchObject({ 'calls': '300', 'renewal-period': '60', 'counter-key': '@("patients-v1:subscription:" + context.Subscription.Id)' });
      expect(attributes(inbound.find((e) => e.tagName === 'quota-by-key')!)).toEqual({
        'calls': '100000', 'renewal-period': '86400', 'counter-key': '@("patients-v1:quota:" + context.Subscription.Id)',
      });
    });

    test('undeclared query parameters are refused, path parameters validated, declared headers validated', () => {
      const v = onlyChild(onlyChild(policy, 'inbound'), 'validate-parameters');
      expect(attributes(v)).toEqual({ 'specified-parameter-action': 'prevent', 'unspecified-parameter-action': 'prevent' });
      expect(attributes(onlyChild(v, 'query'))).toEqual({ 'specified-parameter-action': 'prevent', 'unspecified-parameter-action': 'prevent' });
      expect(attributes(onlyChild(v, 'path'))).toEqual({ 'specified-parameter-action': 'prevent' });
      expect(attributes(onlyChild(v, 'headers'))['specified-parameter-action']).toBe('prevent');
    });

    test('undeclared request headers are ignored by default: what clients and the edge send is not refused', () => {
      const headers = onlyChild(onlyChild(onlyChild(policy, 'inbound'), 'validate-parameters'), 'headers');
      expect(attributes(headers)).toEqual({ 'specified-parameter-action': 'prevent', 'unspecified-parameter-action': 'ignore' });
      // No operation declares these, so each falls under the undeclared-header action (or a per-header override).
      const declared = resourcesOf(json, 'azurerm_api_management_api_operation')
        .flatMap(([, o]) => blocks(block(o.request).header).map((h: any) => String(h.name).toLowerCase()));
      for (const name of CLIENT_AND_EDGE_HEADERS) {
        expect([name, declared.includes(name.toLowerCase())]).toEqual([name, false]);
        expect([name, requestHeaderAction(policy, name)]).toEqual([name, 'ignore']);
      }
    });

    test('bodies: at most 1 MiB, JSON and FHIR JSON only, validated as JSON', () => {
      const v = inbound.find((e) => e.tagName === 'validate-content')!;
      expect(attributes(v)).toEqual({ 'unspecified-content-type-action': 'prevent', 'max-size': '1048576', 'size-exceeded-action': 'prevent' });
      expect(childElements(v).map(attributes)).toEqual([
        { 'type': 'application/json', 'validate-as': 'json', 'action': 'prevent' },
        { 'type': 'application/fhir+json', 'validate-as': 'json', 'action': 'prevent' },
      ]);
    });

    test('the backend: its entity, a 30 s timeout for the global forward-request, the managed identity for its origin', () => {
      const timeout = inbound.filter((e) => e.tagName === 'set-variable')[1];
      expect(attributes(timeout)).toEqual({ name: 'backend-timeout-seconds', value: '@(30)' });
      const route = inbound.find((e) => e.tagName === 'set-backend-service')!;
      expect(attributes(route)).toEqual({ 'backend-id': own(json, 'azurerm_api_management_backend').name });
      const mi = inbound.find((e) => e.tagName === 'authentication-managed-identity')!;
      expect(attributes(mi)).toEqual({ 'resource': 'https://fhir.contoso-health.example', 'ignore-error': 'false' });
      expect(own(json, 'azurerm_api_management_api_policy').depends_on).toEqual([
        expect.stringMatching(/^azurerm_api_management_backend\.Patients_Backend_[0-9A-F]+$/),
      ]);
    });

    test('a dotted version names the same backend in the entity and in set-backend-service', () => {
      const dotted = patients({ version: 'v1.1' }).json();
      const backend = own(dotted, 'azurerm_api_management_backend').name;
      expect(backend).toBe('patients-v1-1-backend');
      const routed = allElements(apiPolicy(dotted)).find((e) => e.tagName === 'set-backend-service')!;
      expect(attributes(routed)).toEqual({ 'backend-id': backend });
    });

    test('outbound: undeclared status codes are stopped; undeclared response headers are logged, not turned into 502', () => {
      const outbound = section(policy, 'outbound');
      expect(outbound.map((e) => e.tagName)).toEqual(['base', 'validate-status-code', 'validate-headers']);
      const codes = childElements(outbound[1]).map(attributes);
      expect(attributes(outbound[1])['unspecified-status-code-action']).toBe('prevent');
      for (const code of ['401', '403', '429']) expect(codes).toContainEqual({ code, action: 'ignore' });
      // A backend header nobody declared (FHIR's X-Request-Id, an x-ms-* header) reaches the caller and the gateway log.
      expect(attributes(outbound[2])).toEqual({ 'specified-header-action': 'prevent', 'unspecified-header-action': 'detect' });
      expect(childElements(outbound[2]).every((h) => attributes(h).action === 'ignore')).toBe(true);
    });

    test('outbound: platform and common standard response headers pass without a log entry', () => {
      const allowed = childElements(section(policy, 'outbound')[2]).map((h) => attributes(h).name);
      for (const h of [
        ...SECURITY_HEADERS.map(([n]) => n), 'Content-Type', 'Content-Length', 'Date', 'ETag', 'Location', 'Retry-After',
        'Pragma', 'Expires', 'Content-Encoding', 'Content-Language', 'Content-Disposition', 'Accept-Ranges', 'Allow',
        'traceparent', 'tracestate', 'Request-Id', 'X-Request-Id', 'X-Correlation-Id', 'x-ms-request-id',
      ]) {
        expect([h, allowed.includes(h)]).toEqual([h, true]);
      }
      expect(new Set(allowed.map((h) => h.toLowerCase())).size).toBe(allowed.length);
      // Headers that describe the backend's stack are removed at global scope (before this check), never allow-listed.
      for (const h of REMOVED_RESPONSE_HEADERS) expect([h, allowed.includes(h)]).toEqual([h, false]);
      expect(REMOVED_RESPONSE_HEADERS).toEqual(expect.arrayContaining(['X-Powered-By', 'X-AspNet-Version', 'X-AspNetMvc-Version']));
    });

    test('nothing caches responses and nothing removes Cache-Control: no-store', () => {
      const all = allElements(policy).map((e) => e.tagName);
      expect(all.filter((t) => t.startsWith('cache-'))).toEqual([]);
      const setHeaders = allElements(policy).filter((e) => e.tagName === 'set-header');
      expect(setHeaders.filter((h) => attributes(h).name === 'Cache-Control').map((h) => textOf(onlyChild(h, 'value')))).toEqual(['no-store']);
    });
  });

  describe('operation policies', () => {
    const expected: Array<[string, string]> = [
      ['get-patients-id', 'Patient.Read'],
      ['post-patients', 'Patient.Write'],
      ['put-patients-id', 'Patient.Write'],
      ['delete-patients-id', 'Patient.Admin'],
    ];

    test('one policy per operation, attached by the operation resource\'s id', () => {
      const policies = resourcesOf(json, 'azurerm_api_management_api_operation_policy');
      expect(policies).toHaveLength(4);
      for (const [, p] of policies) {
        expect(p.operation_id).toMatch(/^\$\{azurerm_api_management_api_operation\.Patients_Operation-[a-z-]+_[0-9A-F]+\.operation_id\}$/);
      }
    });

    test.each(expected)('%s requires %s and answers 403 otherwise', (operationId, role) => {
      const policy = operationPolicy(json, operationId);
      for (const s of ['inbound', 'backend', 'outbound', 'on-error']) expect(section(policy, s)[0].tagName).toBe('base');
      const inbound = section(policy, 'inbound');
      expect(inbound.map((e) => e.tagName)).toEqual(['base', 'choose']);
      const when = onlyChild(inbound[1], 'when');
      expect(attributes(when).condition).toBe('@{var jwt = context.Variables.GetValueOrDefault<Jwt>("protected-api-token", null); '
        + 'if (jwt == null) { return true; } '
        + `var allowedRoles = new string[] { "${role}" }; string[] roles; `
        + 'if (jwt.Claims.TryGetValue("roles", out roles) && roles.Any(r => allowedRoles.Contains(r))) { return false; } return true;}');
      expectForbiddenResponse(onlyChild(when, 'return-response'));
      expect(childElements(inbound[1], 'otherwise')).toEqual([]);
    });

    test('operationPolicy() returns the document of an operation and names the valid ones otherwise', () => {
      expect(api.operationPolicy('get-patients-id').toXml()).toContain('&quot;Patient.Read&quot;');
      expect(() => api.operationPolicy('nope')).toThrow('test/Patients: operationId \'nope\' is not an operation of this API. Valid: get-patients-id, post-patients, put-patients-id, delete-patients-id.');
    });
  });
});

/** A 403 return-response in the platform's JSON error shape, with the security headers. */
function expectForbiddenResponse(response: Element): void {
  expect(attributes(onlyChild(response, 'set-status'))).toEqual({ code: '403' });
  const headers = childElements(response, 'set-header').map((h) => [attributes(h).name, textOf(onlyChild(h, 'value'))]);
  expect(headers).toEqual([['Content-Type', 'application/json'], ...SECURITY_HEADERS.map(([n, v]) => [n, v])]);
  const body = textOf(onlyChild(response, 'set-body'));
  expect(body).toContain('new JProperty("code", "forbidden")');
  expect(body).toContain('new JProperty("requestId", context.RequestId.ToString())');
}

describe('policy XML is built with the policy model', () => {
  test('parseXml helper rejects malformed XML (so the assertions above can fail)', () => {
    expect(() => parseXml('<a><b></a>')).toThrow();
    expect(() => parseXml('<a x="1 & 2"/>')).toThrow();
  });
});

describe('the app registration whose client id is the token audience is protected from destroy', () => {
  const lifecycles = (json: any) => ['azuread_application', 'azuread_service_principal'].map((type) => [type, own(json, type).lifecycle?.prevent_destroy]);

  test('by default the app registration and service principal carry prevent_destroy, with no warning', () => {
    const f = patients();
    expect(lifecycles(f.json())).toEqual([['azuread_application', true], ['azuread_service_principal', true]]);
    expect(annotationsOf(f.api, 'warn')).toEqual([]);
  });

  test('allowDestroy on the API turns it off, with a warning', () => {
    const f = patients({ allowDestroy: true });
    expect(lifecycles(f.json())).toEqual([['azuread_application', false], ['azuread_service_principal', false]]);
    expect(annotationsOf(f.api, 'warn')).toEqual([expect.stringMatching(
      /^\[security opt-out: allowDestroy\] terraform destroy can delete the app registration and service principal of patients-v1: a new one has a new client id/)]);
  });

  test('the platform\'s allowDestroy is the default, with the warning on the API too; the API can keep its protection', () => {
    const inherited = patients({}, { allowDestroy: true });
    expect(lifecycles(inherited.json())).toEqual([['azuread_application', false], ['azuread_service_principal', false]]);
    expect(annotationsOf(inherited.api, 'warn')).toEqual([expect.stringMatching(/\[security opt-out: allowDestroy\] .*patients-v1 \(the platform's allowDestroy\)/)]);
    const kept = patients({ allowDestroy: false }, { allowDestroy: true });
    expect(lifecycles(kept.json())).toEqual([['azuread_application', true], ['azuread_service_principal', true]]);
    expect(annotationsOf(kept.api, 'warn')).toEqual([]);
  });

  test('allowDestroy with an existing app registration is refused: there is nothing of this API\'s to destroy', () => {
    expect(errorOf({ existingApp: { clientId: '11111111-1111-1111-1111-111111111111', audience: 'api://x' }, allowDestroy: true }))
      .toMatch(/^test\/Patients: existingApp is set together with .*allowDestroy, which only shape a created app registration/);
  });
});
