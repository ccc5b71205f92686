import { ApplicationGateway } from '@cdktf/provider-azurerm/lib/application-gateway';
import { KeyVaultCertificate } from '@cdktf/provider-azurerm/lib/key-vault-certificate';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { WebApplicationFirewallPolicy } from '@cdktf/provider-azurerm/lib/web-application-firewall-policy';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { DEFAULT_EDGE_MAX_REQUEST_BODY_BYTES, EDGE_MANAGED_RULE_SETS, EDGE_MAX_REQUEST_BODY_KB, planFirewall } from './edge-firewall';
import { EdgeGatewayOptions } from './edge-options';
import { planDdosProtection, planTlsPolicy } from './edge-protection';
import { EdgeDdosProtection, EdgeTlsPolicy, VirtualNetworkDdosPlan } from './edge-protection-options';
import { EDGE_GATEWAY_TYPES } from './prop-types';
import { planPreventDestroy, warnOptOut } from '../compliance/opt-out';
import { checkHostName, checkLocation, checkResourceGroupName, checkVersionlessSecretId } from '../core/azure-names';
import { invalid } from '../core/errors';
import { tfLiteralMap } from '../core/literal';
import { checkProviderRule } from '../core/provider-rules';
import { RateLimit } from '../core/rate-limit';
import { checkHost, checkTags, checkTypes } from '../core/validation';
import { AuditLogging } from '../foundation/audit-logging';
import { KeyVaultRole, PlatformKeyVault } from '../foundation/platform-key-vault';

export { DEFAULT_EDGE_MAX_REQUEST_BODY_BYTES, EDGE_MANAGED_RULE_SETS, EDGE_MAX_REQUEST_BODY_KB };
export type { EdgeGatewayOptions };

/** The default predefined TLS policy of the edge: TLS 1.2 minimum, strong ECDHE/GCM ciphers only. */
export const EDGE_SSL_POLICY: string = EdgeTlsPolicy.TLS12_STRICT_2022;
/** The zones Azure stores for a zone-redundant Standard public IP. */
export const ZONE_REDUNDANT: ReadonlyArray<string> = ['1', '2', '3'];
/** The APIM health endpoint the gateway probes. */
export const APIM_HEALTH_PATH = '/status-0123456789abcdef';

/** Properties of `EdgeGateway`. */
export interface EdgeGatewayProps extends EdgeGatewayOptions {
  /** A name prefix for the edge resources (the APIM name). */
  readonly namePrefix: string;
  /** The resource group. */
  readonly resourceGroupName: string;
  /** The location. */
  readonly location: string;
  /** The dedicated Application Gateway subnet. */
  readonly subnetId: string;
  /** The API Management gateway host name the edge forwards to, resolved privately in the VNet. */
  readonly backendHostName: string;
  /** The vault holding the listener certificate. */
  readonly keyVault: PlatformKeyVault;
  /** Where the gateway's access and firewall logs go. */
  readonly auditLogging: AuditLogging;
  /**
   * What must exist before the gateway resolves its backend: the private DNS records (and zone
   * links) of the internal gateway. Application Gateway caches a failed lookup, so it is
   * created only after them.
   * @default - none
   */
  readonly backendDnsReadiness?: ITerraformDependable[];
  /**
   * What is known of the DDoS Network Protection plan of `subnetId`'s VNet. With a plan the
   * edge IP inherits it by default instead of getting DDoS IP Protection of its own; without one
   * `ddosProtection: VIRTUAL_NETWORK_PLAN` is refused; when unknown it is kept with a warning.
   * @default VirtualNetworkDdosPlan.UNKNOWN
   */
  readonly virtualNetworkDdosPlan?: VirtualNetworkDdosPlan;
  /**
   * Named opt-out for trials: without `hostName`, the edge serves a self-signed Key Vault
   * certificate on the public IP's Azure DNS name, which clients do not trust (they must skip
   * certificate validation or pin it). Leaves a warning. Refused together with `hostName`.
   * @default false - without `hostName` synth fails, naming this prop and the alternative
   */
  readonly acknowledgeSelfSignedCertificate?: boolean;
  /**
   * Availability zones of the gateway. The public IP is zone-redundant (1, 2, 3) whenever the
   * gateway is zonal: Azure stores a zone-redundant IP as 1, 2, 3, so any other list would
   * force its replacement on every later plan.
   * @default ['1', '2', '3']
   */
  readonly zones?: string[];
  /**
   * Named opt-out: the public IP loses lifecycle.prevent_destroy, so `terraform destroy` can
   * delete it, and clients' DNS records point at its address, which a new IP does not keep.
   * Leaves a warning, unless the enclosing platform's own `allowDestroy` already did.
   * @default false - the public IP carries lifecycle.prevent_destroy
   */
  readonly allowDestroy?: boolean;
  /**
   * Tags for every resource.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/**
 * The internet edge in front of API Management: an Application Gateway WAF_v2 on a public IP
 * with DDoS IP Protection (or the VNet's DDoS Network Protection plan), a WAF policy in
 * Prevention mode whose custom rules (IP and country access lists, then a per-client-IP rate
 * limit) run before the managed rules (Microsoft default rule set 2.1 and the bot manager,
 * with typed exclusions and per-rule overrides), request body inspection and limits,
 * PHI-scrubbed WAF logs, TLS 1.2+ with the 2022 strong policy (or TLS 1.3 only), an HTTPS
 * listener whose certificate comes from Key Vault, HTTP redirected to HTTPS, and a health
 * probe on APIM's status endpoint.
 *
 * A building block of `SecureHealthcareApim`: its props follow the platform's needs and may
 * change in any release, after 1.0 too.
 * @experimental
 */
export class EdgeGateway extends Construct {
  /** The Application Gateway. */
  public readonly applicationGateway: ApplicationGateway;
  /** The WAF policy. */
  public readonly firewallPolicy: WebApplicationFirewallPolicy;
  /** The public IP. */
  public readonly publicIp: PublicIp;
  /** The identity the gateway reads its certificate with. */
  public readonly identity: UserAssignedIdentity;
  /** The host name clients call. */
  public readonly hostName: string;
  /** The URL clients call, e.g. `https://api.contoso-health.example`. */
  public readonly url: string;
  /** The self-signed certificate, when no host name was given. */
  public readonly selfSignedCertificate?: KeyVaultCertificate;
  /** The largest request body the WAF accepts, in bytes (APIs behind the edge must not accept more). */
  public readonly maxRequestBodySizeBytes: number;
  /** How the public IP is protected from DDoS attacks; undefined after `acknowledgeNoDdosProtection`. */
  public readonly ddosProtection?: EdgeDdosProtection;
  /** The per-client-IP rate limit the WAF applies (the default resolved); undefined after `acknowledgeNoEdgeRateLimit`. */
  public readonly rateLimit?: RateLimit;

  constructor(scope: Construct, id: string, props: EdgeGatewayProps) {
    super(scope, id);
    // --- validation ---
    checkTypes(this, '', props, EDGE_GATEWAY_TYPES);
    checkResourceGroupName(this, 'resourceGroupName', props.resourceGroupName);
    checkLocation(this, 'location', props.location);
    checkHost(this, 'backendHostName', props.backendHostName);
    checkProviderRule(this, 'namePrefix', `agw-${props.namePrefix}`, 'azurerm_application_gateway.name', 'gives the Application Gateway\'s name');
    // Tags reach Terraform as literals (`${` and `%{` escaped).
    const tags = tfLiteralMap(checkTags(this, 'tags', props.tags));
    const minCapacity = checkProviderRule(this, 'minCapacity', props.minCapacity ?? 2, 'azurerm_application_gateway.autoscale_configuration.min_capacity');
    const maxCapacity = checkProviderRule(this, 'maxCapacity', props.maxCapacity ?? 10, 'azurerm_application_gateway.autoscale_configuration.max_capacity');
    if (maxCapacity < minCapacity) invalid(this, 'maxCapacity', `(${maxCapacity}) is below minCapacity (${minCapacity})`, 'a maximum at least the minimum');
    const firewall = planFirewall(this, props, new Date());
    this.maxRequestBodySizeBytes = props.maxRequestBodySizeBytes ?? DEFAULT_EDGE_MAX_REQUEST_BODY_BYTES;
    this.rateLimit = firewall.rateLimit;
    const ddos = planDdosProtection(this, props);
    this.ddosProtection = ddos.protection;
    const sslPolicy = planTlsPolicy(this, props.tlsPolicy);
    if (props.hostName !== undefined && props.keyVaultCertificateSecretId === undefined) {
      invalid(this, 'keyVaultCertificateSecretId', `is missing for host name '${props.hostName}'`, 'the versionless secret id of a Key Vault certificate for that host name');
    }
    if (props.keyVaultCertificateSecretId !== undefined && props.hostName === undefined) {
      invalid(this, 'hostName', 'is missing for the given certificate', 'the host name the certificate was issued for');
    }
    checkHostName(this, 'hostName', props.hostName);
    if (props.acknowledgeSelfSignedCertificate && props.hostName !== undefined) {
      invalid(this, 'acknowledgeSelfSignedCertificate', `is set together with hostName '${props.hostName}', whose certificate you give`, 'one of them');
    }
    const secretId = checkVersionlessSecretId(this, 'keyVaultCertificateSecretId', props.keyVaultCertificateSecretId);
    const zones = props.zones ?? ['1', '2', '3'];
    const preventDestroy = planPreventDestroy(this, props, `terraform destroy can delete the edge public IP pip-${props.namePrefix}-edge, whose address clients' DNS records point at (a new IP has another).`);
    const { namePrefix: prefix, resourceGroupName, location } = props;

    // --- public IP and identity ---
    this.publicIp = new PublicIp(this, 'PublicIp', {
      name: `pip-${prefix}-edge`,
      resourceGroupName,
      location,
      sku: 'Standard',
      allocationMethod: 'Static',
      domainNameLabel: checkProviderRule(this, 'namePrefix', `${prefix}-edge`, 'azurerm_public_ip.domain_name_label'),
      zones: zones.length > 0 ? [...ZONE_REDUNDANT] : undefined,
      tags,
      ddosProtectionMode: ddos.mode,
      lifecycle: { preventDestroy },
    });
    this.identity = new UserAssignedIdentity(this, 'Identity', { name: `id-${prefix}-edge`, resourceGroupName, location, tags });
    // The gateway reads its certificate while it is being created: it waits for the role.
    const certificateAccess = props.keyVault.grantForItem(this, 'EdgeSecretsUser', {
      itemId: secretId ?? props.keyVault.vaultUri,
      itemProp: 'keyVaultCertificateSecretId',
      otherVaultId: props.keyVaultCertificateVaultId,
      otherVaultProp: 'keyVaultCertificateVaultId',
      principalId: this.identity.principalId,
      role: KeyVaultRole.SECRETS_USER,
    });

    // --- certificate ---
    let certificateSecretId: string;
    if (secretId !== undefined) {
      certificateSecretId = secretId;
      this.hostName = props.hostName!;
    } else {
      if (props.keyVaultCertificateVaultId !== undefined) {
        invalid(this, 'keyVaultCertificateVaultId', 'is set without keyVaultCertificateSecretId', 'the vault of a certificate you give, or neither');
      }
      if (!props.acknowledgeSelfSignedCertificate) {
        invalid(this, 'acknowledgeSelfSignedCertificate', 'is not set and no hostName is given, so the edge would serve a self-signed certificate that clients do not trust',
          'hostName with keyVaultCertificateSecretId (a certificate for your host name), or acknowledgeSelfSignedCertificate: true for a trial');
      }
      const writable = props.keyVault.deployerDataPlaneAccess(this, "the edge's self-signed certificate (edge.hostName is not set)",
        'edge.hostName with edge.keyVaultCertificateSecretId, a certificate you manage (no data-plane write)', KeyVaultRole.CERTIFICATES_OFFICER);
      warnOptOut(this, 'acknowledgeSelfSignedCertificate', 'no custom host name: the edge serves a Key Vault self-signed certificate that clients will not trust; '
        + 'set edge.hostName and edge.keyVaultCertificateSecretId before real traffic.');
      this.hostName = this.publicIp.fqdn;
      this.selfSignedCertificate = new KeyVaultCertificate(this, 'SelfSignedCertificate', {
        name: 'edge-self-signed',
        keyVaultId: props.keyVault.vaultId,
        certificatePolicy: {
          issuerParameters: { name: 'Self' },
          keyProperties: { exportable: true, keyType: 'RSA', keySize: 2048, reuseKey: false },
          secretProperties: { contentType: 'application/x-pkcs12' },
          lifetimeAction: [{ action: { actionType: 'AutoRenew' }, trigger: { daysBeforeExpiry: 30 } }],
          x509CertificateProperties: {
            subject: `CN=${this.publicIp.fqdn}`,
            subjectAlternativeNames: { dnsNames: [this.publicIp.fqdn] },
            keyUsage: ['digitalSignature', 'keyEncipherment'],
            extendedKeyUsage: ['1.3.6.1.5.5.7.3.1'],
            validityInMonths: 12,
          },
        },
        dependsOn: writable,
        tags,
      });
      certificateSecretId = this.selfSignedCertificate.versionlessSecretId;
    }
    this.url = `https://${this.hostName}`;

    // --- WAF policy ---
    this.firewallPolicy = new WebApplicationFirewallPolicy(this, 'FirewallPolicy', {
      name: `waf-${prefix}`,
      resourceGroupName,
      location,
      // Custom rules (access lists, then the rate limit) run before the managed rules.
      customRules: firewall.customRules.length ? firewall.customRules : undefined,
      managedRules: firewall.managedRules,
      policySettings: {
        enabled: true,
        mode: firewall.mode,
        requestBodyCheck: true,
        requestBodyEnforcement: true,
        requestBodyInspectLimitInKb: firewall.requestBodyInspectLimitKb,
        maxRequestBodySizeInKb: firewall.maxRequestBodySizeKb,
        fileUploadEnforcement: true,
        fileUploadLimitInMb: firewall.fileUploadLimitMb,
        // WAF logs record matched values; scrub everything that can carry PHI or credentials.
        logScrubbing: {
          enabled: true,
          rule: [
            { matchVariable: 'RequestHeaderNames', selectorMatchOperator: 'Equals', selector: 'Authorization' },
            { matchVariable: 'RequestHeaderNames', selectorMatchOperator: 'Equals', selector: 'Ocp-Apim-Subscription-Key' },
            { matchVariable: 'RequestCookieNames', selectorMatchOperator: 'EqualsAny' },
            { matchVariable: 'RequestArgNames', selectorMatchOperator: 'EqualsAny' },
            { matchVariable: 'RequestPostArgNames', selectorMatchOperator: 'EqualsAny' },
            { matchVariable: 'RequestJSONArgNames', selectorMatchOperator: 'EqualsAny' },
          ].map((r) => ({ enabled: true, ...r })),
        },
      },
      tags,
    });

    // --- the gateway ---
    const names = {
      ipConfig: 'gateway-ip',
      frontend: 'public',
      https: 'https',
      http: 'http',
      pool: 'apim',
      settings: 'apim-https',
      probe: 'apim-status',
      cert: 'edge-tls',
      redirect: 'http-to-https',
    };
    this.applicationGateway = new ApplicationGateway(this, 'ApplicationGateway', {
      name: `agw-${prefix}`,
      resourceGroupName,
      location,
      zones,
      enableHttp2: true,
      sku: { name: 'WAF_v2', tier: 'WAF_v2' },
      autoscaleConfiguration: { minCapacity, maxCapacity },
      firewallPolicyId: this.firewallPolicy.id,
      forceFirewallPolicyAssociation: true,
      identity: { type: 'UserAssigned', identityIds: [this.identity.id] },
      sslPolicy,
      gatewayIpConfiguration: [{ name: names.ipConfig, subnetId: props.subnetId }],
      frontendIpConfiguration: [{ name: names.frontend, publicIpAddressId: this.publicIp.id }],
      frontendPort: [{ name: names.https, port: 443 }, { name: names.http, port: 80 }],
      sslCertificate: [{ name: names.cert, keyVaultSecretId: certificateSecretId }],
      httpListener: [
        {
          name: names.https,
          frontendIpConfigurationName: names.frontend,
          frontendPortName: names.https,
          protocol: 'Https',
          sslCertificateName: names.cert,
          ...(props.hostName ? { hostName: props.hostName, requireSni: true } : {}),
        },
        { name: names.http, frontendIpConfigurationName: names.frontend, frontendPortName: names.http, protocol: 'Http' },
      ],
      backendAddressPool: [{ name: names.pool, fqdns: [props.backendHostName] }],
      probe: [{
        name: names.probe,
        protocol: 'Https',
        host: props.backendHostName,
        path: APIM_HEALTH_PATH,
        interval: 30,
        timeout: 30,
        unhealthyThreshold: 3,
        match: { statusCode: ['200-399'] },
      }],
      backendHttpSettings: [{
        name: names.settings,
        port: 443,
        protocol: 'Https',
        hostName: props.backendHostName,
        cookieBasedAffinity: 'Disabled',
        requestTimeout: 60,
        probeName: names.probe,
      }],
      redirectConfiguration: [{
        name: names.redirect,
        redirectType: 'Permanent',
        targetListenerName: names.https,
        includePath: true,
        includeQueryString: true,
      }],
      requestRoutingRule: [
        {
          name: names.https,
          ruleType: 'Basic',
          priority: 100,
          httpListenerName: names.https,
          backendAddressPoolName: names.pool,
          backendHttpSettingsName: names.settings,
        },
        { name: names.http, ruleType: 'Basic', priority: 200, httpListenerName: names.http, redirectConfigurationName: names.redirect },
      ],
      dependsOn: [certificateAccess.ready, ...(this.selfSignedCertificate ? [this.selfSignedCertificate] : []), ...(props.backendDnsReadiness ?? [])],
      tags,
    });
    props.auditLogging.sendResourceLogs('EdgeDiagnosticSetting', 'edge-to-log-analytics', this.applicationGateway.id);
  }
}
