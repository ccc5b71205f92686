export { ApimSku, ApimTier } from './sku';
export { AuditLogging, AuditLoggingProps, ApimReference, AttachedAuditLogging } from './audit-logging';
export { PlatformKeyVault, PlatformKeyVaultProps, KeyVaultRole } from './platform-key-vault';
export { KeyVaultNamedValue, KeyVaultNamedValueProps } from './key-vault-named-value';
export {
  SecureHealthcareApim, SecureHealthcareApimProps, DeveloperPortalSignIn, CustomDomainOptions, ClientIpRateLimit,
} from './secure-healthcare-apim';
