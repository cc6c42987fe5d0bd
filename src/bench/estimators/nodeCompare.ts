// The Node half of `npm run bench`'s PyTorch comparison (scripts/bench/run.mjs runs it with
// tsx): each estimator case on this app's CLI path (wasm, this project's kernels), then the
// same graph exported with `npm run export`'s code and timed by scripts/bench/torch_bench.py in
// real PyTorch on one thread and on every core, when Python has torch. Writes JSON to argv[2].
import '#tf-gradients';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseGraphText } from '../../graph/parse';
import type { GraphDoc } from '../../graph/document';
import { mnistSplit } from '../../data/mnist';
import { loadMnistNode } from '../../data/mnistNode';
import { nodeLoaders } from '../../cli/nodeLoaders';
import { setNodeBackend } from '../../cli/nodeBackend';
import { pytorchProject } from '../../export/pytorch/project';
import { writeProject } from '../../testing/exportedProject';
import { torchPython } from '../../testing/torchPython';
import { caseDoc, ESTIMATOR_CASES, NLL_EXAMPLES, type EstimatorCase } from './cases';
import { runOursBench, type CaseRate } from './oursBench';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const [outPath] = process.argv.slice(2);
const log = (s: string) => process.stderr.write(`${s}\n`);

/**
 * PyTorch at its best: glibc hands each large tensor back to the kernel (munmap) and faults
 * its pages in again on the next step, which on this VM made PyTorch's VAE step 3× slower
 * (4,400 against 13,500 samples/s). Keeping freed memory in the heap, as a tuned allocator
 * would, makes the reference the fast one.
 */
const TORCH_MALLOC = { MALLOC_MMAP_THRESHOLD_: '4294967296', MALLOC_TRIM_THRESHOLD_: '4294967296', MALLOC_TOP_PAD_: '268435456' };

function openGraph(name: EstimatorCase['graph']): GraphDoc {
  const r = parseGraphText(readFileSync(path.join(ROOT, 'graphs', `${name}.json`), 'utf8'), `graphs/${name}.json`);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.doc;
}

const graphs = { vae: openGraph('vae'), 'importance-sampling': openGraph('importance-sampling') };
const { train, test } = mnistSplit(await loadMnistNode());
if (!(await setNodeBackend('wasm'))) throw new Error('The wasm backend cannot start here.');
log('ours (CLI path, wasm):');
const ours = await runOursBench({ graphs, train, test, log: (l) => log(`  ${l}`) });

const threads = [1, os.cpus().length].filter((t, i, all) => all.indexOf(t) === i);
const torch: Record<string, CaseRate[]> = {};
let torchInfo: { version: string; blas: string } | undefined;
let python: string | undefined;
let torchProblem: string | undefined;
try {
  python = torchPython();
} catch (e) {
  torchProblem = e instanceof Error ? e.message : String(e);
  log(`PyTorch: not measured (${torchProblem})`);
}
if (python) {
  const dir = path.join(ROOT, 'bench-results', 'torch-projects');
  rmSync(dir, { recursive: true, force: true });
  for (const t of threads) torch[t] = [];
  for (const c of ESTIMATOR_CASES) {
    const project = writeProject(await pytorchProject(caseDoc(graphs[c.graph], c), { loaders: nodeLoaders }), path.join(dir, c.id));
    for (const t of threads) torch[t].push(runTorch(python, project, c, t));
  }
}

function runTorch(py: string, project: string, c: EstimatorCase, t: number): CaseRate {
  const args = [path.join(ROOT, 'scripts/bench/torch_bench.py'), project, '--mode', c.mode, '--threads', String(t)];
  if (c.mode === 'nll') args.push('--K', String(c.samples), '--examples', String(NLL_EXAMPLES));
  // One thread means one: OpenMP, OpenBLAS and MKL read these before torch.set_num_threads runs.
  const threadsEnv = { OMP_NUM_THREADS: String(t), OPENBLAS_NUM_THREADS: String(t), MKL_NUM_THREADS: String(t) };
  const env = { ...process.env, ...threadsEnv, ...TORCH_MALLOC };
  const r = spawnSync(py, args, { encoding: 'utf8', env, timeout: 120_000 });
  if (r.status !== 0) {
    const error = `torch_bench.py ${c.id} on ${t} thread(s) failed: ${r.error?.message ?? (r.stderr.trim().split('\n').pop() || `exit ${r.status}`)}`;
    log(`  ${error}`);
    return { id: c.id, error };
  }
  const j = JSON.parse(r.stdout.trim().split('\n').pop()!) as { rate: number; windows: number[]; torch: string; blas: string };
  torchInfo = { version: j.torch, blas: j.blas };
  log(`  PyTorch ${j.torch}, ${t} thread(s), ${c.label}: ${j.rate.toFixed(0)} examples/s`);
  return { id: c.id, rate: j.rate, windows: j.windows, decoderPassesPerSec: j.rate * c.samples };
}

if (torchInfo?.blas.startsWith('the reference BLAS')) {
  torchProblem = `PyTorch ran on ${torchInfo.blas}, an order of magnitude slower than a tuned one: its figures are not a fair reference. apt-get install libopenblas0-pthread (npm test's scripts/ensure-python-torch.mjs does).`;
  log(torchProblem);
}
const result = { host: 'node', backend: 'wasm', cases: ESTIMATOR_CASES, ours, torch, torchThreads: threads, torchInfo, torchProblem };
mkdirSync(path.dirname(outPath ?? '.'), { recursive: true });
if (outPath) writeFileSync(outPath, JSON.stringify(result, null, 2));
else console.log(JSON.stringify(result, null, 2));
