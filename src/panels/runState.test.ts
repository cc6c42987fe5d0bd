import { describe, expect, it } from 'vitest';
import type { TrainEvent } from '../training/protocol';
import { initialRunState, isActive, reduceRun, type RunAction, type RunState } from './runState';

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
