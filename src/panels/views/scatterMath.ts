// Data coordinates to canvas pixels for the scatter views: bounds over the finite points
// (and any extra points such as axis ends), one scale for both axes so angles and lengths
// look right (PPCA axes must look orthogonal when they are), y pointing up.

export interface Bounds {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

export interface Transform {
  x(v: number): number;
  y(v: number): number;
}

/** Finite points in an n×2 row-major array. */
export function countFinitePoints(points: Float32Array): number {
  let n = 0;
  for (let i = 0; i + 1 < points.length; i += 2) if (Number.isFinite(points[i]) && Number.isFinite(points[i + 1])) n++;
  return n;
}

export function scatterBounds(points: Float32Array, extra: readonly (readonly [number, number])[] = []): Bounds {
  const b = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity };
  const add = (x: number, y: number) => {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    b.minX = Math.min(b.minX, x);
    b.maxX = Math.max(b.maxX, x);
    b.minY = Math.min(b.minY, y);
    b.maxY = Math.max(b.maxY, y);
  };
  for (let i = 0; i + 1 < points.length; i += 2) add(points[i], points[i + 1]);
  for (const [x, y] of extra) add(x, y);
  if (b.minX > b.maxX) return { minX: -1, maxX: 1, minY: -1, maxY: 1 };
  // A single point, or points on a line, still get a visible extent around them.
  if (b.maxX - b.minX < 1e-9) (b.minX -= 1), (b.maxX += 1);
  if (b.maxY - b.minY < 1e-9) (b.minY -= 1), (b.maxY += 1);
  return b;
}

/** Fits the bounds into width×height minus a margin, same scale on both axes, centred. */
export function fitTransform(b: Bounds, width: number, height: number, margin = 10): Transform {
  const w = Math.max(1, width - 2 * margin);
  const h = Math.max(1, height - 2 * margin);
  const scale = Math.min(w / (b.maxX - b.minX), h / (b.maxY - b.minY));
  const cx = (b.minX + b.maxX) / 2;
  const cy = (b.minY + b.maxY) / 2;
  return {
    x: (v) => width / 2 + (v - cx) * scale,
    y: (v) => height / 2 - (v - cy) * scale,
  };
}
