// One mosaic of images (inputs, reconstructions, samples, manifold, interpolation).
import { useRef } from 'react';
import type { ImageGrid } from '../../training/protocol';
import { drawMosaic } from './canvasDraw';
import { useDrawEffect } from './useDrawEffect';

export interface ImageGridCanvasProps {
  grid: ImageGrid;
  cols: number;
  maxWidth: number;
  testId: string;
  label: string;
}

export function ImageGridCanvas({ grid, cols, maxWidth, testId, label }: ImageGridCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useDrawEffect(() => {
    if (ref.current) drawMosaic(ref.current, grid, cols, maxWidth);
  }, [grid, cols, maxWidth]);
  return <canvas ref={ref} className="lc-mosaic" data-testid={testId} data-count={grid.count} aria-label={label} role="img" />;
}
