import { describe, expect, it } from 'vitest';
import { formatDuration, progressFraction, remainingMs } from './progressMath';

const p = { epoch: 2, epochs: 4, step: 5, stepsPerEpoch: 10, batchLoss: 1, samplesPerSec: 1000, elapsedMs: 3000 };

describe('progress math', () => {
  it('counts steps across epochs', () => {
    expect(progressFraction(p)).toBeCloseTo(15 / 40);
    expect(progressFraction({ ...p, epoch: 4, step: 10 })).toBe(1);
    expect(progressFraction({ ...p, epochs: 0 })).toBe(0);
  });

  it('estimates the time left from the training rate', () => {
    // 25 steps of 100 samples at 1000 samples/s: 2.5 s.
    expect(remainingMs(p, 100)).toBeCloseTo(2500);
    expect(remainingMs({ ...p, epoch: 4, step: 10 }, 100)).toBe(0);
    expect(remainingMs({ ...p, samplesPerSec: 0 }, 100)).toBeUndefined();
  });

  it('formats durations as clock times', () => {
    expect(formatDuration(7000)).toBe('0:07');
    expect(formatDuration(754_000)).toBe('12:34');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(formatDuration(undefined)).toBe('—');
  });
});
