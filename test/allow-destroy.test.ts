/**
 * The building blocks' `allowDestroy` opt-out (ApimNetwork, EdgeGateway, AuditLogging,
 * PlatformKeyVault): prevent_destroy by default, dropped only through the named opt-out with a
 * warning on the construct; the old `preventDestroy` prop is refused; inside a platform that
 * set its own `allowDestroy`, the building blocks do not repeat the platform's warning.
 */
import { IConstruct } from 'constructs';
import {
  ApimNetwork, ApimNetworkMode, ApimNetworkProps, AuditLogging, AuditLoggingProps, EdgeGateway, EdgeGatewayProps,
  PlatformKeyVault, PlatformKeyVaultProps,
} from '../lib';
import { validationErrorOf, vaultStack, VAULT_PROPS } from './fuzz/harness';
import { annotationsOf, newStack, resourcesOf, synthJson } from './util/synth';

type Extra = Record<string, unknown>;
interface Block {
  /** Builds the block in a fresh stack with extra props; returns it and the stack's JSON. */
  readonly build: (extra: Extra) => { construct: IConstruct; json: any };
  /** The protected resources of the block, by type. */
  readonly types: string[];
  /** What its warning names. */
  readonly warning: RegExp;
}

const CERT = 'https://kv-contoso.vault.azure.net/secrets/edge';
const EDGE_PROPS = { namePrefix: 'contoso', resourceGroupName: 'rg', location: 'eastus2', subnetId: 'subnet', backendHostName: 'contoso.azure-api.net', hostName: 'api.contoso.example', keyVaultCertificateSecretId: CERT };

const BLOCKS: Record<string, Block> = {
  ApimNetwork: {
    build: (extra) => {
      const stack = newStack();
      const construct = new ApimNetwork(stack, 'Network', { apimName: 'contoso', resourceGroupName: 'rg', location: 'eastus2', mode: ApimNetworkMode.CLASSIC_INJECTION, ...extra } as ApimNetworkProps);
      return { construct, json: synthJson(stack) };
    },
    types: ['azurerm_virtual_network'],
    warning: /^\[security opt-out: allowDestroy\] terraform destroy can delete the VNet vnet-contoso/,
  },
  EdgeGateway: {
    build: (extra) => {
      const { stack, keyVault, auditLogging } = vaultStack();
      const construct = new EdgeGateway(stack, 'Edge', { ...EDGE_PROPS, keyVault, auditLogging, ...extra } as EdgeGatewayProps);
      return { construct, json: synthJson(stack) };
    },
    types: ['azurerm_public_ip'],
    warning: /^\[security opt-out: allowDestroy\] terraform destroy can delete the edge public IP pip-contoso-edge/,
  },
  AuditLogging: {
    build: (extra) => {
      const stack = newStack();
      const construct = new AuditLogging(stack, 'Audit', { namePrefix: 'contoso', resourceGroupName: 'rg', location: 'eastus2', ...extra } as AuditLoggingProps);
      return { construct, json: synthJson(stack) };
    },
    types: ['azurerm_log_analytics_workspace', 'azurerm_application_insights'],
    warning: /^\[security opt-out: allowDestroy\] terraform destroy can delete the audit workspace contoso-law and Application Insights contoso-appi/,
  },
  PlatformKeyVault: {
    build: (extra) => {
      const stack = newStack();
      const construct = new PlatformKeyVault(stack, 'Vault', { ...VAULT_PROPS, ...extra } as PlatformKeyVaultProps);
      return { construct, json: synthJson(stack) };
    },
    types: ['azurerm_key_vault'],
    warning: /^\[security opt-out: allowDestroy\] terraform destroy can delete the Key Vault kv-contoso/,
  },
};

/** prevent_destroy of every resource of the block's protected types in the stack (the edge test stack also holds a vault and audit logging). */
function preventDestroyOf(json: any, block: Block, construct: IConstruct): boolean[] {
  const prefix = construct.node.path.split('/').slice(1).join('_');
  return block.types.flatMap((t) => resourcesOf(json, t).filter(([id]) => id.startsWith(`${prefix}_`)).map(([, r]) => r.lifecycle?.prevent_destroy));
}

describe.each(Object.keys(BLOCKS))('%s', (name) => {
  const block = BLOCKS[name];

  test('keeps prevent_destroy by default and with allowDestroy: false, without a warning', () => {
    for (const extra of [{}, { allowDestroy: false }]) {
      const { construct, json } = block.build(extra);
      const values = preventDestroyOf(json, block, construct);
      expect(values.length).toBe(block.types.length);
      expect(values.every((v) => v === true)).toBe(true);
      expect(annotationsOf(construct, 'warn').filter((w) => w.includes('allowDestroy'))).toEqual([]);
    }
  });

  test('allowDestroy: true drops prevent_destroy, with a warning on the construct that names what can go', () => {
    const { construct, json } = block.build({ allowDestroy: true });
    expect(preventDestroyOf(json, block, construct)).toEqual(block.types.map(() => false));
    expect(annotationsOf(construct, 'warn').filter((w) => w.includes('allowDestroy'))).toEqual([expect.stringMatching(block.warning)]);
  });

  test('the old preventDestroy prop is refused, naming allowDestroy', () => {
    const e = validationErrorOf(() => block.build({ preventDestroy: false }));
    expect(e.prop).toBe('preventDestroy');
    expect(e.message).toMatch(/preventDestroy is no longer a prop\. Valid: allowDestroy: true to drop lifecycle\.prevent_destroy/);
  });

  test("allowDestroy: 'true' is refused (a string is not an opt-out)", () => {
    expect(validationErrorOf(() => block.build({ allowDestroy: 'true' })).prop).toBe('allowDestroy');
  });
});

test('AuditLogging with an existing workspace names only Application Insights', () => {
  const { construct } = BLOCKS.AuditLogging.build({
    allowDestroy: true,
    existingWorkspaceId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law',
  });
  expect(annotationsOf(construct, 'warn')).toEqual([expect.stringMatching(/^\[security opt-out: allowDestroy\] terraform destroy can delete Application Insights contoso-appi/)]);
});
