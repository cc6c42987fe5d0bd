import { z } from 'zod';
import type { InferResult, NodeSpec } from '../types';
import { LIKELIHOOD_PORT, LOSS_OUT, PRIOR_PORT, PROPOSAL_PORT, X_PORT, Z_PORT, inferLoss } from '../lossShapes';
import { checkSamplesFromProposal } from '../lossChecks';
import { elboEstimator } from './estimator';
import { elboLossPyTorch } from './export';
import { elboLossSummary } from './summary';

export const elboLossParams = z.object({ kl: z.enum(['analytic', 'mc']).default('analytic') });
export type ElboLossParams = z.infer<typeof elboLossParams>;

export const elboLossSpec: NodeSpec<ElboLossParams> = {
  kind: 'elboLoss',
  family: 'loss',
  pytorch: elboLossPyTorch,
  title: 'Negative ELBO',
  doc: 'Jensen moves the log inside the expectation: a lower bound on log p(x) whose importance weights are much tamer, at the price of a bias. Reconstruction (a Monte Carlo average over J samples) plus KL(q‖p), analytic for Gaussians or estimated from the same samples. J = 1 is the usual VAE.',
  formula: '\\mathbb{E}_{q(z \\mid x)}[-\\log p(x \\mid z)] + \\mathrm{KL}\\left(q(z \\mid x)\\,\\|\\,p(z)\\right)',
  summaryTex: elboLossSummary,
  inputs: [X_PORT, LIKELIHOOD_PORT, PRIOR_PORT, PROPOSAL_PORT, Z_PORT],
  outputs: LOSS_OUT,
  params: elboLossParams,
  defaults: elboLossParams.parse({}),
  fields: [{ key: 'kl', label: 'KL term', type: 'select', options: [{ value: 'analytic', label: 'Analytic (Gaussians)' }, { value: 'mc', label: 'Monte Carlo (same samples)' }] }],
  estimator: elboEstimator,
  infer: ({ inputs }): InferResult => inferLoss(inputs),
  checkStructure: ({ node, doc }) => (doc.edges.some((e) => e.target === node.id && e.targetPort === 'likelihood') ? checkSamplesFromProposal(doc, node) : []),
};
