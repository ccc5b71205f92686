import { RuleCategory } from '../category';
import { block, CheckResult, HipaaRule, isExpression, unknownValue } from '../rule';
import { HipaaSafeguard } from '../safeguard';

/** Headers that carry credentials and must never be logged in clear. */
export const CREDENTIAL_HEADERS = ['authorization', 'ocp-apim-subscription-key', 'cookie', 'set-cookie'];

const PARTS = ['frontend_request', 'frontend_response', 'backend_request', 'backend_response'];

export const APIM_NO_PHI_BODIES: HipaaRule = {
  id: 'APIM-NO-PHI-BODIES',
  category: RuleCategory.HIPAA,
  title: 'API Management diagnostics log no request or response bodies (which carry PHI) and no credential headers',
  safeguard: HipaaSafeguard.AUDIT_CONTROLS,
  control: 'Microsoft cloud security benchmark LT-3 and DP-2 (log for investigation without exposing sensitive data)',
  fix: 'Set body_bytes = 0 in every frontend/backend request/response block and do not list Authorization, Ocp-Apim-Subscription-Key or Cookie in headers_to_log',
  resourceTypes: ['azurerm_api_management_diagnostic', 'azurerm_api_management_api_diagnostic'],
  check(r) {
    let undecided: CheckResult;
    for (const part of PARTS) {
      if (isExpression(r.config[part])) {
        undecided ??= unknownValue(part, r.config[part]);
        continue;
      }
      const p = block(r.config[part]);
      if (!p) continue;
      if (typeof p.body_bytes === 'number' && p.body_bytes > 0) return `logs ${p.body_bytes} bytes of the ${part.replace('_', ' ')} body`;
      if (isExpression(p.body_bytes)) undecided ??= unknownValue(`${part}.body_bytes`, p.body_bytes);
      if (isExpression(p.headers_to_log)) undecided ??= unknownValue(`${part}.headers_to_log`, p.headers_to_log);
      const headers: unknown[] = Array.isArray(p.headers_to_log) ? p.headers_to_log : [];
      const leaked = headers.filter((h) => typeof h === 'string' && CREDENTIAL_HEADERS.includes(h.toLowerCase()));
      if (leaked.length) return `logs the credential header(s) ${leaked.join(', ')} of the ${part.replace('_', ' ')}`;
      const dynamic = headers.find((h) => isExpression(h));
      if (dynamic !== undefined) undecided ??= unknownValue(`${part}.headers_to_log`, dynamic);
    }
    // A known leak anywhere is a finding; otherwise an expression that could leak is unknown.
    return undecided;
  },
};
