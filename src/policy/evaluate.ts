// `keywarden policy eval`: a query over modules and data, answered in the shape of `opa eval`.
import { compile } from '../rego/index.js';
import { parseQuery } from '../rego/parser/index.js';
import type { SourceFile } from './files.js';

/** The name under which a lone-term query's value is bound (a name no user query uses). */
const VALUE_VAR = '__keywarden_value__';

export interface EvalResult {
  result?: { expressions: { value: unknown; text: string }[]; bindings?: Record<string, unknown> }[];
}

export interface EvalOptions {
  modules: readonly SourceFile[];
  data: Record<string, unknown>;
  input?: unknown;
  strictBuiltinErrors?: boolean;
  timeoutMs?: number;
  now?: Date;
  print?: (msg: string) => void;
}

/** true when the query is a single expression that is a plain term (e.g. `data.x.p`), whose value users want to see. */
function isLoneTerm(query: string): boolean {
  const body = parseQuery(query, 'query');
  const only = body[0];
  return body.length === 1 && only !== undefined && !only.negated && only.with.length === 0 && only.body.kind === 'term';
}

export async function evaluate(query: string, opts: EvalOptions): Promise<EvalResult> {
  const modules = Object.fromEntries(opts.modules.map((m) => [m.display, m.text]));
  const policy = await compile({ modules, data: opts.data });
  const lone = isLoneTerm(query);
  const rows = await policy.query(lone ? `${VALUE_VAR} = (${query})` : query, {
    input: opts.input,
    strictBuiltinErrors: opts.strictBuiltinErrors,
    timeoutMs: opts.timeoutMs,
    now: opts.now,
    print: opts.print,
  });
  if (rows.length === 0) return {};
  return {
    result: rows.map((row) => {
      if (lone) {
        const { [VALUE_VAR]: value, ...rest } = row;
        return { expressions: [{ value, text: query }], ...(Object.keys(rest).length ? { bindings: rest } : {}) };
      }
      return { expressions: [{ value: true, text: query }], ...(Object.keys(row).length ? { bindings: row } : {}) };
    }),
  };
}

/** Human-readable form: the value of a lone-term query, or one line of bindings per solution. */
export function formatPretty(result: EvalResult): string {
  if (!result.result) return 'undefined';
  const lines: string[] = [];
  for (const r of result.result) {
    if (r.bindings) lines.push(JSON.stringify(r.bindings, null, 2));
    else lines.push(JSON.stringify(r.expressions[0]?.value, null, 2));
  }
  return lines.join('\n');
}
