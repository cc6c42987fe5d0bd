// Throughput of one graph's training step in Node: `tsx src/cli/quickBench.ts graphs/vae.json [steps]`.
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

const [file, stepsArg, backendArg] = process.argv.slice(2);
const backend = await useNodeBackend((backendArg as 'wasm' | 'cpu') ?? 'wasm');
const parsed = parseGraphText(readFileSync(file, 'utf8'), file);
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const doc = parsed.doc;
const { train } = await loadRunData(doc, doc.training, nodeLoaders);
const model = compileGraph(doc, { dataDim: train.d, seed: 1 });
const trainer = new Trainer(model, makeOptimizer(doc.training));
const B = doc.training.batchSize;
const x = tf.tensor2d(rows(train, Array.from({ length: B }, (_, i) => i)), [B, train.d]);
const steps = Number(stepsArg ?? 30);
for (let i = 0; i < 3; i++) trainer.step(x, i).dispose();
const t0 = performance.now();
let last = 0;
for (let i = 0; i < steps; i++) {
  const c = trainer.step(x, 100 + i);
  if (i === steps - 1) last = (await c.data())[0];
  c.dispose();
}
const ms = performance.now() - t0;
console.log(`${backend.name}: ${((steps * B) / (ms / 1000)).toFixed(0)} samples/s (${(ms / steps).toFixed(1)} ms/step), loss ${last.toFixed(3)}`);
