/**
 * The names a `SecureHealthcareApim` gives what it creates, so an imported platform
 * (`fromPlatformAttributes`) derives the same ones. Internal.
 */
import { Token } from 'cdktf';
import { invalid } from '../core/errors';

/** The name of the platform's Application Insights logger (`AuditLogging.attachTo`), which API diagnostics write to. */
export const API_LOGGER_NAME = 'appinsights';

/** The default edge body limit of the platform's Application Gateway WAF, in bytes (`edge.maxRequestBodySizeBytes`, 1 MiB). */
export { DEFAULT_EDGE_MAX_REQUEST_BODY_BYTES } from '../network/edge-gateway';

/** A Key Vault name from the APIM name: `<name>-kv`, shortened to 24 characters. */
export function defaultKeyVaultName(apimName: string, where = 'SecureHealthcareApim'): string {
  if (Token.isUnresolved(apimName)) {
    invalid(where, 'keyVaultName', 'cannot be derived from a token name', 'an explicit keyVaultName');
  }
  return `${apimName.slice(0, 21).replace(/-+$/, '')}-kv`.replace(/--+/g, '-');
}

/** The id of a logger of an API Management instance. */
export function apimLoggerId(apimId: string, loggerName: string = API_LOGGER_NAME): string {
  return `${apimId}/loggers/${loggerName}`;
}
