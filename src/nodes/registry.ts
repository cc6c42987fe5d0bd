// The node catalogue, built once. A duplicate kind is a programming error and throws.
import type { AnyNodeSpec, PortSpec } from './types';
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
