export * from './protected-api';
export * from './protected-api-props';
export * from './openapi';
export * from './types';
export * from './fhir-role';
