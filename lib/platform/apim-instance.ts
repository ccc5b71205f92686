/** The API Management instance: zones, TLS, identity, sign-up off, network settings. Internal. */
import { ApiManagement, ApiManagementConfig } from '@cdktf/provider-azurerm/lib/api-management';
import { Construct } from 'constructs';
import { instanceNetworkConfig } from './platform-network';
import type { PlatformPlan } from './platform-plan';
import { SecureHealthcareApimProps } from './secure-healthcare-apim-props';
import { warnOptOut } from '../compliance/opt-out';
import { invalid } from '../core/errors';
import { tfLiteral } from '../core/literal';
import { ApimSku, ApimTier } from '../core/sku';
import { ApimNetwork } from '../network/apim-network';

/** The instance's availability zones, validating `zones` against the SKU; Premium spreads over two or three by default. */
export function resolveZones(scope: Construct, sku: ApimSku, props: SecureHealthcareApimProps): string[] | undefined {
  if (props.zones !== undefined) {
    if (!sku.supportsZones && props.zones.length > 0) {
      invalid(scope, 'zones', `are set for ${sku.skuName}`, 'zones only with a Premium SKU');
    }
    const bad = props.zones.find((z) => !['1', '2', '3'].includes(z));
    if (bad !== undefined) invalid(scope, 'zones', `include '${bad}'`, "'1', '2' and '3'");
    if (new Set(props.zones).size !== props.zones.length) invalid(scope, 'zones', 'repeat a zone', 'each zone once');
    if (props.zones.length > 0 && sku.capacity % props.zones.length !== 0) {
      invalid(scope, 'zones', `(${props.zones.length}) do not divide the capacity ${sku.capacity}`, 'a capacity that is a multiple of the number of zones');
    }
  }
  if (sku.tier !== ApimTier.PREMIUM) return undefined;
  const zones = props.zones ?? (sku.capacity % 3 === 0 ? ['1', '2', '3'] : sku.capacity % 2 === 0 ? ['1', '2'] : []);
  if (zones.length < 2) {
    if (!props.acknowledgeNoZoneRedundancy) {
      invalid(scope, 'zones', `give ${sku.skuName} ${zones.length} availability zone(s)`,
        'a Premium capacity of 2 or more spread over at least two zones, or acknowledgeNoZoneRedundancy: true');
    }
    warnOptOut(scope, 'acknowledgeNoZoneRedundancy', `${sku.skuName} runs in fewer than two availability zones; a zone outage takes the gateway down.`);
  }
  return zones.length ? zones : undefined;
}

/** The `azurerm_api_management` resource. */
export function createApimInstance(scope: Construct, props: SecureHealthcareApimProps, plan: PlatformPlan,
  network: ApimNetwork | undefined): ApiManagement {
  return new ApiManagement(scope, 'Apim', instanceConfig(scope, props, plan, network));
}

/** The `azurerm_api_management` configuration. */
function instanceConfig(scope: Construct, props: SecureHealthcareApimProps, plan: PlatformPlan,
  network: ApimNetwork | undefined): ApiManagementConfig {
  const { sku } = plan;
  return {
    name: plan.name,
    resourceGroupName: props.resourceGroupName,
    location: props.location,
    publisherName: tfLiteral(props.publisherName),
    publisherEmail: tfLiteral(props.publisherEmail),
    skuName: sku.skuName,
    zones: plan.zones,
    minApiVersion: plan.minApiVersion,
    identity: { type: 'SystemAssigned' },
    protocols: { http2Enabled: true },
    security: strongTlsOnly(),
    ...(sku.isClassic ? {
      signUp: { enabled: false, termsOfService: { enabled: false, consentRequired: false } },
      signIn: { enabled: true },
      tenantAccess: { enabled: false },
    } : {}),
    ...instanceNetworkConfig(scope, network, plan.mode, props),
    tags: plan.tags,
    lifecycle: { preventDestroy: plan.preventDestroy },
  };
}

/** TLS 1.2+ only: every legacy protocol, 3DES, every CBC and every non-forward-secret RSA cipher off. */
function strongTlsOnly(): NonNullable<ApiManagementConfig['security']> {
  return {
    frontendSsl30Enabled: false,
    frontendTls10Enabled: false,
    frontendTls11Enabled: false,
    backendSsl30Enabled: false,
    backendTls10Enabled: false,
    backendTls11Enabled: false,
    tripleDesCiphersEnabled: false,
    tlsEcdheEcdsaWithAes128CbcShaCiphersEnabled: false,
    tlsEcdheEcdsaWithAes256CbcShaCiphersEnabled: false,
    tlsEcdheRsaWithAes128CbcShaCiphersEnabled: false,
    tlsEcdheRsaWithAes256CbcShaCiphersEnabled: false,
    tlsRsaWithAes128CbcSha256CiphersEnabled: false,
    tlsRsaWithAes128CbcShaCiphersEnabled: false,
    tlsRsaWithAes128GcmSha256CiphersEnabled: false,
    tlsRsaWithAes256CbcSha256CiphersEnabled: false,
    tlsRsaWithAes256CbcShaCiphersEnabled: false,
    tlsRsaWithAes256GcmSha384CiphersEnabled: false,
  };
}
