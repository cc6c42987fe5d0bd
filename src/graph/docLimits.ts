// What the parser would refuse in a document the editor holds, asked before every edit is
// applied: a graph that was accepted, autosaved and saved must open again, unchanged.
//
// The checks are the parser's own — the same schemas (document.ts, each kind's params), the
// same reference rules as repairReferences, the same file-size limit (fileTooLargeText) —
// run part by part, and each part (a node, an edge, the meta) is checked once per object:
// edits replace only what they change, so an edit of a 2,000-node graph costs a lookup per
// unchanged node instead of a full parse (~50 ms, too slow for every keystroke).
// tests/unit/edit-limits.property.test.ts holds the agreement: whatever passes here parses.
import type { z } from 'zod';
import { edgeSchema, metaSchema, nodeSchema, trainingSchema, viewportSchema, type GraphDoc, type GraphEdge, type GraphNode } from './document';
import { serializeGraph } from './parse';
import { LIMITS, fileTooLargeText, formatLimit } from './limits';
import { paramLimitText } from '../nodes/paramLimits';
import { issueText, quote } from './problems';
import { getSpec } from '../nodes/registry';
import { portLookup } from './blocks/ports';
import { blockProblems, storedNodeCount } from './blocks/validate';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The first zod issue as a sentence about `what` ("The title is longer than 200 characters."). */
function issueSentence(what: string, err: z.ZodError, reword?: (issue: z.core.$ZodIssue) => string | undefined): string {
  const issue = err.issues[0];
  const field = issue.path.length ? ` (${issue.path.map(String).join('.')})` : '';
  return `${what}${field} ${(reword?.(issue) ?? issueText(issue)).replace(/\.$/, '')}.`;
}

/** Results per object: an unchanged node, edge or section is never checked twice. */
function cached<T extends object, R>(check: (v: T) => R): (v: T) => R {
  const seen = new WeakMap<T, R>();
  return (v) => {
    if (seen.has(v)) return seen.get(v)!;
    const r = check(v);
    seen.set(v, r);
    return r;
  };
}

const labelOf = (n: GraphNode) => `node ${quote(n.id, 40)}`;

const nodeProblem = cached((n: GraphNode): string | undefined => {
  const shape = nodeSchema.safeParse(n);
  if (!shape.success) {
    const field = shape.error.issues[0].path[0];
    if (field === 'label') return `The label of ${labelOf(n)} is longer than ${formatLimit('labelChars')} characters, the limit for a label.`;
    return issueSentence(`The ${labelOf(n)}`, shape.error);
  }
  const spec = getSpec(n.kind);
  if (!spec) return `The ${labelOf(n)} has an unknown kind ${quote(n.kind)}.`;
  const params = spec.params.safeParse(n.params);
  if (!params.success) return issueSentence(`A setting of ${labelOf(n)}`, params.error, (i) => (i.code === 'too_big' ? paramLimitText(n.kind, i.path) : undefined));
  return undefined;
});

const edgeShapeProblem = cached((e: GraphEdge): string | undefined => {
  const shape = edgeSchema.safeParse(e);
  return shape.success ? undefined : issueSentence(`The connection ${quote(e.id, 60)}`, shape.error);
});

const metaProblem = cached((meta: GraphDoc['meta']): string | undefined => {
  const r = metaSchema.safeParse(meta);
  if (r.success) return undefined;
  const field = r.error.issues[0].path[0];
  if (field === 'title') return `The title is longer than ${formatLimit('titleChars')} characters, the limit for a title.`;
  if (field === 'notes') return `The notes are longer than ${formatLimit('notesChars')} characters, the limit for notes.`;
  if (field === 'description') return `The description is longer than ${formatLimit('descriptionChars')} characters, the limit for a description.`;
  return issueSentence('The graph’s title, description or notes', r.error);
});

const trainingProblem = cached((t: GraphDoc['training']): string | undefined => {
  const r = trainingSchema.safeParse(t);
  return r.success ? undefined : issueSentence('The training settings', r.error);
});

const viewportProblem = cached((v: GraphDoc['viewport']): string | undefined => {
  const r = viewportSchema.safeParse(v);
  return r.success ? undefined : issueSentence('The view', r.error);
});

/** The edges as the parser reads them: ends that exist, ports that exist and agree, one edge per input, unique ids. */
function edgeProblems(doc: GraphDoc, out: string[]): void {
  const kinds = new Map<string, string>();
  for (const n of doc.nodes) {
    if (kinds.has(n.id)) out.push(`Two nodes have the id ${quote(n.id, 40)}.`);
    kinds.set(n.id, n.kind);
  }
  const ports = portLookup(doc.nodes, doc.blocks);
  const ids = new Set<string>();
  const fed = new Set<string>();
  for (const e of doc.edges) {
    const shape = edgeShapeProblem(e);
    if (shape) {
      out.push(shape);
      continue;
    }
    const name = `The connection ${quote(e.id, 60)}`;
    const sk = kinds.get(e.source);
    const tk = kinds.get(e.target);
    if (sk === undefined || tk === undefined) {
      out.push(`${name} leads to a node that does not exist (${quote(sk === undefined ? e.source : e.target, 40)}).`);
      continue;
    }
    const sp = ports.output(e.source, e.sourcePort);
    const tp = ports.input(e.target, e.targetPort);
    if (!sp || !tp) out.push(`${name} uses a port that does not exist (${!sp ? `output ${quote(e.sourcePort, 40)} of ${quote(e.source, 40)}` : `input ${quote(e.targetPort, 40)} of ${quote(e.target, 40)}`}).`);
    else if (sp.kind !== tp.kind) out.push(`${name} connects a ${sp.kind} output to a ${tp.kind} input.`);
    const key = `${e.target}\u0000${e.targetPort}`;
    if (fed.has(key)) out.push(`Input ${quote(e.targetPort, 40)} of node ${quote(e.target, 40)} has two connections; an input takes one.`);
    fed.add(key);
    if (ids.has(e.id)) out.push(`Two connections have the id ${quote(e.id, 60)}.`);
    ids.add(e.id);
  }
}

/** Strings this long are measured, not copied into a JSON text (a 17 MB CSV took ~0.1–0.5 s to stringify). */
const MEASURE_CHARS = 65_536;

/** The length of JSON.stringify(s): quotes, two-character escapes, \uXXXX for other controls and lone surrogates. */
export function jsonStringLength(s: string): number {
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) n += c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 2 : 6;
    else if (c === 34 || c === 92) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2;
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) n += 6;
    else n += 1;
  }
  return n;
}

/** Characters and line breaks of one node or edge as JSON.stringify(…, null, 2) writes it. */
const jsonSize = cached((v: object): { chars: number; lines: number } => {
  // Long strings (a CSV kept in the graph) hold no raw line breaks once escaped: stand each in
  // by "" and add its measured length.
  let extra = 0;
  const text = JSON.stringify(v, (_k, x: unknown) => {
    if (typeof x !== 'string' || x.length < MEASURE_CHARS) return x;
    extra += jsonStringLength(x) - 2;
    return '';
  }, 2);
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return { chars: text.length + extra, lines };
});

/**
 * What a non-empty top-level array of objects adds to the saved file beyond its empty `[]`:
 * each element on its own lines, indented two levels (4 spaces on each of its lines), a
 * comma between elements, and the closing bracket on a line of its own.
 */
function arrayChars(items: readonly object[]): number {
  if (items.length === 0) return 0;
  let chars = 0;
  for (const item of items) {
    const s = jsonSize(item);
    chars += 5 + s.chars + 4 * s.lines; // "\n" + 4 spaces before it, 4 more after each of its line breaks
  }
  // Commas between elements; "[" and the closing "\n  ]" (5 characters) replace the empty "[]".
  return chars + (items.length - 1) + 3;
}

/**
 * The exact length of serializeGraph(doc) (checked against it in docLimits.test.ts), from
 * cached sizes of the nodes and edges: a 20 MB CSV inside a node is measured once.
 */
export function serializedLength(doc: GraphDoc): number {
  const skeleton = serializeGraph({ ...doc, nodes: [], edges: [] }).length;
  return skeleton + arrayChars(doc.nodes) + arrayChars(doc.edges);
}

/**
 * Every reason the parser would refuse this document (or repair it into a different one),
 * as sentences a person can act on; empty when it saves and opens again unchanged.
 * Node and edge counts come first: past them, the rest is not worth listing.
 */
export function documentProblems(doc: GraphDoc): string[] {
  const out: string[] = [];
  // Nodes inside block definitions count too (blocks/validate.ts checks the flattened graph).
  const nodeCount = storedNodeCount(doc);
  if (nodeCount > LIMITS.nodes) out.push(`The graph would have ${plural(nodeCount, 'node')}; a graph holds at most ${formatLimit('nodes')}.`);
  if (doc.edges.length > LIMITS.edges) out.push(`The graph would have ${plural(doc.edges.length, 'connection')}; a graph holds at most ${formatLimit('edges')}.`);
  if (out.length) return out;
  for (const p of [metaProblem(doc.meta), trainingProblem(doc.training), viewportProblem(doc.viewport)]) if (p) out.push(p);
  for (const n of doc.nodes) {
    const p = nodeProblem(n);
    if (p) out.push(p);
  }
  for (const def of Object.values(doc.blocks ?? {})) {
    for (const n of def.nodes) {
      const p = nodeProblem(n);
      if (p) out.push(p);
    }
  }
  edgeProblems(doc, out);
  out.push(...blockProblems(doc));
  if (out.length) return out;
  const chars = serializedLength(doc);
  if (chars > LIMITS.fileChars) out.push(fileTooLargeText('The graph file would be', chars));
  return out;
}
