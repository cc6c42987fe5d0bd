import { z } from 'zod';
import type { InferResult, NodeSpec } from '../types';
import { csvValueRange } from '../../data/csv';
import { binarizationOf, outOfRangeSentence } from '../../data/binarize';
import { dataSource, declaredWidth } from './source';
import { dataPyTorch } from './export';
import { dataSummary } from './summary';

export const dataParams = z.object({
  source: z.enum(['synthetic', 'mnist', 'csv']).default('synthetic'),
  // Synthetic correlated Gaussian data: x = W z + b + noise·ε with z ~ N(0, I_q).
  d: z.number().int().min(1).max(4096).default(10),
  q: z.number().int().min(1).max(512).default(2),
  noise: z.number().positive().max(100).default(0.3),
  n: z.number().int().min(2).max(200000).default(1000),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(7),
  // A CSV the user loaded, kept in the file so that save → open is lossless.
  csvName: z.string().max(500).default(''),
  csvText: z.string().max(20_000_000, 'the CSV is larger than 20 MB').default(''),
  /** Number of numeric columns of csvText, recorded when it was loaded. */
  columns: z.number().int().min(0).max(100000).default(0),
  // Binarised grey levels (MNIST, a CSV in [0, 1]): x_bin = 1 if u < x else 0, u ~ U(0, 1);
  // drawn once with binarizeSeed, or for the training set anew every epoch (src/data/binarize.ts).
  binarize: z.enum(['none', 'fixed', 'dynamic']).default('none'),
  binarizeSeed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
});
export type DataParams = z.infer<typeof dataParams>;

// Kept importable from here for the callers that read a data node's width directly.
export { declaredWidth };

export const dataSpec: NodeSpec<DataParams> = {
  kind: 'data',
  family: 'data',
  pytorch: dataPyTorch,
  title: 'Data',
  doc: 'A dataset of observed vectors x: synthetic correlated Gaussian data (linear mixing of q latent factors plus noise), the 10,000 MNIST digits (28×28 grey levels in [0, 1], with labels), or a CSV of numeric columns.',
  formula: 'x_n = W z_n + b + \\xi_n,\\quad z_n \\sim \\mathcal{N}(0, I_q),\\ \\xi_n \\sim \\mathcal{N}(0, \\text{noise}^2 I_d)',
  summaryTex: dataSummary,
  inputs: [],
  outputs: [{ name: 'x', kind: 'tensor', label: 'x', doc: 'The observed batch, [1, B, D].' }],
  params: dataParams,
  defaults: dataParams.parse({}),
  paramLimits: [
    { param: 'd', limit: 'dataDim', what: 'the data dimension' },
    { param: 'q', limit: 'dataFactors', what: 'the number of latent factors' },
    { param: 'n', limit: 'dataExamples', what: 'the number of examples' },
    { param: 'csvText', limit: 'csvChars', what: 'a CSV kept in the file' },
    { param: 'columns', limit: 'csvColumns', what: 'the number of CSV columns' },
  ],
  fields: [
    { key: 'source', label: 'Source', type: 'select', options: [{ value: 'synthetic', label: 'Synthetic (correlated Gaussian)' }, { value: 'mnist', label: 'MNIST digits (10,000; fixed 9,000/1,000 split)' }, { value: 'csv', label: 'CSV file' }] },
    { key: 'd', label: 'Dimensions d', type: 'number', integer: true, min: 1, max: 4096, showIf: (p) => p.source === 'synthetic' },
    { key: 'q', label: 'Latent factors q', type: 'number', integer: true, min: 1, max: 512, showIf: (p) => p.source === 'synthetic' },
    { key: 'noise', label: 'Noise std', type: 'number', min: 0.001, step: 0.05, showIf: (p) => p.source === 'synthetic' },
    { key: 'n', label: 'Examples N', type: 'number', integer: true, min: 2, max: 200000, showIf: (p) => p.source === 'synthetic' },
    { key: 'seed', label: 'Seed', type: 'number', integer: true, min: 0, showIf: (p) => p.source === 'synthetic' },
    {
      key: 'binarize',
      label: 'Binarise grey levels',
      type: 'select',
      options: [
        { value: 'none', label: 'None' },
        { value: 'fixed', label: 'Fixed once (seeded)' },
        { value: 'dynamic', label: "Dynamic: resampled every epoch (the IWAE paper's setting)" },
      ],
      help: 'Each value x in [0, 1] becomes 1 with probability x. The test set is binarised once (with the seed below), so held-out numbers compare across epochs and runs.',
      inSummary: false,
      showIf: (p) => p.source === 'mnist' || p.source === 'csv',
    },
    { key: 'binarizeSeed', label: 'Binarisation seed', type: 'number', integer: true, min: 0, inSummary: false, showIf: (p) => (p.source === 'mnist' || p.source === 'csv') && p.binarize !== 'none' },
  ],
  valueRange: (p) => (binarizationOf(p) ? { min: 0, max: 1 } : p.source === 'mnist' ? { min: 0, max: 1 } : p.source === 'synthetic' ? { min: -Infinity, max: Infinity } : csvValueRange(p.csvText)),
  dataSource,
  infer({ params, ctx }): InferResult {
    const dim = ctx.dataDim ?? declaredWidth(params);
    if (dim === undefined) return { outputs: {}, errors: ['Load a CSV file: this data node has no data yet.'] };
    if (params.source === 'synthetic' && params.q > params.d) {
      return { outputs: { x: { kind: 'tensor', samples: 1, dim } }, errors: [`Latent factors q (${params.q}) cannot exceed the dimension d (${params.d}).`] };
    }
    if (params.source === 'csv' && binarizationOf(params)) {
      // Binarising needs probabilities: a CSV outside [0, 1] is refused here, on the node.
      const range = csvValueRange(params.csvText);
      if (range && !(range.min >= 0 && range.max <= 1)) return { outputs: { x: { kind: 'tensor', samples: 1, dim } }, errors: [outOfRangeSentence(range, 'The CSV values')] };
    }
    return { outputs: { x: { kind: 'tensor', samples: 1, dim } }, errors: [] };
  },
};
