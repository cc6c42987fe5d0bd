// The main thread's handle on the training worker. Tensors and tfjs never enter the main
// thread: only plain data (graph JSON in, TrainEvents out) crosses the comlink boundary.
//
// A worker that fails to load (bad chunk, syntax error, blocked by the browser) or dies
// later fires an 'error' event on the Worker object, and comlink calls in flight would
// then wait forever. The client turns that event into one sentence for a person, rejects
// every pending and later call with it, and tells its failure listeners.
import * as Comlink from 'comlink';
import type { BackendInfo, Diagnostics, ExportedModel, ModelViews, TrainerApi, TrainEvent, TrainOptions, ViewOptions, WeightsSnapshot } from '../training/protocol';

/** The part of a Worker the client uses (a real Worker, or a fake in unit tests). */
export interface WorkerLike extends Comlink.Endpoint {
  terminate(): void;
}

export type WorkerFactory = () => WorkerLike;

export interface TrainerClient {
  /** The backend the worker chose and why. */
  backend(): Promise<BackendInfo>;
  /** Trains a serialized graph; events stream to `onEvent`. Resolves when training ends. */
  train(docJson: string, onEvent: (e: TrainEvent) => void, options?: TrainOptions): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
  /** While paused: one optimisation step, then paused again. */
  step(): Promise<void>;
  /** Views of the current (or last trained) model; undefined when there is none. */
  views(options?: ViewOptions): Promise<ModelViews | undefined>;
  /** Estimator diagnostics over `repeats` draws; undefined when there is no model. */
  diagnostics(repeats?: number): Promise<Diagnostics | undefined>;
  /** The current or last trained model's variables; undefined when there is no model. */
  weights(): Promise<WeightsSnapshot | undefined>;
  /** The trained encoder or decoder as a tfjs layers model. */
  exportModel(part: 'encoder' | 'decoder'): Promise<ExportedModel | undefined>;
  /** Listens for the worker failing to start or dying; returns an unsubscribe function. */
  onFailure(listener: (message: string) => void): () => void;
  /** The failure message once the worker has failed, else undefined. */
  readonly failure: string | undefined;
  /** Terminates the worker. Pending calls reject with TrainerDisposedError. */
  dispose(): void;
}

/** The worker could not start, or died; `message` is a sentence for the UI. */
export class TrainerUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainerUnavailableError';
  }
}

/** The client was disposed (the panel unmounted); not worth showing to anyone. */
export class TrainerDisposedError extends Error {
  constructor() {
    super('The training worker was shut down.');
    this.name = 'TrainerDisposedError';
  }
}

export function defaultWorkerFactory(): WorkerLike {
  // Vite recognises this exact form and bundles the worker as its own chunk.
  return new Worker(new URL('../../workers/trainer.worker.ts', import.meta.url), { type: 'module', name: 'trainer' });
}

function describeLocation(ev: Event): string | undefined {
  const file = (ev as Partial<ErrorEvent>).filename;
  const line = (ev as Partial<ErrorEvent>).lineno;
  return file ? `an uncaught error in ${file}${line ? `:${line}` : ''}` : undefined;
}

function describeError(ev: Event): string | undefined {
  const msg = (ev as Partial<ErrorEvent>).message;
  if (typeof msg === 'string' && msg.trim() !== '') {
    const text = msg.trim().replace(/^Uncaught\s+/, '');
    // "[object ErrorEvent]": an error object rethrown without a message (e.g. by a helper
    // worker the trainer started); the file and line are all there is to say.
    if (/^\[object \w+\]$/.test(text)) return describeLocation(ev);
    const file = (ev as Partial<ErrorEvent>).filename;
    const line = (ev as Partial<ErrorEvent>).lineno;
    return file ? `${text} (${file}${line ? `:${line}` : ''})` : text;
  }
  return undefined;
}

export function failureMessage(ev: Event, hadStarted: boolean): string {
  const detail = describeError(ev);
  if (ev.type === 'messageerror') {
    return 'The training worker sent a message the page could not read, so training was stopped. Reload the page and try again.';
  }
  if (!hadStarted) {
    return (
      'The training worker could not start' +
      (detail ? `: ${detail}.` : '.') +
      ' Training runs in a Web Worker (an ES module worker); reload the page, or open the browser console for details.'
    );
  }
  return (
    'The training worker stopped with an error' +
    (detail ? `: ${detail}.` : '.') +
    ' Training was interrupted; press Train to start again.'
  );
}

export function createTrainerClient(factory: WorkerFactory = defaultWorkerFactory): TrainerClient {
  const listeners = new Set<(message: string) => void>();
  let failure: string | undefined;
  let disposed = false;
  let started = false;
  let worker: WorkerLike | undefined;
  let remote: Comlink.Remote<TrainerApi> | undefined;

  // Settles (rejects) once, when the worker fails or the client is disposed; every call
  // races against it so nothing waits forever on a dead worker.
  let rejectEnd!: (err: Error) => void;
  const ended = new Promise<never>((_, reject) => {
    rejectEnd = reject;
  });
  ended.catch(() => {}); // observed through the races below

  const fail = (message: string) => {
    if (failure !== undefined || disposed) return;
    failure = message;
    rejectEnd(new TrainerUnavailableError(message));
    try {
      worker?.terminate();
    } catch {
      /* already gone */
    }
    for (const l of [...listeners]) l(message);
  };

  const onWorkerError = (ev: Event) => {
    ev.preventDefault?.(); // handled here; keep the console free of a duplicate report
    fail(failureMessage(ev, started));
  };

  try {
    worker = factory();
    worker.addEventListener('error', onWorkerError);
    worker.addEventListener('messageerror', onWorkerError);
    remote = Comlink.wrap<TrainerApi>(worker);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    failure =
      `The training worker could not be created: ${detail}. ` +
      'This browser may not support module workers; try a current Chrome, Edge or Firefox.';
    rejectEnd(new TrainerUnavailableError(failure));
  }

  async function call<T>(fn: (r: Comlink.Remote<TrainerApi>) => Promise<T>): Promise<T> {
    if (disposed) throw new TrainerDisposedError();
    if (failure !== undefined || !remote) throw new TrainerUnavailableError(failure ?? 'The training worker is not available.');
    const result = await Promise.race([fn(remote), ended]);
    started = true; // the worker answered, so it is up
    return result;
  }

  return {
    backend: () => call((r) => r.backend()),
    train: (docJson, onEvent, options) => call((r) => r.train(docJson, Comlink.proxy((e: TrainEvent | TrainEvent[]) => (Array.isArray(e) ? e.forEach(onEvent) : onEvent(e))), options)),
    pause: () => call((r) => r.pause()),
    resume: () => call((r) => r.resume()),
    stop: () => call((r) => r.stop()),
    step: () => call((r) => r.step()),
    views: (options) => call((r) => r.views(options)),
    diagnostics: (repeats) => call((r) => r.diagnostics(repeats)),
    weights: () => call((r) => r.weights()),
    exportModel: (part) => call((r) => r.exportModel(part)),
    onFailure(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get failure() {
      return failure;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      rejectEnd(new TrainerDisposedError());
      listeners.clear();
      try {
        remote?.[Comlink.releaseProxy]();
      } catch {
        /* the port may already be closed */
      }
      worker?.removeEventListener('error', onWorkerError);
      worker?.removeEventListener('messageerror', onWorkerError);
      worker?.terminate();
    },
  };
}
