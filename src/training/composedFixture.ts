// Estimators built from parts on the linear-Gaussian fixture, for the tests of what runs
// downstream of training (held-out NLL, diagnostics, views, export, calibration, variants).
// The node ids are the fixture's, so the same seed gives the built-in and the composed
// graph the same initial weights, and setFixtureWeights sets both.
import type { GraphDoc } from '../graph/document';
import { fixtureGraph } from '../testing/linearGaussianFixture';

export type ComposedEstimator = 'iwae' | 'elboMc' | 'elboAnalytic' | 'dreg';

/** The fixture graph with its loss node replaced by parts (see DESIGN.md "Estimators from parts"). */
export function composedGraph(estimator: ComposedEstimator, J: number, opts: { beta?: number } = {}): GraphDoc {
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
  density('logLik', 'lik', 'data', 'x');
  if (estimator === 'elboAnalytic') {
    n('kl', 'analyticKl');
    e('q', 'dist', 'kl', 'q');
    e('prior', 'dist', 'kl', 'p');
    n('elbo', 'weightedSum', { wa: 1, wb: -(opts.beta ?? 1) });
    e('logLik', 'term', 'elbo', 'a');
    e('kl', 'term', 'elbo', 'b');
    n('reduce', 'reduceSamples', { op: 'mean' });
    e('elbo', 'term', 'reduce', 'term');
  } else {
    density('logPrior', 'prior', 'sampler', 'z');
    density('logQ', 'q', 'sampler', 'z');
    n('logW', 'weightedSum', { wa: 1, wb: 1, wc: -1 });
    e('logLik', 'term', 'logW', 'a');
    e('logPrior', 'term', 'logW', 'b');
    e('logQ', 'term', 'logW', 'c');
    n('reduce', 'reduceSamples', { op: estimator === 'elboMc' ? 'mean' : 'logMeanExp' });
    e('logW', 'term', 'reduce', 'term');
  }
  const reportedScope = estimator === 'dreg' ? 'decoder' : 'all';
  n('objective', 'objective', { scope: reportedScope, reported: true });
  e('reduce', 'term', 'objective', 'term');
  if (estimator === 'dreg') addDregEncoder(n, e);
  return doc;
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

/**
 * DReG's encoder surrogate −Σ_j w̃_j² log w_j, with q's parameters held fixed inside log q and
 * the weights held fixed. The decoder trains on the IWAE objective itself, whose gradient
 * is Σ_j w̃_j ∇ log w_j, the decoder surrogate's (and it is the estimate worth reporting).
 */
function addDregEncoder(n: (id: string, kind: string, params?: Record<string, unknown>) => void, e: (s: string, sp: string, t: string, tp: string) => void) {
  n('qFixed', 'stopGradientDist');
  e('q', 'dist', 'qFixed', 'dist');
  n('logQFixed', 'logDensity');
  e('qFixed', 'dist', 'logQFixed', 'dist');
  e('sampler', 'z', 'logQFixed', 'value');
  n('logWFixed', 'weightedSum', { wa: 1, wb: 1, wc: -1 });
  e('logLik', 'term', 'logWFixed', 'a');
  e('logPrior', 'term', 'logWFixed', 'b');
  e('logQFixed', 'term', 'logWFixed', 'c');
  n('weights2', 'sampleWeights', { power: 'squared', holdFixed: true });
  e('logWFixed', 'term', 'weights2', 'logWeights');
  n('reduceEnc', 'reduceSamples', { op: 'weighted' });
  e('logWFixed', 'term', 'reduceEnc', 'term');
  e('weights2', 'weights', 'reduceEnc', 'weights');
  n('encObjective', 'objective', { scope: 'encoder', reported: false });
  e('reduceEnc', 'term', 'encObjective', 'term');
}
