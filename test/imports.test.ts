/**
 * The provider packages are huge: importing `@cdktf/provider-azurerm` (or azuread) from the
 * package root loads every resource binding and makes synth and consumers' builds slow. Every
 * import in lib/ must use a deep path such as `@cdktf/provider-azurerm/lib/api-management`.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const LIB = path.join(__dirname, '..', 'lib');
const PROVIDER = /^@cdktf\/provider-(?:azurerm|azuread)(?:\/|$)/;
const DEEP = /^@cdktf\/provider-(?:azurerm|azuread)\/lib\/(?!index(?:\.js)?$)[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;

/** Every module specifier a TypeScript source imports, exports from or requires (comments are ignored). */
function specifiers(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

/** The provider specifiers of a source that are not deep imports. */
function rootProviderImports(source: string): string[] {
  return specifiers(source).filter((s) => PROVIDER.test(s) && !DEEP.test(s));
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(full);
    return e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

describe('the root-import detector', () => {
  test.each([
    "import { ApiManagement } from '@cdktf/provider-azurerm';",
    'import * as azuread from "@cdktf/provider-azuread";',
    "import {\n  ApiManagement,\n  KeyVault,\n} from '@cdktf/provider-azurerm';",
    "export { provider } from '@cdktf/provider-azurerm';",
    "export * from '@cdktf/provider-azuread';",
    "import type { Application } from '@cdktf/provider-azuread';",
    "import azurerm = require('@cdktf/provider-azurerm');",
    "const azurerm = require('@cdktf/provider-azurerm');",
    "const m = await import('@cdktf/provider-azuread');",
    "import { apiManagement } from '@cdktf/provider-azurerm/lib';",
    "import { apiManagement } from '@cdktf/provider-azurerm/lib/index';",
    "import '@cdktf/provider-azurerm';",
  ])('flags %j', (line) => {
    expect(rootProviderImports(line)).toHaveLength(1);
  });

  test.each([
    "import { ApiManagement } from '@cdktf/provider-azurerm/lib/api-management';",
    "import { Application } from '@cdktf/provider-azuread/lib/application';",
    "import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';",
    "// import { ApiManagement } from '@cdktf/provider-azurerm';",
    "/* see '@cdktf/provider-azurerm' */ import { Token } from 'cdktf';",
    "import { x } from '@cdktf/provider-azurermish';",
  ])('does not flag %j', (line) => {
    expect(rootProviderImports(line)).toEqual([]);
  });
});

describe('lib/ imports the providers by deep path only', () => {
  const files = tsFiles(LIB);

  test('the scan sees the library, including its deep provider imports', () => {
    expect(files.length).toBeGreaterThan(10);
    expect(files.some((f) => f.endsWith(path.join('policy', 'document.ts')))).toBe(true);
    const deep = files.flatMap((f) => specifiers(fs.readFileSync(f, 'utf8'))).filter((s) => DEEP.test(s));
    expect(deep.length).toBeGreaterThan(0);
  });

  test('no file imports @cdktf/provider-azurerm or @cdktf/provider-azuread from the package root', () => {
    const offenders = files.flatMap((f) => rootProviderImports(fs.readFileSync(f, 'utf8')).map((s) => `${path.relative(LIB, f)}: ${s}`));
    expect(offenders).toEqual([]);
  });
});
