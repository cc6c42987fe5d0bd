// Per-kernel time of one training step: `tsx src/cli/profileStep.ts graphs/vae.json`.
import '#tf-gradients';
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { parseGraphText } from '../graph/parse';
import { compileGraph } from '../compiler/compile';
import { Trainer, makeOptimizer } from '../training/trainer';
import { loadRunData } from '../training/runData';
import { rows } from '../data/dataset';
import { useNodeBackend } from './nodeBackend';
import { nodeLoaders } from './nodeLoaders';

const [file, backendArg] = process.argv.slice(2);
await useNodeBackend((backendArg as 'wasm' | 'cpu') ?? 'wasm');
const parsed = parseGraphText(readFileSync(file, 'utf8'), file);
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const { train } = await loadRunData(parsed.doc, parsed.doc.training, nodeLoaders);
const model = compileGraph(parsed.doc, { dataDim: train.d, seed: 1 });
const trainer = new Trainer(model, makeOptimizer(parsed.doc.training));
const B = parsed.doc.training.batchSize;
const x = tf.tensor2d(rows(train, Array.from({ length: B }, (_, i) => i)), [B, train.d]);
for (let i = 0; i < 3; i++) trainer.step(x, i).dispose();
const info = await tf.profile(() => trainer.step(x, 7));
const byKernel = new Map<string, { ms: number; n: number }>();
for (const k of info.kernels) {
  const ms = Number(await k.kernelTimeMs) || 0;
  const key = `${k.name} ${JSON.stringify(k.inputShapes)}`;
  const e = byKernel.get(key) ?? { ms: 0, n: 0 };
  e.ms += ms;
  e.n++;
  byKernel.set(key, e);
}
const rowsOut = [...byKernel.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25);
let total = 0;
for (const [, v] of byKernel) total += v.ms;
console.log(`kernels: ${info.kernels.length}, total ${total.toFixed(1)} ms`);
for (const [k, v] of rowsOut) console.log(v.ms.toFixed(2).padStart(8), String(v.n).padStart(4), k);
