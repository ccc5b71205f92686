/** Shared fixtures of the ProtectedApi tests: a stack with the platform and the patients API. */
import { TerraformStack } from 'cdktf';
import { KeyVaultDeployerAccess, ProtectedApi, ProtectedApiProps, SecureHealthcareApim, SecureHealthcareApimProps } from '../../lib';
import { newStack, resourcesOf, synthJson } from '../util/synth';
import { attributes, childElements, onlyChild, parseXml } from '../util/xml';

export const PLATFORM_PROPS: SecureHealthcareApimProps = {
  name: 'contoso-health-apim',
  resourceGroupName: 'rg-health',
  location: 'eastus2',
  publisherName: 'Contoso Health',
  publisherEmail: 'api-team@contoso-health.example',
  // The edge's self-signed certificate is written through the vault's data plane.
  keyVaultDeployerAccess: KeyVaultDeployerAccess.fromIpRanges(['203.0.113.7']),
  acknowledgeSelfSignedCertificate: true,
};

/** The patients API of the public contract, without the platform. */
export const PATIENTS: Omit<ProtectedApiProps, 'platform'> = {
  name: 'patients',
  path: 'patients',
  version: 'v1',
  backendUrl: 'https://fhir.contoso-health.example',
  operations: [
    { method: 'GET', urlTemplate: '/patients/{id}', requiredRoles: ['Patient.Read'] },
    { method: 'POST', urlTemplate: '/patients', requiredRoles: ['Patient.Write'] },
    { method: 'PUT', urlTemplate: '/patients/{id}', requiredRoles: ['Patient.Write'] },
    { method: 'DELETE', urlTemplate: '/patients/{id}', requiredRoles: ['Patient.Admin'] },
  ],
};

export interface Fixture {
  readonly stack: TerraformStack;
  readonly platform: SecureHealthcareApim;
  readonly api: ProtectedApi;
  readonly json: () => any;
}

/** A stack with providers, a platform and a ProtectedApi with id 'Patients' (props merged over PATIENTS). */
export function patients(props: Partial<ProtectedApiProps> = {}, platformProps: Partial<SecureHealthcareApimProps> = {}): Fixture {
  const stack = newStack();
  const platform = new SecureHealthcareApim(stack, 'Platform', { ...PLATFORM_PROPS, ...platformProps });
  const api = new ProtectedApi(stack, 'Patients', { platform, ...PATIENTS, ...props });
  return { stack, platform, api, json: () => synthJson(stack) };
}

/** Builds a ProtectedApi with the given props (over PATIENTS) and returns the error it throws. */
export function errorOf(props: Partial<ProtectedApiProps>, platformProps: Partial<SecureHealthcareApimProps> = {}): string {
  try {
    patients(props, platformProps);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the construct to throw');
}

/** Builds a platform with the given props (over PLATFORM_PROPS; any keys, as a JavaScript caller passes them) and returns the error it throws. */
export function platformErrorOf(props: Record<string, unknown>): string {
  try {
    new SecureHealthcareApim(newStack(), 'Platform', { ...PLATFORM_PROPS, ...props } as SecureHealthcareApimProps);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the platform to throw');
}

/** The parsed API policy. */
export function apiPolicy(json: any): Element {
  return parseXml(own(json, 'azurerm_api_management_api_policy').xml_content);
}

/** The xml_content of every operation policy, by the operation id as written in the resource (a reference for explicit operations). */
export function operationPolicies(json: any): Array<[string, string]> {
  return resourcesOf(json, 'azurerm_api_management_api_operation_policy').map(([, r]) => [r.operation_id, r.xml_content]);
}

/** The operation policy whose construct id ends with the operation id. */
export function operationPolicy(json: any, operationId: string): Element {
  const found = resourcesOf(json, 'azurerm_api_management_api_operation_policy').filter(([k]) => k.startsWith(`Patients_OperationPolicy-${operationId}_`));
  if (found.length !== 1) throw new Error(`expected one operation policy for ${operationId}, found ${found.length}`);
  return parseXml(found[0][1].xml_content);
}

/** The direct child elements of one section of a parsed policy. */
export function section(policy: Element, name: string): Element[] {
  const sections = Array.from(policy.childNodes as unknown as ArrayLike<Node>).filter((n): n is Element => n.nodeType === 1);
  const s = sections.find((e) => e.tagName === name);
  if (!s) throw new Error(`no <${name}> section`);
  return Array.from(s.childNodes as unknown as ArrayLike<Node>).filter((n): n is Element => n.nodeType === 1);
}

/** Every resource and data source of the construct 'Patients' (logical ids start with Patients_). */
export function ownResources(json: any): Record<string, Record<string, any>> {
  const result: Record<string, Record<string, any>> = {};
  for (const kind of ['resource', 'data'] as const) {
    for (const [type, items] of Object.entries(json[kind] ?? {})) {
      for (const [id, config] of Object.entries(items as Record<string, any>)) {
        if (!id.startsWith('Patients_')) continue;
        const key = `${kind}.${type}`;
        result[key] = { ...(result[key] ?? {}), [id]: config };
      }
    }
  }
  return result;
}

/** The one resource of a type that belongs to the construct 'Patients'. */
export function own(json: any, type: string, prefix = 'Patients_'): any {
  const found = resourcesOf(json, type).filter(([id]) => id.startsWith(prefix));
  if (found.length !== 1) throw new Error(`expected one ${type} of ${prefix}, found ${found.length}`);
  return found[0][1];
}

/**
 * Request headers that browsers, SDKs and the Application Gateway send and that no API
 * declares (see "Requests that real clients send" in the Azure notes).
 */
export const CLIENT_AND_EDGE_HEADERS = [
  'Host', 'User-Agent', 'Accept', 'Accept-Encoding', 'Referer', 'Origin', 'traceparent', 'tracestate',
  'X-Forwarded-For', 'X-Forwarded-Proto', 'X-Forwarded-Port', 'X-Original-Host',
];

/**
 * The action the policy's inbound `validate-parameters` takes on a request header the operation
 * does not declare, as APIM resolves it: a `<parameter>` of `<headers>` with that name
 * (case-insensitive), else the `<headers>` element's `unspecified-parameter-action`, else the
 * `validate-parameters` element's. 'none' when the inbound section has no `validate-parameters`.
 */
export function requestHeaderAction(policy: Element, header: string): string {
  const found = childElements(onlyChild(policy, 'inbound'), 'validate-parameters');
  if (found.length === 0) return 'none';
  if (found.length > 1) throw new Error('the inbound section has more than one validate-parameters');
  const v = found[0];
  const headers = childElements(v, 'headers');
  if (headers.length > 1) throw new Error('validate-parameters has more than one <headers>');
  const named = headers.flatMap((h) => childElements(h, 'parameter'))
    .filter((p) => (attributes(p).name ?? '').toLowerCase() === header.toLowerCase());
  if (named.length > 0) return attributes(named[0]).action;
  return (headers.length ? attributes(headers[0])['unspecified-parameter-action'] : undefined) ?? attributes(v)['unspecified-parameter-action'];
}
