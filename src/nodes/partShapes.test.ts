// Wrong wirings of the estimator parts: each is refused by the analysis with its own
// sentence, pinned to the part that cannot work, on an otherwise valid graph.
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../compiler/analyze';
import type { GraphDoc } from '../graph/document';
import { D, Q, fixtureGraph } from '../testing/linearGaussianFixture';

/** The fixture's model with J = 5 and a valid IWAE from parts, plus `nodes` and `edges` to try. */
function withParts(nodes: [string, string, Record<string, unknown>?][], edges: [string, string][]): GraphDoc {
  const doc = fixtureGraph('iwaeLoss', 5);
  doc.nodes = doc.nodes.filter((n) => n.id !== 'loss');
  doc.edges = doc.edges.filter((e) => e.target !== 'loss');
  const valid: [string, string, Record<string, unknown>?][] = [
    ['logLik', 'logDensity'],
    ['logPrior', 'logDensity'],
    ['logQ', 'logDensity'],
    ['logW', 'weightedSum', { wa: 1, wb: 1, wc: -1 }],
    ['reduce', 'reduceSamples', { op: 'logMeanExp' }],
    ['objective', 'objective'],
  ];
  const wiring: [string, string][] = [
    ['lik.dist', 'logLik.dist'], ['data.x', 'logLik.value'], ['prior.dist', 'logPrior.dist'], ['sampler.z', 'logPrior.value'], ['q.dist', 'logQ.dist'], ['sampler.z', 'logQ.value'],
    ['logLik.term', 'logW.a'], ['logPrior.term', 'logW.b'], ['logQ.term', 'logW.c'], ['logW.term', 'reduce.term'], ['reduce.term', 'objective.term'],
  ];
  for (const [id, kind, params] of [...valid, ...nodes]) doc.nodes.push({ id, kind, params: params ?? {}, position: { x: 0, y: 0 } });
  for (const [from, to] of [...wiring, ...edges]) {
    const [source, sourcePort] = from.split('.');
    const [target, targetPort] = to.split('.');
    doc.edges.push({ id: `${from}-${to}`, source, sourcePort, target, targetPort });
  }
  return doc;
}

const errorsAt = (doc: GraphDoc, nodeId: string) => analyzeGraph(doc, { dataDim: D }).nodeErrors.get(nodeId) ?? [];

describe('the estimator parts refuse wrong wirings, each with its sentence', () => {
  it('the graph they are added to is valid', () => {
    expect(analyzeGraph(withParts([], []), { dataDim: D }).errors).toEqual([]);
  });

  it('logDensity: a distribution evaluated at a value of another width', () => {
    const doc = withParts([['bad', 'logDensity']], [['lik.dist', 'bad.dist'], ['sampler.z', 'bad.value']]);
    expect(errorsAt(doc, 'bad')).toEqual([`The distribution is over ${D} dimensions but the value has ${Q}: evaluate it where it lives (p(x|z) at the data, p(z) and q(z|x) at the samples z).`]);
  });

  it('logDensity: a distribution of 5 samples per example evaluated at a value of 3', () => {
    const doc = withParts(
      [['z3', 'sampler', { samples: 3 }], ['dec3', 'linear', { units: 'data' }], ['bad', 'logDensity']],
      [['q.dist', 'z3.dist'], ['z3.z', 'dec3.in'], ['lik.dist', 'bad.dist'], ['dec3.out', 'bad.value']],
    );
    expect(errorsAt(doc, 'bad')).toEqual(['The distribution carries 5 samples per example but the value carries 3: wire terms of the same samples (or one that has a single sample).']);
  });

  it('weightedSum: terms of 5 and of 3 samples per example', () => {
    const doc = withParts(
      [['z3', 'sampler', { samples: 3 }], ['logPrior3', 'logDensity'], ['bad', 'weightedSum']],
      [['q.dist', 'z3.dist'], ['prior.dist', 'logPrior3.dist'], ['z3.z', 'logPrior3.value'], ['logW.term', 'bad.a'], ['logPrior3.term', 'bad.b']],
    );
    expect(errorsAt(doc, 'bad')).toEqual(['Input a carries 5 samples per example but input b carries 3: wire terms of the same samples (or one that has a single sample).']);
  });

  it('weightedSum: a term of one sample broadcasts over the others (no error)', () => {
    const doc = withParts([['kl', 'analyticKl'], ['ok', 'weightedSum']], [['q.dist', 'kl.q'], ['prior.dist', 'kl.p'], ['logW.term', 'ok.a'], ['kl.term', 'ok.b']]);
    expect(errorsAt(doc, 'ok')).toEqual([]);
    expect(analyzeGraph(doc, { dataDim: D }).outputShapes.get('ok')).toEqual({ term: { kind: 'term', samples: 5 } });
  });

  it('weightedSum: a warm-up on a coefficient whose input is not connected', () => {
    const doc = withParts([['bad', 'weightedSum', { warmUp: 'linear', warmUpOn: 'c' }]], [['logLik.term', 'bad.a'], ['logPrior.term', 'bad.b']]);
    expect(errorsAt(doc, 'bad')).toEqual(['The warm-up is on wc, but input c is not connected.']);
  });

  it('analyticKl: the KL of a Bernoulli', () => {
    const doc = withParts([['logits', 'linear', { units: Q }], ['bern', 'bernoulli'], ['bad', 'analyticKl']], [['data.x', 'logits.in'], ['logits.out', 'bern.logits'], ['bern.dist', 'bad.q'], ['prior.dist', 'bad.p']]);
    expect(errorsAt(doc, 'bad')).toEqual(['The analytic KL needs two Gaussians, but q is a Bernoulli: estimate the KL from samples instead (log q(z|x) − log p(z) at the same z).']);
  });

  it('analyticKl: two distributions over different widths', () => {
    const doc = withParts([['bad', 'analyticKl']], [['q.dist', 'bad.q'], ['lik.dist', 'bad.p']]);
    expect(errorsAt(doc, 'bad')).toEqual([`q is over ${Q} dimensions but p over ${D}: the KL compares two distributions over the same z.`]);
  });

  it('objective: a term that still has its samples', () => {
    const doc = withParts([['bad', 'objective', { reported: false }]], [['logW.term', 'bad.term']]);
    expect(errorsAt(doc, 'bad')).toEqual(['This term still has 5 samples per example: reduce over samples first (log-mean-exp for importance sampling, mean for the ELBO).']);
  });

  it('reduceSamples: the weighted sum without weights', () => {
    const doc = withParts([['bad', 'reduceSamples', { op: 'weighted' }]], [['logW.term', 'bad.term']]);
    expect(errorsAt(doc, 'bad')).toEqual(['The weighted sum needs weights: connect Sample weights to w.']);
  });

  it('reduceSamples: weights of 3 samples for a term of 5', () => {
    const doc = withParts(
      [['z3', 'sampler', { samples: 3 }], ['logPrior3', 'logDensity'], ['w3', 'sampleWeights'], ['bad', 'reduceSamples', { op: 'weighted' }]],
      [['q.dist', 'z3.dist'], ['prior.dist', 'logPrior3.dist'], ['z3.z', 'logPrior3.value'], ['logPrior3.term', 'w3.logWeights'], ['logW.term', 'bad.term'], ['w3.weights', 'bad.weights']],
    );
    expect(errorsAt(doc, 'bad')).toEqual(['The weights carry 3 samples per example but the term 5: weigh the samples they were computed from.']);
  });

  it('reduceSamples: weights wired to a reduction that does not read them', () => {
    const doc = withParts([['w', 'sampleWeights'], ['bad', 'reduceSamples', { op: 'mean' }]], [['logW.term', 'w.logWeights'], ['logW.term', 'bad.term'], ['w.weights', 'bad.weights']]);
    expect(errorsAt(doc, 'bad')).toEqual(['The weights are read only by the weighted sum; this node takes the mean over samples. Disconnect w or choose the weighted sum.']);
  });
});
