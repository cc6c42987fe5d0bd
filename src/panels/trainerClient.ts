// The main thread's handle on the training worker. Tensors and tfjs never enter the main
// thread: only plain data (graph JSON in, TrainEvents out) crosses the comlink boundary.
//
// A worker that fails to load (bad chunk, syntax error, blocked by the browser) or dies
// later fires an 'error' event on the Worker object, and comlink calls in flight would
// then wait forever. The client turns that event into one sentence for a person, rejects
// every pending and later call with it, and tells its failure listeners.
import * as Comlink from 'comlink';
import type { BackendInfo, Diagnostics, ExportedModel, ModelViews, TrainerApi, TrainEvent, TrainOptions, ViewOptions, WeightsSnapshot } from '../training/protocol';

/** What an Export ▸ PyTorch returns: the zip, or the sentence (and node) saying why not. */
export type PyTorchExportResult = Awaited<ReturnType<TrainerApi['exportPyTorch']>>;

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
  /** The graph as a zipped PyTorch project (see TrainerApi.exportPyTorch). */
  exportPyTorch(docJson: string, weights?: WeightsSnapshot): Promise<PyTorchExportResult>;
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

export interface TrainerClientOptions {
  /**
   * How long a run may take to end after Stop before the worker is shut down and a fresh
   * one started: a worker inside one long synchronous computation cannot hear the Stop.
   */
  stopTimeoutMs?: number;
}

/** The sentence the run shows when the worker had to be replaced to honour a Stop. */
export function restartMessage(ms: number): string {
  return `The training worker did not stop within ${Number((ms / 1000).toFixed(1))} seconds (it was inside one long computation), so it was shut down and a fresh one started. The epochs measured before the Stop are kept; the trained model itself is lost.`;
}

/** One worker and its comlink handle; a restart replaces the whole generation. */
interface Generation {
  worker: WorkerLike;
  remote: Comlink.Remote<TrainerApi>;
  ended: Promise<never>;
  end(err: Error): void;
  onError(ev: Event): void;
}

class WorkerRestartedError extends Error {}

export function createTrainerClient(factory: WorkerFactory = defaultWorkerFactory, options: TrainerClientOptions = {}): TrainerClient {
  const stopTimeoutMs = options.stopTimeoutMs ?? 5000;
  const listeners = new Set<(message: string) => void>();
  let failure: string | undefined;
  let disposed = false;
  let started = false;
  let gen: Generation | undefined;
  let activeTrains = 0;
  let stopTimer: ReturnType<typeof setTimeout> | undefined;

  const fail = (message: string) => {
    if (failure !== undefined || disposed) return;
    failure = message;
    gen?.end(new TrainerUnavailableError(message));
    try {
      gen?.worker.terminate();
    } catch {
      /* already gone */
    }
    for (const l of [...listeners]) l(message);
  };

  // Every call races against its generation's end (failure, restart, dispose), so nothing
  // waits forever on a dead worker.
  function spawn(): Generation {
    const worker = factory();
    let end!: (err: Error) => void;
    const ended = new Promise<never>((_, reject) => (end = reject));
    ended.catch(() => {}); // observed through the races below
    const g: Generation = {
      worker,
      remote: Comlink.wrap<TrainerApi>(worker),
      ended,
      end,
      onError(ev: Event) {
        ev.preventDefault?.(); // handled here; keep the console free of a duplicate report
        if (gen === g) fail(failureMessage(ev, started));
      },
    };
    worker.addEventListener('error', g.onError);
    worker.addEventListener('messageerror', g.onError);
    return g;
  }

  function retire(g: Generation, err: Error) {
    g.end(err);
    g.worker.removeEventListener('error', g.onError);
    g.worker.removeEventListener('messageerror', g.onError);
    try {
      g.remote[Comlink.releaseProxy]();
    } catch {
      /* the port may already be closed */
    }
    g.worker.terminate();
  }

  function restart() {
    stopTimer = undefined;
    if (!gen || disposed || failure !== undefined) return;
    retire(gen, new WorkerRestartedError(restartMessage(stopTimeoutMs)));
    try {
      gen = spawn();
    } catch (err) {
      gen = undefined;
      fail(`The training worker could not be started again after a Stop: ${err instanceof Error ? err.message : String(err)}. Reload the page.`);
    }
  }

  try {
    gen = spawn();
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    failure =
      `The training worker could not be created: ${detail}. ` +
      'This browser may not support module workers; try a current Chrome, Edge or Firefox.';
  }

  async function call<T>(fn: (r: Comlink.Remote<TrainerApi>) => Promise<T>): Promise<T> {
    if (disposed) throw new TrainerDisposedError();
    if (failure !== undefined || !gen) throw new TrainerUnavailableError(failure ?? 'The training worker is not available.');
    const g = gen;
    try {
      const result = await Promise.race([fn(g.remote), g.ended]);
      started = true; // the worker answered, so it is up
      return result;
    } catch (err) {
      // A call to a worker replaced after a Stop says so (the train call handles it itself).
      if (err instanceof WorkerRestartedError) throw new TrainerUnavailableError(err.message);
      throw err;
    }
  }

  async function train(docJson: string, onEvent: (e: TrainEvent) => void, trainOptions?: TrainOptions): Promise<void> {
    if (disposed) throw new TrainerDisposedError();
    if (failure !== undefined || !gen) throw new TrainerUnavailableError(failure ?? 'The training worker is not available.');
    const g = gen;
    activeTrains++;
    try {
      await Promise.race([g.remote.train(docJson, Comlink.proxy((e: TrainEvent | TrainEvent[]) => (Array.isArray(e) ? e.forEach(onEvent) : onEvent(e))), trainOptions), g.ended]);
      started = true;
    } catch (err) {
      if (!(err instanceof WorkerRestartedError)) throw err;
      // The run ends as stopped, which is what was asked; the message says what it cost.
      onEvent({ type: 'status', message: err.message });
      onEvent({ type: 'done', reason: 'stopped', final: { trainLoss: NaN, testLoss: NaN, testNll: NaN, testNllMethod: 'not measured: the worker was restarted to stop the run' }, samplesPerSec: 0 });
    } finally {
      if (--activeTrains === 0 && stopTimer !== undefined) {
        clearTimeout(stopTimer);
        stopTimer = undefined;
      }
    }
  }

  return {
    backend: () => call((r) => r.backend()),
    train,
    pause: () => call((r) => r.pause()),
    resume: () => call((r) => r.resume()),
    async stop() {
      if (activeTrains > 0 && stopTimer === undefined && !disposed) stopTimer = setTimeout(restart, stopTimeoutMs);
      const g = gen;
      try {
        await call((r) => r.stop());
      } catch (err) {
        // A busy worker answers only when it is free; if it was replaced instead, the Stop is done.
        if (gen !== g && !disposed && failure === undefined) return;
        throw err;
      }
    },
    step: () => call((r) => r.step()),
    views: (o) => call((r) => r.views(o)),
    diagnostics: (repeats) => call((r) => r.diagnostics(repeats)),
    weights: () => call((r) => r.weights()),
    exportModel: (part) => call((r) => r.exportModel(part)),
    exportPyTorch: (docJson, weights) => call<PyTorchExportResult>((r) => r.exportPyTorch(docJson, weights) as Promise<PyTorchExportResult>),
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
      if (stopTimer !== undefined) clearTimeout(stopTimer);
      listeners.clear();
      if (gen) retire(gen, new TrainerDisposedError());
    },
  };
}
