// The short formula under the node's title, as it is set and wired (see SummaryTex).
import type { SummaryTex } from '../capabilities';

export const elboLossSummary: SummaryTex = (p) =>
  p.kl === 'mc' ? '\\mathbb{E}_q\\Big[\\log \\frac{q(z \\mid x)}{p(x, z)}\\Big]' : '\\mathbb{E}_q[-\\log p(x \\mid z)] + \\mathrm{KL}(q \\,\\|\\, p)';
