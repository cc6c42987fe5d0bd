// The line above the model views: which model they show. Views that arrive while training
// carry their epoch and step; views asked for afterwards (epoch 0) show whatever model the
// worker holds now, and only the run's outcome says what that is — the trained model, the
// weights where it stopped, or the weights restored after it diverged (which, when no epoch
// finished, are the untrained initial ones).
import type { ModelViews } from '../../training/protocol';
import { divergedWhere, positionText, restoredWhere } from '../../store/runWords';
import { isActive, type RunState } from '../runState';

/** The model the worker holds once a run is over, by how the run ended (for views and diagnostics). */
export function heldModelText(run: RunState): string {
  const o = run.outcome;
  switch (o?.kind) {
    case 'diverged': {
      const d = o.diverged;
      if (d.restoredEpoch === 0) return `The initial, untrained weights, restored after the run diverged ${divergedWhere(d)} (no epoch finished)`;
      return `The weights from the end of epoch ${d.restoredEpoch}, restored after the run diverged ${divergedWhere(d)}`;
    }
    case 'stopped':
      return `The model where training stopped, ${positionText(o.at)}`;
    case 'finished':
      return `The trained model, after ${o.epochs} epoch${o.epochs === 1 ? '' : 's'}`;
    default:
      return 'The model the training worker holds now';
  }
}

export function viewsCaption(views: ModelViews, run: RunState): string {
  if (isActive(run.status)) return `Epoch ${views.epoch}, step ${views.step} · updating while training`;
  if (views.epoch === 0) return heldModelText(run);
  // Streamed during the run, so older than its end.
  const at = `The model at epoch ${views.epoch}, step ${views.step}`;
  const o = run.outcome;
  switch (o?.kind) {
    case 'diverged':
      return `${at}, before the run diverged ${divergedWhere(o.diverged)}; it now holds the weights from ${restoredWhere(o.diverged)} — press Refresh to see them`;
    case 'stopped':
      return `${at}; training stopped later, ${positionText(o.at)}`;
    case 'finished':
      return `${at}; training finished after ${o.epochs} epochs`;
    case 'failed':
      return `${at}, before the run failed`;
    case 'interrupted':
      return `${at}, before the run was interrupted`;
    default:
      return at;
  }
}
