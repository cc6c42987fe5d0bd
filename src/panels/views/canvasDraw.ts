// Canvas drawing for the views: image mosaics (shown scaled by a whole factor, no smoothing)
// and scatters with labels. Each call draws from scratch; a view redraws only when its data change.
import type { ImageGrid } from '../../training/protocol';
import { PALETTE } from '../runs/runSeries';
import { imagesToRgba, wholeScale } from './imagePixels';
import type { Transform } from './scatterMath';

/**
 * The mosaic at its native size, enlarged by CSS (`image-rendering: pixelated` on .lc-mosaic):
 * no scaled copy to draw on the main thread, and scale² fewer pixels to upload each time the
 * worker sends new views. The context is a CPU one: it is only ever written with putImageData.
 */
export function drawMosaic(canvas: HTMLCanvasElement, grid: ImageGrid, cols: number, maxWidth: number): void {
  const last = lastImage.get(canvas);
  const m = imagesToRgba(grid, cols, last?.data);
  const scale = wholeScale(m.width, maxWidth);
  if (canvas.width !== m.width) canvas.width = m.width;
  if (canvas.height !== m.height) canvas.height = m.height;
  canvas.style.width = `${m.width * scale}px`; // the height follows the canvas's aspect ratio
  const image = last && last.data === m.data && last.width === m.width ? last : new ImageData(m.data, m.width, m.height);
  lastImage.set(canvas, image);
  canvas.getContext('2d', { willReadFrequently: true })!.putImageData(image, 0, 0);
}

const lastImage = new WeakMap<HTMLCanvasElement, ImageData>();

/** Sizes the canvas for its CSS box at the device pixel ratio; returns the context in CSS pixels. */
export function prepareCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D {
  const dpr = Math.min(2, window.devicePixelRatio || 1);
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  return ctx;
}

/** Draws the finite points; returns how many were drawn. */
export function drawPoints(ctx: CanvasRenderingContext2D, points: Float32Array, t: Transform, labels?: Int32Array, fallback = '#4e79a7'): number {
  // One path per colour: a handful of fills instead of a style change and a fill per point
  // (thousands of them for the latent scatter, redrawn with every views message).
  const n = points.length >> 1;
  const colourOf = (i: number) => {
    const label = labels?.[i];
    return label !== undefined && label >= 0 ? label % PALETTE.length : -1;
  };
  const used = new Set<number>();
  for (let i = 0; i < n; i++) used.add(colourOf(i));
  let drawn = 0;
  ctx.globalAlpha = 0.7;
  for (const c of [...used].sort((a, b) => a - b)) {
    ctx.beginPath();
    for (let i = 0; i < n; i++) {
      if (colourOf(i) !== c) continue;
      const x = points[2 * i];
      const y = points[2 * i + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      ctx.rect(t.x(x) - 1.5, t.y(y) - 1.5, 3, 3);
      drawn++;
    }
    ctx.fillStyle = c >= 0 ? PALETTE[c] : fallback;
    ctx.fill();
  }
  ctx.globalAlpha = 1;
  return drawn;
}

/** Thin grey lines through the origin, where the prior's mean is. */
export function drawOriginAxes(ctx: CanvasRenderingContext2D, t: Transform, width: number, height: number): void {
  ctx.strokeStyle = '#e5e7eb';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(0, t.y(0));
  ctx.lineTo(width, t.y(0));
  ctx.moveTo(t.x(0), 0);
  ctx.lineTo(t.x(0), height);
  ctx.stroke();
}
