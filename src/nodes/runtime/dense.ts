// Dense layers with their own gradient (see README "How it is built"): the runtime of the
// linear, dense and MLP kinds, kept below the compiler so node builders never import it.
import * as tf from '@tensorflow/tfjs-core';
import type { Activation, Initializer } from '../activations';
import { activate } from '../activate';
import { fusedOpsReady } from '../../kernels/tfjsKernels';
import { denseBackward, gemm } from '../../kernels/ops';

/** Glorot/Xavier uniform, seeded: the usual default for dense and linear layers. */
export function glorotUniform(shape: [number, number], seed: number): tf.Tensor2D {
  const limit = Math.sqrt(6 / (shape[0] + shape[1]));
  return tf.randomUniform(shape, -limit, limit, 'float32', seed);
}

export function initKernel(kind: Initializer, shape: [number, number], seed: number): tf.Tensor2D {
  if (kind === 'zeros') return tf.zeros(shape);
  if (kind === 'heNormal') return tf.truncatedNormal(shape, 0, Math.sqrt(2 / shape[0]), 'float32', seed);
  return glorotUniform(shape, seed);
}

/** A dense layer's variables, created once; tidy releases the initial values. */
export function denseVariables(name: string, inDim: number, outDim: number, init: Initializer, seed: number) {
  return tf.tidy(() => ({
    kernel: tf.variable(initKernel(init, [inDim, outDim], seed), true, `${name}/kernel`),
    bias: tf.variable(tf.zeros([outDim]), true, `${name}/bias`),
  }));
}

/**
 * x·K with its own gradient. tfjs differentiates matMul into products with a transposed
 * operand (dy·Kᵀ, xᵀ·dy), which its wasm and cpu kernels run an order of magnitude slower
 * than plain products; an explicit transpose (a cheap copy) keeps all three on the fast path.
 * This is the path for backends without this project's kernels (webgl; any backend inside
 * withStockKernels, calibration's stock reference).
 */
function makeMatMul(inputNeedsGrad: boolean) {
  const f = (x: tf.Tensor, k: tf.Tensor, save: tf.GradSaveFunc) => {
    save([x, k]);
    return {
      value: tf.matMul(x as tf.Tensor2D, k as tf.Tensor2D),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ks] = saved as tf.Tensor2D[];
        // A layer reading the data needs no gradient for its input: skip that product.
        const dx = inputNeedsGrad ? tf.matMul(dy as tf.Tensor2D, tf.transpose(ks)) : tf.zerosLike(xs);
        return [dx, tf.matMul(tf.transpose(xs), dy as tf.Tensor2D)];
      },
    };
  };
  return tf.customGrad(f as unknown as Parameters<typeof tf.customGrad>[0]) as (x: tf.Tensor2D, k: tf.Tensor2D) => tf.Tensor2D;
}
const matMulTrainable = makeMatMul(true);
const matMulOnData = makeMatMul(false);

/**
 * relu?(x·K [+ b]) as one kernel forward; backward, relu′ and the bias gradient in one kernel,
 * then the (up to) two products. On this project's kernels: on wasm and cpu they pack their
 * operands, and on webgpu (src/kernels/webgpu) the WGSL tiles load op(A) and op(B) directly,
 * so transposed products cost the same as plain ones and need no transpose copies.
 */
function makeFusedDense(inputNeedsGrad: boolean, relu: boolean, withBias: boolean) {
  const f = (x: tf.Tensor, k: tf.Tensor, ...rest: unknown[]) => {
    const save = rest[rest.length - 1] as tf.GradSaveFunc;
    const b = withBias ? (rest[0] as tf.Tensor1D) : undefined;
    const y = gemm(x as tf.Tensor2D, k as tf.Tensor2D, { bias: b, relu });
    // Saving clones (a copy of each tensor per step); a weight is a variable that outlives
    // the step, so it is read directly.
    const kernelIsVariable = k instanceof tf.Variable;
    save(kernelIsVariable ? [x, y] : [x, y, k]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ys] = saved as tf.Tensor2D[];
        const ks = (kernelIsVariable ? k : saved[2]) as tf.Tensor2D;
        // relu′ read off the output: y > 0 exactly where the pre-activation is.
        const { dz, db } = denseBackward(dy as tf.Tensor2D, relu ? ys : undefined);
        const dx = inputNeedsGrad ? gemm(dz, ks, { transposeB: true }) : tf.zerosLike(xs);
        const dk = gemm(xs, dz, { transposeA: true });
        return withBias ? [dx, dk, db] : [dx, dk];
      },
    };
  };
  return tf.customGrad(f as unknown as Parameters<typeof tf.customGrad>[0]) as FusedDense;
}
type FusedDense = (x: tf.Tensor2D, k: tf.Tensor2D, b?: tf.Tensor1D) => tf.Tensor2D;
const fusedVariants = new Map<string, FusedDense>();
/** One custom-gradient function per (input needs a gradient, relu, bias), made once. */
function fusedDense(inputNeedsGrad: boolean, relu: boolean, withBias: boolean): FusedDense {
  const key = `${+inputNeedsGrad}${+relu}${+withBias}`;
  let f = fusedVariants.get(key);
  if (!f) fusedVariants.set(key, (f = makeFusedDense(inputNeedsGrad, relu, withBias)));
  return f;
}

/**
 * x [S, B, in] → activation(x·K + b) [S, B, out], folding samples into the batch for a
 * single product. `inputIsData`: x is observed data, so no gradient flows back through it.
 */
export function applyDense(x: tf.Tensor3D, kernel: tf.Tensor2D, bias: tf.Tensor1D | undefined, inputIsData = false, activation: Activation = 'linear'): tf.Tensor3D {
  const [S, B, D] = x.shape;
  const x2 = tf.reshape(x, [S * B, D]) as tf.Tensor2D;
  const out: [number, number, number] = [S, B, kernel.shape[1]];
  if (fusedOpsReady()) {
    // relu is fused into the product; any other activation follows it as a tfjs op.
    const f = fusedDense(!inputIsData, activation === 'relu', !!bias);
    const y = tf.reshape(bias ? f(x2, kernel, bias) : f(x2, kernel), out);
    return (activation === 'relu' ? y : activate(y, activation)) as tf.Tensor3D;
  }
  const flat = (inputIsData ? matMulOnData : matMulTrainable)(x2, kernel);
  return activate(tf.reshape(bias ? tf.add(flat, bias) : flat, out), activation) as tf.Tensor3D;
}
