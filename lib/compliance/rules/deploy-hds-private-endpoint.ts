import { RuleCategory } from '../category';
import { blocks, DeployabilityRule, isExpression, ResourceView, StackView, Unknown } from '../rule';

/** The private DNS zone of a Health Data Services workspace endpoint. */
export const HDS_WORKSPACE_ZONE = 'privatelink.workspace.azurehealthcareapis.com';
/** The private DNS zone of Azure API for FHIR (Microsoft.HealthcareApis/services), not of workspaces. */
export const API_FOR_FHIR_ZONE = 'privatelink.azurehealthcareapis.com';

/** The zone name a private_dns_zone_ids entry points to: a zone of the stack with a literal name, or the last segment of a literal id; undefined when unknown. */
function zoneName(id: unknown, stack: StackView): string | undefined {
  const zone = stack.referencedBy(id).find((z) => z.type === 'azurerm_private_dns_zone');
  if (zone) return typeof zone.config.name === 'string' && !isExpression(zone.config.name) ? zone.config.name.toLowerCase() : undefined;
  if (typeof id !== 'string' || isExpression(id)) return undefined;
  return /\/privateDnsZones\/([^/]+)$/i.exec(id)?.[1]?.toLowerCase();
}

/**
 * A Health Data Services workspace private endpoint (subresource healthcareworkspace)
 * registers in privatelink.workspace.azurehealthcareapis.com; privatelink.azurehealthcareapis.com
 * is the zone of Azure API for FHIR. The endpoint registers the DNS records of the FHIR
 * services that exist when it is created: created before a FHIR service of its workspace,
 * that service's record never appears (azure-notes: Health Data Services private endpoint).
 */
export const DEPLOY_HDS_PRIVATE_ENDPOINT: DeployabilityRule = {
  id: 'DEPLOY-HDS-PRIVATE-ENDPOINT',
  category: RuleCategory.DEPLOYABILITY,
  title: `A Health Data Services workspace private endpoint registers in ${HDS_WORKSPACE_ZONE} and is created after every FHIR service of its workspace`,
  control: `Health Data Services workspace endpoints use the ${HDS_WORKSPACE_ZONE} zone (${API_FOR_FHIR_ZONE} is Azure API for FHIR); an endpoint created before a FHIR service never gets that service's DNS record`,
  fix: `Put a zone named ${HDS_WORKSPACE_ZONE} in private_dns_zone_group.private_dns_zone_ids and make the private endpoint depend on every azurerm_healthcare_fhir_service of the workspace`,
  resourceTypes: ['azurerm_private_endpoint'],
  check(r, stack) {
    const connections = blocks(r.config.private_service_connection).filter((c) => Array.isArray(c.subresource_names)
      && c.subresource_names.some((s: unknown) => typeof s === 'string' && s.toLowerCase() === 'healthcareworkspace'));
    if (!connections.length) return undefined;
    const ids = blocks(r.config.private_dns_zone_group).flatMap((g): unknown[] => {
      const z: unknown = g.private_dns_zone_ids;
      return Array.isArray(z) ? z : z === undefined ? [] : [z];
    });
    const names = ids.map((id) => zoneName(id, stack));
    if (names.includes(API_FOR_FHIR_ZONE)) return `registers in ${API_FOR_FHIR_ZONE}, the zone of Azure API for FHIR, not ${HDS_WORKSPACE_ZONE}`;
    const unnamed = ids.filter((_, i) => names[i] === undefined);
    if (!names.includes(HDS_WORKSPACE_ZONE) && !unnamed.length) return `registers in no ${HDS_WORKSPACE_ZONE} zone, so the workspace's names do not resolve to it`;
    const workspaces = connections.flatMap((c) => stack.referencedBy(c.private_connection_resource_id)).filter((w) => w.type === 'azurerm_healthcare_workspace');
    const early = stack.ofType('azurerm_healthcare_fhir_service')
      .filter((f) => stack.referencedBy(f.config.workspace_id).some((w) => workspaces.includes(w)) && !stack.dependsOn(r, f));
    if (early.length) return `is not ordered after ${early.map((f: ResourceView) => f.address).join(', ')} of its workspace, so their DNS records never appear in the private zone`;
    if (!names.includes(HDS_WORKSPACE_ZONE)) {
      return new Unknown(`registers in private DNS zone(s) whose name is not known at synth (${unnamed.map(String).join(', ')}), so whether one is ${HDS_WORKSPACE_ZONE} is unknown`);
    }
    return undefined;
  },
};
