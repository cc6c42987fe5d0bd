// The short formula under the node's title, as it is set and wired (see SummaryTex).
import type { SummaryTex } from '../capabilities';

export const iwaeLossSummary: SummaryTex = () => '-\\log \\frac{1}{J} \\sum_j \\frac{p(x, z_j)}{q(z_j \\mid x)}';
