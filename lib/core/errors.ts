import { IConstruct } from 'constructs';

/**
 * The error every construct, inner construct and policy element of this library throws for bad
 * input. Its message reads `<construct path>: <prop> <problem>. Valid: <valid>.`
 *
 * jsii cannot export a subclass of `Error`, so this class is internal to the TypeScript
 * sources; users test for it with `InputValidation.isValidationError(e)` (which also works
 * across copies of the library and from every jsii language) and read its fields with
 * `InputValidation.propOf(e)` and friends, or the `code`, `constructPath`, `prop` and `valid`
 * properties directly.
 */
export class ValidationError extends Error {
  /** The `code` every ValidationError carries. */
  public static readonly CODE = 'CDKTF_HEALTHCARE_APIM_VALIDATION';

  /** Whether `x` is a ValidationError of this library (also when thrown by another copy of it). */
  public static isValidationError(x: unknown): x is ValidationError {
    return x instanceof ValidationError
      || (typeof x === 'object' && x !== null && (x as { code?: unknown }).code === ValidationError.CODE);
  }

  /** Always `ValidationError.CODE`. */
  public readonly code: string = ValidationError.CODE;
  /** The path of the construct (or the name of the policy element) the prop belongs to. */
  public readonly constructPath: string;
  /** The prop path as the user wrote it, e.g. `customDomain.gatewayHostName` or `operations[2].urlTemplate`. */
  public readonly prop: string;
  /** What is wrong with the value. */
  public readonly problem: string;
  /** What would be valid. */
  public readonly valid: string;

  constructor(constructPath: string, prop: string, problem: string, valid: string) {
    super(`${constructPath}: ${prop} ${problem}. Valid: ${valid}.`);
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = 'ValidationError';
    this.constructPath = constructPath;
    this.prop = prop;
    this.problem = problem;
    this.valid = valid;
  }
}

/**
 * How to recognise and read the library's validation errors. Every bad prop makes a construct
 * or policy element throw an error with `code` `InputValidation.ERROR_CODE` and the fields
 * `constructPath`, `prop` (as you wrote it, e.g. `customDomain.gatewayHostName`) and `valid`.
 *
 * @example
 * try {
 *   new SecureHealthcareApim(stack, 'Platform', props);
 * } catch (e) {
 *   if (InputValidation.isValidationError(e)) console.error(InputValidation.propOf(e));
 *   throw e;
 * }
 */
export class InputValidation {
  /** The `code` of every validation error of this library. */
  public static readonly ERROR_CODE = ValidationError.CODE;

  /** Whether an error is a validation error of this library. */
  public static isValidationError(error: any): boolean {
    return ValidationError.isValidationError(error);
  }

  /** The path of the construct (or policy element) whose prop was refused. */
  public static constructPathOf(error: any): string | undefined {
    return ValidationError.isValidationError(error) ? error.constructPath : undefined;
  }

  /** The refused prop, as the user wrote it. */
  public static propOf(error: any): string | undefined {
    return ValidationError.isValidationError(error) ? error.prop : undefined;
  }

  /** What would have been valid. */
  public static validOf(error: any): string | undefined {
    return ValidationError.isValidationError(error) ? error.valid : undefined;
  }

  private constructor() {}
}

/** Where a check runs: a construct (its path is used) or a name such as a policy element's. */
export type Where = IConstruct | string;

/** The location string of a `Where`. */
export function pathOf(where: Where): string {
  return typeof where === 'string' ? where : where.node.path;
}

/**
 * Throws a ValidationError that names where it happened, the prop and what would be valid:
 * `<where>: <prop> <problem>. Valid: <valid>.`
 */
export function invalid(where: Where, prop: string, problem: string, valid: string): never {
  throw new ValidationError(pathOf(where), prop, problem, valid);
}

/**
 * Builds an inner construct and, when it refuses a prop, rethrows the error under the outer
 * construct and the prop the *user* set: `renames` maps the inner prop (or its prefix) to the
 * user's, and other props get `defaultPrefix` (e.g. `edge.`). So the user never sees an inner
 * construct's prop (`Platform/KeyVault: name`) for a value they gave as `keyVaultName`.
 */
export function asUserProps<T>(outer: Where, build: () => T, renames: Record<string, string>, defaultPrefix?: string): T {
  try {
    return build();
  } catch (e) {
    if (!ValidationError.isValidationError(e)) throw e;
    const head = /^[^.[]+/.exec(e.prop)?.[0] ?? e.prop;
    const to = renames[e.prop] ?? renames[head];
    let prop: string;
    if (to !== undefined) prop = renames[e.prop] !== undefined ? to : to + e.prop.slice(head.length);
    else if (defaultPrefix !== undefined) prop = defaultPrefix + e.prop;
    else throw e;
    throw new ValidationError(pathOf(outer), prop, e.problem, e.valid);
  }
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
