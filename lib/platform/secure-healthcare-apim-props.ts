/** The props of `SecureHealthcareApim` and the option structs they carry. */
import { RateLimit } from '../core/rate-limit';
import { ApimSku } from '../core/sku';
import { KeyVaultDeployerAccess } from '../foundation/deployer-access';
import { DefenderPlansProps } from '../monitoring/defender-plans';
import { NearExpiryEventDelivery } from '../monitoring/key-vault-expiry';
import { SecurityMonitoringOptions } from '../monitoring/options';
import { ApimNetworkAddressing, ExistingNetwork } from '../network/apim-network';
import { EdgeGatewayOptions } from '../network/edge-gateway';
import { CorsProps } from '../policy';
import { DeveloperPortalSignIn } from './developer-portal';
import { PrivilegedAccessOptions } from './privileged-access';
import { RotationScheduleProps } from '../foundation/rotation-schedule';

/** A custom domain whose certificate lives in Key Vault. */
export interface CustomDomainOptions {
  /** The gateway (proxy) host name, e.g. `api.contoso-health.example`. */
  readonly gatewayHostName: string;
  /**
   * The developer portal host name.
   * @default - the portal keeps its azure-api.net name
   */
  readonly developerPortalHostName?: string;
  /** The Key Vault certificate's secret id (versionless, so renewals are picked up). */
  readonly keyVaultCertificateSecretId: string;
  /**
   * The resource id of the vault holding the certificate, when it is not the platform vault:
   * the instance's identity is granted Key Vault Certificate User and Secrets User there, and
   * that vault's firewall must let the API Management subnet through.
   * @default - the certificate is in the platform vault
   */
  readonly keyVaultCertificateVaultId?: string;
  /**
   * Whether the gateway asks callers for a client certificate (mutual TLS).
   * @default false
   */
  readonly negotiateClientCertificate?: boolean;
}

/** Properties of `SecureHealthcareApim`. */
export interface SecureHealthcareApimProps {
  /** The API Management service name: 1 to 50 letters, digits and hyphens; globally unique. */
  readonly name: string;
  /** An existing resource group for every resource of the platform. */
  readonly resourceGroupName: string;
  /** The Azure location, e.g. `eastus2`. */
  readonly location: string;
  /** The publisher shown in the developer portal. */
  readonly publisherName: string;
  /** The publisher's e-mail, which receives system notifications. */
  readonly publisherEmail: string;
  /**
   * The SKU. Basic and Consumption cannot be isolated and need `acknowledgeNoNetworkIsolation`.
   * @default ApimSku.premium(2)
   */
  readonly sku?: ApimSku;
  /**
   * Availability zones (Premium only). Units must spread evenly over them.
   * @default - Premium: two or three zones as the capacity allows; other tiers: none
   */
  readonly zones?: string[];
  /**
   * Named opt-out: accept a Basic or Consumption SKU, whose gateway cannot be isolated from
   * the internet. Leaves a warning.
   * @default false
   */
  readonly acknowledgeNoNetworkIsolation?: boolean;
  /**
   * The address plan of the created network (VNet, edge, API Management and private-endpoint subnets).
   * @default - 10.20.0.0/16 with edge 10.20.0.0/24, API Management 10.20.1.0/24, private endpoints 10.20.2.0/24
   */
  readonly network?: ApimNetworkAddressing;
  /**
   * Use a network you manage instead of creating one. Needs `acknowledgeUnmanagedNetworkRules`.
   * @default - a network is created
   */
  readonly existingNetwork?: ExistingNetwork;
  /**
   * Named opt-out: with `existingNetwork`, the NSG rules, routes and DDoS protection of that
   * network are yours to keep right. Leaves a warning.
   * @default false
   */
  readonly acknowledgeUnmanagedNetworkRules?: boolean;
  /**
   * The edge gateway (Application Gateway WAF_v2) in front of the internal gateway.
   * @default - an edge on the public IP's Azure DNS name with a self-signed certificate (a warning); with
   * `customDomain`, the edge serves the custom gateway host name with its certificate
   */
  readonly edge?: EdgeGatewayOptions;
  /**
   * Named opt-out for trials: the edge has no host name of its own (neither `edge.hostName`
   * nor `customDomain`), so it serves a Key Vault self-signed certificate on the public IP's
   * Azure DNS name, which clients do not trust. Leaves a warning. Nothing is weakened, and the
   * prop has no effect, when the edge has a host name (`edge.hostName` or `customDomain`) or
   * there is no edge (a public gateway, or an edge managed elsewhere).
   * @default false - an edge without a host name fails at synth, naming this prop
   */
  readonly acknowledgeSelfSignedCertificate?: boolean;
  /**
   * Named opt-out: no edge gateway is created because you run your own in front of the gateway
   * (it must be a WAF in Prevention mode). Leaves a warning.
   * @default false
   */
  readonly acknowledgeExternallyManagedEdge?: boolean;
  /**
   * Named opt-out: no network isolation and no edge; the gateway is reachable from the
   * internet directly. Leaves a warning.
   * @default false
   */
  readonly acknowledgePublicGateway?: boolean;
  /**
   * StandardV2 only: close public network access once the private endpoint exists. Azure refuses
   * this when the instance is created, so deploy once with `allowPublicNetworkAccess: true`, then
   * replace it with `closePublicNetworkAccess: true` and apply again.
   * @default false - a StandardV2 platform then needs `allowPublicNetworkAccess` (synth says so)
   */
  readonly closePublicNetworkAccess?: boolean;
  /**
   * Named opt-out, StandardV2 only, for the first apply: keep the gateway's public network
   * access on until its private endpoint exists (Azure refuses to close it on a new instance).
   * Leaves a warning; once applied, replace it with `closePublicNetworkAccess: true`. A
   * StandardV2 platform needs one of the two, so public access never stays on unnoticed.
   * @default false
   */
  readonly allowPublicNetworkAccess?: boolean;
  /**
   * Named opt-out: accept a Premium instance in fewer than two availability zones. Leaves a warning.
   * @default false
   */
  readonly acknowledgeNoZoneRedundancy?: boolean;
  /**
   * Named opt-out: let `terraform destroy` delete the instance, vault, workspace, Application
   * Insights, VNet and edge public IP, and (unless they set their own `allowDestroy`) the app
   * registrations of the ProtectedApis on this platform. Leaves a warning.
   * @default false - those resources carry lifecycle.prevent_destroy
   */
  readonly allowDestroy?: boolean;
  /**
   * Named opt-out: keep the developer portal's username and password sign-in (the built-in
   * "basic" identity) next to Entra ID. Leaves a warning.
   * @default false - username/password sign-in is switched off (portal config `enableBasicAuth: false`)
   */
  readonly allowPortalPasswordSignIn?: boolean;
  /**
   * The oldest management API version accepted.
   * @default '2021-08-01'
   */
  readonly minApiVersion?: string;
  /**
   * An existing Log Analytics workspace for audit logs; its retention is yours to keep at 365
   * days or more (`logRetentionSeconds` is refused with it).
   * @default - a workspace is created
   */
  readonly logAnalyticsWorkspaceId?: string;
  /**
   * Retention of a created workspace, in seconds: whole days (multiples of 86400) from 31536000
   * (365 days) to 63072000 (730 days). Refused with `logAnalyticsWorkspaceId`, whose retention
   * this library does not set.
   * @default 31536000 (365 days)
   */
  readonly logRetentionSeconds?: number;
  /**
   * The Key Vault name, 3 to 24 characters, globally unique.
   * @default - derived from the APIM name
   */
  readonly keyVaultName?: string;
  /**
   * How the deployment agent reaches the vault's data plane, for what Azure Resource Manager
   * cannot create: the edge's self-signed certificate (when `edge.hostName` is not set). The
   * agent is then granted Key Vault Certificates Officer, and what it writes waits for the role
   * to propagate. Secrets (subscription keys) are created through ARM and need no path.
   * @default - none: the platform writes nothing through the data plane, and an option that
   * would (the self-signed edge certificate) fails at synth naming this prop
   */
  readonly keyVaultDeployerAccess?: KeyVaultDeployerAccess;
  /**
   * Seconds to wait after each data-plane role assignment (Key Vault) before the role is used:
   * Azure RBAC takes minutes to propagate after ARM reports the assignment. 0 to 1800.
   * @default 120
   */
  readonly rolePropagationSeconds?: number;
  /**
   * Named opt-out: the platform vault on the standard SKU (software-protected keys) instead of
   * premium (keys in FIPS 140 validated HSMs). Leaves a warning.
   * @default false - the premium SKU
   */
  readonly allowStandardKeyVaultSku?: boolean;
  /**
   * The rotation schedule of the secrets the library writes into the platform vault
   * (subscription keys with `storeSubscriptionKeysInKeyVault`): each expires at the schedule's
   * next rotation date plus the overlap.
   * @default - every 90 days, with 30 days of overlap
   */
  readonly keyVaultSecretRotation?: RotationScheduleProps;
  /**
   * Developer-portal sign-in through an existing app registration (classic tiers), e.g. one
   * kept in a separate Entra ID stack.
   * @default - an app registration (SPA redirect URIs for MSAL-2) and a password are created
   */
  readonly developerPortalSignIn?: DeveloperPortalSignIn;
  /**
   * The rotation schedule of the portal app registration's password (when the platform creates
   * it): rotated at the first apply after each rotation date, created before the old one is
   * destroyed, and valid for the overlap after its rotation date.
   * @default - every 90 days, with 30 days of overlap
   */
  readonly portalSecretRotation?: RotationScheduleProps;
  /**
   * A CORS allow list applied to every API. A ProtectedApi that sets its own `cors` as well
   * is refused at synth (APIM applies only the first cors policy).
   * @default - closed: no cross-origin calls
   */
  readonly cors?: CorsProps;
  /**
   * The per-client-IP rate limit applied to every API (the abuse floor), e.g. `RateLimit.perMinute(600)`.
   * @default RateLimit.perMinute(600)
   */
  readonly clientIpRateLimit?: RateLimit;
  /**
   * A custom domain with a Key Vault certificate.
   * @default - the azure-api.net host names
   */
  readonly customDomain?: CustomDomainOptions;
  /**
   * E-mail addresses of the security responders that the security action group notifies.
   * Set it to your security team: the publisher e-mail is often a shared API-team mailbox.
   * @default - [publisherEmail]
   */
  readonly securityContactEmails?: string[];
  /**
   * Tuning of the security monitoring (receivers, thresholds, per-alert opt-outs, Entra ID logs).
   * The platform supplies the workspace, the instance, the edge and the security contact.
   * @default - every alert with its documented defaults, e-mail to `securityContactEmails`
   */
  readonly monitoring?: SecurityMonitoringOptions;
  /**
   * Named opt-out: create no security monitoring (no action group, no alert). Leaves a warning.
   * @default false
   */
  readonly acknowledgeNoSecurityMonitoring?: boolean;
  /**
   * Also deliver the platform vault's near-expiry and expiry events to a webhook or an Event Hub
   * (automation), besides the security action group: more event subscriptions on the vault's
   * Event Grid system topic.
   * @default - the vault's system topic with one event subscription, to the security action
   * group (Azure Monitor alert destination); the near-expiry log alert as a second path
   */
  readonly keyVaultEventDelivery?: NearExpiryEventDelivery;
  /**
   * Named opt-out: the platform vault's Key Vault events are subscribed centrally (a vault has
   * at most one Event Grid system topic), so the platform creates no system topic and no event
   * subscription on it, only the near-expiry log alert. Leaves a warning; KV-NEAR-EXPIRY-ROUTING
   * is suppressed with it as the reason. The central subscription must exist before the
   * library's secrets are written: Key Vault raises events only for versions created after it.
   * @default false - a system topic on the vault, subscribed to the security action group
   */
  readonly acknowledgeKeyVaultEventsHandledCentrally?: boolean;
  /**
   * Sub-plans of the Defender for Cloud plans the platform turns on.
   * @default - Defender for APIs P1, Key Vault PerKeyVault, Resource Manager PerSubscription
   */
  readonly defenderPlans?: DefenderPlansProps;
  /**
   * Named opt-out: the subscription's Defender plans (per-subscription singletons) are managed
   * centrally, so the platform creates none. Leaves a warning.
   * @default false - the platform turns on Defender for APIs, Key Vault and Resource Manager
   */
  readonly acknowledgeDefenderManagedCentrally?: boolean;
  /**
   * Who operates the platform: an operators group (created, or an existing one) holding the
   * control-plane roles on the instance, the vault and the workspace, active or PIM-eligible,
   * and a Conditional Access policy requiring MFA for its sign-ins to Azure management.
   * @default - a created operators group with API Management Service Operator, Key Vault
   * Administrator and Monitoring Contributor, and an MFA Conditional Access policy (Entra ID P1)
   */
  readonly privilegedAccess?: PrivilegedAccessOptions;
  /**
   * Named opt-out: privileged access to the platform (groups, roles, Conditional Access) is
   * managed centrally, so the platform creates no operators group, role or policy. Leaves a warning.
   * @default false
   */
  readonly acknowledgePrivilegedAccessManagedCentrally?: boolean;
  /**
   * Tags for every resource.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}
