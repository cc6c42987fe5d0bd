import { z } from 'zod';
import type { GraphDoc, GraphNode } from '../../graph/document';
import type { InferResult, NodeSpec } from '../types';
import { LIKELIHOOD_PORT, LOSS_OUT, X_PORT, inferLoss } from '../lossShapes';
import { findLatent, samplerSource } from '../lossStructure';
import { nodeName } from '../../graph/queries';
import { mcPriorEstimator } from './estimator';
import { mcPriorLossPyTorch } from './export';
import { mcPriorLossSummary } from './summary';

export const mcPriorLossParams = z.object({});

function check(doc: GraphDoc, node: GraphNode): string[] {
  if (!doc.edges.some((e) => e.target === node.id && e.targetPort === 'likelihood')) return [];
  const r = findLatent(doc, node);
  if (!r.ok) return [r.reason];
  const src = samplerSource(doc, r.latent);
  if (!src || src.id !== r.latent.priorId) {
    return [`The samples must come from the prior: this estimator draws z ~ p(z). To sample from an encoder use importance sampling.${src ? ` (They come from ${nodeName(src)}.)` : ''}`];
  }
  return [];
}

export const mcPriorLossSpec: NodeSpec<Record<string, never>> = {
  kind: 'mcPriorLoss',
  family: 'loss',
  pytorch: mcPriorLossPyTorch,
  title: 'Monte Carlo (prior samples)',
  doc: 'Estimates the marginal likelihood by averaging p(x|z) over J samples from the prior. Unbiased for p(x), biased for log p(x), and its variance explodes with the latent dimension: the samples do not depend on x, so they rarely land where the posterior is.',
  formula: '-\\log \\frac{1}{J} \\sum_{j=1}^{J} p(x \\mid z_j),\\quad z_j \\sim p(z)',
  summaryTex: mcPriorLossSummary,
  inputs: [X_PORT, LIKELIHOOD_PORT],
  outputs: LOSS_OUT,
  params: mcPriorLossParams as unknown as z.ZodType<Record<string, never>>,
  defaults: {},
  fields: [],
  estimator: mcPriorEstimator,
  infer: ({ inputs }): InferResult => inferLoss(inputs),
  checkStructure: ({ node, doc }) => check(doc, node),
};
