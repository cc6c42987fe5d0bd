// The lecture's argument in numbers, for the current (or last trained) model: how noisy the
// estimator's loss and gradient are over repeated draws, how many of the K importance
// samples count (prior vs encoder proposals), and how many latent dimensions carry information.
import { formatNumber } from '../format';
import { computeDiagnostics, DIAGNOSTIC_REPEATS } from '../session/modelQueries';
import { useSession } from '../session/sessionStore';
import { summarizeDiagnostics } from './diagnosticsSummary';
import { KlBars } from './KlBars';
import { heldModelText } from '../views/viewsCaption';
import { isActive } from '../runState';

const lowerFirst = (t: string) => t.charAt(0).toLowerCase() + t.slice(1);

const pct = (v: number | undefined) => (v === undefined ? '—' : `${formatNumber(v, v < 1 ? 2 : 1)}%`);

export function DiagnosticsPanel() {
  const d = useSession((s) => s.diagnostics);
  const state = useSession((s) => s.diagnosticsState);
  const message = useSession((s) => s.diagnosticsMessage);
  const s = d ? summarizeDiagnostics(d) : undefined;
  const run = useSession((st) => st.run);
  // Which model the numbers describe: a diverged run's restored weights are not "trained".
  const model = isActive(run.status) ? 'the model as it is now, mid-run' : run.status === 'idle' ? 'the model the training worker holds' : lowerFirst(heldModelText(run));
  return (
    <div
      className="lc-diagnostics"
      data-testid="diagnostics-panel"
      data-state={state}
      data-repeats={d?.repeats}
      data-loss-mean={s?.lossMean}
      data-loss-std={s?.lossStd}
      data-grad-variance={s?.gradVariance}
      data-grad-mean-squared-norm={s?.gradMeanSquaredNorm}
      data-grad-ratio={s?.gradRatio}
      data-ess-samples={s?.essSamples}
      data-ess-prior={s?.essPriorPercent}
      data-ess-encoder={s?.essEncoderPercent}
      data-active-units={s?.activeUnits}
      data-latent-dims={s?.klPerDim.length}
    >
      <div className="lc-dock-toolbar">
        <button type="button" data-testid="diagnostics-button" disabled={state === 'loading'} onClick={() => void computeDiagnostics()}>
          {state === 'loading' ? 'Computing…' : 'Compute diagnostics'}
        </button>
        <span className="lc-muted" data-testid="diagnostics-model">
          {DIAGNOSTIC_REPEATS} draws of the estimator on one test batch, with {model}.
        </span>
      </div>
      {message && <div className="lc-muted" role="status">{message}</div>}
      {s && (
        <div className="lc-diag-grid">
          <dl>
            <dt>Loss</dt>
            <dd>
              {formatNumber(s.lossMean, 3)} ± {formatNumber(s.lossStd, 3)} nats <span className="lc-muted">(mean ± std over draws)</span>
            </dd>
            <dt>Gradient variance</dt>
            <dd>
              {formatNumber(s.gradVariance, 4)} <span className="lc-muted">E‖g − ḡ‖²; ‖ḡ‖² = {formatNumber(s.gradMeanSquaredNorm, 4)}</span>
            </dd>
            <dt>Noise / signal</dt>
            <dd>
              {s.gradRatio === undefined ? '—' : formatNumber(s.gradRatio, 3)} <span className="lc-muted">(variance / ‖ḡ‖²; above 1 the noise dominates)</span>
            </dd>
            {s.essSamples !== undefined && (
              <>
                <dt>ESS, prior samples</dt>
                <dd>{pct(s.essPriorPercent)} of K = {s.essSamples}</dd>
                <dt>ESS, encoder samples</dt>
                <dd>{pct(s.essEncoderPercent)} of K = {s.essSamples}</dd>
              </>
            )}
          </dl>
          {s.klPerDim.length > 0 && (
            <div>
              <div className="lc-caption">
                KL per latent dimension — {s.activeUnits ?? '?'} of {s.klPerDim.length} active (&gt; 0.01 nats)
              </div>
              <KlBars kl={s.klPerDim} />
            </div>
          )}
        </div>
      )}
    </div>
  );
}
