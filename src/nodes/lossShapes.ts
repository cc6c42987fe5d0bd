// Shape checks every estimator shares: data against likelihood, latents against the prior
// and the proposal, in sentences that name the two ends that disagree.
import { dimOf, type InferResult, type PortShape, type PortSpec } from './types';

export const X_PORT: PortSpec = { name: 'x', kind: 'tensor', label: 'x', doc: 'The observed data.' };
export const LIKELIHOOD_PORT: PortSpec = { name: 'likelihood', kind: 'dist', label: 'p(x|z)' };
export const PRIOR_PORT: PortSpec = { name: 'prior', kind: 'dist', label: 'p(z)' };
export const PROPOSAL_PORT: PortSpec = { name: 'proposal', kind: 'dist', label: 'q(z|x)' };
export const Z_PORT: PortSpec = { name: 'z', kind: 'tensor', label: 'z', doc: 'The latent samples the likelihood was computed from.' };
export const LOSS_OUT: PortSpec[] = [{ name: 'loss', kind: 'objective', label: 'loss' }];

export function inferLoss(inputs: Record<string, PortShape | undefined>): InferResult {
  const errors: string[] = [];
  const { x, likelihood, prior, proposal, z } = inputs;
  const dim = dimOf;
  if (dim(x) !== undefined && dim(likelihood) !== undefined && dim(x) !== dim(likelihood)) {
    errors.push(`The likelihood is over ${dim(likelihood)} dimensions but the data has ${dim(x)}.`);
  }
  if (dim(z) !== undefined && dim(prior) !== undefined && dim(z) !== dim(prior)) {
    errors.push(`The latent z has ${dim(z)} dimensions but the prior is over ${dim(prior)}.`);
  }
  if (dim(proposal) !== undefined && dim(prior) !== undefined && dim(proposal) !== dim(prior)) {
    errors.push(`The proposal q(z|x) is over ${dim(proposal)} dimensions but the prior over ${dim(prior)}.`);
  }
  if (z && likelihood && z.kind === 'tensor' && likelihood.kind === 'dist' && z.samples !== likelihood.samples) {
    errors.push(`The likelihood was computed from ${likelihood.samples} sample(s) per example but z carries ${z.samples}: wire the same samples into both.`);
  }
  if (prior?.kind === 'dist' && prior.family !== 'gaussian') errors.push('The prior must be a Gaussian.');
  if (proposal?.kind === 'dist' && proposal.family !== 'gaussian') errors.push('The proposal must be a Gaussian.');
  return { outputs: { loss: { kind: 'objective' } }, errors };
}
