/**
 * Hostile input: display names, descriptions, claim and role values, audiences and CORS origins
 * either come out as well-formed XML carrying exactly the given text (nothing injected, nothing
 * evaluated by Terraform), or are refused with an error naming the construct and the prop.
 */
import { apiPolicy, errorOf, own, PATIENTS, patients, section } from './fixtures';
import { ApiOperation } from '../../lib';
import { resourcesOf } from '../util/synth';
import { allElements, attributes, childElements, countNodes, onlyChild, parseXml, textOf } from '../util/xml';

// At most 100 characters: the API's display name also names the version set it creates.
const HOSTILE_TEXT = '</policies><inject a="x"/>&amp; ${var.s} %{ if true }x%{ endif } \'"<![CDATA[ ]]> @(evil) {{named}}';

/** Every xml_content of the construct, parsed; fails on malformed XML. */
function allPolicies(json: any): Element[] {
  return [
    ...resourcesOf(json, 'azurerm_api_management_api_policy'),
    ...resourcesOf(json, 'azurerm_api_management_api_operation_policy'),
  ].map(([, r]) => parseXml(r.xml_content));
}

/** No unescaped Terraform template sequence that the construct did not write itself (references). */
function templateSequences(json: any): string[] {
  const text = JSON.stringify(json);
  return [...text.matchAll(/(?<!\$)\$\{(?!(?:element\(|lower\(|timeadd\()?(?:data\.)?[a-z_]+\.[A-Za-z0-9_-]+\.[a-z_.[\]0-9]+(?:, \d+\)|, \\"\d+h\\"\)|\))?\})[^}]*\}|(?<!%)%\{[^}]*\}/g)].map((m) => m[0]);
}

describe('hostile display names and descriptions', () => {
  const op: ApiOperation = { ...PATIENTS.operations![0], displayName: HOSTILE_TEXT, description: HOSTILE_TEXT };
  const f = patients({ displayName: HOSTILE_TEXT, description: HOSTILE_TEXT, operations: [op, ...PATIENTS.operations!.slice(1)] });
  const json = f.json();

  test('reach Terraform as literals: ${ and %{ are escaped, so Terraform evaluates nothing', () => {
    const apim = own(json, 'azurerm_api_management_api');
    expect(apim.display_name).toBe(HOSTILE_TEXT.replace('${', () => '$${').replace(/%\{/g, () => '%%{'));
    expect(apim.description).toBe(apim.display_name);
    const operation = resourcesOf(json, 'azurerm_api_management_api_operation').find(([, o]) => o.method === 'GET')![1];
    expect(operation.display_name).toBe(apim.display_name);
    expect(templateSequences(json)).toEqual([]);
  });

  test('never enter a policy, and every policy stays well formed', () => {
    for (const policy of allPolicies(json)) {
      expect(allElements(policy).map((e) => e.tagName)).not.toContain('inject');
      expect(JSON.stringify(policy.toString())).not.toContain('var.s}');
    }
  });

  test('control characters are refused', () => {
    expect(errorOf({ displayName: 'Patients\u0000' })).toBe('test/Patients: displayName contains a control character. Valid: 1 to 100 printable characters.');
  });
});

describe('hostile role (claim) values', () => {
  // Legal Entra ID role values that are hostile to XML, C# and Terraform.
  const roles = ["Patient&Read'x", 'a${var.secret}', 'b%{if}', '@(evil)', 'c]]', 'd/*e*/', 'e&lt;'];
  const f = patients({ operations: [{ method: 'GET', urlTemplate: '/patients/{id}', requiredRoles: roles }] });
  const json = f.json();

  test('the roles exist as app roles, escaped for Terraform', () => {
    const app = own(json, 'azuread_application');
    expect(app.app_role.map((r: any) => r.value).sort()).toEqual(roles.map((r) => r.replace('${', () => '$${').replace('%{', () => '%%{')).sort());
    expect(templateSequences(json)).toEqual([]);
  });

  test('the role checks are well-formed XML whose condition carries each role as one C# string literal', () => {
    const policy = own(json, 'azurerm_api_management_api_operation_policy');
    const when = onlyChild(section(parseXml(policy.xml_content), 'inbound')[1], 'when');
    const condition = attributes(when).condition.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
    expect(condition).toContain(`new string[] { ${roles.map((r) => JSON.stringify(r)).join(', ')} }`);
    expect(countNodes(parseXml(policy.xml_content))).toEqual(countNodes(parseXml(own(patients().json(), 'azurerm_api_management_api_operation_policy', 'Patients_OperationPolicy-get').xml_content)));
  });

  test.each([
    'Patient"Read', 'Patient<Read', 'Patient>Read', 'Patient\\Read', 'Patient Read', '{{secret}}', '.Read', 'Read\u2028', 'Read\u0000',
  ])('%j is refused with a clear error', (role) => {
    const message = errorOf({ operations: [{ method: 'GET', urlTemplate: '/patients/{id}', requiredRoles: [role] }] });
    expect(message).toMatch(/^test\/Patients: operations\[0\]\.requiredRoles\[0\] .+\. Valid: 1 to 110 characters: letters, digits and .+\.$/s);
  });
});

describe('hostile audiences and client ids', () => {
  const audience = 'api://contoso"/><inject a="&amp;';
  const f = patients({ existingApp: { clientId: '11111111-2222-3333-4444-555555555555', audience, servicePrincipalObjectId: '11111111-2222-3333-4444-555555555555', appRoleIds: { 'Patient.Read': '11111111-2222-3333-4444-555555555555', 'Patient.Write': '11111111-2222-3333-4444-555555555555', 'Patient.Admin': '11111111-2222-3333-4444-555555555555' } } });
  const policy = apiPolicy(f.json());

  test('are carried as text, exactly', () => {
    const validate = section(policy, 'inbound').find((e) => e.tagName === 'validate-jwt')!;
    expect(childElements(onlyChild(validate, 'audiences')).map(textOf)).toEqual([audience, '11111111-2222-3333-4444-555555555555']);
    expect(allElements(policy).map((e) => e.tagName)).not.toContain('inject');
  });

  test.each([
    ['@(context.Request.Headers)', "starts with '@'"],
    ['api://{{named-value}}', "contains '{{'"],
  ])('%j is refused naming the prop', (bad, problem) => {
    const message = errorOf({ existingApp: { clientId: '11111111-2222-3333-4444-555555555555', audience: bad, servicePrincipalObjectId: '11111111-2222-3333-4444-555555555555', appRoleIds: { 'Patient.Read': '11111111-2222-3333-4444-555555555555', 'Patient.Write': '11111111-2222-3333-4444-555555555555', 'Patient.Admin': '11111111-2222-3333-4444-555555555555' } } });
    expect(message).toContain('test/Patients: existingApp.audience ');
    expect(message).toContain(problem);
  });

  test('a hostile client application id is refused naming the prop', () => {
    expect(errorOf({ allowedClientApplicationIds: ['@(true)'] })).toMatch(/^test\/Patients: allowedClientApplicationIds\[0\] '@\(true\)' starts with '@'.*Valid: /);
  });
});

describe('hostile CORS origins', () => {
  test.each([
    ['https://app.contoso.example"><inject/>', 'cors.allowedOrigins[0]'],
    ['javascript:alert(1)', 'cors.allowedOrigins[0]'],
    ['http://app.contoso.example', 'cors.allowedOrigins[0]'],
    ['https://app.contoso.example/path', 'cors.allowedOrigins[0]'],
    ['https://user@app.contoso.example', 'cors.allowedOrigins[0]'],
  ])('%j is refused', (origin, prop) => {
    const message = errorOf({ cors: { allowedOrigins: [origin] } });
    expect(message).toMatch(new RegExp(`^test/Patients: ${prop.replace(/[.[\]]/g, '\\$&')} '.*' is not an https origin\\. Valid: `));
  });

  test('a wildcard origin with credentials is refused', () => {
    expect(errorOf({ cors: { allowedOrigins: ['*'], allowCredentials: true } })).toBe(
      "test/Patients: cors.allowCredentials is true with the wildcard origin '*'. Valid: explicit origins when credentials are allowed.");
  });

  test('explicit origins with credentials are well formed and exact', () => {
    const policy = apiPolicy(patients({ cors: { allowedOrigins: ['https://app.contoso.example', 'https://portal.contoso.example:8443'], allowCredentials: true } }).json());
    const cors = section(policy, 'inbound').find((e) => e.tagName === 'cors')!;
    expect(attributes(cors)['allow-credentials']).toBe('true');
    expect(childElements(onlyChild(cors, 'allowed-origins')).map(textOf)).toEqual(['https://app.contoso.example', 'https://portal.contoso.example:8443']);
  });
});

describe('hostile schemas and parameter texts', () => {
  const f = patients({
    schemas: [{ name: 'Patient', definition: JSON.stringify({ type: 'object', description: '${var.secret} %{x} </policies>' }) }],
    operations: [
      {
        method: 'POST',
        urlTemplate: '/patients',
        requiredRoles: ['Patient.Write'],
        requestSchemaName: 'Patient',
        queryParameters: [{ name: 'mode', description: '${path.root}', allowedValues: ['${a}', 'b'] }],
      },
    ],
  });
  const json = f.json();

  test('are escaped for Terraform and stay valid JSON', () => {
    const schema = own(json, 'azurerm_api_management_api_schema');
    expect(schema.components).toContain('$${var.secret} %%{x}');
    const unescaped = JSON.parse(schema.components.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{'));
    expect(unescaped.schemas.Patient.description).toBe('${var.secret} %{x} </policies>');
    expect(templateSequences(json)).toEqual([]);
  });
});

describe('the template-sequence detector used above', () => {
  test('finds what Terraform would evaluate and passes escapes and references', () => {
    expect(templateSequences({ a: 'x ${var.secret} y' })).toEqual(['${var.secret}']);
    expect(templateSequences({ a: '%{ if true }' })).toEqual(['%{ if true }']);
    expect(templateSequences({ a: '$${var.secret} %%{ if true }' })).toEqual([]);
    expect(templateSequences({ a: '${azurerm_api_management.Platform_Apim_D6092FA4.identity[0].principal_id}' })).toEqual([]);
  });
});
