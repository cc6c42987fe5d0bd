// What the analysis inferred for one node on the canvas, for its summary: which inputs are
// connected and the shapes of its outputs. Kept per graph structure, so a drag recomputes nothing.
import { analysisOf, perStructure, viewAnalysisOf } from '../../store/analysis';
import { viewDoc } from '../../store/blockView';
import type { GraphState } from '../../store/types';
import type { PortShape } from '../../nodes/types';
import type { NodeShapes } from './paramSummary';

const cache = new WeakMap<object, Map<string, NodeShapes>>();

export function nodeShapesOf(s: GraphState, nodeId: string): NodeShapes {
  return perStructure(cache, s.doc, `${s.blockPath.join('\u0000')}\u0000${nodeId}`, () => {
    const view = viewDoc(s);
    const connected = new Set(view.edges.filter((e) => e.target === nodeId).map((e) => e.targetPort));
    // The top graph's own nodes keep their ids in the analysis; inside a block (or for a
    // block instance) the shapes are read off the edges leaving the node.
    const outputs: Record<string, PortShape | undefined> = s.blockPath.length === 0 ? { ...analysisOf(s.doc).outputShapes.get(nodeId) } : {};
    const edgeShapes = viewAnalysisOf(s.doc, s.blockPath).edgeShapes;
    for (const e of view.edges) if (e.source === nodeId && !outputs[e.sourcePort]) outputs[e.sourcePort] = edgeShapes.get(e.id);
    return { connected, outputs };
  });
}
