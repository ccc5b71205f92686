/** The SecurityMonitoring props the monitoring tests start from. */
import { SecurityMonitoringProps } from '../../lib/monitoring/security-monitoring';

export const RG = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hc';

export const MONITORING_BASE: SecurityMonitoringProps = {
  namePrefix: 'hc-prod',
  resourceGroupName: 'rg-hc',
  location: 'westeurope',
  workspaceId: `${RG}/providers/Microsoft.OperationalInsights/workspaces/hc-law`,
  apimId: `${RG}/providers/Microsoft.ApiManagement/service/hc-apim`,
  securityContactEmails: ['security@example.org'],
};
