// A whole training run, host-agnostic: the worker and the CLI both call runTraining and
// only differ in where the events go.
import * as tf from '@tensorflow/tfjs-core';
import type { GraphDoc, TrainingSettings } from '../graph/document';
import { compileGraph, type CompiledModel } from '../compiler/compile';
import { mixSeed } from '../nodes/runtime/seeds';
import { batchOrder } from '../data/split';
import { rows, type Dataset } from '../data/dataset';
import type { BackendInfo, ClosedFormSummary, DivergenceInfo, EpochRecord, FinalSummary, TrainEvent, WeightsSnapshot } from './protocol';
import { RunControl, makeYielder } from './control';
import { Trainer, makeOptimizer } from './trainer';
import { loadRunData, trainingSetForEpoch, type DataLoaders, type RunData } from './runData';
import { binarizationMethodNote } from '../data/binarize';
import { EXACT_METHOD, heldOutNll } from './heldOutNll';
import { closedFormFor, compareWithClosedForm, type ClosedFormFit } from './closedFormReference';
import { WeightCheckpoint, assignWeights } from './weights';
import { checkMemory, DEFAULT_MEMORY_BUDGET, type MemoryBudget } from './memoryCheck';
import { dataSupportWarnings, valueRangeOf } from '../compiler/dataSupport';
import { stoppedBeforeStart, stoppedEstimate } from './stoppedRun';
import { analyzeGraph } from '../compiler/analyze';
import { evalBatchSize, maxSamples } from '../compiler/memoryEstimate';

export interface PeriodicContext {
  trainer: Trainer;
  data: RunData;
  epoch: number;
  step: number;
}

/** Picks the backend once the data is known (calibration runs on the real model). */
export type BackendChooser = (ctx: { doc: GraphDoc; train: Dataset; control?: RunControl }) => Promise<BackendInfo>;

export interface RunOptions {
  doc: GraphDoc;
  backend: BackendInfo | BackendChooser;
  /** How this host loads the embedded datasets. */
  loaders: DataLoaders;
  onEvent?: (e: TrainEvent) => void;
  control?: RunControl;
  /** Replaces the data node's own source (CLI --data). */
  data?: Dataset;
  /** Held-out data; otherwise the graph's seeded split is used. */
  testData?: Dataset;
  /** Overrides the document's training settings (CLI flags). */
  settings?: Partial<TrainingSettings>;
  /** Minimum time between progress read-backs, so the backend is not synced every step. */
  progressEveryMs?: number;
  /** Start from saved weights instead of a fresh initialisation. */
  initialWeights?: WeightsSnapshot;
  /** Work to run between steps at a steady wall-clock rate (model views in the app). */
  periodic?: { everyMs: number; run(ctx: PeriodicContext): Promise<void> };
  /** Keep the trained model for the caller (views, weights) instead of disposing it. */
  keepModel?: boolean;
  /** Called once the model exists, so a host can look at it while it trains. */
  onCompiled?: (session: TrainedSession) => void;
  /** A run whose estimated memory is over this is refused before anything is compiled. */
  memoryBudget?: MemoryBudget;
}

/** A trained model kept after its run, for views and weights; the holder disposes it. */
export interface TrainedSession {
  trainer: Trainer;
  data: RunData;
  dispose(): void;
}

export interface RunResult {
  title: string;
  backend: string;
  epochs: number;
  history: EpochRecord[];
  final: FinalSummary;
  samplesPerSec: number;
  closedForm?: ClosedFormSummary;
  stopped: boolean;
  session?: TrainedSession;
}

/**
 * The loss became NaN or infinite; the weights were put back to the last good epoch. It
 * carries what was measured before (so a host can still report it) and where it happened.
 */
export class DivergedError extends Error {
  constructor(
    message: string,
    readonly info: DivergenceInfo,
    readonly history: EpochRecord[],
    readonly session?: TrainedSession,
  ) {
    super(message);
    this.name = 'DivergedError';
  }
}

export async function runTraining(opts: RunOptions): Promise<RunResult> {
  const emit = opts.onEvent ?? (() => {});
  const control = opts.control ?? new RunControl();
  const settings: TrainingSettings = { ...opts.doc.training, ...opts.settings };
  const data = await loadRunData(opts.doc, settings, opts.loaders, opts.data, opts.testData);
  const { train, test } = data;
  const doc = { ...opts.doc, training: settings };
  // Before calibration and compilation: both would allocate what the estimate refuses.
  const analysis = analyzeGraph(doc, { dataDim: train.d });
  if (analysis.errors.length === 0) checkMemory({ doc, analysis, settings, nTrain: train.n, nTest: test.n }, opts.memoryBudget ?? DEFAULT_MEMORY_BUDGET);
  const warnings = dataSupportWarnings(doc, analysis, valueRangeOf([train, test])).map((w) => w.message);
  if (control.stopped) return stoppedBeforeStart(opts, emit, '');
  const backend = typeof opts.backend === 'function' ? await opts.backend({ doc, train, control }) : opts.backend;
  if (control.stopped) return stoppedBeforeStart(opts, emit, backend.name);
  const model = compileGraph(opts.doc, { dataDim: train.d, seed: settings.seed });
  const trainer = new Trainer(model, makeOptimizer(settings));
  const session: TrainedSession = {
    trainer,
    data,
    dispose() {
      trainer.dispose();
      model.dispose();
    },
  };
  let kept = false;
  opts.onCompiled?.(session);
  try {
    if (opts.initialWeights) assignWeights(model.variables, opts.initialWeights);
    const cf = model.linearGaussian ? closedFormFor(model, await priorScale(model), train, test) : undefined;
    const batchSize = Math.min(settings.batchSize, train.n);
    const stepsPerEpoch = Math.ceil(train.n / batchSize);
    emit({ type: 'started', backend, dataDim: train.d, nTrain: train.n, nTest: test.n, stepsPerEpoch, closedForm: cf?.summary, ...(warnings.length ? { warnings } : {}) });
    const loop = await trainLoop({ trainer, settings, data, stepsPerEpoch, control, emit, opts, session });
    const final = await finalSummary(trainer, loop.history, data, settings, control, emit, cf);
    emit({ type: 'done', reason: control.stopped ? 'stopped' : 'finished', final, samplesPerSec: loop.samplesPerSec });
    kept = !!opts.keepModel;
    return {
      title: opts.doc.meta.title,
      backend: backend.name,
      epochs: loop.history.length,
      history: loop.history,
      final,
      samplesPerSec: loop.samplesPerSec,
      closedForm: cf?.summary,
      stopped: control.stopped,
      session: kept ? session : undefined,
    };
  } catch (e) {
    // The host hears of a divergence here, with where it happened and what was restored.
    if (e instanceof DivergedError) emit({ type: 'error', message: e.message, diverged: e.info });
    if (e instanceof DivergedError && opts.keepModel) {
      kept = true;
      throw new DivergedError(e.message, e.info, e.history, session);
    }
    throw e;
  } finally {
    if (!kept) session.dispose();
  }
}

interface LoopArgs {
  trainer: Trainer;
  settings: TrainingSettings;
  data: RunData;
  stepsPerEpoch: number;
  control: RunControl;
  emit: (e: TrainEvent) => void;
  opts: RunOptions;
  session: TrainedSession;
}

async function trainLoop({ trainer, settings, data, stepsPerEpoch, control, emit, opts }: LoopArgs) {
  const { test } = data;
  let train = data.train;
  const yieldNow = makeYielder();
  const history: EpochRecord[] = [];
  const batchSize = Math.min(settings.batchSize, train.n);
  const progressEveryMs = opts.progressEveryMs ?? 250;
  let trainMs = 0;
  let samples = 0;
  let lastYield = performance.now();
  let lastProgress = 0;
  let lastPeriodic = performance.now();
  const t0 = performance.now();
  let globalStep = 0;
  // The last weights known to give a finite loss: restored if training diverges.
  let good = new WeightCheckpoint(trainer.model.variables, 'the start of training');
  let goodEpoch = 0;
  const stopCheck = { shouldStop: () => control.stopped, yieldNow };
  const diverged = (what: string, epoch: number, step: number) => {
    good.restore();
    return new DivergedError(
      `Training diverged: ${what}. The weights were restored to ${good.label}. Likely causes: a learning rate too high for this model (try a tenth of it), or extreme values in the data (standardise the columns).`,
      { epoch, step, restoredEpoch: goodEpoch, restoredTo: good.label },
      history,
    );
  };

  try {
    for (let epoch = 1; epoch <= settings.epochs && !control.stopped; epoch++) {
      // The epoch's loss is summed on the device and read once, at the end of the epoch.
      let epochSum = tf.scalar(0);
      let epochCount = 0;
      // Dynamic binarisation: every epoch trains on a new draw of the grey levels (the same rows).
      // (loadRunData drew epoch 1's.)
      if (epoch > 1) train = data.train = trainingSetForEpoch(data, epoch);
      const batches = batchOrder(train.n, batchSize, settings.seed, epoch);
      for (let s = 0; s < batches.length; s++) {
        await control.beforeStep(
          () => emit({ type: 'paused' }),
          () => emit({ type: 'resumed' }),
        );
        if (control.stopped) break;
        const idx = batches[s];
        const ts = performance.now();
        const cost = tf.tidy(() => trainer.step(tf.tensor2d(rows(train, idx), [idx.length, train.d]), mixSeed(settings.seed, `step${globalStep}`), { step: globalStep, stepsPerEpoch }));
        const next = tf.tidy(() => tf.add(epochSum, tf.mul(cost, idx.length)) as tf.Scalar);
        epochSum.dispose();
        epochSum = next;
        epochCount += idx.length;
        globalStep++;
        samples += idx.length;
        const now = performance.now();
        trainMs += now - ts;
        if (now - lastProgress >= progressEveryMs || s === batches.length - 1 || control.paused) {
          const batchLoss = (await cost.data())[0];
          if (!Number.isFinite(batchLoss)) {
            cost.dispose();
            epochSum.dispose();
            throw diverged(`the loss became ${batchLoss} in epoch ${epoch}, step ${s + 1}`, epoch, s + 1);
          }
          lastProgress = performance.now();
          emit({
            type: 'progress',
            progress: { epoch, epochs: settings.epochs, step: s + 1, stepsPerEpoch, batchLoss, samplesPerSec: samples / (trainMs / 1000), elapsedMs: lastProgress - t0 },
          });
        }
        cost.dispose();
        if (opts.periodic && performance.now() - lastPeriodic >= opts.periodic.everyMs) {
          await opts.periodic.run({ trainer, data, epoch, step: s + 1 });
          lastPeriodic = performance.now();
        }
        if (performance.now() - lastYield > 8) {
          await yieldNow();
          lastYield = performance.now();
        }
      }
      const sum = (await epochSum.data())[0];
      epochSum.dispose();
      if (epochCount === 0) break;
      const trainLoss = sum / epochCount;
      if (!Number.isFinite(trainLoss)) throw diverged(`the mean loss of epoch ${epoch} became ${trainLoss}`, epoch, 0);
      const testLoss = await trainer.evaluate(test, mixSeed(settings.seed, `test${epoch}`), evalBatch(trainer.model), stopCheck);
      // A stop during the evaluation leaves the epoch unmeasured: it is not recorded.
      if (control.stopped) break;
      // Batch losses are measured before each update; the test loss is the first look at
      // the weights the epoch ended with, so only a finite one makes them the new checkpoint.
      if (test.n > 0 && !Number.isFinite(testLoss)) throw diverged(`the held-out loss after epoch ${epoch} became ${testLoss}`, epoch, 0);
      const nll = await quickNll(trainer.model, test, settings, epoch, testLoss, stopCheck);
      if (control.stopped) break;
      good.dispose();
      good = new WeightCheckpoint(trainer.model.variables, `the end of epoch ${epoch}`);
      goodEpoch = epoch;
      const record: EpochRecord = { epoch, trainLoss, testLoss, ...(nll !== undefined ? { nll } : {}) };
      history.push(record);
      emit({ type: 'epoch', record });
    }
  } finally {
    good.dispose();
  }
  return { history, samplesPerSec: trainMs > 0 ? samples / (trainMs / 1000) : 0 };
}

/** The loss node is the exact marginal NLL itself: its held-out loss is the held-out NLL. */
const lossIsExactNll = (model: CompiledModel) => !!model.linearGaussian && !model.latent;

/** Per-epoch held-out NLL: exact when available, else a cheap estimate on 200 test examples. */
async function quickNll(model: CompiledModel, test: Dataset, settings: TrainingSettings, epoch: number, testLoss: number, stop: StopCheck): Promise<number | undefined> {
  if (test.n === 0 || (!model.linearGaussian && !model.latent)) return undefined;
  if (lossIsExactNll(model)) return testLoss;
  const subset = model.linearGaussian ? test : { ...test, n: Math.min(test.n, 200) };
  const est = await heldOutNll(model, subset, { samples: Math.min(settings.evalSamples, 50), seed: mixSeed(settings.seed, `nll${epoch}`), ...stop });
  return Number.isFinite(est.nll) && !est.partial ? est.nll : undefined;
}

/** Least time between two 'evaluating' events (the first and the last are always sent). */
const EVAL_PROGRESS_EVERY_MS = 200;

async function finalSummary(trainer: Trainer, history: EpochRecord[], data: RunData, settings: TrainingSettings, control: RunControl, emit: (e: TrainEvent) => void, cf?: ClosedFormFit): Promise<FinalSummary> {
  const { test } = data;
  const last = history[history.length - 1];
  const stop = { shouldStop: () => control.stopped, yieldNow: makeYielder() };
  const testLoss = last?.testLoss ?? (control.stopped ? NaN : await trainer.evaluate(test, mixSeed(settings.seed, 'final'), evalBatch(trainer.model), stop));
  const lg = trainer.model.linearGaussian;
  // The method names how the test set was binarised: numbers on other binarisations differ.
  const dataNote = data.binarization ? binarizationMethodNote(data.binarization) : undefined;
  const samples = settings.evalSamples;
  let lastSent = -Infinity;
  // K importance samples on every test example can take minutes: the host sees how far it is.
  const onProgress = (fraction: number) => {
    const now = performance.now();
    if (fraction < 1 && now - lastSent < EVAL_PROGRESS_EVERY_MS) return;
    lastSent = now;
    emit({ type: 'evaluating', what: 'held-out NLL', samples, fraction });
  };
  const est = lossIsExactNll(trainer.model)
    ? { nll: testLoss, method: dataNote ? `${EXACT_METHOD}, ${dataNote}` : EXACT_METHOD }
    : control.stopped
      ? stoppedEstimate(last)
      : (onProgress(0), await heldOutNll(trainer.model, test, { samples, seed: mixSeed(settings.seed, 'nll'), ...stop, onProgress, dataNote }));
  const summary: FinalSummary = { trainLoss: last?.trainLoss ?? NaN, testLoss, testNll: est.nll, testNllMethod: est.method };
  if (lg && cf) Object.assign(summary, await compareWithClosedForm(lg, cf));
  return summary;
}

/** Held-out batches of a bounded number of sample rows (see memoryEstimate.ts). */
const evalBatch = (model: CompiledModel) => evalBatchSize(maxSamples(model.analysis));

type StopCheck = { shouldStop: () => boolean; yieldNow: () => Promise<void> };

/** ν of the prior. The optimum NLL does not depend on it (W absorbs it); only W's scale does. */
async function priorScale(model: CompiledModel): Promise<number> {
  return Math.exp(0.5 * (await model.linearGaussian!.logNu2.data())[0]);
}
