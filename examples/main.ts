/**
 * The example app that `cdktf synth` (the README's main command) runs. Each example is a
 * stack; `cdktf.out/stacks/<name>/cdk.tf.json` is the Terraform for it, and stacks with the
 * compliance checks on get `hipaa-evidence.md` and `.json` beside it.
 */
import { App } from 'cdktf';
import { PatientRecordsStack } from './patient-records/stack';
import { SeedParityStack } from './seed-parity/stack';
import { StateStorageStack, stateStoragePropsFromEnv } from './state/state-storage-stack';

const app = new App();
new SeedParityStack(app, 'seed-parity');
new PatientRecordsStack(app, 'patient-records');
// For teams: the encrypted, locked-down storage account the azurerm backend keeps state in.
new StateStorageStack(app, 'state-storage', stateStoragePropsFromEnv());
app.synth();
