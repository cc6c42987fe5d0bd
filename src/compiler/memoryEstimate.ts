// How much memory one training step of a graph needs, from the shapes the analysis infers —
// before anything is compiled, so that settings the file allows but no machine can hold
// (a batch of 65,536 × 10,000 samples) are refused with a sentence instead of growing the
// process past the machine's memory. Pure: the editor, the worker and the CLI all call it.
//
// The model, in float32 values (4 bytes each), and why each factor:
// - activations: every node output is S×B×D values (a distribution counts twice: its mean
//   and its scale or logits), plus the hidden layers inside a node that no edge shows
//   (NodeSpec.hiddenWidths). A training step keeps each of them three times: the forward
//   value, the copy tfjs saves for the backward pass, and its gradient.
// - the data batch, B×D.
// - parameters of the linear and network nodes (in+1)×out per dense layer, four times with
//   Adam (the weights, their gradients, two moments), twice with SGD, plus one copy: the
//   checkpoint kept to restore the weights if training diverges.
// - the held-out evaluation runs the forward pass only (factor 1) on batches of 1,000 sample
//   rows (⌊1,000 / J⌋ examples, at least one); the importance-sampled NLL on up to ⌊20,000 / K⌋ (at most 100) examples with
//   the K samples drawn 50 at a time (see heldOutNll.ts). The peak is the largest phase.
// Small terms (per-dimension scales, per-example losses, tfjs's bookkeeping) are left out:
// the estimate is meant to be right within a factor of about two, which is what a refusal
// at a budget needs.
import type { GraphDoc, GraphNode, TrainingSettings } from '../graph/document';
import { nodeName } from '../graph/queries';
import { getSpec } from '../nodes/registry';
import type { PortShape } from '../nodes/types';
import { samplesOf } from '../nodes/termShapes';
import { flattenBlocks } from '../graph/blocks/flatten';
import type { Analysis } from './analyze';

export const BYTES_PER_FLOAT = 4;
/** Forward value, the copy saved for the backward pass, the gradient. */
const TRAIN_ACTIVATION_COPIES = 3;
/**
 * The held-out loss is evaluated this many sample rows at a time (examples × the graph's
 * samples J): a fixed number of examples would make J = 10,000 a thousand times larger.
 */
export const EVAL_ROWS = 1000;

/** Examples per batch of the held-out loss for a graph whose widest output has `samples` per example. */
export function evalBatchSize(samples: number): number {
  return Math.max(1, Math.floor(EVAL_ROWS / Math.max(1, samples)));
}

/** The most samples per example any output of the graph carries (its J). */
export function maxSamples(analysis: Analysis): number {
  let s = 1;
  for (const outs of analysis.outputShapes.values()) for (const o of Object.values(outs)) s = Math.max(s, samplesOf(o));
  return s;
}
/** heldOutNll draws the K importance samples this many at a time. */
export const NLL_CHUNK = 50;

export interface NodeMemory {
  nodeId: string;
  name: string;
  /** Values per example per sample: Σ D over its outputs and hidden layers. */
  widthPerRow: number;
  /** Samples per example (S) of its widest output. */
  samples: number;
  params: number;
  /** A linear or network node: its layer widths are a setting one can lower. */
  hasLayers: boolean;
}

export interface MemoryEstimate {
  /** Peak bytes of the largest phase. */
  bytes: number;
  phase: 'training step' | 'held-out evaluation' | 'held-out NLL';
  trainStepBytes: number;
  evalBytes: number;
  nllBytes: number;
  paramBytes: number;
  nodes: NodeMemory[];
  /** The node where the most samples per example are drawn (a sampler with J > 1), if any. */
  sampleSource?: { nodeId: string; name: string; samples: number };
}

export interface EstimateInput {
  doc: GraphDoc;
  analysis: Analysis;
  settings: Pick<TrainingSettings, 'batchSize' | 'optimizer' | 'evalSamples'>;
  /** Rows of training data, when known (the batch never exceeds it). */
  nTrain?: number;
  /** Rows of held-out data, when known (the evaluation batch never exceeds it). */
  nTest?: number;
}

// Floats per sample and example: a distribution holds a mean and a scale, a term one number.
const valuesOf = (s: PortShape) => (s.kind === 'tensor' ? s.dim : s.kind === 'dist' ? 2 * s.dim : s.kind === 'term' ? 1 : 0);

export function estimateMemory({ doc: withBlocks, analysis, settings, nTrain, nTest }: EstimateInput): MemoryEstimate {
  // The analysis is of the flattened graph (blocks expanded); so are the nodes counted here.
  const doc = flattenBlocks(withBlocks).doc;
  const B = Math.min(settings.batchSize, nTrain ?? Infinity);
  const evalB = Math.min(evalBatchSize(maxSamples(analysis)), nTest ?? Infinity);
  const K = settings.evalSamples;
  const nllB = Math.max(1, Math.min(100, Math.floor(20000 / K) || 1));
  const nllS = Math.min(K, NLL_CHUNK);

  const nodes = doc.nodes.map((n) => nodeMemory(n, doc, analysis));
  // Values per example of a whole forward pass: Σ over nodes of S × width.
  const perExample = nodes.reduce((s, m) => s + m.samples * m.widthPerRow, 0);
  // In the NLL pass the K samples (a chunk at a time) replace the graph's own J downstream of its samplers.
  const sampled = downstreamOfSamplers(doc);
  const perExampleNll = nodes.reduce((s, m) => s + (sampled.has(m.nodeId) ? nllS : m.samples) * m.widthPerRow, 0);
  const params = nodes.reduce((s, m) => s + m.params, 0);
  const paramCopies = (settings.optimizer === 'sgd' ? 2 : 4) + 1;
  const dataDim = analysis.dataDim ?? 0;

  const paramBytes = params * paramCopies * BYTES_PER_FLOAT;
  const trainStepBytes = (TRAIN_ACTIVATION_COPIES * B * perExample + B * dataDim) * BYTES_PER_FLOAT + paramBytes;
  const evalBytes = (evalB * perExample + evalB * dataDim) * BYTES_PER_FLOAT + paramBytes;
  const nllBytes = (nllB * perExampleNll + nllB * dataDim) * BYTES_PER_FLOAT + paramBytes;
  const phases = [
    ['training step', trainStepBytes],
    ['held-out evaluation', evalBytes],
    ['held-out NLL', nllBytes],
  ] as const;
  const [phase, bytes] = phases.reduce((a, b) => (b[1] > a[1] ? b : a));

  const drawn = nodes.filter((m) => m.samples > 1 && m.samples > inputSamples(m.nodeId, doc, analysis)).sort((a, b) => b.samples - a.samples)[0];
  return {
    bytes,
    phase,
    trainStepBytes,
    evalBytes,
    nllBytes,
    paramBytes,
    nodes,
    sampleSource: drawn && { nodeId: drawn.nodeId, name: drawn.name, samples: drawn.samples },
  };
}

function nodeMemory(node: GraphNode, doc: GraphDoc, analysis: Analysis): NodeMemory {
  const spec = getSpec(node.kind);
  const outputs = Object.values(analysis.outputShapes.get(node.id) ?? {});
  const samples = Math.max(1, ...outputs.map(samplesOf));
  const parsed = spec?.params.safeParse(node.params);
  const hidden = parsed?.success ? (spec!.hiddenWidths?.(parsed.data) ?? []) : [];
  const widthPerRow = outputs.reduce((s, o) => s + valuesOf(o), 0) + hidden.reduce((s, h) => s + h, 0);
  let params = 0;
  const hasLayers = !!spec && (spec.family === 'linear' || spec.family === 'network');
  if (hasLayers) {
    // A chain of dense layers: input → hidden… → each tensor output.
    for (const e of doc.edges.filter((x) => x.target === node.id)) {
      const input = analysis.edgeShapes.get(e.id);
      if (!input || input.kind !== 'tensor') continue;
      for (const out of outputs) {
        if (out.kind !== 'tensor') continue;
        const widths = [input.dim, ...hidden, out.dim];
        for (let i = 1; i < widths.length; i++) params += (widths[i - 1] + 1) * widths[i];
      }
    }
  }
  return { nodeId: node.id, name: nodeName(node), widthPerRow, samples, params, hasLayers };
}

function downstreamOfSamplers(doc: GraphDoc): Set<string> {
  const seen = new Set(doc.nodes.filter((n) => getSpec(n.kind)?.family === 'sampler').map((n) => n.id));
  const queue = [...seen];
  while (queue.length) {
    const id = queue.pop()!;
    for (const e of doc.edges) {
      if (e.source === id && !seen.has(e.target)) {
        seen.add(e.target);
        queue.push(e.target);
      }
    }
  }
  return seen;
}

function inputSamples(nodeId: string, doc: GraphDoc, analysis: Analysis): number {
  const shapes = doc.edges.filter((e) => e.target === nodeId).map((e) => analysis.edgeShapes.get(e.id));
  return Math.max(1, ...shapes.map((s) => (s ? samplesOf(s) : 1)));
}

/** "12.3 GB", "640 MB": binary units, as memory is sized. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? Math.round(v) : v >= 100 ? Math.round(v) : v.toFixed(1)} ${units[u]}`;
}

/** "4GB", "512 MB", "2.5g", "1e9": bytes; undefined when it is not a size. GB means 2³⁰ bytes. */
export function parseByteSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?(?:e\d+)?)\s*(b|k|kb|m|mb|g|gb|t|tb|kib|mib|gib|tib)?\s*$/i.exec(text);
  if (!m) return undefined;
  const scale: Record<string, number> = { b: 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };
  const bytes = Number(m[1]) * scale[(m[2] ?? 'b')[0].toLowerCase()];
  return Number.isFinite(bytes) && bytes > 0 ? bytes : undefined;
}

/**
 * A sentence refusing the run when its estimate is over `budget` bytes, naming the settings
 * that would bring it down; undefined when it fits. `where` says whose budget it is
 * ("this browser allows", "--memory-limit allows").
 */
export function memoryRefusal(est: MemoryEstimate, settings: Pick<TrainingSettings, 'batchSize' | 'evalSamples'>, budget: number, where: string): { message: string; nodeId?: string } | undefined {
  if (est.bytes <= budget) return undefined;
  // The layer node that costs most: its activations per example and its parameters' copies.
  const cost = (m: NodeMemory) => m.samples * m.widthPerRow * settings.batchSize + m.params * 5;
  const widest = est.nodes.filter((m) => m.hasLayers).sort((a, b) => cost(b) - cost(a))[0];
  const levers: string[] = [];
  if (est.phase === 'training step') levers.push(`the batch size (${settings.batchSize.toLocaleString('en-US')})`);
  if (est.sampleSource) levers.push(`the samples J of "${est.sampleSource.name}" (${est.sampleSource.samples.toLocaleString('en-US')})`);
  if (est.phase === 'held-out NLL') levers.push(`the eval samples K (${settings.evalSamples.toLocaleString('en-US')})`);
  if (widest) levers.push(`the layer widths of "${widest.name}"`);
  const list = levers.length > 1 ? `${levers.slice(0, -1).join(', ')} or ${levers.at(-1)}` : levers[0] ?? 'the model';
  return {
    message:
      `This model would need about ${formatBytes(est.bytes)} of memory for its ${est.phase}, more than the ${formatBytes(budget)} ${where}. ` +
      `Lower ${list}.`,
    nodeId: est.sampleSource?.nodeId ?? widest?.nodeId,
  };
}
