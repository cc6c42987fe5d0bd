// The lecture's PPCA picture: test data in the plane of its top principal directions, with
// the learned principal axes (solid) and the closed-form ones (dashed), both drawn ± from
// the data mean, so one watches gradient descent turn the axes onto the eigenvectors.
import { useRef } from 'react';
import type { PpcaView as PpcaViewData } from '../../training/protocol';
import { drawPoints, prepareCanvas } from './canvasDraw';
import { fitTransform, scatterBounds, type Transform } from './scatterMath';
import { useDrawEffect } from './useDrawEffect';

const W = 300;
const H = 240;
const LEARNED = '#dc2626';
const CLOSED = '#15803d';

function axisEnds(center: [number, number], axes: [number, number][]): [number, number][] {
  return axes.flatMap(([x, y]) => [[center[0] + x, center[1] + y] as [number, number], [center[0] - x, center[1] - y] as [number, number]]);
}

function drawAxes(ctx: CanvasRenderingContext2D, t: Transform, center: [number, number], axes: [number, number][], colour: string, dash: number[]) {
  ctx.strokeStyle = colour;
  ctx.lineWidth = 2.5;
  ctx.setLineDash(dash);
  ctx.beginPath();
  for (const [x, y] of axes) {
    ctx.moveTo(t.x(center[0] - x), t.y(center[1] - y));
    ctx.lineTo(t.x(center[0] + x), t.y(center[1] + y));
  }
  ctx.stroke();
  ctx.setLineDash([]);
}

export function PpcaView({ view }: { view: PpcaViewData }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useDrawEffect(() => {
    if (!ref.current) return;
    const ctx = prepareCanvas(ref.current, W, H);
    const extra = [...axisEnds(view.center, view.learnedAxes), ...axisEnds(view.center, view.closedFormAxes)];
    const t = fitTransform(scatterBounds(view.points, extra), W, H);
    drawPoints(ctx, view.points, t, view.labels, '#94a3b8');
    drawAxes(ctx, t, view.center, view.closedFormAxes, CLOSED, [7, 5]);
    drawAxes(ctx, t, view.center, view.learnedAxes, LEARNED, []);
  }, [view]);
  return (
    <figure className="lc-view">
      <figcaption>PPCA: principal axes</figcaption>
      <canvas ref={ref} data-testid="view-ppca" data-learned-axes={view.learnedAxes.length} data-closed-form-axes={view.closedFormAxes.length} aria-label="PPCA projection with learned and closed-form axes" role="img" />
      <div className="lc-legend">
        <span>
          <b className="lc-line" style={{ borderColor: LEARNED }} /> learned axes
        </span>
        <span>
          <b className="lc-line lc-dashed" style={{ borderColor: CLOSED }} /> closed-form axes
        </span>
      </div>
      <div className="lc-caption">{view.method}</div>
    </figure>
  );
}
