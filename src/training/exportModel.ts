// A trained decoder or encoder as a standard tfjs layers model (model.json + weights.bin),
// so it can be loaded anywhere with `tf.loadLayersModel` and used without this app.
//
// What is exported (pure core: runs in the worker, in Node and in tests; no DOM):
// - decoder: the chain of linear / dense / MLP nodes from the latent z to the likelihood,
//   ending in the MEAN of p(x|z): for a Gaussian likelihood the chain's output, for a
//   Bernoulli likelihood sigmoid(logits) (pixel probabilities). Input [N, q], output [N, d].
// - encoder: the chain from the data x to the MEAN of the proposal q(z|x) (or, in an
//   autoencoder, to the point estimate z the decoder reads). Input [N, d], output [N, q].
//   The log-variance head of a VAE encoder is not exported (z = mean is what a downstream
//   user wants; the variance stays in the app).
// Layers: each layer kind says its own (src/nodes/<kind>/layers.ts): linear → Dense (linear
// activation, bias as in the node); dense → Dense with its activation; MLP → one Dense per
// layer. leaky ReLU (slope 0.2) becomes a LeakyReLU layer.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { GraphDoc, GraphNode } from '../graph/document';
import { nodeById, nodeName, sourceOf } from '../graph/queries';
import { savedName, type CompiledModel } from '../compiler/compile';
import type { Activation } from '../nodes/activations';
import type { LayerPlan } from '../nodes/capabilities';
import { distributionOf, estimatorOf, isDataSource, isLayer, layerOf, samplerOf } from '../nodes/registry';
import type { ExportedModel } from './protocol';

export type ExportPart = 'encoder' | 'decoder';

/** The export is impossible for this graph; `message` is a sentence for the UI. */
export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportError';
  }
}

export type { LayerPlan };

export interface ExportPlan {
  part: ExportPart;
  inputDim: number;
  outputDim: number;
  layers: LayerPlan[];
  /** Applied after the last layer: sigmoid for a Bernoulli decoder (logits → probabilities). */
  finalSigmoid: boolean;
  /** Node ids the chain reads from and ends at, for messages and metadata. */
  from: string;
  to: string;
  /** A sentence describing what the model computes (kept in model.json's metadata). */
  description: string;
}

/** Walks upstream from a node's input port through layer nodes; returns them in order. */
function chainUpstream(doc: GraphDoc, nodeId: string, port: string): { layers: GraphNode[]; start: GraphNode | undefined } {
  const layers: GraphNode[] = [];
  const seen = new Set<string>();
  let cur = sourceOf(doc, nodeId, port);
  while (cur && isLayer(cur.kind) && !seen.has(cur.id)) {
    seen.add(cur.id);
    layers.unshift(cur);
    cur = sourceOf(doc, cur.id, 'in');
  }
  return { layers, start: cur };
}

function lossNode(model: CompiledModel, doc: GraphDoc): GraphNode {
  const id = model.analysis.lossNodeId;
  const loss = id ? nodeById(doc, id) : undefined;
  if (!loss) throw new ExportError('The graph has no loss node, so there is no trained model to export.');
  return loss;
}

/** The node whose output is the latent z the decoder reads, and the likelihood node. */
function latentEnds(model: CompiledModel, doc: GraphDoc): { zNode?: GraphNode; likelihood?: GraphNode; proposal?: GraphNode } {
  const loss = lossNode(model, doc);
  if (model.latent) {
    return {
      zNode: nodeById(doc, model.latent.z.node),
      likelihood: nodeById(doc, model.latent.likelihoodId),
      proposal: model.latent.proposalId ? nodeById(doc, model.latent.proposalId) : undefined,
    };
  }
  // The exact-likelihood loss has no latent structure of its own: prior → sampler → chain.
  const likelihood = sourceOf(doc, loss.id, 'likelihood');
  const proposal = sourceOf(doc, loss.id, 'proposal');
  let zNode: GraphNode | undefined;
  if (likelihood) {
    const port = distributionOf(likelihood.kind)?.locationPort ?? 'mean';
    zNode = chainUpstream(doc, likelihood.id, port).start;
  }
  return { zNode, likelihood, proposal };
}

function outputDimOf(model: CompiledModel, nodeId: string): number {
  const shape = model.analysis.outputShapes.get(nodeId)?.out;
  if (!shape || shape.kind !== 'tensor') throw new ExportError(`The output size of ${nodeId} is not known; fix the graph's errors first.`);
  return shape.dim;
}

function inputDimOf(model: CompiledModel, doc: GraphDoc, node: GraphNode): number {
  const e = doc.edges.find((x) => x.target === node.id && x.targetPort === 'in');
  const shape = e ? model.analysis.outputShapes.get(e.source)?.[e.sourcePort] : undefined;
  if (!shape || shape.kind !== 'tensor') throw new ExportError(`The input size of ${nodeName(node)} is not known; fix the graph's errors first.`);
  return shape.dim;
}

function layerPlans(model: CompiledModel, nodes: GraphNode[]): LayerPlan[] {
  return nodes.flatMap((n) => layerOf(n.kind)!.exportLayers(n, outputDimOf(model, n.id)));
}

/** Which nodes make up the encoder or decoder, or an ExportError saying why there is none. */
export function planExport(model: CompiledModel, doc: GraphDoc, part: ExportPart): ExportPlan {
  const { zNode, likelihood, proposal } = latentEnds(model, doc);
  if (part === 'decoder') {
    if (!likelihood) {
      // An objective from parts names its likelihood by a log-density at the data, not by a port.
      const composed = estimatorOf(lossNode(model, doc).kind)?.composed;
      throw new ExportError(`There is no decoder to export: ${composed ? "the objective's parts must evaluate a likelihood p(x|z) at the data x (a Log-density), with z from a sampler and a prior N(0, ν²I)." : 'connect a likelihood p(x|z) to the loss.'}`);
    }
    const dist = distributionOf(likelihood.kind);
    if (!dist) throw new ExportError(`The likelihood (${nodeName(likelihood)}) is not a Gaussian or Bernoulli node.`);
    const port = dist.locationPort;
    const { layers, start } = chainUpstream(doc, likelihood.id, port);
    if (layers.length === 0) throw new ExportError(`There is no decoder to export: the likelihood's ${port} does not come from linear, dense or MLP nodes.`);
    if (!start || (zNode && start.id !== zNode.id)) {
      throw new ExportError(`The decoder must be a chain of linear, dense or MLP nodes reading the latent z; it starts at ${start ? nodeName(start) : 'nothing'}.`);
    }
    const plans = layerPlans(model, layers);
    const bernoulli = dist.meanOfLocation === 'sigmoid';
    return {
      part,
      inputDim: inputDimOf(model, doc, layers[0]),
      outputDim: plans[plans.length - 1].units,
      layers: plans,
      finalSigmoid: bernoulli,
      from: start.id,
      to: likelihood.id,
      description: bernoulli
        ? `Decoder of "${doc.meta.title}": latent z [N, q] → pixel probabilities sigmoid(logits) of the Bernoulli likelihood p(x|z) [N, d].`
        : `Decoder of "${doc.meta.title}": latent z [N, q] → mean of the Gaussian likelihood p(x|z) [N, d].`,
    };
  }

  // Encoder: to the proposal's mean, or to z itself when z is a deterministic layer output.
  let target: { nodeId: string; port: string } | undefined;
  let what = '';
  const gaussian = (n: GraphNode | undefined) => distributionOf(n?.kind)?.family === 'gaussian';
  if (proposal && gaussian(proposal)) {
    target = { nodeId: proposal.id, port: 'mean' };
    what = `mean of the proposal q(z|x) (${nodeName(proposal)})`;
  } else if (zNode && isLayer(zNode.kind)) {
    const consumer = doc.edges.find((e) => e.source === zNode.id);
    if (consumer) target = { nodeId: consumer.target, port: consumer.targetPort };
    what = `point estimate z = g(x) (${nodeName(zNode)})`;
  } else if (zNode && samplerOf(zNode.kind)) {
    const dist = sourceOf(doc, zNode.id, samplerOf(zNode.kind)!.distPort);
    if (dist && gaussian(dist) && sourceOf(doc, dist.id, 'mean')) {
      target = { nodeId: dist.id, port: 'mean' };
      what = `mean of q(z|x) (${nodeName(dist)})`;
    }
  }
  if (!target) throw new ExportError('There is no encoder to export: in this graph z is drawn from the prior, not computed from x.');
  const { layers, start } = chainUpstream(doc, target.nodeId, target.port);
  if (layers.length === 0 || !start || !isDataSource(start.kind)) {
    throw new ExportError(`The encoder must be a chain of linear, dense or MLP nodes from the data to the ${what}.`);
  }
  const plans = layerPlans(model, layers);
  return {
    part,
    inputDim: inputDimOf(model, doc, layers[0]),
    outputDim: plans[plans.length - 1].units,
    layers: plans,
    finalSigmoid: false,
    from: start.id,
    to: target.nodeId,
    description: `Encoder of "${doc.meta.title}": data x [N, d] → ${what} [N, q]. The log-variance head, if any, is not included.`,
  };
}

const DENSE_ACTIVATION: Record<Exclude<Activation, 'leakyRelu'>, 'relu' | 'tanh' | 'sigmoid' | 'softplus' | 'linear'> = {
  relu: 'relu',
  tanh: 'tanh',
  sigmoid: 'sigmoid',
  softplus: 'softplus',
  linear: 'linear',
};

function fileStemFor(doc: GraphDoc, part: ExportPart): string {
  const base =
    doc.meta.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'model';
  return `${base}-${part}`;
}

function joinWeightData(data: tf.io.WeightData | undefined): ArrayBuffer {
  if (!data) return new ArrayBuffer(0);
  return tf.io.CompositeArrayBuffer.join(data);
}

/** Builds the tfjs layers model of the plan, with the trained values, and saves it to memory. */
export async function exportTfjsModel(model: CompiledModel, doc: GraphDoc, part: ExportPart): Promise<ExportedModel> {
  const plan = planExport(model, doc, part);
  const byName = new Map(model.variables.map((v) => [savedName(v), v]));
  const find = (name: string) => {
    const v = byName.get(name);
    if (!v) throw new ExportError(`The trained model has no variable ${name}; train the graph again, then export.`);
    return v;
  };

  const seq = tfl.sequential({ name: `${part}` });
  try {
    plan.layers.forEach((l, i) => {
      const leaky = l.activation === 'leakyRelu';
      const dense = tfl.layers.dense({
        units: l.units,
        useBias: l.bias !== undefined,
        activation: l.activation === 'leakyRelu' ? 'linear' : DENSE_ACTIVATION[l.activation],
        name: `${part}_${i}_${l.nodeId.replace(/[^A-Za-z0-9_]/g, '_')}`,
        ...(i === 0 ? { inputShape: [plan.inputDim] } : {}),
      });
      seq.add(dense);
      dense.setWeights(l.bias ? [find(l.kernel), find(l.bias)] : [find(l.kernel)]);
      if (leaky) seq.add(tfl.layers.leakyReLU({ alpha: 0.2 }));
    });
    if (plan.finalSigmoid) seq.add(tfl.layers.activation({ activation: 'sigmoid' }));
    seq.setUserDefinedMetadata({
      generatedBy: 'Latent Canvas',
      part,
      description: plan.description,
      input: { node: plan.from, dim: plan.inputDim },
      output: { node: plan.to, dim: plan.outputDim },
    });

    const fileStem = fileStemFor(doc, part);
    let artifacts: tf.io.ModelArtifacts | undefined;
    await seq.save(
      tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    if (!artifacts) throw new ExportError('The model could not be serialised.');
    const modelJson = {
      format: artifacts.format,
      generatedBy: artifacts.generatedBy,
      convertedBy: artifacts.convertedBy ?? null,
      modelTopology: artifacts.modelTopology,
      weightsManifest: [{ paths: [`./${fileStem}.weights.bin`], weights: artifacts.weightSpecs ?? [] }],
      userDefinedMetadata: artifacts.userDefinedMetadata,
    };
    return { fileStem, modelJson: JSON.stringify(modelJson), weightsBin: joinWeightData(artifacts.weightData) };
  } finally {
    seq.dispose();
  }
}
