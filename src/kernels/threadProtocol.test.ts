// takeChunks runs as source text in the kernel threads, so it names its control slots by
// number; this drives it through jobs laid out by postJob, which names them by constant.
import { describe, expect, it } from 'vitest';
import { controlBytes, controlViews, CUT_COLUMNS, CUT_RANGE, CUT_ROWS, DONE, FAILED, JOB, type Job, NEXT, postJob, takeChunks } from './threadProtocol';

function post(gen: number, job: Omit<Job, 'kernel'>) {
  const views = controlViews(new SharedArrayBuffer(controlBytes()));
  postJob(views.ctl, views.f64, gen, { kernel: 'gemm', ...job });
  return views;
}

// gemm's arguments: M, N, K, A, transA, B, transB, C, bias, act, i0, i1, j0, j1, scratch.
const gemmArgs = (M: number, N: number) => [M, N, 5, 0, 0, 0, 0, 0, 0, 0, 0, M, 0, N, 1000];

describe('takeChunks', () => {
  it('covers the product with disjoint whole-tile blocks, each on this thread’s scratch, and counts them done', () => {
    // Columns: 7 tiles of 8 in 3 chunks.
    const { ctl, f64 } = post(7, { cut: CUT_COLUMNS, unit: 8, chunks: 3, scratchPerThread: 4096, args: gemmArgs(12, 50) });
    const blocks: number[][] = [];
    takeChunks(ctl, f64, [(...a: number[]) => blocks.push(a.slice(10))], 2, 7);
    expect(blocks).toEqual([
      [0, 12, 0, 16, 1000 + 2 * 4096],
      [0, 12, 16, 40, 1000 + 2 * 4096],
      [0, 12, 40, 50, 1000 + 2 * 4096],
    ]);
    expect(ctl[DONE]).toBe(3);
    expect(ctl[FAILED]).toBe(0);
  });

  it('cuts rows when told to, and takes nothing from a job whose tag is not its own', () => {
    // Rows: 3 tiles of 4 in 2 chunks.
    const { ctl, f64 } = post(3, { cut: CUT_ROWS, unit: 4, chunks: 2, scratchPerThread: 0, args: gemmArgs(9, 4) });
    const blocks: number[][] = [];
    const fn = (...a: number[]) => blocks.push(a.slice(10, 14));
    takeChunks(ctl, f64, [fn], 0, 2); // woke for the previous job: nothing to take
    expect(blocks).toEqual([]);
    takeChunks(ctl, f64, [fn], 0, 3);
    expect(blocks).toEqual([
      [0, 8, 0, 4],
      [8, 9, 0, 4],
    ]);
  });

  it('cuts an element-wise job into ranges of whole units, advancing every array, with the doubles after the i32 arguments', () => {
    // n = 70 in units of 16 (5 units) in 3 chunks; (n, a, b) with arrays at 1000 and 5000, then a flag and two doubles.
    const { ctl, f64 } = post(5, { cut: CUT_RANGE, unit: 16, chunks: 3, arrays: 2, args: [70, 1000, 5000, 9], doubles: [0.1, 1e-300] });
    const calls: number[][] = [];
    takeChunks(ctl, f64, [(...a: number[]) => calls.push(a)], 1, 5);
    expect(calls).toEqual([
      [32, 1000, 5000, 9, 0.1, 1e-300],
      [16, 1000 + 32 * 4, 5000 + 32 * 4, 9, 0.1, 1e-300],
      [22, 1000 + 48 * 4, 5000 + 48 * 4, 9, 0.1, 1e-300],
    ]);
    expect(ctl[DONE]).toBe(3);
  });

  it('takes nothing while a job is being rewritten', () => {
    const { ctl, f64 } = post(4, { cut: CUT_RANGE, unit: 16, chunks: 2, arrays: 1, args: [64, 0] });
    const calls: number[][] = [];
    const fn = (...a: number[]) => calls.push(a);
    takeChunks(ctl, f64, [fn], 0, 4);
    expect(calls.length).toBe(2);
    // Posting job 5 closes NEXT under 5's tag before rewriting the job: a thread still on job 4
    // sees another tag, and nothing is open under 5's until the job is whole.
    Atomics.store(ctl, NEXT, ((5 & 0x7fff) << 16) | 0xffff);
    ctl[JOB + 3] = 9; // a chunk count, half way through the rewrite
    takeChunks(ctl, f64, [fn], 0, 4);
    takeChunks(ctl, f64, [fn], 0, 5);
    expect(calls.length).toBe(2);
  });

  it('reports a kernel that throws, and still counts its chunk', () => {
    const { ctl, f64 } = post(1, { cut: CUT_COLUMNS, unit: 8, chunks: 1, scratchPerThread: 0, args: gemmArgs(4, 8) });
    takeChunks(ctl, f64, [() => { throw new Error('boom'); }], 0, 1);
    expect(ctl[FAILED]).toBe(1);
    expect(ctl[DONE]).toBe(1);
  });
});
