// KL(q‖p) per latent dimension as small bars: dimensions the model uses stand tall, the
// collapsed ones (posterior = prior) stay flat below the activity threshold.
import { formatNumber } from '../format';
import { ACTIVE_KL } from './diagnosticsSummary';

export function KlBars({ kl }: { kl: number[] }) {
  const max = Math.max(ACTIVE_KL, ...kl.filter(Number.isFinite));
  return (
    <div className="lc-kl-bars" data-testid="kl-bars" role="img" aria-label={`KL per latent dimension: ${kl.map((v) => formatNumber(v, 3)).join(', ')} nats`}>
      {kl.map((v, i) => (
        <div key={i} className="lc-kl-bar" title={`dimension ${i + 1}: ${formatNumber(v, 4)} nats`}>
          <div className={v > ACTIVE_KL ? 'lc-kl-fill lc-active' : 'lc-kl-fill'} style={{ height: `${Math.max(1, (100 * Math.max(0, v)) / max)}%` }} />
          <span>{i + 1}</span>
        </div>
      ))}
    </div>
  );
}
