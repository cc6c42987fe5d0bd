import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { decodeWeights, encodeWeights, shapeSize, type WeightVariable } from './weights';
import { base64ToBytes, bytesToBase64 } from './base64';
import { parseGraphText, serializeGraph } from './parse';
import { LIMITS } from './limits';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const ppca = (): any => JSON.parse(readFileSync('graphs/ppca.json', 'utf8'));

const vars = (): WeightVariable[] => [
  { name: 'decoder/kernel', shape: [2, 3], data: Float32Array.from([1, -2.5, 3.25, 0, -0, 1e-30]) },
  { name: 'decoder/bias', shape: [3], data: Float32Array.from([Math.PI, -Math.E, 65504]) },
  { name: 'likelihood/logScale', shape: [], data: Float32Array.from([-0.5]) },
  { name: 'empty', shape: [0, 4], data: new Float32Array(0) },
];

describe('base64', () => {
  it('matches the standard encoding (RFC 4648 test vectors)', () => {
    const enc = (s: string) => bytesToBase64(new TextEncoder().encode(s));
    expect(['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map(enc)).toEqual(['', 'Zg==', 'Zm8=', 'Zm9v', 'Zm9vYg==', 'Zm9vYmE=', 'Zm9vYmFy']);
    expect(new TextDecoder().decode(base64ToBytes('Zm9vYmFy'))).toBe('foobar');
  });

  it('round-trips every byte value and long buffers', () => {
    const bytes = new Uint8Array(100_003).map((_, i) => (i * 7919) & 255);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
  });

  it('rejects a length that is not a multiple of 4, and foreign characters', () => {
    expect(() => base64ToBytes('Zm9vY')).toThrow('The data is not valid base64: its length (5) is not a multiple of 4.');
    expect(() => base64ToBytes('Zm9v*mFy')).toThrow('The data is not valid base64: character 5 ("*") is not in the base64 alphabet.');
    expect(() => base64ToBytes('Zm=v')).toThrow(/not in the base64 alphabet/);
  });
});

describe('encodeWeights / decodeWeights', () => {
  it('round-trips float32 values bit for bit', () => {
    const w = encodeWeights(vars(), { backend: 'wasm', savedAt: '2024-01-01T00:00:00Z' });
    expect(w.backend).toBe('wasm');
    expect(w.variables.map((v) => v.dtype)).toEqual(['float32', 'float32', 'float32', 'float32']);
    const back = decodeWeights(w);
    expect(back).toEqual(vars());
    expect(Object.is(back[0].data[4], -0)).toBe(true);
  });

  it('writes little-endian float32', () => {
    const [v] = encodeWeights([{ name: 'one', shape: [1], data: Float32Array.from([1]) }]).variables;
    expect([...base64ToBytes(v.data)]).toEqual([0, 0, 128, 63]);
  });

  it('refuses a shape that does not match the data', () => {
    expect(() => encodeWeights([{ name: 'w', shape: [2, 2], data: new Float32Array(3) }])).toThrow('Variable "w" has 3 values but its shape [2, 2] needs 4.');
    expect(() => decodeWeights({ variables: [{ name: 'w', shape: [2], dtype: 'float32', data: 'AAAAAA==' }] })).toThrow('Variable "w" holds 4 bytes, but its shape [2] needs 8.');
    expect(() => decodeWeights({ variables: [{ name: 'w', shape: [1], dtype: 'float32', data: 'AAAAA' }] })).toThrow(/length \(5\) is not a multiple of 4/);
  });

  it('computes shape sizes without overflow', () => {
    expect(shapeSize([])).toBe(1);
    expect(shapeSize([3, 0, 5])).toBe(0);
    expect(shapeSize([1e6, 1e6, 1e6])).toBeUndefined();
  });
});

describe('the weights section of a file', () => {
  const withWeights = (weights: unknown) => ({ ...ppca(), weights });
  const errs = (weights: unknown) => {
    const r = parseGraphText(JSON.stringify(withWeights(weights)), 'g.json');
    return r.ok ? [] : r.errors;
  };

  it('saves and opens a trained graph losslessly', () => {
    const r = parseGraphText(JSON.stringify(withWeights(encodeWeights(vars()))), 'g.json');
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const again = parseGraphText(serializeGraph(r.doc), 'g.json');
    expect(again.ok && again.doc).toEqual(r.doc);
    expect(decodeWeights(r.doc.weights!)).toEqual(vars());
  });

  it('refuses base64 whose length is not a multiple of 4', () => {
    expect(errs({ variables: [{ name: 'w', shape: [1], dtype: 'float32', data: 'AAAAA' }] })).toEqual(['g.json: weights.variables[0].data: is not valid base64: its length (5) is not a multiple of 4.']);
  });

  it('refuses data that does not fill its shape, negative or fractional dims, other dtypes', () => {
    expect(errs({ variables: [{ name: 'w', shape: [2, 3], dtype: 'float32', data: 'AAAAAA==' }] })).toEqual([
      'g.json: weights.variables[0].data: holds 4 bytes, but the shape [2, 3] needs 24 bytes (6 float32 values).',
    ]);
    expect(errs({ variables: [{ name: 'w', shape: [-1, 1.5], dtype: 'float64', data: '' }] })).toEqual([
      'g.json: weights.variables[0].shape[0]: must be at least 0.',
      'g.json: weights.variables[0].shape[1]: must be a whole number, not the number 1.5.',
      'g.json: weights.variables[0].dtype: must be "float32".',
    ]);
  });

  it('refuses duplicate names, too many dimensions and a shape beyond the float limit', () => {
    const one = { name: 'w', shape: [1], dtype: 'float32', data: 'AAAAAA==' };
    expect(errs({ variables: [one, one] })).toEqual(['g.json: weights.variables[1].name: the name "w" is used by two variables.']);
    expect(errs({ variables: [{ ...one, shape: Array(9).fill(1) }] })).toEqual(['g.json: weights.variables[0].shape: has more than 8 dimensions.']);
    expect(errs({ variables: [{ ...one, shape: [LIMITS.weightFloats, 2] }] })).toEqual([
      'g.json: weights.variables[0].data: holds 4 bytes, but the shape [4500000, 2] needs more than 4,500,000 values.',
    ]);
  });
});
