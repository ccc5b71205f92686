/** Run-time types of `ApimNetwork`'s and `EdgeGateway`'s props (jsii and JavaScript callers can pass anything). Internal. */
import { ApimNetworkMode } from './apim-network-props';
import {
  EdgeDdosProtection, EdgeTlsPolicy, VirtualNetworkDdosPlan, WafExclusionMatchVariable, WafManagedRuleSet, WafRuleAction, WafSelectorOperator,
} from './edge-protection-options';
import { RateLimit } from '../core/rate-limit';
import { T } from '../core/validation';
import { AuditLogging } from '../foundation/audit-logging';
import { PlatformKeyVault } from '../foundation/platform-key-vault';

const TAGS = T.opt(T.map(T.str));
const OPT_STR = T.opt(T.str);

/** ApimNetworkProps (a function: apim-network.ts imports this module before its enum exists). */
export const apimNetworkTypes = () => T.props({
  existing: T.opt(T.props({ virtualNetworkId: T.str, apimSubnetId: OPT_STR, edgeSubnetId: OPT_STR, privateEndpointSubnetId: OPT_STR })),
  apimName: T.str,
  resourceGroupName: T.str,
  location: T.str,
  mode: T.enumOf(Object.values(ApimNetworkMode)),
  zones: T.opt(T.list(T.str)),
  multiUnit: T.opt(T.bool),
  tags: TAGS,
  addressSpace: OPT_STR,
  edgeSubnetCidr: OPT_STR,
  apimSubnetCidr: OPT_STR,
  privateEndpointSubnetCidr: OPT_STR,
  ddosProtectionPlanId: OPT_STR,
  backendAddressPrefixes: T.opt(T.list(T.str)),
  allowDestroy: T.opt(T.bool),
  preventDestroy: T.refused,
});

/** EdgeGatewayProps. */
export const EDGE_GATEWAY_TYPES = T.props({
  hostName: OPT_STR,
  acknowledgeSelfSignedCertificate: T.opt(T.bool),
  keyVaultCertificateSecretId: OPT_STR,
  keyVaultCertificateVaultId: OPT_STR,
  minCapacity: T.opt(T.int),
  maxCapacity: T.opt(T.int),
  maxRequestBodySizeBytes: T.opt(T.int),
  fileUploadLimitBytes: T.opt(T.int),
  requestBodyInspectLimitBytes: T.opt(T.int),
  ddosProtection: T.opt(T.enumOf(Object.values(EdgeDdosProtection))),
  acknowledgeNoDdosProtection: T.opt(T.bool),
  virtualNetworkDdosPlan: T.opt(T.enumOf(Object.values(VirtualNetworkDdosPlan))),
  rateLimit: T.opt(T.instance(RateLimit.isRateLimit, 'a RateLimit over 60 or 300 seconds such as RateLimit.perMinute(1200)')),
  acknowledgeNoEdgeRateLimit: T.opt(T.bool),
  allowedCountries: T.opt(T.list(T.str)),
  blockedCountries: T.opt(T.list(T.str)),
  allowedClientRanges: T.opt(T.list(T.str)),
  blockedClientRanges: T.opt(T.list(T.str)),
  wafExclusions: T.opt(T.list(T.props({
    matchVariable: T.enumOf(Object.values(WafExclusionMatchVariable)),
    selectorMatchOperator: T.enumOf(Object.values(WafSelectorOperator)),
    selector: T.str,
    ruleSet: T.opt(T.enumOf(Object.values(WafManagedRuleSet))),
    ruleGroups: T.opt(T.list(T.props({ ruleGroupName: T.str, ruleIds: T.opt(T.list(T.str)) }))),
  }))),
  wafRuleOverrides: T.opt(T.list(T.props({
    ruleSet: T.opt(T.enumOf(Object.values(WafManagedRuleSet))),
    ruleGroupName: T.str,
    ruleId: T.str,
    enabled: T.opt(T.bool),
    action: T.opt(T.enumOf(Object.values(WafRuleAction))),
  }))),
  acknowledgeWafDetectionMode: T.opt(T.bool),
  wafDetectionModeUntil: OPT_STR,
  tlsPolicy: T.opt(T.enumOf(Object.values(EdgeTlsPolicy))),
  namePrefix: T.str,
  resourceGroupName: T.str,
  location: T.str,
  subnetId: T.str,
  backendHostName: T.str,
  keyVault: T.instance((v) => v instanceof PlatformKeyVault, 'a PlatformKeyVault'),
  auditLogging: T.instance((v) => v instanceof AuditLogging, 'an AuditLogging'),
  backendDnsReadiness: T.opt(T.list(T.any)),
  zones: T.opt(T.list(T.str)),
  allowDestroy: T.opt(T.bool),
  preventDestroy: T.refused,
  tags: TAGS,
});
