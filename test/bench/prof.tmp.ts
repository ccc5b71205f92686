import { Testing } from 'cdktf';
import { ConsumerGroup, HealthcareCompliance, ProtectedApi, SecureHealthcareApim } from '../../lib';
import { PLATFORM_PROPS } from '../api/fixtures';
import { newStack } from '../util/synth';
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;
function build(n: number, compliance: boolean) {
  const stack = newStack('bench');
  const platform = new SecureHealthcareApim(stack, 'Platform', PLATFORM_PROPS);
  const apis = Array.from({ length: n }, (_, i) => new ProtectedApi(stack, `Api${i}`, {
    platform, name: `api${i}`, path: `api${i}`, version: 'v1', backendUrl: `https://backend${i}.contoso-health.example`,
    operations: Array.from({ length: 10 }, (__, k) => ({ method: METHODS[k % METHODS.length], urlTemplate: `/resource${Math.floor(k / METHODS.length)}/{id}/part${k}`, requiredRoles: [k % 2 ? 'Data.Write' : 'Data.Read'] })),
  }));
  for (const [name, roles] of [['clinicians', ['Data.Read', 'Data.Write']], ['billing', ['Data.Read']], ['research', ['Data.Read']]] as const) {
    new ConsumerGroup(stack, `Group-${name}`, { platform, name, apis, roles: [...roles] });
  }
  if (compliance) HealthcareCompliance.of(stack);
  return stack;
}
Testing.synth(build(2, false));
const t0 = Date.now();
const s = build(100, process.argv.includes('--compliance'));
const t1 = Date.now();
Testing.synth(s);
console.log('construct', t1 - t0, 'synth', Date.now() - t1);
