export * from './policy';
export * from './platform';
export * from './api';
