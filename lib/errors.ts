import { IConstruct } from 'constructs';

/**
 * Throws a validation error that names where it happened, the prop and what would be valid.
 *
 * Every construct and policy element in this library reports bad input through this one
 * function, so messages always read `<where>: <prop> <problem>. Valid: <valid>`.
 */
export function invalid(where: IConstruct | string, prop: string, problem: string, valid: string): never {
  const location = typeof where === 'string' ? where : where.node.path;
  throw new Error(`${location}: ${prop} ${problem}. Valid: ${valid}.`);
}

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
