// What the calling thread and the kernel threads agree on. The control block is a small
// SharedArrayBuffer, separate from the kernels' memory so that growing that memory never
// moves it: i32 slots, then an 8-byte-aligned area of f64 slots for arguments that are
// doubles (Adam's scalars), which an i32 slot cannot carry.
//
//   slot GEN:    bumped by the caller for each job; -1 asks the threads to exit
//   slot NEXT:   the job's tag (GEN's low 15 bits) << 16 | the next chunk to take
//   slot DONE:   chunks finished
//   slot FAILED: set to 1 if a kernel threw (the caller then raises)
//   from JOB:    the job, as postJob lays it out: +0 the export (THREAD_KERNELS), +1 how
//                it is cut (CUT_*), +2 the unit chunk edges are multiples of, +3 the number
//                of chunks, +4 gemm's scratch bytes per thread, +5 for CUT_RANGE the number
//                of float32 arrays after n, +6 and +7 the numbers of i32 and f64 arguments,
//                from +8 (JOB_HEADER) the i32 arguments
//   from F64:    the f64 arguments, which the export takes after the i32 ones
//
// Every thread, the caller included, takes chunks until none is left, so a thread that
// wakes late or runs slow (cold caches, a busy core) simply takes fewer. A thread that
// wakes so late that the caller has posted the next job sees another tag and takes nothing
// from the old one; the caller closes NEXT before it rewrites the job, so a thread that
// read a half-written job always fails to take a chunk of it.
export const GEN = 0;
export const NEXT = 1;
export const DONE = 2;
export const FAILED = 3;
export const JOB = 8;
export const JOB_SLOTS = 32;
/** Slots of a job before its i32 arguments. */
export const JOB_HEADER = 8;
/** Byte offset of the f64 area (after the i32 slots, 8-byte aligned). */
export const F64 = (JOB + JOB_SLOTS) * 4;
export const F64_SLOTS = 8;

/** gemm: blocks of whole micro-tile rows of C (i0..i1). */
export const CUT_ROWS = 0;
/** gemm: blocks of whole micro-tile columns of C (j0..j1). */
export const CUT_COLUMNS = 1;
/**
 * Element-wise: the export takes (n, a₁ … a_k, …) with k float32 arrays of n; a chunk is
 * the range [lo, hi) of n, passed as n = hi − lo and every aᵢ advanced by lo.
 */
export const CUT_RANGE = 2;
/**
 * Rows of a kernel that takes its own range: the last two i32 arguments are [lo, hi) of the
 * extent posted as the last one (the Bernoulli likelihood's rows or examples, the sparse
 * product's columns).
 */
export const CUT_SPAN = 3;

/** Polls by the caller for the last chunks before it sleeps (tens of microseconds). */
export const CALLER_SPIN = 20000;
/**
 * How long a kernel thread keeps polling for the next job before it sleeps. Products come
 * in bursts (a training step asks for a dozen, a millisecond or less apart) and a sleeping
 * thread wakes too late to take its share.
 */
export const THREAD_SPIN_MS = 2;

/** Exports a kernel thread may be asked to run (index in the job's first slot). */
export const THREAD_KERNELS = ['gemm', 'adam', 'bernoulli_logprob', 'bernoulli_grad', 'spmm'] as const;

export interface ThreadInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: SharedArrayBuffer;
  /** 1-based; the calling thread is 0. */
  id: number;
}

/** A started kernel thread, as the pool holds it (Node worker thread or browser worker). */
export interface KernelThread {
  terminate(): void;
}

export interface Job {
  kernel: (typeof THREAD_KERNELS)[number];
  cut: typeof CUT_ROWS | typeof CUT_COLUMNS | typeof CUT_RANGE | typeof CUT_SPAN;
  /** Chunk edges are multiples of this (micro-tile rows or columns, or elements), except at the end. */
  unit: number;
  chunks: number;
  /** gemm: scratch bytes per thread; thread id's scratch is at args[14] + id · this. */
  scratchPerThread?: number;
  /** CUT_RANGE: how many float32 array pointers follow n (args[0]). */
  arrays?: number;
  args: number[];
  doubles?: number[];
}

export function controlBytes(): number {
  return F64 + F64_SLOTS * 8;
}

/** The control block's i32 slots and its f64 area, over one buffer. */
export function controlViews(control: SharedArrayBuffer): { ctl: Int32Array; f64: Float64Array } {
  return { ctl: new Int32Array(control, 0, F64 / 4), f64: new Float64Array(control, F64, F64_SLOTS) };
}

/** Lays a job out and opens it under `gen`'s tag; the caller then stores GEN and notifies. */
export function postJob(ctl: Int32Array, f64: Float64Array, gen: number, job: Job): void {
  const doubles = job.doubles ?? [];
  if (job.args.length + JOB_HEADER > JOB_SLOTS || doubles.length > F64_SLOTS) throw new RangeError('A thread job has more arguments than the control block holds.');
  if (job.chunks < 1 || job.chunks >= 0xffff) throw new RangeError(`A thread job cannot be cut into ${job.chunks} chunks.`);
  const tag = (gen & 0x7fff) << 16;
  // Closed (chunk 0xffff ≥ any count) while rewritten: see the header.
  Atomics.store(ctl, NEXT, tag | 0xffff);
  ctl.set([THREAD_KERNELS.indexOf(job.kernel), job.cut, job.unit, job.chunks, job.scratchPerThread ?? 0, job.arrays ?? 0, job.args.length, doubles.length], JOB);
  ctl.set(job.args, JOB + JOB_HEADER);
  f64.set(doubles);
  Atomics.store(ctl, DONE, 0);
  Atomics.store(ctl, FAILED, 0);
  Atomics.store(ctl, NEXT, tag);
}

/**
 * Takes chunks of the posted job while its tag is current, runs them, counts them done.
 * Shared by the caller and, as source text, the kernel threads: so it refers to nothing
 * outside itself (slot numbers are literals, checked against postJob by a test).
 */
export function takeChunks(ctl: Int32Array, f64: Float64Array, fns: ((...a: number[]) => void)[], id: number, gen: number): void {
  const JOB_ = 8;
  const tag = (gen & 0x7fff) << 16;
  let job: number[] | undefined;
  const call: number[] = [];
  for (;;) {
    const v = Atomics.load(ctl, 1);
    if ((v & ~0xffff) !== tag) return;
    // Read only once the tag is ours; a successful exchange below proves it was still ours.
    if (!job) {
      job = [];
      for (let i = 0; i < 8; i++) job.push(ctl[JOB_ + i]);
      for (let i = 0; i < job[6]; i++) call.push(ctl[JOB_ + 8 + i]);
      for (let i = 0; i < job[7]; i++) call.push(f64[i]);
    }
    const [kernel, cut, unit, chunks, scratchPerThread, arrays] = job;
    if ((v & 0xffff) >= chunks) return;
    if (Atomics.compareExchange(ctl, 1, v, v + 1) !== v) continue;
    const c = v & 0xffff;
    const last = job[6] - 1;
    const extent = call[cut === 3 ? last : cut === 1 ? 1 : 0]; // the span's end, N when cutting columns, else M or n
    const units = Math.ceil(extent / unit);
    const lo = Math.min(extent, Math.round((units * c) / chunks) * unit);
    const hi = Math.min(extent, Math.round((units * (c + 1)) / chunks) * unit);
    const args = call.slice();
    if (cut === 3) {
      args[last - 1] = lo;
      args[last] = hi;
    } else if (cut === 2) {
      args[0] = hi - lo;
      for (let i = 1; i <= arrays; i++) args[i] += lo * 4;
    } else {
      // gemm(M, N, K, A, transA, B, transB, C, bias, act, i0, i1, j0, j1, scratch)
      args[10] = cut === 1 ? 0 : lo;
      args[11] = cut === 1 ? args[0] : hi;
      args[12] = cut === 1 ? lo : 0;
      args[13] = cut === 1 ? hi : args[1];
      args[14] += id * scratchPerThread;
    }
    try {
      fns[kernel](...args);
    } catch {
      Atomics.store(ctl, 3, 1);
    }
    Atomics.add(ctl, 2, 1);
    Atomics.notify(ctl, 2);
  }
}

/**
 * The body of a kernel thread, as source text: the same text runs in a browser worker
 * (started from a blob: URL) and in a Node worker thread (`eval: true`), and needs no
 * bundler. `host` defines `onInit(handler)` (hands over the ThreadInit message) and
 * `reply(message)` for the host it runs in.
 */
export function threadSource(host: string): string {
  return `
const GEN = ${GEN}, SPIN_MS = ${THREAD_SPIN_MS}, F64 = ${F64}, F64_SLOTS = ${F64_SLOTS};
const KERNELS = ${JSON.stringify(THREAD_KERNELS)};
const takeChunks = ${takeChunks.toString()};
${host}
onInit((init) => {
  const exports = new WebAssembly.Instance(init.module, { env: { memory: init.memory } }).exports;
  const fns = KERNELS.map((k) => exports[k]);
  const ctl = new Int32Array(init.control, 0, F64 / 4);
  const f64 = new Float64Array(init.control, F64, F64_SLOTS);
  let seen = Atomics.load(ctl, GEN);
  reply('ready');
  for (;;) {
    const until = performance.now() + SPIN_MS;
    while (Atomics.load(ctl, GEN) === seen) {
      for (let i = 0; i < 1000 && Atomics.load(ctl, GEN) === seen; i++);
      if (performance.now() > until) break;
    }
    Atomics.wait(ctl, GEN, seen);
    seen = Atomics.load(ctl, GEN);
    if (seen < 0) break;
    takeChunks(ctl, f64, fns, init.id, seen);
  }
});
`;
}
