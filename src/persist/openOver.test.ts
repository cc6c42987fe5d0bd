// Opening replaces nothing for good: every open goes through openGraphText, and the work
// that was open is written under its own session, one click away in Recent.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { galleryGraph } from '../files/galleryGraphs';
import { parseGraphText } from '../graph/parse';
import { useGraphStore } from '../store';
import { setOpenHandler } from '../store/viewSlice';
import { useRunsStore, type RunRecord } from '../store/runsStore';
import { RUNS_MAX_WAIT_MS, startAutosave, type Autosaver } from './autosave';
import { createSessionDb, memoryKeyValue, type SessionDb } from './sessionDb';
import { memoryLocks } from './tabLocks';
import { applySaved, attachTabSession, listRecent, noteWritten, openOverCurrent, reopenSession, useTabSession } from './tabSession';
import { clearTrainedWeights, setTrainedWeights, trainedBadge, useTrainedWeights } from '../store/trainedWeights';

// The autosave listens for the page being hidden; node has no window or document.
beforeAll(() => {
  Object.assign(globalThis, { window: new EventTarget(), document: Object.assign(new EventTarget(), { visibilityState: 'visible' }) });
});
afterAll(() => setOpenHandler(undefined));

const ppca = galleryGraph('ppca')!;
const vae = galleryGraph('linear-vae')!;

async function setUp(): Promise<{ db: SessionDb; saver: Autosaver; held: Set<string> }> {
  const db = createSessionDb(memoryKeyValue());
  const held = new Set<string>();
  const locks = memoryLocks(held);
  await locks.claim('first');
  attachTabSession({ db, locks, tab: { get: () => undefined, set: () => {} } }, 'first', false);
  const r = parseGraphText(ppca.text);
  if (!r.ok) throw new Error('ppca');
  useGraphStore.getState().replaceDoc(r.doc);
  useRunsStore.setState({ runs: [] });
  const saver = startAutosave(db, () => useTabSession.getState().id, { doc: 5, runs: 5 }, noteWritten);
  setOpenHandler(openOverCurrent);
  return { db, saver, held };
}

describe('opening over current work', () => {
  it('keeps the edited graph and its runs as their own session and says where it is', async () => {
    const { db, saver, held } = await setUp();
    useGraphStore.getState().setTitle('My own work');
    useRunsStore.getState().add({ name: 'My run', docJson: '{}', settings: useGraphStore.getState().doc.training, status: 'finished' });

    expect(useGraphStore.getState().openGraphText(vae.text, vae.fileName)).toBe(true);
    expect(useGraphStore.getState().status?.text).toBe(`Opened ${vae.fileName}. Your previous graph “My own work” is in Recent.`);
    expect(useTabSession.getState().id).not.toBe('first');
    // The runs come along: they belong to their graphs, and the runs list filters to the open one.
    expect(useRunsStore.getState().runs.map((r) => r.name)).toEqual(['My run']);
    await saver.idle();
    await new Promise((r) => setTimeout(r, 20));
    await saver.idle();

    const kept = await db.read('first');
    expect(parseGraphText(kept.doc!.text).ok && JSON.parse(kept.doc!.text).meta.title).toBe('My own work');
    expect((kept.runs!.runs as RunRecord[]).map((r) => r.name)).toEqual(['My run']);
    // Its lock is let go once written: another tab (or Recent) may take it now.
    expect(held.has('first')).toBe(false);
    const recent = await listRecent();
    expect(recent.sessions.map((m) => m.title)).toEqual(expect.arrayContaining(['My own work', JSON.parse(vae.text).meta.title]));

    // And back: reopening it from Recent sets the linear VAE aside in turn.
    await reopenSession({ id: 'first', title: 'My own work' });
    expect(useGraphStore.getState().doc.meta.title).toBe('My own work');
    expect(useRunsStore.getState().runs.map((r) => r.name)).toEqual(['My run']);
    expect(useTabSession.getState().id).toBe('first');
    expect(useGraphStore.getState().status?.text).toContain('is in Recent.');
    saver.stop();
  });

  it('an untouched graph is simply replaced (nothing to keep, nothing said)', async () => {
    const { saver } = await setUp();
    useGraphStore.temporal.getState().clear();
    expect(useGraphStore.getState().openGraphText(vae.text, vae.fileName)).toBe(true);
    expect(useGraphStore.getState().status?.text).toBe(`Opened ${vae.fileName}.`);
    expect(useTabSession.getState().id).toBe('first');
    saver.stop();
  });

  it('runs of other graphs alone do not make an untouched graph worth keeping; a run of it does', async () => {
    const { saver } = await setUp();
    useGraphStore.temporal.getState().clear();
    const settings = useGraphStore.getState().doc.training;
    useRunsStore.getState().add({ name: 'Earlier graph', docJson: '{}', settings, graphTitle: 'Another graph', graphKey: 'k', status: 'finished' });
    expect(useGraphStore.getState().openGraphText(vae.text, vae.fileName)).toBe(true);
    expect(useGraphStore.getState().status?.text).toBe(`Opened ${vae.fileName}.`);
    expect(useTabSession.getState().id).toBe('first');

    useGraphStore.temporal.getState().clear();
    const title = useGraphStore.getState().doc.meta.title;
    useRunsStore.getState().add({ name: 'Of this graph', docJson: '{}', settings, graphTitle: title, graphKey: 'k2', status: 'finished' });
    expect(useGraphStore.getState().openGraphText(ppca.text, ppca.fileName)).toBe(true);
    expect(useGraphStore.getState().status?.text).toBe(`Opened ${ppca.fileName}. Your previous graph “${title}” is in Recent.`);
    expect(useTabSession.getState().id).not.toBe('first');
    expect(useRunsStore.getState().runs.map((r) => r.name)).toEqual(['Earlier graph', 'Of this graph']);
    saver.stop();
  });

  it('a file that does not parse changes nothing', async () => {
    const { saver } = await setUp();
    useGraphStore.getState().setTitle('Keep');
    expect(useGraphStore.getState().openGraphText('{ "format": ', 'broken.json')).toBe(false);
    expect(useGraphStore.getState().doc.meta.title).toBe('Keep');
    expect(useTabSession.getState().id).toBe('first');
    saver.stop();
  });
});

describe('runs autosave while training', () => {
  it('writes the runs at least every RUNS_MAX_WAIT_MS while they keep changing', async () => {
    vi.useFakeTimers();
    try {
      const writes: number[] = [];
      const db = { ...createSessionDb(memoryKeyValue()), writeRuns: async () => void writes.push(Date.now()) };
      useTabSession.setState({ id: 'x' });
      const saver = startAutosave(db, () => 'x', { doc: 500, runs: 1000 });
      const id = useRunsStore.getState().add({ name: 'fast', docJson: '{}', settings: useGraphStore.getState().doc.training });
      const start = Date.now();
      // A fast model: the recorder updates the history every 250 ms for 10 s.
      for (let t = 0; t < 10_000; t += 250) {
        useRunsStore.getState().update(id, { history: [{ epoch: t, trainLoss: 1, testLoss: 1 }] });
        await vi.advanceTimersByTimeAsync(250);
      }
      const gaps = writes.map((w, i) => w - (i === 0 ? start : writes[i - 1]));
      expect(writes.length).toBeGreaterThanOrEqual(4);
      expect(Math.max(...gaps)).toBeLessThanOrEqual(RUNS_MAX_WAIT_MS);
      saver.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('a weights checkpoint', () => {
  it('is written after the runs waiting for their debounce: the history on disk reaches its epoch', async () => {
    const db = createSessionDb(memoryKeyValue());
    useTabSession.setState({ id: 'cp' });
    // A long debounce: without the flush, the runs would still be waiting when the checkpoint lands.
    const saver = startAutosave(db, () => 'cp', { doc: 60_000, runs: 60_000 });
    const id = useRunsStore.getState().add({ name: 'training', docJson: '{}', settings: useGraphStore.getState().doc.training, status: 'running' });
    useRunsStore.getState().update(id, { history: Array.from({ length: 40 }, (_, i) => ({ epoch: i + 1, trainLoss: 1, testLoss: 1 })) });
    await saver.writeCheckpoint({ runId: id, epoch: 40, snapshot: { variables: [{ name: 'w', shape: [1], data: new Float32Array([1]) }] }, savedAt: Date.now() });
    await saver.idle();
    const saved = await db.read('cp');
    expect(saved.checkpoint?.epoch).toBe(40);
    const run = (saved.runs!.runs as RunRecord[]).find((r) => r.id === id)!;
    expect(run.history.at(-1)?.epoch).toBe(40);
    saver.stop();
  });
});

describe('trained weights of a diverged run', () => {
  it('still say, after a reload, that they are the checkpoint the divergence restored', async () => {
    const { db, saver } = await setUp();
    useGraphStore.getState().setTitle('Diverged once');
    const doc = useGraphStore.getState().doc;
    const diverged = { epoch: 4, step: 17, restoredEpoch: 3, restoredTo: 'the end of epoch 3' };
    setTrainedWeights(doc, { variables: [{ name: 'w', shape: [1], data: new Float32Array([0.5]) }] }, 'run', { diverged });
    await saver.idle();
    await new Promise((r) => setTimeout(r, 20));
    await saver.idle();

    clearTrainedWeights();
    const saved = await db.read(useTabSession.getState().id);
    expect(applySaved(saved, 'your autosaved graph').ok).toBe(true);
    expect(useTrainedWeights.getState().trained?.diverged).toEqual(diverged);
    expect(trainedBadge(useTrainedWeights.getState().trained!).text).toBe('Trained to epoch 3');
  });
});
