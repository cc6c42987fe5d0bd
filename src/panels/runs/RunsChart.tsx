// Every run on one uPlot chart, one line per run for the chosen metric. The plot is rebuilt
// when the set of lines changes (a run added, renamed, hidden) and only fed new data otherwise.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { RunRecord } from '../../store/runsStore';
import { alignRuns, METRIC_LABELS, type RunMetric } from './runSeries';

export interface DrawnRun {
  run: RunRecord;
  colour: string;
}

const HEIGHT = 230;
const fmt = (_u: uPlot, v: number | null) => (v == null ? '—' : v.toFixed(3));

function options(lines: DrawnRun[], metric: RunMetric, width: number): uPlot.Options {
  return {
    width,
    height: HEIGHT,
    scales: { x: { time: false } },
    axes: [
      { label: 'epoch', size: 34, labelSize: 16 },
      { label: `${METRIC_LABELS[metric]}, nats`, size: 60, labelSize: 16 },
    ],
    series: [{ label: 'epoch', value: (_u, v) => (v == null ? '—' : String(v)) }, ...lines.map((l) => ({ label: l.run.name, stroke: l.colour, width: 2, spanGaps: true, value: fmt }))],
    legend: { show: true },
    cursor: { drag: { x: false, y: false } },
  };
}

export function RunsChart({ lines, metric }: { lines: DrawnRun[]; metric: RunMetric }) {
  const ref = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const shape = JSON.stringify([metric, lines.map((l) => [l.run.id, l.run.name, l.colour])]);

  useEffect(() => {
    const el = ref.current;
    if (!el || lines.length === 0) return;
    const width = () => Math.max(200, Math.floor(el.clientWidth));
    const u = new uPlot(options(lines, metric, width()), alignRuns(lines.map((l) => l.run), metric) as uPlot.AlignedData, el);
    plot.current = u;
    const ro = new ResizeObserver(() => u.setSize({ width: width(), height: HEIGHT }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [shape]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    plot.current?.setData(alignRuns(lines.map((l) => l.run), metric) as uPlot.AlignedData);
  }, [lines, metric]);

  return (
    <div ref={ref} className="lc-runs-chart" data-testid="runs-chart" data-series-count={lines.length} data-metric={metric}>
      {lines.length === 0 && <div className="lc-muted lc-empty">Nothing to draw yet: train a graph, or pick a metric the runs have.</div>}
    </div>
  );
}
