/**
 * Kept so existing imports work: the error type and `invalid()` live in `core/errors`.
 * Every construct and policy element reports bad input through `invalid()`, so messages always
 * read `<where>: <prop> <problem>. Valid: <valid>.` and the error is a `ValidationError`.
 */
export { invalid, InputValidation, ValidationError } from './core/errors';
