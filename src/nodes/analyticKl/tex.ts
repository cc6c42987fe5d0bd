// KL(q(z | x_n) ‖ p(z)), written as the built-in ELBO writes its analytic KL: over z, with
// no sample index, since the closed form needs no samples.
import type { PartTexCapability } from '../capabilities';
import { densityTex, missingTerm } from '../tex';

export const analyticKlTex: PartTexCapability = ({ inputs }) => {
  const { q, p } = inputs;
  if (q?.kind !== 'dist' || p?.kind !== 'dist') return missingTerm();
  return {
    kind: 'term',
    tex: `\\mathrm{KL}\\big(${densityTex(q, 'z')}\\,\\big\\|\\,${densityTex(p, 'z')}\\big)`,
    perSample: q.perSample || p.perSample,
    sum: false,
    form: { op: 'kl', q: q.role, p: p.role },
  };
};
