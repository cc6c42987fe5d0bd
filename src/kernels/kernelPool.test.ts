// The pool under a burst of threaded products of changing shapes, as a training step asks
// for them: every result must match a float64 product. Chunks of one job taken by a thread
// that woke late, or scratch shared between jobs, would show here as wrong blocks.
import { describe, expect, it } from 'vitest';
import { compileKernels } from './wasmKernels';
import { KernelPool } from './kernelPool';

function reference(M: number, N: number, K: number, a: Float32Array, transA: boolean, b: Float32Array, transB: boolean): Float64Array {
  const c = new Float64Array(M * N);
  for (let i = 0; i < M; i++)
    for (let k = 0; k < K; k++) {
      const aik = transA ? a[k * M + i] : a[i * K + k];
      for (let j = 0; j < N; j++) c[i * N + j] += aik * (transB ? b[j * K + k] : b[k * N + j]);
    }
  return c;
}

describe('KernelPool', () => {
  it('computes 120 threaded products of changing shapes and layouts in a row, each exactly its own', async () => {
    const pool = await KernelPool.create(await compileKernels(), 2);
    try {
      expect(pool.threadCount).toBe(2);
      let seed = 1;
      const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
      for (let n = 0; n < 120; n++) {
        // ≥ 500k multiply-adds, so every product is cut into chunks for both threads.
        const M = 40 + ((n * 37) % 150);
        const N = 40 + ((n * 53) % 170);
        const K = Math.ceil(600_000 / (M * N)) + (n % 7);
        const [transA, transB] = [n % 2 === 1, n % 3 === 1];
        const a = Float32Array.from({ length: M * K }, rand);
        const b = Float32Array.from({ length: K * N }, rand);
        const out = new Float32Array(M * N).fill(NaN);
        pool.gemm({ M, N, K, a, transA, b, transB }, out);
        const want = reference(M, N, K, a, transA, b, transB);
        let worst = 0;
        for (let i = 0; i < M * N; i++) worst = Math.max(worst, Math.abs(out[i] - want[i]) / (1 + Math.abs(want[i])));
        expect(worst, `product ${n}: ${M}×${N}×${K}`).toBeLessThan(1e-5);
      }
    } finally {
      pool.dispose();
    }
  });

  it('keeps Adam moments apart, zeroed when handed out, and reuses a released region', async () => {
    const pool = await KernelPool.create(await compileKernels(), 1);
    try {
      const a = pool.holdMoments(1000);
      const b = pool.holdMoments(5000);
      expect(new Set([a.m, a.v, b.m, b.v]).size).toBe(4);
      expect(b.m).toBeGreaterThanOrEqual(a.v + 4000);
      // One Adam step leaves non-zero moments behind in a's region.
      const w = new Float32Array(1000).fill(1);
      const g = new Float32Array(1000).fill(0.5);
      pool.adam(a, w, g, new Float32Array(1000), { learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, correction1: 0.1, correction2: 0.001 });
      pool.releaseMoments(a);
      const c = pool.holdMoments(800);
      expect(c.m).toBe(a.m); // first fit: the freed region
      // Fresh moments: a step from zero moments gives the textbook first Adam update, −lr·sign(g).
      const out = new Float32Array(800);
      pool.adam(c, w.subarray(0, 800), g.subarray(0, 800), out, { learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, correction1: 0.1, correction2: 0.001 });
      for (const v of out) expect(v).toBeCloseTo(0.9, 5);
    } finally {
      pool.dispose();
    }
  });
});
