import { describe, expect, it } from 'vitest';
import { emptyDoc } from '../../graph/document';
import { withNodeAdded } from '../../store/docEdits';
import { freeSpot, viewCenter } from './placement';

const boxesOverlap = (a: { x: number; y: number }, b: { x: number; y: number }, w = 240, h = 150) =>
  a.x < b.x + w && b.x < a.x + w && a.y < b.y + h && b.y < a.y + h;

describe('palette placement', () => {
  it('maps the screen centre into flow coordinates', () => {
    expect(viewCenter(800, 600, [100, 50, 2])).toEqual({ x: 150, y: 125 });
  });

  it('puts the first node with its middle at the centre', () => {
    expect(freeSpot(emptyDoc(), { x: 500, y: 300 })).toEqual({ x: 380, y: 225 });
  });

  it('never puts a node over another: ten clicks give ten separate boxes near the centre', () => {
    let doc = emptyDoc();
    const spots: { x: number; y: number }[] = [];
    for (let i = 0; i < 10; i++) {
      const p = freeSpot(doc, { x: 500, y: 300 });
      for (const q of spots) expect(boxesOverlap(p, q)).toBe(false);
      spots.push(p);
      doc = withNodeAdded(doc, 'sampler', p)!.doc;
    }
    for (const p of spots) expect(Math.hypot(p.x - 380, p.y - 225)).toBeLessThan(600);
  });

  it('uses measured sizes: a large node pushes the new one clear of its whole box', () => {
    const doc = withNodeAdded(emptyDoc(), 'sampler', { x: 300, y: 200 })!.doc;
    const id = doc.nodes[0].id;
    const p = freeSpot(doc, { x: 500, y: 300 }, { [id]: { width: 600, height: 400 } });
    expect(boxesOverlap(p, { x: 300, y: 200 }, 600, 400) && boxesOverlap(p, { x: 300, y: 200 }, 240, 150)).toBe(false);
    const inside = p.x + 240 > 300 && p.x < 900 && p.y + 150 > 200 && p.y < 600;
    expect(inside).toBe(false);
  });

  it('sizes the new node like a measured one of its kind', () => {
    const doc = withNodeAdded(emptyDoc(), 'sampler', { x: 1000, y: 1000 })!.doc;
    const big = { [doc.nodes[0].id]: { width: 400, height: 300 } };
    expect(freeSpot(doc, { x: 500, y: 300 }, big, 'sampler')).toEqual({ x: 300, y: 150 });
    expect(freeSpot(doc, { x: 500, y: 300 }, big, 'dense')).toEqual({ x: 380, y: 225 });
  });
});
