// The document and every edit of it. Each edit is one `set`, hence one undo step.
import { emptyDoc } from '../graph/document';
import { checkConnection } from '../compiler/connection';
import { withEdgeAdded, withElementsRemoved, withFragmentAdded, withLabel, withMeta, withNodeAdded, withParams, withPositions, withTraining } from './docEdits';
import type { DocSlice, Slice } from './types';
import { adoptDocWeights } from './trainedWeights';

export const createDocSlice: Slice<DocSlice> = (set, get) => ({
  doc: emptyDoc(),
  docEpoch: 0,

  replaceDoc(opened) {
    // Trained weights live beside the document (trainedWeights.ts), never inside it.
    const { weights, ...doc } = opened;
    set((s) => ({ doc, docEpoch: s.docEpoch + 1, selectedNodeIds: [], selectedEdgeIds: [], selectedNodeId: null, measured: {} }));
    // A new document starts a new history: undo must not bring back the previous file,
    // not even through a text edit that was in progress when it opened.
    get().resetHistory();
    adoptDocWeights(doc, weights);
  },

  addNode(kind, position) {
    const r = withNodeAdded(get().doc, kind, position);
    if (!r) return undefined;
    set({ doc: r.doc, selectedNodeIds: [r.id], selectedEdgeIds: [], selectedNodeId: r.id });
    return r.id;
  },

  connect(c) {
    const verdict = checkConnection(get().doc, c);
    if (verdict.ok) set({ doc: withEdgeAdded(get().doc, c) });
    return verdict;
  },

  pasteNodes(fragment) {
    const r = withFragmentAdded(get().doc, fragment);
    if (!r) return [];
    set({ doc: r.doc, selectedNodeIds: r.ids, selectedEdgeIds: [], selectedNodeId: r.ids[r.ids.length - 1] ?? null });
    return r.ids;
  },

  deleteElements(nodeIds, edgeIds) {
    const doc = withElementsRemoved(get().doc, nodeIds, edgeIds);
    if (doc === get().doc) return;
    const gone = new Set(nodeIds);
    set((s) => ({
      doc,
      selectedNodeIds: s.selectedNodeIds.filter((id) => !gone.has(id)),
      selectedEdgeIds: s.selectedEdgeIds.filter((id) => doc.edges.some((e) => e.id === id)),
      selectedNodeId: s.selectedNodeId && gone.has(s.selectedNodeId) ? null : s.selectedNodeId,
    }));
  },

  moveNodes(moves) {
    const doc = withPositions(get().doc, moves);
    if (doc !== get().doc) set({ doc });
  },

  updateParams(nodeId, patch) {
    const r = withParams(get().doc, nodeId, patch);
    if (r.ok) set({ doc: r.doc });
    return r;
  },

  updateTraining(patch) {
    const r = withTraining(get().doc, patch);
    if (r.ok) set({ doc: r.doc });
    return r;
  },

  setNodeLabel(nodeId, label) {
    set({ doc: withLabel(get().doc, nodeId, label) });
  },

  setTitle(title) {
    set({ doc: withMeta(get().doc, { title }) });
  },

  updateMeta(patch) {
    const doc = withMeta(get().doc, patch);
    const before = get().doc.meta as Record<string, unknown>;
    const changed = Object.keys(patch).some((k) => (doc.meta as Record<string, unknown>)[k] !== before[k]);
    if (changed) set({ doc });
  },
});
