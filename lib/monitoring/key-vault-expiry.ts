import { EventgridSystemTopic } from '@cdktf/provider-azurerm/lib/eventgrid-system-topic';
import { EventgridSystemTopicEventSubscription } from '@cdktf/provider-azurerm/lib/eventgrid-system-topic-event-subscription';
import { ResourceGroupTemplateDeployment } from '@cdktf/provider-azurerm/lib/resource-group-template-deployment';
import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { MonitoringAlert } from './alert-record';
import { createLogAlert } from './alert-resources';
import { isOptOutRecordedAbove, warnOptOut } from '../compliance/opt-out';
import { checkLocation, checkResourceGroupName, checkTags } from '../core/azure-names';
import { invalid } from '../core/errors';
import { tfLiteral } from '../core/literal';
import { checkAnyResourceId, checkBoolean, checkObject, checkResourceId, isResourceIdOf, RESOURCE_ID } from '../core/validation';
import { NEAR_EXPIRY_DEFAULTS, NEAR_EXPIRY_EVENT_TYPES, nearExpiry } from './alerts/key-vault';
import { AlertTuning, LOG_ALERT_TIMINGS, resolveTuning } from './tuning';

/** Where else the vault's Event Grid system topic delivers near-expiry events (for automation), besides the responders' action group. */
export interface NearExpiryEventDelivery {
  /**
   * An https webhook (e.g. a Logic App's HTTP trigger or an Azure Function) that rotates or
   * tickets. Its URL, with any signature in it, is stored in Terraform state.
   * @default - no webhook
   */
  readonly webhookUrl?: string;
  /**
   * An Event Hub id (e.g. the SIEM's).
   * @default - no Event Hub
   */
  readonly eventHubId?: string;
  /**
   * The event subscription to the responders' action group (Event Grid's "Azure Monitor alert"
   * destination) is always created unless `acknowledgeEventsHandledCentrally`; `true` is
   * accepted for compatibility, `false` is refused.
   * @default true
   * @deprecated the action-group subscription is the default route
   */
  readonly actionGroupAlerts?: boolean;
}

/**
 * The API version of the Event Grid event subscription deployed through ARM: the newest stable
 * version, whose schema has the Azure Monitor alert destination
 * (azure-rest-api-specs specification/eventgrid/resource-manager/Microsoft.EventGrid/stable/2025-02-15/EventGrid.json,
 * definitions MonitorAlertEventSubscriptionDestination, discriminator `MonitorAlert`, and
 * MonitorAlertEventSubscriptionDestinationProperties: severity Sev0–Sev4, which "must be
 * provided", description, actionGroups; also go-azure-sdk eventgrid/2025-02-15/eventsubscriptions,
 * vendored by azurerm 4.55).
 */
export const EVENT_SUBSCRIPTION_API_VERSION = '2025-02-15';

/** Properties of `KeyVaultExpiryAlerts`. */
export interface KeyVaultExpiryAlertsProps {
  /** Name prefix of the alert and the system topic: letters, digits and -, up to 40 characters. */
  readonly namePrefix: string;
  /** Resource group of the alert and the system topic. */
  readonly resourceGroupName: string;
  /** Location of the log alert (the workspace's region) and of the system topic (the vault's region). */
  readonly location: string;
  /** The vault whose secrets, keys and certificates are watched. */
  readonly keyVaultId: string;
  /** The Log Analytics workspace the vault's diagnostic setting sends `AZKVAuditLogs` to (Dedicated tables). */
  readonly workspaceId: string;
  /** The security responders' action group. */
  readonly actionGroupId: string;
  /**
   * Threshold, window, frequency and severity of the alert.
   * @default - every notification, hourly, severity 2
   */
  readonly tuning?: AlertTuning;
  /**
   * Also deliver the events to a webhook or an Event Hub (one more event subscription each on
   * the vault's system topic).
   * @default - the action group only
   */
  readonly eventDelivery?: NearExpiryEventDelivery;
  /**
   * Named opt-out: the vault's Key Vault events are subscribed centrally (a vault has at most
   * one Event Grid system topic, e.g. one your platform team manages), so this construct
   * creates no system topic and no event subscription, only the log alert. Leaves a warning.
   * Key Vault raises near-expiry events only while a subscription exists, so the central one
   * must cover `Microsoft.KeyVault.SecretNearExpiry` and `CertificateNearExpiry`.
   * @default false - a system topic on the vault with an event subscription to the action group
   */
  readonly acknowledgeEventsHandledCentrally?: boolean;
  /**
   * Tags.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/**
 * Near-expiry and expiry of the vault's secrets, keys and certificates reach the security
 * responders: an Event Grid system topic on the vault with an event subscription whose
 * destination is an Azure Monitor alert to their action group (Key Vault raises these events
 * only for a subscription that exists, and only for versions created after it: write the
 * vault's items after `eventRoutes`), and, as a second path, a log alert on the notifications
 * the vault records in its audit log (`AZKVAuditLogs`, `…NearExpiryEventGridNotification`).
 * azurerm 4.55's event subscription has no Azure Monitor alert destination, so that
 * subscription is an ARM template deployment.
 *
 * @example
 * new KeyVaultExpiryAlerts(this, 'Expiry', {
 *   namePrefix: 'hc-prod', resourceGroupName: rg.name, location: 'eastus2',
 *   keyVaultId: platform.keyVault.vaultId, workspaceId: platform.workspaceId,
 *   actionGroupId: platform.monitoring!.actionGroupId,
 * });
 */
export class KeyVaultExpiryAlerts extends Construct {
  /** The alert. */
  public readonly alert: MonitoringAlert;
  /** The vault's system topic, unless `acknowledgeEventsHandledCentrally`. */
  public readonly systemTopic?: EventgridSystemTopic;
  /** The event subscriptions to `eventDelivery`'s webhook and Event Hub. */
  public readonly eventSubscriptions: EventgridSystemTopicEventSubscription[];
  /** The event subscription to the action group (an ARM deployment), unless `acknowledgeEventsHandledCentrally`. */
  public readonly actionGroupSubscription?: ResourceGroupTemplateDeployment;
  /**
   * What a write into the vault (a secret, key or certificate) must depend on so that its first
   * version raises near-expiry events: every event subscription of the system topic. Empty with
   * `acknowledgeEventsHandledCentrally`.
   */
  public readonly eventRoutes: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: KeyVaultExpiryAlertsProps) {
    super(scope, id);
    checkObject(this, 'props', props);
    const prefix = props.namePrefix;
    if (Token.isUnresolved(prefix) || !/^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/.test(prefix)) invalid(this, 'namePrefix', `'${prefix}' is not a valid prefix`, '1 to 40 letters, digits or -, starting with a letter or digit');
    checkResourceGroupName(this, 'resourceGroupName', props.resourceGroupName);
    checkLocation(this, 'location', props.location);
    checkResourceId(this, 'keyVaultId', props.keyVaultId, RESOURCE_ID.keyVault);
    checkResourceId(this, 'workspaceId', props.workspaceId, RESOURCE_ID.logAnalyticsWorkspace);
    checkAnyResourceId(this, 'actionGroupId', props.actionGroupId);
    const tags = checkTags(this, 'tags', props.tags);
    const tuning = resolveTuning(this, 'tuning', props.tuning, NEAR_EXPIRY_DEFAULTS, LOG_ALERT_TIMINGS, { min: 1, whole: true });
    if (props.tuning?.acknowledgeDisabled) invalid(this, 'tuning.acknowledgeDisabled', 'is set, but this construct is the near-expiry alert', 'leave the construct out instead');
    const central = checkBoolean(this, 'acknowledgeEventsHandledCentrally', props.acknowledgeEventsHandledCentrally, false);
    const delivery = props.eventDelivery;
    if (delivery !== undefined) {
      checkObject(this, 'eventDelivery', delivery);
      if (central) invalid(this, 'eventDelivery', 'is set together with acknowledgeEventsHandledCentrally, so no system topic would carry it', 'leave eventDelivery unset, or drop the opt-out');
      const actionGroup = checkBoolean(this, 'eventDelivery.actionGroupAlerts', delivery.actionGroupAlerts, true);
      if (!actionGroup) {
        invalid(this, 'eventDelivery.actionGroupAlerts', 'is false, but the event subscription to the action group is the route that makes near-expiry reach the responders',
          'leave it unset (true); acknowledgeEventsHandledCentrally when the vault\'s events are subscribed elsewhere');
      }
      if (delivery.webhookUrl === undefined && delivery.eventHubId === undefined && delivery.actionGroupAlerts === undefined) {
        invalid(this, 'eventDelivery', 'names no endpoint', 'webhookUrl, eventHubId, or both (the action group is subscribed by default)');
      }
      if (delivery.webhookUrl !== undefined && !Token.isUnresolved(delivery.webhookUrl) && !/^https:\/\/[^\s/?#]+(?:[/?#]\S*)?$/.test(delivery.webhookUrl)) {
        invalid(this, 'eventDelivery.webhookUrl', 'is not an https:// URL', 'an https:// URL without spaces');
      }
      if (delivery.eventHubId !== undefined && !Token.isUnresolved(delivery.eventHubId)
        && !isResourceIdOf(delivery.eventHubId, 'Microsoft.EventHub/namespaces/*/eventhubs/*')) {
        invalid(this, 'eventDelivery.eventHubId', 'is not an Event Hub id', '/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.EventHub/namespaces/<ns>/eventhubs/<hub>');
      }
    }

    const common = { prefix, resourceGroupName: props.resourceGroupName, location: props.location, actionGroupId: props.actionGroupId, tags };
    this.alert = createLogAlert(this, common, nearExpiry(tuning), props.workspaceId, true);
    this.eventSubscriptions = [];
    this.eventRoutes = [];
    if (central) {
      // Once: a platform that set its own acknowledgeKeyVaultEventsHandledCentrally has warned for it.
      if (!isOptOutRecordedAbove(this, 'acknowledgeKeyVaultEventsHandledCentrally')) {
        warnOptOut(this, 'acknowledgeEventsHandledCentrally', 'no Event Grid system topic or subscription on the vault here: near-expiry events reach the responders only if the '
        + 'central subscription covers Microsoft.KeyVault.SecretNearExpiry and CertificateNearExpiry (Key Vault raises them only while a subscription exists, '
        + 'and the log alert sees them only then).');
      }
      return;
    }
    this.systemTopic = new EventgridSystemTopic(this, 'SystemTopic', {
      name: `${prefix}-key-vault-events`,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      sourceResourceId: props.keyVaultId,
      topicType: 'Microsoft.KeyVault.vaults',
      tags,
    });
    const subscription = (suffix: string, endpoint: Record<string, unknown>) => new EventgridSystemTopicEventSubscription(this, `Subscription-${suffix}`, {
      name: `near-expiry-${suffix}`,
      systemTopic: this.systemTopic!.name,
      resourceGroupName: props.resourceGroupName,
      includedEventTypes: NEAR_EXPIRY_EVENT_TYPES,
      // The Event Grid schema: webhooks (Logic Apps, Functions) validate it without a CloudEvents handshake.
      eventDeliverySchema: 'EventGridSchema',
      retryPolicy: { maxDeliveryAttempts: 30, eventTimeToLive: 1440 },
      ...endpoint,
    });
    if (delivery?.webhookUrl !== undefined) this.eventSubscriptions.push(subscription('webhook', { webhookEndpoint: { url: tfLiteral(delivery.webhookUrl) } }));
    if (delivery?.eventHubId !== undefined) this.eventSubscriptions.push(subscription('event-hub', { eventhubEndpointId: delivery.eventHubId }));
    this.actionGroupSubscription = new ResourceGroupTemplateDeployment(this, 'Subscription-action-group', {
      name: `${prefix}-key-vault-near-expiry`,
      resourceGroupName: props.resourceGroupName,
      deploymentMode: 'Incremental',
      templateContent: JSON.stringify(monitorAlertSubscriptionTemplate()),
      parametersContent: tfLiteral(JSON.stringify({
        systemTopicName: { value: this.systemTopic.name },
        actionGroupId: { value: props.actionGroupId },
        severity: { value: `Sev${tuning.severity}` },
      })),
    });
    this.eventRoutes.push(this.actionGroupSubscription, ...this.eventSubscriptions);
  }
}

/**
 * An ARM template with one event subscription on the vault's system topic whose destination is
 * an Azure Monitor alert to an action group (Event Grid `MonitorAlert` destination), for the
 * near-expiry and expiry events.
 */
export function monitorAlertSubscriptionTemplate(): Record<string, unknown> {
  return {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: { systemTopicName: { type: 'string' }, actionGroupId: { type: 'string' }, severity: { type: 'string' } },
    resources: [{
      type: 'Microsoft.EventGrid/systemTopics/eventSubscriptions',
      apiVersion: EVENT_SUBSCRIPTION_API_VERSION,
      name: "[concat(parameters('systemTopicName'), '/near-expiry-action-group')]",
      properties: {
        destination: {
          endpointType: 'MonitorAlert',
          properties: {
            severity: "[parameters('severity')]",
            actionGroups: ["[parameters('actionGroupId')]"],
            description: 'A secret, key or certificate of the platform vault expires within 30 days (or has expired): rotate it.',
          },
        },
        filter: { includedEventTypes: NEAR_EXPIRY_EVENT_TYPES },
        // The Azure Monitor alert destination takes CloudEvents only.
        eventDeliverySchema: 'CloudEventSchemaV1_0',
      },
    }],
  };
}
