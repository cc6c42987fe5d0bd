// The final held-out evaluation in the training panel: "Held-out NLL, K = 5,000: 40 %".
import { describe, expect, it } from 'vitest';
import { initialRunState, reduceRun, type RunState } from './runState';
import { progressText } from './progressText';
import type { TrainEvent } from '../training/protocol';

const apply = (s: RunState, ...events: TrainEvent[]) => events.reduce((st, event) => reduceRun(st, { type: 'event', event }), s);

const running = apply(reduceRun(initialRunState, { type: 'train-requested', epochs: 2 }), {
  type: 'started',
  backend: { name: 'wasm', reason: 'test' },
  dataDim: 784,
  nTrain: 9000,
  nTest: 1000,
  stepsPerEpoch: 71,
});

describe('the evaluation progress', () => {
  it('shows K and the percentage done while the held-out NLL is computed', () => {
    const s = apply(running, { type: 'evaluating', what: 'held-out NLL', samples: 5000, fraction: 0.4 });
    expect(s.evaluating).toEqual({ what: 'held-out NLL', samples: 5000, fraction: 0.4 });
    expect(progressText(s)).toMatch(/^Held-out NLL, K = 5,000: 40 %/);
  });

  it('says Stopping… while a stop is on its way, and is gone once the run is done', () => {
    let s = apply(running, { type: 'evaluating', what: 'held-out NLL', samples: 5000, fraction: 0.1 });
    s = reduceRun(s, { type: 'stop-requested' });
    expect(progressText(s)).toMatch(/^Stopping… · Held-out NLL, K = 5,000: 10 %/);
    s = apply(s, { type: 'done', reason: 'stopped', final: { trainLoss: 1, testLoss: 1, testNll: NaN, testNllMethod: 'x' }, samplesPerSec: 1 });
    expect(s.evaluating).toBeUndefined();
    expect(progressText(s)).not.toMatch(/Held-out/);
  });

  it('a late evaluating event after the run ended changes nothing', () => {
    const done = apply(running, { type: 'done', reason: 'finished', final: { trainLoss: 1, testLoss: 1, testNll: 1, testNllMethod: 'x' }, samplesPerSec: 1 });
    expect(apply(done, { type: 'evaluating', what: 'held-out NLL', samples: 5000, fraction: 0.5 })).toBe(done);
  });
});
