/**
 * A dataset of observed vectors, kept as one flat row-major Float32Array so that it can be
 * handed to a tensor constructor or posted to a Web Worker without per-row objects.
 */
export interface Dataset {
  /** Row-major n×d: row i occupies x[i*d .. (i+1)*d). */
  x: Float32Array;
  n: number;
  d: number;
  /** Optional class / cluster index per row (length n), carried through subsets. */
  labels?: Int32Array;
  /** Human-readable origin, shown in the UI and CLI logs. */
  name: string;
}

function checkIndex(ds: Dataset, i: number): void {
  // An out-of-range index is always a caller bug; fail loudly instead of reading zeros.
  if (!Number.isInteger(i) || i < 0 || i >= ds.n) {
    throw new RangeError(`row index ${i} is outside 0..${ds.n - 1} of "${ds.name}"`);
  }
}

/** Gather the given rows (in the given order) into a new row-major |indices|×d array. */
export function rows(ds: Dataset, indices: Int32Array | number[]): Float32Array {
  const { d } = ds;
  const out = new Float32Array(indices.length * d);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    checkIndex(ds, i);
    out.set(ds.x.subarray(i * d, (i + 1) * d), k * d);
  }
  return out;
}

/** A new dataset holding the given rows (in the given order), labels included. */
export function subset(ds: Dataset, indices: Int32Array | number[], name?: string): Dataset {
  const out: Dataset = { x: rows(ds, indices), n: indices.length, d: ds.d, name: name ?? ds.name };
  if (ds.labels) {
    const labels = new Int32Array(indices.length);
    for (let k = 0; k < indices.length; k++) labels[k] = ds.labels[indices[k]];
    out.labels = labels;
  }
  return out;
}
