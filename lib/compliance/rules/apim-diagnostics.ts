import { RuleCategory } from '../category';
import { blocks, HipaaRule, workspaceDiagnostics } from '../rule';
import { HipaaSafeguard } from '../safeguard';

export const APIM_DIAGNOSTICS: HipaaRule = {
  id: 'APIM-DIAGNOSTICS',
  category: RuleCategory.HIPAA,
  title: 'API Management sends its resource logs and metrics to a Log Analytics workspace',
  safeguard: HipaaSafeguard.AUDIT_CONTROLS,
  control: 'Azure Policy: resource logs in API Management should be enabled (MCSB LT-3)',
  fix: 'Add an azurerm_monitor_diagnostic_setting with target_resource_id = the instance id, log_analytics_workspace_id, enabled_log { category_group = "allLogs" } and enabled_metric { category = "AllMetrics" }',
  resourceTypes: ['azurerm_api_management'],
  check(r, stack) {
    const toWorkspace = workspaceDiagnostics(r, stack);
    if (typeof toWorkspace === 'string') return toWorkspace;
    const logs = toWorkspace.some((s) => blocks(s.config.enabled_log).length > 0 || blocks(s.config.log).some((l) => l.enabled !== false));
    if (!logs) return 'sends no resource log category to Log Analytics';
    const metrics = toWorkspace.some((s) => blocks(s.config.enabled_metric).length > 0 || blocks(s.config.metric).some((m) => m.enabled !== false));
    if (!metrics) return 'sends no metrics to Log Analytics';
    return undefined;
  },
};
