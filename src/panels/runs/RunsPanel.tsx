// Every training run of the session: a table (rename, hide, vary, delete), an overlay
// chart of one metric across runs, a CSV export, and "Variant…" of the open graph.
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

const METRICS: RunMetric[] = ['trainLoss', 'testLoss', 'nll'];

export function RunsPanel() {
  const runs = useRunsStore((s) => s.runs);
  const [metric, setMetric] = useState<RunMetric>('testLoss');
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const liveId = useSession((s) => (isActive(s.run.status) ? s.runId : undefined));
  const colourOf = (i: number) => PALETTE[i % PALETTE.length];
  const lines: DrawnRun[] = useMemo(
    () => runs.flatMap((run, i) => (!hidden.has(run.id) && hasMetric(run, metric) ? [{ run, colour: colourOf(i) }] : [])),
    [runs, hidden, metric],
  );
  const toggle = (id: string) => setHidden((h) => (h.has(id) ? new Set([...h].filter((x) => x !== id)) : new Set([...h, id])));

  return (
    <div className="lc-runs" data-testid="runs-panel" data-run-count={runs.length}>
      <div className="lc-dock-toolbar">
        <VariantMenu source={() => useGraphStore.getState().doc} label="Variant of this graph…" testId="variant-button" title="Train the open graph with another estimator, J or KL, as a new run" />
        <button type="button" data-testid="runs-export-csv" disabled={runs.length === 0} onClick={() => downloadText(runsToCsv(runs), 'latent-canvas-runs.csv', 'text/csv')}>
          Export CSV
        </button>
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
            <p className="lc-muted">No runs yet. Every Train is recorded here, so runs can be compared on one chart.</p>
          ) : (
            <table className="lc-runs-table">
              <tbody>
                {runs.map((run, i) => (
                  <RunRow key={run.id} run={run} index={i} colour={colourOf(i)} visible={!hidden.has(run.id)} live={run.id === liveId} onToggle={() => toggle(run.id)} />
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
