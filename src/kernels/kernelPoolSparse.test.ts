// The sparse product: a mostly-zero op(A) (the first layer's input) multiplied from its
// nonzeros alone. It must match a float64 product as the dense kernel does, give the same
// bits on one thread and on two, and leave dense operands to the dense kernel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileKernels } from './wasmKernels';
import { KernelPool, type GemmJob } from './kernelPool';

function reference(job: GemmJob): Float64Array {
  const { M, N, K, a, transA, b, bias, relu } = job;
  const c = new Float64Array(M * N);
  for (let i = 0; i < M; i++)
    for (let j = 0; j < N; j++) {
      let s = bias ? bias[j] : 0;
      for (let k = 0; k < K; k++) s += (transA ? a[k * M + i] : a[i * K + k]) * b[k * N + j];
      c[i * N + j] = relu ? Math.max(s, 0) : s;
    }
  return c;
}

let seed = 7;
const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
/** Pixels: zero with probability 1 − density, else in (0, 1]. */
const pixels = (n: number, density: number) => Float32Array.from({ length: n }, () => (Math.abs(rand()) < density ? Math.abs(rand()) + 1e-3 : 0));

function worstError(out: Float32Array, want: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(out[i] - want[i]) / (1 + Math.abs(want[i])));
  return worst;
}

let one: KernelPool;
let two: KernelPool;
beforeAll(async () => {
  const module = await compileKernels();
  [one, two] = await Promise.all([KernelPool.create(module, 1), KernelPool.create(module, 2)]);
});
afterAll(() => {
  one.dispose();
  two.dispose();
});

describe('the sparse product', () => {
  // The first layer forward (X·W + b, relu) and its weights' gradient (Xᵀ·dZ), with widths
  // that leave ragged column blocks (400 = 12·32 + 16, 37, 3).
  const cases: (Omit<GemmJob, 'a' | 'b' | 'bias'> & { bias?: boolean })[] = [
    { M: 128, N: 400, K: 784, transA: false, transB: false, bias: true, relu: true },
    { M: 784, N: 400, K: 128, transA: true, transB: false },
    { M: 96, N: 37, K: 784, transA: false, transB: false, bias: true },
    { M: 300, N: 3, K: 784, transA: false, transB: false, relu: true },
    { M: 784, N: 37, K: 200, transA: true, transB: false, bias: true, relu: true },
  ];
  for (const c of cases) {
    it(`${c.transA ? 'Aᵀ' : 'A'} ${c.M}×${c.K} at 20 % nonzeros times ${c.K}×${c.N}${c.bias ? ', bias' : ''}${c.relu ? ', relu' : ''}: the float64 product, the same bits on 1 and 2 threads`, () => {
      const job: GemmJob = { ...c, a: pixels(c.M * c.K, 0.2), b: Float32Array.from({ length: c.K * c.N }, rand), bias: c.bias ? Float32Array.from({ length: c.N }, rand) : undefined };
      const outs = [one, two].map((pool) => {
        const before = pool.sparseProducts;
        const out = new Float32Array(c.M * c.N).fill(NaN);
        pool.gemm(job, out);
        expect(pool.sparseProducts, 'took the sparse path').toBe(before + 1);
        return out;
      });
      expect(worstError(outs[0], reference(job))).toBeLessThan(1e-5);
      expect(outs[1]).toEqual(outs[0]);
    });
  }

  it('an all-zero op(A) gives act(bias) in every row', () => {
    const [M, N, K] = [64, 50, 784];
    const bias = Float32Array.from({ length: N }, rand);
    const out = new Float32Array(M * N).fill(NaN);
    two.gemm({ M, N, K, a: new Float32Array(M * K), transA: false, b: Float32Array.from({ length: K * N }, rand), transB: false, bias, relu: true }, out);
    for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) expect(out[i * N + j]).toBe(Math.max(bias[j], 0));
  });

  it('leaves a dense op(A), or a transposed B, to the dense kernel', () => {
    const before = two.sparseProducts;
    const dense: GemmJob = { M: 128, N: 400, K: 784, a: pixels(128 * 784, 0.6), transA: false, b: Float32Array.from({ length: 784 * 400 }, rand), transB: false };
    const out = new Float32Array(128 * 400);
    two.gemm(dense, out);
    expect(worstError(out, reference(dense))).toBeLessThan(1e-5);
    two.gemm({ ...dense, a: pixels(128 * 784, 0.2), b: dense.b, transB: true, N: 400, K: 784 }, out);
    expect(two.sparseProducts).toBe(before);
  });
});
