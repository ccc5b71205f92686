import { MonitorAadDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-aad-diagnostic-setting';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { checkKqlString } from './kql';
import { invalid } from '../core/errors';

/** The Entra ID log categories sent to the workspace: interactive sign-ins and directory audit. */
export const ENTRA_ID_LOG_CATEGORIES = ['SignInLogs', 'AuditLogs'];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Validates the API app registrations' client ids: literal GUIDs, distinct (they become KQL literals). */
export function planEntraAppIds(scope: Construct, appIds: string[] | undefined): string[] {
  if (appIds === undefined) return [];
  if (!Array.isArray(appIds) || appIds.length === 0) invalid(scope, 'entraIdAppIds', 'is empty', 'at least one client id, or leave entraIdAppIds unset to watch every app');
  const seen = new Set<string>();
  return appIds.map((id, i) => {
    const prop = `entraIdAppIds[${i}]`;
    if (typeof id === 'string' && Token.isUnresolved(id)) {
      invalid(scope, prop, 'is a token (unknown until apply), which cannot become a query literal', 'the client id as a literal GUID (e.g. from a separate Entra ID stack or after the first apply)');
    }
    checkKqlString(scope, prop, id);
    if (!GUID.test(id)) invalid(scope, prop, `'${id}' is not a GUID`, 'an application (client) id such as 00000000-0000-0000-0000-000000000000');
    if (seen.has(id.toLowerCase())) invalid(scope, prop, `repeats '${id}'`, 'distinct client ids');
    seen.add(id.toLowerCase());
    return id.toLowerCase();
  });
}

/**
 * Sends the tenant's Entra ID sign-in and audit logs to the workspace. A tenant-level resource
 * (`/providers/microsoft.aadiam/diagnosticSettings/<name>`): creating it needs Security
 * Administrator or Global Administrator, and sign-in log export an Entra ID P1/P2 licence.
 */
export function sendEntraIdLogs(scope: Construct, name: string, workspaceId: string): MonitorAadDiagnosticSetting {
  return new MonitorAadDiagnosticSetting(scope, 'EntraIdDiagnosticSetting', {
    name,
    logAnalyticsWorkspaceId: workspaceId,
    enabledLog: ENTRA_ID_LOG_CATEGORIES.map((category) => ({ category })),
  });
}
