import { describe, expect, it } from 'vitest';
import { checkNumericField, numericFields } from './trainingFields';
import { formatDelta, formatNumber, formatRate } from './format';

const field = (key: string) => numericFields.find((f) => f.key === key)!;

describe('checkNumericField', () => {
  it('accepts values the document schema accepts', () => {
    expect(checkNumericField(field('epochs'), '15')).toEqual({ ok: true, value: 15 });
    expect(checkNumericField(field('learningRate'), ' 0.05 ')).toEqual({ ok: true, value: 0.05 });
    expect(checkNumericField(field('testFraction'), '0')).toEqual({ ok: true, value: 0 });
  });

  it('refuses the rest with a sentence', () => {
    expect(checkNumericField(field('epochs'), '0')).toEqual({ ok: false, error: 'Epochs must be a whole number from 1 to 100000.' });
    expect(checkNumericField(field('epochs'), '2.5').ok).toBe(false);
    expect(checkNumericField(field('batchSize'), '').ok).toBe(false);
    expect(checkNumericField(field('learningRate'), '0').ok).toBe(false);
    expect(checkNumericField(field('learningRate'), 'abc').ok).toBe(false);
    expect(checkNumericField(field('testFraction'), '0.95').ok).toBe(false);
    expect(checkNumericField(field('seed'), '-1').ok).toBe(false);
    expect(checkNumericField(field('evalSamples'), '0').ok).toBe(false);
  });
});

describe('format', () => {
  it('formats numbers for the panel', () => {
    expect(formatNumber(1.23456)).toBe('1.2346');
    expect(formatNumber(-2)).toBe('−2.0000');
    expect(formatNumber(undefined)).toBe('—');
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatNumber(Infinity)).toBe('∞');
    expect(formatNumber(1e7, 3)).toBe('1.00e+7');
    expect(formatNumber(-1.083e-5)).toBe('−1.083e−5');
    expect(formatDelta(0.5, 1)).toBe('+0.5');
    expect(formatRate(12345.6)).toBe('12,346');
  });
});
