// The result file: what was measured, and everything needed to run it again — the seed and
// every setting used, the data files, the backend asked for and the one used, the memory
// limit — and why the run ended.
import path from 'node:path';
import type { TrainingSettings } from '../graph/document';
import type { DivergenceInfo, EpochRecord } from '../training/protocol';
import type { RunResult } from '../training/run';
import type { CliArgs } from './args';

export type StopReason = { reason: 'finished' } | { reason: 'stopped'; message: string } | ({ reason: 'diverged'; message: string } & DivergenceInfo);

export interface RunRecord {
  graph: string;
  data: { train: string; test: string };
  settings: TrainingSettings;
  backendAsked: string;
  memoryLimitBytes: number;
}

export function runRecord(args: CliArgs, settings: TrainingSettings): RunRecord {
  const source = (f: string | undefined, fallback: string) => (f ? path.resolve(f) : fallback);
  return {
    graph: path.resolve(args.graphFile),
    data: {
      train: source(args.data, "the graph's data node"),
      test: source(args.testData, args.data ? `a seeded split of --data (testFraction ${settings.testFraction}, seed ${settings.seed})` : "the graph's data node (its seeded split)"),
    },
    settings,
    backendAsked: args.backend,
    memoryLimitBytes: args.memoryLimit.bytes,
  };
}

type Measured = Pick<RunResult, 'title' | 'epochs' | 'history'> & Partial<RunResult>;

export function resultJson(record: RunRecord, r: Measured, stop: StopReason) {
  const { settings } = record;
  return {
    title: r.title,
    stopReason: stop,
    graph: record.graph,
    data: record.data,
    seed: settings.seed,
    settings: {
      epochs: settings.epochs,
      batchSize: settings.batchSize,
      learningRate: settings.learningRate,
      optimizer: settings.optimizer,
      seed: settings.seed,
      evalSamples: settings.evalSamples,
      testFraction: settings.testFraction,
    },
    backendAsked: record.backendAsked,
    ...(r.backend ? { backend: r.backend } : {}),
    memoryLimitBytes: record.memoryLimitBytes,
    epochs: r.epochs,
    history: r.history as EpochRecord[],
    ...(r.final ? { final: r.final } : {}),
    ...(r.samplesPerSec !== undefined ? { samplesPerSec: r.samplesPerSec } : {}),
    ...(r.closedForm ? { closedForm: { trainNll: r.closedForm.trainNll, testNll: r.closedForm.testNll } } : {}),
  };
}
