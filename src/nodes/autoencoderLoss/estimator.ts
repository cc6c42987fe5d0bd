// The autoencoder's point estimate as an estimator: ẑ = g(x), no sampling, so J means
// nothing; it needs an encoder (sampling the prior's mean would train a constant).
import type { EstimatorCapability } from '../capabilities';
import { MEAN_OVER_BATCH } from '../tex';
import { expandAutoencoder } from './expand';

export const autoencoderEstimator: EstimatorCapability = {
  expand: expandAutoencoder,
  runName: () => 'Autoencoder',
  samples: false,
  meaningOfJ: 'No samples: the latent is the point estimate ẑ = g(x).',
  pointEstimate: true,
  order: 1,
  tex: {
    term: ({ zs, latentSymbol }) =>
      `${MEAN_OVER_BATCH} \\Big[\\underbrace{-\\log p(x_n \\mid ${zs})}_{\\text{reconstruction}} \\underbrace{- \\log p(${zs})}_{\\text{keeps } ${latentSymbol} \\text{ near } 0}\\Big]`,
  },
};
