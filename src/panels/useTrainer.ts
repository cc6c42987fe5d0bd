// Owns the training worker for the panel's lifetime: asks for the backend at mount (so it
// shows before any training), runs Train / Pause / Resume / Stop, and folds the worker's
// events into RunState. Progress events are coalesced so a fast worker cannot flood React.
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { TrainEvent } from '../training/protocol';
import { createTrainerClient, TrainerDisposedError, type TrainerClient, type WorkerFactory } from './trainerClient';
import { initialRunState, reduceRun, type RunAction, type RunState } from './runState';

/** At most this often (ms) a progress event reaches React; epoch and other events go at once. */
const PROGRESS_INTERVAL_MS = 100;

export interface TrainerControls {
  state: RunState;
  /** Starts a run of the given serialized graph with `epochs` planned epochs. */
  train(docJson: string, epochs: number): void;
  pause(): void;
  resume(): void;
  stop(): void;
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

export function useTrainer(factory?: WorkerFactory): TrainerControls {
  const [state, dispatch] = useReducer(reduceRun, initialRunState);
  const clientRef = useRef<TrainerClient | null>(null);
  const runIdRef = useRef(0);
  const pendingProgress = useRef<TrainEvent | null>(null);
  const progressTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const flushProgress = useCallback(() => {
    progressTimer.current = null;
    const e = pendingProgress.current;
    pendingProgress.current = null;
    if (e) dispatch({ type: 'event', event: e });
  }, []);

  /** Returns a live client, creating one (and asking for its backend) if needed. */
  const ensureClient = useCallback((): TrainerClient => {
    const current = clientRef.current;
    if (current && current.failure === undefined) return current;
    current?.dispose();
    const client = createTrainerClient(factory);
    clientRef.current = client;
    const report = (message: string) => {
      if (clientRef.current === client) dispatch({ type: 'failure', message });
    };
    client.onFailure(report);
    if (client.failure !== undefined) {
      report(client.failure);
      return client;
    }
    client.backend().then(
      (backend) => {
        if (clientRef.current === client) dispatch({ type: 'backend', backend });
      },
      (err: unknown) => {
        if (err instanceof TrainerDisposedError || clientRef.current !== client) return;
        dispatch({ type: 'backend-error', message: messageOf(err) });
      },
    );
    return client;
  }, [factory]);

  useEffect(() => {
    ensureClient();
    return () => {
      runIdRef.current++;
      if (progressTimer.current) clearTimeout(progressTimer.current);
      progressTimer.current = null;
      pendingProgress.current = null;
      clientRef.current?.dispose();
      clientRef.current = null;
    };
  }, [ensureClient]);

  const train = useCallback(
    (docJson: string, epochs: number) => {
      const client = ensureClient();
      const runId = ++runIdRef.current;
      pendingProgress.current = null;
      dispatch({ type: 'train-requested', epochs });
      const act = (a: RunAction) => {
        if (runIdRef.current === runId) dispatch(a);
      };
      const onEvent = (event: TrainEvent) => {
        if (runIdRef.current !== runId) return;
        if (event.type === 'progress') {
          pendingProgress.current = event;
          if (!progressTimer.current) progressTimer.current = setTimeout(flushProgress, PROGRESS_INTERVAL_MS);
          return;
        }
        // Keep order: a pending progress update goes before the event that follows it.
        if (progressTimer.current) {
          clearTimeout(progressTimer.current);
          flushProgress();
        }
        act({ type: 'event', event });
      };
      client.train(docJson, onEvent).then(
        () => {
          if (progressTimer.current) {
            clearTimeout(progressTimer.current);
            flushProgress();
          }
          act({ type: 'train-ended' });
        },
        (err: unknown) => {
          if (err instanceof TrainerDisposedError) return;
          act({ type: 'failure', message: messageOf(err) });
        },
      );
    },
    [ensureClient, flushProgress],
  );

  const command = useCallback((name: 'pause' | 'resume' | 'stop') => {
    const client = clientRef.current;
    if (!client) return;
    if (name === 'pause') dispatch({ type: 'pause-requested' });
    if (name === 'stop') dispatch({ type: 'stop-requested' });
    client[name]().then(
      () => {
        // The worker took the command; don't wait for its event to update the buttons.
        if (clientRef.current !== client) return;
        if (name === 'pause') dispatch({ type: 'event', event: { type: 'paused' } });
        if (name === 'resume') dispatch({ type: 'event', event: { type: 'resumed' } });
      },
      (err: unknown) => {
        if (err instanceof TrainerDisposedError) return;
        dispatch({ type: 'failure', message: messageOf(err) });
      },
    );
  }, []);

  const pause = useCallback(() => command('pause'), [command]);
  const resume = useCallback(() => command('resume'), [command]);
  const stop = useCallback(() => command('stop'), [command]);

  return { state, train, pause, resume, stop };
}
