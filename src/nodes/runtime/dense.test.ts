import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '#tf-gradients';
import { useNodeBackend } from '../../cli/nodeBackend';
import { applyDense } from './dense';
import { kernelsReady } from '../../kernels/tfjsKernels';

// The dense layer's own gradient (explicit transposes, no input gradient from data) must
// equal what tfjs's autodiff of a plain matMul gives, on every backend it runs on in Node.
describe.each(['cpu', 'wasm'] as const)('applyDense on %s', (backend) => {
  beforeAll(async () => {
    await useNodeBackend(backend);
  });

  const relErr = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.norm(tf.sub(a, b)).dataSync()[0] / Math.max(1e-12, tf.norm(b).dataSync()[0]));

  it('matches tfjs autodiff for value and gradients, with samples folded into the batch', () => {
    const x = tf.randomNormal([3, 17, 31], 0, 1, 'float32', 1) as tf.Tensor3D;
    const k = tf.randomNormal([31, 13], 0, 1, 'float32', 2) as tf.Tensor2D;
    const b = tf.randomNormal([13], 0, 1, 'float32', 3) as tf.Tensor1D;
    const w = tf.randomNormal([3, 17, 13], 0, 1, 'float32', 4);
    const ours = (xx: tf.Tensor, kk: tf.Tensor, bb: tf.Tensor) => tf.sum(tf.mul(tf.tanh(applyDense(xx as tf.Tensor3D, kk as tf.Tensor2D, bb as tf.Tensor1D)), w));
    const plain = (xx: tf.Tensor, kk: tf.Tensor, bb: tf.Tensor) =>
      tf.sum(tf.mul(tf.tanh(tf.reshape(tf.add(tf.matMul(tf.reshape(xx, [51, 31]) as tf.Tensor2D, kk as tf.Tensor2D), bb), [3, 17, 13])), w));
    expect(relErr(ours(x, k, b), plain(x, k, b))).toBeLessThan(1e-5);
    const g1 = tf.grads(ours)([x, k, b]);
    const g2 = tf.grads(plain)([x, k, b]);
    g1.forEach((g, i) => expect(relErr(g, g2[i])).toBeLessThan(1e-4));
  });

  it.each([
    ['relu', true],
    ['relu', false],
    ['tanh', true],
    ['sigmoid', false],
    ['linear', false],
  ] as const)('on this project’s kernels, %s with bias %s equals tfjs autodiff (value and gradients)', (activation, withBias) => {
    expect(kernelsReady()).toBe(true);
    tf.tidy(() => {
      const x = tf.randomNormal([2, 9, 23], 0, 1, 'float32', 11) as tf.Tensor3D;
      const k = tf.randomNormal([23, 7], 0, 1, 'float32', 12) as tf.Tensor2D;
      const b = tf.randomNormal([7], 0, 1, 'float32', 13) as tf.Tensor1D;
      const w = tf.randomNormal([2, 9, 7], 0, 1, 'float32', 14);
      const act = (t: tf.Tensor) => (activation === 'relu' ? tf.relu(t) : activation === 'tanh' ? tf.tanh(t) : activation === 'sigmoid' ? tf.sigmoid(t) : t);
      const ours = (xx: tf.Tensor, kk: tf.Tensor, bb: tf.Tensor) => tf.sum(tf.mul(applyDense(xx as tf.Tensor3D, kk as tf.Tensor2D, withBias ? (bb as tf.Tensor1D) : undefined, false, activation), w));
      const plain = (xx: tf.Tensor, kk: tf.Tensor, bb: tf.Tensor) => {
        const z = tf.matMul(tf.reshape(xx, [18, 23]) as tf.Tensor2D, kk as tf.Tensor2D);
        return tf.sum(tf.mul(act(tf.reshape(withBias ? tf.add(z, bb) : z, [2, 9, 7])), w));
      };
      expect(relErr(ours(x, k, b), plain(x, k, b))).toBeLessThan(1e-5);
      const inputs = withBias ? [x, k, b] : [x, k];
      const g1 = tf.grads((...t: tf.Tensor[]) => ours(t[0], t[1], t[2] ?? b))(inputs);
      const g2 = tf.grads((...t: tf.Tensor[]) => plain(t[0], t[1], t[2] ?? b))(inputs);
      g1.forEach((g, i) => expect(relErr(g, g2[i])).toBeLessThan(1e-4));
    });
  });

  it('skips only the input gradient when the input is data', () => {
    const x = tf.randomNormal([1, 8, 5], 0, 1, 'float32', 5) as tf.Tensor3D;
    const k = tf.randomNormal([5, 4], 0, 1, 'float32', 6) as tf.Tensor2D;
    const f = (data: boolean) => (kk: tf.Tensor) => tf.sum(tf.square(applyDense(x, kk as tf.Tensor2D, undefined, data)));
    expect(relErr(tf.grad(f(true))(k), tf.grad(f(false))(k))).toBeLessThan(1e-6);
    const [gx] = tf.grads((xx: tf.Tensor) => tf.sum(applyDense(xx as tf.Tensor3D, k, undefined, true)))([x]);
    expect(tf.max(tf.abs(gx)).dataSync()[0]).toBe(0);
  });
});
