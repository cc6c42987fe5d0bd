// One-click variants of a graph for comparing estimators: another loss over the same
// wiring, another number of samples J, the KL analytic or Monte Carlo. Each variant is a
// modified copy of the document, offered only when analyzeGraph finds no error in it.
import type { GraphDoc, GraphEdge, GraphNode } from '../../graph/document';
import { analyzeGraph } from '../../compiler/analyze';
import { sourceOf } from '../../graph/queries';
import { getSpec } from '../../nodes/registry';
import { estimatorName, latentSampler, lossNodeOf } from './estimatorName';

export interface Variant {
  /** Stable key for the menu and its test id ("loss-iwaeLoss", "J-5", "kl-mc"). */
  key: string;
  /** What the menu says. */
  label: string;
  /** The run's name ("IWAE, J=5"). */
  name: string;
  doc: GraphDoc;
}

/** The estimators a loss node can be swapped to, in the order of the lecture. */
export const ESTIMATOR_KINDS = ['exactNll', 'autoencoderLoss', 'mcPriorLoss', 'iwaeLoss', 'elboLoss'] as const;
export const SAMPLE_COUNTS = [1, 5, 10, 50] as const;
/** Estimators whose value depends on the number of samples J. */
const SAMPLED = new Set(['elboLoss', 'iwaeLoss', 'mcPriorLoss']);
/**
 * J for an estimator swapped in from a single-sample graph: IWAE with J = 1 is the ELBO, and
 * the prior-sample estimate needs several samples to say anything (the lecture uses 10).
 */
const SWAP_J: Record<string, number> = { iwaeLoss: 5, mcPriorLoss: 10 };
/** Estimators that draw z from the prior (or integrate over it), not from an encoder. */
const FROM_PRIOR = new Set(['mcPriorLoss', 'exactNll']);

const clone = (doc: GraphDoc): GraphDoc => structuredClone(doc);
const compiles = (doc: GraphDoc): boolean => analyzeGraph(doc).errors.length === 0;
const setParams = (doc: GraphDoc, id: string, patch: Record<string, unknown>) => {
  const n = doc.nodes.find((m) => m.id === id)!;
  n.params = { ...n.params, ...patch };
};

/** Points the sampler at `dist` instead of whatever it sampled from before. */
function resample(doc: GraphDoc, sampler: GraphNode, dist: GraphNode) {
  const kept = doc.edges.filter((e) => !(e.target === sampler.id && e.targetPort === 'dist'));
  const edge: GraphEdge = { id: `${dist.id}.dist-${sampler.id}.dist`, source: dist.id, sourcePort: 'dist', target: sampler.id, targetPort: 'dist' };
  while (kept.some((e) => e.id === edge.id)) edge.id += "'";
  doc.edges = [...kept, edge];
}

/** The graph with its loss swapped to `kind`, rewired as little as the new estimator needs. */
export function swapEstimator(doc: GraphDoc, kind: string): GraphDoc | undefined {
  const spec = getSpec(kind);
  const loss = lossNodeOf(doc);
  if (!spec || !loss || loss.kind === kind) return undefined;
  const prior = sourceOf(doc, loss.id, 'prior');
  const sampler = latentSampler(doc, loss);
  const hadEncoder = sourceOf(doc, loss.id, 'proposal') !== undefined || (sampler === undefined && sourceOf(doc, loss.id, 'z') !== undefined);
  // A point estimate needs something that looks at x; sampling the prior's mean would train a constant.
  if (kind === 'autoencoderLoss' && !hadEncoder) return undefined;

  const out = clone(doc);
  const node = out.nodes.find((n) => n.id === loss.id)!;
  const keepKl = kind === 'elboLoss' && loss.kind === 'elboLoss';
  node.kind = kind;
  node.params = keepKl ? { ...loss.params } : { ...spec.defaults };
  const ports = new Set(spec.inputs.map((p) => p.name));
  out.edges = out.edges.filter((e) => e.target !== loss.id || ports.has(e.targetPort));
  if (sampler) {
    if (FROM_PRIOR.has(kind) && prior && sourceOf(doc, sampler.id, 'dist')?.id !== prior.id) resample(out, sampler, prior);
    setParams(out, sampler.id, { mode: kind === 'autoencoderLoss' ? 'mean' : 'reparam' });
    if (SWAP_J[kind] && (sampler.params.samples ?? 1) === 1) setParams(out, sampler.id, { samples: SWAP_J[kind] });
  }
  return out;
}

function named(key: string, label: string, doc: GraphDoc | undefined): Variant[] {
  return doc && compiles(doc) ? [{ key, label, name: estimatorName(doc), doc }] : [];
}

/** Every variant of `doc` that compiles: other estimators, other J, the other KL. */
export function variantsOf(doc: GraphDoc): Variant[] {
  const loss = lossNodeOf(doc);
  if (!loss) return [];
  const out: Variant[] = [];
  for (const kind of ESTIMATOR_KINDS) {
    if (kind === loss.kind) continue;
    out.push(...named(`loss-${kind}`, `Estimator: ${getSpec(kind)?.title ?? kind}`, swapEstimator(doc, kind)));
  }
  const sampler = latentSampler(doc, loss);
  if (sampler && SAMPLED.has(loss.kind) && sampler.params.mode !== 'mean') {
    const J = typeof sampler.params.samples === 'number' ? sampler.params.samples : 1;
    for (const j of SAMPLE_COUNTS) {
      if (j === J) continue;
      const v = clone(doc);
      setParams(v, sampler.id, { samples: j });
      out.push(...named(`J-${j}`, `Samples: J = ${j}`, v));
    }
  }
  if (loss.kind === 'elboLoss') {
    const kl = loss.params.kl === 'mc' ? 'analytic' : 'mc';
    const v = clone(doc);
    setParams(v, loss.id, { kl });
    out.push(...named(`kl-${kl}`, kl === 'mc' ? 'KL: Monte Carlo' : 'KL: analytic', v));
  }
  return out;
}
