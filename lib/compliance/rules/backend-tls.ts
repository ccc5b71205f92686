import { RuleCategory } from '../category';
import { block, HipaaRule, isExpression, unknownValue } from '../rule';
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
    // A literal scheme decides even when the host is an expression (`https://${azurerm_linux_web_app.x.default_hostname}`).
    const literalScheme = typeof url === 'string' && /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(url);
    if (literalScheme && !/^https:\/\//i.test(url)) return `calls ${url} without TLS`;
    const tls = block(r.config.tls);
    if (tls?.validate_certificate_chain === false) return 'skips certificate chain validation';
    if (tls?.validate_certificate_name === false) return 'skips certificate name validation';
    if (!literalScheme && isExpression(url)) return unknownValue('url', url);
    if (isExpression(r.config.tls)) return unknownValue('tls', r.config.tls);
    for (const k of ['validate_certificate_chain', 'validate_certificate_name']) if (isExpression(tls?.[k])) return unknownValue(`tls.${k}`, tls![k]);
    return undefined;
  },
};
