// The trainer worker: all tensor work of the app happens here, off the main thread. It keeps
// the last trained model so the views, diagnostics and weights can be asked for afterwards.
import '../src/platform/zodJitless';
import * as Comlink from 'comlink';
import '#tf-gradients';
import { parseGraphText } from '../src/graph/parse';
import type { GraphDoc } from '../src/graph/document';
import { structureKey } from '../src/graph/structureKey';
import { CompileError } from '../src/compiler/compile';
import { DataError } from '../src/training/runData';
import { RunControl } from '../src/training/control';
import { DivergedError, runTraining, type TrainedSession } from '../src/training/run';
import { browserCandidates, chooseBrowserBackend, setBrowserBackend, withThreadInfo } from '../src/training/browserBackends';
import { calibrateBackends } from '../src/training/calibrate';
import { withKernelsNote } from '../src/kernels/tfjsKernels';
import type { BackendChooser } from '../src/training/run';
import { loadMnistBrowser, mnistUrl } from '../src/data/mnistBrowser';
import { readWeights } from '../src/training/weights';
import { fileStemOf } from '../src/export/fileStem';
// Imported statically, not on first use: a dynamic import splits the compiler (and zod's
// schemas) into a chunk evaluated before zodJitless above, which the CSP then reports.
import { pytorchProject } from '../src/export/pytorch/project';
import { zipProject } from '../src/export/pytorch/zip';
import { computeViews } from '../src/training/views/computeViews';
import { computeDiagnostics } from '../src/training/diagnostics/computeDiagnostics';
import type { BackendInfo, BackendName, TrainerApi, TrainEvent, ViewOptions } from '../src/training/protocol';
import { batchEvents } from '../src/training/eventBatcher';
import { browserMemoryBudget, MemoryLimitError } from '../src/training/memoryCheck';

let backend: Promise<BackendInfo> | undefined;
let control: RunControl | undefined;
let session: TrainedSession | undefined;
/** The model being trained right now (views and weights may be asked for mid-run). */
let live: { session: TrainedSession; epoch: number; step: number } | undefined;
/** The graph the kept model was built from (its export needs the wiring). */
let trainedDoc: GraphDoc | undefined;
/**
 * Whether the kept model's weights are trained: not when its run diverged before any epoch
 * ended (it restored the weights it started from).
 */
let keptIsTrained = false;
let viewOptions: ViewOptions = {};
const loaders = { mnist: () => loadMnistBrowser(mnistUrl()) };

/** Calibration results per graph structure and batch size, for this worker's lifetime. */
const calibrated = new Map<string, BackendInfo>();

function backendChooser(preference: BackendName | 'auto', onEvent: (e: TrainEvent) => void): BackendChooser {
  return async ({ doc, train, control }) => {
    await api.backend();
    if (preference !== 'auto') {
      if (await setBrowserBackend(preference)) return { name: preference, ...withKernelsNote(preference, `${preference}, chosen by you`) };
      throw new Error(`The ${preference} backend cannot start in this browser; choose another or Automatic.`);
    }
    // Same model, same batch size, same data width: same measurements.
    const key = `${structureKey(doc)}|${doc.training.batchSize}|${train.d}`;
    const known = calibrated.get(key);
    if (known && (await setBrowserBackend(known.name))) return known;
    onEvent({ type: 'status', message: 'Measuring the backends on this model…' });
    const { candidates, skipped } = await browserCandidates();
    const c = await calibrateBackends({ doc, train, candidates, skipped, setBackend: setBrowserBackend, steps: 2, shouldStop: () => !!control?.stopped });
    const info: BackendInfo = { name: c.chosen, ...withKernelsNote(c.chosen, c.reason) };
    if (!c.stopped) calibrated.set(key, info);
    return info;
  };
}

/** Every backend the panel is told of says whether it is isolated and on how many threads. */
const withThreadsNoted = (choose: BackendChooser): BackendChooser => async (args) => withThreadInfo(await choose(args));

function keep(s: TrainedSession | undefined) {
  if (s === session) return;
  session?.dispose();
  session = s;
}

const api: TrainerApi = {
  backend() {
    backend ??= chooseBrowserBackend().then(withThreadInfo);
    return backend;
  },
  async train(docJson, send: (e: TrainEvent | TrainEvent[]) => void, options = {}) {
    // One message per batch, not per event: each one costs the page's main thread a task.
    const batch = batchEvents(send);
    const onEvent = batch.push;
    if (control && !control.stopped) return onEvent({ type: 'error', message: 'A training run is already going; stop it first.' });
    const parsed = parseGraphText(docJson, 'the graph');
    if (!parsed.ok) return onEvent({ type: 'error', message: parsed.errors.join(' ') });
    const run = (control = new RunControl());
    if (options.startPaused) run.pause();
    viewOptions = options.viewOptions ?? viewOptions;
    keep(undefined);
    trainedDoc = parsed.doc;
    keptIsTrained = true;
    try {
      const result = await runTraining({
        loaders,
        doc: parsed.doc,
        backend: withThreadsNoted(backendChooser(options.backend ?? 'auto', onEvent)),
        control: run,
        onEvent,
        initialWeights: options.initialWeights,
        keepModel: true,
        memoryBudget: browserMemoryBudget((navigator as { deviceMemory?: number }).deviceMemory),
        onCompiled: (s) => (live = { session: s, epoch: 0, step: 0 }),
        periodic: options.viewsEveryMs
          ? {
              everyMs: options.viewsEveryMs,
              run: async ({ trainer, data, epoch, step }) => {
                if (live) Object.assign(live, { epoch, step });
                onEvent({ type: 'views', views: await computeViews(trainer.model, data, { ...viewOptions, epoch, step, seed: epoch * 100003 + step }) });
              },
            }
          : undefined,
      });
      keep(result.session);
    } catch (e) {
      // runTraining has already sent a divergence as an error event, with its details.
      if (e instanceof DivergedError) {
        keep(e.session);
        keptIsTrained = e.info.restoredEpoch > 0;
      }
      else onEvent(toErrorEvent(e));
    } finally {
      run.stop();
      live = undefined;
      batch.flush();
    }
  },
  pause: () => control?.pause(),
  resume: () => control?.resume(),
  stop: () => control?.stop(),
  step: () => control?.stepOnce(),
  async views(options) {
    const target = current();
    if (!target) return undefined;
    if (options) viewOptions = { ...viewOptions, ...options };
    return computeViews(target.trainer.model, target.data, { ...viewOptions, epoch: live?.epoch ?? 0, step: live?.step ?? 0, seed: 7 });
  },
  async diagnostics(repeats = 20) {
    const target = current();
    return target ? computeDiagnostics(target.trainer.model, target.data.test, { repeats, seed: 11 }) : undefined;
  },
  async weights() {
    const target = current();
    return target ? readWeights(target.trainer.model.variables) : undefined;
  },
  async exportModel(part) {
    const target = current();
    if (!target || !trainedDoc) return undefined;
    // Loaded on first use: tfjs-layers stays out of the worker until someone exports.
    const { exportTfjsModel } = await import('../src/training/exportModel');
    const m = await exportTfjsModel(target.trainer.model, trainedDoc, part);
    return Comlink.transfer(m, [m.weightsBin]);
  },
  async exportPyTorch(docJson, pageWeights) {
    const parsed = parseGraphText(docJson, 'the graph');
    if (!parsed.ok) return { ok: false, message: parsed.errors.join(' ') };
    const doc = parsed.doc;
    try {
      // Which weights the project ships (weights.npz; the initial weights are always in it):
      // 1. this worker's model, when its last run (or the one going now) trained this same
      //    graph structure: the freshest, and mid-run the page does not have them yet;
      // 2. else the page's trained weights of the open graph (a file opened trained, an
      //    autosave after a reload, a run of a worker since replaced);
      // 3. else none: an untrained graph exports with its initial weights only.
      const target = current();
      const ownRun = target && trainedDoc && keptIsTrained && structureKey(trainedDoc) === structureKey(doc) ? await readWeights(target.trainer.model.variables) : undefined;
      const files = await pytorchProject(doc, { loaders, weights: ownRun ?? pageWeights });
      const fileStem = fileStemOf(doc.meta.title);
      const bytes = zipProject(files, `${fileStem}-pytorch`);
      const zip = (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer) as ArrayBuffer;
      const shipped = ownRun ? 'run' : pageWeights ? 'page' : 'none';
      return Comlink.transfer({ ok: true as const, fileStem, zip, shipped }, [zip]);
    } catch (e) {
      // An ExportError (src/export/pytorch/project.ts) names the node it is about.
      if (e instanceof Error && e.name === 'ExportError') {
        const nodeId = (e as Error & { nodeId?: string }).nodeId;
        return { ok: false, message: e.message, ...(nodeId && { nodeId }) };
      }
      const event = toErrorEvent(e) as { message: string; nodeId?: string };
      return { ok: false, message: event.message, ...(event.nodeId && { nodeId: event.nodeId }) };
    }
  },
};

/** The model to look at: the one training now, else the last one trained. */
function current(): TrainedSession | undefined {
  return live?.session ?? session;
}

function toErrorEvent(e: unknown): TrainEvent {
  if (e instanceof CompileError) return { type: 'error', message: e.message, nodeId: e.issues.find((i) => i.nodeId)?.nodeId };
  if (e instanceof DataError || e instanceof MemoryLimitError) return { type: 'error', message: e.message, nodeId: e.nodeId };
  return { type: 'error', message: e instanceof Error ? e.message : String(e) };
}

Comlink.expose(api);
