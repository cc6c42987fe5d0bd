// The exact marginal NLL is its own expansion: it integrates z out in closed form (Woodbury,
// q×q) through the linear-Gaussian chain, so there is no sample and no per-sample term
// (log p(x|z), log p(z), log q(z|x)) that parts could expose.
import type { EstimatorExpansion } from '../expand';

export const EXACT_NLL_STAYS =
  'it integrates z out in closed form through the linear-Gaussian chain, so it has no sampled terms (log p(x|z), log p(z), log q(z|x)) to expose as parts.';

export const expandExactNll = (): EstimatorExpansion => ({ kind: 'itself', why: EXACT_NLL_STAYS });
