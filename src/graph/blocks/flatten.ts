// Blocks → a plain graph: every block instance replaced by a copy of its definition's inner
// nodes and edges, recursively, and every edge to or from an instance port re-routed to the
// inner port it stands for. The compiler and the analysis see only flattened graphs, so a
// graph trains exactly as it would with its blocks ungrouped.
//
// Ids: a top-level node keeps its id. An inner node of instance `enc` gets `enc.<innerId>`
// (nested: `outer.enc.<innerId>`), cut to LIMITS.idChars with a hash of the whole when
// longer, and made unique with `~2`, `~3`, … if it ever meets another id. Variable names are
// `${nodeId}/${local}`, so trained weights of a node inside a block are saved under its flat id.
import type { BlockDef, GraphDoc, GraphEdge, GraphNode } from '../document';
import { LIMITS, formatLimit } from '../limits';
import { quote } from '../problems';
import { blockIdOf, isBlockNode, type Blocks } from './ports';

/** How deep blocks may nest (a block inside a block inside …). */
export const MAX_BLOCK_DEPTH = 16;

export interface FlatGraph {
  /** The graph without blocks: no instance nodes and no `blocks` section. */
  doc: GraphDoc;
  /** Flat node id → where it came from: the instance ids from the top down, then its own id. */
  nodePath: Map<string, readonly string[]>;
  /** Flat edge id → the same for the edge it stands for (an edge to an instance port keeps the outer edge's path). */
  edgePath: Map<string, readonly string[]>;
  /** Flat node id → the top-level node it belongs to (itself for a node outside every block). */
  owner: Map<string, string>;
  /** Why an instance was left unexpanded (a missing definition, one that contains itself, too many nodes). */
  problems: string[];
}

/** A short deterministic hash (FNV-1a, 32 bits) for ids cut to length. */
function shortHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

function fitId(id: string, max: number): string {
  if (id.length <= max) return id;
  const tail = `~${shortHash(id)}`;
  return id.slice(0, max - tail.length) + tail;
}

interface Resolved {
  node: string;
  port: string;
}

const own = (o: object | undefined, k: string) => o !== undefined && Object.prototype.hasOwnProperty.call(o, k);

/** Whether any node of this graph is a block instance. */
export function hasBlocks(doc: Pick<GraphDoc, 'nodes'>): boolean {
  return doc.nodes.some(isBlockNode);
}

interface CacheEntry {
  edges: GraphEdge[];
  blocks: Blocks;
  flat: FlatGraph;
}
const cache = new WeakMap<readonly GraphNode[], CacheEntry>();

/**
 * The document with every block expanded. A document without instances comes back as the
 * same object (without its `blocks` section, if it has one). The expansion is cached per
 * nodes, edges and blocks, so asking again for the same structure costs a lookup.
 */
export function flattenBlocks(doc: GraphDoc): FlatGraph {
  const hit = cache.get(doc.nodes);
  let flat: FlatGraph;
  if (hit && hit.edges === doc.edges && hit.blocks === doc.blocks) flat = hit.flat;
  else {
    flat = flattenUncached(doc);
    cache.set(doc.nodes, { edges: doc.edges, blocks: doc.blocks, flat });
  }
  if (flat.doc === doc) return flat;
  // The other sections (training, meta, viewport) are the caller's, whatever the cache holds.
  const { blocks: _b, ...rest } = doc;
  const out = { ...(rest as GraphDoc), nodes: flat.doc.nodes, edges: flat.doc.edges };
  return { ...flat, doc: out };
}

function flattenUncached(doc: GraphDoc): FlatGraph {
  const nodePath = new Map<string, readonly string[]>();
  const edgePath = new Map<string, readonly string[]>();
  const owner = new Map<string, string>();
  const problems: string[] = [];
  if (!hasBlocks(doc)) {
    for (const n of doc.nodes) {
      nodePath.set(n.id, [n.id]);
      owner.set(n.id, n.id);
    }
    for (const e of doc.edges) edgePath.set(e.id, [e.id]);
    const { blocks: _b, ...rest } = doc;
    return { doc: doc.blocks === undefined ? doc : (rest as GraphDoc), nodePath, edgePath, owner, problems };
  }

  const blocks = doc.blocks;
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const takenNodes = new Set<string>();
  const takenEdges = new Set<string>();
  // Top-level ids are kept as they are: reserve them before any inner id is made.
  for (const n of doc.nodes) if (!isBlockNode(n) || !canExpand(n)) takenNodes.add(n.id);
  for (const e of doc.edges) takenEdges.add(e.id);

  function canExpand(n: GraphNode): boolean {
    const id = blockIdOf(n);
    return id !== undefined && own(blocks, id);
  }

  const unique = (taken: Set<string>, id: string, max: number) => {
    let out = fitId(id, max);
    for (let k = 2; taken.has(out); k++) out = fitId(`${id}~${k}`, max);
    taken.add(out);
    return out;
  };

  let budget = LIMITS.nodes;

  /**
   * Emits one graph level. `prefix` is the flat id of the enclosing instance plus '.', `path`
   * the instance ids down to it. Returns, per instance at this level, its resolved ports.
   */
  function level(
    levelNodes: readonly GraphNode[],
    levelEdges: readonly GraphEdge[],
    prefix: string,
    path: readonly string[],
    stack: readonly string[],
    top: string | undefined,
  ): { flatId: Map<string, string>; inputs: Map<string, Map<string, Resolved>>; outputs: Map<string, Map<string, Resolved>> } {
    const flatId = new Map<string, string>();
    const inputs = new Map<string, Map<string, Resolved>>();
    const outputs = new Map<string, Map<string, Resolved>>();
    for (const n of levelNodes) {
      const here = top ?? n.id;
      const defId = blockIdOf(n);
      const expandable = defId !== undefined && isBlockNode(n) && own(blocks, defId);
      const why =
        !isBlockNode(n) ? undefined
        : !expandable ? `Block ${quote(n.label?.trim() || n.id, 40)} names a definition ${quote(defId ?? '', 40)} that the graph does not have.`
        : stack.includes(defId!) ? `Block ${quote(n.label?.trim() || n.id, 40)} contains itself (${[...stack, defId!].map((d) => quote(blocks![d]?.title || d, 30)).join(' › ')}); a block cannot hold an instance of itself.`
        : stack.length >= MAX_BLOCK_DEPTH ? `Blocks nest more than ${MAX_BLOCK_DEPTH} levels deep at ${quote(n.label?.trim() || n.id, 40)}, the limit.`
        : budget - blocks![defId!].nodes.length < 0 ? `Expanding block ${quote(n.label?.trim() || n.id, 40)} would make more than ${formatLimit('nodes')} nodes, the limit for a graph.`
        : undefined;
      if (!isBlockNode(n) || why) {
        if (why) problems.push(why);
        const id = top === undefined ? n.id : unique(takenNodes, `${prefix}${n.id}`, LIMITS.idChars);
        flatId.set(n.id, id);
        nodePath.set(id, [...path, n.id]);
        owner.set(id, here);
        nodes.push(id === n.id ? n : { ...n, id });
        budget--;
        continue;
      }
      const def: BlockDef = blocks![defId!];
      const instFlat = unique(takenNodes, `${prefix}${n.id}`, LIMITS.idChars);
      const inner = level(def.nodes, def.edges, `${instFlat}.`, [...path, n.id], [...stack, defId!], here);
      const resolve = (node: string, port: string, side: 'inputs' | 'outputs'): Resolved | undefined => {
        const nested = inner[side].get(node);
        if (nested) return nested.get(port);
        const id = inner.flatId.get(node);
        return id === undefined ? undefined : { node: id, port };
      };
      const ins = new Map<string, Resolved>();
      for (const b of def.inputs) {
        const r = resolve(b.node, b.port, 'inputs');
        if (r) ins.set(b.name, r);
      }
      const outs = new Map<string, Resolved>();
      for (const b of def.outputs) {
        const r = resolve(b.node, b.port, 'outputs');
        if (r) outs.set(b.name, r);
      }
      inputs.set(n.id, ins);
      outputs.set(n.id, outs);
    }
    for (const e of levelEdges) {
      const src = outputs.get(e.source)?.get(e.sourcePort) ?? (outputs.has(e.source) ? undefined : flatId.has(e.source) ? { node: flatId.get(e.source)!, port: e.sourcePort } : undefined);
      const dst = inputs.get(e.target)?.get(e.targetPort) ?? (inputs.has(e.target) ? undefined : flatId.has(e.target) ? { node: flatId.get(e.target)!, port: e.targetPort } : undefined);
      if (!src || !dst) continue; // a port the definition no longer has: nothing to connect
      const id = top === undefined ? e.id : unique(takenEdges, `${prefix}${e.id}`, LIMITS.edgeIdChars);
      edgePath.set(id, [...path, e.id]);
      const same = id === e.id && src.node === e.source && src.port === e.sourcePort && dst.node === e.target && dst.port === e.targetPort;
      edges.push(same ? e : { id, source: src.node, sourcePort: src.port, target: dst.node, targetPort: dst.port });
    }
    return { flatId, inputs, outputs };
  }

  level(doc.nodes, doc.edges, '', [], [], undefined);
  const { blocks: _b, ...rest } = doc;
  return { doc: { ...(rest as GraphDoc), nodes, edges }, nodePath, edgePath, owner, problems };
}
