// React Flow's change events applied to the store. Positions go into the document (a drag
// is one gesture, hence one undo step); sizes and selection go into view state. Removals
// are ignored here: onDelete applies nodes and their edges together as one step.
import type { EdgeChange, NodeChange } from '@xyflow/react';
import { useGraphStore } from './index';
import type { ModelFlowNode, ShapeFlowEdge } from './flowView';
import type { Size } from './types';
import type { XY } from './docEdits';

let dragging = false;

function nextSelection(current: string[], changes: Map<string, boolean>): string[] {
  const kept = current.filter((id) => changes.get(id) !== false);
  const added = [...changes].filter(([id, sel]) => sel && !kept.includes(id)).map(([id]) => id);
  return [...kept, ...added];
}

export function applyNodeChanges(changes: NodeChange<ModelFlowNode>[]): void {
  const s = useGraphStore.getState();
  const moves = new Map<string, XY>();
  const sizes: Record<string, Size> = {};
  const select = new Map<string, boolean>();
  let dragMove = false;
  let dragEnd = false;
  for (const c of changes) {
    if (c.type === 'position') {
      if (c.position) moves.set(c.id, c.position);
      if (c.dragging) dragMove = true;
      else if (dragging) dragEnd = true;
    } else if (c.type === 'dimensions' && c.dimensions) {
      const old = s.measured[c.id];
      if (!old || old.width !== c.dimensions.width || old.height !== c.dimensions.height) sizes[c.id] = c.dimensions;
    } else if (c.type === 'select') {
      select.set(c.id, c.selected);
    }
  }
  if (dragMove && !dragging) {
    dragging = true;
    s.beginGesture();
  }
  if (moves.size) s.moveNodes(moves);
  if (dragEnd) {
    dragging = false;
    s.endGesture();
  }
  if (Object.keys(sizes).length) s.setMeasured(sizes);
  if (select.size) s.setSelection(nextSelection(s.selectedNodeIds, select), s.selectedEdgeIds);
}

export function applyEdgeChanges(changes: EdgeChange<ShapeFlowEdge>[]): void {
  const s = useGraphStore.getState();
  const select = new Map<string, boolean>();
  for (const c of changes) if (c.type === 'select') select.set(c.id, c.selected);
  if (select.size) s.setSelection(s.selectedNodeIds, nextSelection(s.selectedEdgeIds, select));
}
