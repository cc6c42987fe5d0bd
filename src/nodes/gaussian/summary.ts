// The short formula under the node's title, as it is set and wired (see SummaryTex).
import type { SummaryTex } from '../capabilities';
import { texNumber } from '../tex';

export const gaussianSummary: SummaryTex = (p, { has }) => {
  if (!has('mean')) return `\\mathcal{N}(0, \\nu^2 I_{${texNumber(p.dim)}})`;
  if (has('logvar')) return '\\mathcal{N}(m, \\operatorname{diag} e^{v})';
  return '\\mathcal{N}(m, \\sigma^2 I)';
};
