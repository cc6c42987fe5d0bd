// One-click variants of a graph for comparing estimators: another loss over the same
// wiring, another number of samples J, the KL analytic or Monte Carlo. Each variant is a
// modified copy of the document, offered only when analyzeGraph finds no error in it.
import type { GraphDoc, GraphEdge, GraphNode } from '../../graph/document';
import { analyzeGraph } from '../../compiler/analyze';
import { sourceOf } from '../../graph/queries';
import { estimatorOf, getSpec, samplerOf, specsWith } from '../../nodes/registry';
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

/**
 * The estimators a loss node can be swapped to, in the order of the lecture: every kind that
 * declares an estimator (src/nodes/<kind>/estimator.ts says its place, J and rewiring).
 */
export const ESTIMATOR_KINDS: readonly string[] = specsWith('estimator')
  .sort((a, b) => a.estimator.order - b.estimator.order)
  .map((s) => s.kind);
export const SAMPLE_COUNTS = [1, 5, 10, 50] as const;

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
  const est = spec?.estimator;
  if (!spec || !est || !loss || loss.kind === kind) return undefined;
  const prior = sourceOf(doc, loss.id, 'prior');
  const sampler = latentSampler(doc, loss);
  const hadEncoder = sourceOf(doc, loss.id, 'proposal') !== undefined || (sampler === undefined && sourceOf(doc, loss.id, 'z') !== undefined);
  // A point estimate needs something that looks at x; sampling the prior's mean would train a constant.
  if (est.pointEstimate && !hadEncoder) return undefined;

  const out = clone(doc);
  const node = out.nodes.find((n) => n.id === loss.id)!;
  node.kind = kind;
  node.params = { ...spec.defaults };
  const ports = new Set(spec.inputs.map((p) => p.name));
  out.edges = out.edges.filter((e) => e.target !== loss.id || ports.has(e.targetPort));
  if (sampler) {
    if (est.fromPrior && prior && sourceOf(doc, sampler.id, 'dist')?.id !== prior.id) resample(out, sampler, prior);
    setParams(out, sampler.id, { mode: est.pointEstimate ? 'mean' : 'reparam' });
    if (est.swapInSamples && (sampler.params.samples ?? 1) === 1) setParams(out, sampler.id, { samples: est.swapInSamples });
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
  const est = estimatorOf(loss.kind);
  if (sampler && est?.samples && !samplerOf(sampler.kind)?.pointEstimate(sampler.params)) {
    const J = typeof sampler.params.samples === 'number' ? sampler.params.samples : 1;
    for (const j of SAMPLE_COUNTS) {
      if (j === J) continue;
      const v = clone(doc);
      setParams(v, sampler.id, { samples: j });
      out.push(...named(`J-${j}`, `Samples: J = ${j}`, v));
    }
  }
  for (const pv of est?.paramVariants?.(loss.params) ?? []) {
    const v = clone(doc);
    setParams(v, loss.id, pv.patch);
    out.push(...named(pv.key, pv.label, v));
  }
  return out;
}
