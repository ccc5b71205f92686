/** The test setup switches cdktf's per-token stack traces off without hiding any error. */
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Lazy, Testing } from 'cdktf';
import { newStack } from './util/synth';

test('token stack traces are off in tests unless CDKTF_TOKEN_STACK_TRACES=1', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { captureStackTrace } = require('cdktf/lib/tokens/private/stack-trace');
  expect(captureStackTrace()).toEqual(process.env.CDKTF_TOKEN_STACK_TRACES === '1' ? expect.arrayContaining([expect.any(String)]) : []);
});

test('an error while resolving a token still fails the synth with its message', () => {
  const stack = newStack();
  new ResourceGroup(stack, 'Rg', { name: Lazy.stringValue({ produce: () => { throw new Error('produce failed: boom'); } }), location: 'eastus2' });
  expect(() => Testing.synth(stack)).toThrow(/produce failed: boom/);
});
