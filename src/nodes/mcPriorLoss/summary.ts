// The short formula under the node's title, as it is set and wired (see SummaryTex).
import type { SummaryTex } from '../capabilities';

export const mcPriorLossSummary: SummaryTex = () => '-\\log \\frac{1}{J} \\sum_j p(x \\mid z_j)';
