import { describe, expect, it } from 'vitest';
import { countFinitePoints, fitTransform, scatterBounds } from './scatterMath';

describe('scatter math', () => {
  it('bounds the finite points and the extras', () => {
    const pts = Float32Array.of(0, 0, 2, 1, NaN, 5);
    expect(countFinitePoints(pts)).toBe(2);
    expect(scatterBounds(pts, [[-1, 3]])).toEqual({ minX: -1, maxX: 2, minY: 0, maxY: 3 });
    expect(scatterBounds(new Float32Array(0))).toEqual({ minX: -1, maxX: 1, minY: -1, maxY: 1 });
    expect(scatterBounds(Float32Array.of(4, 4))).toEqual({ minX: 3, maxX: 5, minY: 3, maxY: 5 });
  });

  it('maps with one scale, centred, y up', () => {
    const t = fitTransform({ minX: 0, maxX: 2, minY: 0, maxY: 1 }, 220, 120, 10);
    // Scale 100 px per unit (200/2 horizontally; 100/1 vertically).
    expect(t.x(0)).toBeCloseTo(10);
    expect(t.x(2)).toBeCloseTo(210);
    expect(t.y(0)).toBeCloseTo(110);
    expect(t.y(1)).toBeCloseTo(10);
    const s = fitTransform({ minX: 0, maxX: 1, minY: 0, maxY: 1 }, 220, 120, 10);
    expect(s.x(1) - s.x(0)).toBeCloseTo(s.y(0) - s.y(1)); // equal aspect
  });
});
