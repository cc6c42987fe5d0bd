// Undo for the document only (zundo). A gesture — typing in one field, editing a setting —
// pauses recording and, when it ends, pushes the state from before it as ONE past step.
import type { GraphDoc } from '../graph/document';
import { historyOf, type HistorySlice, type Slice } from './types';
import { openLevels, viewDoc } from './blockView';

export const HISTORY_LIMIT = 100;

export const createHistorySlice: Slice<HistorySlice> = (set, get, api) => {
  let depth = 0;
  let before: GraphDoc | null = null;

  /** After undo/redo the selection may name nodes that no longer exist. */
  const pruneSelection = () => {
    // Inside an open block, the ids are the view's; a block an undo removed closes.
    const levels = openLevels(get());
    if (levels.length !== get().blockPath.length) set({ blockPath: levels.map((l) => l.instanceId) });
    const doc = viewDoc(get());
    const { selectedNodeIds, selectedEdgeIds, selectedNodeId } = get();
    const nodes = new Set(doc.nodes.map((n) => n.id));
    const edges = new Set(doc.edges.map((e) => e.id));
    set({
      selectedNodeIds: selectedNodeIds.filter((id) => nodes.has(id)),
      selectedEdgeIds: selectedEdgeIds.filter((id) => edges.has(id)),
      selectedNodeId: selectedNodeId && nodes.has(selectedNodeId) ? selectedNodeId : null,
    });
  };

  const endAll = () => {
    while (depth > 0) get().endGesture();
  };

  return {
    beginGesture() {
      if (depth++ > 0) return;
      before = get().doc;
      historyOf(api).getState().pause();
    },

    endGesture() {
      if (depth === 0 || --depth > 0) return;
      const t = historyOf(api).getState();
      t.resume();
      const start = before;
      before = null;
      if (start && start !== get().doc) {
        historyOf(api).setState({ pastStates: [...t.pastStates, { doc: start }].slice(-HISTORY_LIMIT), futureStates: [] });
      }
    },

    resetHistory() {
      depth = 0;
      before = null;
      const t = historyOf(api).getState();
      t.resume();
      t.clear();
    },

    undo() {
      endAll();
      historyOf(api).getState().undo();
      pruneSelection();
    },

    redo() {
      endAll();
      historyOf(api).getState().redo();
      pruneSelection();
    },
  };
};
