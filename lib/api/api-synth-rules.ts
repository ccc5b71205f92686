/** The rules of `ProtectedApi` that span constructs, checked at synth. Internal. */
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { invalidMessage } from '../core/errors';
import { EDGE_MAX_REQUEST_BODY_KB } from '../network/edge-gateway';
import { IHealthcareApimPlatform } from '../platform/healthcare-apim-platform';
import { Cors, PolicyDocument, PolicySection } from '../policy';

/**
 * Adds the checks that depend on other constructs, run at synth once the platform is complete:
 * the body limit against the edge WAF's, and CORS in one scope only.
 */
export function addCrossConstructRules(scope: Construct, platform: IHealthcareApimPlatform, policy: PolicyDocument, maxBody: number): void {
  scope.node.addValidation({
    validate: () => [
      checkBodyLimitAgainstEdge(scope, platform, maxBody),
      checkCorsScopes(scope, platform, policy),
    ].filter((m): m is string => m !== undefined),
  });
}

/**
 * The API must not accept a body the edge WAF refuses: `maxRequestBodyBytes` (which bounds
 * every operation's own limit) at most the platform edge's `maxRequestBodySizeBytes`.
 */
function checkBodyLimitAgainstEdge(scope: Construct, platform: IHealthcareApimPlatform, maxBody: number): string | undefined {
  const edgeBytes = platform.edgeMaxRequestBodyBytes;
  if (edgeBytes === undefined || Token.isUnresolved(maxBody) || Token.isUnresolved(edgeBytes)) return undefined;
  if (maxBody <= edgeBytes) return undefined;
  // The edge limit is a whole number of KB (the provider's unit): round up to the next multiple of 1024.
  const neededBytes = Math.ceil(maxBody / 1024) * 1024;
  const raise = neededBytes <= EDGE_MAX_REQUEST_BODY_KB * 1024
    ? `, or edge.maxRequestBodySizeBytes of at least ${neededBytes} on ${platform.node.path} (up to ${EDGE_MAX_REQUEST_BODY_KB * 1024})` : '';
  return invalidMessage(scope, 'maxRequestBodyBytes',
    `is ${maxBody} bytes, above the edge WAF's limit edge.maxRequestBodySizeBytes = ${edgeBytes} of ${platform.node.path}, `
    + 'so the edge refuses bodies this API accepts',
    `at most ${edgeBytes} bytes${raise}`);
}

/**
 * CORS in one scope only: APIM applies only the first cors policy of a request, so an API
 * allow list behind the platform's global one would never apply (and the two would drift).
 */
function checkCorsScopes(scope: Construct, platform: IHealthcareApimPlatform, policy: PolicyDocument): string | undefined {
  const here = policy.elementsOf(PolicySection.INBOUND).some((e) => e instanceof Cors);
  if (!here || !platform.hasGlobalCors) return undefined;
  return invalidMessage(scope, 'cors',
    `is set on this API while the global policy of ${platform.node.path} has a cors policy too (its cors prop); APIM applies only the first cors policy, `
    + 'so this allow list would never apply',
    'CORS in one place: the platform\'s cors for every API, or this API\'s cors with the platform\'s unset');
}
