import {
  AuthenticationManagedIdentity, CheckHeader, Choose, Cors, ForwardRequest, IpFilter, IpFilterAction, PolicyDocument, PolicyElement,
  PolicyScope, PolicySection, PolicyValue, QuotaByKey, RateLimitByKey, RawPolicyFragment, ReturnResponse, RewriteUri, SetBackendService,
  SetHeader, SetVariable, ValidateAzureAdToken, ValidateContent, ValidateHeaders, ValidateJwt, ValidateParameters, ValidateStatusCode,
} from '../../lib/policy';
import { POLICY_RULES } from '../../lib/policy/catalog';
import { ALL_SECTIONS } from '../../lib/policy/element';
import { attributes, childNames, onlyChild, parseFragment, parseXml, textOf } from '../util/xml';

const { INBOUND, BACKEND, OUTBOUND, ON_ERROR } = PolicySection;
const raw = (xml: string, allowedSections?: PolicySection[]) => new RawPolicyFragment({ xml, allowedSections });

describe('RawPolicyFragment: well-formed statements placed as written', () => {
  test('one statement is placed as written; its sections are those APIM takes it in', () => {
    const xml = '<set-query-parameter name="api-version" exists-action="delete" />';
    const fragment = raw(`  ${xml}\n`);
    expect(fragment.toXml()).toBe(xml);
    expect(fragment.elementName).toBe('raw-fragment');
    expect(fragment.allowedSections).toEqual([INBOUND, BACKEND]);
    expect(attributes(parseXml(fragment.toXml()))).toEqual({ 'name': 'api-version', 'exists-action': 'delete' });
  });

  test('several statements, comments and CDATA are accepted; the sections they share remain', () => {
    const xml = '<!-- strip --><set-header name="A" exists-action="delete" />\n<set-body><![CDATA[<x> & ]]></set-body>';
    const fragment = raw(xml);
    const wrapper = parseFragment(fragment.toXml());
    expect(childNames(wrapper)).toEqual(['set-header', 'set-body']);
    expect(textOf(onlyChild(wrapper, 'set-body'))).toBe('<x> & ');
    expect(fragment.allowedSections).toEqual([INBOUND, BACKEND, OUTBOUND]);
  });

  test('allowed sections can be narrowed, not widened', () => {
    const f = raw('<mock-response status-code="200" />', [INBOUND]);
    expect(f.allowedSections).toEqual([INBOUND]);
    expect(() => new PolicyDocument({ outbound: [f] })).toThrow(/^raw-fragment <mock-response>: section cannot be 'outbound'\. Valid: inbound\./);
    expect(() => raw('<mock-response status-code="200" />', [BACKEND]))
      .toThrow(/^RawPolicyFragment: allowedSections \(backend\) lists none of the sections its statements may stand in\. Valid: inbound, outbound, on-error\./);
  });

  test('multi-line text in a fragment keeps its exact content inside a document', () => {
    const body = 'line one\n  line two\nline three';
    const doc = new PolicyDocument({ inbound: [raw(`<set-body>${body}</set-body>`)] });
    expect(textOf(onlyChild(onlyChild(parseXml(doc.toXml()), 'inbound'), 'set-body'))).toBe(body);
  });

  test.each<[string, string, RegExp]>([
    ['text first', 'hello <a/>', /^RawPolicyFragment: xml does not start with an element/],
    ['an empty string', '', /^RawPolicyFragment: xml does not start with an element/],
    ['an unclosed element', '<set-body>x', /^RawPolicyFragment: xml is not well-formed XML \(.*\)\. Valid: one or more well-formed policy elements\./],
    ['mismatched tags', '<a><b></a></b>', /^RawPolicyFragment: xml is not well-formed XML/],
    ['a stray end tag', '<a/></policies>', /^RawPolicyFragment: xml is not well-formed XML/],
    ['a repeated attribute', '<a b="1" b="2" />', /^RawPolicyFragment: xml is not well-formed XML/],
    ['an unquoted attribute', '<a b=1 />', /^RawPolicyFragment: xml is not well-formed XML/],
    ['a bare & in text', '<set-body>a & b</set-body>', /^RawPolicyFragment: xml is not well-formed XML/],
    ['an undeclared entity', '<set-body>&nbsp;</set-body>', /^RawPolicyFragment: xml is not well-formed XML.*&nbsp;/],
    ['< in an attribute value', '<set-variable name="a" value="1 < 2" />', /^RawPolicyFragment: xml is not well-formed XML.*'<' in the attribute value/],
    ['a bare & in an attribute value', '<set-variable name="a" value="a & b" />', /^RawPolicyFragment: xml is not well-formed XML.*attribute value/],
    ['a reference to NUL', '<set-body>&#0;</set-body>', /^RawPolicyFragment: xml is not well-formed XML.*&#0;/],
    [']]> in text', '<set-body>a ]]> b</set-body>', /^RawPolicyFragment: xml is not well-formed XML.*\]\]>/],
    ['a DOCTYPE with an entity', '<!DOCTYPE x [<!ENTITY b "&#60;base /&#62;">]><x>&b;</x>', /^RawPolicyFragment: xml is not well-formed XML/],
    ['an XML declaration', '<?xml version="1.0"?><a/>', /^RawPolicyFragment: xml is not well-formed XML.*XML declaration/],
    ['a control character', '<set-body>\u0001</set-body>', /^RawPolicyFragment: xml is not well-formed XML/],
    ['<base />', '<base />', /^RawPolicyFragment: xml contains <base>, <policies> or a section element/],
    ['<base/> after other elements', '<set-header name="A" exists-action="delete" /><base/>', /^RawPolicyFragment: xml contains <base>/],
    ['<base> with content', '<base></base>', /^RawPolicyFragment: xml contains <base>/],
    ['a nested section', '<choose><when condition="@(true)"><inbound /></when></choose>', /^RawPolicyFragment: xml contains <base>, <policies> or a section element/],
    ['<policies>', '<policies><inbound /></policies>', /^RawPolicyFragment: xml contains/],
    ['<on-error>', '<on-error/>', /^RawPolicyFragment: xml contains/],
  ])('refuses %s', (_label, xml, message) => {
    expect(() => raw(xml)).toThrow(message);
  });
});

describe('RawPolicyFragment: only statements of the policy reference, where APIM takes them', () => {
  test.each<[string, string]>([
    ['an unknown element', '<send-to-slack channel="ops" />'],
    ['a misspelt policy', '<set-headers name="A" exists-action="delete" />'],
    ['a name that only starts like base', '<baseline />'],
    ['an unknown element after a known one', '<set-header name="A" exists-action="delete" /><inbound-x />'],
    ['an unknown element inside choose', '<choose><when condition="@(true)"><drop-table /></when></choose>'],
    ['an unknown element inside retry', '<retry condition="@(true)" count="2" interval="1"><teleport /></retry>'],
  ])('refuses %s, naming it and the known statements', (_label, xml) => {
    expect(() => raw(xml)).toThrow(/^RawPolicyFragment: xml contains <[a-z-]+>, which is not an APIM policy statement\. Valid: statements of the APIM policy reference: authentication-basic, .*validate-status-code, wait, xml-to-json, xsl-transform\.$/);
  });

  test.each<[string, string, PolicySection, string]>([
    ['validate-headers in inbound', '<validate-headers specified-header-action="prevent" unspecified-header-action="prevent" />', INBOUND, 'outbound, on-error'],
    ['validate-status-code in inbound', '<validate-status-code unspecified-status-code-action="prevent" />', INBOUND, 'outbound, on-error'],
    ['validate-parameters in outbound', '<validate-parameters specified-parameter-action="prevent" unspecified-parameter-action="prevent" />', OUTBOUND, 'inbound'],
    ['forward-request in inbound', '<forward-request timeout="10" />', INBOUND, 'backend'],
    ['forward-request in on-error', '<forward-request />', ON_ERROR, 'backend'],
    ['rate-limit-by-key in outbound', '<rate-limit-by-key calls="1" renewal-period="1" counter-key="k" />', OUTBOUND, 'inbound'],
    ['set-body in on-error', '<set-body>x</set-body>', ON_ERROR, 'inbound, backend, outbound'],
    ['a forward-request nested in choose, in inbound', '<choose><when condition="@(true)"><forward-request /></when></choose>', INBOUND, 'backend'],
    ['validate-headers nested in retry, in inbound', '<retry condition="@(false)" count="1" interval="1"><validate-headers specified-header-action="detect" unspecified-header-action="detect" /></retry>', INBOUND, 'outbound, on-error'],
  ])('a document refuses %s', (_label, xml, section, valid) => {
    const doc = new PolicyDocument({ scope: PolicyScope.GLOBAL });
    expect(() => doc.add(section, raw(xml))).toThrow(new RegExp(`^raw-fragment <[a-z<>, -]+>: section cannot be '${section}'\\. Valid: ${valid}\\.$`));
    expect(doc.elementsOf(section)).toEqual([]);
  });

  test('the statements where APIM takes them are accepted', () => {
    const doc = new PolicyDocument({
      scope: PolicyScope.GLOBAL,
      inbound: [raw('<validate-parameters specified-parameter-action="prevent" unspecified-parameter-action="prevent" />')],
      backend: [raw('<retry condition="@(context.Response.StatusCode == 503)" count="2" interval="1"><forward-request buffer-request-body="true" /></retry>')],
      outbound: [raw('<validate-headers specified-header-action="prevent" unspecified-header-action="detect" />')],
      onError: [raw('<choose><when condition="@(true)"><set-status code="500" reason="x" /></when><otherwise><trace source="t"><message>m</message></trace></otherwise></choose>')],
    });
    expect(childNames(onlyChild(parseXml(doc.toXml()), 'backend'))).toEqual(['retry']);
  });

  test('settings of a statement are not statements: send-request children and choose conditions are free', () => {
    const f = raw('<send-request mode="new" response-variable-name="r"><set-url>https://a.example</set-url><set-method>GET</set-method></send-request>');
    expect(f.allowedSections).toEqual(ALL_SECTIONS);
  });

  test.each<[string, string, RegExp]>([
    ['statements that share no section', '<validate-parameters specified-parameter-action="prevent" unspecified-parameter-action="prevent" /><validate-headers specified-header-action="prevent" unspecified-header-action="prevent" />',
      /^RawPolicyFragment: xml mixes statements that share no section \(validate-parameters, validate-headers\)\. Valid: statements that can all stand in one section\.$/],
    ['text between statements', '<set-header name="A" exists-action="delete" /> stray', /^RawPolicyFragment: xml has text 'stray' between its statements/],
    ['something other than a branch in choose', '<choose><set-header name="A" exists-action="delete" /></choose>', /^RawPolicyFragment: xml has <set-header> in <choose>\. Valid: only <when> and <otherwise> branches in <choose>\./],
  ])('refuses %s', (_label, xml, message) => {
    expect(() => raw(xml)).toThrow(message);
  });

  test('forward-request below global scope is refused even in a raw fragment (the backend already inherits one)', () => {
    expect(() => new PolicyDocument({ scope: PolicyScope.API, backend: [raw('<forward-request timeout="10" />')] }))
      .toThrow(/^raw-fragment <forward-request>: section is 'backend' of a api-scope document, whose backend section already inherits the global forward-request through <base \/>/);
  });

  test('cors in a raw fragment is refused: only the typed Cors can be kept first', () => {
    expect(() => new PolicyDocument({ inbound: [raw('<cors><allowed-origins><origin>*</origin></allowed-origins></cors>')] }))
      .toThrow(/^raw-fragment <cors>: section holds a cors statement inside another element or a raw fragment, where it could not stay first\. Valid: the Cors element, added directly to inbound\./);
  });

  // The allow-list and the typed elements come from the same policy reference: where both know
  // a statement, they agree on its sections.
  test.each<[string, PolicyElement]>([
    ['validate-jwt', new ValidateJwt({ openIdConfigUrls: ['https://login.example.org/.well-known/openid-configuration'], audiences: ['a'], issuers: ['i'] })],
    ['validate-azure-ad-token', new ValidateAzureAdToken({ tenantId: '00000000-0000-0000-0000-000000000000', audiences: ['a'], clientApplicationIds: ['c'] })],
    ['authentication-managed-identity', new AuthenticationManagedIdentity({ resource: 'https://r.example' })],
    ['check-header', new CheckHeader({ name: 'X-A', values: ['b'] })],
    ['ip-filter', new IpFilter({ action: IpFilterAction.ALLOW, addresses: ['10.0.0.1'] })],
    ['rate-limit-by-key', new RateLimitByKey({ calls: 1, renewalPeriodSeconds: 1, counterKey: PolicyValue.expression('context.Request.IpAddress') })],
    ['quota-by-key', new QuotaByKey({ calls: 1, renewalPeriodSeconds: 300, counterKey: PolicyValue.expression('context.Request.IpAddress') })],
    ['validate-content', new ValidateContent({ maxSizeBytes: 1, contentTypes: [{ type: 'application/json' }] })],
    ['validate-parameters', new ValidateParameters()],
    ['validate-headers', new ValidateHeaders()],
    ['validate-status-code', new ValidateStatusCode()],
    ['cors', new Cors({ allowedOrigins: ['*'] })],
    ['set-header', SetHeader.override('X-A', 'b')],
    ['set-variable', new SetVariable({ name: 'a', value: PolicyValue.literal('b') })],
    ['return-response', new ReturnResponse({ statusCode: 204 })],
    ['set-backend-service', new SetBackendService({ backendId: 'b' })],
    ['rewrite-uri', new RewriteUri({ template: '/a' })],
    ['forward-request', new ForwardRequest()],
    ['choose', new Choose({ branches: [{ condition: PolicyValue.expression('true'), elements: [SetHeader.override('X-A', 'b')] }] })],
  ])('the allow-list and the typed %s agree on sections', (name, element) => {
    expect(element.elementName).toBe(name);
    expect([...POLICY_RULES[name].sections]).toEqual(name === 'choose' ? ALL_SECTIONS : element.allowedSections);
  });
});
