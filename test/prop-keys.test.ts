/**
 * A misspelt or unknown prop is refused at synth, naming it and the props that exist there:
 * otherwise `pimEligable: true` would leave the roles active, `ruleIDs` would exclude a whole
 * WAF rule group, and `rotationDays` would keep the default rotation, all without a word.
 */
import * as fs from 'fs';
import * as path from 'path';
import { SecureHealthcareApim } from '../lib';
import { errorOf, platformErrorOf, PLATFORM_PROPS } from './api/fixtures';
import { newStack } from './util/synth';
import { checkTypes, T } from '../lib/core/validation';
import { CONDITIONAL_ACCESS_PROP_KEYS, PLATFORM_OPTION_KEYS, PRIVILEGED_ACCESS_PROP_KEYS, SECURE_HEALTHCARE_APIM_PROP_KEYS } from '../lib/platform/prop-types';

const assembly = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '.jsii'), 'utf8'));

/** The props of a jsii struct, with those of the interfaces it extends. */
function structProps(fqn: string): string[] {
  const type = assembly.types[fqn];
  return [...(type.properties ?? []).map((p: { name: string }) => p.name), ...(type.interfaces ?? []).flatMap(structProps)].sort();
}


test('the key lists are the props of the jsii structs', () => {
  expect([...SECURE_HEALTHCARE_APIM_PROP_KEYS].sort()).toEqual(structProps('cdktf-healthcare-apim.SecureHealthcareApimProps'));
  expect([...PRIVILEGED_ACCESS_PROP_KEYS].sort()).toEqual(structProps('cdktf-healthcare-apim.PrivilegedAccessProps'));
  expect([...CONDITIONAL_ACCESS_PROP_KEYS].sort()).toEqual(structProps('cdktf-healthcare-apim.OperatorsConditionalAccessOptions'));
  const platformProps = assembly.types['cdktf-healthcare-apim.SecureHealthcareApimProps'].properties;
  for (const { prop, struct, keys } of PLATFORM_OPTION_KEYS) {
    expect(platformProps.find((p: { name: string }) => p.name === prop).type.fqn).toBe(`cdktf-healthcare-apim.${struct}`);
    expect([...keys].sort()).toEqual(structProps(`cdktf-healthcare-apim.${struct}`));
  }
});

test.each<[string, Record<string, unknown>, RegExp]>([
  ['a top-level typo', { publisherEmial: 'x@contoso.example' }, /^test\/Platform: publisherEmial is not a prop here\. Valid: acknowledgeDefenderManagedCentrally, .*publisherEmail, /],
  ['privilegedAccess.pimEligable', { privilegedAccess: { pimEligable: true } }, /^test\/Platform: privilegedAccess\.pimEligable is not a prop here\. Valid: .*pimEligible/],
  ['conditionalAccess.excludedGroupIds', { privilegedAccess: { conditionalAccess: { excludedGroupIds: ['00000000-0000-0000-0000-0000000000aa'] } } },
    /privilegedAccess\.conditionalAccess\.excludedGroupIds is not a prop here\. Valid: acknowledgeReportOnly, apiApplicationIds, authenticationStrengthPolicyId, excludedGroupObjectIds, excludedUserObjectIds\./],
  ['monitoring.webhookUrl', { monitoring: { webhookUrl: 'https://hooks.example.org/x' } }, /^test\/Platform: monitoring\.webhookUrl is not a prop here\. Valid: .*webhookUrls\./],
  ['defenderPlans.apiSubPlan', { defenderPlans: { apiSubPlan: 'P1' } }, /defenderPlans\.apiSubPlan is not a prop here\. Valid: apiSubplan, keyVaultSubplan, resourceManagerSubplan\./],
  ['cors.allowedOrigin', { cors: { allowedOrigin: ['https://a.example'] } }, /cors\.allowedOrigin is not a prop here\. Valid: .*allowedOrigins/],
  ['keyVaultSecretRotation.rotationDays', { keyVaultSecretRotation: { rotationDays: 30 } }, /keyVaultSecretRotation\.rotationDays is not a prop here\. Valid: overlapSeconds, rotationSeconds\./],
  ['a WAF exclusion\'s ruleIDs', {
    edge: { wafExclusions: [{ matchVariable: 'RequestHeaderNames', selectorMatchOperator: 'Equals', selector: 'x-debug', ruleGroups: [{ ruleGroupName: 'SQLI', ruleIDs: ['942100'] }] }] },
  }, /edge\.wafExclusions\[0\]\.ruleGroups\[0\]\.ruleIDs is not a prop here\. Valid: .*ruleIds/],
])('the platform refuses %s', (_name, props, message) => {
  expect(platformErrorOf(props)).toMatch(message);
});

test('an API refuses a misspelt operation prop', () => {
  expect(errorOf({ operations: [{ method: 'GET', urlTemplate: '/patients/{id}', requiredRole: ['Patient.Read'] } as any] }))
    .toMatch(/^test\/Patients: operations\[0\]\.requiredRole is not a prop here\. Valid: .*requiredRoles/);
});

test('an unknown key set to undefined passes, as an unset prop does; known keys are checked as before', () => {
  const spec = T.props({ a: T.opt(T.str) });
  expect(() => checkTypes('W', '', { a: 'x', b: undefined }, spec)).not.toThrow();
  expect(() => checkTypes('W', 'p', { a: 'x', b: 1 }, spec)).toThrow('W: p.b is not a prop here. Valid: a.');
  expect(() => new SecureHealthcareApim(newStack(), 'Platform', { ...PLATFORM_PROPS, typo: undefined } as any)).not.toThrow();
});
