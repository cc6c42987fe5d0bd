// The exact marginal NLL's TeX: the Gaussian marginal N(x | b, K) with K = ν²WWᵀ + σ²I
// written from the chain prior → sampler → linear… → Gaussian likelihood, with its real
// sizes; when the graph departs from that chain, the integral and the sentence saying why.
import type { GraphNode } from '../../graph/document';
import { sourceOf } from '../../graph/queries';
import { assemble, MEAN_OVER_BATCH, pairUp, texNumber, type FormulaContext } from '../tex';

/** Linear chains up to this long have their composite W and b written out in full. */
const CHAIN_SPELLED_OUT = 4;

export function exactNllFormula(b: FormulaContext, loss: GraphNode): string {
  const x = b.lossInput(loss, 'x');
  const lik = b.lossInput(loss, 'likelihood');
  const prior = b.lossInput(loss, 'prior');
  const data = b.dataLine(x);
  const d = b.dataDim ?? (lik ? b.dim(lik.id, 'dist') : undefined);
  const q = prior ? (b.dim(prior.id, 'dist') ?? (b.params(prior).dim as number)) : undefined;

  // The chain prior → sampler → linear… → Gaussian likelihood, as the loss itself checks it.
  let chain: GraphNode[] | undefined;
  let reason: string | undefined;
  if (lik && prior) {
    const ids: GraphNode[] = [];
    let cur = lik.kind === 'gaussian' ? sourceOf(b.doc, lik.id, 'mean') : undefined;
    const seen = new Set<GraphNode>();
    while (cur && cur.kind === 'linear' && !seen.has(cur)) {
      seen.add(cur);
      ids.push(cur);
      cur = sourceOf(b.doc, cur.id, 'in');
    }
    ids.reverse(); // walked from the likelihood back; the chain reads from the sampler
    const sampled = cur?.kind === 'sampler' ? sourceOf(b.doc, cur.id, 'dist') : undefined;
    if (lik.kind !== 'gaussian' || sourceOf(b.doc, lik.id, 'logvar')) reason = 'The exact marginal needs a Gaussian likelihood N(Wz + b, σ²I) (with a single σ).';
    else if (prior.kind !== 'gaussian' || sourceOf(b.doc, prior.id, 'mean')) reason = 'The exact marginal needs a prior N(0, ν²I) with no inputs.';
    else if (ids.length === 0) reason = 'The exact marginal needs a linear decoder between the sampler and the likelihood mean.';
    else if (sampled?.id !== prior.id) reason = 'The linear decoder must read samples of the prior wired into the loss.';
    else chain = ids;
  }
  if (!chain) {
    if (reason) b.problem(reason);
    const head = `${MEAN_OVER_BATCH} -\\log \\int p(x_n \\mid z)\\, p(z)\\, dz`;
    return assemble(head, [...pairUp([b.distDef(lik, 'likelihood'), b.distDef(prior, 'prior')]), data]);
  }

  const lp = b.params(lik!);
  const pp = b.params(prior!);
  const L = chain.length;
  const biases = chain.map((n) => b.params(n).bias !== false);
  const W = 'W';
  let bias = biases[0] ? 'b' : '';
  const composite: string[] = [];
  if (L > CHAIN_SPELLED_OUT) {
    // Spelled out, the bias terms of a long chain grow with the square of its length (a
    // 2,000-layer chain made 17 million characters): write the product and the sum.
    const some = biases.filter(Boolean).length;
    composite.push(`W = W_{${L}} W_{${L - 1}} \\cdots W_{1}`);
    bias = some ? 'b' : '';
    if (some) composite.push(`b = \\textstyle\\sum_{i${some < L ? '\\,\\in\\,\\text{layers with a bias}' : `=1}^{${L}`}} W_{${L}} \\cdots W_{i+1}\\, b_i`);
  } else if (L > 1) {
    const Ws = (from: number) => chain!.slice(from).map((_, k) => `W_{${L - k}}`).join(' ');
    const terms = biases.map((has, i) => (has ? `${i + 1 < L ? `${Ws(i + 1)} ` : ''}b_{${i + 1}}` : '')).filter(Boolean);
    composite.push(`W = ${Ws(0)}`);
    bias = terms.length ? 'b' : '';
    if (terms.length) composite.push(`b = ${terms.join(' + ')}`);
  }
  const r = bias ? '(x_n - b)' : 'x_n';
  const head = `${MEAN_OVER_BATCH} \\underbrace{\\tfrac12\\Big[${r}^\\top K^{-1} ${r} + \\log\\det K + d \\log 2\\pi\\Big]}_{-\\log \\mathcal{N}(x_n \\mid ${bias ? 'b' : '0'},\\, K)}`;
  return assemble(head, [
    `K = \\nu^2 ${W} ${W}^\\top + \\sigma^2 I_{${texNumber(d)}},\\quad ${W} \\in \\mathbb{R}^{${texNumber(d)} \\times ${texNumber(q)}}${bias ? `,\\ b \\in \\mathbb{R}^{${texNumber(d)}}` : ''}${composite.length ? `,\\quad ${composite.join(',\\ ')}` : ''}`,
    `x = ${W} z${bias ? ' + b' : ''} + \\xi,\\quad z \\sim \\mathcal{N}(0, \\nu^2 I_{${texNumber(q)}}),\\ \\xi \\sim \\mathcal{N}(0, \\sigma^2 I_{${texNumber(d)}})`,
    `${b.scaleTex(pp, '\\nu')},\\quad ${b.scaleTex(lp, '\\sigma')},\\quad d = ${texNumber(d)},\\ q = ${texNumber(q)}\\quad \\text{(Woodbury: } ${texNumber(q)} \\times ${texNumber(q)} \\text{ solves)}`,
    data,
  ]);
}
