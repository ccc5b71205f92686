import { RuleCategory } from '../category';
import { DeployabilityRule, isExpression, unknownValue } from '../rule';

/**
 * Azure stores a zone-redundant Standard public IP as zones 1, 2 and 3, whatever subset was
 * requested: any other list of several zones differs from what Azure returns, and azurerm
 * replaces the IP on every later plan (hashicorp/terraform-provider-azurerm#16470, #18741).
 * No zones (regional) and exactly one zone (zonal) are stored as given. Zones given as an
 * expression are unknown at synth.
 */
export const DEPLOY_PUBLIC_IP_ZONES: DeployabilityRule = {
  id: 'DEPLOY-PUBLIC-IP-ZONES',
  category: RuleCategory.DEPLOYABILITY,
  title: 'Public IPs list no zones, exactly one zone, or all of zones 1, 2 and 3, so later plans do not replace them',
  control: 'Azure stores a zone-redundant Standard public IP as zones 1, 2, 3; any other list forces replacement on every plan (azurerm#16470, azurerm#18741)',
  fix: 'Set zones = ["1", "2", "3"] for a zone-redundant IP (or one zone for a zonal IP), whatever zones the gateway in front of it uses',
  resourceTypes: ['azurerm_public_ip'],
  check(r) {
    const zones: unknown = r.config.zones;
    if (isExpression(zones)) return unknownValue('zones', zones);
    if (zones === undefined || zones === null || !Array.isArray(zones)) return undefined;
    if (zones.some((z) => isExpression(z))) return unknownValue('zones', zones);
    if (zones.some((z) => typeof z !== 'string')) return undefined;
    const set = new Set(zones as string[]);
    if (set.size <= 1) return undefined;
    if (set.size === 3 && ['1', '2', '3'].every((z) => set.has(z))) return undefined;
    return `lists zones ${zones.join(', ')}: Azure stores a zone-redundant IP as 1, 2, 3, so every later plan replaces it (azurerm#16470, #18741)`;
  },
};
