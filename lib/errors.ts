import { IConstruct } from 'constructs';
import { invalid } from './core/errors';

/**
 * Kept so existing imports work: the error type and `invalid()` live in `core/errors`.
 * Every construct and policy element reports bad input through `invalid()`, so messages always
 * read `<where>: <prop> <problem>. Valid: <valid>.` and the error is a `ValidationError`.
 */
export { invalid, InputValidation, ValidationError } from './core/errors';

/**
 * The message `invalid()` throws, for rules that report instead of throwing: the checks of
 * `node.addValidation`, which cdktf runs at synth and lists together.
 */
export function invalidMessage(where: IConstruct | string, prop: string, problem: string, valid: string): string {
  try {
    invalid(where, prop, problem, valid);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
