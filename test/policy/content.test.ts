import {
  ContentValidationFormat, PolicySection, ValidateContent, ValidateContentProps, ValidateHeaders, ValidateHeadersProps, ValidateParameters,
  ValidateParametersProps, ValidateStatusCode, ValidationAction,
} from '../../lib/policy';
import { MAX_VALIDATE_CONTENT_SIZE } from '../../lib/policy/content';
import { attributes, childElements, childNames, onlyChild, parseXml } from '../util/xml';

const content = (over: Partial<ValidateContentProps> = {}) =>
  new ValidateContent({ maxSizeBytes: 1_048_576, contentTypes: [{ type: 'application/json' }], ...over });

describe('ValidateContent', () => {
  test('defaults: prevent everything, JSON validation', () => {
    const root = parseXml(content().toXml());
    expect(root.tagName).toBe('validate-content');
    expect(attributes(root)).toEqual({
      'unspecified-content-type-action': 'prevent',
      'max-size': '1048576',
      'size-exceeded-action': 'prevent',
    });
    expect(childNames(root)).toEqual(['content']);
    expect(attributes(childElements(root)[0])).toEqual({ 'type': 'application/json', 'validate-as': 'json', 'action': 'prevent' });
  });

  test('options: several content types in order with their settings', () => {
    const root = parseXml(content({
      maxSizeBytes: MAX_VALIDATE_CONTENT_SIZE,
      contentTypes: [
        { type: 'application/fhir+json', schemaId: 'fhir-r4', action: ValidationAction.DETECT, allowAdditionalProperties: false },
        { type: 'application/xml', validateAs: ContentValidationFormat.XML, allowAdditionalProperties: true },
        { type: 'text/xml', validateAs: ContentValidationFormat.SOAP, action: ValidationAction.IGNORE },
      ],
      unspecifiedContentTypeAction: ValidationAction.DETECT,
      sizeExceededAction: ValidationAction.IGNORE,
      errorsVariableName: 'contentErrors',
    }).toXml());
    expect(attributes(root)).toEqual({
      'unspecified-content-type-action': 'detect',
      'max-size': String(4 * 1024 * 1024),
      'size-exceeded-action': 'ignore',
      'errors-variable-name': 'contentErrors',
    });
    expect(childElements(root).map(attributes)).toEqual([
      { 'type': 'application/fhir+json', 'validate-as': 'json', 'schema-id': 'fhir-r4', 'action': 'detect', 'allow-additional-properties': 'false' },
      { 'type': 'application/xml', 'validate-as': 'xml', 'action': 'prevent', 'allow-additional-properties': 'true' },
      { 'type': 'text/xml', 'validate-as': 'soap', 'action': 'ignore' },
    ]);
  });

  test('accepts max sizes 1 and 4 MiB', () => {
    expect(parseXml(content({ maxSizeBytes: 1 }).toXml()).getAttribute('max-size')).toBe('1');
    expect(parseXml(content({ maxSizeBytes: 4_194_304 }).toXml()).getAttribute('max-size')).toBe('4194304');
  });

  test('is allowed in inbound, outbound and on-error', () => {
    expect(content().allowedSections).toEqual([PolicySection.INBOUND, PolicySection.OUTBOUND, PolicySection.ON_ERROR]);
  });

  test.each<[string, Partial<ValidateContentProps>, RegExp]>([
    ['a zero max size', { maxSizeBytes: 0 }, /^validate-content: maxSizeBytes is 0\. Valid: a whole number from 1 to 4194304\./],
    ['a max size over 4 MiB', { maxSizeBytes: 4_194_305 }, /^validate-content: maxSizeBytes is 4194305/],
    ['a fractional max size', { maxSizeBytes: 10.5 }, /^validate-content: maxSizeBytes is 10\.5/],
    ['no content types', { contentTypes: [] }, /^validate-content: contentTypes is empty/],
    ['a type without subtype', { contentTypes: [{ type: 'json' }] }, /^validate-content: contentTypes\[0\]\.type 'json' is not a media type/],
    ['a type with parameters', { contentTypes: [{ type: 'application/json; charset=utf-8' }] }, /^validate-content: contentTypes\[0\]\.type/],
    ['an empty type', { contentTypes: [{ type: 'application/json' }, { type: '' }] }, /^validate-content: contentTypes\[1\]\.type '' is not a media type/],
    ['a wildcard type', { contentTypes: [{ type: '*/*' }] }, /^validate-content: contentTypes\[0\]\.type '\*\/\*'/],
    ['a duplicate type (case-insensitive)', { contentTypes: [{ type: 'application/json' }, { type: 'Application/JSON' }] }, /^validate-content: contentTypes lists 'application\/json' twice/],
    ['an expression schema id', { contentTypes: [{ type: 'application/json', schemaId: '@(s)' }] }, /^validate-content: contentTypes\[0\]\.schemaId '@\(s\)'/],
    ['a named-value errors variable', { errorsVariableName: '{{v}}' }, /^validate-content: errorsVariableName/],
  ])('refuses %s', (_label, over, message) => {
    expect(() => content(over)).toThrow(message);
  });
});

describe('ValidateParameters', () => {
  test('defaults: prevent specified and unspecified parameters in headers, query and path', () => {
    const root = parseXml(new ValidateParameters().toXml());
    expect(root.tagName).toBe('validate-parameters');
    expect(attributes(root)).toEqual({ 'specified-parameter-action': 'prevent', 'unspecified-parameter-action': 'prevent' });
    expect(childNames(root)).toEqual(['headers', 'query', 'path']);
    const [headers, query, path] = childElements(root);
    expect(attributes(headers)).toEqual({ 'specified-parameter-action': 'prevent', 'unspecified-parameter-action': 'prevent' });
    expect(attributes(query)).toEqual({ 'specified-parameter-action': 'prevent', 'unspecified-parameter-action': 'prevent' });
    // APIM's <path> has no unspecified-parameter-action: every path parameter is declared.
    expect(attributes(path)).toEqual({ 'specified-parameter-action': 'prevent' });
    for (const e of childElements(root)) expect(childElements(e)).toHaveLength(0);
  });

  test('options are applied to the element and its sections', () => {
    const root = parseXml(new ValidateParameters({
      specifiedParameterAction: ValidationAction.DETECT,
      unspecifiedParameterAction: ValidationAction.IGNORE,
      errorsVariableName: 'paramErrors',
    }).toXml());
    expect(attributes(root)).toEqual({
      'specified-parameter-action': 'detect', 'unspecified-parameter-action': 'ignore', 'errors-variable-name': 'paramErrors',
    });
    expect(childElements(root).map(attributes)).toEqual([
      { 'specified-parameter-action': 'detect', 'unspecified-parameter-action': 'ignore' },
      { 'specified-parameter-action': 'detect', 'unspecified-parameter-action': 'ignore' },
      { 'specified-parameter-action': 'detect' },
    ]);
  });

  test('a location overrides the element: undeclared headers ignored while query and path stay strict', () => {
    const root = parseXml(new ValidateParameters({ headers: { unspecifiedParameterAction: ValidationAction.IGNORE } }).toXml());
    expect(attributes(root)).toEqual({ 'specified-parameter-action': 'prevent', 'unspecified-parameter-action': 'prevent' });
    expect(childNames(root)).toEqual(['headers', 'query', 'path']);
    // Declared headers are still validated; only the undeclared ones are let through.
    expect(attributes(onlyChild(root, 'headers'))).toEqual({ 'specified-parameter-action': 'prevent', 'unspecified-parameter-action': 'ignore' });
    expect(attributes(onlyChild(root, 'query'))).toEqual({ 'specified-parameter-action': 'prevent', 'unspecified-parameter-action': 'prevent' });
    expect(attributes(onlyChild(root, 'path'))).toEqual({ 'specified-parameter-action': 'prevent' });
  });

  test('each location takes the element\'s action for what it does not override', () => {
    const root = parseXml(new ValidateParameters({
      specifiedParameterAction: ValidationAction.DETECT,
      unspecifiedParameterAction: ValidationAction.DETECT,
      headers: { specifiedParameterAction: ValidationAction.PREVENT },
      query: { unspecifiedParameterAction: ValidationAction.PREVENT },
      path: { specifiedParameterAction: ValidationAction.IGNORE },
    }).toXml());
    expect(attributes(root)).toEqual({ 'specified-parameter-action': 'detect', 'unspecified-parameter-action': 'detect' });
    expect(childElements(root).map((e) => [e.tagName, attributes(e)])).toEqual([
      ['headers', { 'specified-parameter-action': 'prevent', 'unspecified-parameter-action': 'detect' }],
      ['query', { 'specified-parameter-action': 'detect', 'unspecified-parameter-action': 'prevent' }],
      ['path', { 'specified-parameter-action': 'ignore' }],
    ]);
  });

  test('is allowed in inbound only', () => {
    expect(new ValidateParameters().allowedSections).toEqual([PolicySection.INBOUND]);
  });

  test('refuses a literal-check failure in the errors variable', () => {
    expect(() => new ValidateParameters({ errorsVariableName: '@e' })).toThrow(/^validate-parameters: errorsVariableName '@e' starts with '@'/);
  });

  test.each<[string, ValidateParametersProps, RegExp]>([
    ['an unknown element action', { unspecifiedParameterAction: 'block' as ValidationAction }, /^validate-parameters: unspecifiedParameterAction is 'block'\. Valid: ignore, prevent, detect\.$/],
    ['an unknown headers action', { headers: { unspecifiedParameterAction: 'allow' as ValidationAction } }, /^validate-parameters: headers\.unspecifiedParameterAction is 'allow'\. Valid: ignore, prevent, detect\.$/],
    ['an unknown query action', { query: { specifiedParameterAction: 'Prevent' as ValidationAction } }, /^validate-parameters: query\.specifiedParameterAction is 'Prevent'\. Valid: ignore, prevent, detect\.$/],
    ['an unknown path action', { path: { specifiedParameterAction: '' as ValidationAction } }, /^validate-parameters: path\.specifiedParameterAction is ''\. Valid: ignore, prevent, detect\.$/],
    // Reachable from JavaScript, or TypeScript through a variable: APIM's <path> has no such attribute.
    ['an undeclared-parameter action for the path', { path: { unspecifiedParameterAction: ValidationAction.IGNORE } as unknown as ValidateParametersProps['path'] },
      /^validate-parameters: path\.unspecifiedParameterAction is set, but every path parameter is declared by the URL template\. Valid: only path\.specifiedParameterAction; a path that matches no operation is answered 404\.$/],
  ])('refuses %s', (_label, props, message) => {
    expect(() => new ValidateParameters(props)).toThrow(message);
  });
});

describe('ValidateHeaders', () => {
  test('defaults: prevent specified and unspecified headers, no exceptions', () => {
    const root = parseXml(new ValidateHeaders().toXml());
    expect(root.tagName).toBe('validate-headers');
    expect(attributes(root)).toEqual({ 'specified-header-action': 'prevent', 'unspecified-header-action': 'prevent' });
    expect(childElements(root)).toHaveLength(0);
  });

  test('allowed headers become <header action="ignore">, in order', () => {
    const root = parseXml(new ValidateHeaders({
      allowedHeaders: ['Strict-Transport-Security', 'X-Request-Id'],
      specifiedHeaderAction: ValidationAction.DETECT,
      unspecifiedHeaderAction: ValidationAction.IGNORE,
      errorsVariableName: 'headerErrors',
    }).toXml());
    expect(attributes(root)).toEqual({
      'specified-header-action': 'detect', 'unspecified-header-action': 'ignore', 'errors-variable-name': 'headerErrors',
    });
    expect(childNames(root)).toEqual(['header', 'header']);
    expect(childElements(root).map(attributes)).toEqual([
      { name: 'Strict-Transport-Security', action: 'ignore' },
      { name: 'X-Request-Id', action: 'ignore' },
    ]);
  });

  test('is allowed in outbound and on-error only', () => {
    expect(new ValidateHeaders().allowedSections).toEqual([PolicySection.OUTBOUND, PolicySection.ON_ERROR]);
  });

  test.each<[string, Partial<ValidateHeadersProps>, RegExp]>([
    ['an explicitly empty allow list', { allowedHeaders: [] }, /^validate-headers: allowedHeaders is empty/],
    ['an invalid header name', { allowedHeaders: ['X-Ok', 'Bad Header'] }, /^validate-headers: allowedHeaders\[1\] 'Bad Header' is not a header name/],
    ['a blank header name', { allowedHeaders: [' '] }, /^validate-headers: allowedHeaders\[0\] is blank/],
    ['an expression errors variable', { errorsVariableName: '@x' }, /^validate-headers: errorsVariableName/],
  ])('refuses %s', (_label, over, message) => {
    expect(() => new ValidateHeaders(over)).toThrow(message);
  });
});

describe('ValidateStatusCode', () => {
  test('defaults: prevent undeclared status codes, no exceptions', () => {
    const root = parseXml(new ValidateStatusCode().toXml());
    expect(root.tagName).toBe('validate-status-code');
    expect(attributes(root)).toEqual({ 'unspecified-status-code-action': 'prevent' });
    expect(childElements(root)).toHaveLength(0);
  });

  test('allowed status codes become <status-code action="ignore">, in order', () => {
    const root = parseXml(new ValidateStatusCode({
      allowedStatusCodes: [429, 100, 599],
      unspecifiedStatusCodeAction: ValidationAction.DETECT,
      errorsVariableName: 'statusErrors',
    }).toXml());
    expect(attributes(root)).toEqual({ 'unspecified-status-code-action': 'detect', 'errors-variable-name': 'statusErrors' });
    expect(childNames(root)).toEqual(['status-code', 'status-code', 'status-code']);
    expect(childElements(root).map(attributes)).toEqual([
      { code: '429', action: 'ignore' }, { code: '100', action: 'ignore' }, { code: '599', action: 'ignore' },
    ]);
  });

  test('is allowed in outbound and on-error only', () => {
    expect(new ValidateStatusCode().allowedSections).toEqual([PolicySection.OUTBOUND, PolicySection.ON_ERROR]);
  });

  test.each<[string, number[], RegExp]>([
    ['99', [99], /^validate-status-code: allowedStatusCodes\[0\] is 99\. Valid: a whole number from 100 to 599\./],
    ['600', [429, 600], /^validate-status-code: allowedStatusCodes\[1\] is 600/],
    ['a fraction', [404.5], /^validate-status-code: allowedStatusCodes\[0\] is 404\.5/],
  ])('refuses the status code %s', (_label, codes, message) => {
    expect(() => new ValidateStatusCode({ allowedStatusCodes: codes })).toThrow(message);
  });

  test('refuses an expression errors variable', () => {
    expect(() => new ValidateStatusCode({ errorsVariableName: '@v' })).toThrow(/^validate-status-code: errorsVariableName/);
  });
});
