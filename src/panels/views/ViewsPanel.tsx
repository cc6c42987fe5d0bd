// What the model has learned, redrawn from the worker's views: during training at a steady
// rate (from 'views' events), and once more from views() when training ends or this tab
// opens. Every view is a canvas; a missing one is explained by the worker's notes.
import { useEffect } from 'react';
import type { ModelViews } from '../../training/protocol';
import { isActive } from '../runState';
import { refreshViews } from '../session/modelQueries';
import { useSession } from '../session/sessionStore';
import { ImageGridCanvas } from './ImageGridCanvas';
import { viewsCaption } from './viewsCaption';
import { InterpolationView } from './InterpolationView';
import { LatentView } from './LatentView';
import { PpcaView } from './PpcaView';

function ImageViews({ views }: { views: ModelViews }) {
  const { reconstructions: rec, samples, manifold } = views;
  return (
    <>
      {rec && (
        <figure className="lc-view">
          <figcaption>Reconstructions</figcaption>
          <div className="lc-pair">
            <div>
              <ImageGridCanvas grid={rec.inputs} cols={4} maxWidth={140} testId="view-recon-inputs" label="Test inputs" />
              <div className="lc-caption">inputs</div>
            </div>
            <div>
              <ImageGridCanvas grid={rec.outputs} cols={4} maxWidth={140} testId="view-recon-outputs" label="Their reconstructions" />
              <div className="lc-caption">reconstructions</div>
            </div>
          </div>
        </figure>
      )}
      {samples && (
        <figure className="lc-view">
          <figcaption>Samples from the prior</figcaption>
          <ImageGridCanvas grid={samples} cols={4} maxWidth={240} testId="view-samples" label="Images decoded from prior samples" />
          <div className="lc-caption">z ~ p(z), decoded (the likelihood's mean)</div>
        </figure>
      )}
      {manifold && (
        <figure className="lc-view">
          <figcaption>2-D manifold</figcaption>
          <ImageGridCanvas grid={manifold} cols={manifold.grid} maxWidth={360} testId="view-manifold" label="Decoded grid over the latent plane" />
          <div className="lc-caption">a {manifold.grid}×{manifold.grid} grid over the latent plane, through the inverse Gaussian CDF</div>
        </figure>
      )}
    </>
  );
}

export function ViewsPanel() {
  const views = useSession((s) => s.views);
  const state = useSession((s) => s.viewsState);
  const message = useSession((s) => s.viewsMessage);
  const run = useSession((s) => s.run);
  const training = isActive(run.status);
  const diverged = run.outcome?.kind === 'diverged';

  // Opening the tab after a run: fetch the views of the model the worker holds.
  useEffect(() => {
    if (!training && !useSession.getState().views && useSession.getState().run.status !== 'idle') void refreshViews();
  }, [training]);

  // A diverged run's last streamed views show weights the worker has since thrown away
  // (it restored earlier ones): show the restored model instead.
  useEffect(() => {
    if (diverged && (useSession.getState().views?.epoch ?? 0) > 0) void refreshViews();
  }, [diverged]);

  const hasImages = views && (views.reconstructions || views.samples || views.manifold);
  return (
    <div className="lc-views" data-testid="views-panel" data-outcome={run.outcome?.kind} data-state={state} data-epoch={views?.epoch} data-step={views?.step} data-latent-count={views?.latent ? views.latent.points.length / 2 : undefined}>
      <div className="lc-dock-toolbar">
        <span className="lc-muted" data-testid="views-caption">
          {views ? viewsCaption(views, run) : (message ?? (training ? 'The first views arrive a moment after training starts.' : 'Train the graph to see what it learns.'))}
          {views && state === 'failed' && message ? ` · ${message}` : ''}
        </span>
        <button type="button" data-testid="views-refresh" onClick={() => void refreshViews()} disabled={state === 'loading'}>
          {state === 'loading' ? 'Computing…' : 'Refresh'}
        </button>
      </div>
      {views && (
        <div className="lc-view-grid">
          {views.ppca && <PpcaView view={views.ppca} />}
          {views.latent && <LatentView view={views.latent} />}
          {hasImages && <ImageViews views={views} />}
          {views.reconstructions && <InterpolationView view={views.interpolation} />}
          {views.notes.length > 0 && (
            <ul className="lc-notes" data-testid="views-notes">
              {views.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
