/**
 * Runs the flow statements of a parsed policy section (`set-variable`, `choose`,
 * `return-response`) against a fake APIM context, with `evaluate` for the expressions, so a
 * test can check the response a request gets. Statements the caller lists in `skip` are
 * passed over; any other statement throws, so nothing is silently ignored.
 */
import { evaluate, FakeContext, FakeVariable } from './csharp';
import { childElements, textOf } from './xml';

/** What a `return-response` answered. */
export interface SimulatedResponse {
  readonly status: number;
  /** Response headers, by name as written. */
  readonly headers: Record<string, string>;
  /** The body as written in the policy (not evaluated). */
  readonly body?: string;
}

/** The outcome of running statements: the response, if one was returned, and the variables. */
export interface SimulatedRun {
  readonly response?: SimulatedResponse;
  readonly variables: Record<string, FakeVariable>;
}

function value(text: string, ctx: FakeContext): unknown {
  return text.startsWith('@') ? evaluate(text, ctx) : text;
}

/** Runs the statements in order until one returns a response. */
export function runStatements(statements: Element[], ctx: FakeContext, skip: string[] = []): SimulatedRun {
  const variables: Record<string, FakeVariable> = { ...(ctx.Variables ?? {}) };
  const current = (): FakeContext => ({ ...ctx, Variables: variables });
  const run = (list: Element[]): SimulatedResponse | undefined => {
    for (const s of list) {
      if (s.tagName === 'set-variable') {
        const v = value(s.getAttribute('value')!, current());
        if (typeof v === 'number') variables[s.getAttribute('name')!] = ['int', v];
        else if (typeof v === 'string') variables[s.getAttribute('name')!] = v;
        else throw new Error(`set-variable ${s.getAttribute('name')} produced ${typeof v}`);
      } else if (s.tagName === 'choose') {
        const branches = childElements(s);
        const taken = branches.find((b) => b.tagName === 'otherwise' || evaluate(b.getAttribute('condition')!, current()) === true);
        const response = taken ? run(childElements(taken)) : undefined;
        if (response) return response;
      } else if (s.tagName === 'return-response') {
        const status = childElements(s, 'set-status')[0];
        const headers: Record<string, string> = {};
        for (const h of childElements(s, 'set-header')) {
          headers[h.getAttribute('name')!] = childElements(h, 'value').map((v) => String(value(textOf(v), current()))).join(',');
        }
        const body = childElements(s, 'set-body')[0];
        return { status: Number(value(status.getAttribute('code')!, current())), headers, body: body ? textOf(body) : undefined };
      } else if (!skip.includes(s.tagName)) {
        throw new Error(`runStatements: <${s.tagName}> is not simulated; list it in skip to pass over it`);
      }
    }
    return undefined;
  };
  const response = run(statements);
  return { response, variables };
}
