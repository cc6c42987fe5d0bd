// analyzeGraph on the current document, computed once per graph structure and shared by
// every node and edge that asks (they all ask during the same render). Moving nodes changes
// positions but never the structure, so nothing is recomputed then.
import { useGraphStore } from './index';
import { useShallow } from 'zustand/react/shallow';
import { analyzeGraph, type Analysis } from '../compiler/analyze';
import type { GraphDoc } from '../graph/document';
import type { PortShape } from '../nodes/types';
import { flattenBlocks } from '../graph/blocks/flatten';

function sameStructure(a: GraphDoc, b: GraphDoc): boolean {
  return (
    a.edges === b.edges &&
    a.training === b.training &&
    a.blocks === b.blocks &&
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

/** The analysis as the open view shows it: errors and shapes keyed by the ids on the canvas. */
export interface ViewAnalysis {
  nodeErrors: Map<string, string[]>;
  edgeShapes: Map<string, PortShape>;
}

const viewAnalyses = new WeakMap<object, Map<string, ViewAnalysis>>();

/**
 * The analysis runs on the flattened graph (every block expanded, flat ids). Its errors are
 * pinned on what the canvas shows: an error of a node inside a closed block on the block,
 * on the inner node itself once the block is open; edge shapes likewise.
 */
export function viewAnalysisOf(doc: GraphDoc, blockPath: readonly string[]): ViewAnalysis {
  const a = analysisOf(doc);
  const flat = flattenBlocks(doc);
  if (blockPath.length === 0 && flat.doc.nodes === doc.nodes) return a;
  const key = structureOf(doc);
  let perPath = viewAnalyses.get(key);
  if (!perPath) viewAnalyses.set(key, (perPath = new Map()));
  const pathKey = blockPath.join('\u0000');
  const known = perPath.get(pathKey);
  if (known) return known;
  const k = blockPath.length;
  const under = (p: readonly string[] | undefined, extra: number) => !!p && p.length >= k + extra && blockPath.every((id, i) => p[i] === id);
  const nodeErrors = new Map<string, string[]>();
  for (const [id, messages] of a.nodeErrors) {
    const p = flat.nodePath.get(id);
    if (!under(p, 1)) continue;
    const shown = p![k];
    nodeErrors.set(shown, [...(nodeErrors.get(shown) ?? []), ...messages]);
  }
  const edgeShapes = new Map<string, PortShape>();
  for (const [id, shape] of a.edgeShapes) {
    const p = flat.edgePath.get(id);
    if (under(p, 1) && p!.length === k + 1) edgeShapes.set(p![k], shape);
  }
  const out = { nodeErrors, edgeShapes };
  perPath.set(pathKey, out);
  return out;
}

export function useNodeErrors(nodeId: string): string[] {
  return useGraphStore(useShallow((s) => viewAnalysisOf(s.doc, s.blockPath).nodeErrors.get(nodeId) ?? NO_ERRORS));
}

export function useEdgeShape(edgeId: string): PortShape | undefined {
  return useGraphStore((s) => viewAnalysisOf(s.doc, s.blockPath).edgeShapes.get(edgeId));
}

/** Problems of the whole graph that no single node owns ("add a loss node"). */
export function useGraphErrors(): string[] {
  return useGraphStore(useShallow((s) => analysisOf(s.doc).errors.filter((e) => !e.nodeId).map((e) => e.message)));
}
