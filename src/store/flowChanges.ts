// React Flow's change events applied to the store. A drag's moves go to the drag preview
// and its end into the document (one edit, hence one undo step); other moves (the arrow
// keys) go straight into the document; sizes and selection go into view state. Removals
// are ignored here: onDelete applies nodes and their edges together as one step.
import type { EdgeChange, NodeChange } from '@xyflow/react';
import { useGraphStore } from './index';
import { previewPositions, takePreview } from './dragPreview';
import type { ModelFlowNode, ShapeFlowEdge } from './flowView';
import type { Size } from './types';
import type { XY } from './docEdits';

function nextSelection(current: string[], changes: Map<string, boolean>): string[] {
  const kept = current.filter((id) => changes.get(id) !== false);
  const added = [...changes].filter(([id, sel]) => sel && !kept.includes(id)).map(([id]) => id);
  return [...kept, ...added];
}

/**
 * Writes the drag preview, overridden by `final`, into the document as one edit. Also
 * called when React Flow says a drag stopped, so a preview never outlives its drag.
 */
export function commitDrag(final: ReadonlyMap<string, XY> = new Map()): void {
  const all = new Map(takePreview());
  for (const [id, p] of final) all.set(id, p);
  if (all.size) useGraphStore.getState().moveNodes(all);
}

export function applyNodeChanges(changes: NodeChange<ModelFlowNode>[]): void {
  const s = useGraphStore.getState();
  const dragMoves = new Map<string, XY>();
  const moves = new Map<string, XY>();
  const sizes: Record<string, Size> = {};
  const select = new Map<string, boolean>();
  for (const c of changes) {
    if (c.type === 'position') {
      if (c.position) (c.dragging ? dragMoves : moves).set(c.id, c.position);
    } else if (c.type === 'dimensions' && c.dimensions) {
      const old = s.measured[c.id];
      if (!old || old.width !== c.dimensions.width || old.height !== c.dimensions.height) sizes[c.id] = c.dimensions;
    } else if (c.type === 'select') {
      select.set(c.id, c.selected);
    }
  }
  if (dragMoves.size) previewPositions(dragMoves);
  // A drag ends with its final positions reported without `dragging`.
  if (moves.size) commitDrag(moves);
  if (Object.keys(sizes).length) s.setMeasured(sizes);
  if (select.size) s.setSelection(nextSelection(s.selectedNodeIds, select), s.selectedEdgeIds);
}

export function applyEdgeChanges(changes: EdgeChange<ShapeFlowEdge>[]): void {
  const s = useGraphStore.getState();
  const select = new Map<string, boolean>();
  for (const c of changes) if (c.type === 'select') select.set(c.id, c.selected);
  if (select.size) s.setSelection(s.selectedNodeIds, nextSelection(s.selectedEdgeIds, select));
}
