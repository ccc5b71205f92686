/**
 * Every weakening goes through `warnOptOut(scope, optOut, …)`, and the prop the user set to
 * weaken a default is named `acknowledge…` or `allow…` (issue 17). This reads every call in
 * lib/ with the TypeScript parser, so a new opt-out with another name fails here.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const LIB = path.join(__dirname, '..', 'lib');

/** Choices that are not booleans: an enum value whose own name says what is weaker. */
const ENUM_CHOICES: Record<string, string> = {
  'edge.tlsPolicy': 'EdgeTlsPolicy.TLS12_2022 names the older cipher suites it adds',
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? sourceFiles(full) : d.name.endsWith('.ts') ? [full] : [];
  });
}

/** The opt-out argument of every warnOptOut call: its text, or the tail after the last `${…}` of a template. */
function optOutNames(): Array<{ file: string; name: string }> {
  const found: Array<{ file: string; name: string }> = [];
  for (const file of sourceFiles(LIB)) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2020, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'warnOptOut') {
        const arg = node.arguments[1];
        let name: string;
        if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) name = arg.text;
        else if (ts.isTemplateExpression(arg)) name = arg.templateSpans[arg.templateSpans.length - 1].literal.text.replace(/^\./, '');
        else name = `<not a literal: ${arg.getText(source)}>`;
        found.push({ file: path.relative(LIB, file), name });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('opt-outs are named acknowledge… or allow…', () => {
  const names = optOutNames();

  test('the scan finds the library\'s opt-outs', () => {
    expect(names.length).toBeGreaterThan(20);
    expect(names.map((n) => n.name)).toEqual(expect.arrayContaining(['allowDestroy', 'acknowledgePublicGateway', 'allowPublicNetworkAccess', 'acknowledgeSelfSignedCertificate']));
  });

  test.each(names.map((n) => [n.name, n.file]))('%s (%s)', (name) => {
    if (ENUM_CHOICES[name] !== undefined) return;
    const prop = name.split('.').pop()!;
    expect(prop).toMatch(/^(acknowledge|allow)[A-Z]/);
  });

  test('the enum exceptions still exist (remove an entry when its call goes)', () => {
    for (const name of Object.keys(ENUM_CHOICES)) expect(names.map((n) => n.name)).toContain(name);
  });
});
