import { Application } from '@cdktf/provider-azuread/lib/application';
import { ServicePrincipal } from '@cdktf/provider-azuread/lib/service-principal';
import { ApiManagementApi } from '@cdktf/provider-azurerm/lib/api-management-api';
import { ApiManagementApiDiagnostic } from '@cdktf/provider-azurerm/lib/api-management-api-diagnostic';
import { ApiManagementApiOperation } from '@cdktf/provider-azurerm/lib/api-management-api-operation';
import { ApiManagementBackend } from '@cdktf/provider-azurerm/lib/api-management-backend';
import { ApiManagementProductApi } from '@cdktf/provider-azurerm/lib/api-management-product-api';
import { Construct } from 'constructs';
import { createApiBackend } from './api-backend';
import { createVersionedApi } from './api-definition';
import { createApiDiagnostic } from './api-diagnostic';
import { registerApiIdentity } from './api-identity';
import { planApiOperations } from './api-operation-plan';
import { createOperationPolicies, warnUncheckedImport } from './api-operation-policies';
import { createApiOperations, createApiSchema } from './api-operations';
import { attachApiPolicy, buildApiPolicy } from './api-policy';
import { checkApiSettings } from './api-settings';
import { addCrossConstructRules } from './api-synth-rules';
import { ProtectedApiProps } from './protected-api-props';
import { invalid } from '../core/errors';
import { IHealthcareApimPlatform } from '../platform/healthcare-apim-platform';
import { PolicyDocument, PolicyElement, PolicySection } from '../policy';

/**
 * A versioned API behind Entra ID tokens, per-operation app roles, rate limits and quota,
 * request and response validation, calling an https backend with the platform's managed
 * identity through a circuit breaker, with PHI-safe diagnostics.
 *
 * By default it creates an app registration whose app roles (and admin-consent delegated
 * scopes) are the roles the operations require, with ids derived from the app's stable key,
 * so they never change between synths.
 *
 * @example
 * const patients = new ProtectedApi(stack, 'Patients', {
 *   platform,
 *   name: 'patients',
 *   path: 'patients',
 *   version: 'v1',
 *   backendUrl: 'https://fhir.contoso-health.example',
 *   operations: [
 *     { method: 'GET', urlTemplate: '/patients/{id}', requiredRoles: ['Patient.Read'] },
 *     { method: 'POST', urlTemplate: '/patients', requiredRoles: ['Patient.Write'] },
 *   ],
 * });
 */
export class ProtectedApi extends Construct {
  /** The platform the API is published on. */
  public readonly platform: IHealthcareApimPlatform;
  /** The APIM API. */
  public readonly api: ApiManagementApi;
  /** The APIM API name (literal), `<name>-<version>`, e.g. `patients-v1`. */
  public readonly apiName: string;
  /** The app-role values this API declares (the roles its operations require), sorted. */
  public readonly roles: string[];
  /** Object id of the API's service principal (the resource of app-role assignments). */
  public readonly servicePrincipalObjectId: string;
  /** The identifier URI (token audience) of the API's app registration. */
  public readonly identifierUri: string;
  /** The client (application) id of the API's app registration. */
  public readonly clientId: string;
  /** The created app registration, unless an existing one is used. */
  public readonly application?: Application;
  /** The created service principal, unless an existing app is used. */
  public readonly servicePrincipal?: ServicePrincipal;
  /** The id of the version set this API belongs to. */
  public readonly versionSetId: string;
  /** The backend entity the API routes to. */
  public readonly backend: ApiManagementBackend;
  /** The API-scope policy; add elements with `addPolicyElements`. */
  public readonly policy: PolicyDocument;
  /** The operations defined in code (empty for an imported definition). */
  public readonly operations: ApiManagementApiOperation[];
  /** The API's Application Insights diagnostic (no bodies, credentials masked). */
  public readonly diagnostic: ApiManagementApiDiagnostic;

  private readonly roleIds: Map<string, string>;
  private readonly operationPolicies: Map<string, PolicyDocument>;

  constructor(scope: Construct, id: string, props: ProtectedApiProps) {
    super(scope, id);
    const settings = checkApiSettings(this, props);
    const plan = planApiOperations(this, props, settings);
    this.roles = plan.roles;
    this.platform = props.platform;
    this.apiName = settings.apiName;

    const identity = registerApiIdentity(this, props, settings, this.roles);
    this.clientId = identity.clientId;
    this.identifierUri = identity.identifierUri;
    this.roleIds = identity.roleIds;
    this.servicePrincipalObjectId = identity.servicePrincipalObjectId;
    this.application = identity.application;
    this.servicePrincipal = identity.servicePrincipal;

    const { api, versionSetId, apiRef } = createVersionedApi(this, props, settings);
    this.api = api;
    this.versionSetId = versionSetId;
    const schema = createApiSchema(this, apiRef, plan.schemas, plan.operations);
    this.operations = createApiOperations(this, apiRef, plan.operations, settings, schema);

    this.backend = createApiBackend(this, this.platform, settings, props.backendReadiness);
    this.diagnostic = createApiDiagnostic(this, apiRef, this.platform, settings);

    this.policy = buildApiPolicy(this, props, settings, plan, identity);
    attachApiPolicy(this, apiRef, this.policy, [this.backend, ...(schema ? [schema] : [])]);
    this.operationPolicies = createOperationPolicies(this, apiRef, this.platform, settings, plan.operations, this.operations);
    warnUncheckedImport(this, props.openApi);

    this.onboardToDefender();
    addCrossConstructRules(this, this.platform, this.policy, settings.maxBody);
  }

  /**
   * The id of one of this API's app roles, for `azuread_app_role_assignment.app_role_id`.
   * Fails for a role the API does not declare.
   */
  public appRoleId(role: string): string {
    const id = this.roleIds.get(role);
    if (id === undefined) invalid(this, 'role', `'${role}' is not an app role of this API`, this.roles.join(', '));
    return id;
  }

  /** Adds the API to a product (by product id, the product's name), e.g. a consumer group's product. */
  public addToProduct(id: string, productId: string): ApiManagementProductApi {
    return new ApiManagementProductApi(this, id, {
      apiManagementName: this.platform.apimName,
      resourceGroupName: this.platform.resourceGroupName,
      apiName: this.api.name,
      productId,
    });
  }

  /**
   * Adds your own elements to the API policy, after the construct's own in that section, so
   * its controls stay in place.
   */
  public addPolicyElements(section: PolicySection, ...elements: PolicyElement[]): void {
    this.policy.add(section, ...elements);
  }

  /** The policy document of an operation, by operation id. */
  public operationPolicy(operationId: string): PolicyDocument {
    const doc = this.operationPolicies.get(operationId);
    if (!doc) invalid(this, 'operationId', `'${operationId}' is not an operation of this API`, [...this.operationPolicies.keys()].join(', '));
    return doc;
  }

  /**
   * Where the platform manages the Defender plans, every API is onboarded (apiCollections):
   * Defender for APIs watches only onboarded APIs.
   */
  private onboardToDefender(): void {
    const platform = this.platform;
    if (platform.onboardsApisToDefender) platform.onboardApiToDefender(this.apiName, this);
  }
}
