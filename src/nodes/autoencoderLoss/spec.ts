import { z } from 'zod';
import type { InferResult, NodeSpec } from '../types';
import { LIKELIHOOD_PORT, LOSS_OUT, PRIOR_PORT, X_PORT, Z_PORT, inferLoss } from '../lossShapes';
import { checkLatent } from '../lossChecks';
import { autoencoderEstimator } from './estimator';
import { autoencoderLossPyTorch } from './export';
import { autoencoderLossSummary } from './summary';

export const autoencoderLossParams = z.object({});

export const autoencoderLossSpec: NodeSpec<Record<string, never>> = {
  kind: 'autoencoderLoss',
  family: 'loss',
  pytorch: autoencoderLossPyTorch,
  title: 'Autoencoder (point estimate)',
  doc: 'Replaces the intractable integral by a point estimate of the latent, ẑ = g(x): the reconstruction term plus the prior term that keeps the latents near zero. Not a bound on the likelihood — an approximation.',
  formula: '-\\log p(x \\mid \\hat z) - \\log p(\\hat z),\\quad \\hat z = g_\\Psi(x)',
  summaryTex: autoencoderLossSummary,
  inputs: [X_PORT, LIKELIHOOD_PORT, PRIOR_PORT, { ...Z_PORT, label: 'ẑ', doc: 'The point estimate the decoder read.' }],
  outputs: LOSS_OUT,
  params: autoencoderLossParams as unknown as z.ZodType<Record<string, never>>,
  defaults: {},
  fields: [],
  estimator: autoencoderEstimator,
  infer: ({ inputs }): InferResult => inferLoss(inputs),
  checkStructure: ({ node, doc }) => checkLatent(doc, node),
};
