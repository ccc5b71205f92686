import { RuleCategory } from '../category';
import { HipaaRule, isExpression, unknownValue } from '../rule';
import { HipaaSafeguard } from '../safeguard';

/** The oldest management API version Azure Policy accepts. */
export const MIN_SAFE_API_VERSION = '2019-12-01';

export const APIM_MIN_API_VERSION: HipaaRule = {
  id: 'APIM-MIN-API-VERSION',
  category: RuleCategory.HIPAA,
  title: `API Management blocks management API versions older than ${MIN_SAFE_API_VERSION}`,
  safeguard: HipaaSafeguard.ACCESS_CONTROL,
  control: `Azure Policy: API Management minimum API version should be set to ${MIN_SAFE_API_VERSION} or higher`,
  fix: `Set min_api_version to ${MIN_SAFE_API_VERSION} or later, e.g. 2021-08-01`,
  resourceTypes: ['azurerm_api_management'],
  check(r) {
    const v = r.config.min_api_version;
    if (v === undefined) return 'has no min_api_version, so old management API versions that expose secrets are allowed';
    if (isExpression(v)) return unknownValue('min_api_version', v);
    if (typeof v === 'string' && v < MIN_SAFE_API_VERSION) return `sets min_api_version ${v}, older than ${MIN_SAFE_API_VERSION}`;
    return undefined;
  },
};
