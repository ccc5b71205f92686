export { HealthcareCompliance, EVIDENCE_JSON_FILE, EVIDENCE_MARKDOWN_FILE } from './healthcare-compliance';
export type { ComplianceRuleInfo } from './healthcare-compliance';
export { RuleCategory } from './category';
export { ComplianceStatus } from './report';
export type {
  ComplianceReport, ComplianceSummary, DeployabilityResult, DeployabilityRuleResult, RuleResult, ResourceEvidence, SafeguardResult, SuppressionRecord,
} from './report';
export { HipaaSafeguard } from './safeguard';
export type { AlertRoute } from './alert-routing';
