// A value of a --set, read the way the node kind's own zod schema reads it: the text is
// tried as a number, a boolean, JSON (for a list such as an MLP's hidden widths) and finally
// as the string itself, and the first that the schema takes (with the node's other params)
// is the value. The schemas hold the caps a graph file is held to (LIMITS), so those apply too.
import type { GraphNode } from '../graph/document';
import { getSpec } from '../nodes/registry';
import type { AnyNodeSpec } from '../nodes/types';

/** Plain decimals only, as the CLI's numeric flags. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The params a node kind has: its schema's keys, and its defaults'. */
export function paramKeys(spec: AnyNodeSpec): string[] {
  const shape = (spec.params as { shape?: Record<string, unknown> }).shape;
  return [...new Set([...Object.keys(shape ?? {}), ...Object.keys((spec.defaults ?? {}) as Record<string, unknown>)])];
}

export type ValueResult = { ok: true; value: unknown } | { ok: false; reason: string; unknownParam?: boolean };

function candidates(text: string): unknown[] {
  const t = text.trim();
  const out: unknown[] = [];
  if (DECIMAL.test(t)) out.push(Number(t));
  if (t === 'true' || t === 'false') out.push(t === 'true');
  if (/^[[{]/.test(t)) {
    try {
      out.push(JSON.parse(t));
    } catch {
      /* not JSON: tried as a string below */
    }
  }
  out.push(text);
  return out;
}

function issueText(error: unknown, param: string): string {
  const issues = (error as { issues?: { path?: PropertyKey[]; message: string }[] }).issues ?? [];
  const mine = issues.find((i) => String(i.path?.[0] ?? '') === param) ?? issues[0];
  if (!mine) return 'refused';
  const sub = (mine.path ?? []).slice(1);
  return sub.length ? `${mine.message} (at ${[param, ...sub].join('.')})` : mine.message;
}

/** The value `text` gives `param` of `node` (of its present kind), or the schema's reason why not. */
export function parseParamValue(node: GraphNode, param: string, text: string): ValueResult {
  const spec = getSpec(node.kind);
  if (!spec) return { ok: false, reason: `the node's kind ${node.kind} is unknown`, unknownParam: true };
  const keys = paramKeys(spec);
  if (!keys.includes(param)) {
    const has = keys.length ? `its params are ${keys.join(', ')}` : 'it has no params';
    return { ok: false, unknownParam: true, reason: `${param} is not a param of a ${node.kind} node (${spec.title}); ${has}${spec.estimator ? ' (and kind, which swaps the estimator)' : ''}` };
  }
  let first: string | undefined;
  for (const c of candidates(text)) {
    const r = spec.params.safeParse({ ...(spec.defaults as object), ...node.params, [param]: c });
    if (r.success) {
      return { ok: true, value: (r.data as Record<string, unknown>)[param] };
    }
    first ??= issueText(r.error, param);
  }
  return { ok: false, reason: first ?? 'refused' };
}
