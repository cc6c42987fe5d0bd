// Where one training step's time goes, in the bench's own words: this project's fused kernels
// by what they do, and tfjs's own kernels (the sampler, KL, reshapes, clones) as one line with
// their count — the count is what fusing removes. Host-agnostic (Node and the browser worker).
import * as tf from '@tensorflow/tfjs-core';
import { ADAM, BERNOULLI_GRAD, BERNOULLI_LOG_PROB, DENSE_BACKWARD, GEMM } from '../../kernels/tfjsKernels';

export type StepPart = 'matrix products' | 'Bernoulli likelihood' | 'Adam' | 'relu′ and bias gradients' | 'tfjs kernels';

export interface StepBreakdown {
  /** Kernel time per step, summed over the parts (profiling adds a little to each kernel). */
  msPerStep: number;
  kernelsPerStep: number;
  parts: { part: StepPart; msPerStep: number; kernelsPerStep: number }[];
}

const PART_OF_KERNEL: Record<string, StepPart> = {
  [GEMM]: 'matrix products',
  [BERNOULLI_LOG_PROB]: 'Bernoulli likelihood',
  [BERNOULLI_GRAD]: 'Bernoulli likelihood',
  [ADAM]: 'Adam',
  [DENSE_BACKWARD]: 'relu′ and bias gradients',
};

const ORDER: StepPart[] = ['matrix products', 'Bernoulli likelihood', 'Adam', 'relu′ and bias gradients', 'tfjs kernels'];

interface ProfiledKernel {
  name: string;
  kernelTimeMs: number | { error: string };
}

/**
 * Profiles `steps` whole steps (after the caller's warm-up). tf.profile also lists the
 * custom-gradient wrappers, whose time includes the kernels inside them; only registered
 * kernels are counted, so nothing is counted twice.
 */
export async function profileSteps(step: (i: number) => tf.Scalar | Promise<tf.Scalar>, steps = 3): Promise<StepBreakdown> {
  const backend = tf.getBackend();
  const sums = new Map<StepPart, { ms: number; n: number }>();
  for (let s = 0; s < steps; s++) {
    const info = await tf.profile(async () => {
      (await step(s)).dispose();
    });
    for (const k of info.kernels as unknown as ProfiledKernel[]) {
      if (!tf.getKernel(k.name, backend)) continue;
      const part = PART_OF_KERNEL[k.name] ?? 'tfjs kernels';
      const sum = sums.get(part) ?? { ms: 0, n: 0 };
      sum.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
      sum.n++;
      sums.set(part, sum);
    }
  }
  const parts = ORDER.filter((p) => sums.has(p)).map((part) => ({ part, msPerStep: sums.get(part)!.ms / steps, kernelsPerStep: sums.get(part)!.n / steps }));
  return {
    msPerStep: parts.reduce((a, p) => a + p.msPerStep, 0),
    kernelsPerStep: parts.reduce((a, p) => a + p.kernelsPerStep, 0),
    parts,
  };
}
