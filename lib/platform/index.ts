export { ApimSku, ApimTier } from '../core/sku';
export { SecureHealthcareApim } from './secure-healthcare-apim';
export type { SecureHealthcareApimProps, CustomDomainOptions } from './secure-healthcare-apim';
export type { DeveloperPortalSignIn } from './developer-portal';
export type { IHealthcareApimPlatform, SecretNamedValueOptions } from './healthcare-apim-platform';
export type { HealthcareApimPlatformAttributes } from './imported-platform';
