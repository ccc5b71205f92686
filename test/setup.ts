import { Testing } from 'cdktf';

// cdktf records a full stack trace for every token it creates (for messages about tokens it
// cannot resolve); under jest each frame is source-mapped, which costs a large share of the
// suite. The traces never affect what is synthesized or which errors are thrown. Set
// CDKTF_TOKEN_STACK_TRACES=1 to keep them when debugging an unresolvable token.
// (jest hoists this above the import, so cdktf loads the replacement.)
jest.mock('cdktf/lib/tokens/private/stack-trace', () => (process.env.CDKTF_TOKEN_STACK_TRACES === '1'
  ? jest.requireActual('cdktf/lib/tokens/private/stack-trace')
  : { captureStackTrace: (): string[] => [] }));

// Registers cdktf's jest matchers (toHaveResource, toHaveResourceWithProperties, toBeValidTerraform, ...).
Testing.setupJest();
