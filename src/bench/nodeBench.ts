// The Node half of `npm run bench` (scripts/bench.mjs runs it with tsx): reference-VAE
// throughput, stock tfjs against this project's path, on wasm and cpu; then the time to
// analyse and compile a 200-node graph. Writes its JSON to the first argument's path, and
// the 500-node graph of the canvas benchmark to the second's.
import '#tf-gradients';
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseGraphText } from '../graph/parse';
import { mnistSplit } from '../data/mnist';
import { loadMnistNode } from '../data/mnistNode';
import { setNodeBackend } from '../cli/nodeBackend';
import { runVaeBench, summarise } from './vaeBench';
import { runCompileBench } from './compileBench';
import { deepVaeGraph } from './bigGraph';
import { describeBackend } from './wasmInfo';
import { nodeTiming } from './timing';

const [outPath, canvasGraphPath] = process.argv.slice(2);
const log = (s: string) => process.stderr.write(`[node] ${s}\n`);

const text = readFileSync(new URL('../../graphs/vae.json', import.meta.url), 'utf8');
const parsed = parseGraphText(text, 'graphs/vae.json');
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const { train } = mnistSplit(await loadMnistNode());

const vae = await runVaeBench({
  doc: parsed.doc,
  train,
  backends: ['wasm', 'cpu'],
  setBackend: (b) => setNodeBackend(b as 'wasm' | 'cpu'),
  describe: describeBackend,
  timing: nodeTiming,
  log,
});

// Compile on the backend the CLI uses by default.
await setNodeBackend('wasm');
log('compiling a 200-node graph…');
const compile = runCompileBench(200);
log(`200 nodes: analyse ${compile.analyzeMs.toFixed(1)} ms, compile ${compile.compileMs.toFixed(1)} ms`);

const result = {
  host: 'node',
  machine: { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, memoryGB: Math.round(os.totalmem() / 2 ** 30), os: `${os.type()} ${os.release()} ${os.arch()}`, node: process.version, tfjs: tf.version_core },
  vae,
  vaeSummary: summarise(vae),
  compile: { ...compile, backend: tf.getBackend() },
};
// The canvas benchmark's graph (section 4), made here so the driver needs no TypeScript.
if (canvasGraphPath) writeFileSync(canvasGraphPath, JSON.stringify(deepVaeGraph({ nodes: 500 }), null, 2));
if (outPath) writeFileSync(outPath, JSON.stringify(result, null, 2));
else console.log(JSON.stringify(result, null, 2));
