// The tfjs half of the node catalogue: kind → builder. Only the training core imports this
// (worker, CLI, tests), so the editor's bundle never pulls in tfjs.
import type { NodeBuilder } from './runtime/types';
import { nodeSpecs } from './registry';
import { buildData } from './data/build';
import { buildGaussian } from './gaussian/build';
import { buildLinear } from './linear/build';
import { buildSampler } from './sampler/build';
import { buildExactNll } from './exactNll/build';
import { buildBernoulli } from './bernoulli/build';
import { buildDense } from './dense/build';
import { buildMlp } from './mlp/build';
import { buildAutoencoderLoss } from './autoencoderLoss/build';
import { buildMcPriorLoss } from './mcPriorLoss/build';
import { buildIwaeLoss } from './iwaeLoss/build';
import { buildElboLoss } from './elboLoss/build';
import { buildLogDensity } from './logDensity/build';
import { buildAnalyticKl } from './analyticKl/build';
import { buildWeightedSum } from './weightedSum/build';
import { buildReduceSamples } from './reduceSamples/build';
import { buildSampleWeights } from './sampleWeights/build';
import { buildStopGradient } from './stopGradient/build';
import { buildStopGradientDist } from './stopGradientDist/build';
import { buildObjective } from './objective/build';
import { buildBlock } from './block/build';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const builders = new Map<string, NodeBuilder<any>>([
  ['data', buildData],
  ['gaussian', buildGaussian],
  ['linear', buildLinear],
  ['sampler', buildSampler],
  ['exactNll', buildExactNll],
  ['bernoulli', buildBernoulli],
  ['dense', buildDense],
  ['mlp', buildMlp],
  ['autoencoderLoss', buildAutoencoderLoss],
  ['mcPriorLoss', buildMcPriorLoss],
  ['iwaeLoss', buildIwaeLoss],
  ['elboLoss', buildElboLoss],
  ['logDensity', buildLogDensity],
  ['analyticKl', buildAnalyticKl],
  ['weightedSum', buildWeightedSum],
  ['reduceSamples', buildReduceSamples],
  ['sampleWeights', buildSampleWeights],
  ['stopGradient', buildStopGradient],
  ['stopGradientDist', buildStopGradientDist],
  ['objective', buildObjective],
  ['block', buildBlock], // never called: compileGraph flattens blocks first (block/build.ts)
]);

for (const kind of nodeSpecs.keys()) {
  if (!builders.has(kind)) throw new Error(`Node kind "${kind}" has a spec but no builder.`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function getBuilder(kind: string): NodeBuilder<any> {
  const b = builders.get(kind);
  if (!b) throw new Error(`No builder for node kind "${kind}".`);
  return b;
}
