import { RuleCategory } from '../category';
import { block, expressionIn, HipaaRule, isExpression, unknownValue } from '../rule';
import { HipaaSafeguard } from '../safeguard';

/** Every weak protocol and cipher switch of `azurerm_api_management.security`. */
export const WEAK_SECURITY_SETTINGS = [
  'frontend_ssl30_enabled', 'frontend_tls10_enabled', 'frontend_tls11_enabled',
  'backend_ssl30_enabled', 'backend_tls10_enabled', 'backend_tls11_enabled',
  'triple_des_ciphers_enabled',
  'tls_ecdhe_ecdsa_with_aes128_cbc_sha_ciphers_enabled', 'tls_ecdhe_ecdsa_with_aes256_cbc_sha_ciphers_enabled',
  'tls_ecdhe_rsa_with_aes128_cbc_sha_ciphers_enabled', 'tls_ecdhe_rsa_with_aes256_cbc_sha_ciphers_enabled',
  'tls_rsa_with_aes128_cbc_sha256_ciphers_enabled', 'tls_rsa_with_aes128_cbc_sha_ciphers_enabled',
  'tls_rsa_with_aes256_cbc_sha256_ciphers_enabled', 'tls_rsa_with_aes256_cbc_sha_ciphers_enabled',
];

export const APIM_WEAK_TLS: HipaaRule = {
  id: 'APIM-WEAK-TLS',
  category: RuleCategory.HIPAA,
  title: 'API Management sets SSL 3.0, TLS 1.0, TLS 1.1, triple DES and CBC ciphers off explicitly, frontend and backend',
  safeguard: HipaaSafeguard.TRANSMISSION_SECURITY,
  control: 'Microsoft cloud security benchmark DP-3 (encrypt sensitive data in transit)',
  fix: 'Add a security block that sets every *_ssl30_enabled, *_tls10_enabled, *_tls11_enabled, triple_des_ciphers_enabled and *_cbc_* cipher switch to false',
  resourceTypes: ['azurerm_api_management'],
  check(r) {
    if (isExpression(r.config.security)) return unknownValue('security', r.config.security);
    const security = block(r.config.security);
    if (!security) return 'has no security block, so the protocol and cipher settings are not evidenced';
    const weak = WEAK_SECURITY_SETTINGS.filter((k) => security[k] === true);
    if (weak.length) return `enables ${weak.join(', ')}`;
    const expression = expressionIn(security, WEAK_SECURITY_SETTINGS);
    if (expression) return unknownValue(`security.${expression[0]}`, expression[1]);
    const unset = WEAK_SECURITY_SETTINGS.filter((k) => security[k] !== false);
    if (unset.length) return `leaves ${unset.join(', ')} unset instead of false`;
    return undefined;
  },
};
