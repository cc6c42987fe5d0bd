// The Gaussian as a distribution: its location is the mean input, and its definition in the
// objective formula is N(v | mean, σ²I) (or diag e^{log-variance} when that is an input).
import { incoming, sourceOf } from '../../graph/queries';
import type { DistributionCapability } from '../capabilities';
import { texNumber } from '../tex';

/** The names the formula gives the networks feeding a Gaussian, by role: f(z), g(x), v(x)… */
const MEAN_NAME = { proposal: 'g', likelihood: 'f', prior: 'm' } as const;
const LOGVAR_NAME = { proposal: 'v', likelihood: 'h', prior: 'u' } as const;
const SCALE_SYMBOL = { prior: '\\nu', likelihood: '\\sigma', proposal: 's' } as const;

export const gaussianDistribution: DistributionCapability = {
  family: 'gaussian',
  locationPort: 'mean',
  meanOfLocation: 'identity',
  tex(b, { node, role, lhs, v, what }) {
    const p = b.params(node);
    const meanNode = sourceOf(b.doc, node.id, 'mean');
    const lvNode = sourceOf(b.doc, node.id, 'logvar');
    const mean = meanNode ? b.tensor(meanNode, incoming(b.doc, node.id, 'mean')!.sourcePort, MEAN_NAME[role], `the mean of ${what}`) : undefined;
    const lv = lvNode ? b.tensor(lvNode, incoming(b.doc, node.id, 'logvar')!.sourcePort, LOGVAR_NAME[role], `the log-variance of ${what}`) : undefined;
    const dim = b.dim(node.id, 'dist') ?? (meanNode ? undefined : (p.dim as number));
    const sym = SCALE_SYMBOL[role];
    const cov = lv ? `\\operatorname{diag} e^{${b.call(lv)}}` : `${sym}^2 I_{${texNumber(dim)}}`;
    return `${lhs} = \\mathcal{N}\\big(${v} \\mid ${mean ? b.call(mean) : '0'},\\, ${cov}\\big)${lv ? '' : `,\\ ${b.scaleTex(p, sym)}`}`;
  },
};

