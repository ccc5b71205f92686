import { EventgridSystemTopic } from '@cdktf/provider-azurerm/lib/eventgrid-system-topic';
import { EventgridSystemTopicEventSubscription } from '@cdktf/provider-azurerm/lib/eventgrid-system-topic-event-subscription';
import { ResourceGroupTemplateDeployment } from '@cdktf/provider-azurerm/lib/resource-group-template-deployment';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { MonitoringAlert } from './alert-record';
import { createLogAlert } from './alert-resources';
import { checkLocation, checkResourceGroupName, checkTags } from '../core/azure-names';
import { invalid } from '../core/errors';
import { tfLiteral } from '../core/literal';
import { checkBoolean, checkObject, checkResourceId, RESOURCE_ID } from '../core/validation';
import { NEAR_EXPIRY_DEFAULTS, NEAR_EXPIRY_EVENT_TYPES, nearExpiry } from './alerts/key-vault';
import { AlertTuning, LOG_ALERT_TIMINGS, resolveTuning } from './tuning';

/** Where the vault's Event Grid system topic delivers near-expiry events (for automation). */
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
   * Also subscribe the responders' action group itself: an event subscription with the Event
   * Grid "Azure Monitor alert" destination (`endpointType: MonitorAlert`), which azurerm 4.55
   * does not expose, so it is an ARM template deployment (Microsoft.EventGrid API
   * 2025-02-15). Each event fires an alert of the tuning's severity to `actionGroupId`.
   * @default false
   */
  readonly actionGroupAlerts?: boolean;
}

/** The API version of the Event Grid event subscription deployed through ARM. */
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
   * Also deliver the events through an Event Grid system topic on the vault (an event
   * subscription to a webhook or Event Hub). A vault has at most one system topic: leave this
   * unset when one exists already.
   * @default - no system topic; the alert reads the vault's audit log
   */
  readonly eventDelivery?: NearExpiryEventDelivery;
  /**
   * Tags.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/**
 * Near-expiry and expiry of the vault's secrets, keys and certificates reach the security
 * responders: a log alert on the Event Grid notifications the vault records in its audit log
 * (`AZKVAuditLogs`, `…NearExpiryEventGridNotification`) routed to their action group, and
 * optionally the events themselves through an Event Grid system topic on the vault. An Event
 * Grid subscription cannot target an action group in azurerm 4.55 (no Azure Monitor alert
 * destination), hence the alert on the log.
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
  /** The vault's system topic, with `eventDelivery`. */
  public readonly systemTopic?: EventgridSystemTopic;
  /** The event subscriptions, with `eventDelivery`. */
  public readonly eventSubscriptions: EventgridSystemTopicEventSubscription[];
  /** The event subscription to the action group (an ARM deployment), with `eventDelivery.actionGroupAlerts`. */
  public readonly actionGroupSubscription?: ResourceGroupTemplateDeployment;

  constructor(scope: Construct, id: string, props: KeyVaultExpiryAlertsProps) {
    super(scope, id);
    checkObject(this, 'props', props);
    const prefix = props.namePrefix;
    if (Token.isUnresolved(prefix) || !/^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/.test(prefix)) invalid(this, 'namePrefix', `'${prefix}' is not a valid prefix`, '1 to 40 letters, digits or -, starting with a letter or digit');
    checkResourceGroupName(this, 'resourceGroupName', props.resourceGroupName);
    checkLocation(this, 'location', props.location);
    checkResourceId(this, 'keyVaultId', props.keyVaultId, RESOURCE_ID.keyVault);
    const tags = checkTags(this, 'tags', props.tags);
    const tuning = resolveTuning(this, 'tuning', props.tuning, NEAR_EXPIRY_DEFAULTS, LOG_ALERT_TIMINGS, { min: 1, whole: true });
    if (props.tuning?.acknowledgeDisabled) invalid(this, 'tuning.acknowledgeDisabled', 'is set, but this construct is the near-expiry alert', 'leave the construct out instead');
    const delivery = props.eventDelivery;
    if (delivery !== undefined) {
      checkObject(this, 'eventDelivery', delivery);
      checkBoolean(this, 'eventDelivery.actionGroupAlerts', delivery.actionGroupAlerts, false);
      if (delivery.webhookUrl === undefined && delivery.eventHubId === undefined && !delivery.actionGroupAlerts) {
        invalid(this, 'eventDelivery', 'names no endpoint', 'webhookUrl, eventHubId, actionGroupAlerts: true, or several');
      }
      if (delivery.webhookUrl !== undefined && !Token.isUnresolved(delivery.webhookUrl) && !/^https:\/\/[^\s/?#]+(?:[/?#]\S*)?$/.test(delivery.webhookUrl)) {
        invalid(this, 'eventDelivery.webhookUrl', 'is not an https:// URL', 'an https:// URL without spaces');
      }
      if (delivery.eventHubId !== undefined && !Token.isUnresolved(delivery.eventHubId)
        && !/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.EventHub\/namespaces\/[^/]+\/eventhubs\/[^/]+$/.test(delivery.eventHubId)) {
        invalid(this, 'eventDelivery.eventHubId', 'is not an Event Hub id', '/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.EventHub/namespaces/<ns>/eventhubs/<hub>');
      }
    }

    const common = { prefix, resourceGroupName: props.resourceGroupName, location: props.location, actionGroupId: props.actionGroupId, tags };
    this.alert = createLogAlert(this, common, nearExpiry(tuning), props.workspaceId, true);
    this.eventSubscriptions = [];
    if (delivery) {
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
      if (delivery.webhookUrl !== undefined) this.eventSubscriptions.push(subscription('webhook', { webhookEndpoint: { url: tfLiteral(delivery.webhookUrl) } }));
      if (delivery.eventHubId !== undefined) this.eventSubscriptions.push(subscription('event-hub', { eventhubEndpointId: delivery.eventHubId }));
      if (delivery.actionGroupAlerts) {
        this.actionGroupSubscription = new ResourceGroupTemplateDeployment(this, 'Subscription-action-group', {
          name: `${prefix}-key-vault-near-expiry`,
          resourceGroupName: props.resourceGroupName,
          deploymentMode: 'Incremental',
          templateContent: JSON.stringify(monitorAlertSubscriptionTemplate()),
          parametersContent: JSON.stringify({
            systemTopicName: { value: this.systemTopic.name },
            actionGroupId: { value: props.actionGroupId },
            severity: { value: `Sev${tuning.severity}` },
          }),
        });
      }
    }
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
