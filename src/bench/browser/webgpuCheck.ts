// The WebGPU path's checks, run by bench.worker.ts on a backend with the fused ops but not
// the WebAssembly pool (webgpu, src/kernels/webgpu): each WGSL kernel against stock tfjs on
// cpu on awkward shapes (ragged tiles, every transpose, broadcast samples, large logits),
// and graphs/vae.json's loss, every gradient and one Adam step, fused on this backend
// against stock tfjs on cpu. Each reports how many WGSL programs it dispatched, so a check
// that silently ran stock tfjs shows 0 (tests/e2e/webgpu.spec.ts asserts it does not).
import * as tf from '@tensorflow/tfjs-core';
import { compileGraph, savedName } from '../../compiler/compile';
import type { GraphDoc } from '../../graph/document';
import { rows, type Dataset } from '../../data/dataset';
import { bernoulliLogProb, denseBackward, gemm } from '../../kernels/ops';
import { fusedOpsReady, withStockKernels } from '../../kernels/tfjsKernels';
import { webgpuKernelDispatches } from '../../kernels/webgpu/program';
import { makeOptimizer } from '../../training/trainer';
import { compareAdam, type AdamComparison } from '../compareAdam';
import { relErr } from '../relErr';

export interface OpCheck {
  name: string;
  /** ‖ours − cpu‖ / ‖cpu‖, per output. */
  relErr: number[];
  /** WGSL programs this case dispatched. */
  dispatches: number;
}

/** compareAdam on the GPU backend against cpu, with the WGSL programs it dispatched. */
export type AdamCheck = AdamComparison & { dispatches: number };

export interface ModelCheck {
  loss: number;
  cpuLoss: number;
  lossRelErr: number;
  gradRelErr: Record<string, number>;
  /** One Adam step's update (w₁ − w₀) per variable, against the same step on cpu. */
  adamRelErr: Record<string, number>;
  zeroGradients: string[];
  dispatches: number;
  optimizer: string;
}

/** Deterministic inputs, the same on both sides: a small LCG, values in [lo, hi). */
function values(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = lo + ((hi - lo) * s) / 2 ** 32;
  }
  return out;
}

type Case = { name: string; ours: () => tf.Tensor[]; reference: () => tf.Tensor[] };

async function readAll(f: () => tf.Tensor[]): Promise<Float32Array[]> {
  const ts = tf.tidy(f);
  const out = await Promise.all(ts.map((t) => t.data() as Promise<Float32Array>));
  tf.dispose(ts);
  return out;
}

/** Runs `ours` on the current (GPU) backend, `reference` with stock tfjs on cpu, and compares. */
async function compare(c: Case, gpuBackend: string): Promise<OpCheck> {
  const before = webgpuKernelDispatches();
  const mine = await readAll(c.ours);
  const dispatches = webgpuKernelDispatches() - before;
  await tf.setBackend('cpu');
  const ref = await withStockKernels(() => readAll(c.reference));
  await tf.setBackend(gpuBackend);
  return { name: c.name, relErr: ref.map((r, i) => (mine[i] ? relErr(mine[i], r) : Infinity)), dispatches };
}

function gemmCases(): Case[] {
  const cases: Case[] = [];
  const shapes: [number, number, number][] = [
    [3, 5, 7],
    [129, 17, 33],
    [128, 784, 400],
  ];
  let seed = 1;
  for (const [M, K, N] of shapes) {
    for (const [tA, tB] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      for (const epilogue of ['none', 'bias+relu', ...(M === 3 ? ['relu', 'bias'] : [])]) {
        const [av, bv, biasv] = [values(M * K, seed++), values(K * N, seed++), values(N, seed++)];
        const aShape: [number, number] = tA ? [K, M] : [M, K];
        const bShape: [number, number] = tB ? [N, K] : [K, N];
        const withBias = epilogue.includes('bias');
        const relu = epilogue.includes('relu');
        cases.push({
          name: `gemm ${M}×${K}×${N}${tA ? ' Aᵀ' : ''}${tB ? ' Bᵀ' : ''} ${epilogue}`,
          ours: () => [gemm(tf.tensor2d(av, aShape), tf.tensor2d(bv, bShape), { transposeA: tA, transposeB: tB, relu, bias: withBias ? tf.tensor1d(biasv) : undefined })],
          reference: () => {
            const p = tf.matMul(tf.tensor2d(av, aShape), tf.tensor2d(bv, bShape), tA, tB);
            const b = withBias ? tf.add(p, tf.tensor1d(biasv)) : p;
            return [relu ? tf.relu(b) : b];
          },
        });
      }
    }
  }
  return cases;
}

function denseBackwardCases(): Case[] {
  const cases: Case[] = [];
  let seed = 100;
  for (const [M, N] of [
    [3, 7],
    [129, 33],
    [128, 400],
    [6400, 20],
    // More columns than one dispatch dimension holds (65,535 workgroups): the folded dispatch.
    [3, 70001],
  ]) {
    const dyv = values(M * N, seed++);
    // y a relu output: exact zeros where the pre-activation was negative.
    const yv = values(M * N, seed++).map((v) => Math.max(v, 0));
    for (const relu of [true, false]) {
      cases.push({
        name: `denseBackward ${M}×${N}${relu ? ' relu' : ''}`,
        ours: () => {
          const { dz, db } = denseBackward(tf.tensor2d(dyv, [M, N]), relu ? tf.tensor2d(yv, [M, N]) : undefined);
          return [dz, db];
        },
        reference: () => {
          const dy = tf.tensor2d(dyv, [M, N]);
          const dz = relu ? tf.mul(dy, tf.cast(tf.greater(tf.tensor2d(yv, [M, N]), 0), 'float32')) : dy;
          return [dz, tf.sum(dz, 0)];
        },
      });
    }
  }
  return cases;
}

const stockLogProb = (x: tf.Tensor, l: tf.Tensor) => tf.sum(tf.sub(tf.mul(x, l), tf.softplus(l)), -1);

function bernoulliCases(): Case[] {
  const cases: Case[] = [];
  let seed = 200;
  // [S, B, D, Sx]: one sample; five sharing one x (broadcast); five with their own x; MNIST-sized.
  for (const [S, B, D, Sx] of [
    [1, 3, 7, 1],
    [5, 17, 33, 1],
    [5, 4, 9, 5],
    [1, 32, 784, 1],
    [5, 32, 784, 1],
    // 70,000 rows, past one dispatch dimension: the backend folds the dispatch.
    [700, 100, 3, 1],
  ]) {
    const xv = values(Sx * B * D, seed++, 0, 1);
    // Logits up to ±30: softplus must neither overflow nor lose the small tail.
    const lv = values(S * B * D, seed++, -30, 30);
    const dyv = values(S * B, seed++);
    const grads = (f: (x: tf.Tensor, l: tf.Tensor) => tf.Tensor) => {
      const x = tf.tensor3d(xv, [Sx, B, D]);
      const l = tf.tensor3d(lv, [S, B, D]);
      const dy = tf.tensor2d(dyv, [S, B]);
      const value = f(x, l);
      const [dx, dl] = tf.grads((a: tf.Tensor, b: tf.Tensor) => f(a, b))([x, l], dy);
      return [value, dl, dx];
    };
    cases.push({
      name: `bernoulli S=${S} B=${B} D=${D} x[${Sx}]`,
      ours: () => grads((x, l) => bernoulliLogProb(x as tf.Tensor3D, l as tf.Tensor3D)),
      reference: () => grads(stockLogProb),
    });
  }
  return cases;
}

/** Every WGSL kernel against stock tfjs on cpu; call with the GPU backend current. */
export async function checkWebgpuOps(): Promise<OpCheck[]> {
  const backend = tf.getBackend();
  if (!fusedOpsReady()) throw new Error(`the fused ops are not registered on ${backend}`);
  const out: OpCheck[] = [];
  for (const c of [...gemmCases(), ...denseBackwardCases(), ...bernoulliCases()]) out.push(await compare(c, backend));
  return out;
}

/** makeOptimizer's Adam on the GPU backend (FusedAdam, WGSL) against tf.train.adam on cpu. */
export async function checkWebgpuAdam(learningRate = 0.01): Promise<AdamCheck> {
  const before = webgpuKernelDispatches();
  const comparison = await compareAdam(learningRate, 'cpu');
  return { ...comparison, dispatches: webgpuKernelDispatches() - before };
}

interface ModelRun {
  loss: number;
  grads: Map<string, Float32Array>;
  updates: Map<string, Float32Array>;
  optimizer: string;
}

/** graphs/vae.json's loss, gradients and one Adam step on the current backend, as it trains. */
async function modelRun(doc: GraphDoc, xv: Float32Array, batch: number, d: number, seed: number): Promise<ModelRun> {
  const model = compileGraph(doc, { dataDim: d, seed: 3 });
  const x = tf.tensor2d(xv, [batch, d]);
  try {
    const { value, grads } = tf.variableGrads(() => tf.mean(model.lossPerExample(x, seed)) as tf.Scalar, model.variables);
    const loss = (await value.data())[0];
    const byName = new Map<string, Float32Array>();
    const before = new Map<string, Float32Array>();
    for (const v of model.variables) {
      byName.set(savedName(v), (await grads[v.name].data()) as Float32Array);
      before.set(savedName(v), (await v.data()) as Float32Array);
    }
    const optimizer = makeOptimizer({ optimizer: 'adam', learningRate: 1e-3 });
    optimizer.applyGradients(grads);
    const updates = new Map<string, Float32Array>();
    for (const v of model.variables) {
      const after = (await v.data()) as Float32Array;
      const w0 = before.get(savedName(v))!;
      updates.set(savedName(v), after.map((w, i) => w - w0[i]));
    }
    const name = optimizer.constructor.name;
    optimizer.dispose();
    tf.dispose([value, ...Object.values(grads)]);
    return { loss, grads: byName, updates, optimizer: name };
  } finally {
    x.dispose();
    model.dispose();
  }
}

/** The fused path on the current (GPU) backend against stock tfjs on cpu, same weights, same noise. */
export async function checkWebgpuModel(doc: GraphDoc, train: Dataset, batch = 32, seed = 42): Promise<ModelCheck> {
  const backend = tf.getBackend();
  const xv = rows(train, Array.from({ length: batch }, (_, i) => 7 * i));
  const before = webgpuKernelDispatches();
  const ours = await modelRun(doc, xv, batch, train.d, seed);
  const dispatches = webgpuKernelDispatches() - before;
  await tf.setBackend('cpu');
  const cpu = await withStockKernels(() => modelRun(doc, xv, batch, train.d, seed));
  await tf.setBackend(backend);
  const gradRelErr: Record<string, number> = {};
  const adamRelErr: Record<string, number> = {};
  const zeroGradients: string[] = [];
  for (const [name, ref] of cpu.grads) {
    gradRelErr[name] = relErr(ours.grads.get(name) ?? [], ref);
    adamRelErr[name] = relErr(ours.updates.get(name) ?? [], cpu.updates.get(name)!);
    if (ref.every((v) => v === 0)) zeroGradients.push(name);
  }
  return { loss: ours.loss, cpuLoss: cpu.loss, lossRelErr: Math.abs(ours.loss - cpu.loss) / Math.abs(cpu.loss), gradRelErr, adamRelErr, zeroGradients, dispatches, optimizer: ours.optimizer };
}
