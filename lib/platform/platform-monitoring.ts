import { TerraformStack, Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { HealthcareCompliance } from '../compliance/healthcare-compliance';
import { warnOptOut } from '../compliance/opt-out';
import { asUserProps, invalid, invalidMessage } from '../core/errors';
import { checkArray, checkBoolean, checkObject } from '../core/validation';
import { DefenderPlans, DefenderPlansProps } from '../monitoring/defender-plans';
import { KeyVaultExpiryAlerts, NearExpiryEventDelivery } from '../monitoring/key-vault-expiry';
import { SecurityMonitoringOptions } from '../monitoring/options';
import { SecurityMonitoring } from '../monitoring/security-monitoring';
import { SecurityWorkbook } from '../monitoring/security-workbook';

/** The platform props this module reads (a subset of `SecureHealthcareApimProps`). */
export interface PlatformMonitoringProps {
  readonly publisherEmail: string;
  readonly securityContactEmails?: string[];
  readonly monitoring?: SecurityMonitoringOptions;
  readonly acknowledgeNoSecurityMonitoring?: boolean;
  readonly defenderPlans?: DefenderPlansProps;
  readonly acknowledgeDefenderManagedCentrally?: boolean;
  readonly keyVaultEventDelivery?: NearExpiryEventDelivery;
  readonly acknowledgeKeyVaultEventsHandledCentrally?: boolean;
}

/** What the platform's monitoring created. */
export interface PlatformMonitoring {
  readonly monitoring?: SecurityMonitoring;
  /** The platform vault's near-expiry routes (system topic, subscriptions, log alert). */
  readonly keyVaultExpiry?: KeyVaultExpiryAlerts;
}

/** What the platform supplies to its monitoring. */
export interface PlatformMonitoringContext {
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly workspaceId: string;
  readonly apimId: string;
  /** The subscription id (a reference), for the activity-log alerts' resource-group scope. */
  readonly subscriptionId: string;
  readonly applicationGatewayId?: string;
  /** The edge public IP, when DDoS Protection covers it. */
  readonly ddosProtectedPublicIpId?: string;
  /** False for a Consumption instance, which has no Capacity metric. */
  readonly apimReportsCapacity: boolean;
  /** The platform vault, whose near-expiry notifications alert the security action group. */
  readonly keyVaultId?: string;
  readonly tags?: { [key: string]: string };
}

/** Compliance rules the monitoring evidences, suppressed on the platform when an opt-out removes what they look for. */
const MONITORING_RULES = ['MONITOR-ACTION-GROUP', 'MONITOR-FAILED-AUTH-ALERT', 'MONITOR-ADMIN-ACTIVITY-ALERT', 'KV-NEAR-EXPIRY-ROUTING'];

/** Run-time types and combinations of the monitoring props, before anything is built. */
export function checkMonitoringProps(scope: Construct, props: PlatformMonitoringProps): void {
  const off = checkBoolean(scope, 'acknowledgeNoSecurityMonitoring', props.acknowledgeNoSecurityMonitoring, false);
  const centralEvents = checkBoolean(scope, 'acknowledgeKeyVaultEventsHandledCentrally', props.acknowledgeKeyVaultEventsHandledCentrally, false);
  const central = checkBoolean(scope, 'acknowledgeDefenderManagedCentrally', props.acknowledgeDefenderManagedCentrally, false);
  if (props.monitoring !== undefined) checkObject(scope, 'monitoring', props.monitoring);
  if (props.defenderPlans !== undefined) checkObject(scope, 'defenderPlans', props.defenderPlans);
  if (props.securityContactEmails !== undefined) checkArray(scope, 'securityContactEmails', props.securityContactEmails);
  if (props.keyVaultEventDelivery !== undefined) checkObject(scope, 'keyVaultEventDelivery', props.keyVaultEventDelivery);
  if (off) {
    for (const key of ['monitoring', 'securityContactEmails', 'keyVaultEventDelivery', 'acknowledgeKeyVaultEventsHandledCentrally'] as const) {
      if (props[key] !== undefined) invalid(scope, key, 'is set together with acknowledgeNoSecurityMonitoring, so it would be ignored', `leave ${key} unset, or drop the opt-out`);
    }
  }
  if (centralEvents && props.keyVaultEventDelivery !== undefined) {
    invalid(scope, 'keyVaultEventDelivery', 'is set together with acknowledgeKeyVaultEventsHandledCentrally, so no system topic would carry it', 'leave keyVaultEventDelivery unset, or drop the opt-out');
  }
  if (central && props.defenderPlans !== undefined) {
    invalid(scope, 'defenderPlans', 'is set together with acknowledgeDefenderManagedCentrally, so it would be ignored', 'leave defenderPlans unset, or drop the opt-out');
  }
  if (props.monitoring?.existingActionGroupId !== undefined && props.securityContactEmails !== undefined) {
    invalid(scope, 'securityContactEmails', 'is set together with monitoring.existingActionGroupId', 'either an existing action group, or the security contact of a new one');
  }
}

/**
 * The platform's detect-and-respond wiring: `SecurityMonitoring` over the platform's workspace,
 * instance and edge (unless `acknowledgeNoSecurityMonitoring`), routed to an action group that
 * e-mails `securityContactEmails` (default: the publisher e-mail).
 */
export function createPlatformMonitoring(scope: Construct, props: PlatformMonitoringProps,
  ctx: PlatformMonitoringContext): PlatformMonitoring {
  if (props.acknowledgeNoSecurityMonitoring) {
    warnOptOut(scope, 'acknowledgeNoSecurityMonitoring', 'no security alerts, no action group and no security workbook: failed authentication, attacks, outages and '
      + 'control-plane changes reach nobody; review the logs some other way.', MONITORING_RULES);
    return {};
  }
  const options = props.monitoring ?? {};
  const emails = options.existingActionGroupId !== undefined ? undefined : (props.securityContactEmails ?? [props.publisherEmail]);
  // A token name (unknown until apply) cannot name the alerts: they fall back to a fixed prefix.
  const namePrefix = Token.isUnresolved(ctx.name) ? 'apim' : ctx.name.slice(0, 40).replace(/-+$/, '');
  const monitoring = asUserProps(scope, () => new SecurityMonitoring(scope, 'Monitoring', {
    ...options,
    namePrefix,
    activityLogScopeIds: options.activityLogScopeIds ?? [`/subscriptions/${ctx.subscriptionId}/resourceGroups/${ctx.resourceGroupName}`],
    resourceGroupName: ctx.resourceGroupName,
    location: ctx.location,
    workspaceId: ctx.workspaceId,
    apimId: ctx.apimId,
    applicationGatewayId: ctx.applicationGatewayId,
    ddosProtectedPublicIpId: ctx.ddosProtectedPublicIpId,
    apimReportsCapacity: ctx.apimReportsCapacity,
    securityContactEmails: emails,
    tags: ctx.tags,
  }), {
    securityContactEmails: props.securityContactEmails !== undefined ? 'securityContactEmails' : 'publisherEmail',
    namePrefix: 'name',
    resourceGroupName: 'resourceGroupName',
    location: 'location',
    tags: 'tags',
  }, 'monitoring.');
  // Secrets, keys and certificates of the platform vault about to expire: the same responders,
  // through an Event Grid subscription on the vault (unless its events are subscribed centrally).
  const keyVaultId = ctx.keyVaultId;
  let keyVaultExpiry: KeyVaultExpiryAlerts | undefined;
  if (keyVaultId !== undefined) {
    // The platform names its own prop; the construct below then does not warn a second time.
    if (props.acknowledgeKeyVaultEventsHandledCentrally) {
      warnOptOut(scope, 'acknowledgeKeyVaultEventsHandledCentrally', 'no Event Grid system topic or subscription on the platform vault: near-expiry of its secrets, '
        + 'keys and certificates reaches the responders only through the central subscription (Key Vault raises the events only while one exists).', ['KV-NEAR-EXPIRY-ROUTING']);
    }
    keyVaultExpiry = asUserProps(scope, () => new KeyVaultExpiryAlerts(scope, 'KeyVaultExpiry', {
      namePrefix,
      resourceGroupName: ctx.resourceGroupName,
      location: ctx.location,
      keyVaultId,
      workspaceId: ctx.workspaceId,
      actionGroupId: monitoring.actionGroupId,
      eventDelivery: props.keyVaultEventDelivery,
      acknowledgeEventsHandledCentrally: props.acknowledgeKeyVaultEventsHandledCentrally,
      tags: ctx.tags,
    }), { eventDelivery: 'keyVaultEventDelivery', acknowledgeEventsHandledCentrally: 'acknowledgeKeyVaultEventsHandledCentrally' });
  }
  // What on-call opens first: the security workbook over the same workspace.
  new SecurityWorkbook(scope, 'SecurityWorkbook', {
    name: namePrefix,
    resourceGroupName: ctx.resourceGroupName,
    location: ctx.location,
    workspaceId: ctx.workspaceId,
    tags: ctx.tags,
  });
  // The opt-outs inside `monitoring` warn on the monitoring construct; the rules they make fire are accepted on the platform.
  const disabled = new Set(monitoring.disabledAlerts);
  if (disabled.has('failedAuthenticationByCaller') && disabled.has('failedAuthenticationByApi')) {
    HealthcareCompliance.suppress(scope, 'MONITOR-FAILED-AUTH-ALERT',
      'Accepted through the named opt-outs monitoring.failedAuthenticationByCaller and monitoring.failedAuthenticationByApi acknowledgeDisabled: failed authentication raises no alert.');
  }
  if (disabled.has('activityLog')) {
    HealthcareCompliance.suppress(scope, 'MONITOR-ADMIN-ACTIVITY-ALERT',
      'Accepted through the named opt-out monitoring.acknowledgeNoActivityLogAlerts: control-plane changes raise no alert.');
  }
  return { monitoring, keyVaultExpiry };
}

/**
 * The subscription's Defender plans (APIs, Key Vault, Resource Manager), unless
 * `acknowledgeDefenderManagedCentrally`. Two platforms of one stack creating them would fight
 * over the same per-subscription singletons: refused at synth.
 */
export function createPlatformDefenderPlans(scope: Construct, props: PlatformMonitoringProps): DefenderPlans | undefined {
  if (props.acknowledgeDefenderManagedCentrally) {
    warnOptOut(scope, 'acknowledgeDefenderManagedCentrally', 'the Defender for APIs, Key Vault and Resource Manager plans are not managed here: '
      + 'they must be on (tier Standard) in this subscription through the central configuration, and ProtectedApis are not onboarded unless you call onboardApiToDefender.',
    ['DEFENDER-FOR-APIS']);
    return undefined;
  }
  const plans = asUserProps(scope, () => new DefenderPlans(scope, 'DefenderPlans', props.defenderPlans ?? {}), {}, 'defenderPlans.');
  plans.node.addValidation({ validate: () => singletonProblem(scope, plans) });
  return plans;
}

function singletonProblem(scope: IConstruct, plans: DefenderPlans): string[] {
  const others = TerraformStack.of(plans).node.findAll().filter((c) => c instanceof DefenderPlans && c !== plans);
  if (others.length === 0) return [];
  return [invalidMessage(scope, 'acknowledgeDefenderManagedCentrally', `is unset, but ${others.map((o) => o.node.path).join(', ')} also manages the subscription's Defender plans `
    + '(per-subscription singletons: two resources for one plan fight each other)', 'acknowledgeDefenderManagedCentrally: true on every platform of the subscription but one')];
}
