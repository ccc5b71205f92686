/**
 * `SecureHealthcareApim`: the constructor validates the props into a `PlatformPlan`
 * (platform-plan.ts), then runs one build step per job, each in its own file taking
 * `(scope, props, plan, context)`: network, audit logging, instance, vault, identity grants,
 * edge, monitoring, developer portal, custom domain, global policy.
 */
import { ApiManagement } from '@cdktf/provider-azurerm/lib/api-management';
import { ApiManagementLogger } from '@cdktf/provider-azurerm/lib/api-management-logger';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { ResourceGroupTemplateDeployment } from '@cdktf/provider-azurerm/lib/resource-group-template-deployment';
import { dependable, ITerraformDependable } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { onboardPlatformApi } from './api-defender-onboarding';
import { createSecretNamedValue } from './secret-named-value';
import { ApimSku, ApimTier } from '../core/sku';
import { AuditLogging } from '../foundation/audit-logging';
import { KeyVaultNamedValue } from '../foundation/key-vault-named-value';
import { KeyVaultRole, PlatformKeyVault } from '../foundation/platform-key-vault';
import { DefenderPlans } from '../monitoring/defender-plans';
import { KeyVaultExpiryAlerts } from '../monitoring/key-vault-expiry';
import { SecurityMonitoring } from '../monitoring/security-monitoring';
import { ApimNetwork } from '../network/apim-network';
import { EdgeGateway } from '../network/edge-gateway';
import { Cors, PolicyDocument, PolicyElement, PolicySection, PolicyValue } from '../policy';
import { createApimInstance } from './apim-instance';
import { configureCustomDomain } from './custom-domain';
import { configureDeveloperPortal } from './developer-portal';
import { applyGlobalPolicy, clientIpExpression } from './global-policy';
import { IHealthcareApimPlatform, SecretNamedValueOptions } from './healthcare-apim-platform';
import { HealthcareApimPlatformAttributes, ImportedHealthcareApimPlatform } from './imported-platform';
import { grantInstanceVaultAccess, secretReadAccess } from './instance-vault-access';
import { createPlatformAuditLogging } from './platform-audit-logging';
import { createPlatformEdge } from './platform-edge';
import { createPlatformPrivilegedAccess } from './platform-identity';
import { createPlatformDefenderPlans, createPlatformMonitoring } from './platform-monitoring';
import { connectInstanceToNetwork, createPlatformNetwork } from './platform-network';
import { planPlatform } from './platform-plan';
import { createPlatformVault } from './platform-vault';
import { PrivilegedAccess } from './privileged-access';
import { SecureHealthcareApimProps } from './secure-healthcare-apim-props';

export { DEFAULT_MIN_API_VERSION } from './platform-plan';
export type { CustomDomainOptions, SecureHealthcareApimProps } from './secure-healthcare-apim-props';

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
export class SecureHealthcareApim extends Construct implements IHealthcareApimPlatform {
  /**
   * A platform that another stack (or repository) runs, for an API team's stack: `ProtectedApi`
   * and `ConsumerGroup` take it like a platform of this stack, and the stack gets no API
   * Management resource, only data sources that read the instance at plan time. Give the name,
   * resource group and SKU; everything else defaults to what a platform with default props
   * creates (see `HealthcareApimPlatformAttributes`).
   *
   * @example
   * const platform = SecureHealthcareApim.fromPlatformAttributes(stack, 'Platform', {
   *   name: 'contoso-health-apim',
   *   resourceGroupName: 'rg-health',
   *   sku: ApimSku.premium(2),
   * });
   */
  public static fromPlatformAttributes(scope: Construct, id: string, attrs: HealthcareApimPlatformAttributes): IHealthcareApimPlatform {
    return new ImportedHealthcareApimPlatform(scope, id, attrs);
  }

  /** The API Management resource. */
  public readonly apim: ApiManagement;
  /** The API Management resource id. */
  public readonly apimId: string;
  /** The API Management service name (a reference to the instance, so what uses it waits for it). */
  public readonly apimName: string;
  /** The service name as given in `name`, the seed of names derived from it. */
  public readonly apimServiceName: string;
  /** The resource group of the platform. */
  public readonly resourceGroupName: string;
  /** The location of the platform. */
  public readonly location: string;
  /** The SKU in use. */
  public readonly sku: ApimSku;
  /** The URL callers use: the edge's when there is one, else the gateway's (`https://name.azure-api.net`). */
  public readonly callerUrl: string;
  /**
   * The URL callers use.
   * @deprecated use `callerUrl` (the edge's URL when there is one), or `internalGatewayUrl` for the gateway itself
   */
  public readonly gatewayUrl: string;
  /** The principal id of the API Management instance's system-assigned identity (the identity backends and vaults trust). */
  public readonly instancePrincipalId: string;
  /**
   * The principal id of the instance's system-assigned identity.
   * @deprecated use `instancePrincipalId` (the edge has an identity of its own)
   */
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
  /** The id of the Application Insights logger that API diagnostics write to. */
  public readonly apiLoggerId: string;
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
  /** The URL of the API Management gateway itself, behind the edge (private when isolated). */
  public readonly internalGatewayUrl: string;
  /**
   * The URL of the API Management gateway itself.
   * @deprecated use `internalGatewayUrl`
   */
  public readonly apimGatewayUrl: string;
  /**
   * The largest request body the edge WAF lets through, in bytes (`edge.maxRequestBodySizeBytes`).
   * @default - no edge of this platform (managed elsewhere, or a public gateway)
   */
  public readonly edgeMaxRequestBodyBytes?: number;
  /**
   * Whether `allowDestroy` is set: the platform's stateful resources lack prevent_destroy, and
   * so do the app registrations of its ProtectedApis unless they set their own `allowDestroy`.
   */
  public readonly allowDestroy: boolean;
  /** The security monitoring (action group and alerts), unless `acknowledgeNoSecurityMonitoring`. */
  public readonly monitoring?: SecurityMonitoring;
  /** The subscription's Defender plans, unless `acknowledgeDefenderManagedCentrally`. */
  public readonly defenderPlans?: DefenderPlans;
  /**
   * The platform vault's near-expiry routes: its Event Grid system topic, the event subscription
   * to the security action group and the log alert, unless `acknowledgeNoSecurityMonitoring`.
   * Every Key Vault write of the library waits for its `eventRoutes`.
   */
  public readonly keyVaultExpiry?: KeyVaultExpiryAlerts;
  /** The operators group, its roles and its Conditional Access policy, unless `acknowledgePrivilegedAccessManagedCentrally`. */
  public readonly privilegedAccess?: PrivilegedAccess;

  constructor(scope: Construct, id: string, props: SecureHealthcareApimProps) {
    super(scope, id);
    // --- validation, before anything is built ---
    const plan = planPlatform(this, props);
    const { name, sku, mode } = plan;
    this.allowDestroy = props.allowDestroy === true;
    this.sku = sku;
    this.resourceGroupName = props.resourceGroupName;
    this.location = props.location;
    const client = new DataAzurermClientConfig(this, 'Client', {});
    this.tenantId = client.tenantId;

    // --- network and audit logging ---
    this.network = createPlatformNetwork(this, props, plan);
    const edgeSubnetId = props.acknowledgeExternallyManagedEdge ? undefined : this.network?.edgeSubnetId;
    this.auditLogging = createPlatformAuditLogging(this, props, plan);
    this.workspaceId = this.auditLogging.workspaceId;

    // --- the instance ---
    this.apim = createApimInstance(this, props, plan, this.network);
    this.apimId = this.apim.id;
    this.apimName = this.apim.name;
    this.apimServiceName = name;
    this.internalGatewayUrl = this.apim.gatewayUrl;
    this.apimGatewayUrl = this.internalGatewayUrl;
    connectInstanceToNetwork(this.network, mode, this.apim);
    this.instancePrincipalId = this.apim.identity.principalId;
    this.principalId = this.instancePrincipalId;
    this.behindEdge = mode !== undefined;
    this.clientIpExpression = clientIpExpression(this.behindEdge);

    // --- Key Vault, and the instance identity's roles on it ---
    this.keyVault = createPlatformVault(this, props, plan, {
      client, apim: this.apim, network: this.network, edgeSubnetId, auditLogging: this.auditLogging,
    });
    this.keyVaultAccess = grantInstanceVaultAccess(this, this.keyVault, this.instancePrincipalId, props.customDomain).map((g) => g.ready);

    // --- the edge, created once the gateway's private DNS records exist ---
    this.edge = createPlatformEdge(this, props, plan, {
      edgeSubnetId, network: this.network, keyVault: this.keyVault, auditLogging: this.auditLogging,
    });
    this.edgeMaxRequestBodyBytes = this.edge === undefined ? undefined : this.edge.maxRequestBodySizeBytes;
    this.callerUrl = this.edge?.url ?? this.internalGatewayUrl;
    this.gatewayUrl = this.callerUrl;
    this.logger = this.auditLogging.attachTo({
      id: this.apim.id, name: this.apim.name, resourceGroupName: props.resourceGroupName, behindEdge: this.edge !== undefined,
    }).logger;
    this.apiLoggerId = this.logger.id;

    // --- detect and respond: alerts to the security contact, Defender for Cloud ---
    const monitored = createPlatformMonitoring(this, props, {
      name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      workspaceId: this.workspaceId,
      apimId: this.apimId,
      subscriptionId: client.subscriptionId,
      applicationGatewayId: this.edge?.applicationGateway.id,
      ddosProtectedPublicIpId: this.edge?.ddosProtection !== undefined ? this.edge.publicIp.id : undefined,
      apimReportsCapacity: sku.tier !== ApimTier.CONSUMPTION,
      keyVaultId: this.keyVault.vaultId,
      tags: plan.tags,
    });
    this.monitoring = monitored.monitoring;
    this.keyVaultExpiry = monitored.keyVaultExpiry;
    this.writeVaultItemsAfterEventRoutes();
    this.defenderPlans = createPlatformDefenderPlans(this, props);

    // --- privileged access: an operators group with the control-plane roles, MFA by Conditional Access ---
    this.privilegedAccess = createPlatformPrivilegedAccess(this, props, {
      name, apimId: this.apimId, keyVaultId: this.keyVault.vaultId, workspaceId: this.workspaceId,
    });

    // --- developer portal sign-in through Entra ID (classic tiers), username/password off ---
    configureDeveloperPortal(this, props, sku, this.apim,
      { name, apimName: this.apimName, resourceGroupName: props.resourceGroupName, tenantId: this.tenantId });

    // --- custom domain, bound after the identity can read the certificate ---
    if (props.customDomain) configureCustomDomain(this, this.apim, props.customDomain, this.keyVaultAccess);

    // --- global policy ---
    this.globalPolicy = applyGlobalPolicy(this, this.apim, {
      cors: props.cors,
      clientIpCalls: plan.rateLimit.calls,
      clientIpPeriodSeconds: plan.rateLimit.renewalPeriodSeconds,
      keyedLimits: sku.supportsKeyedLimits,
      behindEdge: this.behindEdge,
    });
  }

  /** Whether the global policy has a CORS policy (the `cors` prop, or one added with `addPolicyElements`). */
  public get hasGlobalCors(): boolean {
    return this.globalPolicy.elementsOf(PolicySection.INBOUND).some((e) => e instanceof Cors);
  }

  /** Whether each ProtectedApi onboards itself to Defender for APIs: where the platform manages the Defender plans (not on Consumption). */
  public get onboardsApisToDefender(): boolean {
    return this.defenderPlans !== undefined && this.sku.tier !== ApimTier.CONSUMPTION;
  }

  /** @internal */
  public get _keyVaultId(): string {
    return this.keyVault.vaultId;
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
   * @param options the name, the secret's id (versionless, so rotation is picked up) and, for a
   * secret outside the platform vault, that vault's id
   */
  public addSecretNamedValue(id: string, options: SecretNamedValueOptions): KeyVaultNamedValue {
    return createSecretNamedValue(this, this, id, options,
      () => secretReadAccess(this, this.keyVault, this.instancePrincipalId, this.keyVaultAccess, id, options.keyVaultSecretId, options.keyVaultId));
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
    return onboardPlatformApi(this, this, apiName, after, this.defenderPlans?.api);
  }


  /**
   * Key Vault raises near-expiry events only for item versions created after an event
   * subscription exists: every later data-plane write into the vault (subscription keys,
   * customer-managed keys) waits for the subscriptions, and so does the edge's self-signed
   * certificate, written before the monitoring existed.
   */
  private writeVaultItemsAfterEventRoutes(): void {
    const routes = this.keyVaultExpiry?.eventRoutes ?? [];
    if (routes.length === 0) return;
    this.keyVault._writeAfter(routes);
    const certificate = this.edge?.selfSignedCertificate;
    if (certificate) certificate.dependsOn = [...(certificate.dependsOn ?? []), ...routes.map((r) => dependable(r))];
  }

  /** @internal */
  public _keyVaultSecretWrites(requester: IConstruct, what: string, alternative: string): ITerraformDependable[] {
    return this.keyVault.deployerDataPlaneAccess(requester, what, alternative, KeyVaultRole.SECRETS_OFFICER);
  }

  /** @internal */
  public _keyVaultSecretExpiry(_requester: IConstruct): string {
    return this.keyVault.secretExpirationDate();
  }
}
