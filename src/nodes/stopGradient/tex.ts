// ⊥(v): the value itself, with no gradient flowing back through it (the spec's formula
// defines the symbol; the formula's legend repeats it).
import type { PartTexCapability } from '../capabilities';
import { STOP_GRADIENT_LEGEND } from '../tex';

export const stopGradientTex: PartTexCapability = ({ inputs, note }) => {
  const v = inputs.in;
  if (v?.kind !== 'tensor') return undefined;
  note(STOP_GRADIENT_LEGEND);
  return { ...v, tex: `\\bot(${v.tex})`, held: true };
};
