// Warnings pinned on nodes, beside their errors: things that let a model train but make
// its numbers meaningless (a Bernoulli likelihood on data outside [0, 1]). Computed once
// per graph structure, like the analysis they read.
import { useShallow } from 'zustand/react/shallow';
import { useGraphStore } from '../../store';
import { analysisOf, perStructure } from '../../store/analysis';
import { dataSupportWarnings } from '../../compiler/dataSupport';
import type { GraphDoc } from '../../graph/document';

const cache = new WeakMap<object, Map<string, Map<string, string[]>>>();
const NONE: string[] = [];

export function graphWarnings(doc: GraphDoc): Map<string, string[]> {
  return perStructure(cache, doc, 'all', () => {
    const byNode = new Map<string, string[]>();
    for (const w of dataSupportWarnings(doc, analysisOf(doc))) if (w.nodeId) byNode.set(w.nodeId, [...(byNode.get(w.nodeId) ?? []), w.message]);
    return byNode;
  });
}

export function useNodeWarnings(nodeId: string): string[] {
  return useGraphStore(useShallow((s) => graphWarnings(s.doc).get(nodeId) ?? NONE));
}
