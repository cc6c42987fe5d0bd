// The node catalogue, built once. A duplicate kind is a programming error and throws.
import type { AnyNodeSpec, NodeSpec, PortSpec } from './types';
import { dataSpec } from './data/spec';
import { gaussianSpec } from './gaussian/spec';
import { linearSpec } from './linear/spec';
import { samplerSpec } from './sampler/spec';
import { exactNllSpec } from './exactNll/spec';
import { bernoulliSpec } from './bernoulli/spec';
import { denseSpec } from './dense/spec';
import { mlpSpec } from './mlp/spec';
import { autoencoderLossSpec } from './autoencoderLoss/spec';
import { mcPriorLossSpec } from './mcPriorLoss/spec';
import { iwaeLossSpec } from './iwaeLoss/spec';
import { elboLossSpec } from './elboLoss/spec';
import { logDensitySpec } from './logDensity/spec';
import { analyticKlSpec } from './analyticKl/spec';
import { weightedSumSpec } from './weightedSum/spec';
import { reduceSamplesSpec } from './reduceSamples/spec';
import { sampleWeightsSpec } from './sampleWeights/spec';
import { stopGradientSpec } from './stopGradient/spec';
import { stopGradientDistSpec } from './stopGradientDist/spec';
import { objectiveSpec } from './objective/spec';
import { blockSpec } from './block/spec';

export function buildRegistry(specs: AnyNodeSpec[]): ReadonlyMap<string, AnyNodeSpec> {
  const map = new Map<string, AnyNodeSpec>();
  for (const s of specs) {
    if (map.has(s.kind)) throw new Error(`Node kind "${s.kind}" is registered twice.`);
    map.set(s.kind, s);
  }
  return map;
}

export const nodeSpecs: ReadonlyMap<string, AnyNodeSpec> = buildRegistry([
  dataSpec,
  gaussianSpec,
  bernoulliSpec,
  linearSpec,
  denseSpec,
  mlpSpec,
  samplerSpec,
  exactNllSpec,
  autoencoderLossSpec,
  mcPriorLossSpec,
  iwaeLossSpec,
  elboLossSpec,
  logDensitySpec,
  analyticKlSpec,
  weightedSumSpec,
  reduceSamplesSpec,
  sampleWeightsSpec,
  stopGradientSpec,
  stopGradientDistSpec,
  objectiveSpec,
  blockSpec,
]);

export function getSpec(kind: string): AnyNodeSpec | undefined {
  return nodeSpecs.get(kind);
}

export function inputPort(kind: string, port: string): PortSpec | undefined {
  return nodeSpecs.get(kind)?.inputs.find((p) => p.name === port);
}

export function outputPort(kind: string, port: string): PortSpec | undefined {
  return nodeSpecs.get(kind)?.outputs.find((p) => p.name === port);
}

/** The capabilities a spec may declare (see capabilities.ts). */
export type Capability = 'estimator' | 'distribution' | 'layer' | 'sampler' | 'dataSource' | 'density' | 'kl' | 'passThrough' | 'objective' | 'sum' | 'reduction' | 'pytorch';

/** Every registered spec that declares `cap`, in registration order. */
export function specsWith<C extends Capability>(cap: C): (AnyNodeSpec & Required<Pick<AnyNodeSpec, C>>)[] {
  return [...nodeSpecs.values()].filter((s): s is AnyNodeSpec & Required<Pick<AnyNodeSpec, C>> => s[cap] !== undefined);
}

// Lookups by kind; an unknown kind (or undefined) has no capability.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Cap<C extends Capability> = NonNullable<NodeSpec<any>[C]>;
const capOf = <C extends Capability>(cap: C) => (kind: string | undefined): Cap<C> | undefined => (kind === undefined ? undefined : (nodeSpecs.get(kind)?.[cap] as Cap<C> | undefined));

export const estimatorOf = capOf('estimator');
export const distributionOf = capOf('distribution');
export const layerOf = capOf('layer');
export const samplerOf = capOf('sampler');
export const dataSourceOf = capOf('dataSource');
export const densityOf = capOf('density');
export const klOf = capOf('kl');
export const passThroughOf = capOf('passThrough');
export const objectiveOf = capOf('objective');
export const sumOf = capOf('sum');
export const reductionOf = capOf('reduction');
export const pytorchOf = capOf('pytorch');

export const isEstimator = (kind: string | undefined): boolean => estimatorOf(kind) !== undefined;
export const isLayer = (kind: string | undefined): boolean => layerOf(kind) !== undefined;
export const isSampler = (kind: string | undefined): boolean => samplerOf(kind) !== undefined;
export const isDataSource = (kind: string | undefined): boolean => dataSourceOf(kind) !== undefined;
