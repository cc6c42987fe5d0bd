// Where the dragged nodes are while a drag is under way. Pointer moves land here, not in
// the document: a document change wakes every store subscriber (each node, the inspector,
// autosave, the trained-weights check), ~20 ms per move on a 500-node graph, while this
// small store wakes the canvas alone. The drag's end writes the positions into the
// document in one edit: one undo step, one autosave.
import { create } from 'zustand';
import type { XY } from './docEdits';

export interface DragPreview {
  /** Node id → position during the drag; null when no drag is under way. */
  positions: ReadonlyMap<string, XY> | null;
}

export const useDragPreview = create<DragPreview>()(() => ({ positions: null }));

export function previewPositions(moves: ReadonlyMap<string, XY>): void {
  const current = useDragPreview.getState().positions;
  const next = new Map(current ?? []);
  for (const [id, p] of moves) next.set(id, p);
  useDragPreview.setState({ positions: next });
}

/** Ends the preview and hands back where it left the nodes (empty if no drag was under way). */
export function takePreview(): ReadonlyMap<string, XY> {
  const current = useDragPreview.getState().positions;
  if (current) useDragPreview.setState({ positions: null });
  return current ?? new Map();
}
