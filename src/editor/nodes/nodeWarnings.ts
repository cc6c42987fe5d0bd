// Warnings pinned on nodes, beside their errors: things that let a model train but make
// its numbers meaningless (a Bernoulli likelihood on data outside [0, 1]). Computed once
// per graph structure, like the analysis they read.
import { useShallow } from 'zustand/react/shallow';
import { useGraphStore } from '../../store';
import { analysisOf, perStructure } from '../../store/analysis';
import { dataSupportWarnings } from '../../compiler/dataSupport';
import type { GraphDoc } from '../../graph/document';
import { flattenBlocks } from '../../graph/blocks/flatten';

const cache = new WeakMap<object, Map<string, Map<string, string[]>>>();
const NONE: string[] = [];

/** Warnings by node id of the flattened graph (blocks expanded: what trains, and what the analysis saw). */
export function graphWarnings(doc: GraphDoc): Map<string, string[]> {
  return perStructure(cache, doc, 'all', () => {
    const byNode = new Map<string, string[]>();
    for (const w of dataSupportWarnings(flattenBlocks(doc).doc, analysisOf(doc))) if (w.nodeId) byNode.set(w.nodeId, [...(byNode.get(w.nodeId) ?? []), w.message]);
    return byNode;
  });
}

/** The warnings on what the canvas shows: an inner node's on its block while the block is closed. */
function viewWarnings(doc: GraphDoc, blockPath: readonly string[]): Map<string, string[]> {
  const all = graphWarnings(doc);
  const flat = flattenBlocks(doc);
  if (blockPath.length === 0 && flat.doc.nodes === doc.nodes) return all;
  return perStructure(cache, doc, `view\u0000${blockPath.join('\u0000')}`, () => {
    const k = blockPath.length;
    const out = new Map<string, string[]>();
    for (const [id, messages] of all) {
      const p = flat.nodePath.get(id);
      if (!p || p.length <= k || !blockPath.every((b, i) => p[i] === b)) continue;
      out.set(p[k], [...(out.get(p[k]) ?? []), ...messages]);
    }
    return out;
  });
}

export function useNodeWarnings(nodeId: string): string[] {
  return useGraphStore(useShallow((s) => viewWarnings(s.doc, s.blockPath).get(nodeId) ?? NONE));
}
