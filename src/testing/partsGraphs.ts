// Estimators built from parts on the linear-Gaussian fixture, one graph per estimator the
// formula and the run names recognise (DESIGN.md, "Estimators from parts"). The latent
// nodes keep the fixture's ids (data, prior, q, sampler, dec, lik).
import type { GraphDoc } from '../graph/document';
import { fixtureGraph } from './linearGaussianFixture';

export type PartsEstimator = 'iwae' | 'elbo' | 'stl' | 'klElbo' | 'dreg' | 'rws' | 'autoencoder';

export interface PartsOptions {
  /** The coefficient −β on the KL (klElbo). */
  beta?: number;
  warmUp?: { unit: 'steps' | 'epochs'; length: number };
  /** klElbo: reduce the log-likelihood over samples first, then add −β KL. */
  reduceFirst?: boolean;
}

export function partsGraph(estimator: PartsEstimator, J: number, opts: PartsOptions = {}): GraphDoc {
  const doc = fixtureGraph('iwaeLoss', J);
  doc.nodes = doc.nodes.filter((n) => n.id !== 'loss');
  doc.edges = doc.edges.filter((e) => e.target !== 'loss');
  const n = (id: string, kind: string, params: Record<string, unknown> = {}) => doc.nodes.push({ id, kind, params, position: { x: 0, y: 0 } });
  const e = (s: string, sp: string, t: string, tp: string) => doc.edges.push({ id: `${s}.${sp}-${t}.${tp}`, source: s, sourcePort: sp, target: t, targetPort: tp });
  const density = (id: string, dist: string, value: string, valuePort: string) => {
    n(id, 'logDensity');
    e(dist, 'dist', id, 'dist');
    e(value, valuePort, id, 'value');
  };
  const logWeight = (id: string, logQ: string) => {
    n(id, 'weightedSum', { wa: 1, wb: 1, wc: -1 });
    e('logLik', 'term', id, 'a');
    e('logPrior', 'term', id, 'b');
    e(logQ, 'term', id, 'c');
  };
  const objective = (id: string, from: string, scope: string, reported: boolean) => {
    n(id, 'objective', { scope, reported });
    e(from, 'term', id, 'term');
  };

  density('logLik', 'lik', 'data', 'x');
  if (estimator === 'autoencoder') {
    // −log p(x|ẑ) − log p(ẑ) at the point estimate ẑ = g(x): the sampler returns q's mean.
    doc.nodes.find((m) => m.id === 'sampler')!.params = { samples: 1, mode: 'mean' };
    density('logPrior', 'prior', 'sampler', 'z');
    n('joint', 'weightedSum', { wa: 1, wb: 1 });
    e('logLik', 'term', 'joint', 'a');
    e('logPrior', 'term', 'joint', 'b');
    objective('objective', 'joint', 'all', true);
    return doc;
  }
  if (estimator === 'klElbo') {
    n('kl', 'analyticKl');
    e('q', 'dist', 'kl', 'q');
    e('prior', 'dist', 'kl', 'p');
    const warm = opts.warmUp ? { warmUp: 'linear', warmUpOn: 'b', warmUpUnit: opts.warmUp.unit, warmUpLength: opts.warmUp.length } : {};
    n('elbo', 'weightedSum', { wa: 1, wb: -(opts.beta ?? 1), ...warm });
    if (opts.reduceFirst) {
      n('reduce', 'reduceSamples', { op: 'mean' });
      e('logLik', 'term', 'reduce', 'term');
      e('reduce', 'term', 'elbo', 'a');
      e('kl', 'term', 'elbo', 'b');
      objective('objective', 'elbo', 'all', true);
    } else {
      e('logLik', 'term', 'elbo', 'a');
      e('kl', 'term', 'elbo', 'b');
      n('reduce', 'reduceSamples', { op: 'mean' });
      e('elbo', 'term', 'reduce', 'term');
      objective('objective', 'reduce', 'all', true);
    }
    return doc;
  }
  density('logPrior', 'prior', 'sampler', 'z');
  if (estimator === 'stl') {
    n('qFixed', 'stopGradientDist');
    e('q', 'dist', 'qFixed', 'dist');
    density('logQ', 'qFixed', 'sampler', 'z');
  } else density('logQ', 'q', 'sampler', 'z');
  logWeight('logW', 'logQ');
  n('reduce', 'reduceSamples', { op: estimator === 'elbo' || estimator === 'stl' ? 'mean' : 'logMeanExp' });
  e('logW', 'term', 'reduce', 'term');
  const scoped = estimator === 'dreg' || estimator === 'rws';
  objective('objective', 'reduce', scoped ? 'decoder' : 'all', true);
  if (estimator === 'dreg') {
    // −Σ_j w̃_j² log w_j with q's parameters held fixed in log q and the weights held fixed.
    n('qFixed', 'stopGradientDist');
    e('q', 'dist', 'qFixed', 'dist');
    density('logQFixed', 'qFixed', 'sampler', 'z');
    logWeight('logWFixed', 'logQFixed');
    n('weights', 'sampleWeights', { power: 'squared', holdFixed: true });
    e('logWFixed', 'term', 'weights', 'logWeights');
    n('reduceEnc', 'reduceSamples', { op: 'weighted' });
    e('logWFixed', 'term', 'reduceEnc', 'term');
    e('weights', 'weights', 'reduceEnc', 'weights');
    objective('encObjective', 'reduceEnc', 'encoder', false);
  }
  if (estimator === 'rws') {
    // The encoder on Σ_j w̃_j log q(z_j|x) with the samples held fixed.
    n('zFixed', 'stopGradient');
    e('sampler', 'z', 'zFixed', 'in');
    density('logQAtFixed', 'q', 'zFixed', 'out');
    n('weights', 'sampleWeights', { power: 'normalised', holdFixed: true });
    e('logW', 'term', 'weights', 'logWeights');
    n('reduceEnc', 'reduceSamples', { op: 'weighted' });
    e('logQAtFixed', 'term', 'reduceEnc', 'term');
    e('weights', 'weights', 'reduceEnc', 'weights');
    objective('encObjective', 'reduceEnc', 'encoder', false);
  }
  return doc;
}

export function withParams(doc: GraphDoc, id: string, patch: Record<string, unknown>): GraphDoc {
  return { ...doc, nodes: doc.nodes.map((m) => (m.id === id ? { ...m, params: { ...m.params, ...patch } } : m)) };
}

/**
 * The same model with its decoder a dense layer of linear activation: no longer the linear
 * chain the exact likelihood is read from, so the held-out NLL is importance-sampled, while
 * the closed forms still hold once the layer is set to W and b.
 */
export function withDenseDecoder(doc: GraphDoc): GraphDoc {
  const dec = doc.nodes.find((n) => n.id === 'dec')!;
  dec.kind = 'dense';
  dec.params = { units: 'data', activation: 'linear', initializer: 'glorotUniform' };
  return doc;
}
