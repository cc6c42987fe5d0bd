// Where a node added from the palette lands: the middle of what the canvas shows,
// nudged diagonally until it does not sit exactly on another node.
import type { GraphDoc } from '../../graph/document';
import type { XY } from '../../store/docEdits';

/** Rough size of a fresh node, so that its middle (not its corner) is at the centre. */
const NODE_HALF = { x: 110, y: 50 };
const NUDGE = 32;

export function viewCenter(width: number, height: number, transform: readonly [number, number, number]): XY {
  const [tx, ty, zoom] = transform;
  return { x: (width / 2 - tx) / zoom, y: (height / 2 - ty) / zoom };
}

export function freeSpot(doc: GraphDoc, center: XY): XY {
  let p = { x: Math.round(center.x - NODE_HALF.x), y: Math.round(center.y - NODE_HALF.y) };
  const near = (q: XY) => doc.nodes.some((n) => Math.abs(n.position.x - q.x) < NUDGE / 2 && Math.abs(n.position.y - q.y) < NUDGE / 2);
  for (let i = 0; i < 50 && near(p); i++) p = { x: p.x + NUDGE, y: p.y + NUDGE };
  return p;
}
