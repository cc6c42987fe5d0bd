// The document and every edit of it. Each edit is one `set`, hence one undo step.
// Every edit is checked against the document's limits before it is applied (refusedEdit):
// what the store holds is always what the parser accepts, so the autosave and a saved
// file open again as they were. A refusal changes nothing and says why on the status line.
import { emptyDoc, type GraphDoc } from '../graph/document';
import { documentProblems } from '../graph/docLimits';
import { unscope } from '../graph/blocks/scope';
import { checkViewConnection } from './blockConnection';
import { checkRewire, isExistingEdge } from './rewire';
import { viewOf } from './blockView';
import { withEdgeAdded, withElementsRemoved, withFragmentAdded, withLabel, withMeta, withNodeAdded, withParams, withPositions, withTraining } from './docEdits';
import type { DocSlice, GraphState, Slice } from './types';
import { adoptDocWeights } from './trainedWeights';
import { analyzeGraph } from '../compiler/analyze';
import { expandEstimator, readsThroughBoundary } from '../nodes/expand';

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

/**
 * The edit path inside an open block: `edit` sees the view's document (the definition's
 * nodes and edges at the top, src/store/blockView.ts) and what it returns is written back
 * into the whole document (every instance of the definition changes with it).
 */
function inView(get: () => GraphState): { view: GraphDoc; commit: (edited: GraphDoc) => GraphDoc } {
  const v = viewOf(get());
  return { view: v.doc, commit: (edited) => unscope(v.root, v.defId, edited) };
}

export const createDocSlice: Slice<DocSlice> = (set, get) => ({
  doc: emptyDoc(),
  docEpoch: 0,

  replaceDoc(opened) {
    // Trained weights live beside the document (trainedWeights.ts), never inside it.
    const { weights, ...doc } = opened;
    set((s) => ({ doc, docEpoch: s.docEpoch + 1, selectedNodeIds: [], selectedEdgeIds: [], selectedNodeId: null, measured: {}, blockPath: [] }));
    // A new document starts a new history: undo must not bring back the previous file,
    // not even through a text edit that was in progress when it opened.
    get().resetHistory();
    adoptDocWeights(doc, weights);
  },

  addNode(kind, position) {
    const { view, commit } = inView(get);
    const r = withNodeAdded(view, kind, position);
    const doc = r && commit(r.doc);
    if (!r || !doc || refusedEdit(doc, get, 'The node was not added.')) return undefined;
    set({ doc, selectedNodeIds: [r.id], selectedEdgeIds: [], selectedNodeId: r.id });
    return r.id;
  },

  connect(c) {
    const { view, commit } = inView(get);
    const verdict = checkViewConnection(view, c, viewOf(get()).def);
    if (!verdict.ok) return verdict;
    const doc = commit(withEdgeAdded(view, c));
    const why = refusedEdit(doc, get, 'The connection was not made.');
    if (why) return { ok: false, reason: why };
    set({ doc });
    return verdict;
  },

  rewire(c) {
    const { view, commit } = inView(get);
    if (isExistingEdge(view, c)) return { ok: true };
    const { verdict, freed } = checkRewire(view, c, viewOf(get()).def);
    if (!verdict.ok) return verdict;
    const edited = withEdgeAdded(freed, c);
    const doc = commit(edited);
    const why = refusedEdit(doc, get, 'The connection was not made.');
    if (why) return { ok: false, reason: why };
    set((s) => ({ doc, selectedEdgeIds: s.selectedEdgeIds.filter((id) => edited.edges.some((e) => e.id === id)) }));
    return verdict;
  },

  pasteNodes(fragment) {
    const { view, commit } = inView(get);
    const r = withFragmentAdded(view, fragment);
    const doc = r && commit(r.doc);
    if (!r || !doc || refusedEdit(doc, get, `The ${r.ids.length === 1 ? 'node was' : `${r.ids.length} nodes were`} not pasted.`)) return [];
    set({ doc, selectedNodeIds: r.ids, selectedEdgeIds: [], selectedNodeId: r.ids[r.ids.length - 1] ?? null });
    return r.ids;
  },

  expandEstimator(nodeId) {
    const { view, commit } = inView(get);
    const s = get();
    // The shapes tell the expansion whether a reduction is needed; inside an open block the
    // view's ids are the definition's, which the whole document's analysis renames.
    const { def } = viewOf(s);
    const node = view.nodes.find((n) => n.id === nodeId);
    const boundary = def && node && readsThroughBoundary(def, node);
    if (boundary) return s.showStatus(boundary, 'error');
    const analysis = analyzeGraph(view);
    const r = expandEstimator(view, nodeId, (id, port) => analysis.outputShapes.get(id)?.[port]);
    if (!r.ok) return s.showStatus(r.reasons.join(' '), 'error');
    const done = r.expanded[0];
    if (!done) return s.showStatus(r.kept.join(' '));
    const doc = commit(r.doc);
    if (refusedEdit(doc, get, 'The estimator was not expanded.')) return;
    set({ doc, selectedNodeIds: done.partIds, selectedEdgeIds: [], selectedNodeId: done.partIds[done.partIds.length - 1] });
    s.showStatus(`Expanded ${done.name} into ${done.partIds.length} parts; the loss and its gradients are unchanged. Undo brings the single node back.`);
  },

  deleteElements(nodeIds, edgeIds) {
    const { view, commit } = inView(get);
    const edited = withElementsRemoved(view, nodeIds, edgeIds);
    if (edited === view) return;
    const doc = commit(edited);
    const gone = new Set(nodeIds);
    set((s) => ({
      doc,
      selectedNodeIds: s.selectedNodeIds.filter((id) => !gone.has(id)),
      selectedEdgeIds: s.selectedEdgeIds.filter((id) => edited.edges.some((e) => e.id === id)),
      selectedNodeId: s.selectedNodeId && gone.has(s.selectedNodeId) ? null : s.selectedNodeId,
    }));
  },

  moveNodes(moves) {
    const { view, commit } = inView(get);
    const edited = withPositions(view, moves);
    if (edited !== view) set({ doc: commit(edited) });
  },

  async autoLayout(nodeIds) {
    const before = get().doc;
    // ELK is large; it loads the first time someone asks for a layout, not at start.
    const [{ autoLayout: layoutPositions }, { workerEngine }] = await Promise.all([import('../editor/layout/autoLayout'), import('../editor/layout/workerEngine')]);
    const moves = await layoutPositions(workerEngine(), inView(get).view, get().measured, nodeIds);
    // An edit made while the layout ran wins: its positions would be stale.
    if (get().doc !== before || moves.size === 0) return false;
    get().moveNodes(moves);
    return get().doc !== before;
  },

  updateParams(nodeId, patch) {
    const { view, commit } = inView(get);
    const r = withParams(view, nodeId, patch);
    if (!r.ok) return r;
    const doc = commit(r.doc);
    const why = refusedEdit(doc, get, 'The setting was not changed.');
    if (why) return { ok: false, errors: { '': why } };
    set({ doc });
    return { ok: true, doc };
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
    const { view, commit } = inView(get);
    const doc = commit(withLabel(view, nodeId, label));
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
