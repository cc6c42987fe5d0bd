// A document node by id in O(1). Every node component looks itself up on every document
// change; `nodes.find` made that 500 × 500 comparisons per edit on a 500-node graph. One
// Map per nodes array (the array is replaced on every edit, never mutated) serves them all.
import type { GraphNode } from '../graph/document';
import { useGraphStore } from './index';
import { viewDoc } from './blockView';

const indexes = new WeakMap<readonly GraphNode[], Map<string, GraphNode>>();

export function nodeById(nodes: readonly GraphNode[], id: string): GraphNode | undefined {
  let index = indexes.get(nodes);
  if (!index) indexes.set(nodes, (index = new Map(nodes.map((n) => [n.id, n]))));
  return index.get(id);
}

/** The node with this id in the open view; re-renders only when that node object changes. */
export function useDocNode(id: string | null): GraphNode | undefined {
  return useGraphStore((s) => (id === null ? undefined : nodeById(viewDoc(s).nodes, id)));
}
