// Small questions the block UI asks of the document (pure, memoised per document).
import type { GraphDoc, GraphNode } from '../../graph/document';
import { blockIdOf, isBlockNode } from '../../graph/blocks/ports';

const counts = new WeakMap<GraphDoc, Map<string, number>>();

/** How many instances of each definition the document holds (the top graph and every definition). */
export function instanceCounts(doc: GraphDoc): Map<string, number> {
  let m = counts.get(doc);
  if (m) return m;
  m = new Map();
  const add = (nodes: readonly GraphNode[]) => {
    for (const n of nodes) {
      const id = isBlockNode(n) ? blockIdOf(n) : undefined;
      if (id !== undefined) m!.set(id, (m!.get(id) ?? 0) + 1);
    }
  };
  add(doc.nodes);
  for (const def of Object.values(doc.blocks ?? {})) add(def.nodes);
  counts.set(doc, m);
  return m;
}

export function instancesOf(doc: GraphDoc, defId: string): number {
  return instanceCounts(doc).get(defId) ?? 0;
}
