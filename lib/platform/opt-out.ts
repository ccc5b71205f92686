import { Annotations } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * Records that a secure default was weakened through a named opt-out: a warning annotation on
 * the construct, shown by every synth, so nothing weakens silently.
 *
 * @param scope the construct whose default is weakened
 * @param optOut the prop the user set, e.g. `allowDestroy`
 * @param consequence what is weaker now, in one sentence
 */
export function warnOptOut(scope: IConstruct, optOut: string, consequence: string): void {
  Annotations.of(scope).addWarning(`[security opt-out: ${optOut}] ${consequence}`);
}
