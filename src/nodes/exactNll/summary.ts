// The short formula under the node's title, as it is set and wired (see SummaryTex).
import type { SummaryTex } from '../capabilities';

export const exactNllSummary: SummaryTex = () => '-\\log \\mathcal{N}(x \\mid b,\\, \\nu^2 W W^\\top + \\sigma^2 I)';
