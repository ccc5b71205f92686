/** Developer portal sign-in: Entra ID through an app registration, username/password off. Internal. */
import { Application } from '@cdktf/provider-azuread/lib/application';
import { ApplicationPasswordA } from '@cdktf/provider-azuread/lib/application-password';
import { ApiManagementIdentityProviderAad } from '@cdktf/provider-azurerm/lib/api-management-identity-provider-aad';
import { ResourceGroupTemplateDeployment } from '@cdktf/provider-azurerm/lib/resource-group-template-deployment';
import { DefaultTokenResolver, StringConcat, TerraformProvider, TerraformStack, Token, Tokenization } from 'cdktf';
import { Construct } from 'constructs';
import { PORTAL_SIGN_IN_TYPES } from './prop-types';
import { warnOptOut } from '../compliance/opt-out';
import { checkGuid } from '../core/azure-names';
import { asUserProps, invalid, invalidMessage } from '../core/errors';
import { ApimSku, ApimTier } from '../core/sku';
import { checkTypes } from '../core/validation';
import { RotationSchedule, RotationScheduleProps } from '../foundation/rotation-schedule';

/** Developer-portal sign-in through an existing Entra ID app registration. */
export interface DeveloperPortalSignIn {
  /** The app registration's client (application) id, a GUID. */
  readonly clientId: string;
  /**
   * The app's client secret, as a Terraform expression (a sensitive `TerraformVariable` or
   * another stack's output), never a literal. APIM receives the value itself, so it is not
   * round-tripped through Key Vault.
   */
  readonly clientSecret: string;
}

/** Where the portal runs and whom it trusts. */
export interface PortalSignInContext {
  /** The APIM service name (literal), for the app registration's name. */
  readonly name: string;
  /** The APIM service name as a reference. */
  readonly apimName: string;
  /** The resource group. */
  readonly resourceGroupName: string;
  /** The tenant. */
  readonly tenantId: string;
  /** The portal's host name. */
  readonly portalHostName: string;
}

/** The platform props the portal reads (a subset of `SecureHealthcareApimProps`). */
export interface DeveloperPortalProps {
  readonly developerPortalSignIn?: DeveloperPortalSignIn;
  readonly allowPortalPasswordSignIn?: boolean;
  readonly customDomain?: { readonly developerPortalHostName?: string };
  readonly portalSecretRotation?: RotationScheduleProps;
}

/**
 * The developer portal's sign-in: Entra ID (classic tiers), and username/password off unless
 * `allowPortalPasswordSignIn` (every tier with a portal, i.e. all but Consumption).
 */
export function configureDeveloperPortal(scope: Construct, props: DeveloperPortalProps, sku: ApimSku,
  apim: { readonly fqn: string } & object, site: Omit<PortalSignInContext, 'portalHostName'>): void {
  if (props.portalSecretRotation !== undefined && (props.developerPortalSignIn !== undefined || !sku.isClassic)) {
    invalid(scope, 'portalSecretRotation', props.developerPortalSignIn !== undefined
      ? 'is set together with developerPortalSignIn, whose secret you rotate where it is created (the Entra stack)'
      : `is set for ${sku.skuName}, whose portal sign-in has no secret this library creates`, 'portalSecretRotation only when the platform creates the portal app registration');
  }
  const portal: PortalSignInContext = {
    ...site,
    portalHostName: props.customDomain?.developerPortalHostName ?? `${site.name}.developer.azure-api.net`,
  };
  const entraSignIn = sku.isClassic ? configurePortalSignIn(scope, portal, props.developerPortalSignIn, props.portalSecretRotation) : undefined;
  if (!sku.isClassic && props.developerPortalSignIn) {
    invalid(scope, 'developerPortalSignIn', `is set for ${sku.skuName}, whose developer portal sign-in azurerm does not configure`, 'developerPortalSignIn only with a classic tier');
  }
  if (sku.tier !== ApimTier.CONSUMPTION) {
    if (props.allowPortalPasswordSignIn) {
      warnOptOut(scope, 'allowPortalPasswordSignIn', 'developers can sign in to the developer portal with a username and password instead of Entra ID.',
        ['APIM-PORTAL-SIGN-IN']);
    } else {
      disablePortalPasswordSignIn(scope, portal, apim, entraSignIn);
    }
  }
}

/**
 * The redirect URIs of the portal's SPA platform: MSAL-2 signs in from `/signin` (auth-code
 * flow with PKCE) and returns to the origin after sign-out.
 */
export function portalRedirectUris(portalHostName: string): string[] {
  return [`https://${portalHostName}/`, `https://${portalHostName}/signin`];
}

/**
 * Entra ID sign-in for the developer portal (classic tiers): an app registration with the
 * portal's SPA redirect URIs and a password, or an existing app whose secret is passed as an
 * expression. The secret reaches APIM directly; nothing is written into Key Vault.
 *
 * The created password rotates on a schedule (`PortalSecretRotation`, a `time_rotating`): it
 * names the schedule in `rotate_when_changed`, so the first apply after a rotation date replaces
 * it, and it is created before the old one is destroyed, so the identity provider switches to
 * the new secret before the old one goes. It stays valid for the overlap after its rotation
 * date, so sign-in keeps working while nobody has applied yet.
 */
export function configurePortalSignIn(scope: Construct, ctx: PortalSignInContext,
  existing: DeveloperPortalSignIn | undefined, rotation: RotationScheduleProps = {}): ApiManagementIdentityProviderAad {
  let clientId: string;
  let clientSecret: string;
  if (existing) {
    checkTypes(scope, 'developerPortalSignIn', existing, PORTAL_SIGN_IN_TYPES);
    clientId = checkGuid(scope, 'developerPortalSignIn.clientId', existing.clientId);
    if ((existing as { clientSecretName?: unknown }).clientSecretName !== undefined) {
      invalid(scope, 'developerPortalSignIn.clientSecretName', 'is no longer read from the platform vault (a data-plane read the vault firewall refuses the deployer)',
        'developerPortalSignIn.clientSecret, a sensitive TerraformVariable or another stack\'s output');
    }
    if (typeof existing.clientSecret !== 'string' || !Token.isUnresolved(existing.clientSecret)) {
      invalid(scope, 'developerPortalSignIn.clientSecret', 'is a literal (or missing), which would put the secret in the synthesized Terraform',
        "a Terraform expression: a sensitive TerraformVariable's value or another stack's output");
    }
    clientSecret = existing.clientSecret;
  } else {
    const app = new Application(scope, 'PortalApp', {
      displayName: `${ctx.name} developer portal`,
      signInAudience: 'AzureADMyOrg',
      // MSAL-2 uses the SPA platform; web redirect URIs give AADSTS9002326.
      singlePageApplication: { redirectUris: portalRedirectUris(ctx.portalHostName) },
    });
    const schedule = asUserProps(scope, () => new RotationSchedule(scope, 'PortalSecretRotation', rotation),
      { rotationSeconds: 'portalSecretRotation.rotationSeconds', overlapSeconds: 'portalSecretRotation.overlapSeconds' });
    const password = new ApplicationPasswordA(scope, 'PortalAppPassword', {
      applicationId: app.id,
      displayName: 'apim-developer-portal',
      endDate: schedule.expirationDate,
      rotateWhenChanged: { rotation: schedule.rotationId },
      lifecycle: { createBeforeDestroy: true },
    });
    clientId = app.clientId;
    clientSecret = password.value;
  }
  return new ApiManagementIdentityProviderAad(scope, 'PortalSignIn', {
    apiManagementName: ctx.apimName,
    resourceGroupName: ctx.resourceGroupName,
    clientId,
    clientSecret,
    clientLibrary: 'MSAL-2',
    allowedTenants: [ctx.tenantId],
    signinTenant: ctx.tenantId,
  });
}

/**
 * Switches off the portal's username/password identity. azurerm has no resource for it, so
 * an ARM deployment sets `portalconfigs/default.enableBasicAuth = false`. The stack's azurerm
 * provider must keep nested items when the deployment is destroyed (checked at synth).
 */
export function disablePortalPasswordSignIn(scope: Construct, ctx: PortalSignInContext, apim: { readonly fqn: string } & object,
  after: ApiManagementIdentityProviderAad | undefined): ResourceGroupTemplateDeployment {
  const deployment = new ResourceGroupTemplateDeployment(scope, 'PortalConfig', {
    name: `${ctx.name}-portal-config`,
    resourceGroupName: ctx.resourceGroupName,
    deploymentMode: 'Incremental',
    templateContent: JSON.stringify(portalConfigTemplate()),
    parametersContent: JSON.stringify({ serviceName: { value: ctx.apimName } }),
    dependsOn: [apim as never, ...(after ? [after] : [])],
  });
  deployment.node.addValidation({ validate: () => keepsNestedItemsProblem(scope, deployment) });
  return deployment;
}

/** How the provider must be configured, as the error message shows it. */
const KEEP_NESTED_ITEMS = "new AzurermProvider(stack, 'azurerm', { features: [{ templateDeployment: [{ deleteNestedItemsDuringDeletion: false }] }] }) "
  + '(features { template_deployment { delete_nested_items_during_deletion = false } })';

/**
 * The azurerm provider's `features.template_deployment.delete_nested_items_during_deletion`
 * defaults to true: destroying the portal config deployment would then send a DELETE that
 * `Microsoft.ApiManagement/service/portalconfigs` does not support, and the destroy fails. The
 * provider the deployment uses (its own, or the stack's default azurerm provider) must set it
 * to false. A value given by an expression is not checked.
 */
function keepsNestedItemsProblem(scope: Construct, deployment: ResourceGroupTemplateDeployment): string[] {
  const stack = TerraformStack.of(deployment);
  const provider = deployment.provider ?? stack.node.findAll()
    .find((c): c is TerraformProvider => TerraformProvider.isTerraformProvider(c) && c.terraformResourceType === 'azurerm' && c.alias === undefined);
  const prop = "the azurerm provider's features.template_deployment.delete_nested_items_during_deletion";
  const valid = `false, set on the stack's azurerm provider: ${KEEP_NESTED_ITEMS}`;
  if (!provider) {
    return [invalidMessage(scope, prop, `is unset: the stack ${stack.node.path} has no default azurerm provider for the portal config deployment (${deployment.node.path})`, valid)];
  }
  const resolver = new DefaultTokenResolver(new StringConcat());
  const resolved = Tokenization.resolve(provider.toTerraform(), { scope: stack, resolver, preparing: false });
  const config = first(resolved?.provider?.[provider.terraformResourceType]);
  const value = first(first(config?.features)?.template_deployment)?.delete_nested_items_during_deletion;
  if (value === false || (typeof value === 'string' && /\$\{/.test(value))) return [];
  return [invalidMessage(scope, prop, `is ${value === undefined ? 'unset (the provider defaults to true)' : JSON.stringify(value)} on ${provider.node.path}, `
    + `so destroying the portal config deployment (${deployment.node.path}) sends a DELETE that portalconfigs does not support and the destroy fails`, valid)];
}

/** A nested block, which synthesizes as an object or a one-element list. */
function first(value: unknown): Record<string, any> | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v !== null && typeof v === 'object' ? v as Record<string, any> : undefined;
}

/** The API version of the portal config deployment. */
export const PORTAL_CONFIG_API_VERSION = '2022-08-01';

/**
 * An ARM template that sets the developer portal config: username/password (basic) sign-in
 * off, anonymous users sent to sign-in, no delegation, no portal CORS origins.
 */
export function portalConfigTemplate(): Record<string, unknown> {
  return {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: { serviceName: { type: 'string' } },
    resources: [{
      type: 'Microsoft.ApiManagement/service/portalconfigs',
      apiVersion: PORTAL_CONFIG_API_VERSION,
      name: "[concat(parameters('serviceName'), '/default')]",
      properties: {
        enableBasicAuth: false,
        signin: { require: true },
        signup: { termsOfService: { requireConsent: false } },
        delegation: { delegateRegistration: false, delegateSubscription: false },
        cors: { allowedOrigins: [] },
        csp: { mode: 'disabled', reportUri: [], allowedSources: [] },
      },
    }],
  };
}
