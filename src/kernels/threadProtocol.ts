// What the calling thread and the kernel threads agree on. The control block is a small
// SharedArrayBuffer of i32 slots, separate from the kernels' memory so that growing that
// memory never moves it.
//
//   slot 0: generation — bumped by the caller for each job, -1 asks the threads to exit
//   slot 1: done       — threads add 1 when they finish their part of the current job
//   slot 2: failed     — a thread sets 1 if its kernel threw (the caller then raises)
//   from JOB_BASE, JOB_SLOTS slots per thread: the export to call (-1: nothing this time),
//   the number of arguments, then the i32 arguments
export const GEN = 0;
export const DONE = 1;
export const FAILED = 2;
export const JOB_BASE = 16;
export const JOB_SLOTS = 24;

/** Exports a kernel thread may be asked to run (index in slot 0 of its job). */
export const THREAD_KERNELS = ['gemm'] as const;

export interface ThreadInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: SharedArrayBuffer;
  /** 1-based; the calling thread is 0. */
  id: number;
}

export function controlBytes(threads: number): number {
  return (JOB_BASE + JOB_SLOTS * threads) * 4;
}

/**
 * The body of a kernel thread, as source text: the same text runs in a browser worker
 * (started from a blob: URL) and in a Node worker thread (`eval: true`), and needs no
 * bundler. `host` defines `onInit(handler)` (hands over the ThreadInit message) and
 * `reply(message)` for the host it runs in.
 * It instantiates the kernels on the shared memory, says it is ready, then sleeps on the
 * generation slot and runs its part of each job.
 */
export function threadSource(host: string): string {
  return `
const GEN = ${GEN}, DONE = ${DONE}, FAILED = ${FAILED}, JOB_BASE = ${JOB_BASE}, JOB_SLOTS = ${JOB_SLOTS};
const KERNELS = ${JSON.stringify(THREAD_KERNELS)};
${host}
onInit((init) => {
  const exports = new WebAssembly.Instance(init.module, { env: { memory: init.memory } }).exports;
  const fns = KERNELS.map((k) => exports[k]);
  const ctl = new Int32Array(init.control);
  const base = JOB_BASE + init.id * JOB_SLOTS;
  let seen = Atomics.load(ctl, GEN);
  reply('ready');
  for (;;) {
    Atomics.wait(ctl, GEN, seen);
    seen = Atomics.load(ctl, GEN);
    if (seen < 0) break;
    try {
      const kernel = ctl[base];
      if (kernel >= 0) {
        const args = [];
        for (let i = 0, n = ctl[base + 1]; i < n; i++) args.push(ctl[base + 2 + i]);
        fns[kernel](...args);
      }
    } catch (e) {
      Atomics.store(ctl, FAILED, 1);
    }
    Atomics.add(ctl, DONE, 1);
    Atomics.notify(ctl, DONE);
  }
});
`;
}
