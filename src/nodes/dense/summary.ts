// The short formula under the node's title, as it is set and wired (see SummaryTex).
import type { SummaryTex } from '../capabilities';
import { applied } from '../tex';

export const denseSummary: SummaryTex = (p, w) => `${applied(p.activation, 'W z + b')},\\ W \\in \\mathbb{R}^{${w.size(p.units)} \\times ${w.size(w.inDim)}}`;
