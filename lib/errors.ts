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
