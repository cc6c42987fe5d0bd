// w̃_{n,j} (or its square), defined under the formula as the softmax over j of the log
// weights it is computed from — inside ⊥(·) when the weights are held fixed.
import type { PartTexCapability } from '../capabilities';
import { missingTerm, partIndex, STOP_GRADIENT_LEGEND } from '../tex';
import type { SampleWeightsParams } from './spec';

export const sampleWeightsTex: PartTexCapability = ({ params, inputs, note }) => {
  const lw = inputs.logWeights;
  if (lw?.kind !== 'term') return missingTerm();
  const p = params as SampleWeightsParams;
  const w = `\\tilde w_{${partIndex(lw.perSample)}}`;
  const softmax = `\\operatorname{softmax}_j\\big(${lw.tex}\\big)`;
  if (p.holdFixed) note(STOP_GRADIENT_LEGEND);
  note(`${w} = ${p.holdFixed ? `\\bot\\Big(${softmax}\\Big)` : softmax}`);
  return {
    kind: 'term',
    tex: p.power === 'squared' ? `${w}^{2}` : w,
    perSample: lw.perSample,
    sum: false,
    form: { op: 'weights', power: p.power, fixed: p.holdFixed, of: lw.form },
  };
};
