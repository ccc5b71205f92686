import { RuleCategory } from '../category';
import { blocks, HipaaRule, isExpression, Unknown, workspaceDiagnostics } from '../rule';
import { HipaaSafeguard } from '../safeguard';

/** Diagnostic-setting log entries that include the FHIR service's AuditLogs category. */
function includesAudit(log: Record<string, any>): boolean | undefined {
  if (isExpression(log.category) || isExpression(log.category_group)) return undefined;
  if (log.enabled === false) return false;
  return log.category === 'AuditLogs' || log.category_group === 'audit' || log.category_group === 'allLogs';
}

export const FHIR_AUDIT_LOGS: HipaaRule = {
  id: 'FHIR-AUDIT-LOGS',
  category: RuleCategory.HIPAA,
  title: 'Access to PHI in the FHIR service is reviewable: every FHIR service sends its AuditLogs to a Log Analytics workspace',
  safeguard: HipaaSafeguard.ACTIVITY_REVIEW,
  control: 'Azure Policy: resource logs in Azure API for FHIR / Health Data Services should be enabled (MCSB LT-3)',
  fix: 'Add an azurerm_monitor_diagnostic_setting with target_resource_id = the FHIR service id, log_analytics_workspace_id and enabled_log { category = "AuditLogs" } (or category_group = "audit")',
  resourceTypes: ['azurerm_healthcare_fhir_service'],
  check(r, stack) {
    const toWorkspace = workspaceDiagnostics(r, stack);
    if (typeof toWorkspace === 'string') return toWorkspace;
    const verdicts = toWorkspace
      .flatMap((s) => [...blocks(s.config.enabled_log), ...blocks(s.config.log)].map((l) => [s, includesAudit(l)] as const));
    if (verdicts.some(([, v]) => v === true)) return undefined;
    const undecided = verdicts.find(([, v]) => v === undefined);
    if (undecided) return new Unknown(`sends logs through ${undecided[0].address} whose category is an expression not known at synth`);
    return 'sends no AuditLogs to Log Analytics';
  },
};
