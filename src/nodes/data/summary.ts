// The short formula under the node's title, as it is set and wired (see SummaryTex).
import type { SummaryTex } from '../capabilities';
import { texNumber } from '../tex';

export const dataSummary: SummaryTex = (p) =>
  p.source === 'mnist' ? 'x \\in [0, 1]^{784}' : p.source === 'csv' ? `x \\in \\mathbb{R}^{${Number(p.columns) > 0 ? texNumber(p.columns) : 'd'}}` : `x = W z + \\xi \\in \\mathbb{R}^{${texNumber(p.d)}}`;
