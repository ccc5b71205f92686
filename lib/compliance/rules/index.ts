import { ComplianceRule, DeployabilityRule, HipaaRule } from '../rule';
import { API_AUTHENTICATION } from './api-authentication';
import { API_HTTPS_ONLY } from './api-https-only';
import { APIM_DIAGNOSTICS } from './apim-diagnostics';
import { APIM_DIRECT_MANAGEMENT } from './apim-direct-management';
import { APIM_MANAGED_IDENTITY } from './apim-managed-identity';
import { APIM_MIN_API_VERSION } from './apim-min-api-version';
import { APIM_NETWORK_ISOLATION } from './apim-network-isolation';
import { APIM_NO_PHI_BODIES } from './apim-no-phi-bodies';
import { APIM_PORTAL_SIGN_IN } from './apim-portal-sign-in';
import { APIM_PUBLIC_NETWORK_ACCESS } from './apim-public-network-access';
import { APIM_SUBSCRIPTION_SCOPE } from './apim-subscription-scope';
import { APIM_WEAK_TLS } from './apim-weak-tls';
import { APPGW_MIN_TLS } from './appgw-min-tls';
import { BACKEND_TLS } from './backend-tls';
import { DEFENDER_FOR_APIS } from './defender-for-apis';
import { DEPLOY_APPGW_DNS_ORDER } from './deploy-appgw-dns-order';
import { DEPLOY_HDS_PRIVATE_ENDPOINT } from './deploy-hds-private-endpoint';
import { DEPLOY_KV_DATA_PLANE } from './deploy-kv-data-plane';
import { DEPLOY_KV_NETWORK_PATH } from './deploy-kv-network-path';
import { DEPLOY_PUBLIC_IP_ZONES } from './deploy-public-ip-zones';
import { DEPLOY_RBAC_PROPAGATION } from './deploy-rbac-propagation';
import { EDGE_DDOS_PROTECTION } from './edge-ddos-protection';
import { ENTRA_ASSIGNMENT_REQUIRED } from './entra-assignment-required';
import { FHIR_AUDIT_LOGS } from './fhir-audit-logs';
import { KV_NETWORK } from './kv-network';
import { KV_PURGE_PROTECTION } from './kv-purge-protection';
import { KV_RBAC } from './kv-rbac';
import { LOG_RETENTION } from './log-retention';
import { MONITOR_ACTION_GROUP } from './monitor-action-group';
import { MONITOR_ADMIN_ACTIVITY_ALERT } from './monitor-admin-activity-alert';
import { MONITOR_FAILED_AUTH_ALERT } from './monitor-failed-auth-alert';
import { NAMED_VALUE_KEY_VAULT } from './named-value-key-vault';
import { NO_PLAINTEXT_SECRETS } from './no-plaintext-secrets';
import { WAF_PRESENT } from './waf-present';
import { WAF_PREVENTION } from './waf-prevention';
import { WAF_RATE_LIMIT } from './waf-rate-limit';

/** The HIPAA rule pack, in report order. */
export const HIPAA_RULES: ReadonlyArray<HipaaRule> = [
  APIM_WEAK_TLS, APIM_MANAGED_IDENTITY, APIM_MIN_API_VERSION, APIM_NETWORK_ISOLATION, APIM_PUBLIC_NETWORK_ACCESS,
  APIM_PORTAL_SIGN_IN, APIM_DIRECT_MANAGEMENT, APIM_DIAGNOSTICS, APIM_NO_PHI_BODIES,
  API_HTTPS_ONLY, API_AUTHENTICATION, APIM_SUBSCRIPTION_SCOPE, BACKEND_TLS, NAMED_VALUE_KEY_VAULT,
  KV_PURGE_PROTECTION, KV_RBAC, KV_NETWORK, LOG_RETENTION,
  WAF_PRESENT, WAF_PREVENTION, APPGW_MIN_TLS,
  EDGE_DDOS_PROTECTION, WAF_RATE_LIMIT,
  NO_PLAINTEXT_SECRETS, ENTRA_ASSIGNMENT_REQUIRED,
  MONITOR_FAILED_AUTH_ALERT, MONITOR_ADMIN_ACTIVITY_ALERT, FHIR_AUDIT_LOGS, MONITOR_ACTION_GROUP, DEFENDER_FOR_APIS,
];

/** The deployability rules (what would break the first apply), in report order. */
export const DEPLOYABILITY_RULES: ReadonlyArray<DeployabilityRule> = [
  DEPLOY_KV_DATA_PLANE, DEPLOY_RBAC_PROPAGATION, DEPLOY_APPGW_DNS_ORDER, DEPLOY_PUBLIC_IP_ZONES, DEPLOY_KV_NETWORK_PATH, DEPLOY_HDS_PRIVATE_ENDPOINT,
];

/** Every rule the aspect runs: the HIPAA pack, then the deployability rules. */
export const ALL_RULES: ReadonlyArray<ComplianceRule> = [...HIPAA_RULES, ...DEPLOYABILITY_RULES];
