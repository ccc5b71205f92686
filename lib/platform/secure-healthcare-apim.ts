import { Application } from '@cdktf/provider-azuread/lib/application';
import { ApplicationPasswordA } from '@cdktf/provider-azuread/lib/application-password';
import { ApiManagement, ApiManagementConfig } from '@cdktf/provider-azurerm/lib/api-management';
import { ApiManagementCustomDomain } from '@cdktf/provider-azurerm/lib/api-management-custom-domain';
import { ApiManagementIdentityProviderAad } from '@cdktf/provider-azurerm/lib/api-management-identity-provider-aad';
import { ApiManagementLogger } from '@cdktf/provider-azurerm/lib/api-management-logger';
import { ApiManagementPolicy } from '@cdktf/provider-azurerm/lib/api-management-policy';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { DataAzurermKeyVaultSecret } from '@cdktf/provider-azurerm/lib/data-azurerm-key-vault-secret';
import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { ResourceGroupTemplateDeployment } from '@cdktf/provider-azurerm/lib/resource-group-template-deployment';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Fn, ITerraformDependable, Lazy, Token } from 'cdktf';
import { Construct } from 'constructs';
import { invalid } from '../errors';
import { ApimNetwork, ApimNetworkAddressing, ApimNetworkMode, ExistingNetwork } from '../network/apim-network';
import { EdgeGateway, EdgeGatewayOptions } from '../network/edge-gateway';
import { CorsProps, PolicyDocument, PolicyElement, PolicySection, PolicyValue } from '../policy';
import { AuditLogging } from './audit-logging';
import { buildGlobalPolicy, clientIpExpression } from './global-policy';
import { KeyVaultNamedValue } from './key-vault-named-value';
import { warnOptOut } from './opt-out';
import { KeyVaultRole, PlatformKeyVault } from './platform-key-vault';
import { ApimSku, ApimTier } from './sku';
import {
  checkApimName, checkEmail, checkHostName, checkLocation, checkRange, checkResourceGroupName, checkTags, checkText, checkVersionlessSecretId,
} from './validation';

/** The management API version below which calls are refused. */
export const DEFAULT_MIN_API_VERSION = '2021-08-01';

/** Developer-portal sign-in through an existing Entra ID app registration. */
export interface DeveloperPortalSignIn {
  /** The app registration's client (application) id. */
  readonly clientId: string;
  /** Name of the secret in the platform Key Vault that holds the app's client secret (never the secret itself). */
  readonly clientSecretName: string;
}

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
   * Named opt-out: let `terraform destroy` delete the instance, vault and workspace. Leaves a warning.
   * @default false - stateful resources carry lifecycle.prevent_destroy
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
   * An existing Log Analytics workspace for audit logs.
   * @default - a workspace is created
   */
  readonly logAnalyticsWorkspaceId?: string;
  /**
   * Retention of a created workspace, 365 to 730 days.
   * @default 365
   */
  readonly logRetentionDays?: number;
  /**
   * The Key Vault name, 3 to 24 characters, globally unique.
   * @default - derived from the APIM name
   */
  readonly keyVaultName?: string;
  /**
   * Public IPv4 ranges (the deployment agent's egress) allowed through the vault firewall, so
   * Terraform can write the secrets and certificates the platform creates.
   * @default - none: deploy from a network with access to the vault
   */
  readonly keyVaultAllowedIpRanges?: string[];
  /**
   * Whether the identity running Terraform is granted Key Vault Secrets Officer and
   * Certificates Officer on the vault, so it can write what the platform stores there.
   * @default true
   */
  readonly grantDeployerKeyVaultAccess?: boolean;
  /**
   * Developer-portal sign-in through an existing app registration (classic tiers).
   * @default - an app registration is created and its secret stored in the vault
   */
  readonly developerPortalSignIn?: DeveloperPortalSignIn;
  /**
   * A CORS allow list applied to every API.
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
  /** Resources that must exist before Key Vault-backed APIM settings are created. */
  public readonly keyVaultAccess: ITerraformDependable[];
  /** The deployer's Key Vault data-plane roles (empty when `grantDeployerKeyVaultAccess` is false); secrets Terraform writes depend on them. */
  public readonly deployerKeyVaultAccess: ITerraformDependable[];
  /** The network the gateway is isolated in, unless `acknowledgePublicGateway` (or a Basic/Consumption SKU). */
  public readonly network?: ApimNetwork;
  /** The edge gateway, unless the edge is managed elsewhere or the gateway is public. */
  public readonly edge?: EdgeGateway;
  /** The URL of the API Management gateway itself (private when isolated). */
  public readonly apimGatewayUrl: string;

  constructor(scope: Construct, id: string, props: SecureHealthcareApimProps) {
    super(scope, id);
    // --- validation ---
    const name = checkApimName(this, 'name', props.name);
    checkResourceGroupName(this, 'resourceGroupName', props.resourceGroupName);
    checkLocation(this, 'location', props.location);
    checkText(this, 'publisherName', props.publisherName, 100);
    checkEmail(this, 'publisherEmail', props.publisherEmail);
    const tags = checkTags(this, 'tags', props.tags);
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
    if (props.allowDestroy) warnOptOut(this, 'allowDestroy', 'terraform destroy can delete the API Management instance, Key Vault and audit workspace.');
    const preventDestroy = !props.allowDestroy;

    this.sku = sku;
    this.resourceGroupName = props.resourceGroupName;
    this.location = props.location;
    const client = new DataAzurermClientConfig(this, 'Client', {});
    this.tenantId = client.tenantId;

    const mode = this.resolveNetworkMode(sku, props);
    // --- network ---
    if (mode !== undefined) {
      this.network = new ApimNetwork(this, 'Network', {
        apimName: name,
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        mode,
        zones,
        multiUnit: sku.capacity > 1,
        existing: props.existingNetwork,
        ...props.network,
        tags,
      });
    }
    const edgeSubnetId = props.acknowledgeExternallyManagedEdge ? undefined : this.network?.edgeSubnetId;

    // --- audit logging and Key Vault ---
    this.auditLogging = new AuditLogging(this, 'AuditLogging', {
      namePrefix: name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      existingWorkspaceId: props.logAnalyticsWorkspaceId,
      retentionDays: props.logRetentionDays,
      preventDestroy,
      tags,
    });
    this.workspaceId = this.auditLogging.workspaceId;
    this.keyVault = new PlatformKeyVault(this, 'KeyVault', {
      name: props.keyVaultName ?? defaultKeyVaultName(name),
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tenantId: client.tenantId,
      allowedIpRanges: props.keyVaultAllowedIpRanges,
      // The edge reads its listener certificate through the subnet's service endpoint.
      allowedSubnetIds: edgeSubnetId && !props.existingNetwork ? [edgeSubnetId] : undefined,
      preventDestroy,
      tags,
    });
    this.auditLogging.sendResourceLogs('KeyVaultDiagnosticSetting', 'keyvault-to-log-analytics', this.keyVault.vaultId);
    const deployerAccess = (props.grantDeployerKeyVaultAccess ?? true) ? [
      this.keyVault.grant('DeployerSecretsOfficer', client.objectId, KeyVaultRole.SECRETS_OFFICER),
      this.keyVault.grant('DeployerCertificatesOfficer', client.objectId, KeyVaultRole.CERTIFICATES_OFFICER),
    ] : [];
    this.deployerKeyVaultAccess = deployerAccess;

    // --- the instance ---
    const config: ApiManagementConfig = {
      name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      publisherName: props.publisherName,
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
    this.apim = new ApiManagement(this, 'Apim', config);
    this.apimId = this.apim.id;
    this.apimName = this.apim.name;
    this.apimGatewayUrl = this.apim.gatewayUrl;
    if (mode === ApimNetworkMode.PRIVATE_ENDPOINT) {
      this.network!.addApimPrivateEndpoint(this.apim.id);
    } else if (mode !== undefined) {
      this.network!.addInjectedApimDns(Fn.element(this.apim.privateIpAddresses, 0));
    }

    // --- the edge ---
    if (edgeSubnetId !== undefined) {
      const customEdge = props.edge?.hostName === undefined && props.edge?.keyVaultCertificateSecretId === undefined && props.customDomain
        ? { hostName: props.customDomain.gatewayHostName, keyVaultCertificateSecretId: props.customDomain.keyVaultCertificateSecretId }
        : {};
      this.edge = new EdgeGateway(this, 'Edge', {
        ...props.edge,
        ...customEdge,
        namePrefix: name,
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        subnetId: edgeSubnetId,
        backendHostName: `${name}.azure-api.net`,
        keyVault: this.keyVault,
        auditLogging: this.auditLogging,
        deployerKeyVaultAccess: deployerAccess,
        zones: sku.supportsZones ? zones : undefined,
        tags,
      });
    }
    this.gatewayUrl = this.edge?.url ?? this.apimGatewayUrl;
    this.principalId = this.apim.identity.principalId;
    this.clientIpExpression = clientIpExpression(mode !== undefined);

    // --- the instance's access to Key Vault ---
    this.keyVaultAccess = [this.keyVault.grant('ApimSecretsUser', this.principalId, KeyVaultRole.SECRETS_USER)];
    if (props.customDomain) {
      this.keyVaultAccess.push(this.keyVault.grant('ApimCertificateUser', this.principalId, KeyVaultRole.CERTIFICATE_USER));
    }

    const attached = this.auditLogging.attachTo({ id: this.apim.id, name: this.apim.name, resourceGroupName: props.resourceGroupName });
    this.logger = attached.logger;

    // --- developer portal sign-in through Entra ID (classic tiers), username/password off ---
    const entraSignIn = sku.isClassic ? this.configurePortalSignIn(name, props, deployerAccess) : undefined;
    if (sku.tier !== ApimTier.CONSUMPTION) {
      if (props.allowPortalPasswordSignIn) {
        warnOptOut(this, 'allowPortalPasswordSignIn', 'developers can sign in to the developer portal with a username and password instead of Entra ID.',
          ['APIM-PORTAL-SIGN-IN']);
      } else {
        this.disablePortalPasswordSignIn(name, entraSignIn);
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
      behindEdge: mode !== undefined,
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
   * Adds a named value backed by a Key Vault secret, read with the instance's identity.
   * Plaintext secret values are refused.
   */
  public addSecretNamedValue(id: string, name: string, keyVaultSecretId: string): KeyVaultNamedValue {
    const nv = new KeyVaultNamedValue(this, id, {
      apiManagementName: this.apimName,
      resourceGroupName: this.resourceGroupName,
      name,
      keyVaultSecretId,
    });
    nv.namedValue.node.addDependency(...this.keyVaultAccess);
    return nv;
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
      if (sku.tier === ApimTier.STANDARD_V2 && props.existingNetwork.apimSubnetId) {
        invalid(this, 'existingNetwork.apimSubnetId', `is set but ${sku.skuName} is not injected into a subnet`, 'privateEndpointSubnetId for StandardV2');
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
    if (mode === ApimNetworkMode.PRIVATE_ENDPOINT) return { publicNetworkAccessEnabled: !props.closePublicNetworkAccess };
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

  /**
   * Switches off the portal's username/password identity. azurerm has no resource for it, so
   * an ARM deployment sets `portalconfigs/default.enableBasicAuth = false`.
   */
  private disablePortalPasswordSignIn(apimName: string, after: ApiManagementIdentityProviderAad | undefined): void {
    new ResourceGroupTemplateDeployment(this, 'PortalConfig', {
      name: `${apimName}-portal-config`,
      resourceGroupName: this.resourceGroupName,
      deploymentMode: 'Incremental',
      templateContent: JSON.stringify(portalConfigTemplate()),
      parametersContent: JSON.stringify({ serviceName: { value: this.apimName } }),
      dependsOn: [this.apim, ...(after ? [after] : [])],
    });
  }

  private configurePortalSignIn(name: string, props: SecureHealthcareApimProps, deployerAccess: RoleAssignment[]): ApiManagementIdentityProviderAad {
    let clientId: string;
    let clientSecret: string;
    if (props.developerPortalSignIn) {
      clientId = props.developerPortalSignIn.clientId;
      if (!/^[A-Za-z0-9-]{1,127}$/.test(props.developerPortalSignIn.clientSecretName ?? '')) {
        invalid(this, 'developerPortalSignIn.clientSecretName', `'${props.developerPortalSignIn.clientSecretName}' is not a Key Vault secret name`, '1 to 127 letters, digits and hyphens');
      }
      const secret = new DataAzurermKeyVaultSecret(this, 'PortalClientSecret', {
        name: props.developerPortalSignIn.clientSecretName,
        keyVaultId: this.keyVault.vaultId,
        dependsOn: deployerAccess,
      });
      clientSecret = secret.value;
    } else {
      const portalHost = props.customDomain?.developerPortalHostName ?? `${name}.developer.azure-api.net`;
      const app = new Application(this, 'PortalApp', {
        displayName: `${name} developer portal`,
        signInAudience: 'AzureADMyOrg',
        web: { redirectUris: [`https://${portalHost}/signin`] },
      });
      const password = new ApplicationPasswordA(this, 'PortalAppPassword', {
        applicationId: app.id,
        displayName: 'apim-developer-portal',
        endDateRelative: '4320h',
      });
      const stored = new KeyVaultSecret(this, 'PortalClientSecret', {
        name: 'apim-portal-aad-client-secret',
        keyVaultId: this.keyVault.vaultId,
        value: password.value,
        contentType: 'Entra ID client secret',
        expirationDate: password.endDate,
        dependsOn: deployerAccess,
      });
      clientId = app.clientId;
      clientSecret = stored.value;
    }
    return new ApiManagementIdentityProviderAad(this, 'PortalSignIn', {
      apiManagementName: this.apimName,
      resourceGroupName: this.resourceGroupName,
      clientId,
      clientSecret,
      clientLibrary: 'MSAL-2',
      allowedTenants: [this.tenantId],
      signinTenant: this.tenantId,
    });
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

/** The API version of the portal config deployment. */
export const PORTAL_CONFIG_API_VERSION = '2022-08-01';

/**
 * An ARM template that sets the developer portal config: username/password (basic) sign-in
 * off, anonymous users sent to sign-in, no delegation, no portal CORS origins.
 */
export function portalConfigTemplate(): Record<string, unknown> {
  return {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: { serviceName: { type: 'string' } },
    resources: [{
      type: 'Microsoft.ApiManagement/service/portalconfigs',
      apiVersion: PORTAL_CONFIG_API_VERSION,
      name: "[concat(parameters('serviceName'), '/default')]",
      properties: {
        enableBasicAuth: false,
        signin: { require: true },
        signup: { termsOfService: { requireConsent: false } },
        delegation: { delegateRegistration: false, delegateSubscription: false },
        cors: { allowedOrigins: [] },
        csp: { mode: 'disabled', reportUri: [], allowedSources: [] },
      },
    }],
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

/** A Key Vault name from the APIM name: `<name>-kv`, shortened to 24 characters. */
function defaultKeyVaultName(apimName: string): string {
  if (Token.isUnresolved(apimName)) {
    invalid('SecureHealthcareApim', 'keyVaultName', 'cannot be derived from a token name', 'an explicit keyVaultName');
  }
  return `${apimName.slice(0, 21).replace(/-+$/, '')}-kv`.replace(/--+/g, '-');
}
