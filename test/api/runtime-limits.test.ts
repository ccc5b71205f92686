/**
 * Runtime rules of the policies a stack gets: every rate limit keeps its Retry-After for the
 * on-error response, the request is forwarded once, and lifetime quotas are allowed.
 */
import { apiPolicy, patients, PATIENTS } from './fixtures';
import { ConsumerGroup, Quota, RateLimit } from '../../lib';
import { RETRY_AFTER_VARIABLE } from '../../lib/platform/global-policy';
import { ForwardRequest, PolicySection, PolicyValue, RawPolicyFragment } from '../../lib/policy';
import { resourcesOf } from '../util/synth';
import { allElements, attributes, parseXml } from '../util/xml';

/** Every policy document the stack synthesizes, parsed. */
function allPolicies(json: any): Array<[string, Element]> {
  return ['azurerm_api_management_policy', 'azurerm_api_management_api_policy', 'azurerm_api_management_api_operation_policy', 'azurerm_api_management_product_policy']
    .flatMap((type) => resourcesOf(json, type).map(([id, r]): [string, Element] => [`${type}.${id}`, parseXml(r.xml_content)]));
}

describe('every rate limit stores its retry interval where the global on-error reads it', () => {
  // return-response in on-error builds a new response: the Retry-After rate-limit-by-key set is
  // lost unless the handler sets it again from retry-after-variable-name.
  test('global, API, operation and product rate limits', () => {
    const f = patients({ operations: [{ ...PATIENTS.operations![0], rateLimit: RateLimit.per(5, 10) }] });
    new ConsumerGroup(f.stack, 'Clinicians', { platform: f.platform, apis: [f.api], name: 'clinicians', roles: ['Patient.Read'] });
    const limits = allPolicies(f.json()).flatMap(([id, p]) => allElements(p).filter((e) => e.tagName === 'rate-limit-by-key').map((e): [string, Element] => [id, e]));
    expect(new Set(limits.map(([id]) => id.split('.')[0]))).toEqual(new Set([
      'azurerm_api_management_policy', 'azurerm_api_management_api_policy', 'azurerm_api_management_api_operation_policy', 'azurerm_api_management_product_policy',
    ]));
    for (const [id, limit] of limits) {
      expect([id, attributes(limit)['retry-after-variable-name'], attributes(limit)['retry-after-header-name']]).toEqual([id, RETRY_AFTER_VARIABLE, 'Retry-After']);
    }
  });
});

describe('the request is forwarded once: the global forward-request, through <base />', () => {
  test('an API, an operation or the platform cannot add a second forward-request', () => {
    const f = patients();
    expect(() => f.api.addPolicyElements(PolicySection.BACKEND, new ForwardRequest({ timeout: PolicyValue.literal('10') })))
      .toThrow(/^forward-request: section is 'backend' of a api-scope document, whose backend section already inherits the global forward-request through <base \/>\. Valid: no forward-request below global scope/);
    expect(() => f.api.operationPolicy('get-patients-id').add(PolicySection.BACKEND, new RawPolicyFragment({ xml: '<forward-request />' })))
      .toThrow(/^raw-fragment <forward-request>: section is 'backend' of a operation-scope document/);
    expect(() => f.platform.addPolicyElements(PolicySection.BACKEND, new ForwardRequest()))
      .toThrow(/^forward-request: section is 'backend', which already has a forward-request\. Valid: one forward-request per policy document/);
    for (const [id, policy] of allPolicies(f.json())) {
      const count = allElements(policy).filter((e) => e.tagName === 'forward-request').length;
      expect([id, count]).toEqual([id, id.startsWith('azurerm_api_management_policy.') ? 1 : 0]);
    }
  });
});

describe('a lifetime quota (renewal-period 0: "the period is set to infinite")', () => {
  test('ProtectedApi subscriptionQuota', () => {
    const quota = allElements(apiPolicy(patients({ subscriptionQuota: Quota.lifetime(1000) }).json())).find((e) => e.tagName === 'quota-by-key')!;
    expect(attributes(quota)).toMatchObject({ 'calls': '1000', 'renewal-period': '0' });
  });

  test('ConsumerGroup quota', () => {
    const f = patients();
    new ConsumerGroup(f.stack, 'Trial', { platform: f.platform, apis: [f.api], name: 'trial', roles: ['Patient.Read'], quota: Quota.lifetime(50) });
    const [, product] = resourcesOf(f.json(), 'azurerm_api_management_product_policy')[0];
    expect(attributes(allElements(parseXml(product.xml_content)).find((e) => e.tagName === 'quota-by-key')!)).toMatchObject({ 'calls': '50', 'renewal-period': '0' });
  });
});
