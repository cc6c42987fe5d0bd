// The reduction over the J samples as the lecture writes it: log-mean-exp of a log ratio of
// densities is log (1/J) Σ_j p p / q (the IWAE bound), the mean is (1/J) Σ_j [·] (the ELBO),
// the weighted sum Σ_j w̃_j [·]. A term that does not depend on j passes through.
import type { PartTexCapability } from '../capabilities';
import { bracketed, missingTerm, texNumber, type LogRatio, type PartTerm } from '../tex';
import type { ReduceSamplesParams } from './spec';

const product = (fs: string[]) => (fs.length ? fs.join('\\, ') : '1');
const ratioTex = (r: LogRatio) => (r.den.length ? `\\frac{${product(r.num)}}{${product(r.den)}}` : product(r.num));

export const reduceSamplesTex: PartTexCapability = ({ params, inputs, J }) => {
  const t = inputs.term;
  if (t?.kind !== 'term') return missingTerm();
  const w = inputs.weights?.kind === 'term' ? inputs.weights : undefined;
  const op = (params as ReduceSamplesParams).op;
  const form = { op: 'reduce' as const, how: op, of: t.form, weights: w?.form };
  const overJ = t.perSample && J > 1;
  const sumJ = `\\sum_{j=1}^{${texNumber(J)}}`;
  const avgJ = `\\frac{1}{${texNumber(J)}}${sumJ}`;
  const out = (tex: string): PartTerm => ({ kind: 'term', tex, perSample: false, sum: false, form });
  switch (op) {
    case 'logMeanExp':
      // Spaced as the built-in IWAE writes it, so the two read (and compare) the same.
      if (t.log) return out(`\\log ${overJ ? `\\frac{1}{${texNumber(J)}} ${sumJ} ` : ''}${ratioTex(t.log)}`);
      return overJ ? out(`\\log ${avgJ} \\exp\\big(${t.tex}\\big)`) : { ...t, perSample: false, form };
    case 'mean':
      return overJ ? out(`${avgJ} ${bracketed(t)}`) : { ...t, perSample: false, form };
    case 'weighted':
      return out(`${overJ ? `${sumJ} ` : ''}${w ? w.tex : missingTerm().tex}\\, ${bracketed(t)}`);
  }
};
