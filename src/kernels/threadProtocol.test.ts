// takeChunks runs as source text in the kernel threads, so it names its control slots by
// number; this drives it through a job laid out with the exported constants.
import { describe, expect, it } from 'vitest';
import { controlBytes, DONE, FAILED, GEN, JOB, NEXT, takeChunks } from './threadProtocol';

function post(ctl: Int32Array, gen: number, args: number[], chunking: number[]) {
  ctl[JOB] = 0;
  ctl[JOB + 1] = args.length;
  ctl.set(args, JOB + 2);
  ctl.set(chunking, JOB + 2 + args.length);
  ctl[DONE] = 0;
  ctl[FAILED] = 0;
  ctl[NEXT] = (gen & 0x7fff) << 16;
  ctl[GEN] = gen;
}

// gemm's arguments: M, N, K, A, transA, B, transB, C, bias, act, i0, i1, j0, j1, scratch.
const gemmArgs = (M: number, N: number) => [M, N, 5, 0, 0, 0, 0, 0, 0, 0, 0, M, 0, N, 1000];

describe('takeChunks', () => {
  it('covers the product with disjoint whole-tile blocks, each on this thread’s scratch, and counts them done', () => {
    const ctl = new Int32Array(new SharedArrayBuffer(controlBytes()));
    post(ctl, 7, gemmArgs(12, 50), [1, 8, 3, 4096]); // columns: 7 tiles of 8 in 3 chunks
    const blocks: number[][] = [];
    takeChunks(ctl, [(...a: number[]) => blocks.push(a.slice(10))], 2, 7);
    expect(blocks).toEqual([
      [0, 12, 0, 16, 1000 + 2 * 4096],
      [0, 12, 16, 40, 1000 + 2 * 4096],
      [0, 12, 40, 50, 1000 + 2 * 4096],
    ]);
    expect(ctl[DONE]).toBe(3);
    expect(ctl[FAILED]).toBe(0);
  });

  it('cuts rows when told to, and takes nothing from a job whose tag is not its own', () => {
    const ctl = new Int32Array(new SharedArrayBuffer(controlBytes()));
    post(ctl, 3, gemmArgs(9, 4), [0, 4, 2, 0]); // rows: 3 tiles of 4 in 2 chunks
    const blocks: number[][] = [];
    const fn = (...a: number[]) => blocks.push(a.slice(10, 14));
    takeChunks(ctl, [fn], 0, 2); // woke for the previous job: nothing to take
    expect(blocks).toEqual([]);
    takeChunks(ctl, [fn], 0, 3);
    expect(blocks).toEqual([
      [0, 8, 0, 4],
      [8, 9, 0, 4],
    ]);
  });

  it('reports a kernel that throws, and still counts its chunk', () => {
    const ctl = new Int32Array(new SharedArrayBuffer(controlBytes()));
    post(ctl, 1, gemmArgs(4, 8), [1, 8, 1, 0]);
    takeChunks(ctl, [() => { throw new Error('boom'); }], 0, 1);
    expect(ctl[FAILED]).toBe(1);
    expect(ctl[DONE]).toBe(1);
  });
});
