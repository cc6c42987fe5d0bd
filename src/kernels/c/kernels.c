// Float32 compute kernels for the shared-memory wasm thread pool.
//
// Built by `npm run build:kernels` (scripts/build-kernels.mjs) into
// src/kernels/kernelsWasm.generated.ts. After editing this file, rebuild: a test compares
// the sha256 of this file with the one recorded in the generated module.
//
// Rules this file follows, and why:
//  * No libc, no malloc, no static mutable data: every thread instantiates the same module
//    on one shared WebAssembly.Memory, so any global state would be shared and racy. All
//    working memory comes from the caller (`scratch`, one region per thread).
//  * No shadow-stack use (no local arrays whose address escapes, no v128 arrays indexed
//    by a runtime value): the module's __stack_pointer would sit at one address for every
//    instance of the shared memory, so threads would trample each other's stack frames.
//    The build script checks the disassembly for __stack_pointer and fails if it is used.
//  * Built twice (scripts/build-kernels.mjs): plain wasm SIMD128, which every current browser
//    and Node 20 run without flags, and with -mrelaxed-simd (__wasm_relaxed_simd__), where the
//    GEMM's multiply-add is f32x4.relaxed_madd (one fused rounding on hardware with FMA, mul +
//    add elsewhere; either is fine for a GEMM). Everything else compiles to the same
//    instructions in both builds (the build script checks): Adam must stay bit-for-bit tfjs.
//
// All matrices are row-major float32; pointers are byte offsets into the memory.

#include <wasm_simd128.h>

typedef __SIZE_TYPE__ size_t;

#define EXPORT(name) __attribute__((export_name(#name))) __attribute__((visibility("default")))
#define INLINE static inline __attribute__((always_inline))

// ---------------------------------------------------------------------------------------
// GEMM
//
// GotoBLAS/BLIS structure: for each block of columns (NC) and of K (KC), op(B) is packed into
// NR-wide column panels (K-contiguous, zero-padded), then for each block of rows (MC) op(A)
// is packed into MR-row panels (K-contiguous, zero-padded). The micro-kernel then walks one
// A panel and one B panel with contiguous loads only, so the transpose flags cost nothing
// but a different packing loop. Zero padding lets the micro-kernel always run the full
// MR x NR tile; only the final store at a ragged edge is narrower.
//
// Micro-tile MR x NR = 4 x 8: 8 accumulators. V8 (TurboFan) hoists all of a k step's loads
// ahead of the arithmetic, so the live set is accumulators + MR broadcasts + NR/4 B vectors
// + 1 product temporary = 8 + 4 + 2 + 1 = 15, exactly the xmm registers V8 allocates on x64
// (xmm15 is its scratch). Measured under Node 20: 6x8 (20 live) and 3x12 spill and run at
// 20-25 GFLOP/s, 2x16 is load-bound, 4x8 runs at ~38. Unrolling k by hand (KUNROLL=4) or
// -mllvm -disable-lsr (folds load offsets, but V8 then keeps one base register per offset)
// were both ~30% slower; clang's default unrolling is as good as none.
//
// Relaxed build (MADD = f32x4.relaxed_madd, one vfmadd231ps per step on x64 with FMA): the
// product temporary is gone, so the live set is MR·NV + MR + NV. 4x8 (14), 3x12 (15) and 2x16
// (14) all run at ~49-50 GFLOP/s under Node 20 on a 2-core AMD EPYC, against ~58 for a
// register-only FMA loop on the same machine (2 x 128-bit FMA per cycle): the micro-kernel is
// FMA-bound. 5x8, 6x8, 4x12 and 3x16 (17-19 live) spill and drop to 24-31. Broadcasting A from
// one v128 load with shuffles (live set MR·NV + ceil(MR/4) + NV + 1) lets 5x8 fit, but it was
// only ~2% faster than 4x8 and its A load reads past the panel; so both builds use 4x8.
#ifndef MR
#define MR 4
#endif
#ifndef NR
#define NR 8
#endif
#define NV (NR / 4)
// KC x NR x 4 B = 8 KiB B micro-panel stays in L1 while the A block (MC x KC x 4 B ~ 120 KiB)
// streams from L2. NC bounds the packed B block (KC x NC x 4 B) so the scratch stays modest.
#ifndef KC
#define KC 256
#endif
#ifndef MC_MAX
#define MC_MAX 120
#endif
#ifndef NC_MAX
#define NC_MAX 512
#endif

// acc + a·b. Relaxed build: f32x4.relaxed_madd(a, b, acc). clang 14 names that builtin
// __builtin_wasm_fma_f32x4 and emits its prototype opcode, which the build script rewrites to
// the final one (same operand order); newer clang has __builtin_wasm_relaxed_madd_f32x4.
#if defined(__wasm_relaxed_simd__) && __has_builtin(__builtin_wasm_relaxed_madd_f32x4)
#define MADD(acc, a, b) __builtin_wasm_relaxed_madd_f32x4((a), (b), (acc))
#elif defined(__wasm_relaxed_simd__)
#define MADD(acc, a, b) __builtin_wasm_fma_f32x4((a), (b), (acc))
#else
#define MADD(acc, a, b) wasm_f32x4_add((acc), wasm_f32x4_mul((a), (b)))
#endif

INLINE int imin(int a, int b) { return a < b ? a : b; }
INLINE int round_up(int x, int m) { return (x + m - 1) / m * m; }
INLINE int cdiv(int a, int b) { return (a + b - 1) / b; }

// Block sizes are spread evenly (e.g. 400 columns -> one 400-wide block rather than 384+16)
// so that no block degenerates into a sliver that repacks A for a few columns.
INLINE int even_block(int n, int max, int align) {
  int blocks = cdiv(n, max);
  return round_up(cdiv(n, blocks), align);
}

// Pack op(B)[k0:k0+kc, j:j+nc] into ceil(nc/NR) panels of kc x NR, zero-padding columns >= nc.
INLINE void pack_b(const float *__restrict B, int N, int K, int transB, int k0, int kc, int j,
                   int nc, float *__restrict dst) {
  for (int jp = 0; jp < nc; jp += NR) {
    int w = imin(NR, nc - jp);
    float *__restrict d = dst + (size_t)jp * kc;
    if (!transB) {
      // op(B)[k][j] = B[k*N + j]: each k row of the panel is a contiguous NR-float run.
      const float *s = B + (size_t)k0 * N + j + jp;
      if (w == NR) {
        for (int k = 0; k < kc; k++, s += N, d += NR)
          for (int q = 0; q < NV; q++) wasm_v128_store(d + 4 * q, wasm_v128_load(s + 4 * q));
      } else {
        for (int k = 0; k < kc; k++, s += N, d += NR)
          for (int c = 0; c < NR; c++) d[c] = c < w ? s[c] : 0.0f;
      }
    } else {
      // op(B)[k][j] = B[j*K + k]: NR source rows, read along k, transposed 4x4 at a time.
      const float *s = B + (size_t)(j + jp) * K + k0;
      if (w == NR) {
        int k = 0;
        for (; k + 4 <= kc; k += 4) {
          for (int q = 0; q < NV; q++) {
            const float *s0 = s + (size_t)(4 * q) * K + k;
            v128_t r0 = wasm_v128_load(s0);
            v128_t r1 = wasm_v128_load(s0 + K);
            v128_t r2 = wasm_v128_load(s0 + 2 * (size_t)K);
            v128_t r3 = wasm_v128_load(s0 + 3 * (size_t)K);
            v128_t t0 = wasm_i32x4_shuffle(r0, r1, 0, 4, 1, 5);
            v128_t t1 = wasm_i32x4_shuffle(r0, r1, 2, 6, 3, 7);
            v128_t t2 = wasm_i32x4_shuffle(r2, r3, 0, 4, 1, 5);
            v128_t t3 = wasm_i32x4_shuffle(r2, r3, 2, 6, 3, 7);
            wasm_v128_store(d + (k + 0) * NR + 4 * q, wasm_i64x2_shuffle(t0, t2, 0, 2));
            wasm_v128_store(d + (k + 1) * NR + 4 * q, wasm_i64x2_shuffle(t0, t2, 1, 3));
            wasm_v128_store(d + (k + 2) * NR + 4 * q, wasm_i64x2_shuffle(t1, t3, 0, 2));
            wasm_v128_store(d + (k + 3) * NR + 4 * q, wasm_i64x2_shuffle(t1, t3, 1, 3));
          }
        }
        for (; k < kc; k++)
          for (int c = 0; c < NR; c++) d[k * NR + c] = s[(size_t)c * K + k];
      } else {
        for (int k = 0; k < kc; k++)
          for (int c = 0; c < NR; c++) d[k * NR + c] = c < w ? s[(size_t)c * K + k] : 0.0f;
      }
    }
  }
}

// Pack op(A)[i:i+mc, k0:k0+kc] into ceil(mc/MR) panels of kc x MR, zero-padding rows >= mc.
INLINE void pack_a(const float *__restrict A, int M, int K, int transA, int i, int mc, int k0,
                   int kc, float *__restrict dst) {
  for (int ip = 0; ip < mc; ip += MR) {
    int h = imin(MR, mc - ip);
    float *__restrict d = dst + (size_t)ip * kc;
    if (transA) {
      // op(A)[i][k] = A[k*M + i]: the MR values of one k are already contiguous.
      const float *s = A + (size_t)k0 * M + i + ip;
      for (int k = 0; k < kc; k++, s += M, d += MR)
        for (int r = 0; r < MR; r++) d[r] = r < h ? s[r] : 0.0f;
    } else {
      // op(A)[i][k] = A[i*K + k]: gather one value from each of MR rows per k.
      const float *s = A + (size_t)(i + ip) * K + k0;
      if (h == MR) {
        for (int k = 0; k < kc; k++, d += MR)
          for (int r = 0; r < MR; r++) d[r] = s[(size_t)r * K + k];
      } else {
        for (int k = 0; k < kc; k++, d += MR)
          for (int r = 0; r < MR; r++) d[r] = r < h ? s[(size_t)r * K + k] : 0.0f;
      }
    }
  }
}

// Load the first n (< 4) floats of p into a vector, zero elsewhere (never reads past p[n-1]).
INLINE v128_t load_partial(const float *p, int n) {
  v128_t v = wasm_f32x4_splat(0.0f);
  if (n > 0) v = wasm_f32x4_replace_lane(v, 0, p[0]);
  if (n > 1) v = wasm_f32x4_replace_lane(v, 1, p[1]);
  if (n > 2) v = wasm_f32x4_replace_lane(v, 2, p[2]);
  return v;
}

INLINE void store_partial(float *p, v128_t v, int n) {
  if (n > 0) p[0] = wasm_f32x4_extract_lane(v, 0);
  if (n > 1) p[1] = wasm_f32x4_extract_lane(v, 1);
  if (n > 2) p[2] = wasm_f32x4_extract_lane(v, 2);
}

// Loads up to NR floats of a row into vector q (q = 0..NV-1), respecting the valid width nr.
INLINE v128_t load_row_vec(const float *p, int q, int nr) {
  int n = nr - 4 * q;
  if (n >= 4) return wasm_v128_load(p + 4 * q);
  if (n <= 0) return wasm_f32x4_splat(0.0f);
  return load_partial(p + 4 * q, n);
}

INLINE void store_row_vec(float *p, int q, int nr, v128_t v) {
  int n = nr - 4 * q;
  if (n >= 4) wasm_v128_store(p + 4 * q, v);
  else if (n > 0) store_partial(p + 4 * q, v, n);
}

// One MR x NR tile of C (only the top-left mr x nr part is real).
//   first: this is the first K block, so start from bias (or zero) instead of reading C.
//   relu:  this is the last K block and the activation is relu.
// `full` is a compile-time constant at each call site so the full-tile version has no
// per-lane branches.
INLINE void micro_tile(int kc, const float *__restrict a, const float *__restrict b, float *c,
                       int ldc, int mr, int nr, int first, const float *bias, int relu,
                       int full) {
  v128_t acc[MR][NV];
  if (first) {
    for (int q = 0; q < NV; q++) {
      v128_t bv = wasm_f32x4_splat(0.0f);
      if (bias) bv = full ? wasm_v128_load(bias + 4 * q) : load_row_vec(bias, q, nr);
      for (int r = 0; r < MR; r++) acc[r][q] = bv;
    }
  } else {
    for (int r = 0; r < MR; r++)
      for (int q = 0; q < NV; q++)
        acc[r][q] = full ? wasm_v128_load(c + (size_t)r * ldc + 4 * q)
                         : (r < mr ? load_row_vec(c + (size_t)r * ldc, q, nr)
                                   : wasm_f32x4_splat(0.0f));
  }
#ifdef KUNROLL
#pragma clang loop unroll_count(KUNROLL)
#endif
  for (int k = 0; k < kc; k++) {
    v128_t bv[NV];
    for (int q = 0; q < NV; q++) bv[q] = wasm_v128_load(b + 4 * q);
    for (int r = 0; r < MR; r++) {
      v128_t av = wasm_v128_load32_splat(a + r);
      for (int q = 0; q < NV; q++) acc[r][q] = MADD(acc[r][q], av, bv[q]);
    }
    a += MR;
    b += NR;
  }
  if (relu) {
    v128_t z = wasm_f32x4_splat(0.0f);
    for (int r = 0; r < MR; r++)
      for (int q = 0; q < NV; q++) acc[r][q] = wasm_f32x4_max(acc[r][q], z);
  }
  for (int r = 0; r < MR; r++) {
    if (full) {
      for (int q = 0; q < NV; q++) wasm_v128_store(c + (size_t)r * ldc + 4 * q, acc[r][q]);
    } else if (r < mr) {
      for (int q = 0; q < NV; q++) store_row_vec(c + (size_t)r * ldc, q, nr, acc[r][q]);
    }
  }
}

/*
 * C[i0:i1, j0:j1] = act(op(A)[i0:i1, :] . op(B)[:, j0:j1] + bias[j0:j1])
 *   op(A) = A [M,K] (transA = 0) or A^T with A stored [K,M] (transA = 1)
 *   op(B) = B [K,N] (transB = 0) or B^T with B stored [N,K] (transB = 1)
 *   C is [M,N] with row stride N; only the block [i0,i1) x [j0,j1) is written.
 *   bias: 0 = none, else N floats. act: 0 = identity, 1 = relu.
 *   scratch: >= gemm_scratch_bytes(...) bytes, 16-byte aligned, private to the calling thread.
 * Thread-safe: reads A, B, bias; writes only the C block and scratch. Blocks whose i0 is a
 * multiple of gemm_tile_m() and j0 a multiple of gemm_tile_n() split with the least waste
 * (each block's ragged edge runs a partly padded micro-tile).
 */
EXPORT(gemm)
void gemm(int M, int N, int K, const float *A, int transA, const float *B, int transB, float *C,
          const float *bias, int act, int i0, int i1, int j0, int j1, float *scratch) {
  if (i1 <= i0 || j1 <= j0) return;
  int mb = i1 - i0, nb = j1 - j0;
  int mc_blk = even_block(mb, MC_MAX, MR);
  int nc_blk = even_block(nb, NC_MAX, NR);
  int kc_blk = K > 0 ? even_block(K, KC, 1) : 0;
  float *Ap = scratch;                                 // mc_blk x kc_blk
  float *Bp = scratch + (size_t)mc_blk * kc_blk;       // kc_blk x nc_blk
  int relu = act == 1;
  for (int jc = 0; jc < nb; jc += nc_blk) {
    int nc = imin(nc_blk, nb - jc);
    int j = j0 + jc;
    // K == 0 still runs one (empty) pass so that C = act(bias) is written.
    int pc = 0;
    do {
      int kc = imin(kc_blk, K - pc);
      int first = pc == 0, last = pc + kc >= K;
      pack_b(B, N, K, transB, pc, kc, j, nc, Bp);
      for (int ic = 0; ic < mb; ic += mc_blk) {
        int mc = imin(mc_blk, mb - ic);
        int i = i0 + ic;
        pack_a(A, M, K, transA, i, mc, pc, kc, Ap);
        for (int jr = 0; jr < nc; jr += NR) {
          int nr = imin(NR, nc - jr);
          const float *bp = Bp + (size_t)jr * kc;
          const float *bi = bias ? bias + j + jr : 0;
          float *cc = C + (size_t)i * N + j + jr;
          for (int ir = 0; ir < mc; ir += MR) {
            int mr = imin(MR, mc - ir);
            const float *ap = Ap + (size_t)ir * kc;
            float *ct = cc + (size_t)ir * N;
            if (mr == MR && nr == NR)
              micro_tile(kc, ap, bp, ct, N, MR, NR, first, bi, relu && last, 1);
            else
              micro_tile(kc, ap, bp, ct, N, mr, nr, first, bi, relu && last, 0);
          }
        }
      }
      pc += kc;
    } while (pc < K);
  }
}

/* Bytes of scratch gemm needs for this call (0 for an empty block). */
EXPORT(gemm_scratch_bytes)
int gemm_scratch_bytes(int M, int N, int K, int i0, int i1, int j0, int j1) {
  (void)M;
  (void)N;
  if (i1 <= i0 || j1 <= j0 || K <= 0) return 0;
  int mc_blk = even_block(i1 - i0, MC_MAX, MR);
  int nc_blk = even_block(j1 - j0, NC_MAX, NR);
  int kc_blk = even_block(K, KC, 1);
  return 4 * (mc_blk * kc_blk + kc_blk * nc_blk);
}

/* Preferred alignment of i0/i1 (rows) and j0/j1 (columns) when splitting C between threads. */
EXPORT(gemm_tile_m) int gemm_tile_m(void) { return MR; }
EXPORT(gemm_tile_n) int gemm_tile_n(void) { return NR; }

// ---------------------------------------------------------------------------------------
// Adam, bit-for-bit the float32 sequence of tfjs 4.22 AdamOptimizer.applyGradients:
//   m' = m*beta1 + g*(1-beta1)
//   v' = v*beta2 + (g*g)*(1-beta2)
//   w' = w + ((m'/bc1) / (sqrt(v'/bc2) + eps)) * (-lr)
// with bc1 = 1 - beta1^t, bc2 = 1 - beta2^t (tfjs: 1 - accBeta, accBeta kept in float32 and
// multiplied by beta each step). tfjs turns each JS-number constant into a float32 scalar,
// including (1 - beta1) computed in double, so the scalars are taken as f64 here and
// rounded the same way; with f32 parameters 1-beta1 would round differently.
EXPORT(adam)
void adam(int n, float *__restrict w, const float *__restrict g, float *__restrict m,
          float *__restrict v, double lr, double beta1, double beta2, double eps, double bc1,
          double bc2) {
  float b1 = (float)beta1, ob1 = (float)(1.0 - beta1);
  float b2 = (float)beta2, ob2 = (float)(1.0 - beta2);
  float nlr = (float)(-lr), ep = (float)eps, c1 = (float)bc1, c2 = (float)bc2;
  v128_t vb1 = wasm_f32x4_splat(b1), vob1 = wasm_f32x4_splat(ob1);
  v128_t vb2 = wasm_f32x4_splat(b2), vob2 = wasm_f32x4_splat(ob2);
  v128_t vnlr = wasm_f32x4_splat(nlr), vep = wasm_f32x4_splat(ep);
  v128_t vc1 = wasm_f32x4_splat(c1), vc2 = wasm_f32x4_splat(c2);
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    v128_t gi = wasm_v128_load(g + i);
    v128_t mi = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(m + i), vb1), wasm_f32x4_mul(gi, vob1));
    v128_t vi = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(v + i), vb2),
                               wasm_f32x4_mul(wasm_f32x4_mul(gi, gi), vob2));
    wasm_v128_store(m + i, mi);
    wasm_v128_store(v + i, vi);
    v128_t den = wasm_f32x4_add(wasm_f32x4_sqrt(wasm_f32x4_div(vi, vc2)), vep);
    v128_t upd = wasm_f32x4_mul(wasm_f32x4_div(wasm_f32x4_div(mi, vc1), den), vnlr);
    wasm_v128_store(w + i, wasm_f32x4_add(wasm_v128_load(w + i), upd));
  }
  for (; i < n; i++) {
    float gi = g[i];
    float mi = m[i] * b1 + gi * ob1;
    float vi = v[i] * b2 + (gi * gi) * ob2;
    m[i] = mi;
    v[i] = vi;
    float den = __builtin_sqrtf(vi / c2) + ep;
    w[i] = w[i] + ((mi / c1) / den) * nlr;
  }
}

// ---------------------------------------------------------------------------------------
// Backward helpers for dense layers.

/* out[j] = sum_i dY[i*N + j] (the bias gradient), summed in row order in float32. */
EXPORT(bias_grad)
void bias_grad(int M, int N, const float *__restrict dY, float *__restrict out) {
  int j = 0;
  for (; j + 16 <= N; j += 16) {
    v128_t s0 = wasm_f32x4_splat(0.0f), s1 = s0, s2 = s0, s3 = s0;
    const float *p = dY + j;
    for (int i = 0; i < M; i++, p += N) {
      s0 = wasm_f32x4_add(s0, wasm_v128_load(p));
      s1 = wasm_f32x4_add(s1, wasm_v128_load(p + 4));
      s2 = wasm_f32x4_add(s2, wasm_v128_load(p + 8));
      s3 = wasm_f32x4_add(s3, wasm_v128_load(p + 12));
    }
    wasm_v128_store(out + j, s0);
    wasm_v128_store(out + j + 4, s1);
    wasm_v128_store(out + j + 8, s2);
    wasm_v128_store(out + j + 12, s3);
  }
  for (; j + 4 <= N; j += 4) {
    v128_t s = wasm_f32x4_splat(0.0f);
    const float *p = dY + j;
    for (int i = 0; i < M; i++, p += N) s = wasm_f32x4_add(s, wasm_v128_load(p));
    wasm_v128_store(out + j, s);
  }
  for (; j < N; j++) {
    float s = 0.0f;
    for (int i = 0; i < M; i++) s += dY[(size_t)i * N + j];
    out[j] = s;
  }
}

/* out[i] = y[i] > 0 ? dy[i] : 0 (relu backward from the relu output or input; out may alias dy). */
EXPORT(relu_grad)
void relu_grad(int n, const float *y, const float *dy, float *out) {
  v128_t z = wasm_f32x4_splat(0.0f);
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    v128_t mask = wasm_f32x4_gt(wasm_v128_load(y + i), z);
    wasm_v128_store(out + i, wasm_v128_and(wasm_v128_load(dy + i), mask));
  }
  for (; i < n; i++) out[i] = y[i] > 0.0f ? dy[i] : 0.0f;
}
// ---------------------------------------------------------------------------------------
// Bernoulli log-likelihood with logits, the reconstruction term of every MNIST model here.
//
// log p(x | ℓ) = Σ_d x·ℓ − softplus(ℓ), softplus(ℓ) = max(ℓ, 0) + log1p(e^(−|ℓ|)),
// ∂/∂ℓ = x − σ(ℓ), σ(ℓ) = ℓ ≥ 0 ? 1/(1+e) : e/(1+e) with e = e^(−|ℓ|) (no overflow, no
// cancellation for either sign). tfjs computes softplus with a scalar log and exp per element;
// here both come from one vector exp, accurate to a few float32 ulps.

// e^t for t ≤ 0 (t ≥ −87.3; below that the result is 0 as far as float32 softplus cares):
// t = n·ln2 + r, |r| ≤ ln2/2, e^r by its degree-6 Taylor/minimax polynomial (Cephes expf),
// 2^n built in the exponent bits.
INLINE v128_t exp_nonpos(v128_t t) {
  t = wasm_f32x4_max(t, wasm_f32x4_splat(-87.0f));
  v128_t n = wasm_f32x4_nearest(wasm_f32x4_mul(t, wasm_f32x4_splat(1.44269504088896341f)));
  // Two-part ln 2 (Cody–Waite) so r keeps its low bits.
  v128_t r = wasm_f32x4_sub(t, wasm_f32x4_mul(n, wasm_f32x4_splat(0.693359375f)));
  r = wasm_f32x4_sub(r, wasm_f32x4_mul(n, wasm_f32x4_splat(-2.12194440e-4f)));
  v128_t p = wasm_f32x4_splat(1.9875691500e-4f);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.3981999507e-3f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(8.3334519073e-3f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(4.1665795894e-2f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.6666665459e-1f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(5.0000001201e-1f));
  p = wasm_f32x4_add(wasm_f32x4_mul(wasm_f32x4_mul(p, r), r), wasm_f32x4_add(r, wasm_f32x4_splat(1.0f)));
  v128_t scale = wasm_i32x4_shl(wasm_i32x4_add(wasm_i32x4_trunc_sat_f32x4(n), wasm_i32x4_splat(127)), 23);
  return wasm_f32x4_mul(p, scale);
}

// log(1 + e) for 0 ≤ e ≤ 1: 1 + e = 2^k·m with m in [1/√2, √2), log m = 2·atanh(s),
// s = (m − 1)/(m + 1), written in terms of e so that small e loses nothing to 1 + e:
// k = 0: s = e/(2 + e); k = 1 (e > √2 − 1): s = (e − 1)/(e + 3). |s| ≤ 0.172, so the odd
// series to s^11 is below float32 rounding.
INLINE v128_t log1p_unit(v128_t e) {
  v128_t big = wasm_f32x4_gt(e, wasm_f32x4_splat(0.41421356f));
  v128_t num = wasm_v128_bitselect(wasm_f32x4_sub(e, wasm_f32x4_splat(1.0f)), e, big);
  v128_t den = wasm_f32x4_add(e, wasm_v128_bitselect(wasm_f32x4_splat(3.0f), wasm_f32x4_splat(2.0f), big));
  v128_t s = wasm_f32x4_div(num, den);
  v128_t s2 = wasm_f32x4_mul(s, s);
  v128_t q = wasm_f32x4_splat(1.0f / 11);
  q = wasm_f32x4_add(wasm_f32x4_mul(q, s2), wasm_f32x4_splat(1.0f / 9));
  q = wasm_f32x4_add(wasm_f32x4_mul(q, s2), wasm_f32x4_splat(1.0f / 7));
  q = wasm_f32x4_add(wasm_f32x4_mul(q, s2), wasm_f32x4_splat(1.0f / 5));
  q = wasm_f32x4_add(wasm_f32x4_mul(q, s2), wasm_f32x4_splat(1.0f / 3));
  q = wasm_f32x4_add(wasm_f32x4_mul(q, s2), wasm_f32x4_splat(1.0f));
  v128_t logm = wasm_f32x4_mul(wasm_f32x4_add(s, s), q);
  return wasm_f32x4_add(logm, wasm_v128_and(big, wasm_f32x4_splat(0.693147180559945f)));
}

INLINE float hsum(v128_t v) {
  return wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1) + wasm_f32x4_extract_lane(v, 2) + wasm_f32x4_extract_lane(v, 3);
}

// softplus(ℓ) = max(ℓ, 0) + log1p(e^(−|ℓ|)) and σ(ℓ), lane by lane. Tails go through these
// too (see load_partial), so every element gets the same rounding.
INLINE v128_t softplus4(v128_t l) {
  return wasm_f32x4_add(wasm_f32x4_max(l, wasm_f32x4_splat(0.0f)), log1p_unit(exp_nonpos(wasm_f32x4_neg(wasm_f32x4_abs(l)))));
}

INLINE v128_t sigmoid4(v128_t l) {
  const v128_t one = wasm_f32x4_splat(1.0f);
  v128_t e = exp_nonpos(wasm_f32x4_neg(wasm_f32x4_abs(l)));
  v128_t inv = wasm_f32x4_div(one, wasm_f32x4_add(one, e));
  return wasm_v128_bitselect(inv, wasm_f32x4_mul(e, inv), wasm_f32x4_ge(l, wasm_f32x4_splat(0.0f)));
}

// out[s·B + b] = Σ_d x[s', b, d]·ℓ[s, b, d] − softplus(ℓ[s, b, d]); logits [S, B, D],
// x [Sx, B, D] with Sx = S or 1 (s' = s, or 0: the data shared by every sample). Only the rows
// r = s·B + b in [r0, r1): threads take disjoint ranges.
EXPORT(bernoulli_logprob)
void bernoulli_logprob(int S, int B, int D, int Sx, const float *x, const float *l, float *out, int r0, int r1) {
  const v128_t zero = wasm_f32x4_splat(0.0f);
  (void)S;
  for (int r = r0; r < r1; r++) {
    int s = r / B, b = r % B;
    const float *lr = l + (size_t)r * D;
    const float *xr = x + ((size_t)(Sx == 1 ? 0 : s) * B + b) * D;
    v128_t acc = zero;
    int d = 0;
    for (; d + 4 <= D; d += 4) {
      v128_t lv = wasm_v128_load(lr + d), xv = wasm_v128_load(xr + d);
      acc = wasm_f32x4_add(acc, wasm_f32x4_sub(wasm_f32x4_mul(xv, lv), softplus4(lv)));
    }
    if (d < D) {
      // Zero logits and zero x contribute −log 2 each in the padded lanes: mask them out.
      int n = D - d;
      v128_t lv = load_partial(lr + d, n), xv = load_partial(xr + d, n);
      v128_t term = wasm_f32x4_sub(wasm_f32x4_mul(xv, lv), softplus4(lv));
      v128_t lane = wasm_i32x4_make(0, 1, 2, 3);
      acc = wasm_f32x4_add(acc, wasm_v128_and(term, wasm_i32x4_lt(lane, wasm_i32x4_splat(n))));
    }
    out[r] = hsum(acc);
  }
}

// Backward of bernoulli_logprob for an upstream gradient dy [S, B]:
// dl[s, b, d] = dy[s, b]·(x − σ(ℓ)); dx[s', b, d] = Σ over the samples sharing that x of dy·ℓ.
// Only the examples b in [b0, b1), every sample of each: a thread's dx rows are its own, and
// each is summed over s in the same order whatever the split.
EXPORT(bernoulli_grad)
void bernoulli_grad(int S, int B, int D, int Sx, const float *x, const float *l, const float *dy, float *dl, float *dx, int b0, int b1) {
  for (int sx = 0; sx < Sx; sx++)
    for (size_t i = ((size_t)sx * B + b0) * D; i < ((size_t)sx * B + b1) * D; i++) dx[i] = 0.0f;
  for (int s = 0; s < S; s++) {
    for (int b = b0; b < b1; b++) {
      size_t row = ((size_t)s * B + b) * D;
      size_t xrow = ((size_t)(Sx == 1 ? 0 : s) * B + b) * D;
      float g = dy[(size_t)s * B + b];
      v128_t gv = wasm_f32x4_splat(g);
      int d = 0;
      for (; d + 4 <= D; d += 4) {
        v128_t lv = wasm_v128_load(l + row + d), xv = wasm_v128_load(x + xrow + d);
        wasm_v128_store(dl + row + d, wasm_f32x4_mul(gv, wasm_f32x4_sub(xv, sigmoid4(lv))));
        wasm_v128_store(dx + xrow + d, wasm_f32x4_add(wasm_v128_load(dx + xrow + d), wasm_f32x4_mul(gv, lv)));
      }
      for (; d < D; d++) {
        float sig = wasm_f32x4_extract_lane(sigmoid4(wasm_f32x4_splat(l[row + d])), 0);
        dl[row + d] = g * (x[xrow + d] - sig);
        dx[xrow + d] += g * l[row + d];
      }
    }
  }
}

// ---------------------------------------------------------------------------------------
// Products with a mostly-zero op(A): the first layer's input (MNIST's pixels are ~80 % zero),
// forward (X·W) and in the weights' gradient (Xᵀ·dZ). Only the nonzeros of each row of op(A)
// are multiplied: C[i, :] = act(bias + Σ_p vals[p] · B[cols[p], :]) with B [K, N] row-major.
// The same sums as the dense product less the terms that are exactly zero (a zero times a
// finite weight adds nothing; only a weight that is ±inf or NaN, a run that diverged anyway,
// would have made them count), in ascending k like the dense kernel within a K block.

// Nonzeros in p[0:n), four at a time (the caller samples op(A) before building its rows).
EXPORT(count_nonzero)
int count_nonzero(int n, const float *p) {
  v128_t z = wasm_f32x4_splat(0.0f);
  v128_t one = wasm_i32x4_splat(1), cnt = wasm_i32x4_splat(0);
  int i = 0;
  for (; i + 4 <= n; i += 4) cnt = wasm_i32x4_add(cnt, wasm_v128_and(wasm_f32x4_ne(wasm_v128_load(p + i), z), one));
  int c = wasm_i32x4_extract_lane(cnt, 0) + wasm_i32x4_extract_lane(cnt, 1) + wasm_i32x4_extract_lane(cnt, 2) + wasm_i32x4_extract_lane(cnt, 3);
  for (; i < n; i++) c += p[i] != 0.0f;
  return c;
}

/*
 * The rows of op(A) [M, K] as compressed sparse rows: rowptr (M + 1 ints), cols and vals
 * (room for M·K each). Returns the number of nonzeros. op(A) = A [M, K], or Aᵀ with A stored
 * [K, M] (transA = 1), read row by row of the storage either way; columns come out ascending.
 */
EXPORT(sparse_rows)
int sparse_rows(int M, int K, const float *A, int transA, int *rowptr, int *cols, float *vals) {
  v128_t z = wasm_f32x4_splat(0.0f);
  if (!transA) {
    int nnz = 0;
    for (int i = 0; i < M; i++) {
      const float *r = A + (size_t)i * K;
      rowptr[i] = nnz;
      int k = 0;
      for (; k + 4 <= K; k += 4) {
        if (!wasm_v128_any_true(wasm_f32x4_ne(wasm_v128_load(r + k), z))) continue;
        for (int q = k; q < k + 4; q++)
          if (r[q] != 0.0f) cols[nnz] = q, vals[nnz++] = r[q];
      }
      for (; k < K; k++)
        if (r[k] != 0.0f) cols[nnz] = k, vals[nnz++] = r[k];
    }
    rowptr[M] = nnz;
    return nnz;
  }
  // Aᵀ: count each op(A) row's nonzeros over the storage rows, turn the counts into starts,
  // fill using rowptr[i + 1] as row i's cursor (it ends at row i + 1's start).
  for (int i = 0; i <= M; i++) rowptr[i] = 0;
  for (int k = 0; k < K; k++) {
    const float *r = A + (size_t)k * M;
    for (int i = 0; i < M; i++) rowptr[i + 1] += r[i] != 0.0f;
  }
  for (int i = 0; i < M; i++) rowptr[i + 1] += rowptr[i];
  for (int i = M; i > 0; i--) rowptr[i] = rowptr[i - 1];
  for (int k = 0; k < K; k++) {
    const float *r = A + (size_t)k * M;
    int i = 0;
    for (; i + 4 <= M; i += 4) {
      if (!wasm_v128_any_true(wasm_f32x4_ne(wasm_v128_load(r + i), z))) continue;
      for (int q = i; q < i + 4; q++)
        if (r[q] != 0.0f) {
          int at = rowptr[q + 1]++;
          cols[at] = k, vals[at] = r[q];
        }
    }
    for (; i < M; i++)
      if (r[i] != 0.0f) {
        int at = rowptr[i + 1]++;
        cols[at] = k, vals[at] = r[i];
      }
  }
  return rowptr[M];
}

// Columns per pass: 8 accumulators (+ the broadcast and a load) fit V8's 15 xmm registers, and
// a [K, 32] block of B (100 KiB for K = 784) stays in L2 while every row of op(A) walks it.
#define SP_W 32
#define SP_NV (SP_W / 4)

/*
 * C[:, j0:j1] = act(op(A) · B[:, j0:j1] + bias[j0:j1]) from op(A)'s sparse rows (sparse_rows).
 * j0 a multiple of SP_W for full-speed blocks (the thread split cuts on SP_W). act as gemm's.
 */
EXPORT(spmm)
void spmm(int M, int N, const int *rowptr, const int *cols, const float *vals, const float *B,
          const float *bias, int act, float *C, int j0, int j1) {
  v128_t z = wasm_f32x4_splat(0.0f);
  int relu = act == 1;
  for (int jb = j0; jb < j1; jb += SP_W) {
    int w = imin(SP_W, j1 - jb);
    const float *bb = B + jb;
    for (int i = 0; i < M; i++) {
      int p0 = rowptr[i], p1 = rowptr[i + 1];
      float *c = C + (size_t)i * N + jb;
      if (w == SP_W) {
        v128_t acc[SP_NV];
        for (int q = 0; q < SP_NV; q++) acc[q] = bias ? wasm_v128_load(bias + jb + 4 * q) : z;
        for (int p = p0; p < p1; p++) {
          v128_t s = wasm_f32x4_splat(vals[p]);
          const float *b = bb + (size_t)cols[p] * N;
          for (int q = 0; q < SP_NV; q++) acc[q] = MADD(acc[q], s, wasm_v128_load(b + 4 * q));
        }
        for (int q = 0; q < SP_NV; q++) wasm_v128_store(c + 4 * q, relu ? wasm_f32x4_max(acc[q], z) : acc[q]);
        continue;
      }
      // The ragged last block: four columns at a time, then the last one to three.
      for (int j = 0; j < w; j += 4) {
        int n = imin(4, w - j);
        v128_t acc = bias ? (n == 4 ? wasm_v128_load(bias + jb + j) : load_partial(bias + jb + j, n)) : z;
        for (int p = p0; p < p1; p++) {
          const float *b = bb + (size_t)cols[p] * N + j;
          acc = MADD(acc, wasm_f32x4_splat(vals[p]), n == 4 ? wasm_v128_load(b) : load_partial(b, n));
        }
        if (relu) acc = wasm_f32x4_max(acc, z);
        if (n == 4) wasm_v128_store(c + j, acc);
        else store_partial(c + j, acc, n);
      }
    }
  }
}
