// A content key for what a model's variables depend on: node ids, kinds, params and the
// wiring — not positions, labels, notes or training settings. Pure and persistable (it is
// stored with autosaved weights), shared by the editor's trained-weights store and the
// worker's calibration cache.
import type { GraphDoc } from './document';
import { flattenBlocks } from './blocks/flatten';

/** 53-bit string hash (cyrb53): short keys for long structures. Not cryptographic. */
function hash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36) + `:${text.length.toString(36)}`;
}

let lastNodes: GraphDoc['nodes'] | null = null;
let lastEdges: GraphDoc['edges'] | null = null;
let lastKey = '';
/** Params objects survive moves and relabels unchanged, so their (possibly large) hash is kept. */
const paramsHash = new WeakMap<object, string>();

function hashOfParams(params: Record<string, unknown>): string {
  let h = paramsHash.get(params);
  if (h === undefined) {
    h = hash(JSON.stringify(params));
    paramsHash.set(params, h);
  }
  return h;
}

/** What the trained variables depend on: node ids, kinds, params and the wiring. */
export function structureKey(doc: Pick<GraphDoc, 'nodes' | 'edges' | 'blocks'>): string {
  // A graph with blocks is keyed by what trains: the flattened graph (an edit inside a block
  // changes it; the flattening is cached, so its arrays keep their identity).
  if (doc.blocks && Object.keys(doc.blocks).length) doc = flattenBlocks(doc as GraphDoc).doc;
  if (doc.nodes === lastNodes && doc.edges === lastEdges) return lastKey;
  const nodes = doc.nodes.map((n) => `${n.id}\u0000${n.kind}\u0000${hashOfParams(n.params)}`).sort();
  const edges = doc.edges.map((e) => `${e.source}.${e.sourcePort}>${e.target}.${e.targetPort}`).sort();
  lastKey = hash(JSON.stringify([nodes, edges]));
  lastNodes = doc.nodes;
  lastEdges = doc.edges;
  return lastKey;
}
