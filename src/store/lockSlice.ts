// The view-only lock. While it is on, no edit reaches the document: every edit action of
// the store is wrapped once, here, where the slices are combined (guardEdits, applied in
// src/store/index.ts), and answers as a refused edit answers — nothing changes, the status
// line says why. Panning, zooming, selecting, opening another graph (replaceDoc: a course
// step, the gallery, a file) and training are not edits and go on working. The canvas and
// the fields read `viewOnly` too, so the UI does not offer what would be refused.
//
// Every action of the store is either an edit (EDIT_REFUSALS) or not (NOT_EDITS);
// lockSlice.test.ts fails on an action that is in neither, so a new edit cannot slip past.
import type { GraphState, LockSlice, Slice } from './types';

/** Why an edit was refused while the lock is on (the status line, a connection's reason). */
export const VIEW_ONLY_REASON = 'View only: this graph cannot be edited. Unlock it (the top bar) to edit.';

/** What each edit action returns when it is refused because of the lock. */
export const EDIT_REFUSALS = {
  addNode: () => undefined,
  connect: () => ({ ok: false as const, reason: VIEW_ONLY_REASON }),
  rewire: () => ({ ok: false as const, reason: VIEW_ONLY_REASON }),
  pasteNodes: () => [],
  expandEstimator: () => undefined,
  deleteElements: () => undefined,
  moveNodes: () => undefined,
  autoLayout: () => Promise.resolve(false),
  updateParams: () => ({ ok: false as const, errors: { '': VIEW_ONLY_REASON } }),
  updateTraining: () => ({ ok: false as const, errors: { '': VIEW_ONLY_REASON } }),
  setNodeLabel: () => VIEW_ONLY_REASON,
  setTitle: () => VIEW_ONLY_REASON,
  updateMeta: () => VIEW_ONLY_REASON,
  undo: () => undefined,
  redo: () => undefined,
  makeBlock: () => undefined,
  ungroupBlock: () => undefined,
  addBlockInstance: () => undefined,
  renameBlock: () => VIEW_ONLY_REASON,
  importBlockText: () => undefined,
} satisfies Partial<{ [K in keyof GraphState]: () => unknown }>;

/** Actions that change no document (or, like replaceDoc, open another one): never refused. */
export const NOT_EDITS = [
  'replaceDoc',
  'setSelection',
  'selectNode',
  'setMeasured',
  'showStatus',
  'clearStatus',
  'clearFileProblem',
  'openGraphText',
  'beginGesture',
  'endGesture',
  'resetHistory',
  'openBlock',
  'closeBlock',
  'goToLevel',
  'setViewOnly',
] as const satisfies readonly (keyof GraphState)[];

export const createLockSlice: Slice<LockSlice> = (set) => ({
  viewOnly: false,
  setViewOnly(on) {
    set({ viewOnly: on });
  },
});

/** Status-line refusals at most this often: a drag's many refused moves say it once. */
const SAY_EVERY_MS = 1500;

/**
 * Wraps every edit action of the combined state: while `viewOnly` is on it returns its
 * refusal (EDIT_REFUSALS) and says why on the status line, without calling the edit.
 */
export function guardEdits(state: GraphState, get: () => GraphState): GraphState {
  const guarded = { ...state } as Record<string, unknown>;
  let saidAt = -Infinity;
  for (const [name, refusal] of Object.entries(EDIT_REFUSALS)) {
    const edit = state[name as keyof GraphState];
    if (typeof edit !== 'function') continue;
    guarded[name] = (...args: unknown[]) => {
      const s = get();
      if (!s.viewOnly) return (edit as (...a: unknown[]) => unknown)(...args);
      const now = Date.now();
      if (s.status?.text !== VIEW_ONLY_REASON || now - saidAt > SAY_EVERY_MS) {
        saidAt = now;
        s.showStatus(VIEW_ONLY_REASON, 'error');
      }
      return (refusal as () => unknown)();
    };
  }
  return guarded as unknown as GraphState;
}
