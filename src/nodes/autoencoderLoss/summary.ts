// The short formula under the node's title, as it is set and wired (see SummaryTex).
import type { SummaryTex } from '../capabilities';

export const autoencoderLossSummary: SummaryTex = () => '-\\log p(x \\mid \\hat z) - \\log p(\\hat z)';
