export { PolicySection, PolicyElement } from './element';
export { PolicyValue } from './value';
export { PolicyDocument, PolicyDocumentProps, PolicyScope } from './document';
export {
  ClaimMatch, RequiredClaim, ValidateJwt, ValidateJwtProps, ValidateAzureAdToken, ValidateAzureAdTokenProps,
  AuthenticationManagedIdentity, AuthenticationManagedIdentityProps, CheckHeader, CheckHeaderProps,
} from './auth';
export { RateLimitByKey, RateLimitByKeyProps, QuotaByKey, QuotaByKeyProps, IpFilter, IpFilterAction, IpFilterProps } from './limits';
export {
  ValidationAction, ContentValidationFormat, ContentTypeRule, ValidateContent, ValidateContentProps,
  ValidateParameters, ValidateParametersProps, ValidateHeaders, ValidateHeadersProps, ValidateStatusCode, ValidateStatusCodeProps,
} from './content';
export { HeaderExistsAction, SetHeader, SetHeaderProps, Cors, CorsProps } from './headers';
export {
  Choose, ChooseBranch, ChooseProps, ReturnResponse, ReturnResponseProps, ResponseHeader, SetBackendService, SetBackendServiceProps,
  ForwardRequest, ForwardRequestProps, SetVariable, SetVariableProps, RawPolicyFragment, RawPolicyFragmentProps,
} from './flow';
export { JsonErrorResponse, JsonErrorResponseProps } from './error-response';
