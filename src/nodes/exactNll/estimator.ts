// The exact marginal NLL as an estimator: no samples (the latent is integrated out through
// the linear-Gaussian chain), written as a whole formula of its own rather than a term.
import type { EstimatorCapability } from '../capabilities';
import { exactNllFormula } from './tex';
import { expandExactNll } from './expand';

export const exactNllEstimator: EstimatorCapability = {
  expand: expandExactNll,
  runName: () => 'Exact NLL',
  samples: false,
  meaningOfJ: 'No samples: the latent is integrated out exactly (Woodbury, q×q solves).',
  exact: true,
  fromPrior: true,
  order: 0,
  tex: { formula: exactNllFormula },
};
