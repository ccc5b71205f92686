export * from './policy';
export * from './platform';
