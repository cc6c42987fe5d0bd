// Pure edits of a GraphDoc: each takes a document and returns a new one (never mutates),
// so the store stays a thin shell and the rules are unit-tested without React.
import type { GraphDoc, GraphEdge, GraphNode, TrainingSettings } from '../graph/document';
import { trainingSchema } from '../graph/document';
import { getSpec } from '../nodes/registry';
import type { z } from 'zod';

/** Per-field messages keyed by the param (or setting) name; '' for a problem with no field. */
export type FieldErrors = Record<string, string>;
export type EditResult = { ok: true; doc: GraphDoc } | { ok: false; errors: FieldErrors };

export interface XY {
  x: number;
  y: number;
}

function fieldErrors(err: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of err.issues) {
    const key = String(issue.path[0] ?? '');
    out[key] ??= issue.message;
  }
  return out;
}

/** `kind-1`, `kind-2`, …: short, readable in error messages, and unique in the doc. */
export function newNodeId(doc: GraphDoc, kind: string): string {
  const taken = new Set(doc.nodes.map((n) => n.id));
  let i = 1;
  while (taken.has(`${kind}-${i}`)) i++;
  return `${kind}-${i}`;
}

export function withNodeAdded(doc: GraphDoc, kind: string, position: XY): { doc: GraphDoc; id: string } | undefined {
  const spec = getSpec(kind);
  if (!spec) return undefined;
  const id = newNodeId(doc, kind);
  const params = structuredClone(spec.defaults) as Record<string, unknown>;
  return { id, doc: { ...doc, nodes: [...doc.nodes, { id, kind, params, position: { x: position.x, y: position.y } }] } };
}

export function edgeIdFor(doc: GraphDoc, c: Omit<GraphEdge, 'id'>): string {
  const base = `${c.source}.${c.sourcePort}-${c.target}.${c.targetPort}`;
  const taken = new Set(doc.edges.map((e) => e.id));
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}~${i}`;
  return id;
}

/** Adds the edge as given; whether it is allowed is checkConnection's job, asked before. */
export function withEdgeAdded(doc: GraphDoc, c: Omit<GraphEdge, 'id'>): GraphDoc {
  const edge: GraphEdge = { id: edgeIdFor(doc, c), ...c };
  return { ...doc, edges: [...doc.edges, edge] };
}

/** Removes nodes, the edges touching them, and the listed edges. */
export function withElementsRemoved(doc: GraphDoc, nodeIds: Iterable<string>, edgeIds: Iterable<string>): GraphDoc {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  if (nodes.size === 0 && edges.size === 0) return doc;
  return {
    ...doc,
    nodes: doc.nodes.filter((n) => !nodes.has(n.id)),
    edges: doc.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target)),
  };
}

/** Moves nodes; returns the same doc when nothing actually moved (no empty undo step). */
export function withPositions(doc: GraphDoc, moves: ReadonlyMap<string, XY>): GraphDoc {
  let changed = false;
  const nodes = doc.nodes.map((n) => {
    const p = moves.get(n.id);
    if (!p || (p.x === n.position.x && p.y === n.position.y)) return n;
    changed = true;
    return { ...n, position: { x: p.x, y: p.y } };
  });
  return changed ? { ...doc, nodes } : doc;
}

/**
 * Merges a patch into a node's params and keeps it only if the kind's schema accepts the
 * result: the document never holds invalid params. Stores the schema's output (defaults filled).
 */
export function withParams(doc: GraphDoc, nodeId: string, patch: Record<string, unknown>): EditResult {
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node) return { ok: false, errors: { '': `There is no node "${nodeId}".` } };
  const spec = getSpec(node.kind);
  if (!spec) return { ok: false, errors: { '': `Unknown node kind "${node.kind}".` } };
  const parsed = spec.params.safeParse({ ...node.params, ...patch });
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const params = parsed.data as Record<string, unknown>;
  // A data node's label describes its data: pointed at other data, its title follows the new source.
  const source = spec.dataSource;
  const stale = source && node.label !== undefined && source.identity(params) !== source.identity(node.params);
  const edited = stale ? { ...withoutLabel(node), params } : { ...node, params };
  return { ok: true, doc: { ...doc, nodes: doc.nodes.map((n) => (n.id === nodeId ? edited : n)) } };
}

function withoutLabel(node: GraphNode): GraphNode {
  const { label: _dropped, ...rest } = node;
  return rest;
}

/**
 * An empty label removes it, so the node falls back to its kind's title. A label over the
 * limit is kept whole here, never cut: the store's limit check refuses it and says so.
 */
export function withLabel(doc: GraphDoc, nodeId: string, label: string): GraphDoc {
  return {
    ...doc,
    nodes: doc.nodes.map((n) => {
      if (n.id !== nodeId) return n;
      const { label: _old, ...rest } = n;
      return label.trim() ? { ...rest, label } : rest;
    }),
  };
}

export function withTraining(doc: GraphDoc, patch: Partial<TrainingSettings>): EditResult {
  const parsed = trainingSchema.safeParse({ ...doc.training, ...patch });
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  return { ok: true, doc: { ...doc, training: parsed.data } };
}

export function withMeta(doc: GraphDoc, patch: Partial<GraphDoc['meta']>): GraphDoc {
  // Nothing is cut to length here: the store's limit check refuses what is too long, with the reason.
  return { ...doc, meta: { ...doc.meta, ...patch } };
}

/** Offset between a pasted copy and its original (and between repeated pastes). */
export const PASTE_STEP = 40;

/**
 * Adds copies of nodes (and the edges among them) with fresh ids, shifted by PASTE_STEP —
 * further while a copy would land exactly on an existing node, so repeated pastes fan out.
 * Returns the new ids in the fragment's order, or undefined if nothing can be added.
 */
export function withFragmentAdded(doc: GraphDoc, fragment: { nodes: GraphNode[]; edges: GraphEdge[] }): { doc: GraphDoc; ids: string[] } | undefined {
  const nodes = fragment.nodes.filter((n) => getSpec(n.kind));
  if (nodes.length === 0) return undefined;
  const occupied = new Set(doc.nodes.map((n) => `${Math.round(n.position.x)},${Math.round(n.position.y)}`));
  let shift = PASTE_STEP;
  for (let i = 0; i < 50 && nodes.some((n) => occupied.has(`${Math.round(n.position.x + shift)},${Math.round(n.position.y + shift)}`)); i++) shift += PASTE_STEP;

  let next: GraphDoc = doc;
  const idMap = new Map<string, string>();
  for (const n of nodes) {
    const id = newNodeId(next, n.kind);
    idMap.set(n.id, id);
    const copy: GraphNode = { ...structuredClone(n), id, position: { x: n.position.x + shift, y: n.position.y + shift } };
    next = { ...next, nodes: [...next.nodes, copy] };
  }
  for (const e of fragment.edges) {
    const source = idMap.get(e.source);
    const target = idMap.get(e.target);
    if (source && target) next = withEdgeAdded(next, { source, sourcePort: e.sourcePort, target, targetPort: e.targetPort });
  }
  return { doc: next, ids: [...idMap.values()] };
}
