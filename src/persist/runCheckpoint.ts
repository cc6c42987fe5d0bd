// While a run trains, its weights are asked of the worker every CHECKPOINT_MS (it answers
// between steps) and autosaved as the checkpoint of that run, so a reload mid-training
// keeps weights at most that old. A restored run that was still training uses them
// (interruptedRuns.ts); a run that ended has its final weights (runWeights.ts) instead.
import { useRunsStore } from '../store/runsStore';
import { currentClient } from '../panels/session/connection';
import { useSession } from '../panels/session/sessionStore';
import { isActive } from '../panels/runState';
import type { WeightsSnapshot } from '../training/protocol';
import { currentAutosaver } from './autosave';

export const CHECKPOINT_MS = 3000;

type WeightsClient = { weights?: () => Promise<WeightsSnapshot | undefined>; failure?: string };

function lastEpoch(runId: string): number | undefined {
  const run = useRunsStore.getState().runs.find((r) => r.id === runId);
  return run?.history.length ? run.history[run.history.length - 1].epoch : undefined;
}

/** Takes one checkpoint of the run in progress, if it got further since the last one. */
export function createCheckpointer(everyMs = CHECKPOINT_MS): { tick(): Promise<void>; stop(): void } {
  let last: { runId: string; epoch: number } | undefined;
  let busy = false;
  const tick = async () => {
    const s = useSession.getState();
    const runId = s.runId;
    if (busy || !runId || !isActive(s.run.status)) return;
    const before = lastEpoch(runId);
    if (before === undefined || (last?.runId === runId && last.epoch >= before)) return;
    const client = currentClient() as WeightsClient | null;
    if (!client || client.failure !== undefined || typeof client.weights !== 'function') return;
    busy = true;
    try {
      const snapshot = await client.weights();
      // The epoch recorded when the answer came: the weights are at least that far.
      const epoch = lastEpoch(runId);
      if (!snapshot?.variables.length || epoch === undefined || useSession.getState().runId !== runId) return;
      last = { runId, epoch };
      await currentAutosaver()?.writeCheckpoint({ runId, epoch, snapshot, backend: s.run.backend?.name, savedAt: Date.now() });
    } catch (e) {
      // The next tick tries again; a dead worker is reported by the panel.
      console.warn('Could not checkpoint the training run’s weights:', e);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  return { tick, stop: () => clearInterval(timer) };
}
