// The sampler as the latent's source: in 'mean' mode it returns the distribution's mean (a
// point estimate, no sampling), otherwise J reparameterised draws per example.
import type { SamplerCapability } from '../capabilities';

export const samplerSampling: SamplerCapability = {
  distPort: 'dist',
  pointEstimate: (p) => p.mode === 'mean',
  samples: (p) => (typeof p.samples === 'number' ? p.samples : 1),
};
