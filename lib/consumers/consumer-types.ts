/** The structs of `ConsumerGroupProps`: users, subscriptions and client applications of a consumer group. */

/** An APIM user (developer portal account) added to the group. */
export interface ConsumerUser {
  /** The user's e-mail address; also derives the APIM user id. */
  readonly email: string;
  /** First name, 1 to 100 characters. */
  readonly firstName: string;
  /** Last name, 1 to 100 characters. */
  readonly lastName: string;
}

/** A subscription to the group's product, created pre-approved by the administrator who writes the code. */
export interface ConsumerSubscription {
  /** The subscription id: lowercase letters, digits and single hyphens, 1 to 80 characters. */
  readonly name: string;
  /**
   * The name shown in the portal.
   * @default - the name
   */
  readonly displayName?: string;
  /**
   * E-mail of one of the group's `users` who owns the subscription.
   * @default - owned by the administrator (no developer owner)
   */
  readonly ownerEmail?: string;
}

/** A federated credential that lets a workload sign in as a client application without a secret. */
export interface FederatedCredential {
  /** A name for the credential: letters, digits, `-` and `_`, 1 to 120 characters. */
  readonly name: string;
  /** The https URL of the token issuer, e.g. `https://token.actions.githubusercontent.com`. */
  readonly issuer: string;
  /** The subject of the workload's token, e.g. `repo:contoso/claims:environment:prod`. */
  readonly subject: string;
  /**
   * Audiences accepted in the workload's token.
   * @default ['api://AzureADTokenExchange']
   */
  readonly audiences?: string[];
}

/** A daemon (app-only) caller granted roles on the group's APIs. */
export interface ConsumerClientApplication {
  /** The app registration's display name: letters, digits, spaces, `.`, `_` and `-`, 1 to 120 characters. */
  readonly name: string;
  /**
   * The roles granted to this client: a subset of the group's roles.
   * @default - all of the group's roles
   */
  readonly roles?: string[];
  /**
   * Object id of an existing service principal or managed identity to grant instead of registering an app.
   * @default - an app registration and service principal are created, with no secret
   */
  readonly principalObjectId?: string;
  /**
   * Federated credentials of the created app (workload identity federation; no secret ever exists).
   * Only for a created app.
   * @default - none: add a certificate or federated credential to the app outside this construct
   */
  readonly federatedCredentials?: FederatedCredential[];
}

/** A client application of a consumer group, as created. */
export interface ConsumerClientApplicationAttributes {
  /** The name given in `clientApplications`. */
  readonly name: string;
  /** Object id of the service principal that holds the role grants. */
  readonly principalObjectId: string;
  /**
   * The created app's client id (the `azp`/`appid` in its tokens).
   * @default - none: an existing principal was given, not a created app
   */
  readonly clientId?: string;
  /** The roles granted. */
  readonly roles: string[];
}
