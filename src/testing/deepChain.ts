// A graph as deep as the file format allows (LIMITS.nodes): a prior, a sampler, a chain of
// layers one after another, a Gaussian likelihood and a loss — dense tanh layers with the
// Monte Carlo loss, or linear layers with the exact marginal likelihood (PPCA with a
// 1,995-factor W). Every layer feeds the next, so any walk, pull or render that recurses
// once per node recurses ~2,000 deep on it. Used by the deep-graph tests in Node and in
// the browser.
import { LIMITS } from '../graph/limits';
import { GRAPH_VERSION } from '../graph/document';
import { snakePlacer } from './snakeLayout';

type Json = Record<string, unknown>;

export interface DeepChainOptions {
  /** Total node count, at least 6 (the default: the most a graph may hold). */
  nodes?: number;
  /** Width of every dense layer and of the latent. */
  width?: number;
  /** Synthetic data width. */
  dataDim?: number;
  /** Nodes per row on the canvas (the chain snakes so edges stay short). */
  perRow?: number;
  /** Dense tanh layers and the Monte Carlo loss, or linear layers and the exact likelihood. */
  layers?: 'dense' | 'linear';
}

export const DEEP_CHAIN_FIXED_NODES = 5; // data, prior, sampler, likelihood, loss

export function deepChainGraph(opts: DeepChainOptions = {}): Json {
  const { nodes: total = LIMITS.nodes, width = 2, dataDim = 3, perRow = 40, layers: layerKind = 'dense' } = opts;
  if (total < DEEP_CHAIN_FIXED_NODES + 1) throw new Error(`A deep chain needs at least ${DEEP_CHAIN_FIXED_NODES + 1} nodes.`);
  const layers = total - DEEP_CHAIN_FIXED_NODES;
  const nodes: Json[] = [];
  const edges: Json[] = [];
  const place = snakePlacer(perRow);
  const node = (id: string, kind: string, params: Json, label = id) => nodes.push({ id, kind, label, position: place(), params });
  const edge = (source: string, sourcePort: string, target: string, targetPort: string) =>
    edges.push({ id: `e-${source}-${target}-${targetPort}`, source, sourcePort, target, targetPort });

  node('data', 'data', { source: 'synthetic', d: dataDim, q: 1, noise: 0.3, n: 64, seed: 7 }, 'Data');
  node('prior', 'gaussian', { dim: width, scaleMode: 'fixed', scale: 1 }, 'p(z)');
  node('sampler', 'sampler', { samples: 1, mode: 'reparam' });
  edge('prior', 'dist', 'sampler', 'dist');
  let prev = 'sampler';
  let prevPort = 'z';
  for (let i = 0; i < layers; i++) {
    const id = `layer${i}`;
    const last = i === layers - 1;
    if (layerKind === 'linear') node(id, 'linear', { units: last ? 'data' : width, bias: true });
    // tanh keeps every activation in [-1, 1] however deep the chain, so the loss stays finite.
    else node(id, 'dense', { units: last ? 'data' : width, activation: last ? 'linear' : 'tanh', initializer: 'glorotUniform' });
    edge(prev, prevPort, id, 'in');
    prev = id;
    prevPort = 'out';
  }
  node('lik', 'gaussian', { dim: dataDim, scaleMode: 'fixed', scale: 1 }, 'p(x|z)');
  edge(prev, prevPort, 'lik', 'mean');
  node('loss', layerKind === 'linear' ? 'exactNll' : 'mcPriorLoss', {}, layerKind === 'linear' ? 'Exact NLL' : 'Monte Carlo loss');
  edge('data', 'x', 'loss', 'x');
  edge('lik', 'dist', 'loss', 'likelihood');
  if (layerKind === 'linear') edge('prior', 'dist', 'loss', 'prior');
  return {
    format: 'latent-canvas.graph',
    version: GRAPH_VERSION,
    source: 'latent-canvas',
    meta: { title: `Deep chain (${total} nodes)`, description: `A chain of ${layerKind} layers as long as a graph may be (src/testing/deepChain.ts).`, notes: '' },
    nodes,
    edges,
    training: { optimizer: 'adam', learningRate: 0.001, batchSize: 16, epochs: 1, seed: 1, testFraction: 0.25, evalSamples: 4 },
    viewport: { x: 0, y: 0, zoom: 0.5 },
  };
}
