/**
 * The example app that `cdktf synth` (the README's main command) runs. Each example is a
 * stack; `cdktf.out/stacks/<name>/cdk.tf.json` is the Terraform for it, and stacks with the
 * compliance checks on get `hipaa-evidence.md` and `.json` beside it.
 *
 * Globally unique names (API Management, Key Vault, Health Data Services, DNS labels) end in
 * one suffix: set EXAMPLE_NAME_SUFFIX (2 to 8 lower-case letters and digits) to your own.
 */
import { App } from 'cdktf';
import { PatientRecordsStack } from './patient-records/stack';
import { SeedParityStack } from './seed-parity/stack';
import { StateStorageStack, stateStoragePropsFromEnv } from './state/state-storage-stack';

/** The suffix of every globally unique name in the examples. */
export function exampleNameSuffix(env: NodeJS.ProcessEnv = process.env): string {
  const suffix = env.EXAMPLE_NAME_SUFFIX ?? 'demo1';
  if (!/^[a-z][a-z0-9]{1,7}$/.test(suffix)) {
    throw new Error(`EXAMPLE_NAME_SUFFIX '${suffix}' is not a name suffix. Valid: 2 to 8 lower-case letters and digits, starting with a letter.`);
  }
  return suffix;
}

const app = new App();
const nameSuffix = exampleNameSuffix();
new SeedParityStack(app, 'seed-parity', { nameSuffix });
new PatientRecordsStack(app, 'patient-records', { nameSuffix });
// For teams: the encrypted, locked-down storage account the azurerm backend keeps state in.
new StateStorageStack(app, 'state-storage', stateStoragePropsFromEnv());
app.synth();
