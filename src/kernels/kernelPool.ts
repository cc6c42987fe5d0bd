// The kernels' shared memory and the threads that work on it. Operands are copied in,
// results copied out (tfjs's tensors live in its own heap or in JS arrays). A large product,
// or the Adam step of a large variable, is cut into chunks that every thread — the calling one (the trainer worker, or Node's main
// thread) included — takes until none is left; the caller then waits for the last ones.
import { spawnKernelThread } from '#kernel-thread';
import { CALLER_SPIN, controlBytes, controlViews, CUT_COLUMNS, CUT_RANGE, CUT_ROWS, CUT_SPAN, DONE, FAILED, GEN, type Job, type KernelThread, postJob, takeChunks, THREAD_KERNELS } from './threadProtocol';
import { createKernelMemory, instantiateKernels, type KernelExports } from './wasmKernels';

const ALIGN = 64;
const PAGE = 65536;
/** The pages the module itself declares; everything above is laid out here. */
const MODULE_PAGES = 2;
const align = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

/** One product: C = act(op(A)·op(B) + bias), op = transpose when asked. Row-major float32. */
export interface GemmJob {
  M: number;
  N: number;
  K: number;
  a: Float32Array;
  transA: boolean;
  b: Float32Array;
  transB: boolean;
  bias?: Float32Array;
  relu?: boolean;
}

/** Below this many multiply-adds a product runs on the calling thread alone: waking a thread costs more. */
const THREADED_MIN_MACS = 500_000;
/**
 * Below this many elements Adam runs on the calling thread alone: here a whole step took
 * ~90 µs either way, the kernel's half saved no more than posting the job costs, and the
 * copies in and out, which only the caller can make, are not shared at all.
 */
export const THREADED_MIN_ADAM = 65_536;
/** Below this many elements the Bernoulli likelihood runs on the calling thread alone (as Adam, for the same reason). */
const THREADED_MIN_ELEMENTWISE = 65_536;
/**
 * op(A) with at most this share of nonzeros takes the sparse product. It does about
 * nnz·N multiply-adds against M·K·N, at roughly the dense kernel's rate per multiply-add
 * (both are bound by their FMAs), so it wins below ~50 %; building the rows costs a pass
 * over A, hence the margin.
 */
const SPARSE_MAX_DENSITY = 0.3;
/** Elements of A counted to decide before building the sparse rows (ten MNIST images). */
const SPARSE_SAMPLE = 8192;
/** The sparse product's columns per pass (SP_W in kernels.c): threads are cut on them. */
const SPARSE_UNIT = 32;
/** Kernels that take a span of their rows (see runSpan). */
export type SpanKernel = 'bernoulli_logprob' | 'bernoulli_grad';
/** Element-wise chunks start on whole 64-byte lines (the arrays are 64-byte aligned), so no two threads write one line. */
const RANGE_UNIT = 16;
/** Chunks per thread: enough for a thread that starts late to take fewer, few enough that re-packing op(A) or op(B) per chunk stays cheap. */
const CHUNKS_PER_THREAD = 2;
/**
 * A product's chunk packs the whole of its other operand, so a second chunk per thread costs
 * more than the balance it buys: one per thread measured ~6 % faster on the VAE's 128×400×784
 * products (1.16 against 1.24 ms on two threads) and ~3 % on its whole step.
 */
const GEMM_CHUNKS_PER_THREAD = 1;

/** Adam's first and second moments of one variable, kept in the kernels' memory between steps. */
export interface Moments {
  n: number;
  m: number;
  v: number;
}

export interface AdamParams {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** 1 − β₁ᵗ and 1 − β₂ᵗ for this step. */
  correction1: number;
  correction2: number;
}

export class KernelPool {
  private f32: Float32Array;
  private readonly control: Int32Array;
  private readonly f64: Float64Array;
  private readonly fns: ((...a: number[]) => void)[];
  /** Products that took the sparse path (sparseProduct): the bench and the tests read it. */
  sparseProducts = 0;
  /** Regions that outlive one call (Adam's moments), as [start, end) byte ranges, sorted. */
  private held: [number, number][] = [];

  private constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly kernels: KernelExports,
    control: SharedArrayBuffer,
    private readonly threads: KernelThread[],
  ) {
    ({ ctl: this.control, f64: this.f64 } = controlViews(control));
    this.f32 = new Float32Array(memory.buffer);
    this.fns = THREAD_KERNELS.map((name) => kernels[name] as (...a: number[]) => void);
  }

  /** `threads` counts the calling thread: 1 means no kernel threads. */
  static async create(module: WebAssembly.Module, threads: number): Promise<KernelPool> {
    const memory = createKernelMemory(16 * PAGE);
    const kernels = await instantiateKernels(module, memory);
    const control = new SharedArrayBuffer(controlBytes());
    const started = await Promise.allSettled(Array.from({ length: threads - 1 }, (_, i) => spawnKernelThread({ module, memory, control, id: i + 1 })));
    const helpers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    if (helpers.length < started.length) {
      // Threads are an optimisation; scratch is laid out by thread id, so rather than run
      // with gaps, run on this thread alone.
      Atomics.store(new Int32Array(control), GEN, -1);
      Atomics.notify(new Int32Array(control), GEN);
      helpers.forEach((h) => h.terminate());
      return new KernelPool(memory, kernels, control, []);
    }
    return new KernelPool(memory, kernels, control, helpers);
  }

  /** Threads working on a large product, the calling one included. */
  get threadCount(): number {
    return this.threads.length + 1;
  }

  /** Computes one product into `out` (length M·N). */
  gemm(job: GemmJob, out: Float32Array): void {
    const { M, N, K } = job;
    const k = this.kernels;
    const threads = M * N * K >= THREADED_MIN_MACS ? this.threadCount : 1;
    // Cutting columns makes every chunk pack all of op(A) (M·K), cutting rows all of op(B) (K·N).
    const alongN = M <= N ? 1 : 0;
    const tile = alongN ? k.gemm_tile_n() : k.gemm_tile_m();
    const tiles = Math.ceil((alongN ? N : M) / tile);
    const chunks = threads === 1 ? 1 : Math.max(1, Math.min(tiles, threads * GEMM_CHUNKS_PER_THREAD));
    const widest = Math.ceil(tiles / chunks) * tile;
    const scratch = align(alongN ? k.gemm_scratch_bytes(M, N, K, 0, M, 0, Math.min(N, widest)) : k.gemm_scratch_bytes(M, N, K, 0, Math.min(M, widest), 0, N));
    // Layout, fresh for each product (memory only ever grows): per-thread scratch, A, B, bias, C.
    let at = this.transientStart();
    const scratchAt = at;
    at += scratch * threads;
    const aAt = at;
    at += align(M * K * 4);
    const bAt = at;
    at += align(K * N * 4);
    const biasAt = job.bias ? at : 0;
    at += job.bias ? align(N * 4) : 0;
    const cAt = at;
    at += align(M * N * 4);
    // Room for op(A)'s sparse rows, where the sparse product may apply (see sparseProduct).
    const sparse = !job.transB && M * N * K >= THREADED_MIN_MACS;
    const rowsAt = at;
    if (sparse) at += align((M + 1) * 4) + 2 * align(M * K * 4);
    this.reserve(at);

    const f32 = this.f32;
    f32.set(job.a.subarray(0, M * K), aAt / 4);
    f32.set(job.b.subarray(0, K * N), bAt / 4);
    if (job.bias) f32.set(job.bias.subarray(0, N), biasAt / 4);
    const act = job.relu ? 1 : 0;
    if (!(sparse && this.sparseProduct(job, { aAt, bAt, biasAt, cAt, rowsAt, act }))) {
      const args = [M, N, K, aAt, +job.transA, bAt, +job.transB, cAt, biasAt, act, 0, M, 0, N, scratchAt];
      if (threads === 1) (k.gemm as (...a: number[]) => void)(...args);
      else this.runChunked({ kernel: 'gemm', cut: alongN ? CUT_COLUMNS : CUT_ROWS, unit: tile, chunks, scratchPerThread: scratch, args });
    }
    out.set(f32.subarray(cAt / 4, cAt / 4 + M * N));
  }

  /**
   * The product from op(A)'s nonzeros alone when op(A) is mostly zeros (a first layer's input:
   * MNIST's pixels are ~80 % zero), for op(B) = B. A sample of A decides whether building the
   * sparse rows is worth it; false (nothing written to C) when op(A) turns out too dense.
   */
  private sparseProduct(job: GemmJob, at: { aAt: number; bAt: number; biasAt: number; cAt: number; rowsAt: number; act: number }): boolean {
    const { M, N, K } = job;
    const k = this.kernels;
    const sample = Math.min(M * K, SPARSE_SAMPLE);
    if (k.count_nonzero(sample, at.aAt) > SPARSE_MAX_DENSITY * sample) return false;
    const colsAt = at.rowsAt + align((M + 1) * 4);
    const valsAt = colsAt + align(M * K * 4);
    const nnz = k.sparse_rows(M, K, at.aAt, job.transA ? 1 : 0, at.rowsAt, colsAt, valsAt);
    if (nnz > SPARSE_MAX_DENSITY * M * K) return false;
    const args = [M, N, at.rowsAt, colsAt, valsAt, at.bAt, at.biasAt, at.act, at.cAt, 0, N];
    const threads = nnz * N >= THREADED_MIN_MACS ? this.threadCount : 1;
    if (threads === 1) (k.spmm as (...a: number[]) => void)(...args);
    // Each column of C is computed whole by one thread, so the bits do not depend on the cut.
    else this.runChunked({ kernel: 'spmm', cut: CUT_SPAN, unit: SPARSE_UNIT, chunks: Math.min(Math.ceil(N / SPARSE_UNIT), threads * CHUNKS_PER_THREAD), args });
    this.sparseProducts++;
    return true;
  }

  /** Zeroed moments for an n-float variable; give them back with release(). */
  holdMoments(n: number): Moments {
    const m = this.hold(align(n * 4) * 2);
    this.reserve(m + align(n * 4) * 2);
    this.f32.fill(0, m / 4, (m + align(n * 4) * 2) / 4);
    return { n, m, v: m + align(n * 4) };
  }

  releaseMoments(moments: Moments) {
    this.held = this.held.filter(([start]) => start !== moments.m);
  }

  /**
   * One Adam step of a variable: w and its gradient g are copied in, the moments are updated
   * where they live, and the new weights are written to `out`. The moments never leave this
   * memory, so a step moves three arrays instead of the seven a stateless kernel would.
   * The copies stay on this thread (only it can read tfjs's arrays); the kernel is shared out.
   */
  adam(moments: Moments, w: Float32Array, g: Float32Array, out: Float32Array, p: AdamParams) {
    const { n } = moments;
    const wAt = this.transientStart();
    const gAt = wAt + align(n * 4);
    this.reserve(gAt + align(n * 4));
    const f32 = this.f32;
    f32.set(w.subarray(0, n), wAt / 4);
    f32.set(g.subarray(0, n), gAt / 4);
    const args = [n, wAt, gAt, moments.m, moments.v];
    const doubles = [p.learningRate, p.beta1, p.beta2, p.epsilon, p.correction1, p.correction2];
    const threads = n >= THREADED_MIN_ADAM ? this.threadCount : 1;
    if (threads === 1) (this.kernels.adam as (...a: number[]) => void)(...args, ...doubles);
    // Element-wise, so any cut into whole SIMD groups (RANGE_UNIT is 4 of them) gives the same bits.
    else this.runChunked({ kernel: 'adam', cut: CUT_RANGE, unit: RANGE_UNIT, chunks: Math.min(Math.ceil(n / RANGE_UNIT), threads * CHUNKS_PER_THREAD), arrays: 4, args, doubles });
    out.set(f32.subarray(wAt / 4, wAt / 4 + n));
  }

  /**
   * A single-threaded kernel over whole arrays: `ins` are copied in, `call` gets their
   * addresses and those of `outs` (same lengths as given), whose results are copied out.
   */
  run(ins: Float32Array[], outs: Float32Array[], call: (k: KernelExports, inAt: number[], outAt: number[]) => void) {
    let at = this.transientStart();
    const place = (n: number) => ((at += align(n * 4)), at - align(n * 4));
    const inAt = ins.map((a) => place(a.length));
    const outAt = outs.map((a) => place(a.length));
    this.reserve(at);
    const f32 = this.f32;
    ins.forEach((a, i) => f32.set(a, inAt[i] / 4));
    call(this.kernels, inAt, outAt);
    outs.forEach((a, i) => a.set(f32.subarray(outAt[i] / 4, outAt[i] / 4 + a.length)));
  }

  /**
   * `run` for a kernel that takes a span of its rows as its last two arguments (lo, hi):
   * with `work` elements or more, the rows [0, extent) are shared between the threads.
   */
  runSpan(ins: Float32Array[], outs: Float32Array[], kernel: SpanKernel, args: (inAt: number[], outAt: number[]) => number[], extent: number, work: number) {
    const threads = work >= THREADED_MIN_ELEMENTWISE && extent > 1 ? this.threadCount : 1;
    this.run(ins, outs, (k, inAt, outAt) => {
      const a = [...args(inAt, outAt), 0, extent];
      if (threads === 1) (k[kernel] as (...x: number[]) => void)(...a);
      else this.runChunked({ kernel, cut: CUT_SPAN, unit: 1, chunks: Math.min(extent, threads * CHUNKS_PER_THREAD), args: a });
    });
  }

  /** First fit between held regions, else after the last one. */
  private hold(bytes: number): number {
    let start = MODULE_PAGES * PAGE;
    let i = 0;
    for (; i < this.held.length && this.held[i][0] - start < bytes; i++) start = this.held[i][1];
    this.held.splice(i, 0, [start, start + bytes]);
    return start;
  }

  /** Where per-call data may go: above every held region. */
  private transientStart(): number {
    return align(this.held.length ? this.held[this.held.length - 1][1] : MODULE_PAGES * PAGE);
  }

  /** Posts a job to every thread, takes chunks of it here too, and returns when all are done. */
  private runChunked(job: Job) {
    const ctl = this.control;
    const gen = (Atomics.load(ctl, GEN) + 1) & 0x3fffffff;
    postJob(ctl, this.f64, gen, job);
    Atomics.store(ctl, GEN, gen);
    Atomics.notify(ctl, GEN);
    takeChunks(ctl, this.f64, this.fns, 0, gen);
    // The last chunks may still be running on other threads.
    const { chunks } = job;
    for (let i = 0; i < CALLER_SPIN && Atomics.load(ctl, DONE) < chunks; i++);
    for (let done = Atomics.load(ctl, DONE); done < chunks; done = Atomics.load(ctl, DONE)) Atomics.wait(ctl, DONE, done);
    if (Atomics.load(ctl, FAILED)) throw new Error(`A kernel thread failed while running ${job.kernel}.`);
  }

  /** Grows the shared memory to hold `bytes`; views are rebuilt because growing replaces the buffer. */
  private reserve(bytes: number) {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / PAGE));
    if (this.f32.buffer.byteLength !== this.memory.buffer.byteLength) this.f32 = new Float32Array(this.memory.buffer);
  }

  dispose() {
    if (this.threads.length) {
      Atomics.store(this.control, GEN, -1);
      Atomics.notify(this.control, GEN);
    }
    this.threads.forEach((t) => t.terminate());
  }
}
