// The short formula under the node's title, as it is set and wired (see SummaryTex).
import type { SummaryTex } from '../capabilities';

export const bernoulliSummary: SummaryTex = () => '\\mathrm{Bern}\\big(\\mathrm{sigmoid}(\\ell)\\big)';
