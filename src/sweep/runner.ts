// Runs a sweep's cells one after another, in this process, each exactly as `npm run train`
// runs a graph (runTraining on the Node backend, the same loaders, the same result JSON). The
// only file of src/sweep that touches tfjs.
import type { Dataset } from '../data/dataset';
import type { GraphDoc, TrainingSettings } from '../graph/document';
import { DivergedError, runTraining, type BackendChooser } from '../training/run';
import { RunControl } from '../training/control';
import type { BackendInfo, TrainEvent } from '../training/protocol';
import { nodeBackendChooser, useNodeBackend } from '../cli/nodeBackend';
import { nodeLoaders } from '../cli/nodeLoaders';
import { describeError } from '../cli/files';
import type { CliArgs } from '../cli/args';
import { resultJson, runRecord, type StopReason } from '../cli/result';
import { etaSeconds, formatDuration, type RunOutcome } from './aggregate';
import type { Applied } from './apply';
import { cellLabel, runsOf, type Cell } from './grid';
import type { Axis } from './resolve';

/** Ctrl-C: `stopped` ends the sweep after the run in progress, which stops at its next step. */
export class SweepControl {
  stopped = false;
  current?: RunControl;
  stop() {
    this.stopped = true;
    this.current?.stop();
  }
}

export interface SweepRun {
  doc: GraphDoc;
  axes: Axis[];
  cells: Cell[];
  /** Each cell's graph (apply.ts), or why the cell fails. */
  applied: Applied[];
  seeds: number[];
  /** The training flags, as `npm run train` reads them. */
  args: CliArgs;
  data?: Dataset;
  testData?: Dataset;
  control: SweepControl;
  log(line: string): void;
  warn(line: string): void;
  /** After every run, with all runs so far (the tables are rewritten). */
  onRun?(runs: RunOutcome[]): void;
}

const f = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : String(x));
const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();

export async function runSweep(o: SweepRun): Promise<{ runs: RunOutcome[]; stopped: boolean }> {
  const { args } = o;
  const plan = runsOf(o.cells, o.seeds);
  const runs: RunOutcome[] = [];
  const timed: number[] = [];
  const warned = new Set<string>();
  // Calibration (--backend auto) times the model itself: once per cell, its seeds reuse the choice.
  const chosen = new Map<number, BackendInfo>();
  const chooserFor = (cell: number): BackendChooser => {
    const choose = nodeBackendChooser(args.backend);
    if (args.backend !== 'auto') return choose;
    return async (ctx) => {
      const c = chosen.get(cell);
      if (c) return { ...(await useNodeBackend(c.name)), reason: c.reason };
      const info = await choose(ctx);
      chosen.set(cell, info);
      return info;
    };
  };
  const memoryBudget = { bytes: args.memoryLimit.bytes, where: args.memoryLimit.fromFlag ? `--memory-limit ${args.memoryLimit.text} allows` : "this run may use by default (half this machine's memory, at most 4 GB; raise it with --memory-limit)" };
  await useNodeBackend('cpu');

  for (let k = 0; k < plan.length && !o.control.stopped; k++) {
    const { cell, seed } = plan[k];
    const applied = o.applied[cell.index];
    o.log(`cell ${cell.index + 1}/${o.cells.length}: ${cellLabel(o.axes, cell)}, seed ${seed}${plan.length > o.cells.length ? ` (run ${k + 1}/${plan.length})` : ''}`);
    const t0 = performance.now();
    let outcome: RunOutcome;
    if (!applied.ok) {
      outcome = { cell: cell.index, seed, status: 'failed', reason: oneLine(applied.reason) };
      o.log(`  failed: ${outcome.reason}`);
    } else {
      outcome = await oneRun(o, applied.doc, cell, seed, chooserFor(cell.index), memoryBudget, warned);
      outcome.seconds = (performance.now() - t0) / 1000;
      timed.push(outcome.seconds);
    }
    runs.push(outcome);
    o.onRun?.(runs);
    const left = plan.length - k - 1;
    const eta = etaSeconds(timed, plan.slice(k + 1).filter((p) => o.applied[p.cell.index].ok).length);
    if (left > 0 && eta !== undefined && !o.control.stopped) o.log(`  ${left} run${left === 1 ? '' : 's'} left, ETA ${formatDuration(eta)}`);
  }
  return { runs, stopped: o.control.stopped };
}

async function oneRun(o: SweepRun, doc: GraphDoc, cell: Cell, seed: number, backend: BackendChooser, memoryBudget: { bytes: number; where: string }, warned: Set<string>): Promise<RunOutcome> {
  const settings: Partial<TrainingSettings> = { ...o.args.settings, seed };
  const record = runRecord(o.args, { ...doc.training, ...settings });
  const control = new RunControl();
  o.control.current = control;
  const onEvent = (e: TrainEvent) => {
    if (e.type === 'started') {
      for (const w of e.warnings ?? []) if (!warned.has(w)) warned.add(w), o.warn(`warning: ${w}`);
    } else if (e.type === 'epoch') {
      o.log(`  epoch ${e.record.epoch}: train ${f(e.record.trainLoss)}  test ${f(e.record.testLoss)} nats/example`);
    }
  };
  const base = { cell: cell.index, seed };
  try {
    const result = await runTraining({ doc, backend, loaders: nodeLoaders, data: o.data, testData: o.testData, settings, onEvent, progressEveryMs: 1e9, control, memoryBudget });
    const n = result.history.length;
    const stop: StopReason = result.stopped ? { reason: 'stopped', message: `Stopped by Ctrl-C after ${n} epoch${n === 1 ? '' : 's'}.` } : { reason: 'finished' };
    const { trainLoss, testLoss, testNll, testNllMethod } = result.final;
    if (result.stopped) o.log(`  stopped after ${n} epoch${n === 1 ? '' : 's'}`);
    else o.log(`  done: train ${f(trainLoss)}, test ${f(testLoss)}, held-out NLL ${f(testNll)} nats/example (${testNllMethod}); ${result.backend}`);
    return {
      ...base,
      status: result.stopped ? 'stopped' : 'ok',
      ...(result.stopped ? { reason: stop.reason === 'stopped' ? stop.message : '' } : {}),
      final: { trainLoss, testLoss, testNll, testNllMethod },
      epochs: result.epochs,
      backend: result.backend,
      result: resultJson(record, result, stop),
    };
  } catch (e) {
    if (e instanceof DivergedError) {
      o.log(`  diverged: ${e.message}`);
      return {
        ...base,
        status: 'diverged',
        reason: oneLine(e.message),
        epochs: e.history.length,
        result: resultJson(record, { title: doc.meta.title, epochs: e.history.length, history: e.history }, { reason: 'diverged', message: e.message, ...e.info }),
      };
    }
    if (process.env.LC_DEBUG) console.error(e);
    const reason = oneLine(describeError(e, o.args.graphFile));
    o.log(`  failed: ${reason}`);
    return { ...base, status: 'failed', reason };
  } finally {
    o.control.current = undefined;
  }
}
