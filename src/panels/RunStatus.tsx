// Small read-only views of the run: backend, progress, errors, closed form, final summary.
import type { BackendInfo } from '../training/protocol';
import { formatDelta, formatNumber, formatRate } from './format';
import { singleThreadSentence } from '../hosting/isolation';
import type { RunState } from './runState';

// The backend's name is one line (with its threads); why it was chosen (the measurements,
// threads, the GPU) is a paragraph, behind a disclosure so it does not push the chart down.
// Where training is confined to one thread because the page is not cross-origin isolated,
// one sentence under it says why (src/hosting/isolation.ts), in view.
export function BackendLabel({ backend, error }: { backend?: BackendInfo; error?: string }) {
  let text: string;
  if (backend) text = `Backend: ${backend.name}${backend.threads ? ` · ${backend.threads} thread${backend.threads === 1 ? '' : 's'}` : ''}`;
  else if (error !== undefined) text = 'Backend: unavailable (see the error below)';
  else text = 'Backend: asking the training worker…';
  const threads = backend?.threads !== undefined ? String(backend.threads) : undefined;
  const label = !backend?.reason ? (
    <div className="lc-backend" data-testid="backend-label" data-backend={backend?.name ?? ''} data-threads={threads}>
      {text}
    </div>
  ) : (
    <details className="lc-backend" data-testid="backend-label" data-backend={backend.name} data-threads={threads}>
      <summary>
        {text} <span className="lc-muted">(why)</span>
      </summary>
      <p className="lc-backend-reason" data-testid="backend-reason">
        {backend.reason}
      </p>
    </details>
  );
  const oneThread = backend?.isolated === false && (backend.name === 'wasm' || backend.name === 'cpu');
  if (!oneThread) return label;
  return (
    <>
      {label}
      <p className="lc-backend-single-thread lc-muted" data-testid="backend-single-thread">
        {singleThreadSentence()}
      </p>
    </>
  );
}

export function TrainError({ state, localError, onShowNode }: { state: RunState; localError?: string; onShowNode?: (id: string) => void }) {
  const message = localError ?? state.error?.message ?? state.backendError;
  if (message === undefined) return null;
  const nodeId = localError === undefined ? state.error?.nodeId : undefined;
  return (
    <div className="lc-train-error" role="alert" data-testid="train-error" data-node-id={nodeId}>
      <span>{message}</span>
      {nodeId && onShowNode && (
        <button type="button" className="lc-link" onClick={() => onShowNode(nodeId)}>
          Show node “{nodeId}”
        </button>
      )}
    </div>
  );
}

export function ClosedFormValue({ state }: { state: RunState }) {
  const cf = state.closedForm;
  if (!cf) return null;
  return (
    <div
      className="lc-closed-form"
      data-testid="closed-form-value"
      data-train-nll={cf.trainNll}
      data-test-nll={cf.testNll}
      data-sigma2={cf.sigma2}
    >
      <div className="lc-summary-title">Eigendecomposition optimum (closed form)</div>
      <dl>
        <dt>Train NLL</dt>
        <dd>{formatNumber(cf.trainNll)} nats</dd>
        <dt>Test NLL</dt>
        <dd>{formatNumber(cf.testNll)} nats</dd>
        <dt>σ²</dt>
        <dd>{formatNumber(cf.sigma2)}</dd>
      </dl>
    </div>
  );
}

export function FinalSummary({ state }: { state: RunState }) {
  const f = state.final;
  if (!f) return null;
  const cf = state.closedForm;
  return (
    <div
      className="lc-final"
      data-testid="final-summary"
      data-reason={state.status}
      data-train-loss={f.trainLoss}
      data-test-loss={f.testLoss}
      data-test-nll={f.testNll}
      data-test-nll-method={f.testNllMethod}
      data-sigma2={f.sigma2}
      data-subspace-angle={f.subspaceAngleDeg}
    >
      <div className="lc-summary-title">{state.status === 'stopped' ? 'Stopped early' : 'Final'}</div>
      <dl>
        <dt>Train loss</dt>
        <dd>
          {formatNumber(f.trainLoss)} nats
          {cf && <span className="lc-muted"> ({formatDelta(f.trainLoss - cf.trainNll)} vs optimum)</span>}
        </dd>
        <dt>Test loss</dt>
        <dd>{formatNumber(f.testLoss)} nats</dd>
        <dt>Test NLL</dt>
        <dd>
          {formatNumber(f.testNll)} nats <span className="lc-muted">({f.testNllMethod})</span>
          {cf && <span className="lc-muted"> ({formatDelta(f.testNll - cf.testNll)} vs optimum)</span>}
        </dd>
        {f.sigma2 !== undefined && (
          <>
            <dt>σ²</dt>
            <dd>
              {formatNumber(f.sigma2)}
              {cf && <span className="lc-muted"> (optimum {formatNumber(cf.sigma2)})</span>}
            </dd>
          </>
        )}
        {f.subspaceAngleDeg !== undefined && (
          <>
            <dt>Subspace angle</dt>
            <dd>{formatNumber(f.subspaceAngleDeg, 2)}° to the closed-form subspace</dd>
          </>
        )}
        {state.finalSamplesPerSec !== undefined && (
          <>
            <dt>Throughput</dt>
            <dd>{formatRate(state.finalSamplesPerSec)} samples/s</dd>
          </>
        )}
      </dl>
    </div>
  );
}
