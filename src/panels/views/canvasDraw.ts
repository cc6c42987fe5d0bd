// Canvas drawing for the views: image mosaics (scaled by a whole factor, no smoothing) and
// scatters with labels. Each call draws from scratch; a view redraws only when its data change.
import type { ImageGrid } from '../../training/protocol';
import { PALETTE } from '../runs/runSeries';
import { imagesToRgba, wholeScale } from './imagePixels';
import type { Transform } from './scatterMath';

let scratch: HTMLCanvasElement | null = null;

export function drawMosaic(canvas: HTMLCanvasElement, grid: ImageGrid, cols: number, maxWidth: number): void {
  const m = imagesToRgba(grid, cols);
  const scale = wholeScale(m.width, maxWidth);
  scratch ??= document.createElement('canvas');
  scratch.width = m.width;
  scratch.height = m.height;
  scratch.getContext('2d')!.putImageData(new ImageData(m.data, m.width, m.height), 0, 0);
  canvas.width = m.width * scale;
  canvas.height = m.height * scale;
  const ctx = canvas.getContext('2d')!;
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(scratch, 0, 0, canvas.width, canvas.height);
}

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
  let drawn = 0;
  ctx.globalAlpha = 0.7;
  for (let i = 0; 2 * i + 1 < points.length; i++) {
    const x = points[2 * i];
    const y = points[2 * i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const label = labels?.[i];
    ctx.fillStyle = label !== undefined && label >= 0 ? PALETTE[label % PALETTE.length] : fallback;
    ctx.fillRect(t.x(x) - 1.5, t.y(y) - 1.5, 3, 3);
    drawn++;
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
