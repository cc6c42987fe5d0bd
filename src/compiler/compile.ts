// GraphDoc → CompiledModel: analyse, then build each node's runtime in topological order.
import * as tf from '@tensorflow/tfjs-core';
import type { GraphDoc } from '../graph/document';
import { estimatorOf, getSpec, isDataSource } from '../nodes/registry';
import { getBuilder } from '../nodes/runtimeRegistry';
import { findLinearGaussian, linearChainTo } from '../nodes/exactNll/structure';
import { findLatent, type LatentStructure } from '../nodes/lossStructure';
import { linearGaussianModel, type LinearGaussianModel } from '../nodes/exactNll/linearGaussianModel';
import { analyzeGraph, type Analysis, type GraphIssue } from './analyze';
import type { NodeRuntime, StepContext, Value } from '../nodes/runtime/types';
import { mixSeed } from '../nodes/runtime/seeds';
import { portKey, pullEvaluator } from './pullEvaluator';

export class CompileError extends Error {
  constructor(public readonly issues: GraphIssue[]) {
    super(issues.map((i) => i.message).join(' '));
    this.name = 'CompileError';
  }
}

export interface CompiledModel {
  analysis: Analysis;
  dataDim: number;
  variables: tf.Variable[];
  /** Per-example loss [B] in nats for a batch x [B, D]. */
  lossPerExample(x: tf.Tensor2D, seed: number): tf.Tensor1D;
  /**
   * Lazy evaluation of any node output for a batch, memoised within the call. `overrides`
   * fixes some outputs (keyed by portKey) — evaluation swaps in its own latent samples so.
   */
  evaluator(x: tf.Tensor2D, seed: number, overrides?: Map<string, Value>): (nodeId: string, port: string) => Value;
  /** The PPCA view of the model when it is prior → linear → Gaussian likelihood. */
  linearGaussian?: LinearGaussianModel;
  /** Where the loss's latent comes from (absent for the exact-likelihood loss). */
  latent?: LatentStructure;
  dispose(): void;
}

export interface CompileOptions {
  dataDim?: number;
  seed: number;
}

export function compileGraph(doc: GraphDoc, opts: CompileOptions): CompiledModel {
  const analysis = analyzeGraph(doc, { dataDim: opts.dataDim });
  if (analysis.errors.length) throw new CompileError(analysis.errors);
  const dataDim = analysis.dataDim!;
  const lossId = analysis.lossNodeId!;
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const runtimes = new Map<string, NodeRuntime>();
  const scope = `m${++modelCount}:`;

  try {
    for (const id of analysis.order) {
      const node = byId.get(id)!;
      const spec = getSpec(node.kind)!;
      const inputShapes: Record<string, never> = {};
      for (const e of doc.edges) {
        if (e.target === id) Object.assign(inputShapes, { [e.targetPort]: analysis.outputShapes.get(e.source)![e.sourcePort] });
      }
      runtimes.set(
        id,
        getBuilder(node.kind)({
          node,
          params: spec.params.parse(node.params),
          inputShapes,
          outputShapes: analysis.outputShapes.get(id) ?? {},
          dataDim,
          initSeed: mixSeed(opts.seed, id),
          varName: (local) => `${scope}${id}/${local}`,
          inputIsData: (port) => doc.edges.some((e) => e.target === id && e.targetPort === port && isDataSource(byId.get(e.source)?.kind)),
          doc,
          runtimes,
        }),
      );
    }
  } catch (e) {
    disposeAll(runtimes);
    if (e instanceof CompileError) throw e;
    throw new CompileError([{ message: e instanceof Error ? e.message : String(e) }]);
  }

  const incoming = new Map(doc.edges.map((e) => [portKey(e.target, e.targetPort), e]));
  const lossNode = byId.get(lossId)!;
  // An exact estimator integrates the latent out through the linear-Gaussian chain; the others sample it.
  const isExact = !!estimatorOf(lossNode.kind)?.exact;
  const exact = isExact ? findLinearGaussian(doc, lossNode) : undefined;
  const found = isExact ? undefined : findLatent(doc, lossNode);
  const latent = found?.ok ? found.latent : undefined;
  const decoder = latent && linearChainTo(doc, latent.likelihoodId, latent.z.node);
  const chain = exact?.ok ? exact.chain : latent && decoder ? { priorId: latent.priorId, samplerId: latent.z.node, linearIds: decoder, likelihoodId: latent.likelihoodId } : undefined;

  const evaluator: CompiledModel['evaluator'] = (x, seed, overrides) => {
    const [B] = x.shape;
    let draws = 0;
    const step: StepContext = { x: tf.reshape(x, [1, B, dataDim]), batch: B, nextSeed: () => mixSeed(seed, draws++) };
    const memo = new Map<string, Value>(overrides);
    const compute = (nodeId: string, port: string, input: (p: string) => Value | undefined): Value => {
      const drawsBefore = draws;
      try {
        return runtimes.get(nodeId)!.output(port, input, step);
      } catch (e) {
        // A retry (see pullEvaluator) must draw the same seeds as the first call would have.
        draws = drawsBefore;
        throw e;
      }
    };
    const evaluate = pullEvaluator(memo, compute, (nodeId, p) => {
      const e = incoming.get(portKey(nodeId, p));
      return e && { nodeId: e.source, port: e.sourcePort };
    });
    return evaluate;
  };

  return {
    analysis,
    dataDim,
    variables: [...runtimes.values()].flatMap((r) => r.variables),
    linearGaussian: chain ? linearGaussianModel(chain, runtimes) : undefined,
    latent,
    lossPerExample(x, seed) {
      return evaluator(x, seed)(lossId, 'loss') as tf.Tensor1D;
    },
    evaluator,
    dispose() {
      disposeAll(runtimes);
    },
  };
}

let modelCount = 0;

/** A variable's name without its model's prefix: what weights files store. */
export function savedName(v: tf.Variable): string {
  return v.name.slice(v.name.indexOf(':') + 1);
}

export { portKey };

function disposeAll(runtimes: Map<string, NodeRuntime>) {
  for (const r of runtimes.values()) {
    r.variables.forEach((v) => v.dispose());
    r.dispose?.();
  }
}
