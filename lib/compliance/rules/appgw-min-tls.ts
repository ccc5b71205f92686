import { RuleCategory } from '../category';
import { block, blocks, HipaaRule } from '../rule';
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
    const policy = block(r.config.ssl_policy);
    if (!policy) return 'has no ssl_policy, so the default policy (which allows TLS 1.0 on older gateways) applies';
    if (policy.policy_type === 'Predefined' && !TLS12_PREDEFINED_POLICIES.includes(policy.policy_name)) return `uses the predefined policy ${policy.policy_name ?? '(unnamed)'}, which allows TLS older than 1.2`;
    if ((policy.policy_type === 'Custom' || policy.policy_type === 'CustomV2') && !['TLSv1_2', 'TLSv1_3'].includes(policy.min_protocol_version)) {
      return `sets min_protocol_version ${policy.min_protocol_version ?? 'unset'}`;
    }
    if (policy.policy_type === undefined && policy.policy_name === undefined) return 'has an ssl_policy without a policy type';
    const plain = blocks(r.config.http_listener).filter((l) => l.protocol === 'Http').map((l) => l.name);
    const serving = blocks(r.config.request_routing_rule)
      .filter((rule) => plain.includes(rule.http_listener_name) && rule.redirect_configuration_name === undefined);
    if (serving.length) return `serves traffic over plain HTTP on listener ${serving.map((s) => s.http_listener_name).join(', ')}`;
    return undefined;
  },
};
