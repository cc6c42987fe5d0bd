// Every training run, kept apart from the document store: runs are not undone with the
// graph, and they outlive the document they were trained from (docJson is a snapshot).
// The state is plain data only, so a persister can write `getState().runs` to IndexedDB
// and restore it with `setState({ runs })`.
import { create } from 'zustand';
import type { TrainingSettings } from '../graph/document';
import type { BackendInfo, ClosedFormSummary, DivergenceInfo, EpochRecord, FinalSummary } from '../training/protocol';

/** 'interrupted': the run was still training when the page went away (set when it is restored). */
export type RunRecordStatus = 'running' | 'finished' | 'stopped' | 'failed' | 'interrupted';

/** What an interrupted run kept, as restored from the autosave. */
export interface RunInterruption {
  /** The last epoch recorded before the page went away. */
  atEpoch: number;
  /** Epoch records kept (the history). */
  keptEpochs: number;
  /** The epoch of the weights checkpoint kept, if one was taken. */
  weightsEpoch?: number;
  /** The same, for a person. */
  message: string;
}

export interface RunRecord {
  id: string;
  name: string;
  /** Milliseconds since 1970 (Date.now()), when Train was pressed. */
  createdAt: number;
  /** The graph exactly as it was trained (serialized), so a run can be re-run or varied. */
  docJson: string;
  settings: TrainingSettings;
  history: EpochRecord[];
  final?: FinalSummary;
  status: RunRecordStatus;
  backend?: BackendInfo;
  closedForm?: ClosedFormSummary;
  /** Why the run failed, for a person. */
  error?: string;
  interrupted?: RunInterruption;
  /** Where a failed run diverged and which weights it kept (the worker's report). */
  diverged?: DivergenceInfo;
  /** The trained graph's title, so the runs list can say which graph a run belongs to. */
  graphTitle?: string;
  /** The trained graph's structureKey, to tell whether the canvas still holds that graph. */
  graphKey?: string;
  /** The run trained a modified copy (a variant) rather than the graph on the canvas. */
  variant?: boolean;
}

export type NewRun = Omit<RunRecord, 'id' | 'createdAt' | 'history' | 'status'> & Partial<Pick<RunRecord, 'history' | 'status' | 'createdAt'>>;

export interface RunsState {
  runs: RunRecord[];
  /** Records a run and returns its id. */
  add(run: NewRun): string;
  update(id: string, patch: Partial<Omit<RunRecord, 'id'>>): void;
  rename(id: string, name: string): void;
  remove(id: string): void;
  clear(): void;
}

let counter = 0;
function newId(now: number): string {
  counter++;
  const random = globalThis.crypto?.randomUUID?.().slice(0, 8) ?? Math.random().toString(36).slice(2, 10);
  return `run-${now.toString(36)}-${counter}-${random}`;
}

export const useRunsStore = create<RunsState>()((set) => ({
  runs: [],
  add(run) {
    const createdAt = run.createdAt ?? Date.now();
    const id = newId(createdAt);
    set((s) => ({ runs: [...s.runs, { history: [], status: 'running', ...run, id, createdAt }] }));
    return id;
  },
  update(id, patch) {
    set((s) => ({ runs: s.runs.map((r) => (r.id === id ? { ...r, ...patch, id } : r)) }));
  },
  rename(id, name) {
    const trimmed = name.trim();
    if (trimmed === '') return; // an empty name would leave the run unnamed in the legend
    set((s) => ({ runs: s.runs.map((r) => (r.id === id ? { ...r, name: trimmed } : r)) }));
  },
  remove(id) {
    set((s) => ({ runs: s.runs.filter((r) => r.id !== id) }));
  },
  clear() {
    set({ runs: [] });
  },
}));

/** A name not yet used by any run: "IWAE, J=5", else "IWAE, J=5 (2)", "(3)", … */
export function uniqueRunName(base: string, runs: readonly Pick<RunRecord, 'name'>[]): string {
  const taken = new Set(runs.map((r) => r.name));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base} (${i})`)) return `${base} (${i})`;
}
