import { z } from 'zod';
import type { InferResult, NodeSpec } from '../types';
import { stopGradientDistTex } from './tex';
import { stopGradientDistPyTorch } from './export';

export const stopGradientDistParams = z.object({});

export const stopGradientDistSpec: NodeSpec<Record<string, never>> = {
  kind: 'stopGradientDist',
  family: 'part',
  pytorch: stopGradientDistPyTorch,
  title: 'Hold parameters fixed',
  doc: 'The same distribution with its parameters held fixed (stop-gradient on them): a log-density of it still depends on the value where it is evaluated, but trains nothing through the parameters. log q(z|x) so, with z = μ + s ⊙ ε, is "sticking the landing" (Roeder et al., 2017) and half of DReG.',
  formula: 'q_{\\bot\\phi}(z \\mid x):\\ \\nabla_\\phi \\log q_{\\bot\\phi}(z \\mid x) = 0',
  inputs: [{ name: 'dist', kind: 'dist', label: 'q' }],
  outputs: [{ name: 'dist', kind: 'dist', label: 'q⊥' }],
  params: stopGradientDistParams as unknown as z.ZodType<Record<string, never>>,
  defaults: {},
  fields: [],
  passThrough: { input: 'dist', output: 'dist' },
  partTex: stopGradientDistTex,
  infer({ inputs }): InferResult {
    const d = inputs.dist;
    return { outputs: d?.kind === 'dist' ? { dist: d } : {}, errors: [] };
  },
};
