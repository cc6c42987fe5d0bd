// Σ_k w_k t_k with the actual coefficients: +log p(x|z) + log p(z) − log q(z|x) reads as the
// log importance weight (and keeps its ratio, for log-mean-exp to write p p / q), a −β on a
// KL as −β KL, and a warm-up as its factor min(1, t/N).
import type { PartTexCapability } from '../capabilities';
import { bracketed, MISSING_TEX, texNumber, type LogRatio, type PartTerm, type TermForm } from '../tex';
import { SUM_SLOTS, type WeightedSumParams } from './spec';

type Entry = Extract<TermForm, { op: 'sum' }>['terms'][number];

export const weightedSumTex: PartTexCapability = ({ params, inputs, note }) => {
  const p = params as WeightedSumParams;
  const pieces: string[] = [];
  const entries: Entry[] = [];
  const used: PartTerm[] = [];
  let ratio: LogRatio | undefined = { num: [], den: [] };
  for (const s of SUM_SLOTS) {
    const t = inputs[s];
    if (t?.kind !== 'term') {
      if (s === 'a') pieces.push(`+ ${MISSING_TEX}`);
      continue;
    }
    const w = p[`w${s}`];
    const warmUp = p.warmUp === 'linear' && p.warmUpOn === s ? { unit: p.warmUpUnit, length: p.warmUpLength } : undefined;
    entries.push({ w, warmUp, form: t.form });
    if (w === 0) continue;
    used.push(t);
    const factor = `${Math.abs(w) === 1 ? '' : `${texNumber(Math.abs(w))}\\,`}${warmUp ? `\\min\\!\\big(1, \\tfrac{t}{${texNumber(warmUp.length)}}\\big)\\,` : ''}`;
    const scaled = factor !== '' || w < 0;
    pieces.push(`${w < 0 ? '-' : '+'} ${factor}${scaled ? bracketed(t) : t.tex}`);
    if (ratio && t.log && Math.abs(w) === 1 && !warmUp) {
      ratio = w > 0 ? { num: [...ratio.num, ...t.log.num], den: [...ratio.den, ...t.log.den] } : { num: [...ratio.num, ...t.log.den], den: [...ratio.den, ...t.log.num] };
    } else ratio = undefined;
  }
  if (p.warmUp === 'linear') {
    const unit = p.warmUpUnit === 'steps' ? 'optimizer steps' : 'epochs';
    note(`t\\colon \\text{${unit} of training done; the warm-up lasts } ${texNumber(p.warmUpLength)} \\text{ ${unit}}`);
  }
  const form: TermForm = { op: 'sum', terms: entries };
  if (pieces.length === 0) return { kind: 'term', tex: '0', perSample: false, sum: false, form };
  if (pieces.length === 1 && used.length === 1 && pieces[0] === `+ ${used[0].tex}`) return { ...used[0], form };
  const tex = pieces.join(' ').replace(/^\+ /, '');
  return { kind: 'term', tex, perSample: used.some((t) => t.perSample), sum: true, log: ratio && ratio.num.length + ratio.den.length > 0 ? ratio : undefined, form };
};
