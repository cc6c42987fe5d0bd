// The PyTorch comparison's harness, checked for what it measures (never for how fast): the
// cases' graphs, this app's side on real MNIST rows, PyTorch's side run by real PyTorch on
// the same exported graph, and the ratios and bars the report prints.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useNodeBackend } from '../../cli/nodeBackend';
import { nodeLoaders } from '../../cli/nodeLoaders';
import { loadMnistNode } from '../../data/mnistNode';
import { mnistSplit } from '../../data/mnist';
import { samplerOf } from '../../nodes/registry';
import { pytorchProject } from '../../export/pytorch/project';
import { openGraph, writeProject } from '../../testing/exportedProject';
import { runPython, torchPython } from '../../testing/torchPython';
import { caseDoc, ESTIMATOR_CASES } from './cases';
import { runOursBench } from './oursBench';
// @ts-expect-error: the bench driver's report is plain JavaScript
import { estimatorBars, estimatorRows, stepBreakdownLines } from '../../../scripts/bench/report.mjs';

const graphs = { vae: openGraph('graphs/vae.json'), 'importance-sampling': openGraph('graphs/importance-sampling.json') };
const samplers = (doc: ReturnType<typeof openGraph>) => doc.nodes.filter((n) => samplerOf(n.kind));

describe('the cases', () => {
  it('set J on every sampler that draws, and leave point estimates and the NLL case alone', () => {
    const iwae50 = caseDoc(graphs['importance-sampling'], ESTIMATOR_CASES.find((c) => c.id === 'iwae-j50')!);
    expect(samplers(iwae50).map((n) => n.params.samples)).toEqual([50]);
    expect(samplers(graphs['importance-sampling']).map((n) => n.params.samples)).toEqual([5]);
    const ae = openGraph('graphs/autoencoder.json');
    const asCase = caseDoc(ae, { ...ESTIMATOR_CASES[1] });
    expect(samplers(asCase)).toEqual(samplers(ae));
    const nll = caseDoc(graphs.vae, ESTIMATOR_CASES.find((c) => c.mode === 'nll')!);
    expect(nll).toEqual(graphs.vae);
  });
});

describe('this app\'s side', () => {
  beforeAll(async () => {
    await useNodeBackend('wasm');
  });

  it('trains each case and runs the held-out NLL on real rows, leaving no tensors', async () => {
    const { train, test } = mnistSplit(await loadMnistNode());
    const before = tf.memory().numTensors;
    const rates = await runOursBench({ graphs, train, test, only: ['vae-j1', 'iwae-j5', 'nll-k1000'], nllExamples: 2, timing: { warmupSteps: 1, warmupMs: 0, windowMs: 1, windows: 2 } });
    expect(rates.map((r) => r.id)).toEqual(['vae-j1', 'iwae-j5', 'nll-k1000']);
    for (const r of rates) {
      expect(r.error).toBeUndefined();
      expect(r.rate).toBeGreaterThan(0);
      expect(r.windows).toHaveLength(2);
      expect(r.leakedTensors).toBe(0);
    }
    expect(rates[1].decoderPassesPerSec).toBeCloseTo(rates[1].rate! * 5, 6);
    // Each training step broken down: the IWAE step's six big products (three layers of the
    // decoder, forward and backward, and the encoder's) on this project's kernels, the rest
    // counted; the parts add up to the whole.
    for (const r of rates.slice(0, 2)) {
      const b = r.breakdown!;
      const part = (name: string) => b.parts.find((p) => p.part === name);
      expect(part('matrix products')!.kernelsPerStep).toBeGreaterThanOrEqual(10);
      expect(part('Bernoulli likelihood')!.kernelsPerStep).toBe(2);
      expect(part('Adam')!.kernelsPerStep).toBe(10);
      expect(part('tfjs kernels')!.kernelsPerStep).toBeGreaterThan(0);
      expect(b.parts.reduce((a, p) => a + p.kernelsPerStep, 0)).toBeCloseTo(b.kernelsPerStep, 9);
      expect(b.parts.reduce((a, p) => a + p.msPerStep, 0)).toBeCloseTo(b.msPerStep, 9);
      expect(b.msPerStep).toBeGreaterThan(0);
    }
    expect(rates[2].breakdown).toBeUndefined();
    expect(rates[2].decoderPassesPerSec).toBeCloseTo(rates[2].rate! * 1000, 6);
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);
});

describe('PyTorch\'s side (scripts/bench/torch_bench.py)', () => {
  it('times the exported graph in real PyTorch, training and held-out NLL, and names its BLAS', async () => {
    const c = ESTIMATOR_CASES.find((x) => x.id === 'iwae-j5')!;
    const dir = writeProject(await pytorchProject(caseDoc(graphs[c.graph], c), { loaders: nodeLoaders }), path.join(mkdtempSync(path.join(tmpdir(), 'lc-bench-torch-')), c.id));
    const script = path.resolve('scripts/bench/torch_bench.py');
    const quick = ['--warmup-s', '0', '--window-s', '0.01', '--windows', '2', '--threads', '1'];
    for (const mode of [['--mode', 'train'], ['--mode', 'nll', '--K', '20', '--examples', '3']]) {
      const r = runPython(dir, [script, dir, ...mode, ...quick], { command: [torchPython()] });
      expect(r.status, r.stderr).toBe(0);
      const j = JSON.parse(r.stdout.trim().split('\n').pop()!);
      expect(j.rate).toBeGreaterThan(0);
      expect(j.windows).toHaveLength(2);
      expect(j.threads).toBe(1);
      expect(typeof j.blas).toBe('string');
    }
  }, 120_000);
});

describe('the report', () => {
  const cases = ESTIMATOR_CASES;
  const rates = (f: (i: number) => number) => cases.map((c, i) => ({ id: c.id, rate: f(i) }));
  const e = { cases, torchThreads: [1, 2], node: { rates: rates((i) => 100 * (i + 1)) }, chromium: { rates: rates((i) => 90 * (i + 1)) }, torch: { 1: rates((i) => 50 * (i + 1)), 2: rates((i) => 200 * (i + 1)) } };

  it('divides the rates of one run into every ratio', () => {
    const rows = estimatorRows(e);
    expect(rows.map((r: { id: string }) => r.id)).toEqual(cases.map((c) => c.id));
    expect(rows[2]).toMatchObject({ node: 300, chromium: 270, torch1: 150, torchAll: 600, nodeOverTorch1: 2, nodeOverTorchAll: 0.5, chromiumOverTorch1: 1.8, chromiumOverNode: 0.9 });
  });

  it('meets a bar only when every barred case meets it, and says not measured when one is missing', () => {
    expect(estimatorBars(e)).toMatchObject({ cliAtLeastTorchOneThread: true, chromiumWithin15PercentOfCli: true });
    const slow = { ...e, torch: { ...e.torch, 1: rates((i) => (i === 1 ? 1000 : 50)) } };
    expect(estimatorBars(slow).cliAtLeastTorchOneThread).toBe(false);
    const failed = { ...e, node: { rates: [{ id: 'vae-j1', error: 'x' }, ...e.node.rates.slice(1)] } };
    expect(estimatorBars(failed).cliAtLeastTorchOneThread).toBeUndefined();
    expect(estimatorBars(undefined)).toEqual({});
  });

  it('writes each training case\'s step by part', () => {
    const breakdown = { msPerStep: 10.25, kernelsPerStep: 231, parts: [{ part: 'matrix products', msPerStep: 6.1, kernelsPerStep: 12 }, { part: 'tfjs kernels', msPerStep: 4.15, kernelsPerStep: 219 }] };
    const withSteps = { ...e, node: { rates: [{ ...e.node.rates[0], breakdown }, ...e.node.rates.slice(1)] } };
    expect(stepBreakdownLines(withSteps)).toEqual(['VAE, J = 1 (training): 10.3 ms of kernels in 231 kernels — matrix products 6.1 ms (12), tfjs kernels 4.2 ms (219)']);
    expect(stepBreakdownLines(e)).toEqual([]);
  });
});
