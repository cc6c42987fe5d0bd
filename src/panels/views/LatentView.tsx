// The encoded test set in two dimensions, coloured by label, with a legend of the labels
// present and the method that made the coordinates as a caption.
import { useRef, useState } from 'react';
import type { ScatterView } from '../../training/protocol';
import { PALETTE } from '../runs/runSeries';
import { drawOriginAxes, drawPoints, prepareCanvas } from './canvasDraw';
import { fitTransform, scatterBounds } from './scatterMath';
import { useDrawEffect } from './useDrawEffect';

const W = 300;
const H = 240;

export function LabelLegend({ labels }: { labels?: Int32Array }) {
  if (!labels) return null;
  const present = [...new Set(labels)].filter((l) => l >= 0).sort((a, b) => a - b);
  return (
    <div className="lc-legend">
      {present.map((l) => (
        <span key={l}>
          <i style={{ background: PALETTE[l % PALETTE.length] }} />
          {l}
        </span>
      ))}
    </div>
  );
}

export function LatentView({ view }: { view: ScatterView }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [drawn, setDrawn] = useState(0);
  useDrawEffect(() => {
    if (!ref.current) return;
    const ctx = prepareCanvas(ref.current, W, H);
    const t = fitTransform(scatterBounds(view.points), W, H);
    drawOriginAxes(ctx, t, W, H);
    setDrawn(drawPoints(ctx, view.points, t, view.labels));
  }, [view]);
  return (
    <figure className="lc-view">
      <figcaption>Latent space</figcaption>
      <canvas ref={ref} data-testid="view-latent" data-points={drawn} aria-label={`Latent scatter of ${drawn} test points`} role="img" />
      <LabelLegend labels={view.labels} />
      <div className="lc-caption">{view.method}</div>
    </figure>
  );
}
