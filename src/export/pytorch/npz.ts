// NumPy's .npy and .npz, written without numpy: the export's weights, data and check are
// float32 arrays that np.load reads as they are (version 1.0 headers, little-endian).
import { zipSync } from 'fflate';

export interface FloatArray {
  data: Float32Array;
  shape: readonly number[];
}

const MAGIC = [0x93, ...'NUMPY'.split('').map((c) => c.charCodeAt(0)), 1, 0];

export function npy({ data, shape }: FloatArray): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length) throw new Error(`internal: shape [${shape.join(', ')}] needs ${count} values, the array has ${data.length}`);
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${dims}), }`;
  // The header ends in a newline, padded so the data start on a 64-byte boundary.
  const total = Math.ceil((MAGIC.length + 2 + header.length + 1) / 64) * 64;
  header = header.padEnd(total - MAGIC.length - 2 - 1, ' ') + '\n';
  const out = new Uint8Array(total + data.length * 4);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint16(MAGIC.length, header.length, true);
  for (let i = 0; i < header.length; i++) out[MAGIC.length + 2 + i] = header.charCodeAt(i);
  const view = new DataView(out.buffer, total);
  data.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return out;
}

/** An .npz: one .npy per key (np.load(path)[key]); stored, not compressed (weights do not compress). */
export function npz(arrays: Record<string, FloatArray>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(arrays).map(([k, a]) => [`${k}.npy`, [npy(a), { level: 0 }]])));
}
