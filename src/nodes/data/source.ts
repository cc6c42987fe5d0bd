// The data node as the app's data source: its declared width, the CSV the inspector loads
// into it, the words its summary adds, whether the file carries the data, and its TeX.
import type { DataSourceCapability } from '../capabilities';
import { texNumber } from '../tex';
import { binarizationOf, binarizationWords } from '../../data/binarize';
import type { DataParams } from './spec';

/** The data width a data node declares before any data is loaded. */
export function declaredWidth(p: DataParams): number | undefined {
  if (p.source === 'synthetic') return p.d;
  if (p.source === 'mnist') return 784;
  return p.columns > 0 ? p.columns : undefined;
}

export const dataSource: DataSourceCapability<DataParams> = {
  declaredWidth,
  fileLoader: (p) => (p.source === 'csv' ? { name: String(p.csvName ?? ''), columns: Number(p.columns ?? 0) } : undefined),
  // A CSV-backed data node has no visible numeric fields: say which file it holds instead.
  // …and whether its grey levels are binarised ("binarised dynamically").
  summary: (p) => {
    const file = p.source === 'csv' ? (p.csvName ? `${String(p.csvName)} (${String(p.columns)} columns)` : 'no file loaded') : undefined;
    const b = binarizationOf(p);
    return [file, b && binarizationWords(b)].filter(Boolean).join(' · ') || undefined;
  },
  label: (p) => {
    if (p.source === 'mnist') return 'MNIST digits';
    if (p.source === 'csv') return p.csvName ? String(p.csvName) : 'CSV (no file)';
    return `Synthetic ${String(p.d)}×${String(p.n)}`;
  },
  identity: (p) => (p.source === 'csv' ? `csv:${String(p.csvName ?? '')}` : String(p.source)),
  embedsData: (p) => typeof p.csvText === 'string' && p.csvText.length > 0,
  texSource: (p) => {
    const b = binarizationOf(p);
    const words = b ? `, ${binarizationWords(b)}` : '';
    return p.source === 'mnist' ? `\\text{ (MNIST${words})}` : p.source === 'csv' ? `\\text{ (CSV${words})}` : `\\text{ (synthetic, } N = ${texNumber(p.n)}\\text{)}`;
  },
};
