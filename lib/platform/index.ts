export { ApimSku, ApimTier } from './sku';
export { AuditLogging } from './audit-logging';
export type { AuditLoggingProps, ApimReference, AttachedAuditLogging } from './audit-logging';
export { PlatformKeyVault, KeyVaultRole } from './platform-key-vault';
export type { PlatformKeyVaultProps } from './platform-key-vault';
export { KeyVaultNamedValue } from './key-vault-named-value';
export type { KeyVaultNamedValueProps } from './key-vault-named-value';
export { SecureHealthcareApim } from './secure-healthcare-apim';
export type {
  SecureHealthcareApimProps, DeveloperPortalSignIn, CustomDomainOptions, ClientIpRateLimit,
} from './secure-healthcare-apim';
