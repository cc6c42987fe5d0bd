// Loader for the hand-written wasm SIMD kernels (src/kernels/c/kernels.c).
//
// Host-independent: only WebAssembly and atob are used, so it runs in a browser Web Worker,
// in Node 20 and under vitest. The module imports a *shared* memory (`env.memory`) so every
// thread of a pool instantiates the same compiled module on one WebAssembly.Memory; the
// kernels keep no state and never touch the module's shadow stack, so concurrent calls on
// disjoint outputs are safe. (Instances do not own any part of the memory: the caller
// decides where every matrix and every thread's scratch region lives.)
//
// Two builds of the same source: plain SIMD128, and relaxed SIMD, whose GEMM multiply-add is
// f32x4.relaxed_madd (a fused multiply-add where the hardware has one: ~25% faster on x64).
// compileKernels() picks the relaxed one when this engine validates relaxed SIMD (Chrome 114+;
// Node 20 only with --experimental-wasm-relaxed-simd, see nodeWasmFeatures.ts, which must
// run before the first compileKernels()). Every thread of a pool instantiates the Module the
// caller compiled, so all threads run the same variant.
import { KERNELS_MAX_PAGES, KERNELS_RELAXED_WASM_BASE64, KERNELS_WASM_BASE64 } from './kernelsWasm.generated';

export { KERNELS_MAX_PAGES, KERNELS_SOURCE_SHA256 } from './kernelsWasm.generated';

/** Byte offset of a float32 array in the shared memory (must be 4-byte aligned; 16 is better). */
export type Ptr = number;

/**
 * Exports of the kernels module. All matrices are row-major float32; all pointers are byte
 * offsets into the shared memory; integer arguments are i32.
 */
export interface KernelExports {
  /**
   * C[i0:i1, j0:j1] = act(op(A)[i0:i1, :] · op(B)[:, j0:j1] + bias[j0:j1]); writes nothing else of C.
   * - op(A) is A stored [M,K] when transA = 0, or Aᵀ with A stored [K,M] when transA = 1.
   * - op(B) is B stored [K,N] when transB = 0, or Bᵀ with B stored [N,K] when transB = 1.
   * - C is [M,N], row stride N. C must not overlap A, B, bias or scratch.
   * - bias: 0 for none, else a pointer to N floats (indexed by the global column j).
   * - act: 0 identity, 1 relu.
   * - scratch: at least gemm_scratch_bytes(M, N, K, i0, i1, j0, j1) bytes, 16-byte aligned,
   *   private to the calling thread for the duration of the call.
   * Splitting C between threads is most efficient with i0/i1 multiples of gemm_tile_m()
   * and j0/j1 multiples of gemm_tile_n() (except at M / N themselves).
   */
  gemm(
    M: number, N: number, K: number,
    A: Ptr, transA: 0 | 1, B: Ptr, transB: 0 | 1,
    C: Ptr, bias: Ptr, act: 0 | 1,
    i0: number, i1: number, j0: number, j1: number,
    scratch: Ptr,
  ): void;
  /** Scratch bytes gemm needs for this block (≤ ~640 KiB; 0 for an empty block or K = 0). */
  gemm_scratch_bytes(M: number, N: number, K: number, i0: number, i1: number, j0: number, j1: number): number;
  /** Micro-tile height (rows of C per register tile; may differ between the two variants). */
  gemm_tile_m(): number;
  /** Micro-tile width (columns of C per register tile). */
  gemm_tile_n(): number;
  /**
   * In-place Adam step over n floats, the exact float32 sequence of tfjs 4.22's AdamOptimizer:
   *   m = m·β1 + g·(1−β1);  v = v·β2 + (g·g)·(1−β2);
   *   w = w + ((m / bc1) / (sqrt(v / bc2) + eps)) · (−lr)
   * where bc1 = 1 − β1^t and bc2 = 1 − β2^t for step t = 1, 2, … (tfjs: 1 − accBeta, with
   * accBeta a float32 multiplied by β each step). The scalars are JS numbers (f64) and are
   * rounded to float32 inside, as tfjs does (1−β is computed in double first).
   * tfjs's default eps is 1e-7 (backend.epsilon()).
   */
  adam(
    n: number, w: Ptr, g: Ptr, m: Ptr, v: Ptr,
    lr: number, beta1: number, beta2: number, eps: number, bc1: number, bc2: number,
  ): void;
  /** out[j] = Σ_i dY[i·N + j] for j < N (bias gradient of a dense layer). */
  bias_grad(M: number, N: number, dY: Ptr, out: Ptr): void;
  /** out[i] = y[i] > 0 ? dy[i] : 0 for i < n (relu backward; out may alias dy). */
  relu_grad(n: number, y: Ptr, dy: Ptr, out: Ptr): void;
  /**
   * out[s·B + b] = Σ_d x[s′, b, d]·ℓ[s, b, d] − softplus(ℓ[s, b, d]) for logits ℓ [S, B, D] and
   * x [Sx, B, D], Sx = S or 1 (s′ = s, or 0: data shared by every sample).
   */
  bernoulli_logprob(S: number, B: number, D: number, Sx: number, x: Ptr, logits: Ptr, out: Ptr, r0: number, r1: number): void;
  /** Its backward for dy [S, B]: dl = dy·(x − σ(ℓ)) [S, B, D]; dx [Sx, B, D] = Σ over samples sharing x of dy·ℓ. */
  bernoulli_grad(S: number, B: number, D: number, Sx: number, x: Ptr, logits: Ptr, dy: Ptr, dl: Ptr, dx: Ptr, b0: number, b1: number): void;
  /** Nonzeros among p[0:n). */
  count_nonzero(n: number, p: Ptr): number;
  /**
   * op(A) [M, K] (A stored [M, K], or [K, M] with transA = 1) as compressed sparse rows:
   * rowptr gets M + 1 ints, cols and vals room for M·K each. Returns the nonzeros' count.
   */
  sparse_rows(M: number, K: number, A: Ptr, transA: 0 | 1, rowptr: Ptr, cols: Ptr, vals: Ptr): number;
  /** C[:, j0:j1] = act(op(A)·B[:, j0:j1] + bias[j0:j1]) from op(A)'s sparse rows; B [K, N]; act as gemm's. */
  spmm(M: number, N: number, rowptr: Ptr, cols: Ptr, vals: Ptr, B: Ptr, bias: Ptr, act: 0 | 1, C: Ptr, j0: number, j1: number): void;
}

export const WASM_PAGE_BYTES = 65536;

function decodeBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Which build of the kernels: 'relaxed-simd' (GEMM with relaxed_madd) or 'simd' (plain SIMD128). */
export type KernelsVariant = 'relaxed-simd' | 'simd';

/**
 * The smallest module using f32x4.relaxed_madd (opcode 0xfd 0x85 0x02), the one relaxed-SIMD
 * instruction the kernels use: (func (result v128) i32.const 0 i8x16.splat ×3 f32x4.relaxed_madd).
 */
// prettier-ignore
export const RELAXED_SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // type section: () -> v128
  0x03, 0x02, 0x01, 0x00, // function section: one function of type 0
  0x0a, 0x13, 0x01, 0x11, 0x00, // code section: one 17-byte body, no locals
  0x41, 0x00, 0xfd, 0x0f, // i32.const 0, i8x16.splat
  0x41, 0x00, 0xfd, 0x0f,
  0x41, 0x00, 0xfd, 0x0f,
  0xfd, 0x85, 0x02, // f32x4.relaxed_madd
  0x0b, // end
]);

/** Whether this engine accepts relaxed SIMD now (Node 20: only once the V8 flag is set). */
export function relaxedSimdSupported(): boolean {
  try {
    return WebAssembly.validate(RELAXED_SIMD_PROBE as BufferSource);
  } catch {
    return false;
  }
}

/** The variant compileKernels() compiles on this engine: relaxed SIMD when supported. */
export function preferredKernelsVariant(): KernelsVariant {
  return relaxedSimdSupported() ? 'relaxed-simd' : 'simd';
}

const modulePromises = new Map<KernelsVariant, Promise<WebAssembly.Module>>();
const moduleVariants = new WeakMap<WebAssembly.Module, KernelsVariant>();
let chosenVariant: KernelsVariant | null = null;

/** The kernels bytes of one variant (a fresh copy each call); by default the one this engine prefers. */
export function kernelsWasmBytes(variant: KernelsVariant = preferredKernelsVariant()): Uint8Array {
  return decodeBase64(variant === 'relaxed-simd' ? KERNELS_RELAXED_WASM_BASE64 : KERNELS_WASM_BASE64);
}

/**
 * Compiles the kernels once per JS realm (worker) and variant; the Module can also be posted
 * to other workers, which then only instantiate it. Without an argument, compiles the
 * variant this engine prefers (relaxed SIMD where it validates) and records it for
 * kernelsVariant(); the choice is made on the first call and then kept. An explicit variant
 * (tests, benchmarks) does not change kernelsVariant().
 */
export function compileKernels(variant?: KernelsVariant): Promise<WebAssembly.Module> {
  const v = variant ?? chosenVariant ?? preferredKernelsVariant();
  if (!variant) chosenVariant = v;
  let promise = modulePromises.get(v);
  if (!promise) {
    promise = WebAssembly.compile(kernelsWasmBytes(v) as BufferSource).then((module) => {
      moduleVariants.set(module, v);
      return module;
    });
    promise.catch(() => {
      modulePromises.delete(v);
      if (!variant && chosenVariant === v) chosenVariant = null;
    });
    modulePromises.set(v, promise);
  }
  return promise;
}

/**
 * The variant the default compileKernels() chose ('relaxed-simd' or 'simd'), for the UI and
 * the benchmarks to show; null before the first compileKernels() call in this realm.
 */
export function kernelsVariant(): KernelsVariant | null {
  return chosenVariant;
}

/** The variant of a Module compiled by compileKernels() in this realm (undefined for any other module). */
export function kernelsModuleVariant(module: WebAssembly.Module): KernelsVariant | undefined {
  return moduleVariants.get(module);
}

/**
 * A shared memory the kernels can be instantiated on: `initialBytes` is rounded up to whole
 * pages (at least the 2 pages the module declares); maximum is the module's own maximum
 * (KERNELS_MAX_PAGES = 1 GiB), which a shared memory import must match.
 */
export function createKernelMemory(initialBytes: number): WebAssembly.Memory {
  const initial = Math.max(2, Math.ceil(initialBytes / WASM_PAGE_BYTES));
  if (initial > KERNELS_MAX_PAGES) throw new RangeError(`kernel memory of ${initialBytes} bytes exceeds the 1 GiB maximum`);
  return new WebAssembly.Memory({ initial, maximum: KERNELS_MAX_PAGES, shared: true });
}

/** Instantiates the compiled kernels on `memory` (shared, from createKernelMemory). */
export async function instantiateKernels(module: WebAssembly.Module, memory: WebAssembly.Memory): Promise<KernelExports> {
  const instance = await WebAssembly.instantiate(module, { env: { memory } });
  return instance.exports as unknown as KernelExports;
}
