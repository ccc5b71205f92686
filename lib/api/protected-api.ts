import { AppRoleAssignment } from '@cdktf/provider-azuread/lib/app-role-assignment';
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
import { assignAppRoles, checkGrantRoles, checkPrincipalObjectId, RegistrationGrants, roleIdPart } from './api-grants';
import { ApiIdentity, registerApiIdentity } from './api-identity';
import { planApiOperations } from './api-operation-plan';
import { createOperationPolicies, warnUncheckedImport } from './api-operation-policies';
import { createApiOperations, createApiSchema } from './api-operations';
import { attachApiPolicy, buildApiPolicy } from './api-policy';
import { checkApiSettings } from './api-settings';
import { addCrossConstructRules } from './api-synth-rules';
import { ApiVersionOptions, ProtectedApiProps } from './protected-api-props';
import { checkVersion } from './validation';
import { invalid } from '../core/errors';
import { checkProviderRule } from '../core/provider-rules';
import { checkObject } from '../core/validation';
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

  /**
   * The first version of this API: itself, unless it was made with `addVersion`. Every version
   * shares its app registration (one audience, one set of grants) and its version set.
   */
  public readonly firstVersion: ProtectedApi;

  private readonly roleIds: Map<string, string>;
  private readonly operationPolicies: Map<string, PolicyDocument>;
  private readonly props: ProtectedApiProps;
  private readonly identity: ApiIdentity;
  /** The versions of the API (kept on the first version). */
  private readonly versionNames = new Set<string>();
  /** Role grants on the shared registration (kept on the first version). */
  private readonly grants: RegistrationGrants;

  constructor(scope: Construct, id: string, props: ProtectedApiProps) {
    super(scope, id);
    const settings = checkApiSettings(this, props);
    const plan = planApiOperations(this, props, settings);
    this.roles = plan.roles;
    this.platform = props.platform;
    this.apiName = settings.apiName;
    this.props = props;
    const first = NEXT_VERSIONS.get(props);
    this.firstVersion = first ?? this;
    this.firstVersion.versionNames.add(settings.version);
    this.grants = first ? first.grants : new RegistrationGrants(this, this.node.path);

    // A later version shares the first version's registration; its new roles join it.
    const identity = first ? first.identity : registerApiIdentity(this, props, settings, this.roles);
    if (first) identity.declareRoles(this, this.roles, this.apiName);
    this.identity = identity;
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
    const id = this.roles.includes(role) ? this.roleIds.get(role) : undefined;
    if (id === undefined) invalid(this, 'role', `'${role}' is not an app role of this API`, this.roles.join(', '));
    return id;
  }

  /**
   * Creates the next version of this API in the same version set (`/<path>/<version>/...`), on
   * the same app registration: the same client id and audience, the same app role ids, so every
   * grant made for one version holds for all. A role the new version requires that no earlier
   * version declared is added to the shared registration. Everything but the version, its
   * operations and its backend is the first version's.
   *
   * @param id the construct id of the new version, beside this one
   * @param options the version and its operations
   */
  public addVersion(id: string, options: ApiVersionOptions): ProtectedApi {
    const where = `${this.node.path}.addVersion('${id}')`;
    checkObject(where, 'options', options);
    const first = this.firstVersion;
    const version = checkVersion(this, 'version', options.version);
    if (first.versionNames.has(version)) {
      invalid(where, 'version', `'${version}' is already a version of ${first.props.name}`, `a version other than ${[...first.versionNames].join(', ')}`);
    }
    const base = first.props;
    const props: ProtectedApiProps = {
      ...base,
      version,
      operations: options.operations,
      openApi: options.openApi,
      importedOperations: options.importedOperations,
      schemas: options.schemas,
      backendUrl: options.backendUrl ?? base.backendUrl,
      backendAudience: options.backendAudience ?? (options.backendUrl === undefined ? base.backendAudience : undefined),
      description: options.description ?? base.description,
      backendReadiness: options.backendReadiness ?? base.backendReadiness,
      versionSetId: first.versionSetId,
    };
    NEXT_VERSIONS.set(props, first);
    return new ProtectedApi(this.node.scope as Construct, id, props);
  }

  /**
   * Assigns app roles of this API to a principal: a managed identity, a service principal, a
   * user or a group (`azuread_app_role_assignment`, which needs the Microsoft Graph permission
   * AppRoleAssignment.ReadWrite.All). The grant holds for every version of the API.
   *
   * @param id the construct id of the grant (one assignment per role below it)
   * @param principalObjectId the principal's object id, e.g. a managed identity's `principalId`
   * @param roles app roles this API declares; at least one, each once, none the principal
   * already holds on the registration (through this version or another: the versions share it,
   * and Entra refuses a second identical assignment). A literal object id, or the same token
   * string again, is refused at once; another read of the same attribute fails the synth
   * validation (`cdktf synth`, `Testing.synth(stack, true)`) when it resolves to the same expression.
   */
  public grantRoles(id: string, principalObjectId: string, roles: string[]): AppRoleAssignment[] {
    const scope = new Construct(this, id);
    checkPrincipalObjectId(scope, 'principalObjectId', principalObjectId);
    const checked = checkGrantRoles(scope, 'roles', roles, this.roles);
    this.grants.record(scope, 'roles', principalObjectId, checked, () => `${this.node.path}.grantRoles('${id}')`);
    return assignAppRoles(scope, (r) => `Role-${roleIdPart(r)}`, this, principalObjectId, checked);
  }

  /**
   * The id of a role of this API's registration, declared by this version or another one.
   * @internal
   */
  public _registrationRoleId(role: string): string {
    const id = this.roleIds.get(role);
    if (id === undefined) invalid(this, 'role', `'${role}' is not an app role of this API's registration`, [...this.roleIds.keys()].join(', '));
    return id;
  }

  /**
   * The grants of a consumer group or client: `<prefix>-<apiName>-<role>` under `scope`.
   * @internal
   */
  public _grantRolesAt(scope: Construct, prefix: string, principalObjectId: string, roles: string[]): AppRoleAssignment[] {
    this.grants.record(scope, undefined, principalObjectId, roles, (r) => `${scope.node.path}/${prefix}-${this.apiName}-${roleIdPart(r)}`);
    return assignAppRoles(scope, (r) => `${prefix}-${this.apiName}-${roleIdPart(r)}`, this, principalObjectId, roles);
  }

  /** Adds the API to a product (by product id, the product's name), e.g. a consumer group's product. */
  public addToProduct(id: string, productId: string): ApiManagementProductApi {
    checkProviderRule(this, 'productId', productId, 'azurerm_api_management_product.product_id');
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

/** The props of each version made with `addVersion`, to the first version whose registration it shares. */
const NEXT_VERSIONS = new WeakMap<ProtectedApiProps, ProtectedApi>();
