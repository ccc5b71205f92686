import { RuleCategory } from '../category';
import { HipaaRule, isExpression, unknownValue } from '../rule';
import { HipaaSafeguard } from '../safeguard';

/** The shortest audit log retention accepted, in days. */
export const MIN_LOG_RETENTION_DAYS = 365;

export const LOG_RETENTION: HipaaRule = {
  id: 'LOG-RETENTION',
  category: RuleCategory.HIPAA,
  title: `Log Analytics workspaces keep audit logs for at least ${MIN_LOG_RETENTION_DAYS} days and accept no shared-key writes`,
  safeguard: HipaaSafeguard.AUDIT_CONTROLS,
  control: 'Microsoft cloud security benchmark LT-6 (configure log storage retention)',
  fix: `Set retention_in_days to ${MIN_LOG_RETENTION_DAYS} or more (export to archive storage for the six years HIPAA documentation needs) and local_authentication_enabled = false`,
  resourceTypes: ['azurerm_log_analytics_workspace'],
  check(r) {
    const days = r.config.retention_in_days;
    if (days === undefined) return 'keeps the default 30 days of logs';
    if (typeof days === 'number' && days < MIN_LOG_RETENTION_DAYS) return `keeps logs for ${days} days`;
    if (typeof days === 'string' && !isExpression(days) && Number(days) < MIN_LOG_RETENTION_DAYS) return `keeps logs for ${days} days`;
    const local = r.config.local_authentication_enabled;
    if (local !== false && !isExpression(local)) return 'accepts writes with the shared workspace key (local_authentication_enabled is not false)';
    if (isExpression(days)) return unknownValue('retention_in_days', days);
    if (isExpression(local)) return unknownValue('local_authentication_enabled', local);
    return undefined;
  },
};
