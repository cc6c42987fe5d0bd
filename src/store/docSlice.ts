// The document and every edit of it. Each edit is one `set`, hence one undo step.
// Every edit is checked against the document's limits before it is applied (refusedEdit):
// what the store holds is always what the parser accepts, so the autosave and a saved
// file open again as they were. A refusal changes nothing and says why on the status line.
import { emptyDoc, type GraphDoc } from '../graph/document';
import { documentProblems } from '../graph/docLimits';
import { checkConnection } from '../compiler/connection';
import { withEdgeAdded, withElementsRemoved, withFragmentAdded, withLabel, withMeta, withNodeAdded, withParams, withPositions, withTraining } from './docEdits';
import type { DocSlice, GraphState, Slice } from './types';
import { adoptDocWeights } from './trainedWeights';

/**
 * Why `next` may not become the document ("The graph would have 2,001 nodes; a graph holds
 * at most 2,000. The node was not added."), shown on the status line; undefined if it may.
 */
function refusedEdit(next: GraphDoc, get: () => GraphState, notDone: string): string | undefined {
  const problems = documentProblems(next);
  if (problems.length === 0) return undefined;
  const why = `${problems[0]} ${notDone}`;
  get().showStatus(why, 'error');
  return why;
}

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
    if (!r || refusedEdit(r.doc, get, 'The node was not added.')) return undefined;
    set({ doc: r.doc, selectedNodeIds: [r.id], selectedEdgeIds: [], selectedNodeId: r.id });
    return r.id;
  },

  connect(c) {
    const verdict = checkConnection(get().doc, c);
    if (!verdict.ok) return verdict;
    const doc = withEdgeAdded(get().doc, c);
    const why = refusedEdit(doc, get, 'The connection was not made.');
    if (why) return { ok: false, reason: why };
    set({ doc });
    return verdict;
  },

  pasteNodes(fragment) {
    const r = withFragmentAdded(get().doc, fragment);
    if (!r || refusedEdit(r.doc, get, `The ${r.ids.length === 1 ? 'node was' : `${r.ids.length} nodes were`} not pasted.`)) return [];
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
    if (!r.ok) return r;
    const why = refusedEdit(r.doc, get, 'The setting was not changed.');
    if (why) return { ok: false, errors: { '': why } };
    set({ doc: r.doc });
    return r;
  },

  updateTraining(patch) {
    const r = withTraining(get().doc, patch);
    if (!r.ok) return r;
    const why = refusedEdit(r.doc, get, 'The setting was not changed.');
    if (why) return { ok: false, errors: { '': why } };
    set({ doc: r.doc });
    return r;
  },

  setNodeLabel(nodeId, label) {
    const doc = withLabel(get().doc, nodeId, label);
    const why = refusedEdit(doc, get, 'The label was not changed.');
    if (!why) set({ doc });
    return why ?? null;
  },

  setTitle(title) {
    const doc = withMeta(get().doc, { title });
    const why = refusedEdit(doc, get, 'The title was not changed.');
    if (!why) set({ doc });
    return why ?? null;
  },

  updateMeta(patch) {
    const doc = withMeta(get().doc, patch);
    const before = get().doc.meta as Record<string, unknown>;
    const changed = Object.keys(patch).some((k) => (doc.meta as Record<string, unknown>)[k] !== before[k]);
    if (!changed) return null;
    const why = refusedEdit(doc, get, 'The change was not applied.');
    if (!why) set({ doc });
    return why ?? null;
  },
});
