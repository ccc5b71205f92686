export { ApimNetwork, ApimNetworkMode } from './apim-network';
export type { ApimNetworkAddressing, ApimNetworkProps, ExistingNetwork } from './apim-network';
export { EdgeGateway } from './edge-gateway';
export type { EdgeGatewayOptions, EdgeGatewayProps } from './edge-gateway';
export {
  EdgeDdosProtection, EdgeTlsPolicy, VirtualNetworkDdosPlan, WafExclusionMatchVariable, WafManagedRuleSet, WafRuleAction, WafSelectorOperator,
} from './edge-protection-options';
export type { WafExclusion, WafExclusionRuleGroup, WafRuleOverride } from './edge-protection-options';
