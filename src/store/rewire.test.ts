import { beforeEach, describe, expect, it } from 'vitest';
import { emptyDoc } from '../graph/document';
import { useGraphStore } from './index';

const store = useGraphStore;
const history = () => store.temporal.getState();
const edges = () => store.getState().doc.edges.map((e) => `${e.source}.${e.sourcePort}>${e.target}.${e.targetPort}`);

let a: string, b: string, c: string;
beforeEach(() => {
  store.getState().replaceDoc(emptyDoc());
  a = store.getState().addNode('dense', { x: 0, y: 0 })!;
  b = store.getState().addNode('dense', { x: 0, y: 200 })!;
  c = store.getState().addNode('dense', { x: 300, y: 100 })!;
  expect(store.getState().connect({ source: a, sourcePort: 'out', target: c, targetPort: 'in' }).ok).toBe(true);
});

describe('rewire', () => {
  it('replaces the edge into an occupied input in one undo step, and undo brings the old one back', () => {
    expect(store.getState().connect({ source: b, sourcePort: 'out', target: c, targetPort: 'in' }).ok).toBe(false);
    const steps = history().pastStates.length;
    const v = store.getState().rewire({ source: b, sourcePort: 'out', target: c, targetPort: 'in' });
    expect(v.ok).toBe(true);
    expect(edges()).toEqual([`${b}.out>${c}.in`]);
    expect(history().pastStates).toHaveLength(steps + 1);
    store.getState().undo();
    expect(edges()).toEqual([`${a}.out>${c}.in`]);
  });

  it('connects a free input like connect', () => {
    expect(store.getState().rewire({ source: a, sourcePort: 'out', target: b, targetPort: 'in' }).ok).toBe(true);
    expect(edges()).toContain(`${a}.out>${b}.in`);
  });

  it('keeps the other rules: a port of another kind is refused and the old edge stays', () => {
    const g = store.getState().addNode('gaussian', { x: 0, y: 400 })!;
    const before = store.getState().doc;
    const v = store.getState().rewire({ source: g, sourcePort: 'dist', target: c, targetPort: 'in' });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.reason).toMatch(/distribution/);
    expect(store.getState().doc).toBe(before);
  });

  it('refuses a cycle made by replacing an input', () => {
    // a → c; now b → a would be fine, but c → b then b → a closes a loop a → c → b → a.
    expect(store.getState().connect({ source: c, sourcePort: 'out', target: b, targetPort: 'in' }).ok).toBe(true);
    const before = store.getState().doc;
    const v = store.getState().rewire({ source: b, sourcePort: 'out', target: a, targetPort: 'in' });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.reason).toMatch(/cycle/);
    expect(store.getState().doc).toBe(before);
  });

  it('dropping the same edge again changes nothing (no empty undo step)', () => {
    const steps = history().pastStates.length;
    expect(store.getState().rewire({ source: a, sourcePort: 'out', target: c, targetPort: 'in' }).ok).toBe(true);
    expect(history().pastStates).toHaveLength(steps);
  });
});
