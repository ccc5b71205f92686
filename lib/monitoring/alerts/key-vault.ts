import { KqlAggregate, KqlPredicate, KqlQuery } from '../kql';
import { AZKV_AUDIT_LOGS } from '../tables';
import { ResolvedTuning } from '../tuning';
import { LogAlertDefinition } from './log-alert';

/** Defaults: every near-expiry or expiry notification, checked hourly over the last hour, severity 2. */
export const NEAR_EXPIRY_DEFAULTS: ResolvedTuning = { threshold: 1, windowMinutes: 60, frequencyMinutes: 60, severity: 2 };

/**
 * The Event Grid notifications Key Vault logs in its audit log (Key Vault logging, "Event Grid
 * notification operations"): 30 days before a secret, key or certificate version expires (for
 * keys, as the rotation policy's `notify_before_expiry` says), and when it has expired.
 */
export const NEAR_EXPIRY_OPERATIONS = [
  'SecretNearExpiryEventGridNotification', 'SecretExpiredEventGridNotification',
  'CertificateNearExpiryEventGridNotification', 'CertificateExpiredEventGridNotification',
  'KeyNearExpiryEventGridNotification', 'KeyExpiredEventGridNotification',
];

/** The Event Grid event types of the same conditions, for an event subscription on the vault's system topic. */
export const NEAR_EXPIRY_EVENT_TYPES = [
  'Microsoft.KeyVault.SecretNearExpiry', 'Microsoft.KeyVault.SecretExpired',
  'Microsoft.KeyVault.CertificateNearExpiry', 'Microsoft.KeyVault.CertificateExpired',
  'Microsoft.KeyVault.KeyNearExpiry', 'Microsoft.KeyVault.KeyExpired',
];

/**
 * A secret, key or certificate of the vault is about to expire, or has: one alert per kind of
 * notification, so responders rotate it before a client or the gateway fails.
 */
export function nearExpiry(t: ResolvedTuning): LogAlertDefinition {
  const query = KqlQuery.from(AZKV_AUDIT_LOGS)
    .where(KqlPredicate.inList('OperationName', NEAR_EXPIRY_OPERATIONS))
    .summarize([KqlAggregate.count('Notifications')], { by: ['OperationName'] })
    .where(KqlPredicate.compare('Notifications', '>=', t.threshold));
  return {
    id: 'key-vault-near-expiry',
    tuningProp: 'nearExpiry',
    displayName: 'Key Vault: secret, key or certificate near expiry',
    description: 'A secret, key or certificate of the platform vault expires within 30 days (or has expired): rotate it before callers or the gateway fail.',
    query: query.render(),
    // One alert per kind of notification; the results link lists the vaults and items (`_ResourceId` is not a valid dimension).
    dimensions: ['OperationName'],
    tuning: t,
  };
}
