// Every training run of the session: a table (rename, hide, vary, delete), an overlay
// chart of one metric across runs, a CSV export, and "Variant…" of the open graph. Runs
// belong to their graph: the list shows the open graph's runs unless "All graphs" is on.
import { useMemo, useState } from 'react';
import { useGraphStore } from '../../store';
import { useRunsStore } from '../../store/runsStore';
import { isActive } from '../runState';
import { useSession } from '../session/sessionStore';
import { downloadText } from './download';
import { RunRow } from './RunRow';
import { RunsChart, type DrawnRun } from './RunsChart';
import { runsToCsv } from './runsCsv';
import { hasMetric, METRIC_LABELS, PALETTE, type RunMetric } from './runSeries';
import { VariantMenu } from './VariantMenu';
import { relationToOpen, runGraph, runsToShow } from '../../store/runGraph';
import { useOpenGraph } from './useOpenGraph';
import './runs.css';

const METRICS: RunMetric[] = ['trainLoss', 'testLoss', 'nll'];

export function RunsPanel() {
  const allRuns = useRunsStore((s) => s.runs);
  const open = useOpenGraph();
  const [allGraphs, setAllGraphs] = useState(false);
  const runs = useMemo(() => runsToShow(allRuns, open.title, allGraphs), [allRuns, open.title, allGraphs]);
  const [metric, setMetric] = useState<RunMetric>('testLoss');
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const liveId = useSession((s) => (isActive(s.run.status) ? s.runId : undefined));
  // A run keeps its colour whichever runs are shown: it is the colour of its place among all runs.
  const colourOf = (run: { id: string }) => PALETTE[Math.max(0, allRuns.findIndex((r) => r.id === run.id)) % PALETTE.length];
  const lines: DrawnRun[] = useMemo(
    () => runs.flatMap((run) => (!hidden.has(run.id) && hasMetric(run, metric) ? [{ run, colour: colourOf(run) }] : [])),
    [runs, hidden, metric, allRuns],
  );
  const elsewhere = allRuns.length - runsToShow(allRuns, open.title, false).length;
  const toggle = (id: string) => setHidden((h) => (h.has(id) ? new Set([...h].filter((x) => x !== id)) : new Set([...h, id])));

  return (
    <div className="lc-runs" data-testid="runs-panel" data-run-count={runs.length} data-total-runs={allRuns.length}>
      <div className="lc-dock-toolbar">
        <VariantMenu source={() => useGraphStore.getState().doc} label="Variant of this graph…" testId="variant-button" title="Train the open graph with another estimator, J or KL, as a new run" />
        <button type="button" data-testid="runs-export-csv" disabled={runs.length === 0} onClick={() => downloadText(runsToCsv(runs), 'latent-canvas-runs.csv', 'text/csv')}>
          Export CSV
        </button>
        <label className="lc-runs-all-graphs" title="Show the runs of every graph, not only the open one's">
          <input type="checkbox" checked={allGraphs} onChange={(e) => setAllGraphs(e.target.checked)} data-testid="runs-all-graphs" />
          All graphs{elsewhere > 0 && !allGraphs ? ` (${elsewhere} more)` : ''}
        </label>
        <span className="lc-metric-toggle" role="radiogroup" aria-label="Metric on the chart">
          {METRICS.map((m) => (
            <label key={m}>
              <input type="radio" name="lc-run-metric" checked={metric === m} onChange={() => setMetric(m)} data-testid={`runs-metric-${m}`} />
              {METRIC_LABELS[m]}
            </label>
          ))}
        </span>
      </div>
      <div className="lc-runs-body">
        <div className="lc-runs-table-wrap">
          {runs.length === 0 ? (
            <p className="lc-muted" data-testid="runs-empty">
              {allRuns.length === 0
                ? 'No runs yet. Every Train is recorded here, so runs can be compared on one chart.'
                : `No runs of this graph yet; ${allRuns.length} run${allRuns.length === 1 ? '' : 's'} of other graphs show with “All graphs”.`}
            </p>
          ) : (
            <table className="lc-runs-table">
              <tbody>
                {runs.map((run, i) => (
                  <RunRow
                    key={run.id}
                    run={run}
                    index={i}
                    colour={colourOf(run)}
                    visible={!hidden.has(run.id)}
                    live={run.id === liveId}
                    graphTitle={runGraph(run).title}
                    relation={relationToOpen(run, open)}
                    onToggle={() => toggle(run.id)}
                  />
                ))}
              </tbody>
            </table>
          )}
        </div>
        <RunsChart lines={lines} metric={metric} />
      </div>
    </div>
  );
}
