import { RuleCategory } from '../category';
import { block, HipaaRule, isExpression, unknownValue } from '../rule';
import { HipaaSafeguard } from '../safeguard';

/** Identity providers of the developer portal that are not Entra ID. */
export const NON_ENTRA_PROVIDERS = [
  'azurerm_api_management_identity_provider_facebook', 'azurerm_api_management_identity_provider_google',
  'azurerm_api_management_identity_provider_microsoft', 'azurerm_api_management_identity_provider_twitter',
];

/** Whether the SKU has the classic developer portal settings (sign-up, sign-in, tenant access). */
export function hasClassicPortal(skuName: unknown): boolean {
  return typeof skuName !== 'string' || /^(Developer|Basic|Standard|Premium)_/.test(skuName);
}

/** Whether a template deployment switches the portal's username/password sign-in off. */
function disablesBasicAuth(templateContent: unknown): boolean {
  return typeof templateContent === 'string' && /microsoft\.apimanagement\/service\/portalconfigs/i.test(templateContent)
    && /"enableBasicAuth"\s*:\s*false/.test(templateContent);
}

export const APIM_PORTAL_SIGN_IN: HipaaRule = {
  id: 'APIM-PORTAL-SIGN-IN',
  category: RuleCategory.HIPAA,
  title: 'The developer portal has self sign-up and username/password sign-in off and signs users in through Entra ID only',
  safeguard: HipaaSafeguard.AUTHENTICATION,
  control: 'Microsoft cloud security benchmark IM-1 (use a centralized identity and authentication system)',
  fix: 'Set sign_up { enabled = false }, add an azurerm_api_management_identity_provider_aad, remove Facebook, Google, Microsoft account and Twitter providers, '
    + 'and set portalconfigs/default enableBasicAuth = false (an azurerm_resource_group_template_deployment; SecureHealthcareApim does it)',
  resourceTypes: ['azurerm_api_management'],
  check(r, stack) {
    const social = stack.referencing(r, ...NON_ENTRA_PROVIDERS);
    if (social.length) return `has developer portal sign-in through ${social.map((s) => s.type.replace('azurerm_api_management_identity_provider_', '')).join(', ')}`;
    const sku = r.config.sku_name;
    if (typeof sku === 'string' && sku.startsWith('Consumption')) return undefined;
    // An expression SKU may be Consumption (no portal) or a V2 tier (no classic settings): what applies is unknown.
    const skuUnknown = isExpression(sku) ? unknownValue('sku_name', sku) : undefined;
    const deployments = stack.referencing(r, 'azurerm_resource_group_template_deployment');
    if (!deployments.some((d) => disablesBasicAuth(d.config.template_content))) {
      const dynamic = deployments.find((d) => isExpression(d.config.template_content));
      if (dynamic) return unknownValue(`the template_content of ${dynamic.address}`, dynamic.config.template_content);
      return skuUnknown ?? 'keeps username/password sign-in to the developer portal (portal config enableBasicAuth is not set to false)';
    }
    if (!skuUnknown && !hasClassicPortal(sku)) return undefined;
    const signUp = block(r.config.sign_up)?.enabled;
    if (signUp !== false) {
      if (isExpression(signUp)) return unknownValue('sign_up.enabled', signUp);
      return skuUnknown ?? 'does not set sign_up.enabled = false, so anyone can create a developer account';
    }
    const entra = stack.referencing(r, 'azurerm_api_management_identity_provider_aad', 'azurerm_api_management_identity_provider_aadb2c');
    if (!entra.length) return skuUnknown ?? 'has no Entra ID identity provider, so developers sign in with username and password';
    return undefined;
  },
};
