// The short formula under the node's title, as it is set and wired (see SummaryTex).
import type { SummaryTex } from '../capabilities';
import { arrowTex, texNumber } from '../tex';

export const mlpSummary: SummaryTex = (p, w) => {
  const hidden = Array.isArray(p.hidden) ? p.hidden : [];
  const steps = hidden.map((h) => `${arrowTex(p.activation)} ${texNumber(h)}`);
  steps.push(`${arrowTex(p.outputActivation)} ${w.size(p.outputs)}`);
  return `${w.size(w.inDim)} ${steps.join(' ')}`;
};
