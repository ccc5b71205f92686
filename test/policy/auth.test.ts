import {
  AuthenticationManagedIdentity, CheckHeader, CheckHeaderProps, ClaimMatch, PolicySection, ValidateAzureAdToken, ValidateAzureAdTokenProps,
  ValidateJwt, ValidateJwtProps,
} from '../../lib/policy';
import { attributes, childElements, childNames, onlyChild, parseXml, textOf } from '../util/xml';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OPENID = `https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration`;

const JWT: ValidateJwtProps = {
  openIdConfigUrls: [OPENID],
  audiences: ['api://fhir-gateway'],
  issuers: [`https://login.microsoftonline.com/${TENANT}/v2.0`],
};

const jwt = (over: Partial<ValidateJwtProps> = {}) => new ValidateJwt({ ...JWT, ...over });
const CLIENT = '11111111-1111-1111-1111-111111111111';
const aad = (over: Partial<ValidateAzureAdTokenProps> = {}) => new ValidateAzureAdToken({ tenantId: TENANT, audiences: ['api://fhir-gateway'], clientApplicationIds: [CLIENT], ...over });
const check = (over: Partial<CheckHeaderProps> = {}) => new CheckHeader({ name: 'X-Tenant', values: ['contoso'], ...over });

/** The texts of the `childName` children of the one `listName` child. */
function listTexts(root: Element, listName: string, childName: string): string[] {
  const list = onlyChild(root, listName);
  expect(childNames(list).every((n) => n === childName)).toBe(true);
  return childElements(list).map(textOf);
}

describe('ValidateJwt', () => {
  test('defaults: Bearer, signed, expiring tokens, 401 Unauthorized, Authorization header', () => {
    const root = parseXml(jwt().toXml());
    expect(root.tagName).toBe('validate-jwt');
    expect(attributes(root)).toEqual({
      'header-name': 'Authorization',
      'failed-validation-httpcode': '401',
      'failed-validation-error-message': 'Unauthorized',
      'require-expiration-time': 'true',
      'require-scheme': 'Bearer',
      'require-signed-tokens': 'true',
    });
    expect(childNames(root)).toEqual(['openid-config', 'audiences', 'issuers']);
    expect(attributes(onlyChild(root, 'openid-config'))).toEqual({ url: OPENID });
    expect(listTexts(root, 'audiences', 'audience')).toEqual(['api://fhir-gateway']);
    expect(listTexts(root, 'issuers', 'issuer')).toEqual([JWT.issuers[0]]);
  });

  test('options: several URLs, audiences, issuers, claims, header, status, message, skew, output variable', () => {
    const second = 'https://login.example.org/.well-known/openid-configuration';
    const root = parseXml(jwt({
      openIdConfigUrls: [OPENID, second],
      audiences: ['api://a', 'b'],
      issuers: ['https://i1/', 'https://i2/'],
      requiredClaims: [
        { name: 'roles', values: ['Patient.Read', 'Patient.Write'], match: ClaimMatch.ALL },
        { name: 'scp', values: ['user_impersonation'], separator: ' ' },
      ],
      headerName: 'X-Token',
      failedValidationHttpCode: 403,
      failedValidationErrorMessage: 'Denied',
      clockSkewSeconds: 30,
      outputTokenVariableName: 'jwt',
    }).toXml());
    expect(attributes(root)).toMatchObject({
      'header-name': 'X-Token',
      'failed-validation-httpcode': '403',
      'failed-validation-error-message': 'Denied',
      'clock-skew': '30',
      'output-token-variable-name': 'jwt',
    });
    expect(childNames(root)).toEqual(['openid-config', 'openid-config', 'audiences', 'issuers', 'required-claims']);
    expect(childElements(root, 'openid-config').map((e) => e.getAttribute('url'))).toEqual([OPENID, second]);
    expect(listTexts(root, 'audiences', 'audience')).toEqual(['api://a', 'b']);
    expect(listTexts(root, 'issuers', 'issuer')).toEqual(['https://i1/', 'https://i2/']);
    const claims = childElements(onlyChild(root, 'required-claims'));
    expect(claims.map((c) => c.tagName)).toEqual(['claim', 'claim']);
    expect(attributes(claims[0])).toEqual({ name: 'roles', match: 'all' });
    expect(childElements(claims[0], 'value').map(textOf)).toEqual(['Patient.Read', 'Patient.Write']);
    expect(attributes(claims[1])).toEqual({ name: 'scp', match: 'any', separator: ' ' });
    expect(childElements(claims[1]).map(textOf)).toEqual(['user_impersonation']);
  });

  test('an empty requiredClaims list renders no required-claims element', () => {
    expect(childNames(parseXml(jwt({ requiredClaims: [] }).toXml()))).not.toContain('required-claims');
  });

  test('is allowed in inbound only', () => {
    expect(jwt().allowedSections).toEqual([PolicySection.INBOUND]);
  });

  test.each<[string, Partial<ValidateJwtProps>, RegExp]>([
    ['no openid URL', { openIdConfigUrls: [] }, /^validate-jwt: openIdConfigUrls is empty/],
    ['a non-https openid URL', { openIdConfigUrls: ['http://login.example.org/.well-known/openid-configuration'] }, /^validate-jwt: openIdConfigUrls\[0\] 'http:\/\/login\.example\.org.*' is not an https URL/],
    ['a relative openid URL', { openIdConfigUrls: [OPENID, '/.well-known/openid-configuration'] }, /^validate-jwt: openIdConfigUrls\[1\] .* is not an https URL/],
    ['a blank openid URL', { openIdConfigUrls: [' '] }, /^validate-jwt: openIdConfigUrls\[0\] is blank/],
    ['empty audiences', { audiences: [] }, /^validate-jwt: audiences is empty/],
    ['missing audiences', { audiences: undefined }, /^validate-jwt: audiences is empty/],
    ['a blank audience', { audiences: ['a', '  '] }, /^validate-jwt: audiences\[1\] is blank/],
    ['empty issuers', { issuers: [] }, /^validate-jwt: issuers is empty/],
    ['a blank issuer', { issuers: [''] }, /^validate-jwt: issuers\[0\] is blank/],
    ['an expression-looking audience', { audiences: ['@(x)'] }, /^validate-jwt: audiences\[0\] '@\(x\)' starts with '@'/],
    ['a named-value-looking issuer', { issuers: ['{{issuer}}'] }, /^validate-jwt: issuers\[0\] .* contains '\{\{'/],
    ['an empty claim name', { requiredClaims: [{ name: '', values: ['a'] }] }, /^validate-jwt: requiredClaims\[0\]\.name is empty/],
    ['a claim without values', { requiredClaims: [{ name: 'roles', values: [] }] }, /^validate-jwt: requiredClaims\[0\]\.values is empty/],
    ['a blank claim value', { requiredClaims: [{ name: 'roles', values: ['a', ''] }] }, /^validate-jwt: requiredClaims\[0\]\.values\[1\] is blank/],
    ['an expression claim value', { requiredClaims: [{ name: 'roles', values: ['@x'] }] }, /^validate-jwt: requiredClaims\[0\]\.values\[0\] '@x' starts with '@'/],
    ['an expression separator', { requiredClaims: [{ name: 'scp', values: ['a'], separator: '@' }] }, /^validate-jwt: requiredClaims\[0\]\.separator/],
    ['an invalid header name', { headerName: 'X Token' }, /^validate-jwt: headerName 'X Token' is not a header name/],
    ['a 2xx failure status', { failedValidationHttpCode: 200 }, /^validate-jwt: failedValidationHttpCode is 200\. Valid: a whole number from 400 to 599\./],
    ['a 600 failure status', { failedValidationHttpCode: 600 }, /^validate-jwt: failedValidationHttpCode is 600/],
    ['a fractional failure status', { failedValidationHttpCode: 401.5 }, /^validate-jwt: failedValidationHttpCode is 401\.5/],
    ['an expression failure message', { failedValidationErrorMessage: '@(context.LastError)' }, /^validate-jwt: failedValidationErrorMessage/],
    ['a negative clock skew', { clockSkewSeconds: -1 }, /^validate-jwt: clockSkewSeconds is -1\. Valid: a whole number from 0 to 300\./],
    ['a clock skew over 300', { clockSkewSeconds: 301 }, /^validate-jwt: clockSkewSeconds is 301/],
    ['an expression output variable', { outputTokenVariableName: '@v' }, /^validate-jwt: outputTokenVariableName '@v'/],
  ])('refuses %s', (_label, over, message) => {
    expect(() => jwt(over)).toThrow(message);
  });

  test('accepts the boundary values', () => {
    expect(() => jwt({ failedValidationHttpCode: 400, clockSkewSeconds: 0 })).not.toThrow();
    expect(() => jwt({ failedValidationHttpCode: 599, clockSkewSeconds: 300 })).not.toThrow();
  });
});

describe('ValidateAzureAdToken', () => {
  test('defaults: tenant, Authorization header, 401 Unauthorized, client applications, then audiences', () => {
    const root = parseXml(aad().toXml());
    expect(root.tagName).toBe('validate-azure-ad-token');
    expect(attributes(root)).toEqual({
      'tenant-id': TENANT,
      'header-name': 'Authorization',
      'failed-validation-httpcode': '401',
      'failed-validation-error-message': 'Unauthorized',
    });
    expect(childNames(root)).toEqual(['client-application-ids', 'audiences']);
    expect(listTexts(root, 'client-application-ids', 'application-id')).toEqual([CLIENT]);
    expect(listTexts(root, 'audiences', 'audience')).toEqual(['api://fhir-gateway']);
  });

  test('options: client applications come before audiences, then claims', () => {
    const root = parseXml(aad({
      clientApplicationIds: ['11111111-1111-1111-1111-111111111111', '22222222-2222-2222-2222-222222222222'],
      requiredClaims: [{ name: 'roles', values: ['Reader'], match: ClaimMatch.ALL }],
      headerName: 'X-Token',
      failedValidationHttpCode: 403,
      failedValidationErrorMessage: 'Nope',
      outputTokenVariableName: 'token',
    }).toXml());
    expect(attributes(root)).toEqual({
      'tenant-id': TENANT,
      'header-name': 'X-Token',
      'failed-validation-httpcode': '403',
      'failed-validation-error-message': 'Nope',
      'output-token-variable-name': 'token',
    });
    expect(childNames(root)).toEqual(['client-application-ids', 'audiences', 'required-claims']);
    expect(listTexts(root, 'client-application-ids', 'application-id'))
      .toEqual(['11111111-1111-1111-1111-111111111111', '22222222-2222-2222-2222-222222222222']);
    const claim = onlyChild(onlyChild(root, 'required-claims'), 'claim');
    expect(attributes(claim)).toEqual({ name: 'roles', match: 'all' });
    expect(childElements(claim).map(textOf)).toEqual(['Reader']);
  });

  // APIM rejects validate-azure-ad-token without <client-application-ids> (MicrosoftDocs/azure-docs
  // #121338, #121329): the element is never written without it.
  test.each<[string, string[] | undefined]>([
    ['an empty clientApplicationIds list', []],
    ['no clientApplicationIds', undefined],
  ])('refuses %s, pointing to validate-jwt for any client', (_label, ids) => {
    expect(() => aad({ clientApplicationIds: ids as string[] })).toThrow(
      /^validate-azure-ad-token: clientApplicationIds is empty\. Valid: at least one client application id \(APIM rejects validate-azure-ad-token without <client-application-ids>\); to accept any client of the tenant use validate-jwt\.$/);
  });

  test('is allowed in inbound only', () => {
    expect(aad().allowedSections).toEqual([PolicySection.INBOUND]);
  });

  test.each<[string, Partial<ValidateAzureAdTokenProps>, RegExp]>([
    ['a tenant that is not a GUID', { tenantId: 'contoso.onmicrosoft.com' }, /^validate-azure-ad-token: tenantId 'contoso\.onmicrosoft\.com' is not a tenant id/],
    ['a truncated GUID', { tenantId: TENANT.slice(0, -1) }, /^validate-azure-ad-token: tenantId/],
    ['empty audiences', { audiences: [] }, /^validate-azure-ad-token: audiences is empty/],
    ['a blank audience', { audiences: [' '] }, /^validate-azure-ad-token: audiences\[0\] is blank/],
    ['a blank client application id', { clientApplicationIds: ['a', ''] }, /^validate-azure-ad-token: clientApplicationIds\[1\] is blank/],
    ['a claim without values', { requiredClaims: [{ name: 'roles', values: [] }] }, /^validate-azure-ad-token: requiredClaims\[0\]\.values is empty/],
    ['an invalid header name', { headerName: 'Authorization:' }, /^validate-azure-ad-token: headerName/],
    ['a 3xx failure status', { failedValidationHttpCode: 302 }, /^validate-azure-ad-token: failedValidationHttpCode is 302/],
    ['a named-value failure message', { failedValidationErrorMessage: '{{msg}}' }, /^validate-azure-ad-token: failedValidationErrorMessage/],
    ['an expression output variable', { outputTokenVariableName: '@t' }, /^validate-azure-ad-token: outputTokenVariableName/],
  ])('refuses %s', (_label, over, message) => {
    expect(() => aad(over)).toThrow(message);
  });
});

describe('AuthenticationManagedIdentity', () => {
  test('defaults: system identity, token in Authorization, errors not ignored', () => {
    const root = parseXml(new AuthenticationManagedIdentity({ resource: 'https://fhir.example.azurehealthcareapis.com' }).toXml());
    expect(root.tagName).toBe('authentication-managed-identity');
    expect(attributes(root)).toEqual({ 'resource': 'https://fhir.example.azurehealthcareapis.com', 'ignore-error': 'false' });
    expect(childElements(root)).toHaveLength(0);
  });

  test('options: user-assigned client id and output variable', () => {
    const root = parseXml(new AuthenticationManagedIdentity({
      resource: 'api://backend', clientId: '33333333-3333-3333-3333-333333333333', outputTokenVariableName: 'msi',
    }).toXml());
    expect(attributes(root)).toEqual({
      'resource': 'api://backend',
      'client-id': '33333333-3333-3333-3333-333333333333',
      'output-token-variable-name': 'msi',
      'ignore-error': 'false',
    });
  });

  test('is allowed in inbound only', () => {
    expect(new AuthenticationManagedIdentity({ resource: 'r' }).allowedSections).toEqual([PolicySection.INBOUND]);
  });

  test.each<[string, object, RegExp]>([
    ['an empty resource', { resource: '' }, /^authentication-managed-identity: resource is empty/],
    ['an expression resource', { resource: '@(x)' }, /^authentication-managed-identity: resource '@\(x\)' starts with '@'/],
    ['a named-value client id', { resource: 'r', clientId: '{{id}}' }, /^authentication-managed-identity: clientId/],
    ['an expression output variable', { resource: 'r', outputTokenVariableName: '@o' }, /^authentication-managed-identity: outputTokenVariableName/],
  ])('refuses %s', (_label, props, message) => {
    expect(() => new AuthenticationManagedIdentity(props as any)).toThrow(message);
  });
});

describe('CheckHeader', () => {
  test('defaults: 403 Forbidden, case-sensitive', () => {
    const root = parseXml(check().toXml());
    expect(root.tagName).toBe('check-header');
    expect(attributes(root)).toEqual({
      'name': 'X-Tenant',
      'failed-check-httpcode': '403',
      'failed-check-error-message': 'Forbidden',
      'ignore-case': 'false',
    });
    expect(childNames(root)).toEqual(['value']);
    expect(textOf(onlyChild(root, 'value'))).toBe('contoso');
  });

  test('options: several values in order, status, message, ignore case', () => {
    const root = parseXml(check({ values: ['b', 'a', 'c'], failedCheckHttpCode: 401, failedCheckErrorMessage: 'No', ignoreCase: true }).toXml());
    expect(attributes(root)).toEqual({
      'name': 'X-Tenant',
      'failed-check-httpcode': '401',
      'failed-check-error-message': 'No',
      'ignore-case': 'true',
    });
    expect(childElements(root, 'value').map(textOf)).toEqual(['b', 'a', 'c']);
  });

  test('is allowed in inbound only', () => {
    expect(check().allowedSections).toEqual([PolicySection.INBOUND]);
  });

  test.each<[string, Partial<CheckHeaderProps>, RegExp]>([
    ['no values', { values: [] }, /^check-header: values is empty/],
    ['a blank value', { values: [''] }, /^check-header: values\[0\] is blank/],
    ['an expression value', { values: ['ok', '@(x)'] }, /^check-header: values\[1\] '@\(x\)' starts with '@'/],
    ['an invalid header name', { name: 'X(Tenant)' }, /^check-header: name 'X\(Tenant\)' is not a header name/],
    ['an empty header name', { name: '' }, /^check-header: name '' is not a header name/],
    ['a non-error status', { failedCheckHttpCode: 204 }, /^check-header: failedCheckHttpCode is 204/],
    ['an expression message', { failedCheckErrorMessage: '@m' }, /^check-header: failedCheckErrorMessage/],
  ])('refuses %s', (_label, over, message) => {
    expect(() => check(over)).toThrow(message);
  });
});
