// The kernels' shared memory and the threads that work on it. The calling thread (the
// trainer worker, or Node's main thread) takes the first part of each job itself and
// sleeps on the control block until the kernel threads have done the rest.
import { spawnKernelThread, type KernelThread } from '#kernel-thread';
import { controlBytes, DONE, FAILED, GEN, JOB_BASE, JOB_SLOTS, THREAD_KERNELS } from './threadProtocol';
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
const THREADED_MIN_MACS = 4_000_000;

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
  /** Regions that outlive one call (Adam's moments), as [start, end) byte ranges, sorted. */
  private held: [number, number][] = [];

  private constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly kernels: KernelExports,
    control: SharedArrayBuffer,
    private readonly threads: KernelThread[],
  ) {
    this.control = new Int32Array(control);
    this.f32 = new Float32Array(memory.buffer);
  }

  /** `threads` counts the calling thread: 1 means no kernel threads. */
  static async create(module: WebAssembly.Module, threads: number): Promise<KernelPool> {
    const memory = createKernelMemory(16 * PAGE);
    const kernels = await instantiateKernels(module, memory);
    const control = new SharedArrayBuffer(controlBytes(threads));
    const started = await Promise.allSettled(Array.from({ length: threads - 1 }, (_, i) => spawnKernelThread({ module, memory, control, id: i + 1 })));
    const helpers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    if (helpers.length < started.length) {
      // Threads are an optimisation: with fewer than asked for, the job split must still
      // match the ids that exist, so start again with none rather than with gaps.
      helpers.forEach((h) => h.terminate());
      const control1 = new SharedArrayBuffer(controlBytes(1));
      return new KernelPool(memory, kernels, control1, []);
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
    const parts = this.split(job);
    const k = this.kernels;
    const scratch = Math.max(...parts.map(([i0, i1, j0, j1]) => k.gemm_scratch_bytes(M, N, K, i0, i1, j0, j1)));
    // Layout, fresh for each product (memory only ever grows): per-thread scratch, A, B, bias, C.
    let at = this.transientStart();
    const scratchAt = parts.map(() => ((at += align(scratch)), at - align(scratch)));
    const aAt = at;
    at += align(M * K * 4);
    const bAt = at;
    at += align(K * N * 4);
    const biasAt = job.bias ? at : 0;
    at += job.bias ? align(N * 4) : 0;
    const cAt = at;
    at += align(M * N * 4);
    this.reserve(at);

    const f32 = this.f32;
    f32.set(job.a.subarray(0, M * K), aAt / 4);
    f32.set(job.b.subarray(0, K * N), bAt / 4);
    if (job.bias) f32.set(job.bias.subarray(0, N), biasAt / 4);
    const args = (p: number) => {
      const [i0, i1, j0, j1] = parts[p];
      return [M, N, K, aAt, +job.transA, bAt, +job.transB, cAt, biasAt, job.relu ? 1 : 0, i0, i1, j0, j1, scratchAt[p]];
    };
    this.runParts(parts.length, args);
    out.set(f32.subarray(cAt / 4, cAt / 4 + M * N));
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
   */
  adam(moments: Moments, w: Float32Array, g: Float32Array, out: Float32Array, p: AdamParams) {
    const { n } = moments;
    const wAt = this.transientStart();
    const gAt = wAt + align(n * 4);
    this.reserve(gAt + align(n * 4));
    const f32 = this.f32;
    f32.set(w.subarray(0, n), wAt / 4);
    f32.set(g.subarray(0, n), gAt / 4);
    this.kernels.adam(n, wAt, gAt, moments.m, moments.v, p.learningRate, p.beta1, p.beta2, p.epsilon, p.correction1, p.correction2);
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

  /** Disjoint blocks of C, one per thread, cut along the dimension whose split repeats less packing. */
  private split(job: GemmJob): [number, number, number, number][] {
    const { M, N, K } = job;
    const n = M * N * K >= THREADED_MIN_MACS ? this.threadCount : 1;
    // Cutting columns makes every thread pack all of op(A) (M·K), cutting rows all of op(B) (K·N).
    const alongN = M <= N;
    const extent = alongN ? N : M;
    const tile = alongN ? this.kernels.gemm_tile_n() : this.kernels.gemm_tile_m();
    const tiles = Math.ceil(extent / tile);
    const parts: [number, number, number, number][] = [];
    for (let t = 0; t < n; t++) {
      const lo = Math.min(extent, Math.round((tiles * t) / n) * tile);
      const hi = Math.min(extent, Math.round((tiles * (t + 1)) / n) * tile);
      if (hi > lo) parts.push(alongN ? [0, M, lo, hi] : [lo, hi, 0, N]);
    }
    return parts;
  }

  private runParts(count: number, args: (p: number) => number[]) {
    const ctl = this.control;
    const helpers = this.threads.length;
    if (count > 1) {
      for (let t = 1; t <= helpers; t++) {
        const base = JOB_BASE + t * JOB_SLOTS;
        if (t < count) {
          const a = args(t);
          ctl[base] = THREAD_KERNELS.indexOf('gemm');
          ctl[base + 1] = a.length;
          ctl.set(a, base + 2);
        } else ctl[base] = -1;
      }
      Atomics.store(ctl, DONE, 0);
      Atomics.store(ctl, FAILED, 0);
      Atomics.add(ctl, GEN, 1);
      Atomics.notify(ctl, GEN);
    }
    const mine = args(0);
    (this.kernels.gemm as (...a: number[]) => void)(...mine);
    if (count > 1) {
      for (let done = Atomics.load(ctl, DONE); done < helpers; done = Atomics.load(ctl, DONE)) Atomics.wait(ctl, DONE, done);
      if (Atomics.load(ctl, FAILED)) throw new Error('A kernel thread failed while computing a matrix product.');
    }
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
