// "Expand into parts": a built-in estimator node is replaced by the parts it is made of
// (shared/DESIGN.md, "Estimators from parts"), wired to the nodes it read, so that the loss
// and every gradient stay what they were. Each estimator declares its parts on its
// `estimator.expand` capability in its own folder; this driver gives them fresh ids,
// places them where the estimator was without covering other nodes, and rewires.
// Pure: a document in, a document out; the editor's store and the CLI only call it.
import type { BlockDef, GraphDoc, GraphEdge, GraphNode } from '../graph/document';
import { freeName } from '../graph/blocks/make';
import { scopedDoc, unscope } from '../graph/blocks/scope';
import { incoming, nodeName } from '../graph/queries';
import { estimatorOf, getSpec } from './registry';
import type { PortShape } from './types';

/** The shapes arriving at the estimator's inputs, by port (undefined: not connected or not known). */
export type ExpansionInputs = Record<string, PortShape | undefined>;

/** One part of an expansion; `col`/`row` place it in the block, left to right in the order of evaluation. */
export interface ExpansionPart {
  key: string;
  kind: string;
  label: string;
  params?: Record<string, unknown>;
  col: number;
  row: number;
}

/** A wire from what feeds one of the estimator's inputs, or from another part. */
export type WireSource = { input: string } | { part: string; port: string };
export interface ExpansionWire {
  from: WireSource;
  to: { part: string; port: string };
}

export type EstimatorExpansion =
  | { kind: 'parts'; parts: ExpansionPart[]; wires: ExpansionWire[]; /** The part whose `loss` stands for the estimator's. */ objective: string }
  | { kind: 'itself'; why: string };

export interface ExpandedEstimator {
  id: string;
  name: string;
  /** The block definition it was expanded in (its title), when not at the top level. */
  inBlock?: string;
  /** The new parts' ids; the objective's last. */
  partIds: string[];
}

export type ExpandOutcome =
  | { ok: true; doc: GraphDoc; expanded: ExpandedEstimator[]; /** Estimators that are their own expansion, with why. */ kept: string[] }
  | { ok: false; reasons: string[] };

/** The shape of a node's output port, from the caller's analysis (analysis.outputShapes). */
export type OutputShapes = (nodeId: string, port: string) => PortShape | undefined;

/** Whether the node is a built-in estimator that declares its parts (exactNll's expansion is itself). */
export function isExpandable(node: Pick<GraphNode, 'kind'>): boolean {
  return estimatorOf(node.kind)?.expand !== undefined;
}

/** Expands one estimator node. */
export function expandEstimator(doc: GraphDoc, nodeId: string, shapes?: OutputShapes): ExpandOutcome {
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node) return { ok: false, reasons: [`There is no node "${nodeId}" to expand.`] };
  if (!isExpandable(node)) return { ok: false, reasons: [`${nodeName(node)} is not a built-in estimator: there is nothing to expand.`] };
  return expandNodes(doc, [node], shapes);
}

/** Expands every built-in estimator of the graph (at its top level), or refuses if one is not wired; none: the same doc. */
export function expandAllEstimators(doc: GraphDoc, shapes?: OutputShapes): ExpandOutcome {
  return expandNodes(doc, doc.nodes.filter(isExpandable), shapes);
}

/**
 * The sentence for an estimator inside a block definition that reads an input through the
 * block's boundary (undefined when every input is wired inside): the one boundary port cannot
 * feed the several parts that read that input.
 */
export function readsThroughBoundary(def: BlockDef, n: GraphNode): string | undefined {
  const ports = def.inputs.filter((b) => b.node === n.id).map((b) => getSpec(n.kind)?.inputs.find((p) => p.name === b.port)?.label ?? b.port);
  if (!ports.length) return undefined;
  return `${nodeName(n)} in the block “${def.title}” reads its ${ports.join(' and ')} through the block's boundary, so it cannot be expanded there: expand it before making the block, or move what feeds ${ports.length === 1 ? 'that input' : 'those inputs'} into the block.`;
}

/** Output shapes by the ids of one level: the top graph (undefined) or a block definition. */
export type ShapesIn = (defId: string | undefined) => OutputShapes | undefined;

/**
 * Expands every built-in estimator of the document: at the top level and inside every block
 * definition (so every instance of a block gets the parts); an estimator in a definition that
 * reads an input through the boundary is refused (readsThroughBoundary).
 */
export function expandEverywhere(doc: GraphDoc, shapesIn?: ShapesIn): ExpandOutcome {
  const top = expandAllEstimators(doc, shapesIn?.(undefined));
  if (!top.ok) return top;
  let next = top.doc;
  const expanded = [...top.expanded];
  const kept = [...top.kept];
  const reasons: string[] = [];
  for (const [defId, def] of Object.entries(next.blocks ?? {})) {
    const estimators = def.nodes.filter(isExpandable);
    if (estimators.length === 0) continue;
    const throughBoundary = estimators.flatMap((n) => readsThroughBoundary(def, n) ?? []);
    if (throughBoundary.length) {
      reasons.push(...throughBoundary);
      continue;
    }
    const view = scopedDoc(next, defId);
    const r = expandNodes(view, estimators, shapesIn?.(defId));
    if (!r.ok) {
      reasons.push(...r.reasons.map((x) => `In the block “${def.title}”: ${x}`));
      continue;
    }
    next = unscope(next, defId, r.doc);
    expanded.push(...r.expanded.map((x) => ({ ...x, inBlock: def.title })));
    kept.push(...r.kept.map((x) => `In the block “${def.title}”: ${x}`));
  }
  if (reasons.length) return { ok: false, reasons };
  return { ok: true, doc: next, expanded, kept };
}

function expandNodes(doc: GraphDoc, nodes: GraphNode[], shapes: OutputShapes | undefined): ExpandOutcome {
  const unwired = nodes.map((n) => missingInputs(doc, n)).filter((r): r is string => r !== undefined);
  if (unwired.length) return { ok: false, reasons: unwired };
  let next = doc;
  const expanded: ExpandedEstimator[] = [];
  const kept: string[] = [];
  for (const node of nodes) {
    const plan = estimatorOf(node.kind)!.expand!(node, inputShapes(doc, node, shapes));
    if (plan.kind === 'itself') {
      kept.push(`${nodeName(node)} stays one part: ${plan.why}`);
      continue;
    }
    const r = applyExpansion(next, node, plan);
    next = r.doc;
    expanded.push({ id: node.id, name: nodeName(node), partIds: r.partIds });
  }
  return { ok: true, doc: next, expanded, kept };
}

/** The sentence that says which inputs an estimator still needs, or undefined when it is wired. */
function missingInputs(doc: GraphDoc, node: GraphNode): string | undefined {
  const missing = (getSpec(node.kind)?.inputs ?? []).filter((p) => !p.optional && !incoming(doc, node.id, p.name));
  if (missing.length === 0) return undefined;
  const names = missing.map((p) => p.label);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${nodeName(node)} cannot be expanded yet: connect ${list} first — its parts are wired to the inputs the estimator reads.`;
}

function inputShapes(doc: GraphDoc, node: GraphNode, shapes: OutputShapes | undefined): ExpansionInputs {
  const out: ExpansionInputs = {};
  for (const p of getSpec(node.kind)?.inputs ?? []) {
    const e = incoming(doc, node.id, p.name);
    out[p.name] = e && shapes?.(e.source, e.sourcePort);
  }
  return out;
}

// Rough footprint of a node on the canvas and the grid the parts are laid on.
const NODE = { w: 210, h: 110 };
const GRID = { x: 260, y: 130 };
const GAP = 10;

function applyExpansion(doc: GraphDoc, est: GraphNode, plan: Extract<EstimatorExpansion, { kind: 'parts' }>): { doc: GraphDoc; partIds: string[] } {
  const taken = new Set(doc.nodes.map((n) => n.id));
  const ids = new Map<string, string>();
  for (const p of plan.parts) {
    const id = freeName(taken, `${est.id}-${p.key}`, '-');
    taken.add(id);
    ids.set(p.key, id);
  }
  const others = doc.nodes.filter((n) => n.id !== est.id);
  const origin = placeBlock(others, est.position, plan.parts);
  const parts: GraphNode[] = plan.parts.map((p) => ({
    id: ids.get(p.key)!,
    kind: p.kind,
    label: p.label,
    params: getSpec(p.kind)!.params.parse(p.params ?? {}) as Record<string, unknown>,
    position: { x: origin.x + p.col * GRID.x, y: Math.round(origin.y + p.row * GRID.y) },
  }));

  const kept = doc.edges.filter((e) => e.source !== est.id && e.target !== est.id);
  const edges: GraphEdge[] = [...kept];
  const add = (c: Omit<GraphEdge, 'id'>) => edges.push({ id: freeEdgeId(edges, c), ...c });
  for (const w of plan.wires) {
    const target = ids.get(w.to.part)!;
    if ('part' in w.from) {
      add({ source: ids.get(w.from.part)!, sourcePort: w.from.port, target, targetPort: w.to.port });
    } else {
      const e = incoming(doc, est.id, w.from.input)!;
      add({ source: e.source, sourcePort: e.sourcePort, target, targetPort: w.to.port });
    }
  }
  // Whatever read the estimator's loss reads the objective's.
  const objectiveId = ids.get(plan.objective)!;
  for (const e of doc.edges.filter((x) => x.source === est.id)) add({ source: objectiveId, sourcePort: e.sourcePort, target: e.target, targetPort: e.targetPort });

  // The objective goes where the estimator was in the list, the other parts just before it.
  const at = doc.nodes.findIndex((n) => n.id === est.id);
  const objective = parts.find((p) => p.id === objectiveId)!;
  const nodes = [...doc.nodes.slice(0, at), ...parts.filter((p) => p !== objective), objective, ...doc.nodes.slice(at + 1)];
  return { doc: { ...doc, nodes, edges }, partIds: [...parts.filter((p) => p !== objective).map((p) => p.id), objectiveId] };
}

/** The same scheme as the editor's edges (source.port-target.port), made unique. */
function freeEdgeId(edges: readonly GraphEdge[], c: Omit<GraphEdge, 'id'>): string {
  return freeName(new Set(edges.map((e) => e.id)), `${c.source}.${c.sourcePort}-${c.target}.${c.targetPort}`, '~');
}

/**
 * The top-left corner of the block: the estimator's place, with the block centred on it
 * vertically, or the nearest grid offset from there where no part covers another node.
 */
function placeBlock(others: readonly GraphNode[], at: { x: number; y: number }, parts: readonly ExpansionPart[]): { x: number; y: number } {
  const rows = Math.max(...parts.map((p) => p.row));
  const start = { x: at.x, y: at.y - (rows * GRID.y) / 2 };
  const overlaps = (o: { x: number; y: number }) =>
    parts.some((p) => {
      const x = o.x + p.col * GRID.x;
      const y = o.y + p.row * GRID.y;
      return others.some((n) => Math.abs(n.position.x - x) < NODE.w + GAP && Math.abs(n.position.y - y) < NODE.h + GAP);
    });
  const offsets: { x: number; y: number }[] = [];
  for (let i = 0; i <= 12; i++) for (let j = -12; j <= 12; j++) offsets.push({ x: (i * GRID.x) / 2, y: (j * GRID.y) / 2 });
  offsets.sort((a, b) => Math.hypot(a.x, a.y) - Math.hypot(b.x, b.y));
  for (const d of offsets) {
    const o = { x: start.x + d.x, y: start.y + d.y };
    if (!overlaps(o)) return { x: Math.round(o.x), y: Math.round(o.y) };
  }
  // Crowded all around: to the right of everything.
  const right = Math.max(at.x, ...others.map((n) => n.position.x)) + GRID.x;
  return { x: Math.round(right), y: Math.round(start.y) };
}
