export * from './protected-api';
export * from './openapi';
export * from './types';
export * from './fhir-role';
