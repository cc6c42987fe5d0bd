// Image-shaped views: which data count as images, the latent grid of the manifold, and
// packing decoded means into ImageGrids.
import type { ImageGrid } from '../protocol';
import { inverseNormalCdf } from './inverseNormalCdf';

/** A square side for image-like data (d = side², at least 8×8), else undefined. */
export function imageSide(d: number): number | undefined {
  const side = Math.round(Math.sqrt(d));
  return side * side === d && d >= 64 ? side : undefined;
}

/** count images of side² pixels from a row-major buffer, clamped to [0, 1] for display. */
export function imageGrid(values: ArrayLike<number>, offset: number, count: number, side: number): ImageGrid {
  const size = side * side;
  const pixels = new Float32Array(count * size);
  for (let i = 0; i < pixels.length; i++) {
    const v = values[offset * size + i];
    pixels[i] = v > 1 ? 1 : v >= 0 ? v : 0; // NaN shows as black rather than poisoning the image
  }
  return { side, count, pixels };
}

/**
 * grid×grid latent points, row-major: column c has z₁ = ν Φ⁻¹(u_c), row r has
 * z₂ = ν Φ⁻¹(1 − u_r), u_i = (i + ½)/grid — equal prior mass per cell, z₂ growing upwards
 * as on the latent scatter. Returned as a flat [grid², 2] array.
 */
export function manifoldLatents(grid: number, nu: number): Float32Array {
  const z = new Float32Array(grid * grid * 2);
  const at = (i: number) => nu * inverseNormalCdf((i + 0.5) / grid);
  for (let r = 0; r < grid; r++) {
    for (let c = 0; c < grid; c++) {
      z[2 * (r * grid + c)] = at(c);
      z[2 * (r * grid + c) + 1] = at(grid - 1 - r);
    }
  }
  return z;
}
