// The trainer worker: all tensor work of the app happens here, off the main thread.
import * as Comlink from 'comlink';
import '#tf-gradients';
import { parseGraphText } from '../src/graph/parse';
import { CompileError } from '../src/compiler/compile';
import { DataError } from '../src/training/runData';
import { RunControl } from '../src/training/control';
import { runTraining } from '../src/training/run';
import { chooseBrowserBackend } from '../src/training/browserBackends';
import { loadMnistBrowser, mnistUrl } from '../src/data/mnistBrowser';
import type { BackendInfo, TrainerApi, TrainEvent } from '../src/training/protocol';

let backend: Promise<BackendInfo> | undefined;
let control: RunControl | undefined;

const api: TrainerApi = {
  backend() {
    backend ??= chooseBrowserBackend();
    return backend;
  },
  async train(docJson, onEvent: (e: TrainEvent) => void) {
    if (control && !control.stopped) return onEvent({ type: 'error', message: 'A training run is already going; stop it first.' });
    const parsed = parseGraphText(docJson, 'the graph');
    if (!parsed.ok) return onEvent({ type: 'error', message: parsed.errors.join(' ') });
    const run = (control = new RunControl());
    try {
      await runTraining({ loaders: { mnist: () => loadMnistBrowser(mnistUrl()) }, doc: parsed.doc, backend: await api.backend(), control: run, onEvent });
    } catch (e) {
      onEvent(toErrorEvent(e));
    } finally {
      run.stop();
    }
  },
  pause: () => control?.pause(),
  resume: () => control?.resume(),
  stop: () => control?.stop(),
};

function toErrorEvent(e: unknown): TrainEvent {
  if (e instanceof CompileError) return { type: 'error', message: e.message, nodeId: e.issues.find((i) => i.nodeId)?.nodeId };
  if (e instanceof DataError) return { type: 'error', message: e.message, nodeId: e.nodeId };
  return { type: 'error', message: e instanceof Error ? e.message : String(e) };
}

Comlink.expose(api);
