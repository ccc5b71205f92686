export { ConsumerGroup, DEFAULT_PRODUCT_TERMS, FEDERATED_TOKEN_AUDIENCE } from './consumer-group';
export type {
  ConsumerGroupProps, ConsumerUser, ConsumerSubscription, ConsumerClientApplication, ConsumerClientApplicationAttributes, FederatedCredential,
} from './consumer-group';
