// Adam in WGSL, the arithmetic of tf.train.adam (and of the C kernel, kernels.c `adam`) in
// the same order, in float32: m' = m·β₁ + g·(1−β₁); v' = v·β₂ + g²·(1−β₂);
// w' = w + (m'/c₁) / (√(v'/c₂) + ε) · (−lr), with c₁, c₂ = 1 − βᵗ as the optimizer keeps them.
// A program has one output, so a step is three programs per variable (m', v', and w', which
// recomputes m' and v' from the old moments rather than waiting on them) instead of tfjs's
// dozen element-wise kernels.
import type { UniformData, WebGPUProgram } from './program';
import { groups } from './program';
import type { AdamParams } from '../kernelPool';

const FLAT = 256;

export type AdamOutput = 'w' | 'm' | 'v';

const INPUTS: Record<AdamOutput, string[]> = { w: ['W', 'G', 'M', 'V'], m: ['G', 'M'], v: ['G', 'V'] };

const BODY: Record<AdamOutput, string> = {
  m: 'result[index] = M[index] * uniforms.beta1 + G[index] * uniforms.oneMinusBeta1;',
  v: 'let g = G[index];\n      result[index] = V[index] * uniforms.beta2 + (g * g) * uniforms.oneMinusBeta2;',
  w: `let g = G[index];
      let m = M[index] * uniforms.beta1 + g * uniforms.oneMinusBeta1;
      let v = V[index] * uniforms.beta2 + (g * g) * uniforms.oneMinusBeta2;
      let upd = ((m / uniforms.correction1) / (sqrt(v / uniforms.correction2) + uniforms.epsilon)) * uniforms.negLearningRate;
      result[index] = W[index] + upd;`,
};

export function adamProgram(output: AdamOutput, shape: number[]): WebGPUProgram {
  const n = shape.reduce((a, b) => a * b, 1);
  return {
    outputShape: shape,
    shaderKey: `latentCanvasAdam_${output}`,
    dispatchLayout: { x: shape.map((_, i) => i) },
    dispatch: [groups(n, FLAT), 1, 1],
    workgroupSize: [FLAT, 1, 1],
    variableNames: INPUTS[output],
    size: true,
    uniforms: 'beta1 : f32, oneMinusBeta1 : f32, beta2 : f32, oneMinusBeta2 : f32, correction1 : f32, correction2 : f32, epsilon : f32, negLearningRate : f32,',
    getUserCode: () => `
  fn main(index : i32) {
    if (index < uniforms.size) {
      ${BODY[output]}
    }
  }`,
  };
}

/** The uniforms, in the order declared; each rounded to float32 by the upload, as tfjs's scalars are. */
export function adamUniforms(p: AdamParams): UniformData[] {
  return [p.beta1, 1 - p.beta1, p.beta2, 1 - p.beta2, p.correction1, p.correction2, p.epsilon, -p.learningRate].map((v) => ({ type: 'float32', data: [v] }));
}
