/**
 * The providers' own validators, mirrored at synth for every attribute the library sets from
 * user input, so a value the library accepts is one `terraform plan` accepts. Internal.
 *
 * Each entry cites the provider source it mirrors (azurerm v4.55.0, azuread v3.7.0). Call
 * `checkProviderRule(where, prop, value, 'resource.attribute')` with the *user's* prop name.
 */
import { invalid, ValidationError, Where } from './errors';
import { ArrayRule, checkArray, checkGuid, checkName, checkNumber, checkUrl, describe, isToken, NameRule, NumberRule, requireString } from './validation';

/** One mirrored provider validator. */
export type ProviderRule =
  | { readonly kind: 'name'; readonly source: string; readonly rule: NameRule }
  | { readonly kind: 'length'; readonly source: string; readonly min: number; readonly max: number }
  | { readonly kind: 'guid'; readonly source: string }
  | { readonly kind: 'int'; readonly source: string; readonly range: NumberRule }
  | { readonly kind: 'list'; readonly source: string; readonly size: ArrayRule; readonly item?: ProviderRule }
  | { readonly kind: 'url'; readonly source: string; readonly schemes: ReadonlyArray<string> };

const AZURERM = 'hashicorp/terraform-provider-azurerm v4.55.0';
const AZUREAD = 'hashicorp/terraform-provider-azuread v3.7.0';

/** validate.ApiManagementChildName: `^[a-zA-Z0-9]([a-zA-Z0-9-_]{0,78}[a-zA-Z0-9])?$`. */
const APIM_CHILD_NAME: NameRule = {
  what: 'an API Management resource name',
  pattern: /^[a-zA-Z0-9]([a-zA-Z0-9_-]{0,78}[a-zA-Z0-9])?$/,
  min: 1,
  max: 80,
  valid: '1 to 80 letters, digits, - and _, starting and ending with a letter or digit (no dots)',
};
const APIM_CHILD = { kind: 'name', source: `${AZURERM} internal/services/apimanagement/validate/api_management.go ApiManagementChildName`, rule: APIM_CHILD_NAME } as const;
/** azurerm's ApplicationGatewayName and PrivateLinkName: 1-80, start alphanumeric, end alphanumeric or _, inner _ . -. */
const PRIVATE_LINK_STYLE_NAME = (what: string): NameRule => ({
  what,
  pattern: /^[a-zA-Z\d]$|^[a-zA-Z\d][a-zA-Z\d_.-]{0,78}[a-zA-Z\d_]$/,
  min: 1,
  max: 80,
  valid: '1 to 80 letters, digits, _ . and -, starting with a letter or digit and ending with a letter, digit or _',
});
const GUID = (source: string): ProviderRule => ({ kind: 'guid', source: `${source} validation.IsUUID` });

/** attribute (`<resource type>.<attribute path>`) → the provider's rule. */
export const PROVIDER_RULES: Readonly<Record<string, ProviderRule>> = {
  // --- azurerm: API Management ---
  'azurerm_api_management.name': {
    kind: 'name',
    source: `${AZURERM} internal/services/apimanagement/validate/api_management.go ApiManagementServiceName (^[0-9a-zA-Z-]{1,50}$)`,
    rule: { what: 'an API Management name', pattern: /^[0-9a-zA-Z-]{1,50}$/, min: 1, max: 50, valid: '1 to 50 letters, digits and hyphens' },
  },
  'azurerm_api_management.publisher_name': {
    kind: 'length', source: `${AZURERM} internal/services/apimanagement/validate/api_management.go ApiManagementServicePublisherName (^.{1,100}$)`, min: 1, max: 100,
  },
  'azurerm_api_management.publisher_email': {
    kind: 'name',
    source: `${AZURERM} internal/services/apimanagement/validate/api_management.go ApiManagementServicePublisherEmail (^[\\S*]{1,100}$)`,
    rule: { what: 'a publisher e-mail address azurerm accepts', pattern: /^\S{1,100}$/, min: 1, max: 100, valid: 'an e-mail address of at most 100 characters without spaces' },
  },
  'azurerm_api_management_backend.name': {
    kind: 'name',
    source: `${AZURERM} internal/services/apimanagement/validate/api_management.go ApiManagementBackendName ((^[\\w]+$)|(^[\\w][\\w\\-]+[\\w]$))`,
    rule: { what: 'a backend name', pattern: /^(\w+|\w[\w-]+\w)$/, min: 1, max: 80, valid: 'letters, digits, _ and inner - (no dots)' },
  },
  'azurerm_api_management_named_value.name': APIM_CHILD,
  'azurerm_api_management_named_value.display_name': {
    kind: 'name',
    source: `${AZURERM} internal/services/apimanagement/validate/api_management.go ApiManagementNamedValueDisplayName (^[0-9a-zA-Z_.-]{1,256}$)`,
    rule: { what: 'a named-value display name', pattern: /^[0-9a-zA-Z_.-]{1,256}$/, min: 1, max: 256, valid: '1 to 256 letters, digits, _ . and -' },
  },
  'azurerm_api_management_product.product_id': APIM_CHILD,
  'azurerm_api_management_group.name': APIM_CHILD,
  'azurerm_api_management_subscription.subscription_id': APIM_CHILD,
  'azurerm_api_management_api_version_set.name': APIM_CHILD,
  'azurerm_api_management_api_operation.operation_id': APIM_CHILD,
  'azurerm_api_management_api_schema.schema_id': APIM_CHILD,
  'azurerm_api_management_logger.name': APIM_CHILD,
  'azurerm_api_management_user.user_id': {
    kind: 'name',
    source: `${AZURERM} internal/services/apimanagement/validate/api_management.go ApiManagementUserName`,
    rule: { what: 'an API Management user id', pattern: /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,78}[a-zA-Z0-9])?$/, min: 1, max: 80, valid: '1 to 80 letters, digits and inner hyphens' },
  },
  'azurerm_api_management_api.name': {
    kind: 'name',
    source: `${AZURERM} internal/services/apimanagement/validate/api_management.go ApiManagementApiName (^[^*#&+]{1,256}$)`,
    rule: { what: 'an API name', pattern: /^[^*#&+]{1,256}$/, min: 1, max: 256, valid: '1 to 256 characters without * # & +' },
  },
  'azurerm_api_management_api.path': {
    kind: 'name',
    source: `${AZURERM} internal/services/apimanagement/validate/api_management.go ApiManagementApiPath`,
    rule: { what: 'an API path', pattern: /^(?:|\w|[\w.][\w\-/.:]{0,398}[\w-])$/, min: 0, max: 400, valid: 'up to 400 URL characters, not starting or ending with /' },
  },
  'azurerm_api_management_backend.url': {
    kind: 'length', source: `${AZURERM} internal/services/apimanagement/api_management_backend_resource.go url StringLenBetween(1, 2000)`, min: 1, max: 2000,
  },
  'azurerm_api_management_backend.description': {
    kind: 'length', source: `${AZURERM} internal/services/apimanagement/api_management_backend_resource.go description StringLenBetween(1, 2000)`, min: 1, max: 2000,
  },
  'azurerm_api_management_backend.circuit_breaker_rule.failure_condition.count': {
    kind: 'int', source: `${AZURERM} internal/services/apimanagement/api_management_backend_resource.go count IntBetween(1, 10000)`, range: { min: 1, max: 10000 },
  },
  'azurerm_api_management_backend.circuit_breaker_rule.failure_condition.percentage': {
    kind: 'int', source: `${AZURERM} internal/services/apimanagement/api_management_backend_resource.go percentage IntBetween(1, 100)`, range: { min: 1, max: 100 },
  },
  'azurerm_api_management_api_diagnostic.frontend_request.body_bytes': {
    kind: 'int', source: `${AZURERM} internal/services/apimanagement/api_management_api_diagnostic_resource.go body_bytes IntBetween(0, 8192)`, range: { min: 0, max: 8192 },
  },
  'azurerm_api_management_identity_provider_aad.client_id': GUID(`${AZURERM} internal/services/apimanagement/api_management_identity_provider_aad_resource.go client_id`),
  'azurerm_api_management_named_value.value_from_key_vault.identity_client_id': GUID(`${AZURERM} internal/services/apimanagement/api_management_named_value_resource.go identity_client_id`),
  // --- azurerm: network ---
  'azurerm_public_ip.domain_name_label': {
    kind: 'name',
    source: `${AZURERM} internal/services/network/validate/public_ip.go PublicIpDomainNameLabel (^[a-z][a-z0-9-]{1,61}[a-z0-9]$)`,
    rule: { what: 'a public IP DNS label', pattern: /^[a-z][a-z0-9-]{1,61}[a-z0-9]$/, min: 3, max: 63, valid: '3 to 63 lower-case letters, digits and hyphens, starting with a letter and ending with a letter or digit' },
  },
  'azurerm_application_gateway.name': {
    kind: 'name',
    source: `${AZURERM} internal/services/network/validate/application_gateway_name.go ApplicationGatewayName (^[a-zA-Z\\d]$|^[a-zA-Z\\d][a-zA-Z\\d-_.]{0,78}[a-zA-Z\\d_]$)`,
    rule: PRIVATE_LINK_STYLE_NAME('an Application Gateway name'),
  },
  'azurerm_private_endpoint.name': {
    kind: 'name',
    source: `${AZURERM} internal/services/network/private_endpoint_resource.go name validate.PrivateLinkName (^[a-zA-Z\\d]$|^[a-zA-Z\\d][a-zA-Z\\d-_.]{0,78}[a-zA-Z\\d_]$)`,
    rule: PRIVATE_LINK_STYLE_NAME('a private endpoint name'),
  },
  'azurerm_private_endpoint.private_service_connection.name': {
    kind: 'name',
    source: `${AZURERM} internal/services/network/private_endpoint_resource.go private_service_connection.name validate.PrivateLinkName`,
    rule: PRIVATE_LINK_STYLE_NAME('a private service connection name'),
  },
  'azurerm_application_gateway.autoscale_configuration.min_capacity': {
    kind: 'int', source: `${AZURERM} internal/services/network/application_gateway_resource.go min_capacity IntBetween(0, 100)`, range: { min: 0, max: 100 },
  },
  'azurerm_application_gateway.autoscale_configuration.max_capacity': {
    kind: 'int', source: `${AZURERM} internal/services/network/application_gateway_resource.go max_capacity IntBetween(2, 125)`, range: { min: 2, max: 125 },
  },
  // --- azurerm: key vault, log analytics ---
  'azurerm_key_vault.name': {
    kind: 'name',
    source: `${AZURERM} internal/services/keyvault/validate/vault_name.go VaultName (^[a-zA-Z0-9-]{3,24}$)`,
    rule: { what: 'a Key Vault name', pattern: /^[a-zA-Z0-9-]{3,24}$/, min: 3, max: 24, valid: '3 to 24 letters, digits and hyphens' },
  },
  'azurerm_log_analytics_workspace.name': {
    kind: 'name',
    source: `${AZURERM} internal/services/loganalytics/validate/log_analytics_workspace_name.go LogAnalyticsWorkspaceName`,
    rule: { what: 'a Log Analytics workspace name', pattern: /^[A-Za-z0-9][A-Za-z0-9-]+[A-Za-z0-9]$/, min: 4, max: 63, valid: '4 to 63 letters, digits and inner hyphens' },
  },
  'azurerm_log_analytics_workspace.retention_in_days': {
    kind: 'int', source: `${AZURERM} internal/services/loganalytics/log_analytics_workspace_resource.go retention_in_days IntBetween(30, 730) (or 7 on the free tier)`, range: { min: 30, max: 730 },
  },
  'azurerm_key_vault.soft_delete_retention_days': {
    kind: 'int', source: `${AZURERM} internal/services/keyvault/key_vault_resource.go soft_delete_retention_days IntBetween(7, 90)`, range: { min: 7, max: 90 },
  },
  // --- azuread ---
  'azuread_application.owners': {
    kind: 'list',
    source: `${AZUREAD} internal/services/applications/application_resource.go owners MaxItems 100`,
    size: { max: 100 },
    item: GUID(`${AZUREAD} internal/services/applications/application_resource.go owners`),
  },
  'azuread_application.app_role.id': GUID(`${AZUREAD} internal/services/applications/application_resource.go app_role.id`),
  'azuread_application.app_role.value': {
    kind: 'name',
    source: `${AZUREAD} internal/services/applications/validate/tokens.go RoleScopeClaimValue`,
    rule: {
      what: 'an app role value',
      pattern: /^[A-Za-z0-9:!#$%&'()*+,./;<=>?@[\]^_{|}~`-]*$/,
      min: 0,
      max: 249,
      valid: "up to 249 characters: letters, digits and !#$%&'()*+,-./:;<=>?@[]^_`{|}~, not starting with '.'",
      refuse: [[/^\./, "starts with '.'"]],
    },
  },
  'azuread_application.description': {
    kind: 'length', source: `${AZUREAD} internal/services/applications/application_resource.go description StringLenBetween(0, 1024)`, min: 0, max: 1024,
  },
  'azuread_application.display_name': { kind: 'length', source: `${AZUREAD} internal/services/applications/application_resource.go display_name StringIsNotEmpty`, min: 1, max: 256 },
  'azuread_application.single_page_application.redirect_uris': {
    kind: 'list',
    source: `${AZUREAD} internal/services/applications/application_resource.go single_page_application.redirect_uris MaxItems 256, IsRedirectUriFunc(false, false)`,
    size: { max: 256 },
    item: { kind: 'url', source: `${AZUREAD} IsRedirectUriFunc(false, false)`, schemes: ['https:'] },
  },
  'azuread_application_federated_identity_credential.audiences': {
    kind: 'list',
    source: `${AZUREAD} internal/services/applications/application_federated_identity_credential_resource.go audiences MaxItems 1, StringIsNotEmpty`,
    size: { min: 1, max: 1 },
    item: { kind: 'length', source: `${AZUREAD} StringIsNotEmpty`, min: 1, max: 600 },
  },
  'azuread_application_federated_identity_credential.display_name': {
    kind: 'length', source: `${AZUREAD} internal/services/applications/application_federated_identity_credential_resource.go display_name StringLenBetween(1, 120)`, min: 1, max: 120,
  },
  'azuread_service_principal.client_id': GUID(`${AZUREAD} internal/services/serviceprincipals/service_principal_resource.go client_id`),
  'azuread_service_principal.owners': {
    kind: 'list',
    source: `${AZUREAD} internal/services/serviceprincipals/service_principal_resource.go owners`,
    size: {},
    item: GUID(`${AZUREAD} internal/services/serviceprincipals/service_principal_resource.go owners`),
  },
  'data.azuread_application.client_id': GUID(`${AZUREAD} internal/services/applications/application_data_source.go client_id`),
  'data.azuread_service_principal.client_id': GUID(`${AZUREAD} internal/services/serviceprincipals/service_principal_data_source.go client_id`),
  'data.azuread_service_principal.object_id': GUID(`${AZUREAD} internal/services/serviceprincipals/service_principal_data_source.go object_id`),
  'azuread_app_role_assignment.app_role_id': GUID(`${AZUREAD} internal/services/approleassignments/app_role_assignment_resource.go app_role_id`),
  'azuread_app_role_assignment.principal_object_id': GUID(`${AZUREAD} internal/services/approleassignments/app_role_assignment_resource.go principal_object_id`),
  'azuread_app_role_assignment.resource_object_id': GUID(`${AZUREAD} internal/services/approleassignments/app_role_assignment_resource.go resource_object_id`),
  'azuread_group.owners': {
    kind: 'list',
    source: `${AZUREAD} internal/services/groups/group_resource.go owners MaxItems 100`,
    size: { max: 100 },
    item: GUID(`${AZUREAD} internal/services/groups/group_resource.go owners`),
  },
  'azuread_group.members': {
    kind: 'list',
    source: `${AZUREAD} internal/services/groups/group_resource.go members`,
    size: {},
    item: GUID(`${AZUREAD} internal/services/groups/group_resource.go members`),
  },
  'azuread_group_member.member_object_id': GUID(`${AZUREAD} internal/services/groups/group_member_resource.go member_object_id`),
};

/** Applies one rule. */
export function applyProviderRule(where: Where, prop: string, value: unknown, rule: ProviderRule, attribute: string): unknown {
  switch (rule.kind) {
    case 'name':
      return checkName(where, prop, value, { ...rule.rule, valid: `${rule.rule.valid} (${attribute})` });
    case 'length': {
      requireString(where, prop, value);
      if (isToken(value)) return value;
      const s = value as string;
      if (s.length < rule.min || s.length > rule.max || (rule.min > 0 && s.trim() === '')) {
        invalid(where, prop, `${describe(s)} is ${s.length} characters long`, `${rule.min} to ${rule.max} characters (${attribute})`);
      }
      return s;
    }
    case 'guid':
      return checkGuid(where, prop, value);
    case 'int':
      return checkNumber(where, prop, value, rule.range);
    case 'url':
      return checkUrl(where, prop, value, { schemes: rule.schemes, query: true });
    case 'list': {
      const list = checkArray<unknown>(where, prop, value, rule.size);
      if (rule.item && !isToken(list)) list.forEach((v, i) => applyProviderRule(where, `${prop}[${i}]`, v, rule.item!, attribute));
      return list;
    }
  }
}

/**
 * Checks a user value against the provider's validator for the attribute it lands in, naming
 * the user's prop. Tokens skip content checks (the one token rule).
 */
export function checkProviderRule<T>(where: Where, prop: string, value: T, attribute: string, context?: string): T {
  const rule = PROVIDER_RULES[attribute];
  if (!rule) throw new Error(`internal: no provider rule for ${attribute}`);
  try {
    applyProviderRule(where, prop, value, rule, attribute);
  } catch (e) {
    if (context === undefined || !ValidationError.isValidationError(e)) throw e;
    throw new ValidationError(e.constructPath, e.prop, `${e.problem} (the value ${context})`, e.valid);
  }
  return value;
}
