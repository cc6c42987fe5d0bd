// This project's kernels as tfjs kernels on the wasm and cpu backends, so the rest of the
// code calls them like any tfjs op (and tf.memory counts their outputs). Products run in the
// shared-memory pool; the Adam update is one pass over each variable instead of ~12 ops.
import * as tf from '@tensorflow/tfjs-core';
import type { AdamParams, KernelPool, Moments } from './kernelPool';
import { backendArrays, CPU_SIDE_BACKENDS } from './backendArrays';
import { kernelsVariant } from './wasmKernels';

export const GEMM = 'LatentCanvasGemm';
export const ADAM = 'LatentCanvasAdam';
export const BERNOULLI_LOG_PROB = 'LatentCanvasBernoulliLogProb';
export const BERNOULLI_GRAD = 'LatentCanvasBernoulliGrad';
export const DENSE_BACKWARD = 'LatentCanvasDenseBackward';

export interface GemmAttrs {
  transposeA: boolean;
  transposeB: boolean;
  relu: boolean;
}

export interface AdamAttrs extends AdamParams {
  /** The variable's moments, from holdMoments(). */
  moments: number;
}

/** Moments handed out by holdMoments, by handle: kernel attributes are plain numbers. */
const heldMoments = new Map<number, Moments>();
let nextHandle = 1;

export function holdMoments(n: number): number {
  heldMoments.set(nextHandle, live().holdMoments(n));
  return nextHandle++;
}

export function releaseMoments(handle: number) {
  const m = heldMoments.get(handle);
  if (m) pool?.releaseMoments(m);
  heldMoments.delete(handle);
}

/** op(a) [M, K] · op(b) [K, N]: the product's sizes, or a sentence when they do not fit. */
export function gemmDims(a: tf.TensorInfo, b: tf.TensorInfo, { transposeA, transposeB }: Pick<GemmAttrs, 'transposeA' | 'transposeB'>) {
  const [M, K] = transposeA ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
  const [Kb, N] = transposeB ? [b.shape[1], b.shape[0]] : [b.shape[0], b.shape[1]];
  if (K !== Kb) throw new Error(`Matrix product of incompatible shapes [${a.shape}] and [${b.shape}].`);
  return { M, N, K };
}

let pool: KernelPool | undefined;

/** Registers the kernels once; later calls swap the pool they use. */
export function registerKernels(p: KernelPool) {
  const first = !pool;
  pool = p;
  if (!first) return;
  for (const backendName of CPU_SIDE_BACKENDS) {
    tf.registerKernel({
      kernelName: GEMM,
      backendName,
      kernelFunc: ({ inputs, backend, attrs }) => {
        const { a, b, bias } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo; bias?: tf.TensorInfo };
        const { transposeA, transposeB, relu } = attrs as unknown as GemmAttrs;
        const { M, N, K } = gemmDims(a, b, attrs as unknown as GemmAttrs);
        const io = backendArrays(backendName, backend as tf.KernelBackend);
        const out = io.output([M, N]);
        live().gemm({ M, N, K, a: io.read(a), transA: transposeA, b: io.read(b), transB: transposeB, bias: bias && io.read(bias), relu }, out.view);
        return out.info;
      },
    });
    tf.registerKernel({
      kernelName: ADAM,
      backendName,
      kernelFunc: ({ inputs, backend, attrs }) => {
        const { w, g } = inputs as Record<'w' | 'g', tf.TensorInfo>;
        const a = attrs as unknown as AdamAttrs;
        const moments = heldMoments.get(a.moments);
        if (!moments) throw new Error('Adam’s moments were released.');
        const io = backendArrays(backendName, backend as tf.KernelBackend);
        const out = io.output(w.shape);
        live().adam(moments, io.read(w), io.read(g), out.view, a);
        return out.info;
      },
    });
    // A dense layer's backward before its products: dz = dy·relu′ (read off the output y)
    // and the bias gradient Σ_rows dz, in one call instead of three tfjs kernels.
    tf.registerKernel({
      kernelName: DENSE_BACKWARD,
      backendName,
      kernelFunc: ({ inputs, backend }) => {
        const { dy, y } = inputs as { dy: tf.TensorInfo; y?: tf.TensorInfo };
        const [M, N] = dy.shape;
        const io = backendArrays(backendName, backend as tf.KernelBackend);
        const db = io.output([N]);
        if (!y) {
          const dbv = io.read(db.info);
          live().run([io.read(dy)], [dbv], (k, [dyAt], [dbAt]) => k.bias_grad(M, N, dyAt, dbAt));
          return [db.info];
        }
        const dz = io.output([M, N]);
        const [dzv, dbv] = [io.read(dz.info), io.read(db.info)];
        live().run([io.read(dy), io.read(y)], [dzv, dbv], (k, [dyAt, yAt], [dzAt, dbAt]) => {
          k.relu_grad(M * N, yAt, dyAt, dzAt);
          k.bias_grad(M, N, dzAt, dbAt);
        });
        return [dz.info, db.info];
      },
    });
    // Σ_d x·ℓ − softplus(ℓ) over [S, B, D] logits, x [1 or S, B, D] (data broadcast over samples).
    tf.registerKernel({
      kernelName: BERNOULLI_LOG_PROB,
      backendName,
      kernelFunc: ({ inputs, backend }) => {
        const { x, logits } = inputs as Record<'x' | 'logits', tf.TensorInfo>;
        const [S, B, D] = logits.shape;
        const io = backendArrays(backendName, backend as tf.KernelBackend);
        const out = io.output([S, B]);
        live().runSpan([io.read(x), io.read(logits)], [out.view], 'bernoulli_logprob', ([xAt, lAt], [oAt]) => [S, B, D, x.shape[0], xAt, lAt, oAt], S * B, S * B * D);
        return out.info;
      },
    });
    tf.registerKernel({
      kernelName: BERNOULLI_GRAD,
      backendName,
      kernelFunc: ({ inputs, backend }) => {
        const { x, logits, dy } = inputs as Record<'x' | 'logits' | 'dy', tf.TensorInfo>;
        const [S, B, D] = logits.shape;
        const io = backendArrays(backendName, backend as tf.KernelBackend);
        const dLogits = io.output(logits.shape);
        const dx = io.output(x.shape);
        const [dlv, dxv] = [io.read(dLogits.info), io.read(dx.info)];
        // Split by example: the samples sharing an x add into its dx on one thread, in one order.
        live().runSpan([io.read(x), io.read(logits), io.read(dy)], [dlv, dxv], 'bernoulli_grad', ([xAt, lAt, dyAt], [dlAt, dxAt]) => [S, B, D, x.shape[0], xAt, lAt, dyAt, dlAt, dxAt], B, S * B * D);
        return [dLogits.info, dx.info];
      },
    });
  }
}

function live(): KernelPool {
  if (!pool) throw new Error('The fast kernels were released.');
  return pool;
}

let suspended = 0;

/** Runs `f` on stock tfjs alone: the reference that calibration checks every backend against. */
export async function withStockKernels<T>(f: () => Promise<T>): Promise<T> {
  suspended++;
  try {
    return await f();
  } finally {
    suspended--;
  }
}

/**
 * Whether every kernel here runs on the backend: the products, the dense backward, the
 * Bernoulli pair and Adam with its moments in the pool — wasm and cpu, once the pool started.
 * Elsewhere the fused ops need fusedOpsReady, FusedAdam fusedAdamReady.
 */
export function kernelsReady(backendName = tf.getBackend()): boolean {
  return !!pool && !suspended && (CPU_SIDE_BACKENDS as readonly string[]).includes(backendName);
}

/** Backends other than wasm/cpu with the fused ops (GEMM, DENSE_BACKWARD, the Bernoulli pair) registered. */
const fusedOpBackends = new Set<string>();

/** Called by a backend's own registration (src/kernels/webgpu) once it has registered the four op kernels. */
export function markFusedOps(backendName: string) {
  fusedOpBackends.add(backendName);
}

/** Backends other than wasm/cpu with an ADAM kernel over tensor moments (inputs w, g, m, v → w', m', v'). */
const fusedAdamBackends = new Set<string>();

export function markFusedAdam(backendName: string) {
  fusedAdamBackends.add(backendName);
}

/**
 * Whether FusedAdam may step on the backend: with moments in the pool (kernelsReady), or as
 * tensors where a GPU backend registered its ADAM kernel (webgpu). Off in withStockKernels.
 */
export function fusedAdamReady(backendName = tf.getBackend()): boolean {
  return kernelsReady(backendName) || (!suspended && fusedAdamBackends.has(backendName));
}

/**
 * Whether ops.ts's gemm, denseBackward and bernoulliLogProb may be called on the backend:
 * wherever kernelsReady, and on a GPU backend whose kernels are registered (webgpu). Off
 * inside withStockKernels, as kernelsReady is, so calibration's reference is stock tfjs.
 */
export function fusedOpsReady(backendName = tf.getBackend()): boolean {
  return kernelsReady(backendName) || (!suspended && fusedOpBackends.has(backendName));
}

/** Products so far that ran from their sparse op(A) (a first layer's input): the checks read it. */
export function sparseProductCount(): number {
  return pool?.sparseProducts ?? 0;
}

export function kernelThreads(): number {
  return pool?.threadCount ?? 0;
}

/**
 * A backend's "why" line, plus — where these kernels run on that backend — what of the step
 * they take and on how many threads.
 */
export function withKernelsNote(backendName: string, reason: string): { reason: string; threads?: number } {
  if (!kernelsReady(backendName)) return { reason };
  const n = kernelThreads();
  const fma = kernelsVariant() === 'relaxed-simd' ? ', fused multiply-add' : '';
  return { reason: `${reason}; matrix products and Adam on this project's WebAssembly kernels (${n} thread${n === 1 ? '' : 's'}${fma})`, threads: n };
}
