import { RuleCategory } from '../category';
import { block, blocks, CheckResult, HipaaRule, isExpression, unknownValue } from '../rule';
import { HipaaSafeguard } from '../safeguard';

/** Predefined Application Gateway TLS policies with TLS 1.2 as the minimum. */
export const TLS12_PREDEFINED_POLICIES = ['AppGwSslPolicy20170401S', 'AppGwSslPolicy20220101', 'AppGwSslPolicy20220101S'];

export const APPGW_MIN_TLS: HipaaRule = {
  id: 'APPGW-MIN-TLS',
  category: RuleCategory.HIPAA,
  title: 'Application Gateways accept TLS 1.2 or later only, and plain-HTTP listeners only redirect to HTTPS',
  safeguard: HipaaSafeguard.TRANSMISSION_SECURITY,
  control: 'Azure Policy: Application Gateway should use TLS 1.2 or later (2022 predefined or custom policy); listeners should use HTTPS',
  fix: 'Set ssl_policy { policy_type = "Predefined", policy_name = "AppGwSslPolicy20220101S" } and route HTTP listeners only to a redirect_configuration to HTTPS',
  resourceTypes: ['azurerm_application_gateway'],
  check(r) {
    const tls = tlsVerdict(r.config.ssl_policy);
    if (typeof tls === 'string') return tls;
    const listeners = blocks(r.config.http_listener);
    const plain = listeners.filter((l) => l.protocol === 'Http').map((l) => l.name);
    const routed = blocks(r.config.request_routing_rule).filter((rule) => rule.redirect_configuration_name === undefined);
    const serving = routed.filter((rule) => plain.includes(rule.http_listener_name));
    if (serving.length) return `serves traffic over plain HTTP on listener ${serving.map((s) => s.http_listener_name).join(', ')}`;
    if (tls) return tls;
    const dynamic = listeners.find((l) => isExpression(l.protocol) && routed.some((rule) => rule.http_listener_name === l.name));
    if (dynamic) return unknownValue(`the protocol of listener ${dynamic.name}`, dynamic.protocol);
    return undefined;
  },
};

/** The verdict on the TLS policy alone: a finding, Unknown when an expression decides, or undefined. */
function tlsVerdict(sslPolicy: unknown): CheckResult {
  if (isExpression(sslPolicy)) return unknownValue('ssl_policy', sslPolicy);
  const policy = block(sslPolicy);
  if (!policy) return 'has no ssl_policy, so the default policy (which allows TLS 1.0 on older gateways) applies';
  const { policy_type: type, policy_name: name, min_protocol_version: min } = policy;
  if (isExpression(type)) return unknownValue('ssl_policy.policy_type', type);
  if (type === 'Predefined') {
    if (isExpression(name)) return unknownValue('ssl_policy.policy_name', name);
    if (!TLS12_PREDEFINED_POLICIES.includes(name)) return `uses the predefined policy ${name ?? '(unnamed)'}, which allows TLS older than 1.2`;
    return undefined;
  }
  if (type === 'Custom' || type === 'CustomV2') {
    if (isExpression(min)) return unknownValue('ssl_policy.min_protocol_version', min);
    if (!['TLSv1_2', 'TLSv1_3'].includes(min)) return `sets min_protocol_version ${min ?? 'unset'}`;
    return undefined;
  }
  if (type === undefined && name === undefined) return 'has an ssl_policy without a policy type';
  if (isExpression(name)) return unknownValue('ssl_policy.policy_name', name);
  return undefined;
}
