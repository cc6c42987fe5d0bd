// What the model has learned, drawn from the real model between training steps: the PPCA
// picture, the encoded test set, and for image data reconstructions, prior samples, the 2-D
// manifold and an interpolation. Bounded in cost (capped counts, one decoder pass for every
// image, one read-back per stage) and leak-free (everything inside tf.tidy or disposed).
import * as tf from '@tensorflow/tfjs-core';
import type { CompiledModel } from '../../compiler/compile';
import { mixSeed } from '../../nodes/runtime/seeds';
import { rows, type Dataset } from '../../data/dataset';
import type { ModelViews, ViewOptions } from '../protocol';
import { latentAccess, type LatentAccess } from './latentAccess';
import { latentScatter } from './latentScatter';
import { ppcaView } from './ppcaView';
import { imageGrid, imageSide, manifoldLatents } from './imageGrids';

/** Caps that keep a view well under the time of a few training steps. */
export const VIEW_LIMITS = {
  latentPoints: 2000,
  reconstructions: 16,
  samples: 16,
  defaultManifoldGrid: 12,
  maxManifoldGrid: 24,
  interpolationSteps: 10,
  /** Rows encoded per forward pass for the scatter, bounding the peak memory. */
  encodeChunk: 1000,
} as const;

export type ComputeViewsOptions = ViewOptions & { epoch: number; step: number; seed: number };

export async function computeViews(model: CompiledModel, data: { train: Dataset; test: Dataset }, opts: ComputeViewsOptions): Promise<ModelViews> {
  const { train, test } = data;
  const notes: string[] = [];
  const views: ModelViews = { epoch: opts.epoch, step: opts.step, notes };
  if (test.n === 0) {
    notes.push('There is no held-out data, so nothing is drawn: every view shows test points.');
    return views;
  }

  if (model.linearGaussian) {
    const { view, note } = await ppcaView(model.linearGaussian, train, test);
    views.ppca = view;
    if (note) notes.push(note);
  } else {
    notes.push('The PPCA view needs a linear-Gaussian model (prior → sampler → linear → Gaussian likelihood); this decoder is not one.');
  }

  const access = await latentAccess(model, test);
  if (!access) {
    notes.push('The loss has no latent variable, so there is no latent scatter and nothing to decode.');
    return views;
  }

  if (access.encoder !== 'none') {
    const n = Math.min(test.n, opts.latentPoints ?? test.n, VIEW_LIMITS.latentPoints);
    const means = await encodeRows(access, test, n, mixSeed(opts.seed, 'scatter'));
    views.latent = latentScatter(means, n, access.dim, access.encoderDescription, test.labels?.slice(0, n));
  } else {
    notes.push('No latent scatter: z is drawn from the prior without looking at x, so there is no encoder q(z|x) or g(x) to place the test points.');
  }

  const side = imageSide(test.d);
  if (!side) {
    notes.push(`The data are not images (d = ${test.d} is not a square of at least 8×8 pixels), so no reconstructions, samples, manifold or interpolation are drawn.`);
    return views;
  }
  Object.assign(views, await imageViews(access, test, side, opts, notes));
  return views;
}

/** Encoded means of the first n test rows, [n, q] row-major. */
async function encodeRows(access: LatentAccess, test: Dataset, n: number, seed: number): Promise<Float32Array> {
  const all = tf.tidy(() => {
    const parts: tf.Tensor2D[] = [];
    for (let start = 0; start < n; start += VIEW_LIMITS.encodeChunk) {
      const m = Math.min(VIEW_LIMITS.encodeChunk, n - start);
      const x = tf.tensor2d(rows(test, range(start, m)), [m, test.d]);
      parts.push(access.encode(x, mixSeed(seed, start)));
    }
    return parts.length === 1 ? parts[0] : tf.concat(parts, 0);
  });
  const out = (await all.data()) as Float32Array;
  all.dispose();
  return out;
}

/**
 * Every image view from one decoder pass: the latents of all of them are stacked —
 * reconstructions, prior samples, manifold grid, interpolation — decoded together, read once.
 */
async function imageViews(access: LatentAccess, test: Dataset, side: number, opts: ComputeViewsOptions, notes: string[]): Promise<Partial<ModelViews>> {
  const q = access.dim;
  const hasEncoder = access.encoder !== 'none';
  const nRec = hasEncoder ? Math.min(VIEW_LIMITS.reconstructions, test.n) : 0;
  const nSamples = VIEW_LIMITS.samples;
  const grid = q === 2 ? Math.max(2, Math.min(VIEW_LIMITS.maxManifoldGrid, Math.round(opts.manifoldGrid ?? VIEW_LIMITS.defaultManifoldGrid))) : 0;
  const [from, to] = opts.interpolate ?? [0, 1];
  const validPair = [from, to].every((i) => Number.isInteger(i) && i >= 0 && i < test.n);
  const nInterp = hasEncoder && validPair ? VIEW_LIMITS.interpolationSteps : 0;

  if (!hasEncoder) notes.push('No reconstructions or interpolation: they decode the encoding of a test point, and this graph has no encoder.');
  if (q !== 2) notes.push(`No manifold: it decodes a grid over a 2-D latent, and this latent has ${q} dimension${q === 1 ? '' : 's'}.`);
  if (hasEncoder && !validPair) notes.push(`No interpolation: test indices ${from} and ${to} are not both between 0 and ${test.n - 1}.`);

  const decoded = tf.tidy(() => {
    const seed = mixSeed(opts.seed, 'images');
    // Stacked in the order they are unpacked below: reconstructions, samples, manifold, interpolation.
    const latents: tf.Tensor2D[] = [];
    let interpolation: tf.Tensor2D | undefined;
    if (nRec + nInterp > 0) {
      const idx = [...range(0, nRec), ...(nInterp ? [from, to] : [])];
      const z = access.encode(tf.tensor2d(rows(test, idx), [idx.length, test.d]), mixSeed(seed, 'encode'));
      if (nRec) latents.push(tf.slice(z, [0, 0], [nRec, q]));
      if (nInterp) {
        // The segment is made on the backend from the two encodings, so they are never read back.
        const t = tf.reshape(tf.linspace(0, 1, nInterp), [nInterp, 1]);
        const za = tf.slice(z, [nRec, 0], [1, q]);
        const zb = tf.slice(z, [nRec + 1, 0], [1, q]);
        interpolation = tf.add(tf.mul(za, tf.sub(1, t)), tf.mul(zb, t)) as tf.Tensor2D;
      }
    }
    latents.push(access.samplePrior(nSamples, mixSeed(seed, 'samples')));
    if (grid) latents.push(tf.tensor2d(manifoldLatents(grid, access.nu), [grid * grid, 2]));
    if (interpolation) latents.push(interpolation);
    return access.decode(tf.concat(latents, 0), mixSeed(seed, 'decode'));
  });
  const values = await decoded.data();
  decoded.dispose();

  const out: Partial<ModelViews> = {};
  let at = 0;
  if (nRec) {
    out.reconstructions = { inputs: imageGrid(test.x, 0, nRec, side), outputs: imageGrid(values, at, nRec, side) };
    at += nRec;
  }
  out.samples = imageGrid(values, at, nSamples, side);
  at += nSamples;
  if (grid) {
    out.manifold = { ...imageGrid(values, at, grid * grid, side), grid };
    at += grid * grid;
  }
  if (nInterp) out.interpolation = { ...imageGrid(values, at, nInterp, side), from, to };
  return out;
}

function range(start: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => start + i);
}
