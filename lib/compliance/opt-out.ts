import { Annotations } from 'cdktf';
import { IConstruct } from 'constructs';
import { HealthcareCompliance } from './healthcare-compliance';
import { invalid } from '../core/errors';

/** The opt-outs recorded on each construct, so an enclosing construct's opt-out can cover its building blocks. */
const RECORDED = new WeakMap<IConstruct, Set<string>>();

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
  RECORDED.set(scope, (RECORDED.get(scope) ?? new Set<string>()).add(optOut));
}

/** Whether a construct enclosing `scope` recorded `optOut` (through `warnOptOut`). */
export function isOptOutRecordedAbove(scope: IConstruct, optOut: string): boolean {
  for (let s = scope.node.scope; s !== undefined; s = s.node.scope) {
    if (RECORDED.get(s)?.has(optOut)) return true;
  }
  return false;
}

/**
 * The `allowDestroy` opt-out of a building block: whether its stateful resources keep
 * lifecycle.prevent_destroy (unless `allowDestroy` is true). Setting it warns on `scope` with
 * `consequence`, once: a construct enclosing it that recorded its own `allowDestroy` (the
 * platform, whose warning names every resource it covers) already warned for it. The
 * `preventDestroy` prop these building blocks took before is refused, so a JavaScript caller's
 * old `preventDestroy: false` never passes unnoticed.
 */
export function planPreventDestroy(scope: IConstruct, props: { readonly allowDestroy?: boolean }, consequence: string): boolean {
  const old = (props as { readonly preventDestroy?: unknown }).preventDestroy;
  if (old !== undefined) {
    invalid(scope, 'preventDestroy', 'is no longer a prop', 'allowDestroy: true to drop lifecycle.prevent_destroy (a warning); leave both unset to keep it');
  }
  if (props.allowDestroy !== true) return true;
  if (!isOptOutRecordedAbove(scope, 'allowDestroy')) warnOptOut(scope, 'allowDestroy', consequence);
  return false;
}
