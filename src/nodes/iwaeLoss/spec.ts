import { z } from 'zod';
import type { InferResult, NodeSpec } from '../types';
import { LIKELIHOOD_PORT, LOSS_OUT, PRIOR_PORT, PROPOSAL_PORT, X_PORT, Z_PORT, inferLoss } from '../lossShapes';
import { checkSamplesFromProposal } from '../lossChecks';
import { iwaeEstimator } from './estimator';
import { iwaeLossPyTorch } from './export';
import { iwaeLossSummary } from './summary';

export const iwaeLossParams = z.object({});

export const iwaeLossSpec: NodeSpec<Record<string, never>> = {
  kind: 'iwaeLoss',
  family: 'loss',
  pytorch: iwaeLossPyTorch,
  title: 'Importance sampling (IWAE)',
  doc: 'Samples z from a proposal q(z|x) that depends on x and corrects with the weights p(z)/q(z|x). With the exact posterior as proposal it is exact for any J; for any q it bounds log p(x) from below, tighter as J grows (J = 1 is the ELBO).',
  formula: '-\\log \\frac{1}{J} \\sum_{j=1}^{J} \\frac{p(x \\mid z_j)\\, p(z_j)}{q(z_j \\mid x)},\\quad z_j \\sim q(z \\mid x)',
  summaryTex: iwaeLossSummary,
  inputs: [X_PORT, LIKELIHOOD_PORT, PRIOR_PORT, PROPOSAL_PORT, Z_PORT],
  outputs: LOSS_OUT,
  params: iwaeLossParams as unknown as z.ZodType<Record<string, never>>,
  defaults: {},
  fields: [],
  estimator: iwaeEstimator,
  infer: ({ inputs }): InferResult => inferLoss(inputs),
  checkStructure: ({ node, doc }) => (doc.edges.some((e) => e.target === node.id && e.targetPort === 'likelihood') ? checkSamplesFromProposal(doc, node) : []),
};
