import { RuleCategory } from '../category';
import { blocks, DeployabilityRule, isExpression, ResourceView, StackView, Unknown } from '../rule';

/** An IPv4 or IPv6 address (a backend that needs no DNS). */
const IP_ADDRESS = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]*)$/i;

/** A literal lower-case name, or undefined for an expression. */
function literal(value: unknown): string | undefined {
  return typeof value === 'string' && !isExpression(value) ? value.toLowerCase().replace(/\.$/, '') : undefined;
}

/**
 * The private DNS zone of the stack that answers for `fqdn`, with the record name the answer
 * needs: the most specific zone equal to the name or a parent of it (record `@` or the
 * leading labels), else a `privatelink.<suffix>` zone, which answers `<x>.<suffix>` through
 * the public CNAME `<x>.privatelink.<suffix>` (record `<x>`).
 */
function servingZone(fqdn: string, stack: StackView): { zone: ResourceView; record: string } | undefined {
  let best: { zone: ResourceView; record: string; rank: number } | undefined;
  for (const zone of stack.ofType('azurerm_private_dns_zone')) {
    const name = literal(zone.config.name);
    if (!name) continue;
    const suffix = name.startsWith('privatelink.') ? name.slice('privatelink.'.length) : undefined;
    let candidate: { record: string; rank: number } | undefined;
    if (fqdn === name) candidate = { record: '@', rank: 1000 + name.length };
    else if (fqdn.endsWith(`.${name}`)) candidate = { record: fqdn.slice(0, -name.length - 1), rank: 1000 + name.length };
    else if (suffix && fqdn.endsWith(`.${suffix}`)) candidate = { record: fqdn.slice(0, -suffix.length - 1), rank: suffix.length };
    if (candidate && (!best || candidate.rank > best.rank)) best = { zone, ...candidate };
  }
  return best && { zone: best.zone, record: best.record };
}

/** Whether a zone-name or zone-id value points to the zone: a reference to it, or its literal name. */
function inZone(value: unknown, zone: ResourceView, stack: StackView): boolean {
  return stack.referencedBy(value).includes(zone) || (literal(value) !== undefined && literal(value) === literal(zone.config.name));
}

/** What resolves the record in the zone: A records of that name (or an expression name), and private endpoints registering in the zone. */
function resolvers(zone: ResourceView, record: string, stack: StackView): ResourceView[] {
  const aRecords = stack.ofType('azurerm_private_dns_a_record').filter((a) => inZone(a.config.zone_name, zone, stack)
    && (literal(a.config.name) === undefined || literal(a.config.name) === record));
  const endpoints = stack.ofType('azurerm_private_endpoint').filter((pe) => blocks(pe.config.private_dns_zone_group)
    .some((g) => stack.referencedBy(g.private_dns_zone_ids).includes(zone)));
  return [...aRecords, ...endpoints];
}

/**
 * Application Gateway resolves a backend pool FQDN when it is created or updated and caches
 * a failed lookup: a name whose private DNS record appears later in the same apply (APIM
 * takes 30 to 90 minutes, and its A records follow it) leaves the backend unhealthy until the
 * gateway is updated again. The gateway must be created after the record that resolves the
 * name and after the zone's virtual network link. Backends given as IP addresses need no DNS.
 */
export const DEPLOY_APPGW_DNS_ORDER: DeployabilityRule = {
  id: 'DEPLOY-APPGW-DNS-ORDER',
  category: RuleCategory.DEPLOYABILITY,
  title: 'An Application Gateway whose backend FQDN is served by a private DNS zone of the stack is created after the record that resolves it and the zone\'s virtual network link',
  control: 'Application Gateway caches a failed DNS lookup of a backend pool FQDN: a private record created later in the same apply leaves the backend unhealthy until the gateway is updated',
  fix: 'Make the gateway depend on the private DNS A record (or the private endpoint registering in the zone) and on the azurerm_private_dns_zone_virtual_network_link, '
    + 'or use the backend\'s private IP addresses with a host-name override',
  resourceTypes: ['azurerm_application_gateway'],
  check(r, stack) {
    const zones = stack.ofType('azurerm_private_dns_zone');
    const unnamedZone = zones.find((z) => literal(z.config.name) === undefined);
    let undecided: Unknown | undefined;
    for (const pool of blocks(r.config.backend_address_pool)) {
      const fqdns: unknown[] = Array.isArray(pool.fqdns) ? pool.fqdns : isExpression(pool.fqdns) ? [pool.fqdns] : [];
      for (const value of fqdns) {
        const fqdn = literal(value);
        if (fqdn === undefined && zones.length) {
          undecided ??= new Unknown(`has backend ${String(value)} (pool ${pool.name ?? 'unnamed'}), an expression not known at synth, so whether a private DNS zone of the stack serves it is unknown`);
        }
        if (!fqdn || IP_ADDRESS.test(fqdn)) continue;
        const served = servingZone(fqdn, stack);
        if (!served) {
          if (unnamedZone) {
            undecided ??= new Unknown(`has backend ${fqdn} (pool ${pool.name ?? 'unnamed'}), and ${unnamedZone.address} has a name not known at synth, so whether it serves the backend is unknown`);
          }
          continue;
        }
        const { zone, record } = served;
        const where = `backend ${fqdn} (pool ${pool.name ?? 'unnamed'}) is served by ${zone.address}`;
        const found = resolvers(zone, record, stack);
        if (!found.length) return `${where}, but no record of the stack resolves it (record '${record}'): Application Gateway caches the failed lookup`;
        if (!found.some((x) => stack.dependsOn(r, x))) {
          return `${where}, but the gateway is not ordered after ${found.map((x) => x.address).join(' or ')}, which resolves it: Application Gateway caches the failed lookup`;
        }
        const links = stack.ofType('azurerm_private_dns_zone_virtual_network_link').filter((l) => inZone(l.config.private_dns_zone_name, zone, stack));
        if (!links.length) return `${where}, which has no virtual network link in the stack: Application Gateway caches the failed lookup`;
        if (!links.some((l) => stack.dependsOn(r, l))) {
          return `${where}, but the gateway is not ordered after the zone's virtual network link ${links.map((l) => l.address).join(' or ')}: Application Gateway caches the failed lookup`;
        }
      }
    }
    return undecided;
  },
};
