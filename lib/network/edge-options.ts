import { EdgeDdosProtection, EdgeTlsPolicy, WafExclusion, WafRuleOverride } from './edge-protection-options';
import { RateLimit } from '../core/rate-limit';

/** Options of the edge gateway that users set on the platform. */
export interface EdgeGatewayOptions {
  /**
   * The public host name clients use, e.g. `api.contoso-health.example`. Needs
   * `keyVaultCertificateSecretId`.
   * @default - the public IP's Azure DNS name, with a Key Vault self-signed certificate (a warning)
   */
  readonly hostName?: string;
  /**
   * The versionless secret id of the Key Vault certificate for `hostName`.
   * @default - a self-signed Key Vault certificate when no host name is given
   */
  readonly keyVaultCertificateSecretId?: string;
  /**
   * The resource id of the vault holding `keyVaultCertificateSecretId`, when it is not the
   * platform vault. The edge identity is granted Key Vault Secrets User there; that vault's
   * firewall must let the edge subnet through (service endpoint) or offer a private endpoint.
   * @default - the certificate is in the platform vault
   */
  readonly keyVaultCertificateVaultId?: string;
  /**
   * Minimum autoscale instances, 0 to 125 (2 keeps the gateway up through an instance failure).
   * @default 2
   */
  readonly minCapacity?: number;
  /**
   * Maximum autoscale instances, 2 to 125.
   * @default 10
   */
  readonly maxCapacity?: number;
  /**
   * The largest request body the WAF accepts, in bytes: a multiple of 1024 (Azure takes whole KB)
   * from 8192 (8 KB) to 2048000 (2000 KB). Every ProtectedApi on the platform must accept at most
   * this (`maxRequestBodyBytes` ≤ this), or synth fails.
   * @default 1048576 (1 MiB)
   */
  readonly maxRequestBodySizeBytes?: number;
  /**
   * The largest file upload the WAF accepts, in bytes: a multiple of 1048576 (Azure takes whole
   * MB) from 1048576 (1 MB) to 4194304000 (4000 MB).
   * @default 4194304 (4 MiB)
   */
  readonly fileUploadLimitBytes?: number;
  /**
   * How much of a request body the managed rules inspect, in bytes: a multiple of 1024 (Azure
   * takes whole KB) from 8192 (8 KB) to `maxRequestBodySizeBytes`. Bodies above it are still
   * accepted up to `maxRequestBodySizeBytes`, with their tail uninspected.
   * @default 131072 (128 KiB), or `maxRequestBodySizeBytes` when that is smaller
   */
  readonly requestBodyInspectLimitBytes?: number;
  /**
   * How the edge public IP is protected from volumetric DDoS attacks. Without an opt-out the
   * edge IP is never left with only Azure's infrastructure protection: `VIRTUAL_NETWORK_PLAN`
   * is refused on a created network without `ddosProtectionPlanId`, and on an existing network
   * it leaves a warning that attaching the plan to that VNet is yours.
   * @default - EdgeDdosProtection.VIRTUAL_NETWORK_PLAN when the created network has a
   * `ddosProtectionPlanId`, else EdgeDdosProtection.IP_PROTECTION
   */
  readonly ddosProtection?: EdgeDdosProtection;
  /**
   * Named opt-out: no DDoS protection plan or IP protection for the edge IP, only Azure's
   * infrastructure protection (no attack telemetry, alerts or adaptive tuning). Leaves a warning.
   * @default false
   */
  readonly acknowledgeNoDdosProtection?: boolean;
  /**
   * The per-client-IP rate limit, a WAF custom rule evaluated before the managed rules: a
   * client IP above it is blocked (HTTP 403) for the rest of the window. Application Gateway
   * counts over one or five minutes only, so the window is 60 or 300 seconds:
   * `RateLimit.perMinute(n)` or `RateLimit.per(n, 300)`. Keep it above the gateway's own
   * per-IP limit (`clientIpRateLimit`, 600 a minute by default), so ordinary clients meet
   * APIM's 429 with `Retry-After` first and only floods meet the edge.
   * @default RateLimit.perMinute(1200)
   */
  readonly rateLimit?: RateLimit;
  /**
   * Named opt-out: no rate limit at the edge; floods reach the gateway and cost its capacity.
   * Leaves a warning.
   * @default false
   */
  readonly acknowledgeNoEdgeRateLimit?: boolean;
  /**
   * ISO 3166-1 alpha-2 country codes allowed to reach the edge; every other country is
   * blocked. Add `ZZ` for addresses Azure has not mapped to a country.
   * @default - every country
   */
  readonly allowedCountries?: string[];
  /**
   * ISO 3166-1 alpha-2 country codes blocked at the edge.
   * @default - none
   */
  readonly blockedCountries?: string[];
  /**
   * Client IPv4/IPv6 addresses or CIDR ranges allowed to reach the edge; every other client is
   * blocked. The managed rules still inspect the allowed clients' requests.
   * @default - every client
   */
  readonly allowedClientRanges?: string[];
  /**
   * Client IPv4/IPv6 addresses or CIDR ranges blocked at the edge.
   * @default - none
   */
  readonly blockedClientRanges?: string[];
  /**
   * Typed exclusions from managed-rule inspection, for false positives on legitimate data.
   * @default - none
   */
  readonly wafExclusions?: WafExclusion[];
  /**
   * Per-rule overrides of the managed rules (another action, or the rule disabled).
   * @default - none
   */
  readonly wafRuleOverrides?: WafRuleOverride[];
  /**
   * Named opt-out for a burn-in: the WAF runs in Detection mode (it logs what it would block,
   * custom rules included) until `wafDetectionModeUntil`. Leaves a warning.
   * @default false
   */
  readonly acknowledgeWafDetectionMode?: boolean;
  /**
   * The last day of the Detection burn-in, `YYYY-MM-DD`, at most 90 days ahead; needed with
   * `acknowledgeWafDetectionMode`. Synth fails after that day until the opt-out is removed.
   * @default - none
   */
  readonly wafDetectionModeUntil?: string;
  /**
   * The TLS policy of the HTTPS listener.
   * @default EdgeTlsPolicy.TLS12_STRICT_2022
   */
  readonly tlsPolicy?: EdgeTlsPolicy;
}
