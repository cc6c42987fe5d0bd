import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { zipProject } from './zip';
import type { ProjectFile } from './project';

function seededBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

describe('zipProject', () => {
  it('puts every file under the folder, strings as UTF-8, bytes as they are', () => {
    const floats = new Float32Array(3 * 1024 * 1024 / 4).map((_, i) => (i % 784) / 783);
    const files: ProjectFile[] = [
      { path: 'train.py', data: 'print("σ² ≥ 0 — ok")\n' },
      { path: 'model.py', data: '' },
      { path: 'data/train.npy', data: new Uint8Array(floats.buffer) },
      { path: 'check.npz', data: seededBytes(5000, 7) },
    ];
    const zip = zipProject(files, 'vae-pytorch');
    const back = unzipSync(zip);
    expect(Object.keys(back).sort()).toEqual(['vae-pytorch/check.npz', 'vae-pytorch/data/train.npy', 'vae-pytorch/model.py', 'vae-pytorch/train.py']);
    expect(strFromU8(back['vae-pytorch/train.py'])).toBe('print("σ² ≥ 0 — ok")\n');
    expect(back['vae-pytorch/model.py'].length).toBe(0);
    // Compared as bytes (a deep equal over 786,432 floats would take seconds).
    expect(Buffer.from(back['vae-pytorch/data/train.npy']).equals(Buffer.from(floats.buffer))).toBe(true);
    expect(back['vae-pytorch/check.npz']).toEqual(seededBytes(5000, 7));
    // Deflated: the repetitive data takes far less than its 3 MB.
    expect(zip.length).toBeLessThan(1_000_000);
  });

  it('a view into a larger buffer is zipped as the view only', () => {
    const big = seededBytes(100, 3);
    const zip = zipProject([{ path: 'part.bin', data: big.subarray(10, 20) }], 'p');
    expect(unzipSync(zip)['p/part.bin']).toEqual(big.slice(10, 20));
  });

  it('refuses paths that would leave the folder, and duplicates', () => {
    for (const bad of ['../x.py', '/etc/x', 'a//b', 'a\\b', './a', '']) {
      expect(() => zipProject([{ path: bad, data: 'x' }], 'p'), bad).toThrow(/relative path/);
    }
    expect(() => zipProject([{ path: 'a', data: 'x' }], '../p')).toThrow(/folder/);
    expect(() =>
      zipProject(
        [
          { path: 'a.py', data: 'x' },
          { path: 'a.py', data: 'y' },
        ],
        'p',
      ),
    ).toThrow(/two files named "a.py"/);
  });

  it('an empty project is an empty zip', () => {
    expect(Object.keys(unzipSync(zipProject([], 'p')))).toEqual([]);
  });
});
