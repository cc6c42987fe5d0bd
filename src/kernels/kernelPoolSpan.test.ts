// The Bernoulli likelihood split between the pool's threads (by row forward, by example
// backward) must give the very bits of the one-thread kernel, for one sample per example and
// for many sharing one x, at sizes below and above the threading threshold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileKernels } from './wasmKernels';
import { KernelPool } from './kernelPool';

function rng(seed: number) {
  return () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
}

describe('KernelPool.runSpan on threads', () => {
  let single: KernelPool;
  let threaded: KernelPool;
  beforeAll(async () => {
    const module = await compileKernels();
    [single, threaded] = await Promise.all([KernelPool.create(module, 1), KernelPool.create(module, 2)]);
    expect(threaded.threadCount).toBe(2);
  });
  afterAll(() => {
    single.dispose();
    threaded.dispose();
  });

  for (const [S, B, D, Sx] of [
    [1, 128, 784, 1],
    [5, 128, 784, 1],
    [3, 7, 787, 3],
    [50, 3, 785, 1],
    [2, 1, 40_000, 1],
  ]) {
    it(`S=${S} B=${B} D=${D}, x ${Sx === 1 && S > 1 ? 'shared by every sample' : 'per sample'}`, () => {
      const r = rng(S * 7 + B * 13 + D);
      const l = Float32Array.from({ length: S * B * D }, () => r() * 6);
      const x = Float32Array.from({ length: Sx * B * D }, () => (r() > 0 ? 1 : 0));
      const dy = Float32Array.from({ length: S * B }, () => r());
      const outs = [single, threaded].map((pool) => {
        const lp = new Float32Array(S * B);
        const [dl, dx] = [new Float32Array(S * B * D), new Float32Array(Sx * B * D)];
        pool.runSpan([x, l], [lp], 'bernoulli_logprob', ([xa, la], [oa]) => [S, B, D, Sx, xa, la, oa], S * B, S * B * D);
        pool.runSpan([x, l, dy], [dl, dx], 'bernoulli_grad', ([xa, la, dya], [dla, dxa]) => [S, B, D, Sx, xa, la, dya, dla, dxa], B, S * B * D);
        return { lp, dl, dx };
      });
      const bits = (a: Float32Array) => new Uint32Array(a.buffer);
      expect(bits(outs[1].lp)).toEqual(bits(outs[0].lp));
      expect(bits(outs[1].dl)).toEqual(bits(outs[0].dl));
      expect(bits(outs[1].dx)).toEqual(bits(outs[0].dx));
      expect(outs[0].lp.every(Number.isFinite) && outs[0].dx.some((v) => v !== 0)).toBe(true);
    });
  }
});
