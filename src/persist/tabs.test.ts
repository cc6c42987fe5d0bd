// Two tabs never share a session: a reload keeps its own, a duplicated tab copies, a new
// tab takes the latest free one; pruning spares what a live tab holds.
import { describe, expect, it } from 'vitest';
import { parseGraphText } from '../graph/parse';
import { galleryGraph } from '../files/galleryGraphs';
import type { GraphDoc } from '../graph/document';
import type { RunRecord } from '../store/runsStore';
import { createSessionDb, memoryKeyValue } from './sessionDb';
import { memoryLocks } from './tabLocks';
import { chooseSession, type TabStorage } from './chooseSession';
import { interruptionMessage, markInterrupted } from './interruptedRuns';

function doc(title: string): GraphDoc {
  const r = parseGraphText(galleryGraph('ppca')!.text, 'ppca.json');
  if (!r.ok) throw new Error(r.errors.join('; '));
  return { ...r.doc, meta: { ...r.doc.meta, title } };
}

function tabStorage(id?: string): TabStorage & { id?: string } {
  const t = { id, get: () => t.id, set: (v: string) => void (t.id = v) };
  return t;
}

const tick = () => new Promise((r) => setTimeout(r, 2));

describe('choosing a tab’s session', () => {
  it('a new tab takes the most recent session no tab holds, and never one that is held', async () => {
    const db = createSessionDb(memoryKeyValue());
    await db.writeDoc('old', doc('Old'));
    await tick();
    await db.writeDoc('new', doc('New'));
    const everyone = new Set<string>();
    const tabA = memoryLocks(everyone);
    const a = await chooseSession(db, tabA, tabStorage());
    expect(a.id).toBe('new');
    expect(parseGraphText(a.saved!.doc!.text).ok).toBe(true);
    const b = await chooseSession(db, memoryLocks(everyone), tabStorage());
    expect(b.id).toBe('old');
    const c = await chooseSession(db, memoryLocks(everyone), tabStorage());
    expect(c.id).not.toMatch(/^(old|new)$/);
    expect(c.saved).toBeUndefined();
  });

  it('a reload claims its own session again; a duplicated tab (same sessionStorage) gets a copy', async () => {
    const db = createSessionDb(memoryKeyValue());
    await db.writeDoc('mine', doc('Mine'));
    const everyone = new Set<string>();
    const first = await chooseSession(db, memoryLocks(everyone), tabStorage('mine'));
    expect(first.id).toBe('mine');
    expect(first.copyOf).toBeUndefined();
    const dup = tabStorage('mine');
    const copy = await chooseSession(db, memoryLocks(everyone), dup);
    expect(copy.copyOf).toBe('mine');
    expect(copy.id).not.toBe('mine');
    expect(dup.id).toBe(copy.id);
    expect(copy.saved!.meta!.title).toBe('Mine');
  });

  it('without Web Locks a new tab works on a copy of the latest session', async () => {
    const db = createSessionDb(memoryKeyValue());
    await db.writeDoc('latest', doc('Latest'));
    const locks = { ...memoryLocks(), shared: false };
    const t = await chooseSession(db, locks, tabStorage());
    expect(t.copyOf).toBe('latest');
    expect(t.id).not.toBe('latest');
  });
});

describe('runs cut off by a reload', () => {
  const run = (status: RunRecord['status'], epochs: number): RunRecord =>
    ({ id: `r-${status}`, name: `Run ${status}`, createdAt: 1, docJson: '{}', settings: {} as RunRecord['settings'], status, history: Array.from({ length: epochs }, (_, i) => ({ epoch: i + 1, trainLoss: 1, testLoss: 1 })) }) as RunRecord;

  it('marks a run still running as interrupted, with what it kept', () => {
    const cp = { runId: 'r-running', epoch: 1047, snapshot: { variables: [] }, savedAt: 5 };
    const r = markInterrupted([run('running', 1049), run('finished', 3)], cp);
    expect(r.runs[0]).toMatchObject({ status: 'interrupted', interrupted: { atEpoch: 1049, keptEpochs: 1049, weightsEpoch: 1047 } });
    expect(r.runs[0].interrupted!.message).toBe('Interrupted by a reload at epoch 1,049: kept 1,049 epochs of history and the weights from epoch 1,047.');
    expect(r.runs[1].status).toBe('finished');
    expect(r.checkpoint).toBe(cp);
    expect(r.messages).toEqual([`Run running: ${r.runs[0].interrupted!.message}`]);
  });

  it('says so when no weights were checkpointed, and leaves the run this page trains alone', () => {
    expect(interruptionMessage(2, 2)).toBe('Interrupted by a reload at epoch 2: kept 2 epochs of history and no weights (none were checkpointed yet).');
    const other = { runId: 'someone-else', epoch: 1, snapshot: { variables: [] }, savedAt: 5 };
    const r = markInterrupted([run('running', 5)], other, 'r-running');
    expect(r.runs[0].status).toBe('running');
    expect(r.checkpoint).toBeUndefined();
  });
});
