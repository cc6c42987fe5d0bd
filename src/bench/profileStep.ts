// Where a training step's time goes, kernel by kernel: `tsx src/bench/profileStep.ts [wasm|cpu]`.
// Profiles one step of the stock VAE and one of graphs/vae.json (after warm-up) with
// tf.profile and prints the kernels that take the most time, summed by kernel and shape.
import '#tf-gradients';
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { parseGraphText } from '../graph/parse';
import { compileGraph } from '../compiler/compile';
import { Trainer, makeOptimizer } from '../training/trainer';
import { mnistSplit } from '../data/mnist';
import { loadMnistNode } from '../data/mnistNode';
import { rows } from '../data/dataset';
import { setNodeBackend } from '../cli/nodeBackend';
import { createStockVae } from './stockVae';

const backend = (process.argv[2] ?? 'wasm') as 'wasm' | 'cpu';
if (!(await setNodeBackend(backend))) throw new Error(`The ${backend} backend cannot start here.`);
const parsed = parseGraphText(readFileSync(new URL('../../graphs/vae.json', import.meta.url), 'utf8'));
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const doc = parsed.doc;
const { train } = mnistSplit(await loadMnistNode());
const B = doc.training.batchSize;
const x = tf.tensor2d(rows(train, Array.from({ length: B }, (_, i) => i)), [B, train.d]);

async function profile(name: string, step: (i: number) => tf.Scalar) {
  for (let i = 0; i < 5; i++) step(i).dispose();
  const t = performance.now();
  const info = await tf.profile(() => {
    step(99).dispose();
  });
  const wall = performance.now() - t;
  const kernels = info.kernels as unknown as { name: string; kernelTimeMs: number | { error: string }; inputShapes: number[][] }[];
  const groups = new Map<string, { ms: number; n: number }>();
  let total = 0;
  for (const k of kernels) {
    const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    total += ms;
    const key = `${k.name} ${k.inputShapes.map((s) => `[${s}]`).join(' ')}`;
    const g = groups.get(key) ?? { ms: 0, n: 0 };
    g.ms += ms;
    g.n++;
    groups.set(key, g);
  }
  console.log(`\n${name} on ${backend}: ${kernels.length} kernels, ${total.toFixed(1)} ms in kernels (${wall.toFixed(1)} ms profiled wall)`);
  for (const [key, g] of [...groups].sort((a, b) => b[1].ms - a[1].ms).slice(0, 14)) console.log(`  ${g.ms.toFixed(2).padStart(8)} ms  ×${g.n}  ${key}`);
}

const stock = createStockVae({ inputDim: train.d, learningRate: doc.training.learningRate, seed: 1 });
await profile('stock tfjs', (i) => stock.step(x, 1000 + i));
stock.dispose();
const model = compileGraph(doc, { dataDim: train.d, seed: 1 });
const trainer = new Trainer(model, makeOptimizer(doc.training));
await profile('this project (graphs/vae.json)', (i) => trainer.step(x, 1000 + i));
