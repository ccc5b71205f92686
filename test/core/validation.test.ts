import { Lazy, Token } from 'cdktf';
import { InputValidation } from '../../lib';
import { invalid, ValidationError } from '../../lib/core/errors';
import { escapeTerraformTemplate, tfLiteral, tfLiteralList, tfLiteralMap } from '../../lib/core/literal';
import { checkProviderRule, PROVIDER_RULES } from '../../lib/core/provider-rules';
import {
  checkArray, checkBoolean, checkEnum, checkGuid, checkNumber, checkResourceId, checkString, checkTags, checkText, checkUrl, describe as show,
} from '../../lib/core/validation';
import { validationErrorOf } from '../fuzz/harness';

const errorOf = (fn: () => unknown): ValidationError => validationErrorOf(fn);

describe('ValidationError', () => {
  test('keeps the message format and carries construct path, prop and what is valid', () => {
    const e = errorOf(() => invalid('Stack/Platform', 'publisherEmail', "'x' is not an e-mail address", 'an address like name@example.org'));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toBe("Stack/Platform: publisherEmail 'x' is not an e-mail address. Valid: an address like name@example.org.");
    expect(e.constructPath).toBe('Stack/Platform');
    expect(e.prop).toBe('publisherEmail');
    expect(e.valid).toBe('an address like name@example.org');
    expect(e.name).toBe('ValidationError');
  });

  test('InputValidation reads it for jsii users', () => {
    const e = errorOf(() => invalid('P', 'name', 'is bad', 'good'));
    expect(InputValidation.isValidationError(e)).toBe(true);
    expect(InputValidation.isValidationError(new Error('x'))).toBe(false);
    expect(InputValidation.isValidationError(undefined)).toBe(false);
    expect(InputValidation.propOf(e)).toBe('name');
    expect(InputValidation.constructPathOf(e)).toBe('P');
    expect(InputValidation.validOf(e)).toBe('good');
    expect(InputValidation.propOf(new Error('x'))).toBeUndefined();
    expect((e as unknown as { code: string }).code).toBe(InputValidation.ERROR_CODE);
  });
});

describe('one token rule', () => {
  test('tokens skip content checks but not type checks', () => {
    const str = Lazy.stringValue({ produce: () => 'x' });
    const num = Lazy.numberValue({ produce: () => 1 });
    const list = Lazy.listValue({ produce: () => ['x'] });
    expect(() => checkText('w', 'p', str, 2)).not.toThrow();
    expect(() => checkGuid('w', 'p', str)).not.toThrow();
    expect(() => checkNumber('w', 'p', num, { min: 1, max: 2 })).not.toThrow();
    expect(() => checkArray('w', 'p', list, { min: 3 })).not.toThrow();
    expect(() => checkNumber('w', 'p', str, { min: 1 })).toThrow(/p is .* not a number/);
    expect(() => checkNumber('w', 'p', num, { literal: true })).toThrow(/p is a token/);
  });
});

describe('runtime types', () => {
  test.each([
    ['boolean as string', () => checkBoolean('w', 'allowDestroy', 'false', false), /allowDestroy is "false", not a boolean/],
    ['boolean as number', () => checkBoolean('w', 'allowDestroy', 0, false), /allowDestroy is 0, not a boolean/],
    ['NaN', () => checkNumber('w', 'n', NaN), /n is NaN/],
    ['Infinity', () => checkNumber('w', 'n', Infinity), /n is Infinity/],
    ['fraction', () => checkNumber('w', 'n', 1.5), /n is 1.5/],
    ['number as string', () => checkNumber('w', 'n', '5'), /n is "5", not a number/],
    ['enum', () => checkEnum('w', 'mode', 'Sideways', ['Up', 'Down']), /mode is 'Sideways'. Valid: one of 'Up', 'Down'/],
    ['list not an array', () => checkArray('w', 'l', 'a,b'), /l is "a,b", not a list/],
    ['null in a list', () => checkArray('w', 'l', ['a', null]), /l\[1\] is null/],
    ['object as string', () => checkString('w', 's', {}), /s is an object, not a string/],
    ['tag value not a string', () => checkTags('w', 'tags', { a: 1 }), /tags\.a is 1, not a string/],
  ])('%s', (_, fn, message) => {
    expect(errorOf(fn).message).toMatch(message);
  });

  test('describe never prints [object Object]', () => {
    expect(show({})).toBe('an object');
    expect(show([1, 2])).toBe('an array of 2');
    expect(show('a\nb')).toBe("'a\\u000ab'");
  });
});

describe('formats', () => {
  test('ARM ids are parsed case-sensitively', () => {
    const type = { namespace: 'Microsoft.Network', types: ['virtualNetworks', 'subnets'] };
    const good = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s';
    expect(checkResourceId('w', 'id', good, type)).toBe(good);
    expect(() => checkResourceId('w', 'id', good.replace('resourceGroups', 'resourcegroups'), type)).toThrow(/id .* is not a Microsoft.Network\/virtualNetworks\/subnets resource id/);
    expect(() => checkResourceId('w', 'id', good.replace('virtualNetworks', 'virtualnetworks'), type)).toThrow(ValidationError);
    expect(() => checkResourceId('w', 'id', `${good}/extra/x`, type)).toThrow(ValidationError);
  });

  test('URLs', () => {
    expect(() => checkUrl('w', 'u', 'https://a.example/x', { schemes: ['https:'] })).not.toThrow();
    for (const bad of ['http://a.example', 'https://u:p@a.example', 'https://a.example/#x', 'https://a.example/?q', 'not a url', 'https://a.example/\n']) {
      expect(() => checkUrl('w', 'u', bad, { schemes: ['https:'] })).toThrow(ValidationError);
    }
  });
});

describe('Terraform literal escaping (one implementation)', () => {
  test('escapes ${ and %{ but keeps token markers', () => {
    expect(escapeTerraformTemplate('a ${b} %{c}')).toBe('a $${b} %%{c}');
    const token = Lazy.stringValue({ produce: () => '${x}' });
    expect(escapeTerraformTemplate(token)).toBe(token);
    expect(Token.isUnresolved(token)).toBe(true);
    expect(tfLiteral(undefined)).toBeUndefined();
    expect(tfLiteralList(['${a}', 'b'])).toEqual(['$${a}', 'b']);
    expect(tfLiteralMap({ '${k}': '%{v}' })).toEqual({ '$${k}': '%%{v}' });
  });
});

/** Values the provider accepts and refuses, per mirrored attribute. */
const PROVIDER_CASES: Record<string, { readonly ok: unknown[]; readonly bad: unknown[] }> = {
  'azurerm_api_management.name': { ok: ['a', 'Apim-1', 'x'.repeat(50)], bad: ['', 'a_b', 'a.b', 'x'.repeat(51)] },
  'azurerm_api_management.publisher_name': { ok: ['Contoso', 'x'.repeat(100)], bad: ['', 'x'.repeat(101)] },
  'azurerm_api_management.publisher_email': { ok: ['a@b.example', `${'a'.repeat(88)}@b.example`], bad: ['a b@c.example', `${'a'.repeat(91)}@b.example`] },
  'azurerm_api_management_backend.name': { ok: ['a', 'patients-v1', 'patients_v1'], bad: ['patients-v1.1', '-a', 'a-', 'a.b'] },
  'azurerm_api_management_named_value.name': { ok: ['a', 'kv-secret_1', 'x'.repeat(80)], bad: ['a.b', '-a', 'a_', 'x'.repeat(81)] },
  'azurerm_api_management_named_value.display_name': { ok: ['a.b', 'A_b-1'], bad: ['a b', '', 'a{b'] },
  'azurerm_api_management_product.product_id': { ok: ['clinicians'], bad: ['clinicians.v1'] },
  'azurerm_api_management_group.name': { ok: ['clinicians'], bad: ['a b'] },
  'azurerm_api_management_subscription.subscription_id': { ok: ['s-1'], bad: ['s.1'] },
  'azurerm_api_management_api_version_set.name': { ok: ['patients'], bad: ['patients.v'] },
  'azurerm_api_management_api_operation.operation_id': { ok: ['get-patient'], bad: ['get.patient', '_a'] },
  'azurerm_api_management_api_schema.schema_id': { ok: ['schemas'], bad: ['a/b'] },
  'azurerm_api_management_logger.name': { ok: ['audit-logger'], bad: ['audit logger'] },
  'azurerm_api_management_user.user_id': { ok: ['dana-1'], bad: ['dana_1', '-d', 'd-'] },
  'azurerm_api_management_api.name': { ok: ['patients-v1.1'], bad: ['a*b', 'a#b', '', 'x'.repeat(257)] },
  'azurerm_api_management_api.path': { ok: ['patients', 'clinical/patients', ''], bad: ['/patients', 'patients/'] },
  'azurerm_api_management_backend.url': { ok: ['https://a.example'], bad: ['', `https://${'a'.repeat(2000)}`] },
  'azurerm_api_management_backend.description': { ok: ['Backend'], bad: ['', 'x'.repeat(2001)] },
  'azurerm_api_management_backend.circuit_breaker_rule.failure_condition.count': { ok: [1, 10000], bad: [0, 10001, 1.5] },
  'azurerm_api_management_backend.circuit_breaker_rule.failure_condition.percentage': { ok: [1, 100], bad: [0, 101] },
  'azurerm_api_management_api_diagnostic.frontend_request.body_bytes': { ok: [0, 8192], bad: [-1, 8193] },
  'azurerm_api_management_identity_provider_aad.client_id': { ok: ['00000000-0000-0000-0000-000000000000'], bad: ['app', '00000000000000000000000000000000'] },
  'azurerm_api_management_named_value.value_from_key_vault.identity_client_id': { ok: ['00000000-0000-0000-0000-0000000000AB'], bad: ['x'] },
  'azurerm_public_ip.domain_name_label': { ok: ['abc', 'apim-edge1', `a${'b'.repeat(62)}`], bad: ['Apim', 'ab', 'a', '1abc', 'abc-', `a${'b'.repeat(63)}`] },
  'azurerm_application_gateway.autoscale_configuration.min_capacity': { ok: [0, 100], bad: [101, -1] },
  'azurerm_application_gateway.autoscale_configuration.max_capacity': { ok: [2, 125], bad: [1, 126] },
  'azurerm_application_gateway.name': { ok: ['a', 'agw-contoso', 'a_', 'a.b-c_d', `a${'b'.repeat(79)}`], bad: ['', '-a', 'a-', 'a.', '_a', 'a b', `a${'b'.repeat(80)}`, 'a$${x}'] },
  'azurerm_private_endpoint.name': { ok: ['pe-contoso-gateway', 'a', 'x_'], bad: ['', 'pe-', '.pe', 'p e', `a${'b'.repeat(80)}`] },
  'azurerm_private_endpoint.private_service_connection.name': { ok: ['contoso-deployer', 'a'], bad: ['', 'a-', 'a/b'] },
  'azurerm_key_vault.name': { ok: ['abc', 'x'.repeat(24)], bad: ['ab', 'x'.repeat(25), 'a_b'] },
  'azurerm_log_analytics_workspace.name': { ok: ['abcd', 'a-b-c'], bad: ['abc', '-abc', 'abc-', 'x'.repeat(64)] },
  'azurerm_log_analytics_workspace.retention_in_days': { ok: [30, 730], bad: [29, 731] },
  'azurerm_key_vault.soft_delete_retention_days': { ok: [7, 90], bad: [6, 91] },
  'azuread_application.owners': {
    ok: [['00000000-0000-0000-0000-000000000000'], []],
    bad: [['dana@contoso.example'], 'x', Array.from({ length: 101 }, () => '00000000-0000-0000-0000-000000000000')],
  },
  'azuread_application.app_role.id': { ok: ['00000000-0000-0000-0000-000000000000'], bad: ['role'] },
  'azuread_application.app_role.value': { ok: ['Patient.Read', 'a'.repeat(249)], bad: ['.Patient', 'a b', 'a'.repeat(250), 'é'] },
  'azuread_application.description': { ok: ['', 'x'.repeat(1024)], bad: ['x'.repeat(1025)] },
  'azuread_application.display_name': { ok: ['Patients API'], bad: [''] },
  'azuread_application.single_page_application.redirect_uris': { ok: [['https://a.example/']], bad: [['http://a.example/'], 'https://a.example/'] },
  'azuread_application_federated_identity_credential.audiences': { ok: [['api://AzureADTokenExchange']], bad: [[], ['a', 'b'], ['']] },
  'azuread_application_federated_identity_credential.display_name': { ok: ['ci'], bad: ['', 'x'.repeat(121)] },
  'azuread_service_principal.client_id': { ok: ['00000000-0000-0000-0000-000000000000'], bad: ['x'] },
  'azuread_service_principal.owners': { ok: [['00000000-0000-0000-0000-000000000000']], bad: [['x']] },
  'data.azuread_application.client_id': { ok: ['00000000-0000-0000-0000-000000000000'], bad: ['x'] },
  'data.azuread_service_principal.client_id': { ok: ['00000000-0000-0000-0000-000000000000'], bad: ['x'] },
  'data.azuread_service_principal.object_id': { ok: ['00000000-0000-0000-0000-000000000000'], bad: ['x'] },
  'azuread_app_role_assignment.app_role_id': { ok: ['00000000-0000-0000-0000-000000000000'], bad: ['x'] },
  'azuread_app_role_assignment.principal_object_id': { ok: ['00000000-0000-0000-0000-000000000000'], bad: ['x'] },
  'azuread_app_role_assignment.resource_object_id': { ok: ['00000000-0000-0000-0000-000000000000'], bad: ['x'] },
  'azuread_group.owners': { ok: [['00000000-0000-0000-0000-000000000000']], bad: [['x'], [null]] },
  'azuread_group.members': { ok: [['00000000-0000-0000-0000-000000000000']], bad: [['x']] },
  'azuread_group_member.member_object_id': { ok: ['00000000-0000-0000-0000-000000000000'], bad: ['x'] },
};

describe('provider rules mirrored at synth', () => {
  test('every mirrored rule has cases and cites its provider source', () => {
    expect(Object.keys(PROVIDER_CASES).sort()).toEqual(Object.keys(PROVIDER_RULES).sort());
    for (const rule of Object.values(PROVIDER_RULES)) expect(rule.source).toMatch(/terraform-provider-azure(rm|ad) v\d/);
  });

  describe.each(Object.entries(PROVIDER_CASES))('%s', (attribute, { ok, bad }) => {
    test.each(ok.map((v) => [show(v), v]))('accepts %s', (_, value) => {
      expect(() => checkProviderRule('Stack/C', 'userProp', value, attribute)).not.toThrow();
    });
    test.each(bad.map((v) => [show(v), v]))('refuses %s naming the prop', (_, value) => {
      const e = errorOf(() => checkProviderRule('Stack/C', 'userProp', value, attribute));
      expect(e.prop).toMatch(/^userProp/);
      expect(e.constructPath).toBe('Stack/C');
    });
  });
});

describe('checkText (the one free-text check of every construct)', () => {
  test.each([
    ['   ', 'w: p is empty. Valid: 1 to 5 printable characters.'],
    ['abcdef', 'w: p is 6 characters long. Valid: 1 to 5 printable characters.'],
    ['a\u0007b', 'w: p contains a control character. Valid: 1 to 5 printable characters.'],
    ['a\uD800b', 'w: p contains a control character. Valid: 1 to 5 printable characters.'],
    ['a\uFFFEb', 'w: p contains a control character. Valid: 1 to 5 printable characters.'],
  ])('%j is refused with its reason', (value, message) => {
    expect(errorOf(() => checkText('w', 'p', value, 5)).message).toBe(message);
  });

  test('a surrogate pair (an emoji), line breaks when multiline, and tokens pass', () => {
    expect(checkText('w', 'p', 'ok \uD83D\uDE00', 5)).toBe('ok \uD83D\uDE00');
    expect(checkText('w', 'p', 'a\nb', { max: 5, multiline: true })).toBe('a\nb');
    const token = Token.asString(Lazy.stringValue({ produce: () => '\u0007' }));
    expect(checkText('w', 'p', token, 5)).toBe(token);
  });
});
