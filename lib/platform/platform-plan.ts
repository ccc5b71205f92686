/** Validation of the platform props, before anything is built, into the settings the build steps share. Internal. */
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { resolveZones } from './apim-instance';
import { checkCustomDomain } from './custom-domain';
import { checkIdentityProps } from './platform-identity';
import { checkMonitoringProps } from './platform-monitoring';
import { resolveNetworkMode } from './platform-network';
import { PLATFORM_OPTION_KEYS, SECURE_HEALTHCARE_APIM_PROP_KEYS } from './prop-types';
import { SecureHealthcareApimProps } from './secure-healthcare-apim-props';
import { warnOptOut } from '../compliance/opt-out';
import { checkApimName, checkEmail, checkKeyVaultName, checkLocation, checkResourceGroupName, checkTags, checkText } from '../core/azure-names';
import { invalid } from '../core/errors';
import { tfLiteralMap } from '../core/literal';
import { checkProviderRule } from '../core/provider-rules';
import { RateLimit, requireRateLimit } from '../core/rate-limit';
import { ApimSku } from '../core/sku';
import { checkArray, checkBoolean, checkKnownKeys, checkObject, checkOptionalString } from '../core/validation';
import { ApimNetworkMode } from '../network/apim-network';

/** The per-client-IP abuse floor of the global policy unless `clientIpRateLimit` is given. */
export const DEFAULT_CLIENT_IP_ABUSE_FLOOR = RateLimit.perMinute(600);

/** The management API version below which calls are refused. */
export const DEFAULT_MIN_API_VERSION = '2021-08-01';

/** What the validated props resolve to: the settings every build step of the platform reads. */
export interface PlatformPlan {
  /** The checked API Management service name. */
  readonly name: string;
  /** The SKU in use. */
  readonly sku: ApimSku;
  /** The instance's availability zones, undefined for none. */
  readonly zones: string[] | undefined;
  /** The network attachment; undefined means a public gateway (no network, no edge). */
  readonly mode: ApimNetworkMode | undefined;
  /** The oldest management API version accepted. */
  readonly minApiVersion: string;
  /** The per-client-IP abuse floor. */
  readonly rateLimit: RateLimit;
  /** The checked tags, for inner constructs (they escape them themselves). */
  readonly rawTags: Record<string, string> | undefined;
  /** The escaped tags, for the platform's own resources. */
  readonly tags: Record<string, string> | undefined;
  /** Whether the stateful resources carry lifecycle.prevent_destroy (no `allowDestroy`). */
  readonly preventDestroy: boolean;
}

/** Validates the props (failing with the prop and its valid values) and resolves the plan; warns for each opt-out set. */
export function planPlatform(scope: Construct, props: SecureHealthcareApimProps): PlatformPlan {
  checkObject(scope, 'props', props);
  checkKnownKeys(scope, '', props, SECURE_HEALTHCARE_APIM_PROP_KEYS);
  for (const { prop, keys } of PLATFORM_OPTION_KEYS) {
    const options: unknown = props[prop as keyof SecureHealthcareApimProps];
    if (options !== null && typeof options === 'object' && !Array.isArray(options) && !Token.isUnresolved(options)) checkKnownKeys(scope, prop, options, keys);
  }
  const name = checkApimName(scope, 'name', props.name);
  checkResourceGroupName(scope, 'resourceGroupName', props.resourceGroupName);
  checkLocation(scope, 'location', props.location);
  checkText(scope, 'publisherName', props.publisherName, 100);
  checkProviderRule(scope, 'publisherName', props.publisherName, 'azurerm_api_management.publisher_name');
  checkEmail(scope, 'publisherEmail', props.publisherEmail, 100);
  checkProviderRule(scope, 'publisherEmail', props.publisherEmail, 'azurerm_api_management.publisher_email');
  checkPlatformTypes(scope, props);
  checkMonitoringProps(scope, props);
  checkIdentityProps(scope, props);
  // The platform's own resources get escaped tags; inner constructs get the checked tags and escape them themselves.
  const rawTags = checkTags(scope, 'tags', props.tags);
  const tags = tfLiteralMap(rawTags);
  const sku = props.sku ?? ApimSku.premium(2);
  if (!sku.supportsNetworkIsolation) {
    if (!props.acknowledgeNoNetworkIsolation) {
      invalid(scope, 'sku', `${sku.skuName} cannot isolate the gateway from the internet, which PHI workloads need`,
        'Developer, Premium, StandardV2 or PremiumV2; or set acknowledgeNoNetworkIsolation: true to accept the risk');
    }
    warnOptOut(scope, 'acknowledgeNoNetworkIsolation', `${sku.skuName} exposes the gateway to the internet with no network isolation.`,
      ['APIM-NETWORK-ISOLATION', 'APIM-PUBLIC-NETWORK-ACCESS', 'WAF-PRESENT']);
  }
  const zones = resolveZones(scope, sku, props);
  if (props.customDomain) checkCustomDomain(scope, props.customDomain);
  const minApiVersion = props.minApiVersion ?? DEFAULT_MIN_API_VERSION;
  if (!Token.isUnresolved(minApiVersion) && !/^20\d\d-\d\d-\d\d(-preview)?$/.test(minApiVersion)) {
    invalid(scope, 'minApiVersion', `'${minApiVersion}' is not an API version`, 'a date-formatted version such as 2021-08-01');
  }
  if (!Token.isUnresolved(minApiVersion) && minApiVersion < '2019-12-01') {
    invalid(scope, 'minApiVersion', `'${minApiVersion}' allows management API versions Azure Policy flags as insecure`, '2019-12-01 or later');
  }
  const rateLimit = requireRateLimit(scope, 'clientIpRateLimit', props.clientIpRateLimit ?? DEFAULT_CLIENT_IP_ABUSE_FLOOR);
  if (props.keyVaultName !== undefined) checkKeyVaultName(scope, 'keyVaultName', props.keyVaultName);
  if (props.logAnalyticsWorkspaceId !== undefined && props.logRetentionSeconds !== undefined) {
    invalid(scope, 'logRetentionSeconds', 'is set together with logAnalyticsWorkspaceId, whose retention this library does not manage, so it would be ignored',
      'logRetentionSeconds only for a created workspace; set the retention (365 days or more) on your existing workspace instead');
  }
  if (props.allowDestroy) {
    warnOptOut(scope, 'allowDestroy', 'terraform destroy can delete the API Management instance, Key Vault, audit workspace, Application Insights, '
      + 'VNet and edge public IP (clients\' DNS points at it), and the app registrations of the APIs on this platform that do not set allowDestroy: false.');
  }
  const preventDestroy = !props.allowDestroy;

  const mode = resolveNetworkMode(scope, sku, props);
  // Public IPs are named after the instance: their DNS labels must pass azurerm's rule, checked here under the user's prop.
  if (mode === ApimNetworkMode.CLASSIC_INJECTION) {
    checkProviderRule(scope, 'name', name, 'azurerm_public_ip.domain_name_label', 'is the management public IP\'s DNS label');
  }
  if (mode !== undefined && !props.acknowledgeExternallyManagedEdge) {
    checkProviderRule(scope, 'name', `${name}-edge`, 'azurerm_public_ip.domain_name_label', 'gives the edge public IP\'s DNS label');
  }
  return { name, sku, zones, mode, minApiVersion, rateLimit, rawTags, tags, preventDestroy };
}

/** Run-time types of the platform props (jsii and JavaScript callers can pass anything). */
function checkPlatformTypes(scope: Construct, props: SecureHealthcareApimProps): void {
  checkObject(scope, 'props', props);
  for (const key of ['acknowledgeNoNetworkIsolation', 'acknowledgeUnmanagedNetworkRules', 'acknowledgeExternallyManagedEdge', 'acknowledgePublicGateway',
    'closePublicNetworkAccess', 'allowPublicNetworkAccess', 'acknowledgeSelfSignedCertificate', 'acknowledgeNoZoneRedundancy', 'allowDestroy', 'allowPortalPasswordSignIn'] as const) {
    checkBoolean(scope, key, props[key], false);
  }
  for (const key of ['minApiVersion', 'logAnalyticsWorkspaceId', 'keyVaultName'] as const) checkOptionalString(scope, key, props[key]);
  if (props.zones !== undefined) checkArray(scope, 'zones', props.zones);
  for (const key of ['network', 'existingNetwork', 'edge', 'cors', 'customDomain', 'developerPortalSignIn',
    'portalSecretRotation', 'keyVaultSecretRotation'] as const) {
    if (props[key] !== undefined) checkObject(scope, key, props[key]);
  }
  if (props.customDomain) checkBoolean(scope, 'customDomain.negotiateClientCertificate', props.customDomain.negotiateClientCertificate, false);
}
