import { App, TerraformOutput, TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import {
  AuthenticationManagedIdentity, CheckHeader, ClaimMatch, Choose, ContentValidationFormat, Cors, JsonErrorResponse, PolicyDocument,
  PolicyElement, PolicySection, PolicyValue, QuotaByKey, RateLimitByKey, ReturnResponse, SetBackendService, SetHeader, SetVariable,
  ValidateAzureAdToken, ValidateContent, ValidateHeaders, ValidateJwt, ValidateParameters, ValidateStatusCode,
} from '../../lib/policy';
import { escapeAttribute, escapeTerraformTemplate, escapeText, hasIllegalXmlChar } from '../../lib/policy/xml';
import { allElements, attributes, countNodes, onlyChild, parseFragment, parseXml, textOf } from '../util/xml';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OPENID = `https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration`;

/**
 * Strings that try every way out of an attribute, a text node, XML itself and a Terraform
 * template. None starts with '@' or contains '{{' or a control character, so every literal slot
 * must take them and give them back unchanged.
 */
const HOSTILE: string[] = [
  'a"b\'c<d>e&f]]>g\nh\r\ti ünï ☃ ${var.x} %{ if true } $${y}',
  '"/><inbound><base /></inbound><x a="',
  '\'/><set-header name="X-Evil" exists-action="delete" /><x b=\'',
  '</value></set-header><set-header name="X-Evil" exists-action="delete"><value>1</value></set-header><value>',
  '<![CDATA[ x ]]> <!-- comment --> <?pi data?> <!DOCTYPE x>',
  '&amp; &lt; &#x26; &#38; &unknown; &',
  '\r\n\r \n\t  leading and trailing whitespace \t\n',
  'supplementary 😀 and line separators \u2028 \u2029 \u0085 and a BOM \uFEFF',
  '%%{ already escaped } $$ $ { % { ${ %{ }',
  'x@y @ { { } } }}',
];

/** A literal slot: builds an element with the string in it, and reads the string back from the parsed XML. */
interface Slot {
  readonly name: string;
  readonly section: PolicySection;
  readonly make: (s: string) => PolicyElement;
  readonly read: (root: Element) => string;
}

const attr = (name: string) => (e: Element) => {
  if (!e.hasAttribute(name)) throw new Error(`<${e.tagName}> has no ${name}`);
  return e.getAttribute(name)!;
};
const path = (...names: string[]) => (root: Element) => names.reduce((e, n) => onlyChild(e, n), root);

const jwt = (over: object) => new ValidateJwt({ openIdConfigUrls: [OPENID], audiences: ['api://a'], issuers: ['https://i/'], ...over });
const aad = (over: object) => new ValidateAzureAdToken({ tenantId: TENANT, audiences: ['api://a'], clientApplicationIds: ['11111111-1111-1111-1111-111111111111'], ...over });
const key = PolicyValue.expression('context.Request.IpAddress');

/** Builds a Slot (one line per slot keeps the table readable). */
function slot(name: string, section: PolicySection, make: (s: string) => PolicyElement, read: (root: Element) => string): Slot {
  return { name, section, make, read };
}

const SLOTS: Slot[] = [
  slot('validate-jwt audiences[0]', PolicySection.INBOUND,
    (s) => jwt({ audiences: [s] }),
    (r) => textOf(path('audiences', 'audience')(r))),
  slot('validate-jwt issuers[0]', PolicySection.INBOUND,
    (s) => jwt({ issuers: [s] }),
    (r) => textOf(path('issuers', 'issuer')(r))),
  slot('validate-jwt requiredClaims[0].name', PolicySection.INBOUND,
    (s) => jwt({ requiredClaims: [{ name: s, values: ['v'] }] }),
    (r) => attr('name')(path('required-claims', 'claim')(r))),
  slot('validate-jwt requiredClaims[0].values[0]', PolicySection.INBOUND,
    (s) => jwt({ requiredClaims: [{ name: 'roles', values: [s] }] }),
    (r) => textOf(path('required-claims', 'claim', 'value')(r))),
  slot('validate-jwt requiredClaims[0].separator', PolicySection.INBOUND,
    (s) => jwt({ requiredClaims: [{ name: 'scp', values: ['v'], separator: s }] }),
    (r) => attr('separator')(path('required-claims', 'claim')(r))),
  slot('validate-jwt failedValidationErrorMessage', PolicySection.INBOUND,
    (s) => jwt({ failedValidationErrorMessage: s }),
    attr('failed-validation-error-message')),
  slot('validate-jwt outputTokenVariableName', PolicySection.INBOUND,
    (s) => jwt({ outputTokenVariableName: s }),
    attr('output-token-variable-name')),
  slot('validate-azure-ad-token audiences[0]', PolicySection.INBOUND,
    (s) => aad({ audiences: [s] }),
    (r) => textOf(path('audiences', 'audience')(r))),
  slot('validate-azure-ad-token clientApplicationIds[0]', PolicySection.INBOUND,
    (s) => aad({ clientApplicationIds: [s] }),
    (r) => textOf(path('client-application-ids', 'application-id')(r))),
  slot('validate-azure-ad-token requiredClaims[0].values[0]', PolicySection.INBOUND,
    (s) => aad({ requiredClaims: [{ name: 'roles', values: [s], match: ClaimMatch.ALL }] }),
    (r) => textOf(path('required-claims', 'claim', 'value')(r))),
  slot('validate-azure-ad-token failedValidationErrorMessage', PolicySection.INBOUND,
    (s) => aad({ failedValidationErrorMessage: s }),
    attr('failed-validation-error-message')),
  slot('validate-azure-ad-token outputTokenVariableName', PolicySection.INBOUND,
    (s) => aad({ outputTokenVariableName: s }),
    attr('output-token-variable-name')),
  slot('authentication-managed-identity resource', PolicySection.INBOUND,
    (s) => new AuthenticationManagedIdentity({ resource: s }),
    attr('resource')),
  slot('authentication-managed-identity clientId', PolicySection.INBOUND,
    (s) => new AuthenticationManagedIdentity({ resource: 'https://r', clientId: s }),
    attr('client-id')),
  slot('authentication-managed-identity outputTokenVariableName', PolicySection.INBOUND,
    (s) => new AuthenticationManagedIdentity({ resource: 'https://r', outputTokenVariableName: s }),
    attr('output-token-variable-name')),
  slot('check-header values[0]', PolicySection.INBOUND,
    (s) => new CheckHeader({ name: 'X-Tenant', values: [s] }),
    (r) => textOf(onlyChild(r, 'value'))),
  slot('check-header failedCheckErrorMessage', PolicySection.INBOUND,
    (s) => new CheckHeader({ name: 'X-Tenant', values: ['a'], failedCheckErrorMessage: s }),
    attr('failed-check-error-message')),
  slot('rate-limit-by-key counterKey', PolicySection.INBOUND,
    (s) => new RateLimitByKey({ calls: 1, renewalPeriodSeconds: 1, counterKey: PolicyValue.literal(s) }),
    attr('counter-key')),
  slot('rate-limit-by-key incrementCondition', PolicySection.INBOUND,
    (s) => new RateLimitByKey({ calls: 1, renewalPeriodSeconds: 1, counterKey: key, incrementCondition: PolicyValue.literal(s) }),
    attr('increment-condition')),
  slot('quota-by-key counterKey', PolicySection.INBOUND,
    (s) => new QuotaByKey({ calls: 1, renewalPeriodSeconds: 300, counterKey: PolicyValue.literal(s) }),
    attr('counter-key')),
  slot('validate-content contentTypes[0].schemaId', PolicySection.INBOUND,
    (s) => new ValidateContent({ maxSizeBytes: 1, contentTypes: [{ type: 'application/json', schemaId: s, validateAs: ContentValidationFormat.JSON }] }),
    (r) => attr('schema-id')(onlyChild(r, 'content'))),
  slot('validate-content errorsVariableName', PolicySection.INBOUND,
    (s) => new ValidateContent({ maxSizeBytes: 1, contentTypes: [{ type: 'application/json' }], errorsVariableName: s }),
    attr('errors-variable-name')),
  slot('validate-parameters errorsVariableName', PolicySection.INBOUND,
    (s) => new ValidateParameters({ errorsVariableName: s }),
    attr('errors-variable-name')),
  slot('validate-headers errorsVariableName', PolicySection.OUTBOUND,
    (s) => new ValidateHeaders({ errorsVariableName: s }),
    attr('errors-variable-name')),
  slot('validate-status-code errorsVariableName', PolicySection.OUTBOUND,
    (s) => new ValidateStatusCode({ errorsVariableName: s }),
    attr('errors-variable-name')),
  slot('set-header (SetHeader.override) value', PolicySection.OUTBOUND,
    (s) => SetHeader.override('X-Note', s),
    (r) => textOf(onlyChild(r, 'value'))),
  slot('set-header values[1] after an expression', PolicySection.INBOUND,
    (s) => new SetHeader({ name: 'X-Note', values: [key, PolicyValue.literal(s)] }),
    (r) => textOf(r.getElementsByTagName('value').item(1)!)),
  slot('return-response reason', PolicySection.ON_ERROR,
    (s) => new ReturnResponse({ statusCode: 403, reason: s }),
    (r) => attr('reason')(onlyChild(r, 'set-status'))),
  slot('return-response body', PolicySection.ON_ERROR,
    (s) => new ReturnResponse({ statusCode: 403, body: PolicyValue.literal(s) }),
    (r) => textOf(onlyChild(r, 'set-body'))),
  slot('return-response headers[0].value', PolicySection.ON_ERROR,
    (s) => new ReturnResponse({ statusCode: 403, headers: [{ name: 'X-Note', value: PolicyValue.literal(s) }] }),
    (r) => textOf(path('set-header', 'value')(r))),
  slot('set-backend-service backendId', PolicySection.INBOUND,
    (s) => new SetBackendService({ backendId: s }),
    attr('backend-id')),
  slot('set-variable value', PolicySection.OUTBOUND,
    (s) => new SetVariable({ name: 'v', value: PolicyValue.literal(s) }),
    attr('value')),
  slot('choose when > set-header value', PolicySection.OUTBOUND,
    (s) => new Choose({ branches: [{ condition: PolicyValue.expression('true'), elements: [SetHeader.override('X-Note', s)] }] }),
    (r) => textOf(path('when', 'set-header', 'value')(r))),
];

/** Every element with its attribute names: what a string that injected markup would change. */
function shape(root: Element): string[] {
  return allElements(root).map((e) => `${e.tagName}[${Object.keys(attributes(e)).sort().join(',')}]`);
}

/**
 * Decodes a Terraform (HCL) template the way Terraform's scanner does: `$${` is a literal `${`
 * and `%%{` a literal `%{`, a `$` or `%` not followed by a sequence start is literal. Throws on
 * a real interpolation or directive, which would mean an escape was missed.
 */
function decodeTerraformTemplate(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    if (s.startsWith('$${', i) || s.startsWith('%%{', i)) {
      out += s[i] + '{';
      i += 3;
    } else if (s.startsWith('${', i) || s.startsWith('%{', i)) {
      throw new Error(`unescaped template sequence at ${i}: ${s.slice(i, i + 20)}`);
    } else {
      out += s[i];
      i += 1;
    }
  }
  return out;
}

describe('PolicyValue', () => {
  test('literal keeps the text and is not an expression', () => {
    const v = PolicyValue.literal('application/json; a@b {x} }}');
    expect(v.text).toBe('application/json; a@b {x} }}');
    expect(v.isExpression).toBe(false);
  });

  test('literal starting with @ is refused, pointing to PolicyValue.expression', () => {
    expect(() => PolicyValue.literal('@(context.Request.IpAddress)'))
      .toThrow(/^PolicyValue\.literal: value '@\(context\.Request\.IpAddress\)' starts with '@'.*Valid: .*PolicyValue\.expression/);
    expect(() => PolicyValue.literal('@')).toThrow(/PolicyValue\.literal: value '@' starts with '@'/);
  });

  test('literal containing {{ is refused, pointing to PolicyValue.namedValue', () => {
    expect(() => PolicyValue.literal('Bearer {{secret}}')).toThrow(/^PolicyValue\.literal: value 'Bearer \{\{secret\}\}' contains '\{\{'.*Valid: .*PolicyValue\.namedValue/);
    expect(() => PolicyValue.literal('{{')).toThrow(/contains '\{\{'/);
  });

  test.each([
    ['NUL', '\u0000'], ['backspace', '\u0008'], ['vertical tab', '\u000B'], ['form feed', '\u000C'], ['unit separator', '\u001F'],
    ['U+FFFE', '\uFFFE'], ['U+FFFF', '\uFFFF'], ['a lone high surrogate', '\uD800x'], ['a lone low surrogate', 'x\uDC00'],
  ])('literal with %s is refused', (_label, ch) => {
    expect(() => PolicyValue.literal(`a${ch}b`)).toThrow(/^PolicyValue\.literal: value contains a control character XML cannot carry/);
  });

  test('tab, LF, CR and surrogate pairs are allowed in literals', () => {
    expect(PolicyValue.literal('a\tb\nc\rd 😀').text).toBe('a\tb\nc\rd 😀');
  });

  test('expression renders as @(code)', () => {
    const v = PolicyValue.expression('context.Request.IpAddress');
    expect(v.text).toBe('@(context.Request.IpAddress)');
    expect(v.isExpression).toBe(true);
  });

  test('empty or control-character expressions are refused', () => {
    expect(() => PolicyValue.expression('')).toThrow(/^PolicyValue\.expression: code is empty/);
    expect(() => PolicyValue.expression('  \n ')).toThrow(/^PolicyValue\.expression: code is empty/);
    expect(() => PolicyValue.expression('a\u0001')).toThrow(/^PolicyValue\.expression: code contains a control character/);
  });

  test('multiStatement renders as @{code} and requires a return', () => {
    const v = PolicyValue.multiStatement('var x = 1; return x;');
    expect(v.text).toBe('@{var x = 1; return x;}');
    expect(v.isExpression).toBe(true);
    expect(() => PolicyValue.multiStatement('var x = 1;')).toThrow(/^PolicyValue\.multiStatement: code has no return statement/);
    expect(() => PolicyValue.multiStatement('var returned = 1;')).toThrow(/has no return statement/);
    expect(() => PolicyValue.multiStatement(' ')).toThrow(/^PolicyValue\.multiStatement: code is empty/);
  });

  test('namedValue renders as {{name}} and checks the name', () => {
    const v = PolicyValue.namedValue('backend-key_1.v2');
    expect(v.text).toBe('{{backend-key_1.v2}}');
    expect(v.isExpression).toBe(true);
    expect(PolicyValue.namedValue('a'.repeat(256)).text).toBe(`{{${'a'.repeat(256)}}}`);
    for (const bad of ['', 'a b', 'a}}b', 'a{{b', 'a'.repeat(257), 'ünï']) {
      expect(() => PolicyValue.namedValue(bad)).toThrow(/^PolicyValue\.namedValue: name .* is not a named-value name/);
    }
  });

  test('literal checks name the element and prop when a plain string reaches a slot', () => {
    expect(() => new CheckHeader({ name: 'X-A', values: ['ok', '@(1)'] }))
      .toThrow(/^check-header: values\[1\] '@\(1\)' starts with '@'.*PolicyValue\.expression/);
    expect(() => new CheckHeader({ name: 'X-A', values: ['{{nv}}'] })).toThrow(/^check-header: values\[0\] '\{\{nv\}\}' contains '\{\{'.*PolicyValue\.namedValue/);
    expect(() => new CheckHeader({ name: 'X-A', values: ['a\u0007'] })).toThrow(/^check-header: values\[0\] contains a control character/);
    expect(() => jwt({ failedValidationErrorMessage: '@oops' })).toThrow(/^validate-jwt: failedValidationErrorMessage '@oops' starts with '@'/);
    expect(() => new ReturnResponse({ statusCode: 400, reason: 'x{{y}}' })).toThrow(/^return-response: reason 'x\{\{y\}\}' contains '\{\{'/);
  });
});

describe('XML escaping (internal)', () => {
  test('text escapes &, <, > and CR only', () => {
    expect(escapeText('a&b<c>d]]>e\rf"g\'h\ti\nj')).toBe('a&amp;b&lt;c&gt;d]]&gt;e&#13;f"g\'h\ti\nj');
  });

  test('attributes also escape quotes, tab and LF', () => {
    expect(escapeAttribute('a"b\'c\td\ne\rf<&>')).toBe('a&quot;b&apos;c&#9;d&#10;e&#13;f&lt;&amp;&gt;');
  });

  test('hasIllegalXmlChar accepts XML characters and refuses the rest', () => {
    expect(hasIllegalXmlChar('\t\n\r ~\u00A0\uD7FF\uE000\uFFFD😀')).toBe(false);
    for (const ch of ['\u0000', '\u001F', '\uFFFE', '\uFFFF', '\uD83D', '\uDE00']) expect(hasIllegalXmlChar(`a${ch}`)).toBe(true);
  });

  test('Terraform escaping doubles ${ and %{ but leaves cdktf token markers', () => {
    expect(escapeTerraformTemplate('${var.x} %{ if true } $${y} %%{z}')).toBe('$${var.x} %%{ if true } $$${y} %%%{z}');
    expect(escapeTerraformTemplate('a ${TfToken[TOKEN.12]} b ${x}')).toBe('a ${TfToken[TOKEN.12]} b $${x}');
    expect(escapeTerraformTemplate('$ { % { $x %x')).toBe('$ { % { $x %x');
    // Decoded as Terraform would, the escaped text is the original again.
    for (const s of HOSTILE) expect(decodeTerraformTemplate(escapeTerraformTemplate(s))).toBe(s);
  });

  test('the decoder used by these tests rejects unescaped sequences', () => {
    expect(() => decodeTerraformTemplate('a ${var.x}')).toThrow(/unescaped template sequence/);
    expect(() => decodeTerraformTemplate('%{ if x }')).toThrow(/unescaped template sequence/);
    expect(decodeTerraformTemplate('$$${y}')).toBe('$${y}');
  });
});

describe('the strict test parser', () => {
  test.each([
    ['a bare &', '<a>&</a>'],
    ['an undeclared entity', '<a>&nbsp;</a>'],
    ['< in an attribute', '<a b="<"/>'],
    ['an attribute bare &', '<a b="x & y"/>'],
    [']]> in text', '<a>]]></a>'],
    ['a mismatched end tag', '<a><b></a>'],
    ['an unclosed element', '<a><b></b>'],
    ['a repeated attribute', '<a b="1" b="2"/>'],
    ['an unquoted attribute', '<a b=c/>'],
    ['two root elements', '<a/><b/>'],
    ['a control character', '<a>\u0001</a>'],
    ['a DOCTYPE', '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'],
    ['a reference to an unknown entity in an attribute', '<a b="&x;"/>'],
  ])('refuses %s', (_label, xml) => {
    expect(() => parseXml(xml)).toThrow();
  });

  test('keeps character references and XML 1.0 line ends exactly', () => {
    const root = parseXml('<a x="1&#10;2&#9;3&#13;4\n5\t6" y="\u2028\u0085">q&#13;r\r\ns\u2028t</a>');
    expect(root.getAttribute('x')).toBe('1\n2\t3\r4 5 6');
    expect(root.getAttribute('y')).toBe('\u2028\u0085');
    expect(textOf(root)).toBe('q\rr\ns\u2028t');
    expect(countNodes(parseFragment('<a b="1"><c d="2" e="3"/></a>'))).toEqual({ elements: 3, attributes: 3 });
  });
});

describe('hostile strings in every literal slot', () => {
  test('the slot list covers every element with a free-text literal', () => {
    expect(SLOTS).toHaveLength(33);
    const covered = new Set(SLOTS.map((s) => s.name.split(' ')[0]));
    expect([...covered].sort()).toEqual([
      'authentication-managed-identity', 'check-header', 'choose', 'quota-by-key', 'rate-limit-by-key', 'return-response', 'set-backend-service',
      'set-header', 'set-variable', 'validate-azure-ad-token', 'validate-content', 'validate-headers', 'validate-jwt', 'validate-parameters',
      'validate-status-code',
    ]);
  });

  describe.each(SLOTS.map((s) => [s.name, s] as const))('%s', (_name, sl) => {
    const benign = parseXml(sl.make('benign').toXml());

    test('reads back a benign value (the reader is right)', () => {
      expect(sl.read(benign)).toBe('benign');
    });

    test.each(HOSTILE.map((s, i) => [i, s] as const))('hostile string %i round-trips without injecting markup', (_i, s) => {
      const element = sl.make(s);
      const root = parseXml(element.toXml());
      expect(sl.read(root)).toBe(s);
      expect(countNodes(root)).toEqual(countNodes(benign));
      expect(shape(root)).toEqual(shape(benign));
    });

    test('in a document, the Terraform string decodes to the XML, and ${ / %{ are escaped', () => {
      const doc = new PolicyDocument().add(sl.section, sl.make(HOSTILE[0]));
      const tf = doc.toTerraformString();
      expect(tf).toContain('$${var.x}');
      expect(tf).toContain('%%{ if true }');
      expect(tf).toContain('$$${y}');
      expect(decodeTerraformTemplate(tf)).toBe(doc.toXml());
      const section = onlyChild(parseXml(doc.toXml()), sl.section);
      expect(sl.read(section.getElementsByTagName(sl.make('x').elementName).item(0)!)).toBe(HOSTILE[0]);
    });
  });
});

describe('hostile strings in JsonErrorResponse (C# string literals inside an expression)', () => {
  /** Reads a C# regular string literal back (the escapes csharpString writes). */
  function csharpUnquote(literal: string): string {
    expect(literal).toMatch(/^"(?:[^"\\\r\n\u0085\u2028\u2029]|\\["\\rn]|\\u[0-9a-f]{4})*"$/);
    return literal.slice(1, -1).replace(/\\(["\\rn]|u[0-9a-f]{4})/g, (_m, e: string) =>
      (e === 'r' ? '\r' : e === 'n' ? '\n' : e.startsWith('u') ? String.fromCharCode(parseInt(e.slice(1), 16)) : e));
  }

  test.each(HOSTILE.map((s, i) => [i, s] as const))('hostile string %i survives as code and message', (_i, s) => {
    const root = parseXml(JsonErrorResponse.of({ statusCode: 403, code: s, message: s }).toXml());
    const body = textOf(onlyChild(root, 'set-body'));
    expect(body.startsWith('@(') && body.endsWith(')')).toBe(true);
    const m = /new JProperty\("code", ("(?:[^"\\]|\\.)*")\), new JProperty\("message", ("(?:[^"\\]|\\.)*")\)/.exec(body);
    expect(m).not.toBeNull();
    expect(csharpUnquote(m![1])).toBe(s);
    expect(csharpUnquote(m![2])).toBe(s);
    const doc = new PolicyDocument().add(PolicySection.ON_ERROR, JsonErrorResponse.of({ statusCode: 403, code: 'c', message: s }));
    expect(decodeTerraformTemplate(doc.toTerraformString())).toBe(doc.toXml());
  });
});

describe('expressions survive escaping', () => {
  const code = 'context.Request.Headers.GetValueOrDefault("a","")';

  test('in an attribute, quotes become &quot; and parse back to the code', () => {
    const xml = new SetVariable({ name: 'v', value: PolicyValue.expression(code) }).toXml();
    expect(xml).toContain('value="@(context.Request.Headers.GetValueOrDefault(&quot;a&quot;,&quot;&quot;))"');
    expect(parseXml(xml).getAttribute('value')).toBe(`@(${code})`);
  });

  test('in text, the code parses back unchanged', () => {
    const xml = new SetHeader({ name: 'X-A', values: [PolicyValue.expression(code)] }).toXml();
    expect(textOf(onlyChild(parseXml(xml), 'value'))).toBe(`@(${code})`);
  });

  test('comparison and logical operators are escaped and come back', () => {
    const cond = 'context.Response.StatusCode >= 400 && context.Variables.GetValueOrDefault<int>("n", 0) < 3';
    const choose = new Choose({ branches: [{ condition: PolicyValue.expression(cond), elements: [SetHeader.override('X-A', 'b')] }] });
    const xml = choose.toXml();
    expect(xml).toContain('&gt;= 400 &amp;&amp;');
    expect(onlyChild(parseXml(xml), 'when').getAttribute('condition')).toBe(`@(${cond})`);
  });

  test('multi-statement code with C# interpolation and braces survives toTerraformString', () => {
    const ms = PolicyValue.multiStatement('var n = "x"; return $"{n}-${n}%{n}";');
    const doc = new PolicyDocument({ outbound: [new SetVariable({ name: 'v', value: ms })] });
    const tf = doc.toTerraformString();
    expect(tf).toContain('return $&quot;{n}-$${n}%%{n}&quot;;');
    const decoded = decodeTerraformTemplate(tf);
    expect(onlyChild(onlyChild(parseXml(decoded), 'outbound'), 'set-variable').getAttribute('value')).toBe('@{var n = "x"; return $"{n}-${n}%{n}";}');
  });
});

describe('cdktf tokens are not escaped', () => {
  function stackWith(): { app: App; stack: TerraformStack; variable: TerraformVariable } {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'tokens');
    const variable = new TerraformVariable(stack, 'audience', { type: 'string' });
    return { app, stack, variable };
  }

  test('a token literal is left as a cdktf marker and resolves to an interpolation at synth', () => {
    const { stack, variable } = stackWith();
    const token = Token.asString(variable.value);
    expect(token).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
    const doc = new PolicyDocument({ inbound: [jwt({ audiences: [token, HOSTILE[0]] })] });
    const tf = doc.toTerraformString();
    expect(tf).toContain(`<audience>${token}</audience>`);
    expect(tf).not.toContain(`$${token}`);
    new TerraformOutput(stack, 'policy', { value: tf });
    const value: string = JSON.parse(Testing.synth(stack)).output.policy.value;
    expect(value).toContain('<audience>${var.audience}</audience>');
    expect(value).toContain('$${var.x}');
    expect(value).toContain('%%{ if true }');
    expect(value).not.toContain('TfToken');
  });

  test('a hand-written ${TfToken[...]} marker is passed through too', () => {
    const doc = new PolicyDocument({ outbound: [SetHeader.override('X-A', 'v=${TfToken[TOKEN.1]} ${var.y}')] });
    const tf = doc.toTerraformString();
    expect(tf).toContain('v=${TfToken[TOKEN.1]} $${var.y}');
  });

  test('a number token in an integer slot resolves at synth', () => {
    const { stack } = stackWith();
    const calls = new TerraformVariable(stack, 'calls', { type: 'number' });
    const doc = new PolicyDocument({
      inbound: [new RateLimitByKey({ calls: Token.asNumber(calls.value), renewalPeriodSeconds: 60, counterKey: key })],
    });
    new TerraformOutput(stack, 'policy', { value: doc.toTerraformString() });
    const value: string = JSON.parse(Testing.synth(stack)).output.policy.value;
    expect(value).toContain('calls="${var.calls}"');
  });

  test('tokens skip the checks that need a resolved value', () => {
    const { variable } = stackWith();
    const token = Token.asString(variable.value);
    expect(() => jwt({ openIdConfigUrls: [token] })).not.toThrow();
    expect(() => aad({ tenantId: token })).not.toThrow();
    expect(() => new Cors({ allowedOrigins: [token] })).not.toThrow();
    expect(() => new SetBackendService({ baseUrl: token })).not.toThrow();
  });
});
