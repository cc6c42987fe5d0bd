// The short formula under the node's title, as it is set and wired (see SummaryTex).
import type { SummaryTex } from '../capabilities';
import { texNumber } from '../tex';

export const samplerSummary: SummaryTex = (p) => {
  if (p.mode === 'mean') return '\\hat z = \\mathbb{E}[z]';
  const J = Number(p.samples);
  return J > 1 ? `z_j = \\mu + s \\odot \\varepsilon_j,\\ j \\le ${texNumber(J)}` : 'z = \\mu + s \\odot \\varepsilon';
};
