// The policy model, published as the jsii submodule `policy` (`import { policy } from
// 'cdktf-healthcare-apim'`). jsii names a submodule's types only through `export *`: a named
// re-export (`export { X } from`) leaves X outside the submodule, so each file is re-exported whole.
export * from './element';
export * from './value';
export * from './document';
export * from './auth';
export * from './limits';
export * from './content';
export * from './headers';
export * from './flow';
export * from './raw';
export * from './ip';
export * from './error-response';
