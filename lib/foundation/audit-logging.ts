import { ApiManagementDiagnostic, ApiManagementDiagnosticConfig } from '@cdktf/provider-azurerm/lib/api-management-diagnostic';
import { ApiManagementLogger } from '@cdktf/provider-azurerm/lib/api-management-logger';
import { ApplicationInsights } from '@cdktf/provider-azurerm/lib/application-insights';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { Construct } from 'constructs';
import { AUDIT_LOGGING_TYPES } from './prop-types';
import { planPreventDestroy } from '../compliance/opt-out';
import { checkLocation, checkResourceGroupName } from '../core/azure-names';
import { invalid } from '../core/errors';
import { tfLiteralMap } from '../core/literal';
import { checkProviderRule } from '../core/provider-rules';
import { checkResourceId, checkSecondsAs, checkTags, checkTypes, DAYS, RESOURCE_ID } from '../core/validation';

/** Headers that carry credentials or session state: masked wherever headers could be logged. */
export const SENSITIVE_HEADERS = ['Authorization', 'Ocp-Apim-Subscription-Key', 'Cookie', 'Set-Cookie'];

/** Query parameters that can carry credentials: hidden in logged URLs. */
export const SENSITIVE_QUERY_PARAMS = ['subscription-key', 'access_token', 'code', 'token'];

/** Properties of `AuditLogging`. */
export interface AuditLoggingProps {
  /** Name prefix for the workspace and Application Insights. */
  readonly namePrefix: string;
  /** Resource group of the new resources. */
  readonly resourceGroupName: string;
  /** Azure location of the new resources. */
  readonly location: string;
  /**
   * An existing Log Analytics workspace id to send logs to.
   * @default - a workspace is created
   */
  readonly existingWorkspaceId?: string;
  /**
   * Retention of a created workspace, in seconds: whole days (multiples of 86400) from 31536000
   * (365 days) to 63072000 (730 days). Refused with `existingWorkspaceId`.
   * @default 31536000 (365 days)
   */
  readonly retentionSeconds?: number;
  /**
   * Named opt-out: the created workspace and Application Insights lose lifecycle.prevent_destroy,
   * so `terraform destroy` can delete the audit trail. Leaves a warning, unless the enclosing
   * platform's own `allowDestroy` already did.
   * @default false - both carry lifecycle.prevent_destroy
   */
  readonly allowDestroy?: boolean;
  /**
   * Tags for created resources.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/**
 * Audit logging that never records PHI: a Log Analytics workspace (or an existing one) and a
 * workspace-based Application Insights. `attachTo` wires an APIM instance to both with
 * body-free, header-masked diagnostics.
 *
 * A building block of `SecureHealthcareApim`: its props follow the platform's needs and may
 * change in any release, after 1.0 too.
 * @experimental
 */
export class AuditLogging extends Construct {
  /** The id of the workspace logs go to. */
  public readonly workspaceId: string;
  /** The created workspace, when one was created. */
  public readonly workspace?: LogAnalyticsWorkspace;
  /** The workspace-based Application Insights. */
  public readonly applicationInsights: ApplicationInsights;

  constructor(scope: Construct, id: string, props: AuditLoggingProps) {
    super(scope, id);
    checkTypes(this, '', props, AUDIT_LOGGING_TYPES);
    checkResourceGroupName(this, 'resourceGroupName', props.resourceGroupName);
    checkLocation(this, 'location', props.location);
    // Tags reach Terraform as literals (`${` and `%{` escaped).
    const tags = tfLiteralMap(checkTags(this, 'tags', props.tags));
    if (props.existingWorkspaceId !== undefined && props.retentionSeconds !== undefined) {
      invalid(this, 'retentionSeconds', 'is set together with existingWorkspaceId, whose retention this construct does not manage, so it would be ignored',
        'retentionSeconds only for a created workspace; set the retention (365 days or more) on the existing workspace');
    }
    // Seconds at the surface, whole days for retention_in_days; 365 days at least (HIPAA audit trail), within the provider's 30 to 730.
    const retention = checkSecondsAs(this, 'retentionSeconds', props.retentionSeconds ?? 365 * 86_400, DAYS, 365, 730);
    checkProviderRule(this, 'retentionSeconds', retention, 'azurerm_log_analytics_workspace.retention_in_days');
    const preventDestroy = planPreventDestroy(this, props, `terraform destroy can delete ${props.existingWorkspaceId === undefined ? `the audit workspace ${props.namePrefix}-law and ` : ''}`
      + `Application Insights ${props.namePrefix}-appi, and the audit trail in them.`);
    if (props.existingWorkspaceId !== undefined) {
      this.workspaceId = checkResourceId(this, 'existingWorkspaceId', props.existingWorkspaceId, RESOURCE_ID.logAnalyticsWorkspace);
    } else {
      checkProviderRule(this, 'namePrefix', `${props.namePrefix}-law`, 'azurerm_log_analytics_workspace.name', 'gives the workspace name');
      this.workspace = new LogAnalyticsWorkspace(this, 'Workspace', {
        name: `${props.namePrefix}-law`,
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        sku: 'PerGB2018',
        retentionInDays: retention,
        localAuthenticationEnabled: false,
        tags,
        lifecycle: { preventDestroy },
      });
      this.workspaceId = this.workspace.id;
    }
    this.applicationInsights = new ApplicationInsights(this, 'AppInsights', {
      name: `${props.namePrefix}-appi`,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      applicationType: 'web',
      workspaceId: this.workspaceId,
      samplingPercentage: 100,
      disableIpMasking: false,
      tags,
      // Its connection string is in the APIM logger: a new instance breaks telemetry until re-wired.
      lifecycle: { preventDestroy },
    });
  }

  /**
   * Sends an APIM instance's telemetry to Application Insights and Azure Monitor with 100%
   * sampling, errors always logged, client IP logged, no bodies and masked credentials; and
   * its resource logs (audit and gateway) and metrics to the workspace.
   */
  public attachTo(apim: ApimReference): AttachedAuditLogging {
    const logger = new ApiManagementLogger(this, 'ApimLogger', {
      name: 'appinsights',
      apiManagementName: apim.name,
      resourceGroupName: apim.resourceGroupName,
      resourceId: this.applicationInsights.id,
      applicationInsights: { connectionString: this.applicationInsights.connectionString },
      buffered: true,
    });
    const common = (identifier: string, loggerId: string): ApiManagementDiagnosticConfig => ({
      identifier,
      apiManagementName: apim.name,
      resourceGroupName: apim.resourceGroupName,
      apiManagementLoggerId: loggerId,
      samplingPercentage: 100,
      alwaysLogErrors: true,
      logClientIp: true,
      verbosity: 'information',
      httpCorrelationProtocol: identifier === 'applicationinsights' ? 'W3C' : undefined,
      frontendRequest: phiSafeMessageLogging(identifier === 'azuremonitor' && apim.behindEdge === true ? [FORWARDED_FOR] : []),
      frontendResponse: phiSafeMessageLogging(),
      backendRequest: phiSafeMessageLogging(),
      backendResponse: phiSafeMessageLogging(),
    });
    const appInsightsDiagnostic = new ApiManagementDiagnostic(this, 'AppInsightsDiagnostic', common('applicationinsights', logger.id));
    // APIM creates the Azure Monitor logger itself, under the fixed name "azuremonitor".
    const azureMonitorDiagnostic = new ApiManagementDiagnostic(this, 'AzureMonitorDiagnostic', common('azuremonitor', `${apim.id}/loggers/azuremonitor`));
    const diagnosticSetting = this.sendResourceLogs('ApimDiagnosticSetting', 'apim-to-log-analytics', apim.id);
    return { logger, appInsightsDiagnostic, azureMonitorDiagnostic, diagnosticSetting };
  }

  /** Sends a resource's logs (all categories, which include the audit group) and metrics to the workspace. */
  public sendResourceLogs(id: string, name: string, targetResourceId: string): MonitorDiagnosticSetting {
    return new MonitorDiagnosticSetting(this, id, {
      name,
      targetResourceId,
      logAnalyticsWorkspaceId: this.workspaceId,
      logAnalyticsDestinationType: 'Dedicated',
      enabledLog: [{ categoryGroup: 'allLogs' }],
      enabledMetric: [{ category: 'AllMetrics' }],
    });
  }
}

/** Identifies an API Management instance. */
export interface ApimReference {
  /** The resource id. */
  readonly id: string;
  /** The service name. */
  readonly name: string;
  /** The resource group name. */
  readonly resourceGroupName: string;
  /**
   * Whether the instance sits behind the edge gateway: its Azure Monitor diagnostic then logs
   * the client requests' `X-Forwarded-For` (an address, already logged as `CallerIpAddress`
   * for direct callers), whose last hop is the real client the security alerts group by.
   * Never set for a public gateway, whose callers could write the header themselves.
   * @default false
   */
  readonly behindEdge?: boolean;
}

/** What `AuditLogging.attachTo` created. */
export interface AttachedAuditLogging {
  /** The Application Insights logger. */
  readonly logger: ApiManagementLogger;
  /** The Application Insights diagnostic. */
  readonly appInsightsDiagnostic: ApiManagementDiagnostic;
  /** The Azure Monitor diagnostic. */
  readonly azureMonitorDiagnostic: ApiManagementDiagnostic;
  /** The resource-log diagnostic setting of the APIM instance. */
  readonly diagnosticSetting: MonitorDiagnosticSetting;
}

/** The header whose last hop is the client, as the edge gateway appends it. */
export const FORWARDED_FOR = 'X-Forwarded-For';

/** Message logging with no body bytes, no logged headers and credentials masked. */
function phiSafeMessageLogging(headersToLog: string[] = []) {
  return {
    bodyBytes: 0,
    headersToLog,
    dataMasking: {
      headers: SENSITIVE_HEADERS.map((value) => ({ mode: 'Mask', value })),
      queryParams: SENSITIVE_QUERY_PARAMS.map((value) => ({ mode: 'Hide', value })),
    },
  };
}
