import { RuleCategory } from '../category';
import { block, HipaaRule, isExpression } from '../rule';
import { HipaaSafeguard } from '../safeguard';

export const BACKEND_TLS: HipaaRule = {
  id: 'BACKEND-TLS',
  category: RuleCategory.HIPAA,
  title: 'Backends are called over HTTPS with certificate chain and name validation',
  safeguard: HipaaSafeguard.TRANSMISSION_SECURITY,
  control: 'Azure Policy: API Management calls to API backends should not bypass certificate thumbprint or name validation; API Management backends should use HTTPS',
  fix: 'Use an https:// url and keep tls { validate_certificate_chain = true, validate_certificate_name = true }',
  resourceTypes: ['azurerm_api_management_backend'],
  check(r) {
    const url = r.config.url;
    if (typeof url === 'string' && !isExpression(url) && !/^https:\/\//i.test(url)) return `calls ${url} without TLS`;
    const tls = block(r.config.tls);
    if (tls?.validate_certificate_chain === false) return 'skips certificate chain validation';
    if (tls?.validate_certificate_name === false) return 'skips certificate name validation';
    return undefined;
  },
};
