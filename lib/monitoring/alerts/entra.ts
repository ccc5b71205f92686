import { KqlAggregate, KqlPredicate, KqlQuery } from '../kql';
import { SIGNIN_LOGS } from '../tables';
import { ResolvedTuning } from '../tuning';
import { LogAlertDefinition } from './log-alert';

/** Defaults: at least 20 failed sign-ins for one client app and resource in 15 minutes, severity 2. */
export const FAILED_SIGN_INS_DEFAULTS: ResolvedTuning = { threshold: 20, windowMinutes: 15, frequencyMinutes: 5, severity: 2 };

/**
 * Failed Entra ID sign-ins (`ResultType` other than "0") by client app and resource: password
 * spraying or a misconfigured client against the API app registrations. With app ids, only
 * sign-ins where one of them is the client (`AppId`) or the resource (`ResourceIdentity`) count.
 */
export function failedSignIns(t: ResolvedTuning, appIds: string[]): LogAlertDefinition {
  let query = KqlQuery.from(SIGNIN_LOGS).where(KqlPredicate.compare('ResultType', '!=', '0'));
  if (appIds.length > 0) query = query.where(KqlPredicate.anyOf(KqlPredicate.inList('AppId', appIds), KqlPredicate.inList('ResourceIdentity', appIds)));
  query = query
    .summarize([KqlAggregate.count('FailedSignIns'), KqlAggregate.dcount('DistinctUsers', 'UserPrincipalName'), KqlAggregate.dcount('DistinctIps', 'IPAddress')],
      { by: ['AppDisplayName', 'ResourceDisplayName'], binMinutes: t.windowMinutes })
    .where(KqlPredicate.compare('FailedSignIns', '>=', t.threshold));
  return {
    id: 'entra-failed-sign-ins',
    tuningProp: 'failedSignIns',
    displayName: 'Entra ID: failed sign-ins by app',
    description: `At least ${t.threshold} failed Entra ID sign-ins for one client app and resource within ${t.windowMinutes} minutes`
      + (appIds.length > 0 ? ' (API app registrations).' : '.'),
    query: query.render(),
    dimensions: ['AppDisplayName', 'ResourceDisplayName'],
    tuning: t,
  };
}
