// GraphDoc → CompiledModel: analyse, then build each node's runtime in topological order.
import * as tf from '@tensorflow/tfjs-core';
import type { GraphDoc } from '../graph/document';
import { estimatorOf, getSpec, isDataSource } from '../nodes/registry';
import { getBuilder } from '../nodes/runtimeRegistry';
import { findLinearGaussian, linearChainTo, type LinearGaussianChain } from '../nodes/exactNll/structure';
import { latentOfObjectives, type LatentStructure } from '../nodes/lossStructure';
import { linearGaussianModel, type LinearGaussianModel } from '../nodes/exactNll/linearGaussianModel';
import { analyzeGraph, type Analysis, type GraphIssue } from './analyze';
import type { NodeRuntime, StepContext, TrainingProgress, Value } from '../nodes/runtime/types';
import type { ObjectiveScopeName } from '../nodes/capabilities';
import { encoderNodes, inScope, scopeOf, SCOPE_WORDS } from './objectiveScope';
import { mixSeed } from '../nodes/runtime/seeds';
import { seededNoise, tappedNoise } from '../nodes/runtime/noise';
import { portKey, pullEvaluator, type LearnedPulls } from './pullEvaluator';
import { flattenBlocks } from '../graph/blocks/flatten';

export class CompileError extends Error {
  constructor(public readonly issues: GraphIssue[]) {
    super(issues.map((i) => i.message).join(' '));
    this.name = 'CompileError';
  }
}

/** One objective of the graph: its per-example loss and the variables it trains. */
export interface CompiledObjective {
  nodeId: string;
  /** Its scope's variables, in the model's order. */
  variables: tf.Variable[];
  /** Whether charts and runs report it (exactly one objective is). */
  reported: boolean;
  scope: ObjectiveScopeName;
}

export interface CompiledModel {
  analysis: Analysis;
  dataDim: number;
  variables: tf.Variable[];
  /** The reported objective's per-example loss [B] in nats for a batch x [B, D]. */
  lossPerExample(x: tf.Tensor2D, seed: number, progress?: TrainingProgress): tf.Tensor1D;
  /**
   * Every objective; training adds their gradients, each over its own variables. A graph
   * with one loss has one objective over all variables.
   */
  objectives: CompiledObjective[];
  /** An objective's per-example loss [B]; the same seed draws the same samples for every objective. */
  objectivePerExample(nodeId: string, x: tf.Tensor2D, seed: number, progress?: TrainingProgress, tap?: NoiseTap): tf.Tensor1D;
  /**
   * Lazy evaluation of any node output for a batch, memoised within the call. `overrides`
   * fixes some outputs (keyed by portKey) — evaluation swaps in its own latent samples so.
   * Each node's draws are seeded by the node and the count of its draws, so evaluations in
   * separate calls (one per objective) see the same samples.
   */
  evaluator(x: tf.Tensor2D, seed: number, overrides?: Map<string, Value>, progress?: TrainingProgress, tap?: NoiseTap): (nodeId: string, port: string) => Value;
  /** The PPCA view of the model when it is prior → linear → Gaussian likelihood. */
  linearGaussian?: LinearGaussianModel;
  /** The nodes of that chain (the PyTorch export writes its exact likelihood from them). */
  linearGaussianChain?: LinearGaussianChain;
  /** Where the loss's latent comes from (absent for the exact-likelihood loss). */
  latent?: LatentStructure;
  dispose(): void;
}

/** Sees every noise tensor a node's draw makes (the PyTorch export's first-step check records them). */
export type NoiseTap = (nodeId: string, draw: number, noise: tf.Tensor) => void;

export interface CompileOptions {
  dataDim?: number;
  seed: number;
}

export function compileGraph(doc: GraphDoc, opts: CompileOptions): CompiledModel {
  doc = flattenBlocks(doc).doc; // blocks (format v3) are expanded into their inner nodes first
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
  const found = isExact ? undefined : latentOfObjectives(doc, lossNode, analysis.objectiveIds);
  const latent = found?.ok ? found.latent : undefined;
  const decoder = latent && linearChainTo(doc, latent.likelihoodId, latent.z.node);
  const chain = exact?.ok ? exact.chain : latent && decoder ? { priorId: latent.priorId, samplerId: latent.z.node, linearIds: decoder, likelihoodId: latent.likelihoodId } : undefined;

  // What each node pulled last step: the next step evaluates those inputs first (see pullEvaluator).
  const learned: LearnedPulls = new Map();
  const evaluator: CompiledModel['evaluator'] = (x, seed, overrides, progress, tap) => {
    const [B] = x.shape;
    const xs = tf.reshape(x, [1, B, dataDim]) as tf.Tensor3D;
    const memo = new Map<string, Value>(overrides);
    const drawsOf = new Map<string, number>();
    const compute = (nodeId: string, port: string, input: (p: string) => Value | undefined): Value => {
      const drawsBefore = drawsOf.get(nodeId) ?? 0;
      let draws = drawsBefore;
      const nextNoise = () => {
        const draw = draws++;
        const noise = seededNoise(mixSeed(seed, `${nodeId}#${draw}`));
        return tap ? tappedNoise(noise, (t) => tap(nodeId, draw, t)) : noise;
      };
      const step: StepContext = { x: xs, batch: B, progress, nextNoise };
      // A retry (see pullEvaluator) throws before this records its draws, so it draws the
      // same seeds as the first call would have.
      const value = runtimes.get(nodeId)!.output(port, input, step);
      drawsOf.set(nodeId, draws);
      return value;
    };
    const evaluate = pullEvaluator(
      memo,
      compute,
      (nodeId, p) => {
        const e = incoming.get(portKey(nodeId, p));
        return e && { nodeId: e.source, port: e.sourcePort };
      },
      learned,
    );
    return evaluate;
  };

  const variables = [...runtimes.values()].flatMap((r) => r.variables);
  const encoder = encoderNodes(doc);
  const objectives: CompiledObjective[] = analysis.objectiveIds.map((nodeId) => {
    const scope = scopeOf(byId.get(nodeId)!);
    const scoped = [...runtimes].filter(([id]) => inScope(scope, encoder, id)).flatMap(([, r]) => r.variables);
    return { nodeId, variables: scoped, reported: nodeId === lossId, scope };
  });
  const empty = objectives.find((o) => o.variables.length === 0 && variables.length > 0);
  if (empty) {
    disposeAll(runtimes);
    const scope = scopeOf(byId.get(empty.nodeId)!);
    throw new CompileError([{ nodeId: empty.nodeId, message: `This objective trains ${SCOPE_WORDS[scope]}, but the graph has no such parameters${scope === 'encoder' ? ': nothing upstream of a q(z|x) that a sampler draws from is learned' : ''}.` }]);
  }
  const objectivePerExample: CompiledModel['objectivePerExample'] = (nodeId, x, seed, progress, tap) => evaluator(x, seed, undefined, progress, tap)(nodeId, 'loss') as tf.Tensor1D;

  return {
    analysis,
    dataDim,
    variables,
    objectives,
    objectivePerExample,
    linearGaussian: chain ? linearGaussianModel(chain, runtimes) : undefined,
    linearGaussianChain: chain,
    latent,
    lossPerExample(x, seed, progress) {
      return objectivePerExample(lossId, x, seed, progress);
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
