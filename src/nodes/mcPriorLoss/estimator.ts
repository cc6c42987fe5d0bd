// Monte Carlo with prior samples as an estimator: −log of the mean likelihood of J draws
// z ~ p(z). It draws from the prior (a swap points the sampler there) and needs several
// samples to say anything (the lecture uses 10).
import type { EstimatorCapability } from '../capabilities';
import { MEAN_OVER_BATCH, texNumber } from '../tex';
import { expandMcPrior } from './expand';

export const mcPriorEstimator: EstimatorCapability = {
  expand: expandMcPrior,
  runName: (_p, J) => `Prior MC, J=${J}`,
  samples: true,
  meaningOfJ: 'J samples z ~ p(z) per example; the estimate of −log p(x) improves (slowly) as J grows.',
  fromPrior: true,
  swapInSamples: 10,
  order: 2,
  tex: {
    term({ J, zs, sampled }) {
      const body = J > 1 ? `-\\log \\frac{1}{${texNumber(J)}} \\sum_{j=1}^{${texNumber(J)}} p(x_n \\mid ${zs})` : `-\\log p(x_n \\mid ${zs})`;
      return `${MEAN_OVER_BATCH} \\underbrace{${body}}_{${sampled ? '\\text{samples from the prior}' : '\\text{needs samples } z \\sim p(z)'}}`;
    },
  },
};
