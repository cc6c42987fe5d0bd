// The short formula under the node's title, as it is set and wired (see SummaryTex).
import type { SummaryTex } from '../capabilities';

export const linearSummary: SummaryTex = (p, w) => `W z${p.bias === false ? '' : ' + b'},\\ W \\in \\mathbb{R}^{${w.size(p.units)} \\times ${w.size(w.inDim)}}`;
