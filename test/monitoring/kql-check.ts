/**
 * Parses and semantically checks KQL offline with Microsoft's Kusto language service
 * (npm @kusto/language-service-next, the parser behind the Azure Data Explorer editors).
 *
 * Loading: the package is a Bridge.NET build that defines globals. `bridge.min.js` defines the
 * `Bridge` runtime and `System`; `Kusto.Language.Bridge.min.js` then defines `Kusto.Language`.
 * Tables come from `new TableSymbol.$ctor7(name, "(Col:type, ...)", description)`, a database
 * from `new DatabaseSymbol.$ctor1(name, tables, isOpen=false)`, and
 * `KustoCode.ParseAndAnalyze(text, GlobalState.Default.WithDatabase(db)).GetDiagnostics()`
 * reports syntax errors, unknown names and type errors.
 */
import { WORKSPACE_TABLES } from './schemas';

/* eslint-disable @typescript-eslint/no-require-imports */
require('@kusto/language-service-next/bridge.min.js');
require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
/* eslint-enable @typescript-eslint/no-require-imports */

declare const Kusto: any;

/** One diagnostic of the Kusto analyzer. */
export interface KqlDiagnostic {
  readonly severity: string;
  readonly code: string;
  readonly message: string;
  readonly start: number;
}

function globalsFor(tables: Record<string, Record<string, string>>): any {
  const symbols = Kusto.Language.Symbols;
  const tableSymbols = Object.entries(tables).map(([name, columns]) =>
    new symbols.TableSymbol.$ctor7(name, `(${Object.entries(columns).map(([c, t]) => `['${c}']:${t}`).join(', ')})`, null));
  const db = new symbols.DatabaseSymbol.$ctor1('workspace', tableSymbols, false);
  return Kusto.Language.GlobalState.Default.WithDatabase(db);
}

const WORKSPACE = globalsFor(WORKSPACE_TABLES);

function listOf<T>(list: any): T[] {
  const out: T[] = [];
  for (let i = 0; i < list.Count; i++) out.push(list.getItem(i));
  return out;
}

/** Parses and analyzes a query; returns every error and warning. */
export function analyzeKql(query: string, tables?: Record<string, Record<string, string>>): KqlDiagnostic[] {
  const code = Kusto.Language.KustoCode.ParseAndAnalyze(query, tables ? globalsFor(tables) : WORKSPACE);
  return listOf<any>(code.GetDiagnostics())
    .filter((d) => d.Severity === 'Error' || d.Severity === 'Warning')
    .map((d) => ({ severity: d.Severity, code: d.Code, message: d.Message, start: d.Start }));
}

/** Fails with the diagnostics when the query has any error or warning. */
export function expectValidKql(query: string): void {
  const diagnostics = analyzeKql(query);
  if (diagnostics.length > 0) {
    throw new Error(`KQL check failed:\n${query}\n${diagnostics.map((d) => `  ${d.severity} ${d.code} at ${d.start}: ${d.message}`).join('\n')}`);
  }
}

/** The values of every string literal in a query, as the Kusto parser reads them. */
export function stringLiteralsOf(query: string): string[] {
  const code = Kusto.Language.KustoCode.ParseAndAnalyze(query, WORKSPACE);
  return listOf<any>(code.Syntax.GetDescendants(Kusto.Language.Syntax.LiteralExpression))
    .map((l) => l.LiteralValue)
    .filter((v) => typeof v === 'string');
}

/** The names of the pipe operators (where, summarize, ...) of a query, in order. */
export function queryOperatorsOf(query: string): string[] {
  const code = Kusto.Language.KustoCode.ParseAndAnalyze(query, WORKSPACE);
  return listOf<any>(code.Syntax.GetDescendants(Kusto.Language.Syntax.PipeExpression))
    .sort((a, b) => a.Operator.TextStart - b.Operator.TextStart)
    .map((p) => String(p.Operator.constructor.$$name).split('.').pop()!);
}
