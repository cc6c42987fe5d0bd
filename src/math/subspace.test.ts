import { describe, expect, it } from 'vitest';
import { principalAnglesDeg } from './subspace';
import { randomMatrix } from './syntheticPpca';

function mul(A: number[][], B: number[][]): number[][] {
  return A.map((r) => B[0].map((_, j) => r.reduce((s, v, k) => s + v * B[k][j], 0)));
}

describe('principalAnglesDeg', () => {
  const A = randomMatrix('sub-A', 10, 3);

  it('is ~0 for identical subspaces', () => {
    const angles = principalAnglesDeg(A, A);
    expect(angles).toHaveLength(3);
    for (const a of angles) expect(a).toBeLessThan(1e-4);
  });

  it('is ~0 for a different (non-orthogonal) basis of the same subspace', () => {
    const mixed = mul(A, [
      [2, 0.3, -1],
      [0.5, -1, 0],
      [1, 1, 4],
    ]);
    for (const a of principalAnglesDeg(A, mixed)) expect(a).toBeLessThan(1e-4);
  });

  it('is 90 for orthogonal subspaces', () => {
    const e = (i: number) => Array.from({ length: 4 }, (_, j) => (i === j ? 1 : 0));
    const X = [0, 1, 2, 3].map((r) => [e(0)[r], e(1)[r]]);
    const Y = [0, 1, 2, 3].map((r) => [e(2)[r], e(3)[r]]);
    expect(principalAnglesDeg(X, Y)).toEqual([90, 90]);
  });

  it('returns known angles in ascending order, one per dimension of the smaller span', () => {
    const t = (30 * Math.PI) / 180;
    const X = [[1, 0], [0, 1], [0, 0]];
    const Y = [[0], [Math.cos(t)], [Math.sin(t)]];
    const angles = principalAnglesDeg(X, Y);
    expect(angles).toHaveLength(1);
    expect(angles[0]).toBeCloseTo(30, 6);
    const Z = [[1, 0], [0, Math.cos(t)], [0, Math.sin(t)]];
    const both = principalAnglesDeg(X, Z);
    expect(both[0]).toBeCloseTo(0, 6);
    expect(both[1]).toBeCloseTo(30, 6);
  });

  it('ignores all-zero columns instead of inventing directions for them', () => {
    const withZero = A.map((r) => [r[0], r[1], 0]);
    const angles = principalAnglesDeg(withZero, A);
    expect(angles).toHaveLength(2);
    for (const a of angles) expect(a).toBeLessThan(1e-4);
  });
});
