import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { invalid } from '../core/errors';

/**
 * A small typed KQL (Kusto Query Language) builder. It is the only place in the library that
 * writes query text: every user-supplied value (API ids, thresholds, IP ranges) becomes a
 * literal here, so no value can end a literal, start a new pipe stage or add a statement.
 *
 * String literals use the documented double-quoted form (learn.microsoft.com, "The string
 * data type"): a backslash escapes the enclosing quote, the backslash itself, tab (`\t`),
 * newline (`\n`) and return (`\r`). Other control characters and the Unicode line separators
 * have no documented escape, so they are refused rather than guessed.
 */

/** Column types of the Azure Monitor table reference that the builder understands. */
export type KqlType = 'string' | 'int' | 'long' | 'real' | 'bool' | 'datetime' | 'dynamic';

/** A table and the types of the columns a query may use. */
export interface KqlTable {
  /** The table name, e.g. `ApiManagementGatewayLogs`. */
  readonly name: string;
  /** Column name to type. */
  readonly columns: Readonly<Record<string, KqlType>>;
}

/** Comparison operators of `where` predicates. */
export type KqlComparison = '==' | '!=' | '<' | '<=' | '>' | '>=';

/** A literal value of a predicate. */
export type KqlValue = string | number | boolean;

const WHERE = 'KQL builder';
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
// Characters with no documented escape inside a KQL string literal.
const UNESCAPABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/;
const MAX_STRING = 2048;
const NUMERIC: KqlType[] = ['int', 'long', 'real'];

/** Why a string cannot become a KQL literal, or undefined when it can. */
function literalProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `is a ${typeof value}, not a string`;
  if (Token.isUnresolved(value)) return 'is a token (unknown until apply)';
  if (value.length > MAX_STRING) return `is ${value.length} characters long`;
  if (UNESCAPABLE.test(value)) return 'contains a control character or line separator that KQL string literals cannot escape';
  return undefined;
}

/**
 * Validates a user string that will become a KQL literal, failing with the construct path
 * and prop name; returns it unchanged.
 */
export function checkKqlString(scope: IConstruct | string, prop: string, value: string): string {
  const problem = literalProblem(value);
  if (problem) invalid(scope, prop, problem, `a literal string of at most ${MAX_STRING} characters without control characters other than tab, newline and return`);
  return value;
}

/** Validates a user number that will become a KQL literal (finite, plain notation). */
export function checkKqlNumber(scope: IConstruct | string, prop: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || Token.isUnresolved(value) || Math.abs(value) >= 1e15 || /e/i.test(String(value))) {
    invalid(scope, prop, `is ${String(value)}`, 'a finite number below 10^15 in plain notation');
  }
  return value;
}

/** A KQL double-quoted string literal. */
export function kqlString(value: string): string {
  checkKqlString(WHERE, 'string literal', value);
  return '"' + value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t') + '"';
}

/** A KQL number literal: a long when whole, a real otherwise. */
export function kqlNumber(value: number): string {
  checkKqlNumber(WHERE, 'number literal', value);
  if (Number.isInteger(value)) return String(value);
  return `real(${String(value)})`;
}

function identifier(name: string): string {
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) invalid(WHERE, 'identifier', `'${String(name)}' is not a plain identifier`, 'a letter or _ followed by letters, digits or _');
  return name;
}

/** The columns in scope at one stage of a query. */
type Columns = Readonly<Record<string, KqlType>>;

function columnType(columns: Columns, name: string): KqlType {
  identifier(name);
  const type = columns[name];
  if (type === undefined) invalid(WHERE, 'column', `'${name}' is not in scope`, Object.keys(columns).join(', '));
  return type;
}

function literal(columns: Columns, column: string, value: KqlValue): string {
  const type = columnType(columns, column);
  if (typeof value === 'string') {
    if (type !== 'string') invalid(WHERE, column, `is ${type} and cannot be compared with a string`, 'a value of the column type');
    return kqlString(value);
  }
  if (typeof value === 'number') {
    if (!NUMERIC.includes(type)) invalid(WHERE, column, `is ${type} and cannot be compared with a number`, 'a value of the column type');
    return kqlNumber(value);
  }
  if (typeof value === 'boolean') {
    if (type !== 'bool') invalid(WHERE, column, `is ${type} and cannot be compared with a bool`, 'a value of the column type');
    return value ? 'true' : 'false';
  }
  return invalid(WHERE, column, `has a value of type ${typeof value}`, 'a string, number or boolean');
}

/** A typed boolean condition of a `where` stage. */
export abstract class KqlPredicate {
  /** `column <op> value`, the value a literal of the column's type. */
  public static compare(column: string, op: KqlComparison, value: KqlValue): KqlPredicate {
    if (!['==', '!=', '<', '<=', '>', '>='].includes(op)) invalid(WHERE, 'operator', `'${String(op)}' is not supported`, '== != < <= > >=');
    return new Rendered((c) => `${identifier(column)} ${op} ${literal(c, column, value)}`);
  }

  /** `column == value`. */
  public static equals(column: string, value: KqlValue): KqlPredicate {
    return KqlPredicate.compare(column, '==', value);
  }

  /** `column in (values)`; at least one value. */
  public static inList(column: string, values: KqlValue[]): KqlPredicate {
    return new Rendered((c) => `${identifier(column)} in (${listOf(c, column, values)})`);
  }

  /** `column !in (values)`; at least one value. */
  public static notInList(column: string, values: KqlValue[]): KqlPredicate {
    return new Rendered((c) => `${identifier(column)} !in (${listOf(c, column, values)})`);
  }

  /** `isnotempty(column)`. */
  public static isNotEmpty(column: string): KqlPredicate {
    return new Rendered((c) => { columnType(c, column); return `isnotempty(${column})`; });
  }

  /**
   * The column is an IPv4 address inside one of the ranges. Rendered as
   * `coalesce(ipv4_is_in_any_range(column, ranges...), false)`: the function returns null for a
   * value that is not IPv4 (an IPv6 caller), and `not(null)` would drop that row from a query
   * that excludes ranges, so an IPv6 caller could never alert.
   */
  public static ipv4InAnyRange(column: string, ranges: string[]): KqlPredicate {
    return new Rendered((c) => {
      if (columnType(c, column) !== 'string') invalid(WHERE, column, 'is not a string column', 'a string column holding IPv4 addresses');
      if (ranges.length === 0) invalid(WHERE, 'ranges', 'is empty', 'at least one IPv4 address or CIDR range');
      return `coalesce(ipv4_is_in_any_range(${column}, ${ranges.map(kqlString).join(', ')}), false)`;
    });
  }

  /** Every predicate holds. */
  public static allOf(...predicates: KqlPredicate[]): KqlPredicate {
    return combine(predicates, 'and');
  }

  /** At least one predicate holds. */
  public static anyOf(...predicates: KqlPredicate[]): KqlPredicate {
    return combine(predicates, 'or');
  }

  /** The predicate does not hold. */
  public static negate(predicate: KqlPredicate): KqlPredicate {
    return new Rendered((c) => `not(${predicate.render(c)})`);
  }

  /** The predicate as KQL, checked against the columns in scope. */
  public abstract render(columns: Columns): string;
}

class Rendered extends KqlPredicate {
  constructor(private readonly fn: (columns: Columns) => string) { super(); }
  public render(columns: Columns): string { return this.fn(columns); }
}

function listOf(columns: Columns, column: string, values: KqlValue[]): string {
  if (!Array.isArray(values) || values.length === 0) invalid(WHERE, column, 'has an empty value list', 'at least one value');
  return values.map((v) => literal(columns, column, v)).join(', ');
}

function combine(predicates: KqlPredicate[], op: 'and' | 'or'): KqlPredicate {
  if (predicates.length === 0) invalid(WHERE, op, 'has no predicates', 'at least one predicate');
  return new Rendered((c) => predicates.length === 1 ? predicates[0].render(c) : predicates.map((p) => `(${p.render(c)})`).join(` ${op} `));
}

/** An aggregation of a `summarize` stage, named by its alias. */
export class KqlAggregate {
  /** `alias = count()`. */
  public static count(alias: string): KqlAggregate {
    return new KqlAggregate(alias, 'long', () => 'count()');
  }

  /** `alias = countif(predicate)`. */
  public static countIf(alias: string, predicate: KqlPredicate): KqlAggregate {
    return new KqlAggregate(alias, 'long', (c) => `countif(${predicate.render(c)})`);
  }

  /** `alias = dcount(column)`: the number of distinct values. */
  public static dcount(alias: string, column: string): KqlAggregate {
    return new KqlAggregate(alias, 'long', (c) => { columnType(c, column); return `dcount(${column})`; });
  }

  /** `alias = percentile(column, p)` over a numeric column, p from 0 to 100. */
  public static percentile(alias: string, column: string, p: number): KqlAggregate {
    checkKqlNumber(WHERE, 'percentile', p);
    if (p < 0 || p > 100) invalid(WHERE, 'percentile', `is ${p}`, 'a number from 0 to 100');
    return new KqlAggregate(alias, 'real', (c) => {
      if (!NUMERIC.includes(columnType(c, column))) invalid(WHERE, column, 'is not numeric', 'an int, long or real column');
      return `percentile(${column}, ${kqlNumber(p)})`;
    });
  }

  private constructor(
    /** The output column name. */
    public readonly alias: string,
    /** The output column type. */
    public readonly type: KqlType,
    private readonly fn: (columns: Columns) => string,
  ) {
    identifier(alias);
  }

  /** `alias = expression`, checked against the columns in scope. */
  public render(columns: Columns): string {
    return `${this.alias} = ${this.fn(columns)}`;
  }
}

/** Options of a `summarize` stage. */
export interface KqlSummarizeOptions {
  /** Group-by columns. */
  readonly by?: string[];
  /** Also group by `bin(TimeGenerated, <minutes>m)`. */
  readonly binMinutes?: number;
}

interface Stage {
  readonly text: string;
  readonly columns: Columns;
}

/** An immutable query: a table followed by pipe stages. Each stage is checked as it is added. */
export class KqlQuery {
  /** A query over every row of a table. */
  public static from(table: KqlTable): KqlQuery {
    identifier(table.name);
    for (const [column, type] of Object.entries(table.columns)) {
      identifier(column);
      if (!['string', 'int', 'long', 'real', 'bool', 'datetime', 'dynamic'].includes(type)) invalid(WHERE, column, `has type '${type}'`, 'a KQL scalar type');
    }
    return new KqlQuery(table.name, [], table.columns);
  }

  private constructor(private readonly table: string, private readonly stages: Stage[], private readonly columns: Columns) {}

  /** The columns the query yields so far. */
  public get outputColumns(): string[] {
    return Object.keys(this.columns);
  }

  /** `| where predicate`. */
  public where(predicate: KqlPredicate): KqlQuery {
    return this.then(`where ${predicate.render(this.columns)}`, this.columns);
  }

  /** `| summarize aggregates by columns[, bin(TimeGenerated, Nm)]`. */
  public summarize(aggregates: KqlAggregate[], options: KqlSummarizeOptions = {}): KqlQuery {
    if (aggregates.length === 0) invalid(WHERE, 'summarize', 'has no aggregates', 'at least one aggregate');
    const out: Record<string, KqlType> = {};
    const by = (options.by ?? []).map((column) => { out[column] = columnType(this.columns, column); return column; });
    if (options.binMinutes !== undefined) {
      checkKqlNumber(WHERE, 'binMinutes', options.binMinutes);
      if (!Number.isInteger(options.binMinutes) || options.binMinutes < 1) invalid(WHERE, 'binMinutes', `is ${options.binMinutes}`, 'a whole number of minutes, at least 1');
      if (columnType(this.columns, 'TimeGenerated') !== 'datetime') invalid(WHERE, 'TimeGenerated', 'is not a datetime', 'a datetime column');
      by.push(`bin(TimeGenerated, ${options.binMinutes}m)`);
      out.TimeGenerated = 'datetime';
    }
    for (const aggregate of aggregates) {
      if (out[aggregate.alias] !== undefined) invalid(WHERE, aggregate.alias, 'is used twice', 'distinct output column names');
      out[aggregate.alias] = aggregate.type;
    }
    const text = `summarize ${aggregates.map((a) => a.render(this.columns)).join(', ')}${by.length ? ` by ${by.join(', ')}` : ''}`;
    return this.then(text, out);
  }

  /** `| project columns` (columns in scope only). */
  public project(columns: string[]): KqlQuery {
    if (columns.length === 0) invalid(WHERE, 'project', 'has no columns', 'at least one column');
    const out: Record<string, KqlType> = {};
    for (const column of columns) out[column] = columnType(this.columns, column);
    return this.then(`project ${columns.join(', ')}`, out);
  }

  /** `| top count by column desc|asc` (a column in scope; count 1 to 10,000). */
  public top(count: number, column: string, order: 'desc' | 'asc' = 'desc'): KqlQuery {
    checkKqlNumber(WHERE, 'top', count);
    if (!Number.isInteger(count) || count < 1 || count > 10_000) invalid(WHERE, 'top', `is ${count}`, 'a whole number of rows from 1 to 10000');
    if (order !== 'desc' && order !== 'asc') invalid(WHERE, 'order', `is '${String(order)}'`, 'desc or asc');
    columnType(this.columns, column);
    return this.then(`top ${count} by ${column} ${order}`, this.columns);
  }

  /**
   * `| extend <alias> = <the client's IPv4 address>`: behind the Application Gateway,
   * `CallerIpAddress` is the gateway's own address, and the client is the last entry the gateway
   * appended to `X-Forwarded-For` (logged in `RequestHeaders` when the APIM diagnostic lists that
   * header); without it (or for an IPv6 client) the column is `CallerIpAddress`. Needs
   * `RequestHeaders` (dynamic) and `CallerIpAddress` (string) in scope.
   */
  public extendClientIp(alias: string): KqlQuery {
    identifier(alias);
    if (this.columns[alias] !== undefined) invalid(WHERE, alias, 'is already a column', 'a new column name');
    if (columnType(this.columns, 'RequestHeaders') !== 'dynamic') invalid(WHERE, 'RequestHeaders', 'is not dynamic', 'the dynamic RequestHeaders column');
    if (columnType(this.columns, 'CallerIpAddress') !== 'string') invalid(WHERE, 'CallerIpAddress', 'is not a string', 'the string CallerIpAddress column');
    const lastHop = 'tostring(split(tostring(RequestHeaders["X-Forwarded-For"]), ",")[-1])';
    // A verbatim KQL string (@"..."), so the regex keeps its backslashes.
    const ipv4 = String.raw`(\d{1,3}(\.\d{1,3}){3})`;
    const text = `extend ${alias} = coalesce(extract(@"${ipv4}", 1, ${lastHop}), CallerIpAddress)`;
    return this.then(text, { ...this.columns, [alias]: 'string' });
  }

  /** The query text, one stage per line. */
  public render(): string {
    return [this.table, ...this.stages.map((s) => `| ${s.text}`)].join('\n');
  }

  private then(text: string, columns: Columns): KqlQuery {
    return new KqlQuery(this.table, [...this.stages, { text, columns }], columns);
  }
}
