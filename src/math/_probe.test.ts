import { it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import './registerGradients';
import { meanPpcaNll, ppcaClosedForm } from './ppcaClosedForm';
import { ppcaNll } from './ppcaTf';
import { ppcaNllDense } from './ppcaDense';
import seedrandom from 'seedrandom';
import { randomMatrix, samplePpcaData } from './syntheticPpca';

it('probe', async () => {
  await tf.setBackend('cpu');
  // agreement errors
  for (const [d, q] of [[5, 2], [12, 3], [3, 1], [8, 7]]) {
    const W = randomMatrix('W' + d, d, q, 0.8), b = randomMatrix('b' + d, 1, d, 2)[0];
    const x = samplePpcaData('x' + d, 9, randomMatrix('W2' + d, d, q, 1.5), b, 1, 0.7);
    const dense = ppcaNllDense(x, 9, d, W, b, 1.3, 0.3);
    const got = ppcaNll(tf.tensor2d(x, [9, d]), tf.tensor2d(W), tf.tensor1d(b), tf.scalar(Math.log(1.3)), tf.scalar(Math.log(0.3))).dataSync();
    let m = 0; for (let i = 0; i < 9; i++) m = Math.max(m, Math.abs(got[i] - dense[i]) / Math.abs(dense[i]));
    console.log('agree', d, q, m.toExponential(2));
  }
  // MNIST-like sparse data
  const rng = seedrandom('mn');
  const n = 60000, d = 784;
  const x = new Float32Array(n * d);
  const proto = randomMatrix('proto', 10, d, 1).map((r) => r.map((v) => (v > 0.9 ? 1 : 0)));
  for (let r = 0; r < n; r++) { const p = proto[r % 10]; for (let i = 0; i < d; i++) if (p[i] && rng() < 0.8) x[r * d + i] = rng(); }
  let t0 = Date.now();
  for (const q of [16, 64]) {
    t0 = Date.now();
    const fit = ppcaClosedForm(x, n, d, q, 1);
    console.log('closed form q', q, 'ms', Date.now() - t0, 'sigma2', fit.sigma2, 'meanNll', fit.meanNll);
    const xt = x.subarray(0, 10000 * d);
    t0 = Date.now();
    const js = meanPpcaNll(xt, 10000, d, fit.W, fit.b, 1, fit.sigma2);
    console.log('meanPpcaNll 10000 ms', Date.now() - t0, js);
    const xs = tf.tensor2d(x.subarray(0, 1000 * d), [1000, d]);
    t0 = Date.now();
    const tfv = tf.mean(ppcaNll(xs, tf.tensor2d(fit.W), tf.tensor1d(Array.from(fit.b)), tf.scalar(0), tf.scalar(Math.log(fit.sigma2)))).dataSync()[0];
    const js1 = meanPpcaNll(x.subarray(0, 1000 * d), 1000, d, fit.W, fit.b, 1, fit.sigma2);
    console.log('tf f32 vs js f64 on 1000', tfv, js1, 'abs diff', Math.abs(tfv - js1), 'ms', Date.now() - t0);
    // grad step timing batch 128
    const xb = tf.tensor2d(x.subarray(0, 128 * d), [128, d]);
    const W = tf.tensor2d(fit.W), b = tf.tensor1d(Array.from(fit.b)), ls = tf.scalar(Math.log(fit.sigma2));
    t0 = Date.now();
    for (let k = 0; k < 5; k++) tf.tidy(() => { const g = tf.grads((w: tf.Tensor, bb: tf.Tensor, l: tf.Tensor) => tf.mean(ppcaNll(xb, w as tf.Tensor2D, bb as tf.Tensor1D, tf.scalar(0), l as tf.Scalar)))([W, b, ls]); g[0].dataSync(); });
    console.log('grad step ms (B=128)', (Date.now() - t0) / 5);
  }
});
