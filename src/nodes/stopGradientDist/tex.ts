// q_⊥: the same distribution with its parameters held fixed. Its density still depends on
// where it is evaluated (the path through z = μ + s ⊙ ε stays), which is what STL and DReG need.
import type { PartTexCapability } from '../capabilities';

export const stopGradientDistTex: PartTexCapability = ({ inputs, note }) => {
  const d = inputs.dist;
  if (d?.kind !== 'dist') return undefined;
  note(`${d.symbol}_{\\bot}\\colon ${d.symbol} \\text{ with its parameters held fixed (no gradient through them)}`);
  return { ...d, held: true };
};
