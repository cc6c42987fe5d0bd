import { describe, expect, it, vi } from 'vitest';
import { batchEvents } from './eventBatcher';
import type { TrainEvent } from './protocol';

const progress = (step: number): TrainEvent => ({ type: 'progress', progress: { epoch: 1, epochs: 1, step, stepsPerEpoch: 10, batchLoss: 1, samplesPerSec: 1, elapsedMs: step } });
const epoch = (n: number): TrainEvent => ({ type: 'epoch', record: { epoch: n, trainLoss: 1, testLoss: 1 } });

describe('batchEvents', () => {
  it('sends the first event at once, then progress and epochs together, only the latest progress', () => {
    vi.useFakeTimers();
    try {
      let t = 0;
      const sent: TrainEvent[][] = [];
      const b = batchEvents((es) => sent.push(es), 100, () => t);
      b.push(epoch(1));
      expect(sent).toEqual([[epoch(1)]]);
      t = 10;
      b.push(progress(1));
      b.push(epoch(2));
      b.push(progress(2));
      expect(sent).toHaveLength(1);
      t = 100;
      vi.advanceTimersByTime(100);
      expect(sent[1]).toEqual([epoch(2), progress(2)]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('sends any other event at once, after what was waiting', () => {
    let t = 0;
    const sent: TrainEvent[][] = [];
    const b = batchEvents((es) => sent.push(es), 100, () => t);
    b.push(epoch(1));
    t = 5;
    b.push(epoch(2));
    b.push({ type: 'paused' });
    expect(sent).toEqual([[epoch(1)], [epoch(2), { type: 'paused' }]]);
    b.flush();
    expect(sent).toHaveLength(2);
  });
});
