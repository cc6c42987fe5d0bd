// Text → GraphDoc, or a list of sentences a person can act on. Never throws: whatever a
// file holds, the caller gets a verdict and keeps the graph it had if the file fails.
import type { z } from 'zod';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { GRAPH_FORMAT, GRAPH_VERSION, graphDocSchema, type GraphDoc } from './document';
import { getSpec, inputPort, outputPort } from '../nodes/registry';

export type ParseResult = { ok: true; doc: GraphDoc; warnings: string[] } | { ok: false; errors: string[] };

/** Stated limit; a graph file is text describing nodes, not a dataset dump. */
export const MAX_FILE_CHARS = 25_000_000;

function where(path: PropertyKey[]): string {
  if (path.length === 0) return 'the file';
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

function zodErrors(err: z.ZodError, prefix = ''): string[] {
  return err.issues.slice(0, 50).map((i) => `${prefix}${where(i.path)}: ${i.message}`);
}

/**
 * V8's JSON.parse messages carry no position, so a strict JSON scan (jsonc-parser, with
 * comments and trailing commas disallowed) finds the line and column a person needs.
 */
function jsonErrorMessage(text: string, e: unknown): string {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return `is not valid JSON: ${e instanceof Error ? e.message : String(e)}`;
  const before = text.slice(0, first.offset);
  const line = before.split('\n').length;
  const col = first.offset - before.lastIndexOf('\n');
  return `is not valid JSON (line ${line}, column ${col}): ${printParseErrorCode(first.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`;
}

export function parseGraphText(text: string, fileName = 'the file'): ParseResult {
  if (text.length > MAX_FILE_CHARS) return { ok: false, errors: [`${fileName} is larger than ${MAX_FILE_CHARS / 1e6} MB, the limit for a graph file.`] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`${fileName} ${jsonErrorMessage(text, e)}`] };
  }
  return parseGraphValue(raw, fileName);
}

export function parseGraphValue(raw: unknown, fileName = 'the file'): ParseResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, errors: [`${fileName} does not hold a graph (expected a JSON object with "format": "${GRAPH_FORMAT}").`] };
  }
  const obj = raw as Record<string, unknown>;
  if (obj.format !== GRAPH_FORMAT) {
    return { ok: false, errors: [`${fileName} is not a Latent Canvas graph (its "format" is ${JSON.stringify(obj.format ?? null)}, expected "${GRAPH_FORMAT}").`] };
  }
  if (typeof obj.version === 'number' && obj.version > GRAPH_VERSION) {
    return { ok: false, errors: [`${fileName} was saved by a newer Latent Canvas (format version ${obj.version}; this one reads up to ${GRAPH_VERSION}). Update the app to open it.`] };
  }
  const parsed = graphDocSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error).map((e) => `${fileName}: ${e}`) };
  const doc = parsed.data;
  const errors = checkReferences(doc).map((e) => `${fileName}: ${e}`);
  if (errors.length) return { ok: false, errors };
  return { ok: true, doc: withParsedParams(doc), warnings: [] };
}

/** Kinds, params, ids and edges: what the schema alone cannot know. */
function checkReferences(doc: GraphDoc): string[] {
  const errors: string[] = [];
  const ids = new Map<string, string>();
  doc.nodes.forEach((n, i) => {
    if (ids.has(n.id)) errors.push(`nodes[${i}]: the id "${n.id}" is used by two nodes.`);
    ids.set(n.id, n.kind);
    const spec = getSpec(n.kind);
    if (!spec) {
      errors.push(`nodes[${i}] ("${n.id}"): unknown node kind "${n.kind}".`);
      return;
    }
    const p = spec.params.safeParse(n.params);
    if (!p.success) errors.push(...zodErrors(p.error, `nodes[${i}] ("${n.id}") params.`));
  });
  const edgeIds = new Set<string>();
  const fed = new Set<string>();
  doc.edges.forEach((e, i) => {
    if (edgeIds.has(e.id)) errors.push(`edges[${i}]: the id "${e.id}" is used by two edges.`);
    edgeIds.add(e.id);
    const sk = ids.get(e.source);
    const tk = ids.get(e.target);
    if (sk === undefined) return void errors.push(`edges[${i}]: its source node "${e.source}" does not exist.`);
    if (tk === undefined) return void errors.push(`edges[${i}]: its target node "${e.target}" does not exist.`);
    const sp = getSpec(sk) && outputPort(sk, e.sourcePort);
    const tp = getSpec(tk) && inputPort(tk, e.targetPort);
    if (getSpec(sk) && !sp) errors.push(`edges[${i}]: node "${e.source}" (${sk}) has no output "${e.sourcePort}".`);
    if (getSpec(tk) && !tp) errors.push(`edges[${i}]: node "${e.target}" (${tk}) has no input "${e.targetPort}".`);
    if (sp && tp && sp.kind !== tp.kind) errors.push(`edges[${i}]: connects a ${sp.kind} output to a ${tp.kind} input.`);
    const key = `${e.target}\u0000${e.targetPort}`;
    if (fed.has(key)) errors.push(`edges[${i}]: input "${e.targetPort}" of node "${e.target}" already has an edge.`);
    fed.add(key);
  });
  return errors;
}

/** Fills in defaults so that every later reader sees complete params. */
function withParsedParams(doc: GraphDoc): GraphDoc {
  return {
    ...doc,
    nodes: doc.nodes.map((n) => ({ ...n, params: getSpec(n.kind)!.params.parse(n.params) as Record<string, unknown> })),
  };
}

export function serializeGraph(doc: GraphDoc): string {
  return JSON.stringify(doc, null, 2) + '\n';
}
