/** Input checks shared by the platform constructs: Azure naming rules over core/validation. Internal. */
import { IConstruct } from 'constructs';
import { checkProviderRule } from './provider-rules';
import * as core from './validation';

/** Checks the platform constructs take unchanged from core/validation. */
export { checkBoolean, checkEmail, checkGuid, checkTags, checkText } from './validation';

/** APIM service names: 1-50 characters, letters, digits and hyphens, starting with a letter, ending alphanumeric. */
export function checkApimName(scope: IConstruct | string, prop: string, name: string): string {
  core.checkName(scope, prop, name, {
    what: 'a valid API Management name',
    pattern: /^[A-Za-z]([A-Za-z0-9-]{0,48}[A-Za-z0-9])?$/,
    min: 1,
    max: 50,
    valid: '1 to 50 letters, digits and hyphens, starting with a letter and ending with a letter or digit',
  });
  return checkProviderRule(scope, prop, name, 'azurerm_api_management.name');
}

/** Key Vault names: 3-24 characters, letters, digits and hyphens, starting with a letter, ending alphanumeric, no "--". */
export function checkKeyVaultName(scope: IConstruct | string, prop: string, name: string): string {
  core.checkName(scope, prop, name, {
    what: 'a valid Key Vault name',
    pattern: /^[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$/,
    min: 3,
    max: 24,
    valid: '3 to 24 letters, digits and single hyphens, starting with a letter and ending with a letter or digit',
    refuse: [[/--/, 'has consecutive hyphens']],
  });
  return checkProviderRule(scope, prop, name, 'azurerm_key_vault.name');
}

/** Whole number in a range (tokens skip the range). */
export function checkRange(scope: IConstruct | string, prop: string, value: number, min: number, max: number): number {
  return core.checkNumber(scope, prop, value, { min, max });
}

/** An Azure location name such as eastus2. */
export function checkLocation(scope: IConstruct | string, prop: string, location: string): string {
  return core.checkName(scope, prop, location, {
    what: 'an Azure location name', pattern: /^[a-z][a-z0-9]{1,40}$/, min: 2, max: 41, valid: 'a lower-case region name such as eastus2 or westeurope',
  });
}

/** A resource group name: 1-90 characters of letters, digits, _ - . ( ), not ending with a period. */
export function checkResourceGroupName(scope: IConstruct | string, prop: string, name: string): string {
  return core.checkName(scope, prop, name, {
    what: 'a resource group name',
    pattern: /^[-\w.()]{1,90}$/,
    min: 1,
    max: 90,
    valid: '1 to 90 letters, digits, _ - . ( ), not ending with a period',
    refuse: [[/\.$/, 'ends with a period']],
  });
}

/** A fully qualified DNS host name (tokens skip the content check). */
export function checkHostName(scope: IConstruct | string, prop: string, value: string | undefined): string | undefined {
  return value === undefined ? undefined : core.checkHost(scope, prop, value);
}

/** A versionless Key Vault secret id, so certificate renewals are picked up (tokens skip the content check). */
export function checkVersionlessSecretId(scope: IConstruct | string, prop: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return core.checkName(scope, prop, value, {
    what: 'a versionless Key Vault secret id',
    pattern: /^https:\/\/[a-z0-9-]{3,24}\.vault\.[a-z.]+\/secrets\/[A-Za-z0-9-]+\/?$/,
    min: 1,
    max: 2048,
    valid: 'https://<vault>.vault.azure.net/secrets/<certificate-name> (versionless, so renewals are picked up)',
  });
}
