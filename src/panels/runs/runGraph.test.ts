import { afterEach, describe, expect, it } from 'vitest';
import { galleryGraph } from '../../files/galleryGraphs';
import { parseGraphText, serializeGraph } from '../../graph/parse';
import { structureKey } from '../../graph/structureKey';
import type { GraphDoc } from '../../graph/document';
import { useGraphStore } from '../../store';
import { useRunsStore, type RunRecord } from '../../store/runsStore';
import { recordRun } from '../session/runRecorder';
import { graphOfDocJson, relationText, relationToOpen, runGraph, runsToShow } from '../../store/runGraph';

const docOf = (name: string): GraphDoc => {
  const r = parseGraphText(galleryGraph(name)!.text);
  if (!r.ok) throw new Error(r.errors.join(' '));
  return r.doc;
};
let seq = 0;
const runOf = (doc: GraphDoc, extra: Partial<RunRecord> = {}): RunRecord => ({
  id: `r${++seq}`,
  name: 'run',
  createdAt: 0,
  docJson: serializeGraph(doc),
  settings: doc.training,
  history: [],
  status: 'finished',
  ...extra,
});

afterEach(() => useRunsStore.getState().clear());

describe('which graph a run trained', () => {
  it('reads the title and the structure key the canvas would have from a run’s docJson', () => {
    const doc = docOf('vae');
    expect(graphOfDocJson(serializeGraph(doc))).toEqual({ title: doc.meta.title, key: structureKey(doc) });
    expect(graphOfDocJson('not json')).toEqual({ title: '', key: '' });
  });

  it('prefers what the record stored, and reads older records from their docJson', () => {
    const doc = docOf('ppca');
    expect(runGraph(runOf(doc, { graphTitle: 'Stored', graphKey: 'k' }))).toEqual({ title: 'Stored', key: 'k' });
    expect(runGraph(runOf(doc)).title).toBe(doc.meta.title);
  });
});

describe('the runs filter', () => {
  const a = docOf('ppca');
  const b = docOf('vae');
  const runs = [runOf(a), runOf(b), runOf(a)];

  it('shows the open graph’s runs only, and every run with all graphs', () => {
    expect(runsToShow(runs, a.meta.title, false)).toEqual([runs[0], runs[2]]);
    expect(runsToShow(runs, b.meta.title, false)).toEqual([runs[1]]);
    expect(runsToShow(runs, 'Untitled', false)).toEqual([]);
    expect(runsToShow(runs, b.meta.title, true)).toEqual(runs);
  });

  it('tells the open graph from a variant, another graph and an earlier version', () => {
    const open = { title: a.meta.title, key: structureKey(a) };
    const changed = structuredClone(a);
    changed.nodes[0].params = { ...changed.nodes[0].params, seed: 99 };
    expect(relationToOpen(runs[0], open)).toBe('open');
    expect(relationToOpen(runs[1], open)).toBe('other-graph');
    expect(relationToOpen(runOf(changed, { variant: true }), open)).toBe('variant');
    expect(relationToOpen(runOf(changed), open)).toBe('other-version');
    expect(relationText({ name: 'IWAE, J=5', variant: true }, 'variant', a.meta.title)).toBe('trained a variant: IWAE, J=5');
    expect(relationText({ name: 'x' }, 'other-graph', 'VAE')).toBe('trained “VAE”');
    expect(relationText({ name: 'x' }, 'open', 'VAE')).toBeUndefined();
  });
});

describe('the run recorder', () => {
  it('stores the trained graph with the run, and marks a copy that is not the canvas’s a variant', () => {
    const doc = docOf('ppca');
    useGraphStore.getState().replaceDoc(doc);
    const canvas = useGraphStore.getState().doc;
    const same = recordRun('plain', serializeGraph(canvas), canvas.training);
    const other = structuredClone(canvas);
    other.nodes[0].params = { ...other.nodes[0].params, seed: 99 };
    const varied = recordRun('variant', serializeGraph(other), other.training);
    const [r1, r2] = useRunsStore.getState().runs;
    expect(r1).toMatchObject({ id: same.id, graphTitle: canvas.meta.title, graphKey: structureKey(canvas), variant: false });
    expect(r2).toMatchObject({ id: varied.id, graphTitle: canvas.meta.title, variant: true });
    expect(r2.graphKey).not.toBe(r1.graphKey);
  });
});
