// "View only" with Unlock, in the top bar (and the presentation bar) while the lock is on.
// Unlocking also takes `view` out of the address, so a reload does not lock again.
import { useGraphStore } from '../../store';
import './present.css';

function unlock(): void {
  useGraphStore.getState().setViewOnly(false);
  const url = new URL(window.location.href);
  if (url.searchParams.has('view')) {
    url.searchParams.delete('view');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }
  useGraphStore.getState().showStatus('Unlocked: the graph can be edited.');
}

export function ViewOnlyBadge() {
  const viewOnly = useGraphStore((s) => s.viewOnly);
  if (!viewOnly) return null;
  return (
    <span className="lc-view-only" data-testid="view-only-badge">
      <span className="lc-badge lc-badge-view-only" title="Nothing can be changed: pan, zoom, select, read and train">
        View only
      </span>
      <button type="button" data-testid="unlock" onClick={unlock} title="Allow editing this graph">
        Unlock
      </button>
    </span>
  );
}
