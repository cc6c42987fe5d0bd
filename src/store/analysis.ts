// analyzeGraph on the current document, computed once per document version and shared by
// every node and edge that asks (they all ask during the same render).
import { useGraphStore } from './index';
import { useShallow } from 'zustand/react/shallow';
import { analyzeGraph, type Analysis } from '../compiler/analyze';
import type { GraphDoc } from '../graph/document';
import type { PortShape } from '../nodes/types';

let lastDoc: GraphDoc | null = null;
let lastAnalysis: Analysis | null = null;

export function analysisOf(doc: GraphDoc): Analysis {
  if (doc !== lastDoc || !lastAnalysis) {
    lastAnalysis = analyzeGraph(doc);
    lastDoc = doc;
  }
  return lastAnalysis;
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
