export { SecurityMonitoring } from './security-monitoring';
export type { SecurityMonitoringProps, LatencyObjective } from './security-monitoring';
export { MonitoringAlertKind } from './alert-record';
export type { MonitoringAlert } from './alert-record';
export type { AlertTuning } from './tuning';
export type { LogicAppAlertReceiver, EventHubAlertReceiver } from './action-group';
export { SecurityWorkbook } from './security-workbook';
export type { SecurityWorkbookProps } from './security-workbook';
