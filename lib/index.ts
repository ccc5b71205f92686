export * as policy from './policy';
export * from './foundation';
export * from './platform';
export * from './api';
export * from './network';
export * from './consumers';
export * from './compliance';
export * from './monitoring';
export { InputValidation } from './core/errors';
