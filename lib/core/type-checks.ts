/**
 * Run-time types of whole props bags (jsii and JavaScript callers can pass anything): a
 * `TypeSpec` built with the `T` helpers, checked by `checkTypes`. Internal; import through
 * `./validation`.
 */
import { invalid, Where } from './errors';
import { checkArray, checkBoolean, checkEnum, checkObject, describe, isToken, requireString, typeWord } from './value-checks';

/** The run-time type a prop must have, for `checkTypes`. Build one with the `T` helpers. */
export type TypeSpec =
  | { readonly kind: 'string' | 'boolean' | 'any' }
  | { readonly kind: 'number'; readonly integer: boolean }
  | { readonly kind: 'enum'; readonly values: ReadonlyArray<unknown> }
  | { readonly kind: 'list'; readonly item: TypeSpec }
  | { readonly kind: 'map'; readonly value: TypeSpec }
  | { readonly kind: 'props'; readonly fields: Readonly<Record<string, TypeSpec>> }
  | { readonly kind: 'instance'; readonly test: (v: unknown) => boolean; readonly valid: string }
  | { readonly kind: 'optional'; readonly of: TypeSpec };

/** Builders of `TypeSpec`s. */
export const T = {
  str: { kind: 'string' } as TypeSpec,
  bool: { kind: 'boolean' } as TypeSpec,
  int: { kind: 'number', integer: true } as TypeSpec,
  num: { kind: 'number', integer: false } as TypeSpec,
  any: { kind: 'any' } as TypeSpec,
  enumOf: (values: ReadonlyArray<unknown>): TypeSpec => ({ kind: 'enum', values }),
  list: (item: TypeSpec): TypeSpec => ({ kind: 'list', item }),
  map: (value: TypeSpec): TypeSpec => ({ kind: 'map', value }),
  props: (fields: Record<string, TypeSpec>): TypeSpec => ({ kind: 'props', fields }),
  instance: (test: (v: unknown) => boolean, valid: string): TypeSpec => ({ kind: 'instance', test, valid }),
  opt: (of: TypeSpec): TypeSpec => ({ kind: 'optional', of }),
  /** A prop that was removed or is refused by the construct with its replacement named: any value passes here. */
  refused: { kind: 'optional', of: { kind: 'any' } } as TypeSpec,
};

/**
 * Refuses a key of `bag` that is not one of `keys` (undefined values pass): a misspelt key
 * (`pimEligable`, `ruleIDs`) would otherwise leave its control at the default, or weaker,
 * without a word. `prop` is the path of the bag ('' for a construct's props).
 */
export function checkKnownKeys(where: Where, prop: string, bag: object, keys: ReadonlyArray<string>): void {
  for (const [k, v] of Object.entries(bag)) {
    if (v !== undefined && !keys.includes(k)) invalid(where, prop ? `${prop}.${k}` : k, 'is not a prop here', [...keys].sort().join(', '));
  }
}

/**
 * Checks the run-time type of a value against a spec, naming the prop path (`operations[2].method`,
 * `existingApp.clientId`). A key the spec does not name is refused, listing the ones it does. Booleans must be booleans (the string 'false' is refused), numbers
 * finite (and whole where the spec says so), enum values members, lists arrays without
 * null/undefined items, nested props objects. Tokens pass where cdktf keeps their type.
 * Content (patterns, ranges, lengths) is left to the content checks.
 */
export function checkTypes(where: Where, prop: string, value: unknown, spec: TypeSpec): void {
  const name = prop || 'props';
  switch (spec.kind) {
    case 'optional':
      if (value !== undefined) checkTypes(where, prop, value, spec.of);
      return;
    case 'any':
      if (value === undefined || value === null) invalid(where, name, `is ${describe(value)}`, 'a value');
      return;
    case 'string':
      requireString(where, name, value);
      return;
    case 'boolean':
      checkBoolean(where, name, value, false);
      if (value === undefined) invalid(where, name, 'is undefined', 'true or false');
      return;
    case 'number':
      if (typeof value !== 'number') invalid(where, name, `is ${typeWord(value)}, not a number`, spec.integer ? 'a whole number' : 'a number');
      if (isToken(value)) return;
      // Whole numbers: fractions are left to the range check that follows, whose message names the range.
      if (!Number.isFinite(value)) invalid(where, name, `is ${value}`, spec.integer ? 'a whole number' : 'a finite number');
      return;
    case 'enum':
      checkEnum(where, name, value, spec.values);
      return;
    case 'instance':
      if (!spec.test(value)) invalid(where, name, `is ${describe(value)}`, spec.valid);
      return;
    case 'list': {
      const list = checkArray<unknown>(where, name, value);
      if (isToken(list)) return;
      list.forEach((item, i) => checkTypes(where, `${name}[${i}]`, item, spec.item));
      return;
    }
    case 'map': {
      if (isToken(value)) return;
      const map = checkObject<Record<string, unknown>>(where, name, value);
      for (const [k, v] of Object.entries(map)) checkTypes(where, `${name}.${k}`, v, spec.value);
      return;
    }
    case 'props': {
      if (prop !== '' || value === null || typeof value !== 'object' || Array.isArray(value)) checkObject(where, name, value);
      const bag = value as Record<string, unknown>;
      // Unknown keys first: a misspelt required prop is named as the typo it is, not as missing.
      checkKnownKeys(where, prop, bag, Object.keys(spec.fields));
      for (const [k, fieldSpec] of Object.entries(spec.fields)) checkTypes(where, prop ? `${prop}.${k}` : k, bag[k], fieldSpec);
      return;
    }
  }
}
