// Make block: a selection of one graph level → a new block definition holding those nodes
// (positions kept) and the edges among them, and one instance in their place. Every edge
// that crosses the selection becomes a port of the block, named and typed after the inner
// port it reaches: an edge into the selection an input, an inner output read from outside
// an output (one port per inner output, however many edges leave it).
import type { BlockDef, BoundaryPort, GraphDoc, GraphEdge, GraphNode } from '../document';
import { LIMITS } from '../limits';
import { nodeName } from '../queries';
import { BLOCK_KIND, instanceParams } from '../../nodes/block/spec';
import { inputPortOf, outputPortOf } from './ports';

export type MakeBlockResult = { ok: true; doc: GraphDoc; defId: string; instanceId: string } | { ok: false; reason: string };

/** `block-1`, `block-2`, …: the first definition id the document does not use. */
export function newBlockId(doc: Pick<GraphDoc, 'blocks'>, base = 'block'): string {
  const taken = doc.blocks ?? {};
  let i = 1;
  while (Object.prototype.hasOwnProperty.call(taken, `${base}-${i}`)) i++;
  return `${base}-${i}`;
}

/** The first `base`, `base-2`, … that `taken` does not hold. */
export function freeName(taken: ReadonlySet<string>, base: string, sep = '_'): string {
  const head = base.slice(0, LIMITS.idChars - 6);
  if (!taken.has(head)) return head;
  let k = 2;
  while (taken.has(`${head}${sep}${k}`)) k++;
  return `${head}${sep}${k}`;
}

/** The first `node-1`, `node-2`, … not among the ids (instances: `block-1`, …). */
export function freeNodeId(nodes: readonly GraphNode[], base: string): string {
  const taken = new Set(nodes.map((n) => n.id));
  let i = 1;
  while (taken.has(`${base}-${i}`)) i++;
  return `${base}-${i}`;
}

export function makeBlock(doc: GraphDoc, nodeIds: Iterable<string>, opts: { title?: string } = {}): MakeBlockResult {
  const chosen = new Set(nodeIds);
  const inner = doc.nodes.filter((n) => chosen.has(n.id));
  if (inner.length === 0) return { ok: false, reason: 'Select the nodes to put in the block first.' };
  const inside = new Set(inner.map((n) => n.id));
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const blocks = doc.blocks;

  const innerEdges: GraphEdge[] = [];
  const outside: GraphEdge[] = [];
  const entering: GraphEdge[] = [];
  const leaving: GraphEdge[] = [];
  for (const e of doc.edges) {
    const s = inside.has(e.source);
    const t = inside.has(e.target);
    if (s && t) innerEdges.push(e);
    else if (t) entering.push(e);
    else if (s) leaving.push(e);
    else outside.push(e);
  }

  const port = (e: GraphEdge, side: 'in' | 'out', names: Set<string>, labels: Set<string>): BoundaryPort | undefined => {
    const n = byId.get(side === 'in' ? e.target : e.source)!;
    const portName = side === 'in' ? e.targetPort : e.sourcePort;
    const spec = side === 'in' ? inputPortOf(blocks, n, portName) : outputPortOf(blocks, n, portName);
    if (!spec) return undefined;
    const name = freeName(names, portName);
    names.add(name);
    const label = labels.has(spec.label) ? `${spec.label} (${nodeName(n)})`.slice(0, LIMITS.labelChars) : spec.label;
    labels.add(label);
    return { name, label, kind: spec.kind, node: n.id, port: portName };
  };

  const inputs: BoundaryPort[] = [];
  const inNames = new Set<string>();
  const inLabels = new Set<string>();
  const inputFor = new Map<string, string>();
  for (const e of entering) {
    const p = port(e, 'in', inNames, inLabels);
    if (!p) return { ok: false, reason: `The connection ${e.id} reaches a port that does not exist; delete it first.` };
    inputs.push(p);
    inputFor.set(e.id, p.name);
  }
  const outputs: BoundaryPort[] = [];
  const outNames = new Set<string>();
  const outLabels = new Set<string>();
  const outputFor = new Map<string, string>();
  for (const e of leaving) {
    const key = `${e.source}\u0000${e.sourcePort}`;
    let name = outputFor.get(key);
    if (name === undefined) {
      const p = port(e, 'out', outNames, outLabels);
      if (!p) return { ok: false, reason: `The connection ${e.id} leaves from a port that does not exist; delete it first.` };
      outputs.push(p);
      name = p.name;
      outputFor.set(key, name);
    }
    outputFor.set(e.id, name);
  }

  const defId = newBlockId(doc);
  const title = (opts.title?.trim() || `Block ${defId.slice(defId.lastIndexOf('-') + 1)}`).slice(0, LIMITS.titleChars);
  const def: BlockDef = { title, nodes: inner, edges: innerEdges, inputs, outputs };

  const rest = doc.nodes.filter((n) => !inside.has(n.id));
  const instanceId = freeNodeId(doc.nodes, BLOCK_KIND);
  const position = { x: Math.min(...inner.map((n) => n.position.x)), y: Math.min(...inner.map((n) => n.position.y)) };
  const instance: GraphNode = { id: instanceId, kind: BLOCK_KIND, params: instanceParams(defId), position };

  // The crossing edges keep their ids: only their inner end moves to the block's port.
  const rewired: GraphEdge[] = [
    ...entering.map((e) => ({ ...e, target: instanceId, targetPort: inputFor.get(e.id)! })),
    ...leaving.map((e) => ({ ...e, source: instanceId, sourcePort: outputFor.get(e.id)! })),
  ];
  const order = new Map(doc.edges.map((e, i) => [e.id, i]));
  const edges = [...outside, ...rewired].sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return { ok: true, defId, instanceId, doc: { ...doc, nodes: [...rest, instance], edges, blocks: { ...(blocks ?? {}), [defId]: def } } };
}
