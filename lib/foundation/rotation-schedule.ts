import { Rotating } from '@cdktf/provider-time/lib/rotating';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { ROTATION_SCHEDULE_TYPES } from './prop-types';
import { requireTimeProvider } from './role-grant';
import { checkRange } from '../core/azure-names';
import { checkTypes } from '../core/validation';

/** The rotation period of credentials the library writes, in days. */
export const DEFAULT_ROTATION_DAYS = 90;
/** How long a credential stays valid after its rotation date, in days. */
export const DEFAULT_OVERLAP_DAYS = 30;

/** Properties of `RotationSchedule`. */
export interface RotationScheduleProps {
  /**
   * Days between rotations, 1 to 365. Terraform replaces the schedule at the first plan after
   * the date, and with it every credential whose `rotate_when_changed` names `rotationId`.
   * @default 90
   */
  readonly rotationDays?: number;
  /**
   * Days a credential stays valid after its rotation date (its expiry is the rotation date plus
   * this), 1 to 365: the old credential keeps working while nobody has applied yet, and Key
   * Vault's near-expiry event (30 days before expiry) fires on the rotation date.
   * @default 30
   */
  readonly overlapDays?: number;
}

/**
 * A rotation schedule for credentials (`time_rotating`), and the expiry that goes with it. The
 * expiry is derived from the schedule's next rotation date, so it is stable from plan to plan
 * (a static date, or `timeadd(timestamp(), …)`, would change every plan) and moves only when
 * the schedule rotates.
 *
 * @example
 * const schedule = new RotationSchedule(this, 'PortalSecretRotation', { rotationDays: 90, overlapDays: 30 });
 * new ApplicationPasswordA(this, 'Password', {
 *   applicationId: app.id,
 *   rotateWhenChanged: { rotation: schedule.rotationId },
 *   endDate: schedule.expirationDate,
 *   lifecycle: { createBeforeDestroy: true },
 * });
 */
export class RotationSchedule extends Construct {
  /** The `time_rotating` resource. */
  public readonly rotation: Rotating;
  /** Changes at every rotation: put it in a credential's `rotate_when_changed`. */
  public readonly rotationId: string;
  /** The next rotation date (RFC 3339). */
  public readonly rotationDate: string;
  /** The expiry of a credential created now (RFC 3339): the next rotation date plus the overlap. */
  public readonly expirationDate: string;
  /** Days between rotations. */
  public readonly rotationDays: number;
  /** Days of overlap after each rotation date. */
  public readonly overlapDays: number;

  constructor(scope: Construct, id: string, props: RotationScheduleProps = {}) {
    super(scope, id);
    checkTypes(this, '', props, ROTATION_SCHEDULE_TYPES);
    this.rotationDays = checkRange(this, 'rotationDays', props.rotationDays ?? DEFAULT_ROTATION_DAYS, 1, 365);
    this.overlapDays = checkRange(this, 'overlapDays', props.overlapDays ?? DEFAULT_OVERLAP_DAYS, 1, 365);
    this.rotation = new Rotating(this, 'Schedule', { rotationDays: this.rotationDays });
    requireTimeProvider(this);
    this.rotationId = this.rotation.id;
    this.rotationDate = this.rotation.rotationRfc3339;
    this.expirationDate = Fn.timeadd(this.rotation.rotationRfc3339, `${this.overlapDays * 24}h`);
  }
}
