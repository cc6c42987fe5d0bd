// The palette's sections: one entry per registered node kind, grouped by family in the
// order a model is usually built (data first, loss last).
import { nodeSpecs } from '../../nodes/registry';
import type { AnyNodeSpec, NodeFamily } from '../../nodes/types';

export const FAMILY_ORDER: { family: NodeFamily; title: string }[] = [
  { family: 'data', title: 'Data' },
  { family: 'distribution', title: 'Distributions' },
  { family: 'linear', title: 'Linear' },
  { family: 'network', title: 'Neural networks' },
  { family: 'sampler', title: 'Samplers' },
  { family: 'part', title: 'Estimator parts' },
  { family: 'loss', title: 'Losses' },
];

export function paletteGroups(specs: Iterable<AnyNodeSpec> = nodeSpecs.values()) {
  const all = [...specs];
  return FAMILY_ORDER.map((g) => ({ ...g, specs: all.filter((s) => s.family === g.family) })).filter((g) => g.specs.length > 0);
}

/** The drag-and-drop payload type for "add this node kind here". */
export const NODE_KIND_MIME = 'application/x-latent-canvas-kind';

/** The drag-and-drop payload type for "add an instance of this block definition here". */
export const BLOCK_DEF_MIME = 'application/x-latent-canvas-block';
