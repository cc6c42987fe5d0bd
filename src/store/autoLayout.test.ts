// The store's auto-layout: one undo step, only the nodes asked for move, and an edit made
// while ELK runs is never overwritten by stale positions.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { parseGraphText } from '../graph/parse';
import { useGraphStore } from './index';
import { inThreadEngine } from '../editor/layout/inThreadEngine';

// The page runs ELK in a worker; Node has none, so the same layout runs in-thread here.
vi.mock('../editor/layout/workerEngine', () => ({ workerEngine: () => inThreadEngine() }));

const store = useGraphStore;
const history = () => store.temporal.getState();
const positions = () => Object.fromEntries(store.getState().doc.nodes.map((n) => [n.id, n.position]));

beforeEach(() => {
  const r = parseGraphText(readFileSync('graphs/vae.json', 'utf8'));
  if (!r.ok) throw new Error(r.errors.join(' '));
  // Every node piled on one spot: any layout must move them apart.
  store.getState().replaceDoc({ ...r.doc, nodes: r.doc.nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })) });
});

describe('autoLayout (store)', () => {
  it('moves the nodes apart in one undo step, and undo puts them back', async () => {
    const before = positions();
    expect(await store.getState().autoLayout()).toBe(true);
    const after = positions();
    expect(new Set(Object.values(after).map((p) => `${p.x},${p.y}`)).size).toBe(Object.keys(after).length);
    expect(history().pastStates).toHaveLength(1);
    store.getState().undo();
    expect(positions()).toEqual(before);
  });

  it('a selection only moves the selected nodes', async () => {
    const before = positions();
    const chosen = ['enc', 'encMean', 'encLogvar'];
    await store.getState().autoLayout(chosen);
    const after = positions();
    for (const id of Object.keys(before)) {
      if (chosen.includes(id)) continue;
      expect(after[id], id).toEqual(before[id]);
    }
    expect(chosen.some((id) => after[id].x !== 0 || after[id].y !== 0)).toBe(true);
  });

  it('drops its result when the document changed while it ran', async () => {
    const pending = store.getState().autoLayout();
    store.getState().moveNodes(new Map([['data', { x: 500, y: 500 }]]));
    expect(await pending).toBe(false);
    expect(store.getState().doc.nodes.find((n) => n.id === 'enc')!.position).toEqual({ x: 0, y: 0 });
    expect(history().pastStates).toHaveLength(1);
  });
});
