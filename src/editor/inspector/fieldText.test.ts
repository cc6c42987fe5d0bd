import { describe, expect, it } from 'vitest';
import type { FieldSpec } from '../../nodes/types';
import { parseFieldText } from './fieldText';

const count: FieldSpec = { key: 'n', label: 'N', type: 'number', integer: true, min: 1, max: 10 };
const dim: FieldSpec = { key: 'units', label: 'Units', type: 'dim-or-data' };

describe('parseFieldText', () => {
  it('reads numbers and says what is wrong', () => {
    expect(parseFieldText(count, ' 3 ')).toEqual({ ok: true, value: 3 });
    expect(parseFieldText(count, '')).toMatchObject({ ok: false, error: 'Enter a number.' });
    expect(parseFieldText(count, '2.5')).toMatchObject({ ok: false, error: 'Enter a whole number.' });
    expect(parseFieldText(count, '0')).toMatchObject({ ok: false, error: 'Must be at least 1.' });
    expect(parseFieldText(count, '0x10').ok).toBe(false);
  });

  it('accepts a positive integer or "data" for dim-or-data', () => {
    expect(parseFieldText(dim, 'Data')).toEqual({ ok: true, value: 'data' });
    expect(parseFieldText(dim, '12')).toEqual({ ok: true, value: 12 });
    expect(parseFieldText(dim, '0').ok).toBe(false);
    expect(parseFieldText(dim, '-3').ok).toBe(false);
    expect(parseFieldText(dim, 'wide').ok).toBe(false);
  });
});
