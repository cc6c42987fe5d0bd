import { describe, expect, it } from 'vitest';
import type { TrainEvent } from '../training/protocol';
import { initialRunState, isActive, outcomeText, reduceRun, type RunAction, type RunState } from './runState';

const ev = (event: TrainEvent): RunAction => ({ type: 'event', event });
const run = (actions: RunAction[], from: RunState = initialRunState) => actions.reduce(reduceRun, from);

const started: TrainEvent = {
  type: 'started',
  backend: { name: 'wasm', reason: '2 threads' },
  dataDim: 5,
  nTrain: 80,
  nTest: 20,
  stepsPerEpoch: 3,
  closedForm: { trainNll: 7.5, testNll: 7.9, sigma2: 0.1 },
};
const final = { trainLoss: 7.51, testLoss: 7.95, testNll: 7.95, testNllMethod: 'exact' };

describe('reduceRun', () => {
  it('follows a run from Train to done', () => {
    const s = run([
      { type: 'train-requested', epochs: 2 },
      ev(started),
      ev({ type: 'progress', progress: { epoch: 1, epochs: 2, step: 3, stepsPerEpoch: 3, batchLoss: 9, samplesPerSec: 1000, elapsedMs: 5 } }),
      ev({ type: 'epoch', record: { epoch: 1, trainLoss: 9, testLoss: 9.5 } }),
      ev({ type: 'epoch', record: { epoch: 2, trainLoss: 8, testLoss: 8.5 } }),
      ev({ type: 'done', reason: 'finished', final, samplesPerSec: 1234 }),
      { type: 'train-ended' },
    ]);
    expect(s.status).toBe('finished');
    expect(s.epochs.map((r) => r.epoch)).toEqual([1, 2]);
    expect(s.closedForm?.trainNll).toBe(7.5);
    expect(s.backend?.name).toBe('wasm');
    expect(s.final).toEqual(final);
    expect(s.finalSamplesPerSec).toBe(1234);
    expect(s.progress?.step).toBe(3);
  });

  it('starts each run from a clean slate but keeps the backend', () => {
    const before = run([{ type: 'backend', backend: { name: 'cpu', reason: 'r' } }, { type: 'train-requested', epochs: 1 }, ev(started), ev({ type: 'epoch', record: { epoch: 1, trainLoss: 1, testLoss: 1 } }), ev({ type: 'error', message: 'boom' })]);
    const s = reduceRun(before, { type: 'train-requested', epochs: 3 });
    expect(s).toEqual({ status: 'starting', plannedEpochs: 3, backend: { name: 'wasm', reason: '2 threads' }, backendError: undefined, epochs: [] });
  });

  it('shows a compile error from the worker as a failed run', () => {
    const s = run([{ type: 'train-requested', epochs: 1 }, ev({ type: 'error', message: 'The loss needs a linear decoder.', nodeId: 'loss' }), { type: 'train-ended' }]);
    expect(s.status).toBe('failed');
    expect(s.error).toEqual({ message: 'The loss needs a linear decoder.', nodeId: 'loss' });
  });

  it('pauses, resumes and stops', () => {
    let s = run([{ type: 'train-requested', epochs: 5 }, ev(started)]);
    s = reduceRun(s, { type: 'pause-requested' });
    expect(s.status).toBe('pausing');
    s = reduceRun(s, ev({ type: 'paused' }));
    expect(s.status).toBe('paused');
    s = reduceRun(s, ev({ type: 'resumed' }));
    expect(s.status).toBe('running');
    s = reduceRun(s, { type: 'stop-requested' });
    expect(s.status).toBe('stopping');
    s = reduceRun(s, ev({ type: 'paused' }));
    expect(s.status).toBe('stopping');
    s = reduceRun(s, ev({ type: 'done', reason: 'stopped', final, samplesPerSec: 1 }));
    expect(s.status).toBe('stopped');
    expect(isActive(s.status)).toBe(false);
    // A late confirmation changes nothing once the run is over.
    expect(reduceRun(s, ev({ type: 'paused' }))).toBe(s);
  });

  it('shows what the worker is doing before the first step, until it starts', () => {
    let s = run([{ type: 'train-requested', epochs: 1 }, ev({ type: 'status', message: 'Measuring the backends on this model…' })]);
    expect(s.statusMessage).toBe('Measuring the backends on this model…');
    s = reduceRun(s, ev(started));
    expect(s.statusMessage).toBeUndefined();
  });

  it('replaces a repeated epoch instead of duplicating it', () => {
    const s = run([
      { type: 'train-requested', epochs: 5 },
      ev({ type: 'epoch', record: { epoch: 1, trainLoss: 3, testLoss: 3 } }),
      ev({ type: 'epoch', record: { epoch: 2, trainLoss: 2, testLoss: 2 } }),
      ev({ type: 'epoch', record: { epoch: 2, trainLoss: 1.5, testLoss: 1.5 } }),
    ]);
    expect(s.epochs.map((r) => [r.epoch, r.trainLoss])).toEqual([[1, 3], [2, 1.5]]);
  });

  it('records a worker failure, at mount or during a run', () => {
    expect(reduceRun(initialRunState, { type: 'failure', message: 'could not start' })).toMatchObject({ status: 'failed', error: { message: 'could not start' } });
    const s = run([{ type: 'train-requested', epochs: 5 }, ev(started), { type: 'failure', message: 'died' }]);
    expect(s.status).toBe('failed');
  });
});

describe('how a run ended, in words', () => {
  const progress = (epoch: number, step: number): RunAction => ev({ type: 'progress', progress: { epoch, epochs: 10, step, stepsPerEpoch: 20, batchLoss: 3, samplesPerSec: 100, elapsedMs: 5 } });
  const epoch = (n: number): RunAction => ev({ type: 'epoch', record: { epoch: n, trainLoss: 2, testLoss: 2 } });
  const diverge = (epochAt: number, step: number, restoredEpoch: number): RunAction =>
    ev({
      type: 'error',
      message: 'Training diverged: the loss became NaN.',
      diverged: { epoch: epochAt, step, restoredEpoch, restoredTo: restoredEpoch ? `the end of epoch ${restoredEpoch}` : 'the start of training' },
    });
  const text = (s: RunState) => (s.outcome ? outcomeText(s.outcome) : undefined);

  it('finished', () => {
    const s = run([{ type: 'train-requested', epochs: 2 }, ev(started), epoch(1), epoch(2), ev({ type: 'done', reason: 'finished', final, samplesPerSec: 1 }), { type: 'train-ended' }]);
    expect(s.outcome).toEqual({ kind: 'finished', epochs: 2 });
    expect(text(s)).toBe('Finished 2 epochs');
  });

  it('stopped, at the last step the worker reported', () => {
    const s = run([{ type: 'train-requested', epochs: 10 }, ev(started), epoch(1), epoch(2), progress(3, 5), { type: 'stop-requested' }, ev({ type: 'done', reason: 'stopped', final, samplesPerSec: 1 })]);
    expect(s.status).toBe('stopped');
    expect(text(s)).toBe('Stopped at epoch 3, step 5');
    // Without a 'done' (the promise settled first) it is still a stop, at the same place.
    const t = run([{ type: 'train-requested', epochs: 10 }, ev(started), progress(1, 7), { type: 'stop-requested' }, { type: 'train-ended' }]);
    expect(text(t)).toBe('Stopped at epoch 1, step 7');
  });

  it('diverged mid-epoch, with the weights restored to the end of the epoch before', () => {
    const s = run([{ type: 'train-requested', epochs: 10 }, ev(started), epoch(1), epoch(2), epoch(3), progress(4, 16), diverge(4, 17, 3), { type: 'train-ended' }]);
    expect(s.status).toBe('failed');
    expect(s.diverged).toEqual({ epoch: 4, step: 17, restoredEpoch: 3, restoredTo: 'the end of epoch 3' });
    expect(text(s)).toBe('Diverged at epoch 4, step 17 — weights restored to the end of epoch 3');
  });

  it('diverged in the first epoch, with the weights restored to the start', () => {
    const s = run([{ type: 'train-requested', epochs: 10 }, ev(started), progress(1, 2), diverge(1, 3, 0)]);
    expect(text(s)).toBe('Diverged at epoch 1, step 3 — weights restored to the start (no epoch finished)');
  });

  it('diverged when an epoch’s mean or held-out loss gave it away (step 0)', () => {
    const s = run([{ type: 'train-requested', epochs: 10 }, ev(started), epoch(1), diverge(2, 0, 1)]);
    expect(text(s)).toBe('Diverged at the end of epoch 2 — weights restored to the end of epoch 1');
  });

  it('failed to start: an error before the worker started the run', () => {
    const s = run([{ type: 'train-requested', epochs: 1 }, ev({ type: 'error', message: 'The loss needs a linear decoder.', nodeId: 'loss' })]);
    expect(s.outcome).toEqual({ kind: 'not-started' });
    expect(text(s)).toBe('Training did not start');
  });

  it('failed mid-run without diverging: it did start, and says where it was', () => {
    const s = run([{ type: 'train-requested', epochs: 5 }, ev(started), progress(1, 4), ev({ type: 'error', message: 'out of memory' })]);
    expect(text(s)).toBe('Failed at epoch 1, step 4');
  });

  it('interrupted: the worker died during the run', () => {
    const s = run([{ type: 'train-requested', epochs: 5 }, ev(started), epoch(1), epoch(2), { type: 'failure', message: 'The training worker stopped.' }]);
    expect(s.outcome).toEqual({ kind: 'interrupted', at: { epoch: 3, step: 0 } });
    expect(text(s)).toBe('Interrupted before the first step of epoch 3: the training worker stopped');
    // A later failure of the worker does not rewrite how an ended run ended.
    const d = run([{ type: 'train-requested', epochs: 5 }, ev(started), diverge(1, 3, 0), { type: 'failure', message: 'died later' }]);
    expect(d.outcome?.kind).toBe('diverged');
  });

  it('a new run forgets the last one’s outcome', () => {
    const s = run([{ type: 'train-requested', epochs: 5 }, ev(started), diverge(1, 3, 0), { type: 'train-requested', epochs: 5 }]);
    expect(s.outcome).toBeUndefined();
    expect(s.diverged).toBeUndefined();
  });
});
