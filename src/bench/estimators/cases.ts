// The estimator workloads `npm run bench` compares with PyTorch: the table, one row each.
// Host-agnostic (Node and the browser worker build the same graphs from the same files).
import type { GraphDoc } from '../../graph/document';
import { samplerOf } from '../../nodes/registry';

export type CaseId = 'vae-j1' | 'iwae-j5' | 'iwae-j50' | 'nll-k1000';

export interface EstimatorCase {
  id: CaseId;
  label: string;
  /** The gallery graph it starts from. */
  graph: 'vae' | 'importance-sampling';
  /** Training steps, or the held-out NLL (forward only) with this many importance samples. */
  mode: 'train' | 'nll';
  /** J of every sampler (training), or K (held-out NLL). */
  samples: number;
  /** Ours at least this fraction of PyTorch on one thread (the bar), where there is one. */
  bar?: number;
}

export const ESTIMATOR_CASES: readonly EstimatorCase[] = [
  { id: 'vae-j1', label: 'VAE, J = 1 (training)', graph: 'vae', mode: 'train', samples: 1, bar: 1 },
  { id: 'iwae-j5', label: 'IWAE, J = 5 (training)', graph: 'importance-sampling', mode: 'train', samples: 5, bar: 1 },
  { id: 'iwae-j50', label: 'IWAE, J = 50 (training)', graph: 'importance-sampling', mode: 'train', samples: 50, bar: 1 },
  { id: 'nll-k1000', label: 'held-out NLL, K = 1,000 (VAE)', graph: 'vae', mode: 'nll', samples: 1000 },
];

/** Test examples one held-out NLL measurement covers (each K decoder passes). */
export const NLL_EXAMPLES = 100;

/** The case's graph: training cases set J on every sampler that draws (not on point estimates). */
export function caseDoc(base: GraphDoc, c: EstimatorCase): GraphDoc {
  const doc = structuredClone(base);
  if (c.mode !== 'train') return doc;
  for (const node of doc.nodes) {
    const sampler = samplerOf(node.kind);
    if (sampler && !sampler.pointEstimate(node.params)) node.params = { ...node.params, samples: c.samples };
  }
  return doc;
}
