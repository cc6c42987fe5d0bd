import type { DataParams } from '../nodes/data/spec';
import { parseCsv } from './csv';
import type { Dataset } from './dataset';
import { makeSynthetic } from './synthetic';

export type DatasetResult = { ok: true; data: Dataset } | { ok: false; error: string };

/** Builds the dataset a Data node describes; shared by the worker and the CLI so both see the same rows. */
export function datasetFromParams(p: DataParams): DatasetResult {
  if (p.source === 'synthetic') {
    return { ok: true, data: makeSynthetic({ d: p.d, q: p.q, noise: p.noise, n: p.n, seed: p.seed }) };
  }
  // Same wording as the node's own check, so the editor and the trainer report one message.
  if (p.csvText.trim() === '') return { ok: false, error: 'Load a CSV file: this data node has no data yet.' };
  const parsed = parseCsv(p.csvText, p.csvName || 'data.csv');
  return parsed.ok ? { ok: true, data: parsed.data } : parsed;
}
