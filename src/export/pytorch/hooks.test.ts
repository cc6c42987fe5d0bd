// Every node kind carries its own PyTorch export (its folder's export.ts), and the .npy
// files the export writes are what NumPy's format says.
import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { nodeSpecs } from '../../nodes/registry';
import { npy, npz } from './npz';
import { pyNumber, pyString } from '../../nodes/python';

describe('export hooks', () => {
  it('every kind but the block (flattened before export) has one', () => {
    const missing = [...nodeSpecs.values()].filter((s) => !s.pytorch && !s.block).map((s) => s.kind);
    expect(missing).toEqual([]);
  });

  it('Python literals read back exactly and safely', () => {
    expect(pyNumber(4)).toBe('4.0');
    expect(pyNumber(-0.1)).toBe('-0.1');
    expect(pyNumber(1e-30)).toBe('1e-30');
    expect(() => pyNumber(NaN)).toThrow();
    expect(pyString('β "q" \\')).toBe('"\\u03b2 \\"q\\" \\\\"');
  });
});

describe('npy and npz', () => {
  it('writes a version 1.0 header padded to 64 bytes, then little-endian float32', () => {
    const bytes = npy({ data: new Float32Array([1, -2, 0.5, 3, 4, 5]), shape: [2, 3] });
    expect([...bytes.slice(0, 8)]).toEqual([0x93, 78, 85, 77, 80, 89, 1, 0]);
    const headerLen = bytes[8] | (bytes[9] << 8);
    expect((10 + headerLen) % 64).toBe(0);
    const header = new TextDecoder().decode(bytes.slice(10, 10 + headerLen));
    expect(header).toMatch(/^\{'descr': '<f4', 'fortran_order': False, 'shape': \(2, 3\), \} *\n$/);
    expect(Array.from(new Float32Array(bytes.slice(10 + headerLen).buffer))).toEqual([1, -2, 0.5, 3, 4, 5]);
    expect(new TextDecoder().decode(npy({ data: new Float32Array([7]), shape: [1] }).slice(10, 70))).toContain("'shape': (1,)");
    expect(new TextDecoder().decode(npy({ data: new Float32Array([7]), shape: [] }).slice(10, 70))).toContain("'shape': ()");
    expect(() => npy({ data: new Float32Array(3), shape: [2, 2] })).toThrow();
  });

  it('an npz holds one .npy per key', () => {
    const files = unzipSync(npz({ 'enc/dense/kernel': { data: new Float32Array(4), shape: [2, 2] }, x: { data: new Float32Array(1), shape: [1] } }));
    expect(Object.keys(files).sort()).toEqual(['enc/dense/kernel.npy', 'x.npy']);
  });
});
