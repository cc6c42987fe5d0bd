// Editing inside an open block. The editor's view is a path of instance ids from the top
// graph down (["enc"], ["enc", "mlp-block"]); what it shows and edits is the definition the
// last instance names. Edits are the ordinary document edits, applied to a document whose
// nodes and edges are the definition's (scopedDoc) and written back into the definition
// (unscope): every instance of the definition changes with it.
import type { BlockDef, GraphDoc } from '../document';
import { blockDefOf, blockIdOf, portLookup } from './ports';

export interface ScopeLevel {
  /** The instance opened at this level (an id in the level above). */
  instanceId: string;
  /** The definition it shows. */
  defId: string;
  title: string;
}

/** The levels of a path that still exist in the document (a path cut where it breaks). */
export function resolvePath(doc: GraphDoc, path: readonly string[]): ScopeLevel[] {
  const levels: ScopeLevel[] = [];
  let nodes = doc.nodes;
  for (const id of path) {
    const inst = nodes.find((n) => n.id === id);
    const def = inst && blockDefOf(doc.blocks, inst);
    if (!inst || !def) break;
    levels.push({ instanceId: id, defId: blockIdOf(inst)!, title: def.title });
    nodes = def.nodes;
  }
  return levels;
}

/** The definition shown at the end of the path (undefined: the top graph). */
export function scopeDefId(doc: GraphDoc, path: readonly string[]): string | undefined {
  const levels = resolvePath(doc, path);
  return levels.length ? levels[levels.length - 1].defId : undefined;
}

const scoped = new WeakMap<BlockDef, WeakMap<GraphDoc, GraphDoc>>();

/** The document as an edit inside `defId` sees it: the definition's nodes and edges at the top. */
export function scopedDoc(doc: GraphDoc, defId: string | undefined): GraphDoc {
  if (defId === undefined) return doc;
  const def = doc.blocks?.[defId];
  if (!def) return doc;
  let perDoc = scoped.get(def);
  if (!perDoc) scoped.set(def, (perDoc = new WeakMap()));
  let out = perDoc.get(doc);
  if (!out) perDoc.set(doc, (out = { ...doc, nodes: def.nodes, edges: def.edges }));
  return out;
}

/**
 * Writes an edit made on scopedDoc(doc, defId) back into the document. Boundary ports whose
 * inner node or port is gone are dropped, and so are the edges (at every level) to ports
 * an instance no longer has.
 */
export function unscope(doc: GraphDoc, defId: string | undefined, edited: GraphDoc): GraphDoc {
  if (defId === undefined) return edited === doc || edited.blocks === doc.blocks ? edited : pruneDangling(edited);
  const before = scopedDoc(doc, defId);
  if (edited === before) return doc;
  const blocks = edited.blocks ?? {};
  const def = blocks[defId];
  if (!def) return doc;
  const next: BlockDef = { ...def, nodes: edited.nodes, edges: edited.edges };
  return pruneDangling({ ...edited, nodes: doc.nodes, edges: doc.edges, blocks: { ...blocks, [defId]: next } });
}

/** Applies `edit` inside `defId` (or at the top); the same document back when nothing changed. */
export function editInScope(doc: GraphDoc, defId: string | undefined, edit: (d: GraphDoc) => GraphDoc): GraphDoc {
  return unscope(doc, defId, edit(scopedDoc(doc, defId)));
}

/** Drops boundary ports that point at nothing, and the edges to instance ports that no longer exist. */
export function pruneDangling(doc: GraphDoc): GraphDoc {
  if (!doc.blocks || Object.keys(doc.blocks).length === 0) return doc;
  let blocks = doc.blocks;
  let changed = false;
  // Boundary ports first (a definition's ports decide its instances' ports).
  for (const [id, def] of Object.entries(blocks)) {
    const ports = portLookup(def.nodes, blocks);
    const inputs = def.inputs.filter((b) => ports.input(b.node, b.port));
    const outputs = def.outputs.filter((b) => ports.output(b.node, b.port));
    if (inputs.length !== def.inputs.length || outputs.length !== def.outputs.length) {
      blocks = { ...blocks, [id]: { ...def, inputs, outputs } };
      changed = true;
    }
  }
  const keep = (nodes: GraphDoc['nodes'], edges: GraphDoc['edges']) => {
    const ports = portLookup(nodes, blocks);
    const kept = edges.filter((e) => ports.output(e.source, e.sourcePort) && ports.input(e.target, e.targetPort));
    return kept.length === edges.length ? edges : kept;
  };
  for (const [id, def] of Object.entries(blocks)) {
    const edges = keep(def.nodes, def.edges);
    if (edges !== def.edges) {
      blocks = { ...blocks, [id]: { ...def, edges } };
      changed = true;
    }
  }
  const edges = keep(doc.nodes, doc.edges);
  if (!changed && edges === doc.edges) return doc;
  return { ...doc, edges, blocks };
}
