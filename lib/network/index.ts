export { ApimNetwork, ApimNetworkMode } from './apim-network';
export type { ApimNetworkAddressing, ApimNetworkProps, ExistingNetwork } from './apim-network';
export { EdgeGateway } from './edge-gateway';
export type { EdgeGatewayOptions, EdgeGatewayProps } from './edge-gateway';
