// After a run ends (finished, stopped, or diverged — the worker then holds the last good
// weights), ask the worker for the model's variables and keep them as the trained weights
// of the graph that was trained (the run's own snapshot of the document, not whatever the
// canvas shows now). They are autosaved, written by "Save with weights", and become the
// starting point of the next run after a reload.
import { parseGraphText } from '../graph/parse';
import { useGraphStore } from '../store';
import { useRunsStore } from '../store/runsStore';
import { setTrainedWeights } from '../store/trainedWeights';
import { currentClient } from '../panels/session/connection';
import { useSession } from '../panels/session/sessionStore';
import type { RunStatus } from '../panels/runState';
import type { WeightsSnapshot } from '../training/protocol';

const ENDED: ReadonlySet<RunStatus> = new Set(['finished', 'stopped', 'failed']);
/** The worker keeps the model a moment after its last event; ask again a few times. */
const ATTEMPTS = 6;
const RETRY_MS = 250;

type WeightsClient = { weights?: () => Promise<WeightsSnapshot | undefined>; failure?: string };

async function fetchWeights(): Promise<WeightsSnapshot | undefined> {
  for (let i = 0; i < ATTEMPTS; i++) {
    const client = currentClient() as WeightsClient | null;
    if (!client || client.failure !== undefined || typeof client.weights !== 'function') return undefined;
    try {
      const w = await client.weights();
      if (w && w.variables.length) return w;
    } catch {
      return undefined;
    }
    await new Promise((r) => setTimeout(r, RETRY_MS));
  }
  return undefined;
}

export function watchRunWeights(): () => void {
  let seq = 0;
  return useSession.subscribe((s, prev) => {
    if (s.run.status === prev.run.status || !ENDED.has(s.run.status)) return;
    const mine = ++seq;
    const runId = s.runId;
    const backend = s.run.backend?.name;
    const diverged = s.run.diverged;
    void fetchWeights().then((snapshot) => {
      if (!snapshot || mine !== seq) return;
      const docJson = useRunsStore.getState().runs.find((r) => r.id === runId)?.docJson;
      const parsed = docJson ? parseGraphText(docJson, 'the trained graph') : undefined;
      const doc = parsed?.ok ? parsed.doc : useGraphStore.getState().doc;
      setTrainedWeights(doc, snapshot, 'run', { backend, diverged });
    });
  });
}
