// Evaluation as the literature does it: binarised grey levels (fixed, or resampled every
// epoch with the test set fixed), and a final held-out NLL that reports its progress and stops.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseGraphText } from '../graph/parse';
import type { GraphDoc } from '../graph/document';
import { useNodeBackend } from '../cli/nodeBackend';
import { nodeLoaders as loaders } from '../cli/nodeLoaders';
import { analyzeGraph } from '../compiler/analyze';
import { getSpec } from '../nodes/registry';
import { runTraining, type TrainedSession } from './run';
import { RunControl } from './control';
import { DataError, loadRunData } from './runData';
import { binarizeTestSet } from '../data/binarize';
import { parseCsv } from '../data/csv';
import { splitTrainTest } from '../data/split';
import { seededUniform } from '../data/random';
import type { Dataset } from '../data/dataset';
import type { BackendInfo, TrainEvent } from './protocol';

let backend: BackendInfo;
beforeAll(async () => {
  backend = await useNodeBackend('wasm');
});

const D = 16;
const N = 80;

/** N rows of D grey levels in [0, 1] (4 decimals), `scale` times them for out-of-range data. */
function greyCsv(scale = 1, seed = 5): string {
  const u = seededUniform(seed);
  const lines = [Array.from({ length: D }, (_, j) => `p${j}`).join(',')];
  for (let i = 0; i < N; i++) lines.push(Array.from({ length: D }, () => (Math.round(u() * 10000) / 10000) * scale).join(','));
  return lines.join('\n');
}

/** The reference VAE (Bernoulli likelihood, encoder q(z|x)), made tiny, on a CSV. */
function tinyVae(dataParams: Record<string, unknown>, training: Partial<GraphDoc['training']> = {}): GraphDoc {
  const r = parseGraphText(readFileSync('graphs/vae.json', 'utf8'), 'vae.json');
  if (!r.ok) throw new Error(r.errors.join('\n'));
  const doc = r.doc;
  const set = (id: string, p: Record<string, unknown>) => {
    const n = doc.nodes.find((x) => x.id === id)!;
    n.params = { ...n.params, ...p };
  };
  set('data', { source: 'csv', csvName: 'grey.csv', csvText: greyCsv(), columns: D, ...dataParams });
  set('enc', { units: 8 });
  set('encMean', { units: 2 });
  set('encLogvar', { units: 2 });
  set('q', { dim: 2 });
  set('prior', { dim: 2 });
  set('dec', { hidden: [8] });
  doc.training = { ...doc.training, epochs: 3, batchSize: 16, testFraction: 0.25, evalSamples: 200, learningRate: 0.01, ...training };
  // Fill the defaults the way opening a file does.
  for (const n of doc.nodes) n.params = getSpec(n.kind)!.params.parse(n.params) as Record<string, unknown>;
  return doc;
}

const binary = (ds: Dataset) => ds.x.every((v) => v === 0 || v === 1);
const same = (a: Float32Array, b: Float32Array) => a.length === b.length && a.every((v, i) => v === b[i]);

describe('loadRunData with binarisation', () => {
  it("'none' (and an old file without the param) leaves the grey levels as they are", async () => {
    const doc = tinyVae({});
    expect(doc.nodes.find((n) => n.id === 'data')!.params).toMatchObject({ binarize: 'none', binarizeSeed: 1 });
    const d = await loadRunData(doc, doc.training, loaders);
    expect(d.binarization).toBeUndefined();
    expect(binary(d.train)).toBe(false);
  });

  it("'fixed': train and test in {0, 1}, the test set binarised once with the node's seed", async () => {
    const doc = tinyVae({ binarize: 'fixed', binarizeSeed: 3 });
    const d = await loadRunData(doc, doc.training, loaders);
    expect(binary(d.train) && binary(d.test)).toBe(true);
    const parsed = parseCsv(greyCsv(), 'grey.csv');
    if (!parsed.ok) throw new Error(parsed.error);
    const grey = splitTrainTest(parsed.data, doc.training.testFraction, doc.training.seed);
    expect(same(d.test.x, binarizeTestSet(grey.test, { mode: 'fixed', seed: 3 }).x)).toBe(true);
    // The mean of the draws follows the grey levels.
    const m = (x: Float32Array) => x.reduce((s, v) => s + v, 0) / x.length;
    expect(Math.abs(m(d.train.x) - m(grey.train.x))).toBeLessThan(0.05);
    // The data node now states the range {0, 1}.
    expect(getSpec('data')!.valueRange!(doc.nodes.find((n) => n.id === 'data')!.params)).toEqual({ min: 0, max: 1 });
  });

  it('binarises data the caller brings (the CLI’s --data, --test-data) the same way', async () => {
    const doc = tinyVae({ binarize: 'fixed' });
    const parsed = parseCsv(greyCsv(1, 9), 'other.csv');
    if (!parsed.ok) throw new Error(parsed.error);
    const d = await loadRunData(doc, doc.training, loaders, parsed.data, parsed.data);
    expect(binary(d.train) && binary(d.test)).toBe(true);
    expect(same(d.test.x, binarizeTestSet(parsed.data, { mode: 'fixed', seed: 1 }).x)).toBe(true);
  });
});

describe('data outside [0, 1] with binarisation on', () => {
  const sentence = /range from [\d.]+ to 255, but binarising grey levels needs values in \[0, 1\]/;

  it('is a sentence on the data node (analysis), and only while binarisation is on', () => {
    const doc = tinyVae({ csvText: greyCsv(255), binarize: 'dynamic' });
    const errors = analyzeGraph(doc).nodeErrors.get('data') ?? [];
    expect(errors.join(' ')).toMatch(sentence);
    const off = tinyVae({ csvText: greyCsv(255) });
    expect((analyzeGraph(off).nodeErrors.get('data') ?? []).join(' ')).not.toMatch(/binarising/);
  });

  it('is a DataError pinned to the data node when the data come from elsewhere (the CLI’s --data)', async () => {
    const doc = tinyVae({ binarize: 'fixed' });
    const parsed = parseCsv(greyCsv(255), 'pixels.csv');
    if (!parsed.ok) throw new Error(parsed.error);
    const err = await loadRunData(doc, doc.training, loaders, parsed.data).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).nodeId).toBe('data');
    expect((err as DataError).message).toMatch(sentence);
  });
});

describe('a run on binarised data', () => {
  /** Trains, keeping a copy of the training set each epoch trained on. */
  async function trainKeepingSets(doc: GraphDoc) {
    let session: TrainedSession | undefined;
    const trainSets: Float32Array[] = [];
    const tests: Float32Array[] = [];
    const r = await runTraining({
      loaders,
      doc,
      backend,
      onCompiled: (s) => (session = s),
      onEvent: (e) => {
        if (e.type === 'epoch') {
          trainSets.push(session!.data.train.x.slice());
          tests.push(session!.data.test.x.slice());
        }
      },
    });
    return { r, trainSets, tests };
  }

  it("'dynamic': every epoch trains on a new draw, the test set stays; the run is reproducible", async () => {
    const a = await trainKeepingSets(tinyVae({ binarize: 'dynamic' }));
    expect(a.trainSets).toHaveLength(3);
    expect(a.trainSets.every((x) => x.every((v) => v === 0 || v === 1))).toBe(true);
    expect(same(a.trainSets[0], a.trainSets[1])).toBe(false);
    expect(same(a.trainSets[1], a.trainSets[2])).toBe(false);
    expect(same(a.tests[0], a.tests[2])).toBe(true);
    const b = await trainKeepingSets(tinyVae({ binarize: 'dynamic' }));
    expect(b.trainSets.every((x, i) => same(x, a.trainSets[i]))).toBe(true);
    expect(b.r.history).toEqual(a.r.history);
    // The method names K, the proposal and the binarisation.
    expect(a.r.final.testNllMethod).toBe('importance sampling, K = 200, proposal q(z|x) from the graph, test set binarised once (seed 1), training set binarised dynamically (resampled every epoch)');
    expect(Number.isFinite(a.r.final.testNll)).toBe(true);
  });

  it("'fixed': the same training set every epoch; the method says so", async () => {
    const a = await trainKeepingSets(tinyVae({ binarize: 'fixed', binarizeSeed: 2 }));
    expect(same(a.trainSets[0], a.trainSets[2])).toBe(true);
    expect(a.r.final.testNllMethod).toBe('importance sampling, K = 200, proposal q(z|x) from the graph, test set binarised once (seed 2)');
  });

  it("'none': the method is as before", async () => {
    const a = await trainKeepingSets(tinyVae({}, { epochs: 1 }));
    expect(a.r.final.testNllMethod).toBe('importance sampling, K = 200, proposal q(z|x) from the graph');
  });
});

describe('the final held-out NLL', () => {
  const evaluating = (events: TrainEvent[]) => events.flatMap((e) => (e.type === 'evaluating' ? [e] : []));

  it('reports its progress, from 0 to 1, with K, after the last epoch and before done', async () => {
    const events: TrainEvent[] = [];
    const r = await runTraining({ loaders, doc: tinyVae({ binarize: 'fixed' }, { epochs: 1, evalSamples: 2000 }), backend, onEvent: (e) => events.push(e) });
    const ev = evaluating(events);
    expect(ev.length).toBeGreaterThanOrEqual(2);
    expect(ev[0]).toEqual({ type: 'evaluating', what: 'held-out NLL', samples: 2000, fraction: 0 });
    expect(ev.at(-1)!.fraction).toBe(1);
    for (let i = 1; i < ev.length; i++) expect(ev[i].fraction).toBeGreaterThanOrEqual(ev[i - 1].fraction);
    const types = events.map((e) => e.type);
    expect(types.indexOf('evaluating')).toBeGreaterThan(types.lastIndexOf('epoch'));
    expect(types.at(-1)).toBe('done');
    expect(r.final.testNllMethod).toMatch(/^importance sampling, K = 2000, proposal q\(z\|x\) from the graph, test set binarised once \(seed 1\)$/);
  });

  it('with a large K stops soon after Stop, part-way, and says so', async () => {
    const control = new RunControl();
    const events: TrainEvent[] = [];
    let stoppedAfter: number | undefined;
    const r = await runTraining({
      loaders,
      doc: tinyVae({ binarize: 'dynamic' }, { epochs: 1, evalSamples: 100_000 }),
      backend,
      control,
      onEvent: (e) => {
        events.push(e);
        // Stop once the evaluation is under way and has done part of the test set.
        if (e.type === 'evaluating' && e.fraction > 0 && stoppedAfter === undefined) {
          stoppedAfter = e.fraction;
          control.stop();
        }
      },
    });
    expect(stoppedAfter).toBeGreaterThan(0);
    expect(stoppedAfter).toBeLessThan(1);
    expect(r.stopped).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'done', reason: 'stopped' });
    // No progress past the point of the stop: the evaluation ended with the batch it was on.
    expect(evaluating(events).at(-1)!.fraction).toBe(stoppedAfter);
    expect(r.final.testNllMethod).toMatch(/^importance sampling, K = 100000, proposal q\(z\|x\) from the graph, test set binarised once \(seed 1\), training set binarised dynamically \(resampled every epoch\), on the first \d+ of 20 test examples \(stopped\)$/);
  }, 60_000);
});
