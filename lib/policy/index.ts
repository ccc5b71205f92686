export { PolicySection, PolicyElement } from './element';
export { PolicyValue } from './value';
export { PolicyDocument, PolicyScope } from './document';
export type { PolicyDocumentProps } from './document';
export {
  ClaimMatch, ValidateJwt, ValidateAzureAdToken, AuthenticationManagedIdentity, CheckHeader,
} from './auth';
export type {
  RequiredClaim, ValidateJwtProps, ValidateAzureAdTokenProps, AuthenticationManagedIdentityProps, CheckHeaderProps,
} from './auth';
export { RateLimitByKey, QuotaByKey, IpFilter, IpFilterAction } from './limits';
export type { RateLimitByKeyProps, QuotaByKeyProps, IpFilterProps } from './limits';
export {
  ValidationAction, ContentValidationFormat, ValidateContent, ValidateParameters, ValidateHeaders, ValidateStatusCode,
} from './content';
export type {
  ContentTypeRule, ValidateContentProps, ValidateParametersProps, ParameterLocationActions, PathParameterActions,
  ValidateHeadersProps, ValidateStatusCodeProps,
} from './content';
export { HeaderExistsAction, SetHeader, Cors } from './headers';
export type { SetHeaderProps, CorsProps } from './headers';
export {
  Choose, ReturnResponse, SetBackendService, RewriteUri, ForwardRequest, SetVariable,
} from './flow';
export type {
  ChooseBranch, ChooseProps, ReturnResponseProps, ResponseHeader, SetBackendServiceProps, RewriteUriProps,
  ForwardRequestProps, SetVariableProps,
} from './flow';
export { RawPolicyFragment } from './raw';
export type { RawPolicyFragmentProps } from './raw';
export { ClientIpFilter } from './ip';
export type { ClientIpFilterProps } from './ip';
export { JsonErrorResponse } from './error-response';
export type { JsonErrorResponseProps } from './error-response';
