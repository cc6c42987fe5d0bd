import { describe, expect, it } from 'vitest';
import { csvField, runsToCsv, RUNS_CSV_HEADER } from './runsCsv';

describe('runsToCsv', () => {
  it('writes one row per run and epoch, with an empty nll where there is none', () => {
    const csv = runsToCsv([
      { name: 'ELBO, J=1', history: [{ epoch: 1, trainLoss: 200.5, testLoss: 190.25, nll: 185 }, { epoch: 2, trainLoss: 150, testLoss: 149 }] },
      { name: 'plain', history: [{ epoch: 1, trainLoss: 1, testLoss: NaN }] },
      { name: 'empty', history: [] },
    ]);
    expect(csv.split('\n')).toEqual([RUNS_CSV_HEADER, '"ELBO, J=1",1,200.5,190.25,185', '"ELBO, J=1",2,150,149,', 'plain,1,1,NaN,', '']);
  });

  it('quotes names with quotes and line breaks', () => {
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('IWAE J=5')).toBe('IWAE J=5');
  });
});
