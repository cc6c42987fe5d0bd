// Every place that shows a run's state tells the same, true story: the progress line, the
// runs list row, the model views caption, the diagnostics and the trained-weights badge.
// A diverged run never reads as "Trained", "did not start" or "the last trained model".
import { beforeEach, describe, expect, it } from 'vitest';
import type { DivergenceInfo, ModelViews, TrainEvent } from '../training/protocol';
import { initialRunState, reduceRun, type RunAction, type RunState } from './runState';
import { progressText } from './progressText';
import { heldModelText, viewsCaption } from './views/viewsCaption';
import { runStatusText } from './runs/runStatusText';
import { setTrainedWeights, trainedBadge, useTrainedWeights, clearTrainedWeights } from '../store/trainedWeights';

const ev = (event: TrainEvent): RunAction => ({ type: 'event', event });
const started: TrainEvent = { type: 'started', backend: { name: 'cpu', reason: 'r' }, dataDim: 5, nTrain: 80, nTest: 20, stepsPerEpoch: 20 };
const progress = (epoch: number, step: number): RunAction => ev({ type: 'progress', progress: { epoch, epochs: 10, step, stepsPerEpoch: 20, batchLoss: 3, samplesPerSec: 100, elapsedMs: 1500 } });
const epoch = (n: number): RunAction => ev({ type: 'epoch', record: { epoch: n, trainLoss: 2, testLoss: 2 } });
const at4: DivergenceInfo = { epoch: 4, step: 17, restoredEpoch: 3, restoredTo: 'the end of epoch 3' };
const at1: DivergenceInfo = { epoch: 1, step: 3, restoredEpoch: 0, restoredTo: 'the start of training' };
const diverged = (d: DivergenceInfo): RunState =>
  [{ type: 'train-requested', epochs: 10 } as RunAction, ev(started), ...Array.from({ length: d.restoredEpoch }, (_, i) => epoch(i + 1)), progress(d.epoch, d.step - 1), ev({ type: 'error', message: 'Training diverged.', diverged: d })].reduce(reduceRun, initialRunState);
const views = (e: number, step: number): ModelViews => ({ epoch: e, step, notes: [] });
const misleading = /Trained|did not start|last trained model/;

describe('a diverged run, everywhere it is shown', () => {
  beforeEach(() => clearTrainedWeights());

  it('restored to the end of an epoch', () => {
    const run = diverged(at4);
    expect(progressText(run)).toBe('Diverged at epoch 4, step 17 — weights restored to the end of epoch 3.');
    expect(runStatusText({ status: 'failed', diverged: at4 }, false)).toBe('diverged at epoch 4, step 17 — weights restored to the end of epoch 3');
    expect(viewsCaption(views(0, 0), run)).toBe('The weights from the end of epoch 3, restored after the run diverged at epoch 4, step 17');
    expect(viewsCaption(views(4, 10), run)).toBe('The model at epoch 4, step 10, before the run diverged at epoch 4, step 17; it now holds the weights from the end of epoch 3 — press Refresh to see them');
    setTrainedWeights({ nodes: [], edges: [] }, { variables: [] }, 'run', { diverged: at4 });
    const t = useTrainedWeights.getState().trained!;
    expect(trainedBadge(t).text).toBe('Trained to epoch 3');
    expect(trainedBadge(t).title).toContain('the run diverged at epoch 4, step 17 and they were restored');
  });

  it('restored to the start: nothing in it reads as trained', () => {
    const run = diverged(at1);
    const texts = [progressText(run), runStatusText({ status: 'failed', diverged: at1 }, false), viewsCaption(views(0, 0), run), viewsCaption(views(1, 2), run), heldModelText(run)];
    expect(texts).toEqual([
      'Diverged at epoch 1, step 3 — weights restored to the start (no epoch finished).',
      'diverged at epoch 1, step 3 — weights restored to the start (no epoch finished)',
      'The initial, untrained weights, restored after the run diverged at epoch 1, step 3 (no epoch finished)',
      'The model at epoch 1, step 2, before the run diverged at epoch 1, step 3; it now holds the weights from the start (no epoch finished) — press Refresh to see them',
      'The initial, untrained weights, restored after the run diverged at epoch 1, step 3 (no epoch finished)',
    ]);
    for (const t of texts) expect(t).not.toMatch(misleading);
    // Its weights are the ones it started from: they do not become "the trained weights".
    setTrainedWeights({ nodes: [], edges: [] }, { variables: [] }, 'run', { diverged: at1 });
    expect(useTrainedWeights.getState().trained).toBeNull();
  });
});

describe('other endings', () => {
  it('a stopped run says where it stopped', () => {
    const run = [{ type: 'train-requested', epochs: 10 } as RunAction, ev(started), epoch(1), progress(2, 5), { type: 'stop-requested' } as RunAction, { type: 'train-ended' } as RunAction].reduce(reduceRun, initialRunState);
    expect(progressText(run)).toBe('Stopped at epoch 2, step 5 · 100 samples/s · 0:02 elapsed · cpu');
    expect(viewsCaption(views(0, 0), run)).toBe('The model where training stopped, at epoch 2, step 5');
  });

  it('a run that failed mid-way did start', () => {
    const run = [{ type: 'train-requested', epochs: 10 } as RunAction, ev(started), progress(1, 4), ev({ type: 'error', message: 'out of memory' })].reduce(reduceRun, initialRunState);
    expect(progressText(run)).toBe('Failed at epoch 1, step 4.');
  });

  it('runs list rows: every status in its own words, and unknown ones as stored', () => {
    expect(runStatusText({ status: 'finished' }, false)).toBe('finished');
    expect(runStatusText({ status: 'running' }, true)).toBe('running');
    expect(runStatusText({ status: 'running' }, false)).toBe('interrupted: the page stopped training it');
    expect(runStatusText({ status: 'interrupted', interrupted: { atEpoch: 3, keptEpochs: 3, message: 'Interrupted by a reload at epoch 3: kept 3 epochs of history and no weights.' } }, false)).toBe(
      'interrupted by a reload at epoch 3: kept 3 epochs of history and no weights',
    );
    expect(runStatusText({ status: 'paused-forever' as never }, false)).toBe('paused-forever');
  });
});
