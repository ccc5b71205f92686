/** Table-driven fuzz test of EdgeGateway used alone: each bad prop is a ValidationError naming it. Construct-only. */
import { BAD, badResourceIds, casesOf, label, namesProp, validationErrorOf, VAULT_ID, vaultStack } from './harness';
import { EdgeGateway, EdgeGatewayProps, RateLimit } from '../../lib';

const CERT = 'https://kv-contoso.vault.azure.net/secrets/edge';
const BASE = { namePrefix: 'contoso', resourceGroupName: 'rg', location: 'eastus2', subnetId: 'subnet', backendHostName: 'contoso.azure-api.net', hostName: 'api.contoso.example', keyVaultCertificateSecretId: CERT };
type Case = [string, Record<string, unknown>];
const one = (prop: string, values: unknown[]): Case[] => casesOf(prop, values).map(([k, v]) => [k, { [k]: v }]);

const CASES: Case[] = [
  ...one('namePrefix', [...BAD.string, '', 'Contoso', 'a_b', '${x}']),
  ...one('resourceGroupName', [...BAD.string, 'rg.']),
  ...one('location', [...BAD.string, 'East US']),
  ...one('subnetId', BAD.string),
  ...one('backendHostName', [...BAD.string, '', 'not a host', 'https://contoso.azure-api.net', '${x}.example']),
  ...one('hostName', [...BAD.string, '', 'not a host', 'api', '${x}.example']),
  ...one('keyVaultCertificateSecretId', [...BAD.string, '', `${CERT}/0123456789abcdef0123456789abcdef`, 'https://kv.vault.azure.net/keys/x']),
  ...one('keyVaultCertificateVaultId', [...BAD.string, ...badResourceIds(VAULT_ID)]),
  ...one('minCapacity', [...BAD.int, -1, 101]),
  ...one('maxCapacity', [...BAD.int, 1, 126]),
  ...one('maxRequestBodySizeBytes', [...BAD.int, 7 * 1024, 2001 * 1024, 1024, 100_000, 1024 * 1024 + 1]),
  ...one('fileUploadLimitBytes', [...BAD.int, 0, 4001 * 1024 * 1024, 4, 1024 * 1024 + 1024]),
  ...one('keyVault', [null, {}, 'kv']),
  ...one('auditLogging', [null, {}, 'audit']),
  ...one('backendDnsReadiness', BAD.list),
  ...one('zones', BAD.stringList),
  ...one('allowDestroy', BAD.bool),
  ...one('tags', [...BAD.object.filter((v) => v !== null), { a: 42 }]),
  ...one('requestBodyInspectLimitBytes', [...BAD.int, 7 * 1024, 1025 * 1024, 128, 128 * 1024 + 512]),
  ...one('ddosProtection', BAD.enum),
  ...one('acknowledgeNoDdosProtection', BAD.bool),
  ...one('virtualNetworkDdosPlan', BAD.enum),
  ...one('rateLimit', [...BAD.object.filter((v) => v !== null), { threshold: 1200 }, { calls: 1200, renewalPeriodSeconds: 60 }, RateLimit.perSecond(5), RateLimit.per(10, 299)]),
  ...one('acknowledgeNoEdgeRateLimit', BAD.bool),
  ...one('allowedCountries', [...BAD.stringList, [], ['us'], ['XX'], ['DEU']]),
  ...one('blockedCountries', [...BAD.stringList, [], ['U S'], ['']]),
  ...one('allowedClientRanges', [...BAD.stringList, [], ...BAD.cidr.filter((c) => c !== 'fe80::/64' && c !== '10.0.0.0').map((c) => [c]), ['2001:db8::1/64'], ['::ffff:1.2.3.4']]),
  ...one('blockedClientRanges', [...BAD.stringList, [], ['10.0.0.0/8', '10.0.0.0/8'], ['not-an-ip']]),
  ...one('wafExclusions', [...BAD.list, [{}], [{ matchVariable: 'RequestArgNames', selectorMatchOperator: 'Equals' }], [{ matchVariable: 'RequestArgNames', selectorMatchOperator: 'Equals', selector: 42 }]]),
  ...one('wafRuleOverrides', [...BAD.list, [{}], [{ ruleGroupName: 'SQLI', ruleId: 942430, action: 'Log' }], [{ ruleGroupName: 'SQLI', ruleId: '942430', enabled: 'false' }]]),
  ...one('acknowledgeWafDetectionMode', BAD.bool),
  ...one('acknowledgeSelfSignedCertificate', BAD.bool),
  ...one('wafDetectionModeUntil', [...BAD.string, '2026-13-01', '01/12/2026']),
  ...one('tlsPolicy', [...BAD.enum, 'AppGwSslPolicy20170401S']),
];

describe('EdgeGateway fuzz', () => {
  test.each(CASES.map(([prop, props]) => [prop, label(props), props]))('%s: %s', (prop, _, props) => {
    const { stack, keyVault, auditLogging } = vaultStack();
    const e = validationErrorOf(() => new EdgeGateway(stack, 'Edge', { ...BASE, keyVault, auditLogging, ...(props as object) } as unknown as EdgeGatewayProps));
    expect(e.constructPath).toBe('test/Edge');
    expect(namesProp(e, prop as string)).toBe(true);
  });
});
