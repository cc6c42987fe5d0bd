import { beforeEach, describe, expect, it } from 'vitest';
import { defaultTraining } from '../graph/document';
import { uniqueRunName, useRunsStore } from './runsStore';

const base = { name: 'ELBO, J=1', docJson: '{}', settings: defaultTraining() };

describe('useRunsStore', () => {
  beforeEach(() => useRunsStore.getState().clear());

  it('adds runs in order with fresh ids, running and with an empty history', () => {
    const a = useRunsStore.getState().add(base);
    const b = useRunsStore.getState().add({ ...base, name: 'IWAE, J=5' });
    const { runs } = useRunsStore.getState();
    expect(a).not.toBe(b);
    expect(runs.map((r) => r.name)).toEqual(['ELBO, J=1', 'IWAE, J=5']);
    expect(runs[0]).toMatchObject({ id: a, status: 'running', history: [] });
    expect(typeof runs[0].createdAt).toBe('number');
  });

  it('updates, renames and removes one run without touching the others', () => {
    const a = useRunsStore.getState().add(base);
    const b = useRunsStore.getState().add(base);
    const before = useRunsStore.getState().runs[1];
    useRunsStore.getState().update(a, { status: 'finished', history: [{ epoch: 1, trainLoss: 2, testLoss: 3 }] });
    useRunsStore.getState().rename(a, '  first  ');
    useRunsStore.getState().rename(a, '   '); // refused: a run keeps a name
    let runs = useRunsStore.getState().runs;
    expect(runs[0]).toMatchObject({ id: a, name: 'first', status: 'finished' });
    expect(runs[0].history).toHaveLength(1);
    expect(runs[1]).toBe(before);
    useRunsStore.getState().remove(a);
    runs = useRunsStore.getState().runs;
    expect(runs.map((r) => r.id)).toEqual([b]);
  });

  it('holds plain data that survives a structured clone (for IndexedDB)', () => {
    useRunsStore.getState().add({ ...base, backend: { name: 'wasm', reason: 'r' }, final: { trainLoss: 1, testLoss: 2, testNll: 3, testNllMethod: 'exact' } });
    const runs = useRunsStore.getState().runs;
    const copy = structuredClone(runs);
    expect(copy).toEqual(runs);
    useRunsStore.setState({ runs: copy });
    expect(useRunsStore.getState().runs).toBe(copy);
  });
});

describe('uniqueRunName', () => {
  it('numbers repeated names', () => {
    expect(uniqueRunName('A', [])).toBe('A');
    expect(uniqueRunName('A', [{ name: 'A' }])).toBe('A (2)');
    expect(uniqueRunName('A', [{ name: 'A' }, { name: 'A (2)' }])).toBe('A (3)');
  });
});
