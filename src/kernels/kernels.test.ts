import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { spawnSync } from 'node:child_process';
import {
  KERNELS_MAX_PAGES,
  KERNELS_SOURCE_SHA256,
  RELAXED_SIMD_PROBE,
  compileKernels,
  createKernelMemory,
  instantiateKernels,
  kernelsModuleVariant,
  kernelsVariant,
  kernelsWasmBytes,
  preferredKernelsVariant,
  relaxedSimdSupported,
  type KernelExports,
  type KernelsVariant,
} from './wasmKernels';
import { enableRelaxedSimd } from './nodeWasmFeatures';

// Node 20 has relaxed SIMD behind a V8 flag; set it (process-wide, this test file runs in its
// own process) so that both builds of the kernels are tested. Newer Node has it on already.
const relaxedAvailable = enableRelaxedSimd();
const VARIANTS: KernelsVariant[] = relaxedAvailable ? ['simd', 'relaxed-simd'] : ['simd'];

// Deterministic random numbers (mulberry32) so a failure reproduces.
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GUARD = -12345.5; // any value the kernels never produce here

/** The instance under test: each variant's describe block points it at that variant's instance. */
let k: KernelExports;
let memory: WebAssembly.Memory;
/** One instance per variant, all on the same shared memory. */
const instances = new Map<KernelsVariant, KernelExports>();

/** Bump allocator over the shared memory; each test resets it. Leaves a guard gap between regions. */
let highWater = 1 << 16;
class Heap {
  off = 1 << 16; // keep clear of the module's (unused) stack area for realism
  regions: { ptr: number; floats: number }[] = [];
  constructor() {
    // Restore the guard everywhere an earlier heap wrote.
    new Float32Array(memory.buffer).fill(GUARD, this.off / 4, highWater / 4);
  }
  alloc(floats: number, align = 16): number {
    this.off = Math.ceil(this.off / align) * align + 64; // 64-byte guard gap before each region
    const ptr = this.off;
    this.off += floats * 4;
    highWater = Math.max(highWater, this.off + 64);
    this.regions.push({ ptr, floats });
    if (this.off + 64 > memory.buffer.byteLength) memory.grow(Math.ceil((this.off + 64 - memory.buffer.byteLength) / 65536));
    return ptr;
  }
  get f32() {
    return new Float32Array(memory.buffer);
  }
  fill(ptr: number, data: ArrayLike<number>) {
    this.f32.set(data, ptr / 4);
  }
  read(ptr: number, floats: number): Float32Array {
    return this.f32.slice(ptr / 4, ptr / 4 + floats);
  }
}

beforeAll(async () => {
  memory = createKernelMemory(64 << 20);
  for (const variant of VARIANTS) instances.set(variant, await instantiateKernels(await compileKernels(variant), memory));
  k = instances.get('simd')!;
  // Every float outside the regions a test writes should stay GUARD.
  new Float32Array(memory.buffer).fill(GUARD);
});

describe('build', () => {
  it('the generated wasm was built from the current kernels.c (run npm run build:kernels)', () => {
    const src = readFileSync(fileURLToPath(new URL('./c/kernels.c', import.meta.url)));
    expect(createHash('sha256').update(src).digest('hex')).toBe(KERNELS_SOURCE_SHA256);
  });

  it('memory is shared with the maximum the module declares, and a second instance can share it', async () => {
    expect(memory.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(KERNELS_MAX_PAGES).toBe(16384);
    for (const variant of VARIANTS) {
      const mine = instances.get(variant)!;
      const other = await instantiateKernels(await compileKernels(variant), memory);
      expect(other.gemm_tile_m()).toBe(mine.gemm_tile_m());
      expect(mine.gemm_tile_m()).toBe(4);
      expect(mine.gemm_tile_n()).toBe(8);
    }
  });
});

describe('variant selection', () => {
  it('relaxed SIMD is available in Node once nodeWasmFeatures enables it', () => {
    expect(relaxedAvailable).toBe(true);
    expect(relaxedSimdSupported()).toBe(true);
    expect(enableRelaxedSimd()).toBe(true); // idempotent
  });

  it('compileKernels() picks the relaxed build when the engine supports it, and says so', async () => {
    expect(preferredKernelsVariant()).toBe('relaxed-simd');
    const module = await compileKernels();
    expect(kernelsVariant()).toBe('relaxed-simd');
    expect(kernelsModuleVariant(module)).toBe('relaxed-simd');
    expect(module).toBe(await compileKernels('relaxed-simd'));
    expect(kernelsModuleVariant(await compileKernels('simd'))).toBe('simd');
    expect(kernelsVariant()).toBe('relaxed-simd'); // an explicit variant does not change the choice
    expect(WebAssembly.validate(kernelsWasmBytes('relaxed-simd') as BufferSource)).toBe(true);
    expect(WebAssembly.validate(kernelsWasmBytes('simd') as BufferSource)).toBe(true);
  });

  it('the probe agrees with the relaxed module in a fresh Node with and without the V8 flag', () => {
    // V8 flags are process-wide, so the unflagged case needs another process.
    const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
    const script =
      "const [p, r, s] = process.argv.slice(1).map((h) => new Uint8Array(Buffer.from(h, 'hex')));" +
      'console.log(JSON.stringify([p, r, s].map((b) => WebAssembly.validate(b))));';
    const run = (flags: string[]) => {
      const res = spawnSync(process.execPath, [...flags, '-e', script, hex(RELAXED_SIMD_PROBE), hex(kernelsWasmBytes('relaxed-simd')), hex(kernelsWasmBytes('simd'))], { encoding: 'utf8' });
      expect(res.status, res.stderr).toBe(0);
      return JSON.parse(res.stdout) as [boolean, boolean, boolean];
    };
    const plain = run([]);
    expect(plain[0]).toBe(plain[1]); // probe says relaxed iff the relaxed module validates
    expect(plain[2]).toBe(true);
    if (process.versions.v8.startsWith('11.3')) expect(plain[0]).toBe(false); // Node 20: flagged
    expect(run(['--experimental-wasm-relaxed-simd'])).toEqual([true, true, true]);
  });
});

interface GemmCase {
  M: number;
  N: number;
  K: number;
  tA: 0 | 1;
  tB: 0 | 1;
  bias: boolean;
  relu: boolean;
}

/** float64 reference of op(A)·op(B) + bias, act; also the per-element error scale Σ|a·b| + |bias|. */
function reference(c: GemmCase, A: Float32Array, B: Float32Array, bias: Float32Array | null) {
  const { M, N, K, tA, tB } = c;
  const out = new Float64Array(M * N);
  const scale = new Float64Array(M * N);
  for (let i = 0; i < M; i++)
    for (let j = 0; j < N; j++) {
      let s = bias ? bias[j] : 0;
      let sc = bias ? Math.abs(bias[j]) : 0;
      for (let p = 0; p < K; p++) {
        const a = tA ? A[p * M + i] : A[i * K + p];
        const b = tB ? B[j * K + p] : B[p * N + j];
        s += a * b;
        sc += Math.abs(a * b);
      }
      out[i * N + j] = c.relu ? Math.max(s, 0) : s;
      scale[i * N + j] = sc;
    }
  return { out, scale };
}

/**
 * Runs gemm on the given blocks of C (all of it by default) and checks: every element of the
 * blocks matches the reference; every other element of C, the guard gaps around C, A, B and
 * bias, and the bytes just past each block's scratch are untouched.
 */
function checkGemm(c: GemmCase, seed: number, blocks?: [number, number, number, number][]) {
  const { M, N, K, tA, tB } = c;
  const r = rng(seed);
  const heap = new Heap();
  const Av = Float32Array.from({ length: M * K }, () => r() * 2 - 1);
  const Bv = Float32Array.from({ length: K * N }, () => r() * 2 - 1);
  const biasV = c.bias ? Float32Array.from({ length: N }, () => r() * 2 - 1) : null;
  const A = heap.alloc(M * K), B = heap.alloc(K * N), C = heap.alloc(M * N);
  const bias = biasV ? heap.alloc(N) : 0;
  heap.fill(A, Av);
  heap.fill(B, Bv);
  if (biasV) heap.fill(bias, biasV);
  const f32 = heap.f32;
  f32.fill(GUARD, C / 4 - 16, C / 4 + M * N + 16);

  const todo = blocks ?? [[0, M, 0, N]];
  const written = new Uint8Array(M * N);
  for (const [i0, i1, j0, j1] of todo) {
    const bytes = k.gemm_scratch_bytes(M, N, K, i0, i1, j0, j1);
    expect(bytes).toBeGreaterThanOrEqual(0);
    expect(bytes).toBeLessThanOrEqual(1 << 20);
    const scratch = heap.alloc(bytes / 4 + 16);
    heap.f32.fill(GUARD, scratch / 4, scratch / 4 + bytes / 4 + 16);
    k.gemm(M, N, K, A, tA, B, tB, C, bias, c.relu ? 1 : 0, i0, i1, j0, j1, scratch);
    const after = heap.read(scratch + bytes, 16);
    expect(after.every((x) => x === GUARD), 'gemm wrote past its scratch').toBe(true);
    for (let i = i0; i < i1; i++) for (let j = j0; j < j1; j++) written[i * N + j] = 1;
  }

  const { out, scale } = reference(c, Av, Bv, biasV);
  const got = heap.read(C, M * N);
  let bad = 0;
  let firstBad = '';
  for (let x = 0; x < M * N; x++) {
    const ok = written[x]
      ? Math.abs(got[x] - out[x]) <= 1e-5 * scale[x] + 1e-30
      : got[x] === GUARD;
    if (!ok && bad++ === 0) firstBad = `C[${Math.floor(x / N)},${x % N}] = ${got[x]}, want ${written[x] ? out[x] : 'untouched'}`;
  }
  expect(bad, `${JSON.stringify(c)} blocks ${JSON.stringify(todo)}: ${bad} wrong, first ${firstBad}`).toBe(0);
  const guardsIntact = [
    ...heap.read(C - 64, 16),
    ...heap.read(C + M * N * 4, 16),
    ...heap.read(A - 64, 16),
    ...heap.read(B - 64, 16),
  ].every((x) => x === GUARD);
  expect(guardsIntact, 'gemm wrote outside C').toBe(true);
  expect(heap.read(A, M * K)).toEqual(Av);
  expect(heap.read(B, K * N)).toEqual(Bv);
}

const TRANS: [0 | 1, 0 | 1][] = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];

/** The correctness tests, run once per variant against `k` (set by the caller's beforeAll). */
function correctnessTests() {
  describe('gemm', () => {
    // Odd sizes around the 4x8 micro-tile, K around the 256-wide K block, N past the 512-wide
    // column block and M past the 120-row block, so every edge path and multi-pass path runs.
    const SIZES: [number, number, number][] = [
      [1, 1, 1],
      [1, 3, 17],
      [3, 1, 5],
      [3, 17, 2],
      [17, 3, 129],
      [5, 9, 256],
      [7, 13, 257],
      [129, 17, 3],
      [4, 8, 8],
      [33, 41, 600],
      [121, 530, 40],
      [130, 23, 520],
    ];
    for (const [tA, tB] of TRANS)
      it(`all sizes, transA=${tA} transB=${tB}, bias/relu combinations`, () => {
        let seed = 1 + tA * 2 + tB;
        for (const [M, N, K] of SIZES)
          for (const [bias, relu] of [
            [false, false],
            [true, true],
            [true, false],
            [false, true],
          ])
            checkGemm({ M, N, K, tA, tB, bias, relu }, seed++);
      });

    it('VAE-sized shapes', () => {
      let seed = 100;
      const shapes: [number, number, number, 0 | 1, 0 | 1][] = [
        [128, 400, 784, 0, 0],
        [128, 784, 400, 0, 1],
        [784, 400, 128, 1, 0],
        [128, 20, 400, 0, 1],
        [20, 400, 128, 1, 0],
      ];
      for (const [M, N, K, tA, tB] of shapes) checkGemm({ M, N, K, tA, tB, bias: true, relu: true }, seed++);
    });

    it('K = 0 gives act(bias) (or zero)', () => {
      checkGemm({ M: 5, N: 11, K: 0, tA: 0, tB: 0, bias: true, relu: true }, 7);
      checkGemm({ M: 5, N: 11, K: 0, tA: 1, tB: 1, bias: false, relu: false }, 8);
    });

    it('empty blocks write nothing', () => {
      checkGemm({ M: 9, N: 9, K: 9, tA: 0, tB: 0, bias: true, relu: false }, 9, [
        [3, 3, 0, 9],
        [0, 9, 5, 5],
      ]);
    });

    for (const [tA, tB] of TRANS)
      it(`sub-blocks write exactly their block, transA=${tA} transB=${tB}`, () => {
        const r = rng(50 + tA * 2 + tB);
        const M = 37, N = 45, K = 300;
        // Single unaligned blocks, including 1-wide and 1-high ones.
        for (let t = 0; t < 12; t++) {
          const i0 = Math.floor(r() * M), i1 = i0 + 1 + Math.floor(r() * (M - i0));
          const j0 = Math.floor(r() * N), j1 = j0 + 1 + Math.floor(r() * (N - j0));
          checkGemm({ M, N, K, tA, tB, bias: t % 2 === 0, relu: t % 3 === 0 }, 1000 + t, [[i0, i1, j0, j1]]);
        }
        // A tiling of C into disjoint blocks (aligned and unaligned) must equal the whole product.
        checkGemm({ M, N, K, tA, tB, bias: true, relu: true }, 2000, [
          [0, 16, 0, 24],
          [0, 16, 24, 45],
          [16, 37, 0, 7],
          [16, 37, 7, 45],
        ]);
      });
  });

  /** tfjs 4.22 AdamOptimizer in float32: m, v, then w += ((m/bc1) / (sqrt(v/bc2) + eps)) * -lr. */
  function adamReference(w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, lr: number, b1: number, b2: number, eps: number, bc1: number, bc2: number) {
    const f = Math.fround;
    const fb1 = f(b1), fob1 = f(1 - b1), fb2 = f(b2), fob2 = f(1 - b2);
    const nlr = f(-lr), fe = f(eps), c1 = f(bc1), c2 = f(bc2);
    for (let i = 0; i < w.length; i++) {
      const mi = f(f(m[i] * fb1) + f(g[i] * fob1));
      const vi = f(f(v[i] * fb2) + f(f(g[i] * g[i]) * fob2));
      m[i] = mi;
      v[i] = vi;
      const den = f(f(Math.sqrt(f(vi / c2))) + fe);
      w[i] = f(w[i] + f(f(f(mi / c1) / den) * nlr));
    }
  }

  /** bc = 1 - beta^t as tfjs keeps it: accBeta starts at beta and is multiplied by beta in float32. */
  function biasCorrections(beta: number, steps: number): number[] {
    const out: number[] = [];
    let acc = Math.fround(beta);
    for (let t = 0; t < steps; t++) {
      out.push(Math.fround(1 - acc));
      acc = Math.fround(acc * Math.fround(beta));
    }
    return out;
  }

  describe('adam', () => {
    it('matches the float32 tfjs formula bit for bit (odd length, several steps)', () => {
      const r = rng(3);
      const n = 1031;
      const heap = new Heap();
      const w = heap.alloc(n), g = heap.alloc(n), m = heap.alloc(n), v = heap.alloc(n);
      const W = Float32Array.from({ length: n }, () => r() - 0.5);
      const Mm = new Float32Array(n), V = new Float32Array(n);
      heap.fill(w, W);
      heap.fill(m, Mm);
      heap.fill(v, V);
      const [lr, b1, b2, eps] = [0.001, 0.9, 0.999, 1e-7];
      const bc1 = biasCorrections(b1, 5), bc2 = biasCorrections(b2, 5);
      for (let t = 0; t < 5; t++) {
        const G = Float32Array.from({ length: n }, () => (r() - 0.5) * (t + 1));
        heap.fill(g, G);
        k.adam(n, w, g, m, v, lr, b1, b2, eps, bc1[t], bc2[t]);
        adamReference(W, G, Mm, V, lr, b1, b2, eps, bc1[t], bc2[t]);
      }
      expect(heap.read(m, n)).toEqual(Mm);
      expect(heap.read(v, n)).toEqual(V);
      expect(heap.read(w, n)).toEqual(W);
      expect(heap.read(w + n * 4, 16).every((x) => x === GUARD)).toBe(true);
      expect(heap.read(v + n * 4, 16).every((x) => x === GUARD)).toBe(true);
    });

    it('matches tf.train.adam on the cpu backend', async () => {
      await tf.setBackend('cpu');
      const r = rng(4);
      const n = 37;
      const [lr, b1, b2, eps] = [0.01, 0.8, 0.99, 1e-7];
      const W0 = Float32Array.from({ length: n }, () => r() - 0.5);
      const grads = Array.from({ length: 4 }, () => Float32Array.from({ length: n }, () => r() - 0.5));
      const variable = tf.variable(tf.tensor1d(W0), true, 'adam_test_w');
      const opt = tf.train.adam(lr, b1, b2, eps);
      for (const G of grads) opt.applyGradients([{ name: 'adam_test_w', tensor: tf.tensor1d(G) }]);
      const want = variable.dataSync() as Float32Array;
      opt.dispose();
      variable.dispose();

      const heap = new Heap();
      const w = heap.alloc(n), g = heap.alloc(n), m = heap.alloc(n), v = heap.alloc(n);
      heap.fill(w, W0);
      heap.fill(m, new Float32Array(n));
      heap.fill(v, new Float32Array(n));
      const bc1 = biasCorrections(b1, grads.length), bc2 = biasCorrections(b2, grads.length);
      grads.forEach((G, t) => {
        heap.fill(g, G);
        k.adam(n, w, g, m, v, lr, b1, b2, eps, bc1[t], bc2[t]);
      });
      const got = heap.read(w, n);
      for (let i = 0; i < n; i++) expect(Math.abs(got[i] - want[i])).toBeLessThanOrEqual(1e-6 * Math.abs(want[i]) + 1e-9);
    });
  });

  describe('bias_grad and relu_grad', () => {
    it('bias_grad sums columns', () => {
      const r = rng(5);
      for (const [M, N] of [
        [1, 1],
        [3, 5],
        [128, 400],
        [17, 37],
        [128, 20],
      ]) {
        const heap = new Heap();
        const dY = Float32Array.from({ length: M * N }, () => r() * 2 - 1);
        const p = heap.alloc(M * N), out = heap.alloc(N);
        heap.fill(p, dY);
        k.bias_grad(M, N, p, out);
        const got = heap.read(out, N);
        for (let j = 0; j < N; j++) {
          let s = 0, sc = 0;
          for (let i = 0; i < M; i++) {
            s += dY[i * N + j];
            sc += Math.abs(dY[i * N + j]);
          }
          expect(Math.abs(got[j] - s)).toBeLessThanOrEqual(1e-5 * sc + 1e-30);
        }
        expect(heap.read(out + N * 4, 16).every((x) => x === GUARD)).toBe(true);
      }
    });

    it('relu_grad masks by y > 0, also in place', () => {
      const r = rng(6);
      const n = 1027;
      const heap = new Heap();
      const y = Float32Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 0 : r() - 0.5));
      const dy = Float32Array.from({ length: n }, () => r() - 0.5);
      const py = heap.alloc(n), pdy = heap.alloc(n), out = heap.alloc(n);
      heap.fill(py, y);
      heap.fill(pdy, dy);
      const want = dy.map((d, i) => (y[i] > 0 ? d : 0));
      k.relu_grad(n, py, pdy, out);
      expect(heap.read(out, n)).toEqual(want);
      expect(heap.read(out + n * 4, 16).every((x) => x === GUARD)).toBe(true);
      k.relu_grad(n, py, pdy, pdy);
      expect(heap.read(pdy, n)).toEqual(want);
    });
  });

  describe('bernoulli_logprob and bernoulli_grad', () => {
    // float64 references, with softplus and σ written the stable way.
    const softplus = (l: number) => Math.max(l, 0) + Math.log1p(Math.exp(-Math.abs(l)));
    const sigmoid = (l: number) => 1 / (1 + Math.exp(-l));

    it('softplus is accurate to float32 rounding from −90 to 90, zero and ±tiny included', () => {
      const ls = [0, 1e-30, -1e-30, 1e-6, -1e-6, 0.4142, 0.4143, -0.4142, -0.4143, 88, -88, 90, -90];
      for (let i = 0; i <= 4000; i++) ls.push(-45 + (90 * i) / 4000);
      const heap = new Heap();
      const pl = heap.alloc(ls.length), px = heap.alloc(ls.length), out = heap.alloc(ls.length);
      heap.fill(pl, ls);
      heap.fill(px, new Float32Array(ls.length));
      // One row per logit: D = 1 exercises the scalar tail; then whole rows of four.
      k.bernoulli_logprob(1, ls.length, 1, 1, px, pl, out, 0, ls.length);
      const got = heap.read(out, ls.length);
      const l32 = Float32Array.from(ls);
      for (let i = 0; i < ls.length; i++) expect(Math.abs(-got[i] - softplus(l32[i])), `softplus(${l32[i]})`).toBeLessThanOrEqual(3e-7 * softplus(l32[i]) + 1e-37);
    });

    for (const [S, B, D, Sx] of [
      [1, 7, 784, 1],
      [3, 5, 787, 3],
      [3, 5, 787, 1],
      [2, 4, 3, 1],
    ]) {
      it(`log-likelihood and gradient against float64, S=${S} B=${B} D=${D} x shared by ${Sx === 1 && S > 1 ? 'all samples' : 'its sample'}`, () => {
        const r = rng(S * 1000 + D);
        const n = S * B * D;
        const nx = Sx * B * D;
        const l = Float32Array.from({ length: n }, (_, i) => (r() - 0.5) * (i % 11 === 0 ? 60 : 8));
        const x = Float32Array.from({ length: nx }, (_, i) => (i % 3 === 0 ? r() : r() < 0.5 ? 0 : 1));
        const dy = Float32Array.from({ length: S * B }, () => r() - 0.5);
        const heap = new Heap();
        const [pl, px, pdy, out, pdl, pdx] = [n, nx, S * B, S * B, n, nx].map((m) => heap.alloc(m));
        heap.fill(pl, l);
        heap.fill(px, x);
        heap.fill(pdy, dy);
        k.bernoulli_logprob(S, B, D, Sx, px, pl, out, 0, S * B);
        k.bernoulli_grad(S, B, D, Sx, px, pl, pdy, pdl, pdx, 0, B);
        const [got, dl, dx] = [heap.read(out, S * B), heap.read(pdl, n), heap.read(pdx, nx)];
        const dxRef = new Float64Array(nx);
        for (let s = 0; s < S; s++)
          for (let b = 0; b < B; b++) {
            let ref = 0;
            let scale = 0;
            for (let d = 0; d < D; d++) {
              const i = (s * B + b) * D + d;
              const j = ((Sx === 1 ? 0 : s) * B + b) * D + d;
              ref += x[j] * l[i] - softplus(l[i]);
              scale += Math.abs(x[j] * l[i]) + softplus(l[i]);
              expect(Math.abs(dl[i] - dy[s * B + b] * (x[j] - sigmoid(l[i])))).toBeLessThanOrEqual(1e-6 * Math.abs(dy[s * B + b]));
              dxRef[j] += dy[s * B + b] * l[i];
            }
            expect(Math.abs(got[s * B + b] - ref)).toBeLessThanOrEqual(1e-6 * scale);
          }
        for (let j = 0; j < nx; j++) expect(Math.abs(dx[j] - dxRef[j])).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(dxRef[j])));
        for (const [p, m] of [
          [out, S * B],
          [pdl, n],
          [pdx, nx],
        ])
          expect(heap.read(p + m * 4, 16).every((v) => v === GUARD)).toBe(true);

        // Split into ranges, as threads take them: the same bits, each range writing only its own.
        const [out2, pdl2, pdx2] = [S * B, n, nx].map((m) => heap.alloc(m));
        const rowCut = Math.floor((S * B) / 3);
        const bCut = Math.floor(B / 2);
        k.bernoulli_logprob(S, B, D, Sx, px, pl, out2, rowCut, S * B);
        k.bernoulli_logprob(S, B, D, Sx, px, pl, out2, 0, rowCut);
        k.bernoulli_grad(S, B, D, Sx, px, pl, pdy, pdl2, pdx2, bCut, B);
        k.bernoulli_grad(S, B, D, Sx, px, pl, pdy, pdl2, pdx2, 0, bCut);
        expect(heap.read(out2, S * B)).toEqual(got);
        expect(heap.read(pdl2, n)).toEqual(dl);
        expect(heap.read(pdx2, nx)).toEqual(dx);
      });
    }
  });
}

for (const variant of VARIANTS)
  describe(`${variant} build`, () => {
    beforeAll(() => {
      k = instances.get(variant)!;
    });
    correctnessTests();
  });
