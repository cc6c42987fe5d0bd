import { z } from 'zod';
import type { InferResult, NodeSpec } from '../types';
import { stopGradientTex } from './tex';
import { stopGradientPyTorch } from './export';

export const stopGradientParams = z.object({});

export const stopGradientSpec: NodeSpec<Record<string, never>> = {
  kind: 'stopGradient',
  family: 'part',
  pytorch: stopGradientPyTorch,
  title: 'Stop gradient',
  doc: 'Passes a tensor on unchanged but lets no gradient flow back through it: what is computed from it trains nothing upstream. Reweighted wake-sleep evaluates log q(z|x) at samples held fixed so.',
  formula: '\\bot(v) = v,\\quad \\nabla \\bot(v) = 0',
  inputs: [{ name: 'in', kind: 'tensor', label: 'v' }],
  outputs: [{ name: 'out', kind: 'tensor', label: '⊥v' }],
  params: stopGradientParams as unknown as z.ZodType<Record<string, never>>,
  defaults: {},
  fields: [],
  passThrough: { input: 'in', output: 'out' },
  partTex: stopGradientTex,
  infer({ inputs }): InferResult {
    const v = inputs.in;
    return { outputs: v?.kind === 'tensor' ? { out: v } : {}, errors: [] };
  },
};
