import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

class MinimalStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{}] });
    new ResourceGroup(this, 'rg', { name: 'rg-health', location: 'eastus2' });
  }
}

const app = new App();
new MinimalStack(app, 'minimal');
app.synth();
