// What is selected on the canvas. Not part of the document, so not part of undo.
import type { SelectionSlice, Slice } from './types';

function sameIds(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

export const createSelectionSlice: Slice<SelectionSlice> = (set, get) => ({
  selectedNodeIds: [],
  selectedEdgeIds: [],
  selectedNodeId: null,

  setSelection(nodeIds, edgeIds) {
    const s = get();
    if (sameIds(nodeIds, s.selectedNodeIds) && sameIds(edgeIds, s.selectedEdgeIds)) return;
    // Keep the inspected node while it stays selected; otherwise inspect the newest one.
    const keep = s.selectedNodeId !== null && nodeIds.includes(s.selectedNodeId);
    const selectedNodeId = keep ? s.selectedNodeId : (nodeIds[nodeIds.length - 1] ?? null);
    set({ selectedNodeIds: nodeIds, selectedEdgeIds: edgeIds, selectedNodeId });
  },

  selectNode(nodeId) {
    set({ selectedNodeIds: nodeId ? [nodeId] : [], selectedEdgeIds: [], selectedNodeId: nodeId });
  },
});
