import { ApiManagement, ApiManagementConfig } from '@cdktf/provider-azurerm/lib/api-management';
import { ApiManagementCustomDomain } from '@cdktf/provider-azurerm/lib/api-management-custom-domain';
import { ApiManagementLogger } from '@cdktf/provider-azurerm/lib/api-management-logger';
import { ApiManagementPolicy } from '@cdktf/provider-azurerm/lib/api-management-policy';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { ResourceGroupTemplateDeployment } from '@cdktf/provider-azurerm/lib/resource-group-template-deployment';
import { Annotations, Fn, ITerraformDependable, Lazy, TerraformResource, Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { invalid } from '../core/errors';
import { ApimNetwork, ApimNetworkAddressing, ApimNetworkMode, ExistingNetwork } from '../network/apim-network';
import { EdgeGateway, EdgeGatewayOptions } from '../network/edge-gateway';
import { CorsProps, PolicyDocument, PolicyElement, PolicySection, PolicyValue } from '../policy';
import { AuditLogging } from '../foundation/audit-logging';
import { KeyVaultDeployerAccess } from '../foundation/deployer-access';
import { configurePortalSignIn, DeveloperPortalSignIn, disablePortalPasswordSignIn, PortalSignInContext } from './developer-portal';
import { buildGlobalPolicy, clientIpExpression } from './global-policy';
import { checkKeyVaultSecretId, KeyVaultNamedValue } from '../foundation/key-vault-named-value';
import { warnOptOut } from '../compliance/opt-out';
import { KeyVaultRole, PlatformKeyVault } from '../foundation/platform-key-vault';
import { checkMonitoringProps, createPlatformDefenderPlans, createPlatformMonitoring } from './platform-monitoring';
import { IRoleGrant } from '../foundation/role-grant';
import { ApimSku, ApimTier } from '../core/sku';
import {
  checkApimName, checkEmail, checkHostName, checkKeyVaultName, checkLocation, checkRange, checkResourceGroupName, checkTags, checkText,
  checkVersionlessSecretId,
} from '../core/azure-names';
import { asUserProps } from '../core/errors';
import { tfLiteral, tfLiteralMap } from '../core/literal';
import { checkProviderRule } from '../core/provider-rules';
import { checkArray, checkBoolean, checkObject, checkOptionalString } from '../core/validation';
import { DefenderPlans, DefenderPlansProps, onboardApiToDefender } from '../monitoring/defender-plans';
import { SecurityMonitoringOptions } from '../monitoring/options';
import { SecurityMonitoring } from '../monitoring/security-monitoring';

/** The management API version below which calls are refused. */
export const DEFAULT_MIN_API_VERSION = '2021-08-01';

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

/** The per-client-IP abuse floor applied to every API. */
export interface ClientIpRateLimit {
  /** Calls allowed per window for one client IP. */
  readonly calls: number;
  /** Window length in seconds, 1 to 300. */
  readonly renewalPeriodSeconds: number;
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
   * this when the instance is created, so deploy once with `false`, then set `true` and apply again.
   * @default false - the StandardV2 gateway stays publicly reachable (a warning) until set
   */
  readonly closePublicNetworkAccess?: boolean;
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
   * days or more (`logRetentionDays` is refused with it).
   * @default - a workspace is created
   */
  readonly logAnalyticsWorkspaceId?: string;
  /**
   * Retention of a created workspace, 365 to 730 days. Refused with `logAnalyticsWorkspaceId`,
   * whose retention this library does not set.
   * @default 365
   */
  readonly logRetentionDays?: number;
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
   * Developer-portal sign-in through an existing app registration (classic tiers), e.g. one
   * kept in a separate Entra ID stack.
   * @default - an app registration (SPA redirect URIs for MSAL-2) and a password are created
   */
  readonly developerPortalSignIn?: DeveloperPortalSignIn;
  /**
   * A CORS allow list applied to every API. A ProtectedApi that sets its own `cors` as well
   * is refused at synth (APIM applies only the first cors policy).
   * @default - closed: no cross-origin calls
   */
  readonly cors?: CorsProps;
  /**
   * The per-client-IP rate limit applied to every API.
   * @default 600 calls per 60 seconds
   */
  readonly clientIpRateLimit?: ClientIpRateLimit;
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
   * Tags for every resource.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/**
 * The API Management platform for PHI workloads, secure by default: TLS 1.2+ with strong
 * ciphers, managed identity, Key Vault, PHI-safe audit logs, security headers, an abuse
 * floor and one JSON error shape.
 *
 * @example
 * const platform = new SecureHealthcareApim(stack, 'Platform', {
 *   name: 'contoso-health-apim',
 *   resourceGroupName: 'rg-health',
 *   location: 'eastus2',
 *   publisherName: 'Contoso Health',
 *   publisherEmail: 'api-team@contoso-health.example',
 *   // The edge serves your certificate for your host name (no Key Vault data-plane write).
 *   edge: {
 *     hostName: 'api.contoso-health.example',
 *     keyVaultCertificateSecretId: 'https://contoso-certs.vault.azure.net/secrets/api',
 *     keyVaultCertificateVaultId: certificateVaultId,
 *   },
 * });
 */
export class SecureHealthcareApim extends Construct {
  /** The API Management resource. */
  public readonly apim: ApiManagement;
  /** The API Management resource id. */
  public readonly apimId: string;
  /** The API Management service name. */
  public readonly apimName: string;
  /** The resource group of the platform. */
  public readonly resourceGroupName: string;
  /** The location of the platform. */
  public readonly location: string;
  /** The SKU in use. */
  public readonly sku: ApimSku;
  /** The URL clients call: the edge's when there is one, else the gateway's (`https://name.azure-api.net`). */
  public readonly gatewayUrl: string;
  /** The principal id of the instance's system-assigned identity. */
  public readonly principalId: string;
  /** The Entra ID tenant the platform trusts. */
  public readonly tenantId: string;
  /** The audit logging (workspace, Application Insights). */
  public readonly auditLogging: AuditLogging;
  /** The Log Analytics workspace id audit logs go to. */
  public readonly workspaceId: string;
  /** The platform Key Vault. */
  public readonly keyVault: PlatformKeyVault;
  /** The Application Insights logger, for API-level diagnostics. */
  public readonly logger: ApiManagementLogger;
  /** The global policy document; add elements with `addPolicyElements`. */
  public readonly globalPolicy: PolicyDocument;
  /** The APIM expression for the calling client's IP (correct behind the edge gateway). */
  public readonly clientIpExpression: PolicyValue;
  /**
   * Whether callers reach the gateway through an edge (the Application Gateway, or one managed
   * elsewhere) that appends their address to X-Forwarded-For, so `context.Request.IpAddress`
   * is the edge's and IP checks must read `clientIpExpression` instead of using `ip-filter`.
   */
  public readonly behindEdge: boolean;
  /** What Key Vault-backed APIM settings depend on: the instance's vault roles, propagated. */
  public readonly keyVaultAccess: ITerraformDependable[];
  /** The network the gateway is isolated in, unless `acknowledgePublicGateway` (or a Basic/Consumption SKU). */
  public readonly network?: ApimNetwork;
  /** The edge gateway, unless the edge is managed elsewhere or the gateway is public. */
  public readonly edge?: EdgeGateway;
  /** The URL of the API Management gateway itself (private when isolated). */
  public readonly apimGatewayUrl: string;
  /**
   * Whether `allowDestroy` is set: the platform's stateful resources lack prevent_destroy, and
   * so do the app registrations of its ProtectedApis unless they set their own `allowDestroy`.
   */
  public readonly allowDestroy: boolean;
  /** The security monitoring (action group and alerts), unless `acknowledgeNoSecurityMonitoring`. */
  public readonly monitoring?: SecurityMonitoring;
  /** The subscription's Defender plans, unless `acknowledgeDefenderManagedCentrally`. */
  public readonly defenderPlans?: DefenderPlans;

  constructor(scope: Construct, id: string, props: SecureHealthcareApimProps) {
    super(scope, id);
    // --- validation ---
    const name = checkApimName(this, 'name', props.name);
    checkResourceGroupName(this, 'resourceGroupName', props.resourceGroupName);
    checkLocation(this, 'location', props.location);
    checkText(this, 'publisherName', props.publisherName, 100);
    checkProviderRule(this, 'publisherName', props.publisherName, 'azurerm_api_management.publisher_name');
    checkEmail(this, 'publisherEmail', props.publisherEmail, 100);
    checkProviderRule(this, 'publisherEmail', props.publisherEmail, 'azurerm_api_management.publisher_email');
    checkPlatformTypes(this, props);
    checkMonitoringProps(this, props);
    // The platform's own resources get escaped tags; inner constructs get the checked tags and escape them themselves.
    const rawTags = checkTags(this, 'tags', props.tags);
    const tags = tfLiteralMap(rawTags);
    const sku = props.sku ?? ApimSku.premium(2);
    if (!sku.supportsNetworkIsolation) {
      if (!props.acknowledgeNoNetworkIsolation) {
        invalid(this, 'sku', `${sku.skuName} cannot isolate the gateway from the internet, which PHI workloads need`,
          'Developer, Premium, StandardV2 or PremiumV2; or set acknowledgeNoNetworkIsolation: true to accept the risk');
      }
      warnOptOut(this, 'acknowledgeNoNetworkIsolation', `${sku.skuName} exposes the gateway to the internet with no network isolation.`,
        ['APIM-NETWORK-ISOLATION', 'APIM-PUBLIC-NETWORK-ACCESS', 'WAF-PRESENT']);
    }
    const zones = this.resolveZones(sku, props);
    if (props.customDomain) {
      checkHostName(this, 'customDomain.gatewayHostName', props.customDomain.gatewayHostName);
      checkHostName(this, 'customDomain.developerPortalHostName', props.customDomain.developerPortalHostName);
      checkVersionlessSecretId(this, 'customDomain.keyVaultCertificateSecretId', props.customDomain.keyVaultCertificateSecretId);
    }
    const minApiVersion = props.minApiVersion ?? DEFAULT_MIN_API_VERSION;
    if (!Token.isUnresolved(minApiVersion) && !/^20\d\d-\d\d-\d\d(-preview)?$/.test(minApiVersion)) {
      invalid(this, 'minApiVersion', `'${minApiVersion}' is not an API version`, 'a date-formatted version such as 2021-08-01');
    }
    if (!Token.isUnresolved(minApiVersion) && minApiVersion < '2019-12-01') {
      invalid(this, 'minApiVersion', `'${minApiVersion}' allows management API versions Azure Policy flags as insecure`, '2019-12-01 or later');
    }
    const rateLimit = props.clientIpRateLimit ?? { calls: 600, renewalPeriodSeconds: 60 };
    checkRange(this, 'clientIpRateLimit.calls', rateLimit.calls, 1, 1_000_000);
    checkRange(this, 'clientIpRateLimit.renewalPeriodSeconds', rateLimit.renewalPeriodSeconds, 1, 300);
    if (props.keyVaultName !== undefined) checkKeyVaultName(this, 'keyVaultName', props.keyVaultName);
    if (props.logAnalyticsWorkspaceId !== undefined && props.logRetentionDays !== undefined) {
      invalid(this, 'logRetentionDays', 'is set together with logAnalyticsWorkspaceId, whose retention this library does not manage, so it would be ignored',
        'logRetentionDays only for a created workspace; set the retention (365 days or more) on your existing workspace instead');
    }
    if (props.allowDestroy) {
      warnOptOut(this, 'allowDestroy', 'terraform destroy can delete the API Management instance, Key Vault, audit workspace, Application Insights, '
        + 'VNet and edge public IP (clients\' DNS points at it), and the app registrations of the APIs on this platform that do not set allowDestroy: false.');
    }
    const preventDestroy = !props.allowDestroy;
    this.allowDestroy = props.allowDestroy === true;

    this.sku = sku;
    this.resourceGroupName = props.resourceGroupName;
    this.location = props.location;
    const client = new DataAzurermClientConfig(this, 'Client', {});
    this.tenantId = client.tenantId;

    const mode = this.resolveNetworkMode(sku, props);
    // Public IPs are named after the instance: their DNS labels must pass azurerm's rule, checked here under the user's prop.
    if (mode === ApimNetworkMode.CLASSIC_INJECTION) {
      checkProviderRule(this, 'name', name, 'azurerm_public_ip.domain_name_label', 'is the management public IP\'s DNS label');
    }
    if (mode !== undefined && !props.acknowledgeExternallyManagedEdge) {
      checkProviderRule(this, 'name', `${name}-edge`, 'azurerm_public_ip.domain_name_label', 'gives the edge public IP\'s DNS label');
    }
    // --- network ---
    if (mode !== undefined) {
      this.network = asUserProps(this, () => new ApimNetwork(this, 'Network', {
        apimName: name,
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        mode,
        zones,
        multiUnit: sku.capacity > 1,
        existing: props.existingNetwork,
        ...props.network,
        preventDestroy,
        tags: rawTags,
      }), { apimName: 'name', existing: 'existingNetwork', zones: 'zones', tags: 'tags', resourceGroupName: 'resourceGroupName', location: 'location' }, 'network.');
    }
    const edgeSubnetId = props.acknowledgeExternallyManagedEdge ? undefined : this.network?.edgeSubnetId;

    // --- audit logging ---
    this.auditLogging = asUserProps(this, () => new AuditLogging(this, 'AuditLogging', {
      namePrefix: name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      existingWorkspaceId: props.logAnalyticsWorkspaceId,
      retentionDays: props.logRetentionDays,
      preventDestroy,
      tags: rawTags,
    }), { namePrefix: 'name', existingWorkspaceId: 'logAnalyticsWorkspaceId', retentionDays: 'logRetentionDays' });
    this.workspaceId = this.auditLogging.workspaceId;

    // --- the instance ---
    this.apim = new ApiManagement(this, 'Apim', this.instanceConfig(name, sku, zones, minApiVersion, mode, props, preventDestroy, tags));
    this.apimId = this.apim.id;
    this.apimName = this.apim.name;
    this.apimGatewayUrl = this.apim.gatewayUrl;
    if (mode === ApimNetworkMode.PRIVATE_ENDPOINT) {
      this.network!.addApimPrivateEndpoint(this.apim.id);
    } else if (mode !== undefined) {
      this.network!.addInjectedApimDns(Fn.element(this.apim.privateIpAddresses, 0));
    }
    this.principalId = this.apim.identity.principalId;
    this.behindEdge = mode !== undefined;
    this.clientIpExpression = clientIpExpression(this.behindEdge);

    // --- Key Vault: readers through their subnets, the deployer only through a declared path ---
    this.keyVault = asUserProps(this, () => new PlatformKeyVault(this, 'KeyVault', {
      name: props.keyVaultName ?? checkKeyVaultName(this, 'name', defaultKeyVaultName(name)),
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tenantId: client.tenantId,
      deployerObjectId: client.objectId,
      deployerAccess: props.keyVaultDeployerAccess,
      deployerAccessProp: 'keyVaultDeployerAccess',
      readerSubnetIds: this.vaultReaderSubnets(edgeSubnetId),
      readerIpAddresses: this.vaultReaderAddresses(mode, sku),
      rolePropagationSeconds: props.rolePropagationSeconds,
      preventDestroy,
      tags: rawTags,
    }), { name: props.keyVaultName !== undefined ? 'keyVaultName' : 'name', rolePropagationSeconds: 'rolePropagationSeconds', tags: 'tags' });
    this.auditLogging.sendResourceLogs('KeyVaultDiagnosticSetting', 'keyvault-to-log-analytics', this.keyVault.vaultId);
    this.keyVaultAccess = this.grantInstanceVaultAccess(props.customDomain).map((g) => g.ready);

    // --- the edge, created once the gateway's private DNS records exist ---
    if (edgeSubnetId !== undefined) {
      const customEdge = props.edge?.hostName === undefined && props.edge?.keyVaultCertificateSecretId === undefined && props.customDomain
        ? {
          hostName: props.customDomain.gatewayHostName,
          keyVaultCertificateSecretId: props.customDomain.keyVaultCertificateSecretId,
          keyVaultCertificateVaultId: props.customDomain.keyVaultCertificateVaultId,
        }
        : {};
      const fromDomain = Object.keys(customEdge).length > 0;
      this.edge = asUserProps(this, () => new EdgeGateway(this, 'Edge', {
        ...props.edge,
        ...customEdge,
        namePrefix: name,
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        subnetId: edgeSubnetId,
        backendHostName: `${name}.azure-api.net`,
        backendDnsReadiness: this.network?.gatewayDnsReadiness,
        keyVault: this.keyVault,
        auditLogging: this.auditLogging,
        preventDestroy,
        tags: rawTags,
      }), {
        namePrefix: 'name',
        tags: 'tags',
        keyVaultDeployerAccess: 'keyVaultDeployerAccess',
        ...(fromDomain ? {
          hostName: 'customDomain.gatewayHostName',
          keyVaultCertificateSecretId: 'customDomain.keyVaultCertificateSecretId',
          keyVaultCertificateVaultId: 'customDomain.keyVaultCertificateVaultId',
        } : {}),
      }, 'edge.');
    }
    this.gatewayUrl = this.edge?.url ?? this.apimGatewayUrl;

    const attached = this.auditLogging.attachTo({
      id: this.apim.id, name: this.apim.name, resourceGroupName: props.resourceGroupName, behindEdge: this.edge !== undefined,
    });
    this.logger = attached.logger;

    // --- detect and respond: alerts to the security contact, Defender for Cloud ---
    this.monitoring = createPlatformMonitoring(this, props, {
      name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      workspaceId: this.workspaceId,
      apimId: this.apimId,
      subscriptionId: client.subscriptionId,
      applicationGatewayId: this.edge?.applicationGateway.id,
      apimReportsCapacity: sku.tier !== ApimTier.CONSUMPTION,
      tags,
    });
    this.defenderPlans = createPlatformDefenderPlans(this, props);

    // --- developer portal sign-in through Entra ID (classic tiers), username/password off ---
    const portal: PortalSignInContext = {
      name,
      apimName: this.apimName,
      resourceGroupName: props.resourceGroupName,
      tenantId: this.tenantId,
      portalHostName: props.customDomain?.developerPortalHostName ?? `${name}.developer.azure-api.net`,
    };
    const entraSignIn = sku.isClassic ? configurePortalSignIn(this, portal, props.developerPortalSignIn) : undefined;
    if (!sku.isClassic && props.developerPortalSignIn) {
      invalid(this, 'developerPortalSignIn', `is set for ${sku.skuName}, whose developer portal sign-in azurerm does not configure`, 'developerPortalSignIn only with a classic tier');
    }
    if (sku.tier !== ApimTier.CONSUMPTION) {
      if (props.allowPortalPasswordSignIn) {
        warnOptOut(this, 'allowPortalPasswordSignIn', 'developers can sign in to the developer portal with a username and password instead of Entra ID.',
          ['APIM-PORTAL-SIGN-IN']);
      } else {
        disablePortalPasswordSignIn(this, portal, this.apim, entraSignIn);
      }
    }

    // --- custom domain, bound after the identity can read the certificate ---
    if (props.customDomain) this.configureCustomDomain(props.customDomain);

    // --- global policy ---
    this.globalPolicy = buildGlobalPolicy({
      cors: props.cors,
      clientIpCalls: rateLimit.calls,
      clientIpPeriodSeconds: rateLimit.renewalPeriodSeconds,
      keyedLimits: sku.supportsKeyedLimits,
      behindEdge: this.behindEdge,
    });
    new ApiManagementPolicy(this, 'GlobalPolicy', {
      apiManagementId: this.apim.id,
      xmlContent: Lazy.stringValue({ produce: () => this.globalPolicy.toTerraformString() }),
    });
  }

  /**
   * Adds your own elements to the global policy, after the platform's own in that section,
   * so the platform's controls stay in place.
   */
  public addPolicyElements(section: PolicySection, ...elements: PolicyElement[]): void {
    this.globalPolicy.add(section, ...elements);
  }

  /**
   * Adds a named value backed by a Key Vault secret, read with the instance's identity once its
   * role has propagated. Plaintext secret values are refused.
   *
   * @param id the construct id
   * @param name the named value's name, used as `{{name}}` in policies
   * @param keyVaultSecretId the secret's id, versionless so rotation is picked up
   * @param keyVaultId the resource id of the vault holding the secret when it is not the
   * platform vault: the instance is granted Key Vault Secrets User there, and that vault's
   * firewall must let the API Management subnet through
   */
  public addSecretNamedValue(id: string, name: string, keyVaultSecretId: string, keyVaultId?: string): KeyVaultNamedValue {
    checkKeyVaultSecretId(`${this.node.path}/${id}`, 'keyVaultSecretId', keyVaultSecretId);
    const access = keyVaultId === undefined && this.keyVault.holds(keyVaultSecretId)
      ? this.keyVaultAccess
      : [this.keyVault.grantForItem(this, `${id}SecretsUser`, {
        itemId: keyVaultSecretId,
        itemProp: 'keyVaultSecretId',
        otherVaultId: keyVaultId,
        otherVaultProp: `addSecretNamedValue('${id}').keyVaultId`,
        principalId: this.principalId,
        role: KeyVaultRole.SECRETS_USER,
      }).ready];
    return new KeyVaultNamedValue(this, id, {
      apiManagementName: this.apimName,
      resourceGroupName: this.resourceGroupName,
      name,
      keyVaultSecretId,
      dependsOn: access,
    });
  }

  /**
   * Onboards an API of this instance to Microsoft Defender for APIs
   * (`Microsoft.Security/apiCollections`, through a template deployment), after the platform's
   * Defender for APIs plan when it manages one. Every ProtectedApi on a platform that manages
   * the plans onboards itself; call this for other APIs of the instance, or for ProtectedApis
   * when the plans are managed centrally (`acknowledgeDefenderManagedCentrally`). Calling it
   * again for the same API returns the same onboarding.
   *
   * @param apiName the API name (its id in the instance: `ProtectedApi.apiName`, e.g. `patients-v1`)
   * @param after what the onboarding waits for, normally the ProtectedApi (the API must exist)
   */
  public onboardApiToDefender(apiName: string, after?: IConstruct): ResourceGroupTemplateDeployment {
    if (this.sku.tier === ApimTier.CONSUMPTION) {
      invalid(this, 'onboardApiToDefender', `is called for ${this.sku.skuName}, which Defender for APIs does not support`, 'a Developer, Basic, Standard, Premium or v2 instance');
    }
    const id = `DefenderApi-${apiName}`.replace(/[^A-Za-z0-9_-]/g, '-');
    const existing = this.node.tryFindChild(id);
    if (existing instanceof ResourceGroupTemplateDeployment) return existing;
    const dependsOn: ITerraformDependable[] = this.defenderPlans ? [this.defenderPlans.api] : [];
    if (after) dependsOn.push(...after.node.findAll().filter((c): c is TerraformResource => c instanceof TerraformResource && c.terraformResourceType === 'azurerm_api_management_api'));
    return onboardApiToDefender(this, id, { apimName: this.apimName, resourceGroupName: this.resourceGroupName, apiName, dependsOn });
  }

  /** Which network attachment the SKU and opt-outs give, validating the combination; undefined means public. */
  private resolveNetworkMode(sku: ApimSku, props: SecureHealthcareApimProps): ApimNetworkMode | undefined {
    const networkProps = (['network', 'existingNetwork', 'edge', 'acknowledgeExternallyManagedEdge', 'closePublicNetworkAccess'] as const)
      .filter((k) => props[k] !== undefined && props[k] !== false);
    if (!sku.supportsNetworkIsolation || props.acknowledgePublicGateway) {
      const why = props.acknowledgePublicGateway ? 'acknowledgePublicGateway is set' : `${sku.skuName} cannot be isolated`;
      if (networkProps.length) invalid(this, networkProps[0], `is set but ${why}, so no network or edge is created`, `leave ${networkProps[0]} unset, or isolate the gateway`);
      if (props.acknowledgePublicGateway) {
        warnOptOut(this, 'acknowledgePublicGateway', 'the gateway is reachable from the internet directly, with no network isolation and no WAF in front of it.',
          ['APIM-NETWORK-ISOLATION', 'APIM-PUBLIC-NETWORK-ACCESS', 'WAF-PRESENT']);
      }
      return undefined;
    }
    if (props.network && props.existingNetwork) invalid(this, 'network', 'is set together with existingNetwork', 'either addressing for a created network or an existing network');
    if (props.existingNetwork) {
      if (!props.acknowledgeUnmanagedNetworkRules) {
        invalid(this, 'existingNetwork', 'is set without acknowledgeUnmanagedNetworkRules',
          'acknowledgeUnmanagedNetworkRules: true, accepting that the NSG rules and routes of your network are yours to keep right');
      }
      warnOptOut(this, 'acknowledgeUnmanagedNetworkRules', 'the network is managed outside this library; its NSG rules, routes and DDoS protection are not checked.');
      if (!props.acknowledgeExternallyManagedEdge && !props.existingNetwork.edgeSubnetId) {
        invalid(this, 'existingNetwork.edgeSubnetId', 'is missing, so the edge gateway has no subnet',
          'the id of a dedicated Application Gateway subnet, or acknowledgeExternallyManagedEdge: true');
      }
    }
    if (props.acknowledgeExternallyManagedEdge) {
      if (props.edge) invalid(this, 'edge', 'is set together with acknowledgeExternallyManagedEdge', 'edge options only for an edge this library creates');
      warnOptOut(this, 'acknowledgeExternallyManagedEdge', 'no edge gateway is created; a WAF in Prevention mode you manage must front the gateway.', ['WAF-PRESENT']);
    }
    if (sku.tier === ApimTier.STANDARD_V2) {
      if (!props.closePublicNetworkAccess) {
        warnOptOut(this, 'closePublicNetworkAccess', `${sku.skuName} keeps public network access until the private endpoint exists: `
          + 'after the first apply, set closePublicNetworkAccess: true and apply again.', ['APIM-PUBLIC-NETWORK-ACCESS']);
      }
      return ApimNetworkMode.PRIVATE_ENDPOINT;
    }
    if (props.closePublicNetworkAccess !== undefined) {
      invalid(this, 'closePublicNetworkAccess', `is set for ${sku.skuName}, whose injected gateway has no public endpoint to close (Azure rejects the setting)`,
        'closePublicNetworkAccess only with StandardV2');
    }
    return sku.tier === ApimTier.PREMIUM_V2 ? ApimNetworkMode.V2_INJECTION : ApimNetworkMode.CLASSIC_INJECTION;
  }

  /** The instance's network settings for a mode. */
  private networkConfig(mode: ApimNetworkMode | undefined, props: SecureHealthcareApimProps): Partial<ApiManagementConfig> {
    if (mode === undefined) return {};
    if (mode === ApimNetworkMode.PRIVATE_ENDPOINT) {
      const outbound = this.network!.outboundSubnetId;
      if (outbound === undefined) {
        Annotations.of(this).addWarning('existingNetwork.apimSubnetId is not set for StandardV2: the gateway has no outbound VNet integration, '
          + 'so it cannot reach private backends (private endpoints) or the firewalled vault. Give a subnet delegated to Microsoft.Web/serverFarms.');
      }
      return {
        publicNetworkAccessEnabled: !props.closePublicNetworkAccess,
        // Outbound VNet integration: the inbound private endpoint gives no outbound path.
        ...(outbound !== undefined ? { virtualNetworkType: 'External', virtualNetworkConfiguration: { subnetId: outbound } } : {}),
        dependsOn: this.network!.readiness.length ? this.network!.readiness : undefined,
      };
    }
    return {
      virtualNetworkType: 'Internal',
      virtualNetworkConfiguration: { subnetId: this.network!.apimSubnetId! },
      publicIpAddressId: this.network!.managementPublicIp?.id,
      dependsOn: this.network!.readiness.length ? this.network!.readiness : undefined,
    };
  }

  private resolveZones(sku: ApimSku, props: SecureHealthcareApimProps): string[] | undefined {
    if (props.zones !== undefined) {
      if (!sku.supportsZones && props.zones.length > 0) {
        invalid(this, 'zones', `are set for ${sku.skuName}`, 'zones only with a Premium SKU');
      }
      const bad = props.zones.find((z) => !['1', '2', '3'].includes(z));
      if (bad !== undefined) invalid(this, 'zones', `include '${bad}'`, "'1', '2' and '3'");
      if (new Set(props.zones).size !== props.zones.length) invalid(this, 'zones', 'repeat a zone', 'each zone once');
      if (props.zones.length > 0 && sku.capacity % props.zones.length !== 0) {
        invalid(this, 'zones', `(${props.zones.length}) do not divide the capacity ${sku.capacity}`, 'a capacity that is a multiple of the number of zones');
      }
    }
    if (sku.tier !== ApimTier.PREMIUM) return undefined;
    const zones = props.zones ?? (sku.capacity % 3 === 0 ? ['1', '2', '3'] : sku.capacity % 2 === 0 ? ['1', '2'] : []);
    if (zones.length < 2) {
      if (!props.acknowledgeNoZoneRedundancy) {
        invalid(this, 'zones', `give ${sku.skuName} ${zones.length} availability zone(s)`,
          'a Premium capacity of 2 or more spread over at least two zones, or acknowledgeNoZoneRedundancy: true');
      }
      warnOptOut(this, 'acknowledgeNoZoneRedundancy', `${sku.skuName} runs in fewer than two availability zones; a zone outage takes the gateway down.`);
    }
    return zones.length ? zones : undefined;
  }

  /** The `azurerm_api_management` configuration. */
  private instanceConfig(name: string, sku: ApimSku, zones: string[] | undefined, minApiVersion: string, mode: ApimNetworkMode | undefined,
    props: SecureHealthcareApimProps, preventDestroy: boolean, tags: Record<string, string> | undefined): ApiManagementConfig {
    return {
      name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      publisherName: tfLiteral(props.publisherName),
      publisherEmail: props.publisherEmail,
      skuName: sku.skuName,
      zones,
      minApiVersion,
      identity: { type: 'SystemAssigned' },
      protocols: { http2Enabled: true },
      security: strongTlsOnly(),
      ...(sku.isClassic ? {
        signUp: { enabled: false, termsOfService: { enabled: false, consentRequired: false } },
        signIn: { enabled: true },
        tenantAccess: { enabled: false },
      } : {}),
      ...this.networkConfig(mode, props),
      tags,
      lifecycle: { preventDestroy },
    };
  }

  /**
   * Subnets the vault firewall lets through: the instance's own (injection, or StandardV2's
   * outbound integration) and the edge's. Each has the `Microsoft.KeyVault` service endpoint
   * (created networks; an existing network's subnets must have it).
   */
  private vaultReaderSubnets(edgeSubnetId: string | undefined): string[] {
    const subnets = [this.network?.apimSubnetId ?? this.network?.outboundSubnetId, edgeSubnetId];
    return subnets.filter((s): s is string => s !== undefined);
  }

  /**
   * Public addresses the vault firewall lets through: a public classic gateway's static IPs.
   * Consumption and public V2 gateways have none, so Key Vault-backed settings cannot reach the
   * vault from them (a warning).
   */
  private vaultReaderAddresses(mode: ApimNetworkMode | undefined, sku: ApimSku): string[] {
    if (mode !== undefined) return [];
    if (sku.isClassic && sku.tier !== ApimTier.CONSUMPTION) return this.apim.publicIpAddresses;
    Annotations.of(this).addWarning(`${sku.skuName} without network isolation has no subnet or static address the Key Vault firewall can let through: `
      + 'named values and certificates from the platform vault are unreachable for instances created from December 2025 on (no trusted-services bypass).');
    return [];
  }

  /** The instance's roles on the vaults it reads: secrets (named values), and the custom domain's certificate. */
  private grantInstanceVaultAccess(domain: CustomDomainOptions | undefined): IRoleGrant[] {
    const grants = [this.keyVault.grant('ApimSecretsUser', this.principalId, KeyVaultRole.SECRETS_USER)];
    if (domain) {
      const item = {
        itemId: domain.keyVaultCertificateSecretId,
        itemProp: 'customDomain.keyVaultCertificateSecretId',
        otherVaultId: domain.keyVaultCertificateVaultId,
        otherVaultProp: 'customDomain.keyVaultCertificateVaultId',
        principalId: this.principalId,
      };
      grants.push(this.keyVault.grantForItem(this, 'ApimCertificateUser', { ...item, role: KeyVaultRole.CERTIFICATE_USER }));
      if (domain.keyVaultCertificateVaultId !== undefined) {
        grants.push(this.keyVault.grantForItem(this, 'ApimCertificateSecretsUser', { ...item, role: KeyVaultRole.SECRETS_USER }));
      }
    }
    return grants;
  }

  private configureCustomDomain(domain: CustomDomainOptions): void {
    new ApiManagementCustomDomain(this, 'CustomDomain', {
      apiManagementId: this.apim.id,
      gateway: [{
        hostName: domain.gatewayHostName,
        keyVaultCertificateId: domain.keyVaultCertificateSecretId,
        negotiateClientCertificate: domain.negotiateClientCertificate ?? false,
        defaultSslBinding: true,
      }],
      developerPortal: domain.developerPortalHostName ? [{
        hostName: domain.developerPortalHostName,
        keyVaultCertificateId: domain.keyVaultCertificateSecretId,
      }] : undefined,
      dependsOn: this.keyVaultAccess,
    });
  }
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

/** A Key Vault name from the APIM name: `<name>-kv`, shortened to 24 characters. */
function defaultKeyVaultName(apimName: string): string {
  if (Token.isUnresolved(apimName)) {
    invalid('SecureHealthcareApim', 'keyVaultName', 'cannot be derived from a token name', 'an explicit keyVaultName');
  }
  return `${apimName.slice(0, 21).replace(/-+$/, '')}-kv`.replace(/--+/g, '-');
}

/** Run-time types of the platform props (jsii and JavaScript callers can pass anything). */
function checkPlatformTypes(scope: Construct, props: SecureHealthcareApimProps): void {
  checkObject(scope, 'props', props);
  for (const key of ['acknowledgeNoNetworkIsolation', 'acknowledgeUnmanagedNetworkRules', 'acknowledgeExternallyManagedEdge', 'acknowledgePublicGateway',
    'closePublicNetworkAccess', 'acknowledgeNoZoneRedundancy', 'allowDestroy', 'allowPortalPasswordSignIn'] as const) {
    checkBoolean(scope, key, props[key], false);
  }
  for (const key of ['minApiVersion', 'logAnalyticsWorkspaceId', 'keyVaultName'] as const) checkOptionalString(scope, key, props[key]);
  if (props.zones !== undefined) checkArray(scope, 'zones', props.zones);
  for (const key of ['network', 'existingNetwork', 'edge', 'cors', 'clientIpRateLimit', 'customDomain', 'developerPortalSignIn'] as const) {
    if (props[key] !== undefined) checkObject(scope, key, props[key]);
  }
  if (props.customDomain) checkBoolean(scope, 'customDomain.negotiateClientCertificate', props.customDomain.negotiateClientCertificate, false);
}
