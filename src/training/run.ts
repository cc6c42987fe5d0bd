// A whole training run, host-agnostic: the worker and the CLI both call runTraining and
// only differ in where the events go.
import * as tf from '@tensorflow/tfjs-core';
import type { GraphDoc, TrainingSettings } from '../graph/document';
import { compileGraph, type CompiledModel } from '../compiler/compile';
import { mixSeed } from '../compiler/seeds';
import { batchOrder } from '../data/split';
import { rows, type Dataset } from '../data/dataset';
import type { BackendInfo, ClosedFormSummary, EpochRecord, FinalSummary, TrainEvent } from './protocol';
import { RunControl, makeYielder } from './control';
import { Trainer, makeOptimizer } from './trainer';
import { loadRunData, type DataLoaders } from './runData';
import { heldOutNll } from './heldOutNll';
import { closedFormFor, compareWithClosedForm, type ClosedFormFit } from './closedFormReference';

export interface RunOptions {
  doc: GraphDoc;
  backend: BackendInfo;
  onEvent?: (e: TrainEvent) => void;
  control?: RunControl;
  /** How this host loads the embedded datasets. */
  loaders: DataLoaders;
  /** Replaces the data node's own source (CLI --data). */
  data?: Dataset;
  /** Held-out data; otherwise the graph's seeded split is used. */
  testData?: Dataset;
  /** Overrides the document's training settings (CLI flags). */
  settings?: Partial<TrainingSettings>;
  /** Minimum time between progress read-backs, so the backend is not synced every step. */
  progressEveryMs?: number;
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
}

export async function runTraining(opts: RunOptions): Promise<RunResult> {
  const emit = opts.onEvent ?? (() => {});
  const control = opts.control ?? new RunControl();
  const settings: TrainingSettings = { ...opts.doc.training, ...opts.settings };
  const { train, test } = await loadRunData(opts.doc, settings, opts.loaders, opts.data, opts.testData);
  const model = compileGraph(opts.doc, { dataDim: train.d, seed: settings.seed });
  const trainer = new Trainer(model, makeOptimizer(settings));
  try {
    const cf = model.linearGaussian ? closedFormFor(model, await priorScale(model), train, test) : undefined;
    const batchSize = Math.min(settings.batchSize, train.n);
    const stepsPerEpoch = Math.ceil(train.n / batchSize);
    emit({ type: 'started', backend: opts.backend, dataDim: train.d, nTrain: train.n, nTest: test.n, stepsPerEpoch, closedForm: cf?.summary });
    const loop = await trainLoop(trainer, settings, train, test, stepsPerEpoch, control, emit, opts.progressEveryMs ?? 250);
    const final = await finalSummary(trainer, loop.history, test, settings, cf);
    emit({ type: 'done', reason: control.stopped ? 'stopped' : 'finished', final, samplesPerSec: loop.samplesPerSec });
    return {
      title: opts.doc.meta.title,
      backend: opts.backend.name,
      epochs: loop.history.length,
      history: loop.history,
      final,
      samplesPerSec: loop.samplesPerSec,
      closedForm: cf?.summary,
      stopped: control.stopped,
    };
  } finally {
    trainer.dispose();
    model.dispose();
  }
}

async function trainLoop(
  trainer: Trainer,
  settings: TrainingSettings,
  train: Dataset,
  test: Dataset,
  stepsPerEpoch: number,
  control: RunControl,
  emit: (e: TrainEvent) => void,
  progressEveryMs: number,
) {
  const yieldNow = makeYielder();
  const history: EpochRecord[] = [];
  const batchSize = Math.min(settings.batchSize, train.n);
  let trainMs = 0;
  let samples = 0;
  let lastYield = performance.now();
  let lastProgress = 0;
  const t0 = performance.now();
  let globalStep = 0;

  for (let epoch = 1; epoch <= settings.epochs && !control.stopped; epoch++) {
    // The epoch's loss is summed on the device and read once, at the end of the epoch.
    let epochSum = tf.scalar(0);
    let epochCount = 0;
    const batches = batchOrder(train.n, batchSize, settings.seed, epoch);
    for (let s = 0; s < batches.length; s++) {
      await control.whilePaused();
      if (control.stopped) break;
      const idx = batches[s];
      const ts = performance.now();
      const cost = tf.tidy(() => trainer.step(tf.tensor2d(rows(train, idx), [idx.length, train.d]), mixSeed(settings.seed, `step${globalStep}`)));
      const next = tf.tidy(() => tf.add(epochSum, tf.mul(cost, idx.length)) as tf.Scalar);
      epochSum.dispose();
      epochSum = next;
      epochCount += idx.length;
      globalStep++;
      samples += idx.length;
      const now = performance.now();
      trainMs += now - ts;
      if (now - lastProgress >= progressEveryMs || s === batches.length - 1) {
        const batchLoss = (await cost.data())[0];
        lastProgress = performance.now();
        emit({
          type: 'progress',
          progress: { epoch, epochs: settings.epochs, step: s + 1, stepsPerEpoch, batchLoss, samplesPerSec: samples / (trainMs / 1000), elapsedMs: lastProgress - t0 },
        });
      }
      cost.dispose();
      if (performance.now() - lastYield > 8) {
        await yieldNow();
        lastYield = performance.now();
      }
    }
    const sum = (await epochSum.data())[0];
    epochSum.dispose();
    if (epochCount === 0) break;
    const trainLoss = sum / epochCount;
    if (!Number.isFinite(trainLoss)) {
      throw new Error(`Training diverged in epoch ${epoch}: the loss became ${trainLoss}. Lower the learning rate, or check that the data has no extreme values.`);
    }
    const testLoss = await trainer.evaluate(test, mixSeed(settings.seed, `test${epoch}`));
    const record = { epoch, trainLoss, testLoss };
    history.push(record);
    emit({ type: 'epoch', record });
  }
  return { history, samplesPerSec: trainMs > 0 ? samples / (trainMs / 1000) : 0 };
}

async function finalSummary(trainer: Trainer, history: EpochRecord[], test: Dataset, settings: TrainingSettings, cf?: ClosedFormFit): Promise<FinalSummary> {
  const last = history[history.length - 1];
  const testLoss = last?.testLoss ?? (await trainer.evaluate(test, mixSeed(settings.seed, 'final')));
  const lg = trainer.model.linearGaussian;
  const est = await heldOutNll(trainer.model, test, { samples: settings.evalSamples, seed: mixSeed(settings.seed, 'nll') });
  const summary: FinalSummary = { trainLoss: last?.trainLoss ?? NaN, testLoss, testNll: est.nll, testNllMethod: est.method };
  if (lg && cf) Object.assign(summary, await compareWithClosedForm(lg, cf));
  return summary;
}

/** ν of the prior. The optimum NLL does not depend on it (W absorbs it); only W's scale does. */
async function priorScale(model: CompiledModel): Promise<number> {
  return Math.exp(0.5 * (await model.linearGaussian!.logNu2.data())[0]);
}
