import { ApplicationInsightsWorkbook } from '@cdktf/provider-azurerm/lib/application-insights-workbook';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { invalid } from '../core/errors';
import { CLIENT_IP } from './alerts/gateway';
import { KqlAggregate, KqlPredicate, KqlQuery } from './kql';
import { AGW_FIREWALL_LOGS, API_MANAGEMENT_GATEWAY_LOGS, SECURITY_ALERT } from './tables';
import { checkLocation, checkResourceGroupName, checkTags } from '../core/azure-names';
import { tfLiteral } from '../core/literal';
import { uuidV5 } from '../core/uuid';
import { isResourceIdOf } from '../core/validation';

/**
 * This library's namespace for workbook names:
 * `uuidV5(<RFC 4122 URL namespace>, 'urn:cdktf-healthcare-apim:workbooks')`, written out so the
 * names do not depend on how it was computed. Changing it renames (replaces) every workbook.
 */
export const WORKBOOK_NAMESPACE = '0084918d-3d23-546b-a444-1cc412ff2996';

/** Properties of `SecurityWorkbook`. */
export interface SecurityWorkbookProps {
  /**
   * The workbook's stable key: letters, digits and -, up to 60 characters, a literal. The
   * workbook's resource name (a UUID, as azurerm requires) is derived from it, so it stays the
   * same across synths; changing it replaces the workbook.
   */
  readonly name: string;
  /** Resource group of the workbook. */
  readonly resourceGroupName: string;
  /** Azure location of the workbook. */
  readonly location: string;
  /**
   * The Log Analytics workspace the APIM gateway logs (`ApiManagementGatewayLogs`), the WAF logs
   * (`AGWFirewallLogs`) and Defender alerts (`SecurityAlert`) go to. The workbook queries it and
   * is listed under its Workbooks.
   */
  readonly workspaceId: string;
  /**
   * The name shown in the portal.
   * @default - `<name>: API security`
   */
  readonly displayName?: string;
  /**
   * Tags of the workbook (`hidden-title` is refused: azurerm sets it from the display name).
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

const WORKSPACE_RESOURCE_TYPE = 'microsoft.operationalinsights/workspaces';
const TIME_RANGE = 'TimeRange';
const BIN_MINUTES = 5;

/** One query tile of the workbook. */
interface Tile {
  readonly id: string;
  readonly title: string;
  readonly query: KqlQuery;
  readonly visualization: 'timechart' | 'table' | 'barchart';
  /** Percent of the row; two half tiles sit side by side. */
  readonly width?: number;
}

const GATEWAY = API_MANAGEMENT_GATEWAY_LOGS;
const AUTH_FAILED = KqlPredicate.inList('ResponseCode', [401, 403]);

/** The tiles, in the order an on-call engineer reads them. Every query comes from the KQL builder. */
function tiles(): Tile[] {
  return [
    {
      id: 'failed-auth-over-time',
      title: 'Failed authentication (401/403) over time',
      query: KqlQuery.from(GATEWAY).where(AUTH_FAILED)
        .summarize([KqlAggregate.count('FailedRequests')], { by: ['ResponseCode'], binMinutes: BIN_MINUTES }),
      visualization: 'timechart',
      width: 50,
    },
    {
      id: 'failed-auth-by-caller',
      title: 'Failed authentication by caller (subscription and IP)',
      query: KqlQuery.from(GATEWAY).extendClientIp(CLIENT_IP).where(AUTH_FAILED)
        .summarize([KqlAggregate.count('FailedRequests'), KqlAggregate.dcount('DistinctApis', 'ApiId'), KqlAggregate.dcount('DistinctOperations', 'OperationId')],
          { by: ['ApimSubscriptionId', CLIENT_IP] })
        .top(25, 'FailedRequests'),
      visualization: 'table',
      width: 50,
    },
    {
      id: 'top-callers',
      title: 'Top callers',
      query: KqlQuery.from(GATEWAY).extendClientIp(CLIENT_IP)
        .summarize([
          KqlAggregate.count('Requests'),
          KqlAggregate.countIf('FailedRequests', KqlPredicate.equals('IsRequestSuccess', false)),
          KqlAggregate.dcount('DistinctUrls', 'Url'),
          KqlAggregate.dcount('DistinctOperations', 'OperationId'),
        ], { by: ['ApimSubscriptionId', CLIENT_IP] })
        .top(25, 'Requests'),
      visualization: 'table',
    },
    {
      id: 'errors-by-operation',
      title: '4xx and 5xx by API and operation',
      query: KqlQuery.from(GATEWAY).where(KqlPredicate.compare('ResponseCode', '>=', 400))
        .summarize([
          KqlAggregate.count('Errors'),
          KqlAggregate.countIf('ClientErrors', KqlPredicate.compare('ResponseCode', '<', 500)),
          KqlAggregate.countIf('ServerErrors', KqlPredicate.compare('ResponseCode', '>=', 500)),
          KqlAggregate.countIf('BackendErrors', KqlPredicate.compare('BackendResponseCode', '>=', 500)),
        ], { by: ['ApiId', 'OperationId'] })
        .top(50, 'Errors'),
      visualization: 'table',
    },
    {
      id: 'latency-over-time',
      title: 'Latency percentiles over time (TotalTime, ms)',
      query: KqlQuery.from(GATEWAY)
        .summarize([50, 95, 99].map((p) => KqlAggregate.percentile(`P${p}`, 'TotalTime', p)), { binMinutes: BIN_MINUTES }),
      visualization: 'timechart',
      width: 50,
    },
    {
      id: 'latency-by-api',
      title: 'Latency percentiles by API (ms)',
      query: KqlQuery.from(GATEWAY)
        .summarize([
          ...[50, 95, 99].map((p) => KqlAggregate.percentile(`P${p}`, 'TotalTime', p)),
          KqlAggregate.percentile('BackendP95', 'BackendTime', 95),
          KqlAggregate.count('Requests'),
        ], { by: ['ApiId'] })
        .top(50, 'P95'),
      visualization: 'table',
      width: 50,
    },
    {
      id: 'waf-over-time',
      title: 'WAF blocks and detections over time',
      query: KqlQuery.from(AGW_FIREWALL_LOGS).where(KqlPredicate.inList('Action', ['Blocked', 'Detected']))
        .summarize([KqlAggregate.count('Events')], { by: ['Action'], binMinutes: BIN_MINUTES }),
      visualization: 'timechart',
      width: 50,
    },
    {
      id: 'waf-by-client',
      title: 'WAF blocks by client and host',
      query: KqlQuery.from(AGW_FIREWALL_LOGS).where(KqlPredicate.equals('Action', 'Blocked'))
        .summarize([KqlAggregate.count('Blocks'), KqlAggregate.dcount('DistinctRules', 'RuleId'), KqlAggregate.dcount('DistinctUris', 'RequestUri')],
          { by: ['ClientIp', 'Hostname'] })
        .top(25, 'Blocks'),
      visualization: 'table',
      width: 50,
    },
    {
      id: 'defender-alerts-by-severity',
      title: 'Defender alerts by severity',
      query: KqlQuery.from(SECURITY_ALERT)
        .summarize([KqlAggregate.dcount('Alerts', 'SystemAlertId')], { by: ['AlertSeverity'], binMinutes: 60 }),
      visualization: 'barchart',
      width: 50,
    },
    {
      id: 'defender-alerts',
      title: 'Latest Defender alerts',
      query: KqlQuery.from(SECURITY_ALERT)
        .project(['TimeGenerated', 'AlertSeverity', 'AlertName', 'ProviderName', 'ProductName', 'CompromisedEntity', 'Status', 'ResourceId'])
        .top(100, 'TimeGenerated'),
      visualization: 'table',
      width: 50,
    },
  ];
}

const INTRO = [
  '## API security',
  'Failed authentication, callers, errors, latency, WAF and Defender alerts over the platform\'s Log Analytics workspace.',
  'Callers are named by subscription and `ClientIp`: behind the Application Gateway the last X-Forwarded-For hop (the client), else `CallerIpAddress`.',
  'Defender alerts appear when Defender for Cloud exports them to this workspace (continuous export) or Microsoft Sentinel runs on it.',
].join('\n\n');

/**
 * A security workbook over the platform's workspace: what an on-call engineer opens first.
 * Failed authentications over time and by caller, top callers, 4xx/5xx by API and operation,
 * latency percentiles, WAF blocks and Defender alerts, with one time-range picker.
 *
 * Every query comes from the typed KQL builder; the workbook definition is built as an object
 * and serialized once with `JSON.stringify`.
 *
 * @example
 * new SecurityWorkbook(this, 'SecurityWorkbook', {
 *   name: 'hc-prod', resourceGroupName: rg.name, location: 'westeurope', workspaceId: platform.workspaceId,
 * });
 */
export class SecurityWorkbook extends Construct {
  /** The workbook resource. */
  public readonly workbook: ApplicationInsightsWorkbook;
  /** The workbook's resource name: a lower-case name-based UUID derived from `name`. */
  public readonly workbookName: string;
  /** The KQL of every tile, by tile id. */
  public readonly queries: { [tileId: string]: string };

  constructor(scope: Construct, id: string, props: SecurityWorkbookProps) {
    super(scope, id);
    const name = props.name;
    if (typeof name !== 'string' || Token.isUnresolved(name) || !/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,58}[A-Za-z0-9])?$/.test(name)) {
      invalid(this, 'name', `'${String(name)}' is not a workbook key`, '1 to 60 letters, digits or -, starting and ending with a letter or digit, not a token (the workbook UUID is derived from it)');
    }
    checkResourceGroupName(this, 'resourceGroupName', props.resourceGroupName);
    checkLocation(this, 'location', props.location);
    const workspaceId = props.workspaceId;
    if (typeof workspaceId !== 'string' || (!Token.isUnresolved(workspaceId)
      && !isResourceIdOf(workspaceId, 'Microsoft.OperationalInsights/workspaces/*', true))) {
      invalid(this, 'workspaceId', `'${String(workspaceId)}' is not a Log Analytics workspace id`, '/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name>');
    }
    const displayName = props.displayName ?? `${name}: API security`;
    if (typeof displayName !== 'string' || displayName.trim() === '' || displayName.length > 256) {
      invalid(this, 'displayName', 'is empty or longer than 256 characters', 'a non-empty display name of at most 256 characters');
    }
    const tags = checkTags(this, 'tags', props.tags);
    if (tags && Object.keys(tags).some((k) => k.toLowerCase() === 'hidden-title')) {
      invalid(this, 'tags', "has the key 'hidden-title'", 'tags other than hidden-title (azurerm refuses it; the display name sets it)');
    }

    this.workbookName = uuidV5(WORKBOOK_NAMESPACE, JSON.stringify(['security-workbook', name]));
    const all = tiles();
    this.queries = Object.fromEntries(all.map((t) => [t.id, t.query.render()]));
    // azurerm refuses upper-case letters in source_id; ARM ids are case-insensitive.
    const sourceId = Token.isUnresolved(workspaceId) ? Fn.lower(workspaceId) : workspaceId.toLowerCase();

    const definition = {
      version: 'Notebook/1.0',
      items: [
        { type: 1, name: 'intro', content: { json: INTRO } },
        {
          type: 9,
          name: 'parameters',
          content: {
            version: 'KqlParameterItem/1.0',
            crossComponentResources: [workspaceId],
            parameters: [{
              id: uuidV5(WORKBOOK_NAMESPACE, JSON.stringify(['security-workbook-parameter', TIME_RANGE])),
              version: 'KqlParameterItem/1.0',
              name: TIME_RANGE,
              label: 'Time range',
              type: 4,
              isRequired: true,
              value: { durationMs: 86_400_000 },
              typeSettings: {
                selectableValues: [3_600_000, 14_400_000, 43_200_000, 86_400_000, 259_200_000, 604_800_000].map((durationMs) => ({ durationMs })),
                allowCustom: true,
              },
            }],
            style: 'pills',
            queryType: 0,
            resourceType: WORKSPACE_RESOURCE_TYPE,
          },
        },
        ...all.map((t) => ({
          type: 3,
          name: t.id,
          customWidth: t.width === undefined ? undefined : String(t.width),
          content: {
            version: 'KqlItem/1.0',
            title: t.title,
            query: t.query.render(),
            size: 0,
            timeContextFromParameter: TIME_RANGE,
            queryType: 0,
            resourceType: WORKSPACE_RESOURCE_TYPE,
            crossComponentResources: [workspaceId],
            visualization: t.visualization,
          },
        })),
      ],
      fallbackResourceIds: [workspaceId],
      $schema: 'https://github.com/Microsoft/Application-Insights-Workbooks/blob/master/schema/workbook.json',
    };

    this.workbook = new ApplicationInsightsWorkbook(this, 'Workbook', {
      name: this.workbookName,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      displayName: tfLiteral(displayName),
      description: 'Failed authentication, top callers, errors by operation, latency percentiles, WAF blocks and Defender alerts.',
      category: 'workbook',
      sourceId,
      // One JSON.stringify of the definition; tfLiteral keeps any `${` / `%{` literal for Terraform
      // (the workspace id token is the only Terraform expression inside).
      dataJson: tfLiteral(JSON.stringify(definition)),
      tags,
    });
  }
}
