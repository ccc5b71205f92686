import { Rotating } from '@cdktf/provider-time/lib/rotating';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { ROTATION_SCHEDULE_TYPES } from './prop-types';
import { requireTimeProvider } from './role-grant';
import { checkSecondsAs, checkTypes, DAYS } from '../core/validation';

/** The rotation period of credentials the library writes, in seconds (90 days). */
export const DEFAULT_ROTATION_SECONDS = 90 * 86_400;
/** How long a credential stays valid after its rotation date, in seconds (30 days). */
export const DEFAULT_OVERLAP_SECONDS = 30 * 86_400;

/** Properties of `RotationSchedule`. */
export interface RotationScheduleProps {
  /**
   * Seconds between rotations, whole days (multiples of 86400) from 86400 (1 day) to 31536000
   * (365 days). Terraform replaces the schedule at the first plan after the date, and with it
   * every credential whose `rotate_when_changed` names `rotationId`.
   * @default 7776000 (90 days)
   */
  readonly rotationSeconds?: number;
  /**
   * Seconds a credential stays valid after its rotation date (its expiry is the rotation date
   * plus this), whole days (multiples of 86400) from 86400 (1 day) to 31536000 (365 days): the
   * old credential keeps working while nobody has applied yet, and Key Vault's near-expiry event
   * (30 days before expiry) fires on the rotation date.
   * @default 2592000 (30 days)
   */
  readonly overlapSeconds?: number;
}

/**
 * A rotation schedule for credentials (`time_rotating`), and the expiry that goes with it. The
 * expiry is derived from the schedule's next rotation date, so it is stable from plan to plan
 * (a static date, or `timeadd(timestamp(), …)`, would change every plan) and moves only when
 * the schedule rotates.
 *
 * @example
 * const schedule = new RotationSchedule(this, 'PortalSecretRotation', { rotationSeconds: 90 * 86400, overlapSeconds: 30 * 86400 });
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
  /** Seconds between rotations (whole days). */
  public readonly rotationSeconds: number;
  /** Seconds of overlap after each rotation date (whole days). */
  public readonly overlapSeconds: number;

  constructor(scope: Construct, id: string, props: RotationScheduleProps = {}) {
    super(scope, id);
    checkTypes(this, '', props, ROTATION_SCHEDULE_TYPES);
    // Seconds at the surface; time_rotating takes whole rotation_days.
    this.rotationSeconds = props.rotationSeconds ?? DEFAULT_ROTATION_SECONDS;
    this.overlapSeconds = props.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS;
    const rotationDays = checkSecondsAs(this, 'rotationSeconds', this.rotationSeconds, DAYS, 1, 365);
    const overlapDays = checkSecondsAs(this, 'overlapSeconds', this.overlapSeconds, DAYS, 1, 365);
    this.rotation = new Rotating(this, 'Schedule', { rotationDays });
    requireTimeProvider(this);
    this.rotationId = this.rotation.id;
    this.rotationDate = this.rotation.rotationRfc3339;
    this.expirationDate = Fn.timeadd(this.rotation.rotationRfc3339, `${overlapDays * 24}h`);
  }
}
