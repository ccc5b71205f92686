import { RuleCategory } from '../category';
import { HipaaRule, isExpression, unknownValue } from '../rule';
import { HipaaSafeguard } from '../safeguard';

export const API_HTTPS_ONLY: HipaaRule = {
  id: 'API-HTTPS-ONLY',
  category: RuleCategory.HIPAA,
  title: 'APIs accept HTTPS only',
  safeguard: HipaaSafeguard.TRANSMISSION_SECURITY,
  control: 'Azure Policy: API Management APIs should use only encrypted protocols',
  fix: 'Set protocols = ["https"]',
  resourceTypes: ['azurerm_api_management_api'],
  check(r) {
    const protocols = r.config.protocols;
    if (isExpression(protocols)) return unknownValue('protocols', protocols);
    if (!Array.isArray(protocols) || protocols.length === 0) return 'does not set protocols, so the transport is not evidenced';
    const plain = protocols.filter((p) => p !== 'https' && p !== 'wss' && !isExpression(p));
    if (plain.length) return `accepts ${plain.join(', ')}`;
    const dynamic = protocols.find((p) => isExpression(p));
    if (dynamic !== undefined) return unknownValue('protocols', dynamic);
    return undefined;
  },
};
