// What the calling thread and the kernel threads agree on. The control block is a small
// SharedArrayBuffer of i32 slots, separate from the kernels' memory so that growing that
// memory never moves it.
//
//   slot GEN:    bumped by the caller for each job; -1 asks the threads to exit
//   slot NEXT:   the job's tag (GEN's low 15 bits) << 16 | the next chunk to take
//   slot DONE:   chunks finished
//   slot FAILED: set to 1 if a kernel threw (the caller then raises)
//   from JOB:    the export to call, the number of its i32 arguments, the arguments, then
//                how the product is cut into chunks: cut along N (1) or M (0), the tile,
//                the number of chunks, the scratch bytes per thread
//
// Every thread, the caller included, takes chunks until none is left, so a thread that
// wakes late or runs slow (cold caches, a busy core) simply takes fewer. A thread that
// wakes so late that the caller has posted the next job sees another tag and takes nothing
// from the old one.
export const GEN = 0;
export const NEXT = 1;
export const DONE = 2;
export const FAILED = 3;
export const JOB = 8;
export const JOB_SLOTS = 32;

/** Polls by the caller for the last chunks before it sleeps (tens of microseconds). */
export const CALLER_SPIN = 20000;
/**
 * How long a kernel thread keeps polling for the next job before it sleeps. Products come
 * in bursts (a training step asks for a dozen, a millisecond or less apart) and a sleeping
 * thread wakes too late to take its share.
 */
export const THREAD_SPIN_MS = 2;

/** Exports a kernel thread may be asked to run (index in the job's first slot). */
export const THREAD_KERNELS = ['gemm'] as const;

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

export function controlBytes(): number {
  return (JOB + JOB_SLOTS) * 4;
}

/**
 * Takes chunks of the posted job while its tag is current, runs them, counts them done.
 * Shared by the caller and, as source text, the kernel threads: so it refers to nothing
 * outside itself (slot numbers are literals, checked against the constants by a test).
 * A chunk is a block of whole micro-tiles of rows or of columns of C.
 */
export function takeChunks(ctl: Int32Array, fns: ((...a: number[]) => void)[], id: number, gen: number): void {
  const JOB_ = 8;
  const kernel = ctl[JOB_];
  if (kernel < 0) return;
  const nargs = ctl[JOB_ + 1];
  const args: number[] = [];
  for (let i = 0; i < nargs; i++) args.push(ctl[JOB_ + 2 + i]);
  const alongN = ctl[JOB_ + 2 + nargs];
  const tile = ctl[JOB_ + 3 + nargs];
  const chunks = ctl[JOB_ + 4 + nargs];
  args[14] += id * ctl[JOB_ + 5 + nargs]; // this thread's scratch
  const tag = (gen & 0x7fff) << 16;
  for (;;) {
    const v = Atomics.load(ctl, 1);
    if ((v & ~0xffff) !== tag || (v & 0xffff) >= chunks) return;
    if (Atomics.compareExchange(ctl, 1, v, v + 1) !== v) continue;
    const c = v & 0xffff;
    const extent = alongN ? args[1] : args[0];
    const tiles = Math.ceil(extent / tile);
    const lo = Math.min(extent, Math.round((tiles * c) / chunks) * tile);
    const hi = Math.min(extent, Math.round((tiles * (c + 1)) / chunks) * tile);
    args[10] = alongN ? 0 : lo;
    args[11] = alongN ? args[0] : hi;
    args[12] = alongN ? lo : 0;
    args[13] = alongN ? hi : args[1];
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
const GEN = ${GEN}, SPIN_MS = ${THREAD_SPIN_MS};
const KERNELS = ${JSON.stringify(THREAD_KERNELS)};
const takeChunks = ${takeChunks.toString()};
${host}
onInit((init) => {
  const exports = new WebAssembly.Instance(init.module, { env: { memory: init.memory } }).exports;
  const fns = KERNELS.map((k) => exports[k]);
  const ctl = new Int32Array(init.control);
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
    takeChunks(ctl, fns, init.id, seen);
  }
});
`;
}
