import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGraphText } from '../../graph/parse';
import { inThreadEngine } from './inThreadEngine';
import { autoLayout as layout, FALLBACK_SIZE, type Size, type XY } from './autoLayout';
import type { GraphDoc } from '../../graph/document';

const graphs = readdirSync('graphs').filter((f) => f.endsWith('.json'));

function load(file: string): GraphDoc {
  const r = parseGraphText(readFileSync(`graphs/${file}`, 'utf8'));
  if (!r.ok) throw new Error(`${file}: ${r.errors.join(' ')}`);
  return r.doc;
}

// Sizes that differ per node, so a layout that ignored them would overlap.
function sizesOf(doc: GraphDoc): Record<string, Size> {
  return Object.fromEntries(doc.nodes.map((n, i) => [n.id, { width: 180 + (i % 3) * 40, height: 90 + (i % 4) * 35 }]));
}

function overlaps(a: XY, sa: Size, b: XY, sb: Size): boolean {
  return a.x < b.x + sb.width && b.x < a.x + sa.width && a.y < b.y + sb.height && b.y < a.y + sa.height;
}

const autoLayout = (...args: Parameters<typeof layout> extends [unknown, ...infer R] ? R : never) => layout(inThreadEngine(), ...args);

describe('autoLayout', () => {
  it.each(graphs)('%s: no two nodes overlap and every edge runs left to right', async (file) => {
    const doc = load(file);
    const sizes = sizesOf(doc);
    const pos = await autoLayout(doc, sizes);
    expect([...pos.keys()].sort()).toEqual(doc.nodes.map((n) => n.id).sort());
    const ids = doc.nodes.map((n) => n.id);
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++)
        expect(overlaps(pos.get(ids[i])!, sizes[ids[i]], pos.get(ids[j])!, sizes[ids[j]]), `${ids[i]} overlaps ${ids[j]}`).toBe(false);
    for (const e of doc.edges) expect(pos.get(e.source)!.x + sizes[e.source].width, `${e.id}`).toBeLessThan(pos.get(e.target)!.x);
  });

  it.each(graphs)('%s: the data node is in the first column', async (file) => {
    const doc = load(file);
    const pos = await autoLayout(doc, sizesOf(doc));
    const sizes = sizesOf(doc);
    const data = doc.nodes.find((n) => n.kind === 'data')!;
    // No node lies wholly to the left of the data (nodes in a column are centred on it).
    for (const n of doc.nodes) expect(pos.get(n.id)!.x + sizes[n.id].width, n.id).toBeGreaterThan(pos.get(data.id)!.x);
  });

  it('lays out a selection only: the other nodes are not moved, the selection keeps its corner', async () => {
    const doc = load('vae.json');
    const chosen = doc.nodes.slice(0, 4).map((n) => n.id);
    const pos = await autoLayout(doc, sizesOf(doc), chosen);
    expect([...pos.keys()].sort()).toEqual([...chosen].sort());
    const before = doc.nodes.filter((n) => chosen.includes(n.id));
    const corner = (ps: XY[]) => ({ x: Math.min(...ps.map((p) => p.x)), y: Math.min(...ps.map((p) => p.y)) });
    expect(corner([...pos.values()])).toEqual(corner(before.map((n) => n.position)));
  });

  it('uses a fallback size for nodes not yet measured', async () => {
    const doc = load('ppca.json');
    const pos = await autoLayout(doc, {});
    const ids = doc.nodes.map((n) => n.id);
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++) expect(overlaps(pos.get(ids[i])!, FALLBACK_SIZE, pos.get(ids[j])!, FALLBACK_SIZE)).toBe(false);
  });

  it('is empty for an empty selection', async () => {
    expect((await autoLayout(load('ppca.json'), {}, [])).size).toBe(0);
  });
});
