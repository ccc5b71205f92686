/** Input checks shared by the platform constructs. Internal. */
import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { invalid } from '../errors';

/** APIM service names: 1-50 characters, letters, digits and hyphens, starting with a letter, ending alphanumeric. */
export function checkApimName(scope: IConstruct, prop: string, name: string): string {
  if (Token.isUnresolved(name)) return name;
  if (typeof name !== 'string' || !/^[A-Za-z]([A-Za-z0-9-]{0,48}[A-Za-z0-9])?$/.test(name)) {
    invalid(scope, prop, `'${name}' is not a valid API Management name`, '1 to 50 letters, digits and hyphens, starting with a letter and ending with a letter or digit');
  }
  return name;
}

/** Key Vault names: 3-24 characters, letters, digits and hyphens, starting with a letter, ending alphanumeric, no "--". */
export function checkKeyVaultName(scope: IConstruct, prop: string, name: string): string {
  if (Token.isUnresolved(name)) return name;
  if (typeof name !== 'string' || !/^[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$/.test(name) || name.includes('--')) {
    invalid(scope, prop, `'${name}' is not a valid Key Vault name`, '3 to 24 letters, digits and single hyphens, starting with a letter and ending with a letter or digit');
  }
  return name;
}

/** A plain e-mail address. */
export function checkEmail(scope: IConstruct, prop: string, email: string): string {
  if (Token.isUnresolved(email)) return email;
  if (typeof email !== 'string' || email.length > 254 || !/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/.test(email)) {
    invalid(scope, prop, `'${email}' is not an e-mail address`, 'an address like name@example.org');
  }
  return email;
}

/** A non-empty string without control characters. */
export function checkText(scope: IConstruct, prop: string, value: string, max: number): string {
  if (Token.isUnresolved(value)) return value;
  if (typeof value !== 'string' || value.trim() === '' || value.length > max || /[\u0000-\u001F]/.test(value)) {
    invalid(scope, prop, `'${value}' is empty, too long or has control characters`, `1 to ${max} printable characters`);
  }
  return value;
}

/** Azure tag limits: at most 50 tags, names up to 512 characters without <>%&\?/, values up to 256. */
export function checkTags(scope: IConstruct, prop: string, tags: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!tags) return undefined;
  const entries = Object.entries(tags);
  if (entries.length > 50) invalid(scope, prop, `has ${entries.length} tags`, 'at most 50 tags');
  for (const [k, v] of entries) {
    if (k.length === 0 || k.length > 512 || /[<>%&\\?/]/.test(k)) invalid(scope, `${prop}.${k}`, 'is not a valid tag name', '1 to 512 characters without < > % & \\ ? /');
    if (typeof v !== 'string' || v.length > 256) invalid(scope, `${prop}.${k}`, 'has a value over 256 characters', 'a value of at most 256 characters');
  }
  return tags;
}

/** Whole number in a range (tokens are skipped). */
export function checkRange(scope: IConstruct, prop: string, value: number, min: number, max: number): number {
  if (Token.isUnresolved(value)) return value;
  if (!Number.isInteger(value) || value < min || value > max) invalid(scope, prop, `is ${value}`, `a whole number from ${min} to ${max}`);
  return value;
}

/** An Azure location name such as eastus2. */
export function checkLocation(scope: IConstruct, prop: string, location: string): string {
  if (Token.isUnresolved(location)) return location;
  if (typeof location !== 'string' || !/^[a-z][a-z0-9]{1,40}$/.test(location)) {
    invalid(scope, prop, `'${location}' is not an Azure location name`, 'a lower-case region name such as eastus2 or westeurope');
  }
  return location;
}

/** A resource group name: 1-90 characters of letters, digits, _ - . ( ), not ending with a period. */
export function checkResourceGroupName(scope: IConstruct, prop: string, name: string): string {
  if (Token.isUnresolved(name)) return name;
  if (typeof name !== 'string' || !/^[-\w.()]{1,90}$/.test(name) || name.endsWith('.')) {
    invalid(scope, prop, `'${name}' is not a resource group name`, '1 to 90 letters, digits, _ - . ( ), not ending with a period');
  }
  return name;
}

/** A fully qualified DNS host name (tokens are skipped). */
export function checkHostName(scope: IConstruct, prop: string, value: string | undefined): string | undefined {
  if (value === undefined || Token.isUnresolved(value)) return value;
  if (typeof value !== 'string' || !/^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/.test(value)) {
    invalid(scope, prop, `'${value}' is not a host name`, 'a fully qualified DNS name such as api.contoso-health.example');
  }
  return value;
}

/** A versionless Key Vault secret id, so certificate renewals are picked up (tokens are skipped). */
export function checkVersionlessSecretId(scope: IConstruct, prop: string, value: string | undefined): string | undefined {
  if (value === undefined || Token.isUnresolved(value)) return value;
  if (typeof value !== 'string' || !/^https:\/\/[a-z0-9-]{3,24}\.vault\.[a-z.]+\/secrets\/[A-Za-z0-9-]+\/?$/.test(value)) {
    invalid(scope, prop, `'${value}' is not a versionless Key Vault secret id`,
      'https://<vault>.vault.azure.net/secrets/<certificate-name> (versionless, so renewals are picked up)');
  }
  return value;
}

/** A GUID, as the providers' IsUUID validator wants it (tokens are skipped). */
export function checkGuid(scope: IConstruct, prop: string, value: string): string {
  if (Token.isUnresolved(value)) return value;
  if (typeof value !== 'string' || !/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(value)) {
    invalid(scope, prop, `'${value}' is not a GUID`, 'a GUID such as 00000000-0000-0000-0000-000000000000');
  }
  return value;
}

/** A boolean prop: `undefined` takes the default; anything but `true`/`false` (e.g. the string 'false') is refused. */
export function checkBoolean(scope: IConstruct, prop: string, value: boolean | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') invalid(scope, prop, `is ${JSON.stringify(value)}, not a boolean`, 'true or false');
  return value;
}
