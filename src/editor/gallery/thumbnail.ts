// The geometry of a gallery thumbnail: every node as a box at its canvas position, every
// edge as a line from its source's right side to its target's left side, all scaled to fit
// a fixed picture. Pure (no React, no store), so the gallery can draw thirteen of them cheaply.

export interface ThumbNode {
  id: string;
  kind: string;
  position: { x: number; y: number };
}

export interface ThumbEdge {
  source: string;
  target: string;
}

export interface ThumbBox {
  id: string;
  family: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface ThumbLine {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface Thumbnail {
  width: number;
  height: number;
  boxes: ThumbBox[];
  lines: ThumbLine[];
}

/**
 * A node's size on the canvas, in flow units, before React Flow measures it. The gallery has
 * no measurements, and a typical node is about this big, so the picture keeps its proportions.
 */
export const NODE_SIZE = { w: 200, h: 90 };

export interface ThumbnailOptions {
  width?: number;
  height?: number;
  /** Space kept free around the drawing, in picture units. */
  padding?: number;
}

export function thumbnail(nodes: readonly ThumbNode[], edges: readonly ThumbEdge[], familyOf: (kind: string) => string, options: ThumbnailOptions = {}): Thumbnail {
  const { width = 160, height = 90, padding = 6 } = options;
  if (nodes.length === 0) return { width, height, boxes: [], lines: [] };
  const minX = Math.min(...nodes.map((n) => n.position.x));
  const minY = Math.min(...nodes.map((n) => n.position.y));
  const spanX = Math.max(...nodes.map((n) => n.position.x)) + NODE_SIZE.w - minX;
  const spanY = Math.max(...nodes.map((n) => n.position.y)) + NODE_SIZE.h - minY;
  // One scale for both axes keeps the layout's shape; the drawing is centred in the spare axis.
  const scale = Math.min((width - 2 * padding) / spanX, (height - 2 * padding) / spanY);
  const offX = (width - spanX * scale) / 2;
  const offY = (height - spanY * scale) / 2;

  const boxes = nodes.map((n) => ({
    id: n.id,
    family: familyOf(n.kind),
    x: offX + (n.position.x - minX) * scale,
    y: offY + (n.position.y - minY) * scale,
    w: NODE_SIZE.w * scale,
    h: NODE_SIZE.h * scale,
  }));
  const byId = new Map(boxes.map((b) => [b.id, b]));
  const lines = edges.flatMap((e) => {
    const a = byId.get(e.source);
    const b = byId.get(e.target);
    return a && b ? [{ x1: a.x + a.w, y1: a.y + a.h / 2, x2: b.x, y2: b.y + b.h / 2 }] : [];
  });
  return { width, height, boxes, lines };
}

/** The nodes and edges of a graph file's text, as far as a picture needs them; nothing for text that is not a graph. */
export function thumbnailInput(text: string): { nodes: ThumbNode[]; edges: ThumbEdge[] } {
  try {
    const raw = JSON.parse(text) as { nodes?: unknown; edges?: unknown };
    const nodes = (Array.isArray(raw.nodes) ? raw.nodes : []).filter(
      (n): n is ThumbNode => typeof n?.id === 'string' && typeof n?.kind === 'string' && Number.isFinite(n?.position?.x) && Number.isFinite(n?.position?.y),
    );
    const edges = (Array.isArray(raw.edges) ? raw.edges : []).filter((e): e is ThumbEdge => typeof e?.source === 'string' && typeof e?.target === 'string');
    return { nodes, edges };
  } catch {
    return { nodes: [], edges: [] };
  }
}
