// The editor store: slices combined in one place, the undo middleware applied here.
// Contract used by other folders (panels): useGraphStore, doc, replaceDoc, updateTraining,
// updateParams, selectedNodeId.
import { create } from 'zustand';
import { temporal } from 'zundo';
import { useStore } from 'zustand';
import { createDocSlice } from './docSlice';
import { createSelectionSlice } from './selectionSlice';
import { createViewSlice } from './viewSlice';
import { createHistorySlice, HISTORY_LIMIT } from './historySlice';
import { createBlockSlice } from './blockSlice';
import { createLockSlice, guardEdits } from './lockSlice';
import type { GraphState } from './types';

export const useGraphStore = create<GraphState>()(
  temporal(
    // guardEdits: while the view-only lock is on, every edit action is refused (lockSlice.ts).
    (...a) =>
      guardEdits(
        {
          ...createDocSlice(...a),
          ...createSelectionSlice(...a),
          ...createViewSlice(...a),
          ...createHistorySlice(...a),
          ...createBlockSlice(...a),
          ...createLockSlice(...a),
        },
        a[1],
      ),
    {
      partialize: (s) => ({ doc: s.doc }),
      // Selection, sizes and messages change the state too; only a new doc is a step.
      equality: (a, b) => a.doc === b.doc,
      limit: HISTORY_LIMIT,
    },
  ),
);

/** How many steps can be undone and redone (for the buttons' disabled state). */
export function useHistoryDepth(): { past: number; future: number } {
  const past = useStore(useGraphStore.temporal, (t) => t.pastStates.length);
  const future = useStore(useGraphStore.temporal, (t) => t.futureStates.length);
  return { past, future };
}

export type { GraphState } from './types';
