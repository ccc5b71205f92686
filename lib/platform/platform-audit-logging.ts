/** The platform's audit logging: the workspace (created or existing) and Application Insights. Internal. */
import { Construct } from 'constructs';
import type { PlatformPlan } from './platform-plan';
import { SecureHealthcareApimProps } from './secure-healthcare-apim-props';
import { asUserProps } from '../core/errors';
import { AuditLogging } from '../foundation/audit-logging';

/** The audit logging every platform resource sends its logs to. */
export function createPlatformAuditLogging(scope: Construct, props: SecureHealthcareApimProps, plan: PlatformPlan): AuditLogging {
  return asUserProps(scope, () => new AuditLogging(scope, 'AuditLogging', {
    namePrefix: plan.name,
    resourceGroupName: props.resourceGroupName,
    location: props.location,
    existingWorkspaceId: props.logAnalyticsWorkspaceId,
    retentionSeconds: props.logRetentionSeconds,
    allowDestroy: !plan.preventDestroy,
    tags: plan.rawTags,
  }), { namePrefix: 'name', existingWorkspaceId: 'logAnalyticsWorkspaceId', retentionSeconds: 'logRetentionSeconds' });
}
