export { SecurityMonitoring } from './security-monitoring';
export type { SecurityMonitoringProps } from './security-monitoring';
export type { SecurityMonitoringOptions, LatencyObjective } from './options';
export { MonitoringAlertKind } from './alert-record';
export type { MonitoringAlert } from './alert-record';
export type { AlertTuning } from './tuning';
export type { LogicAppAlertReceiver, EventHubAlertReceiver } from './action-group';
export { DefenderPlans } from './defender-plans';
export type { DefenderPlansProps, DefenderApiOnboarding } from './defender-plans';
