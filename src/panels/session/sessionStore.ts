// The training session shared by the training panel and the dock below the canvas: the
// current run (folded from the worker's events by reduceRun), the latest model views and
// diagnostics. One module-level store, because both places drive the same worker.
import { create } from 'zustand';
import type { BackendName, Diagnostics, ModelViews } from '../../training/protocol';
import { initialRunState, reduceRun, type RunAction, type RunState } from '../runState';

export type QueryState = 'idle' | 'loading' | 'ready' | 'unavailable' | 'failed';

export interface SessionState {
  run: RunState;
  /** The runs-store id and name of the run the panel shows. */
  runId?: string;
  runName?: string;
  /** "Start paused": the next Train waits for Step or Resume (single-step lectures). */
  startPaused: boolean;
  /** The backend the user asked for; 'auto' measures them on the graph. */
  backendChoice: BackendName | 'auto';
  views?: ModelViews;
  viewsState: QueryState;
  viewsMessage?: string;
  /** Test-set indices the interpolation view goes between. */
  interpolate: [number, number];
  diagnostics?: Diagnostics;
  diagnosticsState: QueryState;
  diagnosticsMessage?: string;
}

export const initialSession: SessionState = {
  run: initialRunState,
  startPaused: false,
  backendChoice: 'auto',
  viewsState: 'idle',
  interpolate: [0, 1],
  diagnosticsState: 'idle',
};

export const useSession = create<SessionState>()(() => initialSession);

export function dispatchRun(action: RunAction): void {
  useSession.setState((s) => ({ run: reduceRun(s.run, action) }));
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
