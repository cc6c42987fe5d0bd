// This project's fused kernels on the 'webgpu' backend, under the same kernel names as on
// wasm and cpu (tfjsKernels.ts), so ops.ts, the dense layers and the Bernoulli node call them
// unchanged; and Adam, whose moments FusedAdam keeps as tensors on this backend (on wasm and
// cpu they live in the WebAssembly pool). Called only from the browser worker's backend set-up.
import * as tf from '@tensorflow/tfjs-core';
import { ADAM, BERNOULLI_GRAD, BERNOULLI_LOG_PROB, DENSE_BACKWARD, GEMM, gemmDims, markFusedAdam, markFusedOps, type GemmAttrs } from '../tfjsKernels';
import type { AdamParams } from '../kernelPool';
import { runProgram } from './program';
import { gemmProgram } from './gemmProgram';
import { biasGradProgram, reluGradProgram } from './denseBackwardPrograms';
import { adamProgram, adamUniforms, type AdamOutput } from './adamPrograms';
import { bernoulliGradLogitsProgram, bernoulliGradXProgram, bernoulliLogProbProgram } from './bernoulliPrograms';

const BACKEND = 'webgpu';
// One uniform entry per scalar: the backend aligns an entry of 3 or 4 numbers as a vec3/vec4,
// which would not match the scalar i32 fields the programs declare.
const int = (...values: number[]) => values.map((v) => ({ type: 'int32' as const, data: [v] }));

let registered = false;

/** Registers the WGSL kernels once (idempotent) and marks the fused ops ready on webgpu. */
export function registerWebgpuKernels() {
  if (registered) return;
  registered = true;
  tf.registerKernel({
    kernelName: GEMM,
    backendName: BACKEND,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { a, b, bias } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo; bias?: tf.TensorInfo };
      const { transposeA, transposeB, relu } = attrs as unknown as GemmAttrs;
      const { M, N, K } = gemmDims(a, b, attrs as unknown as GemmAttrs);
      const program = gemmProgram({ M, N, K, transposeA, transposeB, relu, bias: !!bias });
      return runProgram(backend, program, bias ? [a, b, bias] : [a, b], int(M, N, K));
    },
  });
  tf.registerKernel({
    kernelName: DENSE_BACKWARD,
    backendName: BACKEND,
    kernelFunc: ({ inputs, backend }) => {
      const { dy, y } = inputs as { dy: tf.TensorInfo; y?: tf.TensorInfo };
      const [M, N] = dy.shape;
      const db = runProgram(backend, biasGradProgram(N, !!y), y ? [dy, y] : [dy], int(M, N));
      if (!y) return [db];
      return [runProgram(backend, reluGradProgram(M, N), [dy, y]), db];
    },
  });
  tf.registerKernel({
    kernelName: BERNOULLI_LOG_PROB,
    backendName: BACKEND,
    kernelFunc: ({ inputs, backend }) => {
      const { x, logits } = inputs as Record<'x' | 'logits', tf.TensorInfo>;
      const [S, B, D] = logits.shape;
      return runProgram(backend, bernoulliLogProbProgram(S, B), [x, logits], int(S, B, D, x.shape[0]));
    },
  });
  tf.registerKernel({
    kernelName: BERNOULLI_GRAD,
    backendName: BACKEND,
    kernelFunc: ({ inputs, backend }) => {
      const { x, logits, dy } = inputs as Record<'x' | 'logits' | 'dy', tf.TensorInfo>;
      const [S, B, D] = logits.shape;
      const Sx = x.shape[0];
      const dLogits = runProgram(backend, bernoulliGradLogitsProgram(S, B, D), [x, logits, dy], int(B, D, Sx));
      const dx = runProgram(backend, bernoulliGradXProgram(Sx, B, D), [logits, dy], int(S, B, D, Sx));
      return [dLogits, dx];
    },
  });
  // Inputs w, g, m, v (the moments as tensors, held by FusedAdam); outputs w', m', v'.
  tf.registerKernel({
    kernelName: ADAM,
    backendName: BACKEND,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { w, g, m, v } = inputs as Record<'w' | 'g' | 'm' | 'v', tf.TensorInfo>;
      const uniforms = adamUniforms(attrs as unknown as AdamParams);
      const byName: Record<string, tf.TensorInfo> = { W: w, G: g, M: m, V: v };
      const run = (out: AdamOutput) => {
        const program = adamProgram(out, w.shape);
        return runProgram(backend, program, program.variableNames.map((n) => byName[n]), uniforms);
      };
      return [run('w'), run('m'), run('v')];
    },
  });
  markFusedOps(BACKEND);
  markFusedAdam(BACKEND);
}

export { webgpuKernelDispatches } from './program';
