/** What a compliance rule protects: a HIPAA safeguard, or the first apply of the stack. */
export enum RuleCategory {
  /** A HIPAA Security Rule technical safeguard (45 CFR 164.312). */
  HIPAA = 'hipaa',
  /**
   * Not a HIPAA safeguard: something that would break the first `cdktf deploy` from a CI
   * runner outside every network the stack creates. Each rule cites the Azure fact behind it.
   */
  DEPLOYABILITY = 'deployability',
}
