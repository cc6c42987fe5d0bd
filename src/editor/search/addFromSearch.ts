// Adding what the search picked: the node lands at the pointer and, when the search came
// from a dragged connection, is wired to that port. Adding and wiring are one undo step.
import type { Connection } from '../../compiler/connection';
import { useGraphStore } from '../../store';
import type { XY } from '../../store/docEdits';
import type { SearchEntry } from './searchFilter';
import type { SearchFrom } from './searchState';

/** Rough width of a fresh node: one that feeds the dragged input sits left of the pointer. */
const NODE_WIDTH = 200;
/** The pointer lands a little inside the node's corner, not on its border. */
const INSET = 16;

export function placeFor(flow: XY, from: SearchFrom | undefined): XY {
  const x = from?.side === 'input' ? flow.x - NODE_WIDTH : flow.x - INSET;
  return { x: Math.round(x), y: Math.round(flow.y - INSET) };
}

export function addFromSearch(entry: SearchEntry, flow: XY, from: SearchFrom | undefined): string | undefined {
  const s = useGraphStore.getState();
  const at = placeFor(flow, from);
  s.beginGesture();
  try {
    const id = 'kind' in entry.add ? s.addNode(entry.add.kind, at) : s.addBlockInstance(entry.add.blockDef, at);
    if (!id || !from || !entry.port) return id;
    const c: Connection =
      from.side === 'output'
        ? { source: from.nodeId, sourcePort: from.port, target: id, targetPort: entry.port }
        : { source: id, sourcePort: entry.port, target: from.nodeId, targetPort: from.port };
    const v = s.rewire(c);
    if (!v.ok) s.showStatus(v.reason, 'error');
    return id;
  } finally {
    s.endGesture();
  }
}
