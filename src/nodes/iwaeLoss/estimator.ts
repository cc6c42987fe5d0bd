// IWAE as an estimator: −log of the mean of J importance weights; J = 1 is the ELBO, so a
// swap from a single-sample graph starts at J = 5.
import type { EstimatorCapability } from '../capabilities';
import { MEAN_OVER_BATCH, texNumber } from '../tex';
import { expandIwae } from './expand';

export const iwaeEstimator: EstimatorCapability = {
  expand: expandIwae,
  runName: (_p, J) => `IWAE, J=${J}`,
  samples: true,
  meaningOfJ: 'J importance samples z ~ q(z|x) per example; the bound tightens as J grows (J = 1 is the ELBO).',
  swapInSamples: 5,
  order: 3,
  tex: {
    term({ J, zs }) {
      const w = `\\frac{p(x_n \\mid ${zs})\\, p(${zs})}{q(${zs} \\mid x_n)}`;
      const body = J > 1 ? `-\\log \\frac{1}{${texNumber(J)}} \\sum_{j=1}^{${texNumber(J)}} ${w}` : `-\\log ${w}`;
      const label = J > 1 ? `\\text{log-mean-exp of } ${texNumber(J)} \\text{ importance weights}` : '\\text{one importance weight: the ELBO}';
      return `${MEAN_OVER_BATCH} \\underbrace{${body}}_{${label}}`;
    },
  },
};
