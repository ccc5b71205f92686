export { ApimSku, ApimTier } from '../core/sku';
export { SecureHealthcareApim } from './secure-healthcare-apim';
export type { SecureHealthcareApimProps, CustomDomainOptions } from './secure-healthcare-apim';
export type { DeveloperPortalSignIn } from './developer-portal';
export { PrivilegedAccess, OperatorApimRole, OperatorKeyVaultRole, BUILT_IN_ROLE_IDS } from './privileged-access';
export type { PrivilegedAccessProps, PrivilegedAccessOptions, OperatorsConditionalAccessOptions } from './privileged-access';
export type { IHealthcareApimPlatform, SecretNamedValueOptions } from './healthcare-apim-platform';
export type { HealthcareApimPlatformAttributes } from './imported-platform';
