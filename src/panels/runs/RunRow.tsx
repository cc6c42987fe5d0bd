// One recorded run: show/hide on the chart, its colour, an inline name (Enter or leaving
// the box renames), what it reached, a variant menu and delete.
import { useEffect, useState } from 'react';
import { parseGraphText } from '../../graph/parse';
import { useGraphStore } from '../../store';
import { useRunsStore, type RunRecord } from '../../store/runsStore';
import { formatNumber } from '../format';
import { VariantMenu } from './VariantMenu';
import { rowStatus, runStatusText } from './runStatusText';
import { relationText, type RunGraphRelation } from '../../store/runGraph';

export interface RunRowProps {
  run: RunRecord;
  index: number;
  colour: string;
  visible: boolean;
  /** Whether this run is the one training now (a 'running' run that is not was interrupted). */
  live: boolean;
  /** The title of the graph the run trained, and how that graph relates to the canvas's. */
  graphTitle: string;
  relation: RunGraphRelation;
  onToggle(): void;
}

function NameInput({ run, index }: { run: RunRecord; index: number }) {
  const [text, setText] = useState(run.name);
  useEffect(() => setText(run.name), [run.name]);
  const commit = () => {
    if (text.trim() === '') setText(run.name);
    else if (text !== run.name) useRunsStore.getState().rename(run.id, text);
  };
  return (
    <input
      className="lc-run-name-input"
      value={text}
      aria-label={`Name of run ${index + 1}`}
      data-testid={`run-name-${index}`}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
        if (e.key === 'Escape') setText(run.name);
      }}
    />
  );
}

/** Which graph the run trained; when it is not the canvas's, the row says so and can open it. */
function RunGraphLine({ run, index, graphTitle, relation }: Pick<RunRowProps, 'run' | 'index' | 'graphTitle' | 'relation'>) {
  const note = relationText(run, relation, graphTitle);
  return (
    <div className="lc-run-graph" data-testid={`run-graph-${index}`} data-relation={relation}>
      {note ? (
        <>
          {note} —{' '}
          <button
            type="button"
            className="lc-link-button"
            data-testid={`run-open-graph-${index}`}
            title="Open the graph this run trained (the graph open now goes to Recent)"
            onClick={() => useGraphStore.getState().openGraphText(run.docJson, `the graph of run “${run.name}”`)}
          >
            open it
          </button>
        </>
      ) : (
        <span title="The graph this run trained">{graphTitle || 'Untitled graph'}</span>
      )}
    </div>
  );
}

export function RunRow({ run, index, colour, visible, live, graphTitle, relation, onToggle }: RunRowProps) {
  const last = run.history[run.history.length - 1];
  const status = rowStatus(run, live);
  const result = run.final ? `test NLL ${formatNumber(run.final.testNll, 2)}` : last ? `test loss ${formatNumber(last.testLoss, 2)}` : '';
  return (
    <tr data-testid={`run-row-${index}`} data-run-id={run.id} data-status={status} data-outcome={run.diverged ? 'diverged' : status} data-epochs={run.history.length} title={run.error}>
      <td>
        <input type="checkbox" checked={visible} onChange={onToggle} aria-label="Show on the chart" data-testid={`run-visible-${index}`} />
      </td>
      <td>
        <i className="lc-swatch" style={{ background: colour }} />
      </td>
      <td className="lc-run-cell">
        <NameInput run={run} index={index} />
        <div className="lc-run-meta" data-testid={`run-meta-${index}`} title={run.final ? `test NLL by ${run.final.testNllMethod}` : undefined}>
          {[runStatusText(run, live), `${run.history.length} epoch${run.history.length === 1 ? '' : 's'}`, run.backend?.name, result].filter(Boolean).join(' · ')}
        </div>
        <RunGraphLine run={run} index={index} graphTitle={graphTitle} relation={relation} />
      </td>
      <td className="lc-row-actions">
        <VariantMenu source={() => docOf(run)} label="Variant…" testId={`run-variant-${index}`} title="Train a variant of this run's graph as a new run" />
        <button type="button" className="danger" data-testid={`run-delete-${index}`} aria-label={`Delete run ${run.name}`} title="Delete this run" onClick={() => useRunsStore.getState().remove(run.id)}>
          ×
        </button>
      </td>
    </tr>
  );
}

function docOf(run: RunRecord) {
  const r = parseGraphText(run.docJson, run.name);
  return r.ok ? r.doc : undefined;
}
