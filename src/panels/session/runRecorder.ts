// Records one training run in the runs store as its events arrive. Epoch records are
// batched (a small model can finish hundreds of epochs a second, and every update redraws
// the overlay chart), and flushed at once when the run ends.
import type { TrainEvent } from '../../training/protocol';
import type { TrainingSettings } from '../../graph/document';
import { useRunsStore, type RunRecordStatus } from '../../store/runsStore';
import type { RunState } from '../runState';
import { structureKey } from '../../graph/structureKey';
import { useGraphStore } from '../../store';
import { graphOfDocJson } from '../../store/runGraph';

const FLUSH_MS = 250;

export interface RunRecorder {
  id: string;
  onEvent(e: TrainEvent): void;
  /** The run is over: store its final status (from the panel's state). */
  end(state: RunState): void;
  fail(message: string): void;
}

export function recordRun(name: string, docJson: string, settings: TrainingSettings): RunRecorder {
  const store = useRunsStore.getState();
  // Which graph the run trained, and whether it is the one on the canvas or a modified copy.
  const graph = graphOfDocJson(docJson);
  const variant = graph.key !== structureKey(useGraphStore.getState().doc);
  const id = store.add({ name, docJson, settings, graphTitle: graph.title, graphKey: graph.key, variant });
  let pending: TrainEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const records = pending.flatMap((e) => (e.type === 'epoch' ? [e.record] : []));
    pending = [];
    if (records.length === 0) return;
    const run = useRunsStore.getState().runs.find((r) => r.id === id);
    if (!run) return; // deleted while training
    const last = records[0].epoch;
    const history = [...run.history.filter((h) => h.epoch < last), ...records];
    useRunsStore.getState().update(id, { history });
  };
  const update = (patch: Parameters<typeof store.update>[1]) => {
    if (useRunsStore.getState().runs.some((r) => r.id === id)) useRunsStore.getState().update(id, patch);
  };

  return {
    id,
    onEvent(e) {
      if (e.type === 'epoch') {
        pending.push(e);
        timer ??= setTimeout(flush, FLUSH_MS);
      } else if (e.type === 'started') update({ backend: e.backend, closedForm: e.closedForm });
      else if (e.type === 'done') {
        flush();
        update({ final: e.final, status: e.reason === 'stopped' ? 'stopped' : 'finished' });
      } else if (e.type === 'error') {
        flush();
        update({ status: 'failed', error: e.message, ...(e.diverged && { diverged: e.diverged }) });
      }
    },
    end(state) {
      flush();
      const status: RunRecordStatus = state.status === 'failed' ? 'failed' : state.status === 'stopped' ? 'stopped' : 'finished';
      const run = useRunsStore.getState().runs.find((r) => r.id === id);
      if (run?.status === 'running') update({ status });
    },
    fail(message) {
      flush();
      update({ status: 'failed', error: message });
    },
  };
}
