// The reference VAE written the plain tfjs way, independent of the compiler: tf.matMul,
// tf.add, tf.relu, tfjs's own autodiff through tf.train.adam().minimize. The benchmark's
// "stock tfjs" baseline, and (in stockVae.test.ts) an independent check of the compiled
// graphs/vae.json: 784-400-20 ReLU encoder, 20-400-784 ReLU decoder, Bernoulli likelihood
// on logits, analytic KL to N(0, I), one reparameterised sample per example.
import '#tf-gradients';
import * as tf from '@tensorflow/tfjs-core';

export interface StockVaeOptions {
  inputDim?: number;
  hidden?: number;
  latent?: number;
  learningRate?: number;
  /** Seeds the Glorot-uniform kernels (the compiler's default initialiser); biases start at 0. */
  seed?: number;
}

export interface StockVae {
  /** In a fixed order: enc, encMean, encLogvar, dec1, dec2 — each kernel then bias. */
  variables: tf.Variable[];
  /** Mean negative ELBO over the batch, in nats per example. `eps` [B, latent] fixes the noise. */
  loss(x: tf.Tensor2D, seed: number, eps?: tf.Tensor2D): tf.Scalar;
  /** One Adam step; returns the batch's mean loss (the caller disposes it). */
  step(x: tf.Tensor2D, seed: number): tf.Scalar;
  dispose(): void;
}

/** The layer names, in `variables` order (two variables each: kernel, bias). */
export const STOCK_LAYERS = ['enc', 'encMean', 'encLogvar', 'dec1', 'dec2'] as const;

export function createStockVae(opts: StockVaeOptions = {}): StockVae {
  const D = opts.inputDim ?? 784;
  const H = opts.hidden ?? 400;
  const Z = opts.latent ?? 20;
  const seed = opts.seed ?? 1;
  const dense = (name: string, inDim: number, outDim: number, i: number) =>
    tf.tidy(() => {
      const limit = Math.sqrt(6 / (inDim + outDim));
      return {
        w: tf.variable(tf.randomUniform([inDim, outDim], -limit, limit, 'float32', seed * 101 + i), true, `stock${++count}/${name}/kernel`),
        b: tf.variable(tf.zeros([outDim]), true, `stock${count}/${name}/bias`),
      };
    });
  const enc = dense('enc', D, H, 0);
  const encMean = dense('encMean', H, Z, 1);
  const encLogvar = dense('encLogvar', H, Z, 2);
  const dec1 = dense('dec1', Z, H, 3);
  const dec2 = dense('dec2', H, D, 4);
  const layers = [enc, encMean, encLogvar, dec1, dec2];
  const variables = layers.flatMap((l) => [l.w, l.b]);
  const optimizer = tf.train.adam(opts.learningRate ?? 1e-3);
  const affine = (x: tf.Tensor2D, l: { w: tf.Variable; b: tf.Variable }) => tf.add(tf.matMul(x, l.w as tf.Tensor2D), l.b) as tf.Tensor2D;

  const loss = (x: tf.Tensor2D, stepSeed: number, eps?: tf.Tensor2D): tf.Scalar =>
    tf.tidy(() => {
      const B = x.shape[0];
      const h = tf.relu(affine(x, enc));
      const mu = affine(h, encMean);
      const logVar = affine(h, encLogvar);
      const noise = eps ?? tf.randomNormal([B, Z], 0, 1, 'float32', stepSeed);
      const z = tf.add(mu, tf.mul(tf.exp(tf.mul(0.5, logVar)), noise));
      const logits = affine(tf.relu(affine(z as tf.Tensor2D, dec1)), dec2);
      // -log p(x|z) for a Bernoulli on logits ℓ: Σ softplus(ℓ) − x ℓ.
      const rec = tf.sum(tf.sub(tf.softplus(logits), tf.mul(x, logits)), 1);
      // KL(N(μ, e^v) ‖ N(0, I)) = ½ Σ (e^v + μ² − 1 − v).
      const kl = tf.mul(0.5, tf.sum(tf.sub(tf.sub(tf.add(tf.exp(logVar), tf.square(mu)), 1), logVar), 1));
      return tf.mean(tf.add(rec, kl)) as tf.Scalar;
    });

  return {
    variables,
    loss,
    step: (x, stepSeed) => optimizer.minimize(() => loss(x, stepSeed), true, variables)!,
    dispose() {
      optimizer.dispose();
      variables.forEach((v) => v.dispose());
    },
  };
}

let count = 0;
