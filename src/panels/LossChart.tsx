// Train and test loss per epoch, drawn with uPlot from the worker's epoch events only.
// The plot is created once; each epoch appends to its columns and calls setData. When the
// run has a closed-form optimum (PPCA), its train NLL is a dashed horizontal reference.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ClosedFormSummary, EpochRecord } from '../training/protocol';

export interface LossChartProps {
  epochs: EpochRecord[];
  closedForm?: ClosedFormSummary;
  height?: number;
}

const CLOSED_FORM_LABEL = 'eigendecomposition optimum';
const MIN_WIDTH = 160;

type Columns = { x: number[]; train: (number | null)[]; test: (number | null)[] };

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

const closedFormSeries = (): uPlot.Series => ({
  label: CLOSED_FORM_LABEL,
  stroke: '#15803d',
  width: 1.5,
  dash: [6, 4],
  points: { show: false },
  value: (_u, v) => (v == null ? '—' : v.toFixed(4)),
});

function baseOptions(width: number, height: number): uPlot.Options {
  return {
    width,
    height,
    scales: { x: { time: false } },
    axes: [
      { label: 'epoch', size: 36, labelSize: 18 },
      { label: 'nats / example', size: 60, labelSize: 18 },
    ],
    series: [
      { label: 'epoch', value: (_u, v) => (v == null ? '—' : String(v)) },
      { label: 'train loss', stroke: '#2563eb', width: 2, spanGaps: true, value: (_u, v) => (v == null ? '—' : v.toFixed(4)) },
      { label: 'test loss', stroke: '#dc2626', width: 2, spanGaps: true, value: (_u, v) => (v == null ? '—' : v.toFixed(4)) },
    ],
    legend: { show: true },
    cursor: { drag: { x: false, y: false } },
  };
}

function widthOf(el: HTMLElement): number {
  return Math.max(MIN_WIDTH, Math.floor(el.clientWidth));
}

// 160 px: with the legend it fits under the run controls in a 720 px high window.
export function LossChart({ epochs, closedForm, height = 160 }: LossChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const colsRef = useRef<Columns>({ x: [], train: [], test: [] });
  const seenRef = useRef<EpochRecord[]>([]);
  const hasClosedForm = closedForm !== undefined && Number.isFinite(closedForm.trainNll);

  // Create the plot once; follow the container's width.
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const u = new uPlot(baseOptions(widthOf(el), height), [[], [], []], el);
    plotRef.current = u;
    colsRef.current = { x: [], train: [], test: [] };
    seenRef.current = [];
    let lastWidth = widthOf(el);
    const ro = new ResizeObserver(() => {
      const w = widthOf(el);
      if (w !== lastWidth) {
        lastWidth = w;
        u.setSize({ width: w, height });
      }
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
      plotRef.current = null;
    };
  }, [height]);

  // Push the data: append the new epochs when the history only grew, rebuild otherwise.
  useEffect(() => {
    const u = plotRef.current;
    if (!u) return;
    const cols = colsRef.current;
    const seen = seenRef.current;
    const grew = epochs.length >= seen.length && seen.every((r, i) => epochs[i] === r);
    if (!grew) {
      cols.x.length = 0;
      cols.train.length = 0;
      cols.test.length = 0;
    }
    for (let i = grew ? seen.length : 0; i < epochs.length; i++) {
      const r = epochs[i];
      cols.x.push(r.epoch);
      cols.train.push(finiteOrNull(r.trainLoss));
      cols.test.push(finiteOrNull(r.testLoss));
    }
    seenRef.current = epochs;

    const data: uPlot.AlignedData = hasClosedForm
      ? [cols.x, cols.train, cols.test, cols.x.map(() => closedForm!.trainNll)]
      : [cols.x, cols.train, cols.test];
    u.batch(() => {
      const shown = u.series.length === 4;
      if (hasClosedForm && !shown) u.addSeries(closedFormSeries(), 3);
      if (!hasClosedForm && shown) u.delSeries(3);
      u.setData(data);
    });
  }, [epochs, closedForm, hasClosedForm, height]);

  const first = epochs[0];
  const last = epochs[epochs.length - 1];
  return (
    <div
      ref={containerRef}
      className="lc-loss-chart"
      data-testid="loss-chart"
      data-epochs={epochs.length}
      data-first-train-loss={first ? String(first.trainLoss) : undefined}
      data-last-train-loss={last ? String(last.trainLoss) : undefined}
      data-first-test-loss={first ? String(first.testLoss) : undefined}
      data-last-test-loss={last ? String(last.testLoss) : undefined}
      data-closed-form={hasClosedForm ? String(closedForm!.trainNll) : undefined}
      aria-label="Loss per epoch"
    />
  );
}
