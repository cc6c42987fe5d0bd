import { describe, expect, it } from 'vitest';
import { summarizeDiagnostics } from './diagnosticsSummary';

describe('summarizeDiagnostics', () => {
  it('derives the gradient noise ratio and ESS percentages', () => {
    const s = summarizeDiagnostics({
      repeats: 20,
      lossSpread: { mean: 150, std: 2 },
      gradient: { variance: 3, meanSquaredNorm: 12 },
      ess: { samples: 50, prior: 0.02, encoder: 0.6 },
      klPerDim: [1.5, 0.001],
      activeUnits: 1,
    });
    expect(s.gradRatio).toBeCloseTo(0.25);
    expect(s.essPriorPercent).toBeCloseTo(2);
    expect(s.essEncoderPercent).toBeCloseTo(60);
    expect(s.klPerDim).toEqual([1.5, 0.001]);
  });

  it('leaves out what cannot be computed', () => {
    const s = summarizeDiagnostics({ repeats: 5, lossSpread: { mean: 1, std: 0 }, gradient: { variance: 0, meanSquaredNorm: 0 } });
    expect(s.gradRatio).toBeUndefined();
    expect(s.essPriorPercent).toBeUndefined();
    expect(s.klPerDim).toEqual([]);
  });
});
