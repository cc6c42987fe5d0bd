// The negative ELBO as an estimator: reconstruction plus KL(q‖p), the KL analytic or Monte
// Carlo; the menu offers the other KL, and more samples J average the reconstruction.
import type { EstimatorCapability } from '../capabilities';
import { MEAN_OVER_BATCH } from '../tex';
import { expandElbo } from './expand';

export const elboEstimator: EstimatorCapability = {
  expand: expandElbo,
  runName: (p, J) => `ELBO${p.kl === 'mc' ? ' (MC KL)' : ''}, J=${J}`,
  samples: true,
  meaningOfJ: 'J samples z ~ q(z|x) per example average the reconstruction (and the Monte Carlo KL); the bound does not tighten with J.',
  order: 4,
  paramVariants: (p) => {
    const kl = p.kl === 'mc' ? 'analytic' : 'mc';
    return [{ key: `kl-${kl}`, label: kl === 'mc' ? 'KL: Monte Carlo' : 'KL: analytic', patch: { kl } }];
  },
  tex: {
    term({ params, zs, avg }) {
      const analytic = params.kl !== 'mc';
      const recon = `\\underbrace{-${avg(`\\log p(x_n \\mid ${zs})`)}}_{\\text{reconstruction}}`;
      const kl = analytic
        ? `\\underbrace{\\mathrm{KL}\\big(q(z \\mid x_n)\\,\\big\\|\\,p(z)\\big)}_{\\text{KL, analytic}}`
        : `\\underbrace{${avg(`\\log \\frac{q(${zs} \\mid x_n)}{p(${zs})}`)}}_{\\text{KL, Monte Carlo}}`;
      return `${MEAN_OVER_BATCH} \\Big[${recon} + ${kl}\\Big]`;
    },
  },
};
