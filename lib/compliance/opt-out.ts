import { Annotations } from 'cdktf';
import { IConstruct } from 'constructs';
import { HealthcareCompliance } from './healthcare-compliance';

/**
 * Records that a secure default was weakened through a named opt-out: a warning annotation on
 * the construct, shown by every synth, so nothing weakens silently. When the opt-out makes
 * compliance rules fire, they are suppressed on the construct with the opt-out as the reason,
 * so the evidence report lists the accepted risk instead of failing on it.
 *
 * @param scope the construct whose default is weakened
 * @param optOut the prop the user set, e.g. `allowDestroy`
 * @param consequence what is weaker now, in one sentence
 * @param ruleIds compliance rules the opt-out knowingly violates
 */
export function warnOptOut(scope: IConstruct, optOut: string, consequence: string, ruleIds: string[] = []): void {
  Annotations.of(scope).addWarning(`[security opt-out: ${optOut}] ${consequence}`);
  for (const ruleId of ruleIds) HealthcareCompliance.suppress(scope, ruleId, `Accepted through the named opt-out ${optOut}: ${consequence}`);
}
