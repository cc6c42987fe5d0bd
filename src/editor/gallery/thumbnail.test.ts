import { describe, expect, it } from 'vitest';
import { galleryGraphs } from '../../files/galleryGraphs';
import { NODE_SIZE, thumbnail, thumbnailInput } from './thumbnail';

const fam = (kind: string) => `fam-${kind}`;

describe('thumbnail geometry', () => {
  it('scales a row of nodes to the width, keeps proportions and centres the spare height', () => {
    const nodes = [
      { id: 'a', kind: 'data', position: { x: 100, y: 50 } },
      { id: 'b', kind: 'loss', position: { x: 400, y: 50 } },
    ];
    const t = thumbnail(nodes, [{ source: 'a', target: 'b' }], fam, { width: 100, height: 100, padding: 0 });
    const span = 300 + NODE_SIZE.w; // 500 flow units across
    const s = 100 / span;
    expect(t.boxes[0]).toEqual({ id: 'a', family: 'fam-data', x: 0, y: (100 - NODE_SIZE.h * s) / 2, w: NODE_SIZE.w * s, h: NODE_SIZE.h * s });
    expect(t.boxes[1].x).toBeCloseTo(300 * s);
    expect(t.boxes[1].x + t.boxes[1].w).toBeCloseTo(100);
    // An edge leaves its source's right side and enters its target's left side, mid-height.
    expect(t.lines).toEqual([{ x1: t.boxes[0].x + t.boxes[0].w, y1: 50, x2: t.boxes[1].x, y2: 50 }]);
  });

  it('keeps every box inside the picture with its padding, for every gallery graph', () => {
    for (const g of galleryGraphs) {
      const { nodes, edges } = thumbnailInput(g.text);
      expect(nodes.length, g.name).toBeGreaterThan(2);
      const t = thumbnail(nodes, edges, fam, { width: 160, height: 90, padding: 6 });
      expect(t.boxes).toHaveLength(nodes.length);
      expect(t.lines.length, g.name).toBe(edges.filter((e) => nodes.some((n) => n.id === e.source) && nodes.some((n) => n.id === e.target)).length);
      for (const b of t.boxes) {
        expect(b.x, g.name).toBeGreaterThanOrEqual(6 - 1e-9);
        expect(b.y, g.name).toBeGreaterThanOrEqual(6 - 1e-9);
        expect(b.x + b.w, g.name).toBeLessThanOrEqual(154 + 1e-9);
        expect(b.y + b.h, g.name).toBeLessThanOrEqual(84 + 1e-9);
      }
    }
  });

  it('drops edges to nodes it does not have and draws nothing for no nodes or bad text', () => {
    const t = thumbnail([{ id: 'a', kind: 'x', position: { x: 0, y: 0 } }], [{ source: 'a', target: 'gone' }], fam);
    expect(t.lines).toEqual([]);
    expect(thumbnail([], [], fam).boxes).toEqual([]);
    expect(thumbnailInput('not json')).toEqual({ nodes: [], edges: [] });
    expect(thumbnailInput('{"nodes":[{"id":"a","kind":"k"}],"edges":[{"source":1}]}')).toEqual({ nodes: [], edges: [] });
  });
});
