import { MonitorActionGroup } from '@cdktf/provider-azurerm/lib/monitor-action-group';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { checkEmail } from '../core/azure-names';
import { invalid } from '../core/errors';
import { tfLiteral } from '../core/literal';
import { isGuid, isResourceIdOf } from '../core/validation';

/** A Logic App that receives alerts (e.g. to open a ticket or start a playbook). */
export interface LogicAppAlertReceiver {
  /** The Logic App (workflow) resource id. */
  readonly resourceId: string;
  /** The HTTP trigger callback URL (it carries a signature: it is stored in Terraform state). */
  readonly callbackUrl: string;
}

/** An Event Hub that receives alerts (e.g. for a SIEM). */
export interface EventHubAlertReceiver {
  /** The Event Hub namespace name. */
  readonly eventHubNamespace: string;
  /** The Event Hub name. */
  readonly eventHubName: string;
  /**
   * The subscription (its GUID) of the namespace.
   * @default - the subscription of the action group
   */
  readonly subscriptionId?: string;
}

/** Who an action group notifies. */
export interface ActionGroupReceivers {
  readonly shortName: string;
  readonly emails: string[];
  readonly webhookUrls: string[];
  readonly logicApp?: LogicAppAlertReceiver;
  readonly eventHub?: EventHubAlertReceiver;
}

/** Validates receivers; errors name the prop. */
export function checkReceivers(scope: Construct, receivers: ActionGroupReceivers): void {
  if (Token.isUnresolved(receivers.shortName) || !/^[A-Za-z0-9][A-Za-z0-9 _-]{0,11}$/.test(receivers.shortName)) {
    invalid(scope, 'actionGroupShortName', `'${receivers.shortName}' is not a valid short name`, '1 to 12 letters, digits, spaces, _ or -, starting with a letter or digit');
  }
  if (receivers.emails.length === 0) invalid(scope, 'securityContactEmails', 'is empty', 'at least one e-mail address of the security contact (or existingActionGroupId)');
  receivers.emails.forEach((e, i) => checkEmail(scope, `securityContactEmails[${i}]`, e));
  if (new Set(receivers.emails.map((e) => e.toLowerCase())).size !== receivers.emails.length) invalid(scope, 'securityContactEmails', 'has duplicates', 'distinct addresses');
  receivers.webhookUrls.forEach((u, i) => {
    if (!Token.isUnresolved(u) && !/^https:\/\/[^\s/?#]+(?:[/?#]\S*)?$/.test(u)) invalid(scope, `webhookUrls[${i}]`, 'is not an https:// URL', 'an https:// URL without spaces');
  });
  const logicApp = receivers.logicApp;
  if (logicApp) {
    if (!Token.isUnresolved(logicApp.resourceId) && !isResourceIdOf(logicApp.resourceId, 'Microsoft.Logic/workflows/*', true)) {
      invalid(scope, 'logicAppReceiver.resourceId', 'is not a Logic App workflow id', '/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Logic/workflows/<name>');
    }
    if (!Token.isUnresolved(logicApp.callbackUrl) && !/^https:\/\/\S+$/.test(logicApp.callbackUrl)) invalid(scope, 'logicAppReceiver.callbackUrl', 'is not an https:// URL', 'the https:// callback URL of the HTTP trigger');
  }
  const hub = receivers.eventHub;
  if (hub) {
    for (const [prop, value] of [['eventHubNamespace', hub.eventHubNamespace], ['eventHubName', hub.eventHubName]] as const) {
      if (!Token.isUnresolved(value) && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,255}$/.test(value)) invalid(scope, `eventHubReceiver.${prop}`, `'${value}' is not a valid name`, 'letters, digits, ., _ and -');
    }
    // azurerm monitor_action_group_resource.go: event_hub_receiver.subscription_id is validation.IsUUID.
    if (hub.subscriptionId !== undefined && !Token.isUnresolved(hub.subscriptionId) && !isGuid(hub.subscriptionId)) {
      invalid(scope, 'eventHubReceiver.subscriptionId', `'${hub.subscriptionId}' is not a subscription id`, 'the GUID of the subscription that holds the Event Hubs namespace');
    }
  }
}

/** Creates the security action group; every receiver uses the common alert schema. */
export function createActionGroup(scope: Construct, id: string, name: string, resourceGroupName: string, receivers: ActionGroupReceivers,
  tags: { [key: string]: string } | undefined): MonitorActionGroup {
  return new MonitorActionGroup(scope, id, {
    name,
    resourceGroupName,
    location: 'global',
    shortName: receivers.shortName,
    enabled: true,
    emailReceiver: receivers.emails.map((emailAddress, i) => ({ name: `security-contact-${i + 1}`, emailAddress: tfLiteral(emailAddress), useCommonAlertSchema: true })),
    webhookReceiver: receivers.webhookUrls.map((serviceUri, i) => ({ name: `webhook-${i + 1}`, serviceUri: tfLiteral(serviceUri), useCommonAlertSchema: true })),
    logicAppReceiver: receivers.logicApp ? [{
      name: 'logic-app',
      resourceId: receivers.logicApp.resourceId,
      callbackUrl: tfLiteral(receivers.logicApp.callbackUrl),
      useCommonAlertSchema: true,
    }] : undefined,
    eventHubReceiver: receivers.eventHub ? [{
      name: 'event-hub',
      eventHubNamespace: receivers.eventHub.eventHubNamespace,
      eventHubName: receivers.eventHub.eventHubName,
      subscriptionId: receivers.eventHub.subscriptionId,
      useCommonAlertSchema: true,
    }] : undefined,
    tags,
  });
}
