// The Bernoulli as a distribution: its location is the logits input (the exported decoder
// ends in sigmoid(logits), the pixel probabilities), and the formula writes its log-density
// Σ_i [v_i l_i − softplus(l_i)].
import { incoming, nodeById } from '../../graph/queries';
import type { DistributionCapability } from '../capabilities';
import { texNumber } from '../tex';

export const bernoulliDistribution: DistributionCapability = {
  family: 'bernoulli',
  locationPort: 'logits',
  meanOfLocation: 'sigmoid',
  tex(b, { node, role, lhs, v, what }) {
    const e = incoming(b.doc, node.id, 'logits');
    const logits = e ? b.tensor(nodeById(b.doc, e.source), e.sourcePort, role === 'likelihood' ? 'f' : 'g', `the logits of ${what}`) : undefined;
    if (!e) b.problem(`Connect the logits of ${what}.`);
    const dim = b.dim(node.id, 'dist');
    const l = b.component(logits, 'i');
    return `\\log ${lhs} = \\textstyle\\sum_{i=1}^{${texNumber(dim)}} \\big[${v}_i\\, ${l} - \\operatorname{softplus}(${l})\\big]`;
  },
};
