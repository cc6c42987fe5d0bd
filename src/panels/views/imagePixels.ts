// An ImageGrid (count images of side×side in [0, 1]) as one RGBA mosaic at native size,
// white ink on black as MNIST is stored, with a one-pixel grey gap between images. The
// canvas then scales it by a whole factor with smoothing off, so pixels stay pixels.
import type { ImageGrid } from '../../training/protocol';

export const GAP = 1;
const GAP_GREY = 96;

export interface Rgba {
  width: number;
  height: number;
  data: Uint8ClampedArray<ArrayBuffer>;
}

export function mosaicSize(side: number, count: number, cols: number): { width: number; height: number; rows: number } {
  const c = Math.max(1, Math.min(cols, count));
  const rows = Math.max(1, Math.ceil(count / c));
  return { width: c * side + (c - 1) * GAP, height: rows * side + (rows - 1) * GAP, rows };
}

/** `reuse`: the previous mosaic's pixels, written over when the size matches (less garbage per redraw). */
export function imagesToRgba(grid: ImageGrid, cols: number, reuse?: Uint8ClampedArray<ArrayBuffer>): Rgba {
  const { side, count, pixels } = grid;
  const c = Math.max(1, Math.min(cols, count));
  const { width, height } = mosaicSize(side, count, c);
  const data = reuse?.length === width * height * 4 ? reuse : new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i += 4) (data[i] = data[i + 1] = data[i + 2] = GAP_GREY), (data[i + 3] = 255);
  for (let k = 0; k < count; k++) {
    const ox = (k % c) * (side + GAP);
    const oy = Math.floor(k / c) * (side + GAP);
    for (let r = 0; r < side; r++) {
      for (let col = 0; col < side; col++) {
        const v = pixels[k * side * side + r * side + col];
        const g = Number.isFinite(v) ? Math.round(Math.min(1, Math.max(0, v)) * 255) : 0;
        const at = ((oy + r) * width + ox + col) * 4;
        data[at] = data[at + 1] = data[at + 2] = g;
      }
    }
  }
  return { width, height, data };
}

/** The largest whole scale that keeps the mosaic within maxWidth (at least 1). */
export function wholeScale(nativeWidth: number, maxWidth: number, maxScale = 6): number {
  return Math.max(1, Math.min(maxScale, Math.floor(maxWidth / nativeWidth)));
}
