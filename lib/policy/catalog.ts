/**
 * The APIM policy statements a `RawPolicyFragment` may contain, and the sections APIM takes
 * each in. Internal data, read from the "Usage: Policy sections" line of each policy's page in
 * Microsoft's API Management policy reference (learn.microsoft.com/azure/api-management/
 * <name>-policy), and for on-error from "Policies allowed in on-error" in "Error handling in
 * API Management policies", which also lists `trace`.
 *
 * A statement that is not listed is refused: the fragment is an escape hatch for statements
 * the typed model lacks, not a way round the placement rules.
 */
import { ALL_SECTIONS, PolicySection } from './element';

const { INBOUND: IN, BACKEND: BACK, OUTBOUND: OUT, ON_ERROR: ERR } = PolicySection;

/** What a policy statement's children are. */
export enum ChildKind {
  /** Settings of the statement itself (`<value>`, `<set-url>`, ...), not policy statements. */
  SETTINGS = 'settings',
  /** Policy statements, each held to the same rules (`retry`, `wait`, `limit-concurrency`). */
  STATEMENTS = 'statements',
  /** `when` and `otherwise` branches whose children are policy statements (`choose`). */
  BRANCHES = 'branches',
}

/** How APIM takes one policy statement. */
export interface PolicyRule {
  /** The sections the statement may stand in. */
  readonly sections: ReadonlyArray<PolicySection>;
  /** What its child elements are. */
  readonly children: ChildKind;
}

const rule = (sections: ReadonlyArray<PolicySection>, children = ChildKind.SETTINGS): PolicyRule => ({ sections, children });

/** Every statement a raw fragment may contain, by element name. */
export const POLICY_RULES: Readonly<Record<string, PolicyRule>> = {
  // Authentication and authorization
  'authentication-basic': rule([IN]),
  'authentication-certificate': rule([IN]),
  'authentication-managed-identity': rule([IN]),
  'check-header': rule([IN]),
  'ip-filter': rule([IN]),
  'validate-azure-ad-token': rule([IN]),
  'validate-client-certificate': rule([IN]),
  'validate-jwt': rule([IN]),
  // Rate limiting and quotas
  'limit-concurrency': rule(ALL_SECTIONS, ChildKind.STATEMENTS),
  'quota': rule([IN]),
  'quota-by-key': rule([IN]),
  'rate-limit': rule([IN]),
  'rate-limit-by-key': rule([IN]),
  // Content validation: validate-parameters is request-only, validate-headers and
  // validate-status-code response-only.
  'validate-content': rule([IN, OUT, ERR]),
  'validate-headers': rule([OUT, ERR]),
  'validate-parameters': rule([IN]),
  'validate-status-code': rule([OUT, ERR]),
  // Routing
  'forward-request': rule([BACK]),
  'set-backend-service': rule([IN, BACK]),
  // Caching
  'cache-lookup': rule([IN]),
  'cache-lookup-value': rule(ALL_SECTIONS),
  'cache-remove-value': rule(ALL_SECTIONS),
  'cache-store': rule([OUT]),
  'cache-store-value': rule(ALL_SECTIONS),
  // Transformation
  'find-and-replace': rule(ALL_SECTIONS),
  'json-to-xml': rule([IN, OUT, ERR]),
  'mock-response': rule([IN, OUT, ERR]),
  'return-response': rule(ALL_SECTIONS),
  'rewrite-uri': rule([IN]),
  'set-body': rule([IN, BACK, OUT]),
  'set-header': rule(ALL_SECTIONS),
  'set-method': rule([IN, ERR]),
  'set-query-parameter': rule([IN, BACK]),
  'set-status': rule(ALL_SECTIONS),
  'set-variable': rule(ALL_SECTIONS),
  'xml-to-json': rule([IN, OUT, ERR]),
  'xsl-transform': rule([IN, OUT]),
  // Cross-domain: cors is listed so the document can refuse it with a pointer to the typed
  // Cors element, which it keeps first in inbound.
  'cors': rule([IN]),
  // Integration, logging, flow
  'choose': rule(ALL_SECTIONS, ChildKind.BRANCHES),
  'emit-metric': rule(ALL_SECTIONS),
  'include-fragment': rule(ALL_SECTIONS),
  'log-to-eventhub': rule(ALL_SECTIONS),
  'retry': rule(ALL_SECTIONS, ChildKind.STATEMENTS),
  'send-one-way-request': rule(ALL_SECTIONS),
  'send-request': rule(ALL_SECTIONS),
  'trace': rule(ALL_SECTIONS),
  'wait': rule([IN, BACK, OUT], ChildKind.STATEMENTS),
};
