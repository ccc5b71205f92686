/** The APIM API of `ProtectedApi` and its version set. Internal. */
import { ApiManagementApi } from '@cdktf/provider-azurerm/lib/api-management-api';
import { ApiManagementApiVersionSet } from '@cdktf/provider-azurerm/lib/api-management-api-version-set';
import { Construct } from 'constructs';
import { ApiSettings } from './api-settings';
import { ProtectedApiProps } from './protected-api-props';
import { checkText, tfLiteral } from './validation';

/** What every resource under one APIM API names it by. */
export interface ApiRef {
  readonly apiManagementName: string;
  readonly resourceGroupName: string;
  readonly apiName: string;
}

/** The APIM API and the id of the version set it belongs to. */
export interface VersionedApi {
  readonly api: ApiManagementApi;
  readonly versionSetId: string;
  /** The APIM service and API name, for the resources under the API. */
  readonly apiRef: ApiRef;
}

/**
 * Creates the APIM API (https only, subscription required, the version in the path) in
 * `versionSetId`, or in a new version set named after the API.
 */
export function createVersionedApi(scope: Construct, props: ProtectedApiProps, settings: ApiSettings): VersionedApi {
  const platform = props.platform;
  const { name, displayName } = settings;
  const common = { apiManagementName: platform.apimName, resourceGroupName: platform.resourceGroupName };
  let versionSetId: string;
  if (props.versionSetId !== undefined) {
    checkText(scope, 'versionSetId', props.versionSetId, 2048);
    versionSetId = tfLiteral(props.versionSetId);
  } else {
    versionSetId = new ApiManagementApiVersionSet(scope, 'VersionSet', {
      ...common,
      name,
      displayName: tfLiteral(displayName),
      versioningScheme: 'Segment',
    }).id;
  }
  const api = new ApiManagementApi(scope, 'Api', {
    ...common,
    name: settings.apiName,
    displayName: tfLiteral(displayName),
    description: tfLiteral(props.description),
    path: settings.path,
    version: settings.version,
    versionSetId,
    revision: '1',
    apiType: 'http',
    protocols: ['https'],
    subscriptionRequired: true,
    subscriptionKeyParameterNames: { header: settings.keyHeader, query: settings.keyQuery },
    import: props.openApi ? { contentFormat: props.openApi.contentFormat, contentValue: tfLiteral(props.openApi.contentValue) } : undefined,
  });
  return { api, versionSetId, apiRef: { ...common, apiName: api.name } };
}
