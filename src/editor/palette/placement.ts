// Where a node added from the palette lands: the middle of what the canvas shows, or the
// nearest place to it where its box overlaps no other node's (measured sizes where React
// Flow has measured them), so repeated clicks never stack nodes.
import type { GraphDoc } from '../../graph/document';
import type { XY } from '../../store/docEdits';
import type { Size } from '../../store/types';

/** Rough size of a fresh (or not yet measured) node; generous, since a node with a formula is tall. */
const NODE_SIZE: Size = { width: 240, height: 150 };
/** Room kept between two nodes' boxes. */
const GAP = 16;
/** Candidate spots lie on a grid of this pitch around the centre, this many steps out. */
const STEP = 40;
const RINGS = 30;

export function viewCenter(width: number, height: number, transform: readonly [number, number, number]): XY {
  const [tx, ty, zoom] = transform;
  return { x: (width / 2 - tx) / zoom, y: (height / 2 - ty) / zoom };
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w + GAP && b.x < a.x + a.w + GAP && a.y < b.y + b.h + GAP && b.y < a.y + a.h + GAP;

/** Grid offsets around (0, 0), nearest first (computed once). */
const OFFSETS: XY[] = (() => {
  const out: XY[] = [];
  for (let i = -RINGS; i <= RINGS; i++) for (let j = -RINGS; j <= RINGS; j++) out.push({ x: i * STEP, y: j * STEP });
  return out.sort((a, b) => Math.hypot(a.x, a.y) - Math.hypot(b.x, b.y));
})();

/** The size a new node of `kind` will have: as big as one already measured, if any. */
function newNodeSize(doc: GraphDoc, sizes: Readonly<Record<string, Size>>, kind: string | undefined): Size {
  let w = NODE_SIZE.width;
  let h = NODE_SIZE.height;
  for (const n of doc.nodes) {
    const m = kind !== undefined && n.kind === kind ? sizes[n.id] : undefined;
    if (m) [w, h] = [Math.max(w, m.width), Math.max(h, m.height)];
  }
  return { width: w, height: h };
}

/** The top-left corner for a new node (of `kind`), as near the centre as a free spot allows. */
export function freeSpot(doc: GraphDoc, center: XY, sizes: Readonly<Record<string, Size>> = {}, kind?: string): XY {
  const size = newNodeSize(doc, sizes, kind);
  const boxes: Box[] = doc.nodes.map((n) => {
    const s = sizes[n.id] ?? NODE_SIZE;
    return { x: n.position.x, y: n.position.y, w: s.width, h: s.height };
  });
  const start = { x: Math.round(center.x - size.width / 2), y: Math.round(center.y - size.height / 2) };
  for (const d of OFFSETS) {
    const box = { x: start.x + d.x, y: start.y + d.y, w: size.width, h: size.height };
    if (!boxes.some((b) => overlaps(box, b))) return { x: box.x, y: box.y };
  }
  return start;
}
