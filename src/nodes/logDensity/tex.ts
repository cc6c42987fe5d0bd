// log p(v): the density as its role names it (the walk of composedTex.ts gives it the
// distribution's symbol and conditioning), so a log-density at the data reads log p(x_n | z_{n,j}).
import type { PartTexCapability } from '../capabilities';
import { densityTex, missingTerm } from '../tex';

export const logDensityTex: PartTexCapability = ({ inputs }) => {
  const d = inputs.dist;
  const v = inputs.value;
  if (d?.kind !== 'dist' || v?.kind !== 'tensor') return missingTerm();
  const density = densityTex(d, v.tex);
  return {
    kind: 'term',
    tex: `\\log ${density}`,
    perSample: d.perSample || v.perSample,
    sum: false,
    log: { num: [density], den: [] },
    form: { op: 'logDensity', role: d.role, distHeld: d.held, at: v.at, valueHeld: v.held },
  };
};
