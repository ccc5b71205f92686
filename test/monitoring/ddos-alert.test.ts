/** The DDoS attack alert: the edge public IP's IfUnderDDoSAttack metric, routed to the security action group. */
import * as fs from 'fs';
import * as path from 'path';
import { MONITORING_BASE, RG } from './fixtures';
import { DDOS_ATTACK_DEFAULTS } from '../../lib/monitoring/alerts/ddos';
import { SecurityMonitoring, SecurityMonitoringProps } from '../../lib/monitoring/security-monitoring';
import { annotationsOf, block, blocks, newStack, resourcesOf, synthJson } from '../util/synth';

const BASE: SecurityMonitoringProps = MONITORING_BASE;
const IP = `${RG}/providers/Microsoft.Network/publicIPAddresses/pip-hc-edge`;

function build(props: Partial<SecurityMonitoringProps> = {}) {
  const stack = newStack();
  const monitoring = new SecurityMonitoring(stack, 'Monitoring', { ...BASE, ...props } as SecurityMonitoringProps);
  const json = synthJson(stack);
  const alert = resourcesOf(json, 'azurerm_monitor_metric_alert').map(([, a]) => a).find((a) => a.name === 'hc-prod-edge-ddos-attack');
  return { monitoring, json, alert };
}

describe('the DDoS attack alert', () => {
  test('on the protected edge IP: IfUnderDDoSAttack maximum over 0, every minute over 5, severity 1, to the security action group', () => {
    const { monitoring, alert } = build({ ddosProtectedPublicIpId: IP });
    expect(alert).toMatchObject({ scopes: [IP], severity: 1, frequency: 'PT1M', window_size: 'PT5M', enabled: true, auto_mitigate: true });
    expect(block(alert.criteria)).toMatchObject({
      metric_namespace: 'Microsoft.Network/publicIPAddresses', metric_name: 'IfUnderDDoSAttack', aggregation: 'Maximum', operator: 'GreaterThan', threshold: 0,
    });
    expect(blocks(alert.action).map((a) => a.action_group_id)).toEqual([expect.stringMatching(/^\$\{azurerm_monitor_action_group\.Monitoring_ActionGroup_\w+\.id\}$/)]);
    expect(monitoring.alerts.find((a) => a.id === 'edge-ddos-attack')).toMatchObject({ kind: 'metric', severity: 1, actionGroupIds: [monitoring.actionGroupId] });
  });

  test('tunable window and severity; a named opt-out with a warning', () => {
    expect(build({ ddosProtectedPublicIpId: IP, ddosAttack: { windowSeconds: 900, severity: 0 } }).alert).toMatchObject({ window_size: 'PT15M', severity: 0 });
    const { monitoring, alert } = build({ ddosProtectedPublicIpId: IP, ddosAttack: { acknowledgeDisabled: true } });
    expect(alert).toBeUndefined();
    expect(monitoring.disabledAlerts).toEqual(['ddosAttack']);
    expect(annotationsOf(monitoring, 'warn')).toEqual([expect.stringContaining('[security opt-out: ddosAttack.acknowledgeDisabled]')]);
  });

  test('no protected IP, no alert', () => {
    expect(build().alert).toBeUndefined();
  });

  test.each([
    [{ ddosAttack: { severity: 2 } }, /ddosAttack is set without ddosProtectedPublicIpId/],
    [{ ddosProtectedPublicIpId: IP, ddosAttack: { threshold: 1 } }, /ddosAttack.threshold is 1. Valid: a whole number from 0 to 0/],
    [{ ddosProtectedPublicIpId: 'pip-hc-edge' }, /ddosProtectedPublicIpId 'pip-hc-edge' is not a resource id/],
  ])('%j is refused', (props, message) => {
    expect(() => build(props)).toThrow(message);
  });
});

test('the README thresholds table lists the DDoS alert with its defaults', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const row = readme.split('\n').find((l) => l.startsWith('| `ddosAttack` |'));
  const t = DDOS_ATTACK_DEFAULTS;
  expect(row!.split('|').slice(-5, -1).map((c) => c.trim())).toEqual([String(t.threshold), `${t.windowMinutes} min`, `${t.frequencyMinutes} min`, String(t.severity)]);
});
