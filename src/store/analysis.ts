// analyzeGraph on the current document, computed once per graph structure and shared by
// every node and edge that asks (they all ask during the same render). Moving nodes changes
// positions but never the structure, so nothing is recomputed then.
import { useGraphStore } from './index';
import { useShallow } from 'zustand/react/shallow';
import { analyzeGraph, type Analysis } from '../compiler/analyze';
import type { GraphDoc } from '../graph/document';
import type { PortShape } from '../nodes/types';

function sameStructure(a: GraphDoc, b: GraphDoc): boolean {
  return (
    a.edges === b.edges &&
    a.training === b.training &&
    a.nodes.length === b.nodes.length &&
    a.nodes.every((n, i) => {
      const m = b.nodes[i];
      return n === m || (n.id === m.id && n.kind === m.kind && n.params === m.params && n.label === m.label);
    })
  );
}

let lastDoc: GraphDoc | null = null;
let token: object = {};

/**
 * An object that stays the same while only positions, the view or the notes change: a key
 * for anything derived from the graph's structure (analysis, formulas).
 */
export function structureOf(doc: GraphDoc): object {
  if (doc !== lastDoc) {
    if (!lastDoc || !sameStructure(doc, lastDoc)) token = {};
    lastDoc = doc;
  }
  return token;
}

const analyses = new WeakMap<object, Analysis>();

export function analysisOf(doc: GraphDoc): Analysis {
  const key = structureOf(doc);
  let a = analyses.get(key);
  if (!a) analyses.set(key, (a = analyzeGraph(doc)));
  return a;
}

/** Memoises `compute` per graph structure and `id` (e.g. one formula per node). */
export function perStructure<T>(cache: WeakMap<object, Map<string, T>>, doc: GraphDoc, id: string, compute: () => T): T {
  const key = structureOf(doc);
  let m = cache.get(key);
  if (!m) cache.set(key, (m = new Map()));
  if (!m.has(id)) m.set(id, compute());
  return m.get(id)!;
}

const NO_ERRORS: string[] = [];

export function useNodeErrors(nodeId: string): string[] {
  return useGraphStore(useShallow((s) => analysisOf(s.doc).nodeErrors.get(nodeId) ?? NO_ERRORS));
}

export function useEdgeShape(edgeId: string): PortShape | undefined {
  return useGraphStore((s) => analysisOf(s.doc).edgeShapes.get(edgeId));
}

/** Problems of the whole graph that no single node owns ("add a loss node"). */
export function useGraphErrors(): string[] {
  return useGraphStore(useShallow((s) => analysisOf(s.doc).errors.filter((e) => !e.nodeId).map((e) => e.message)));
}
