// Adam with one kernel per variable per step. tfjs's AdamOptimizer spends about a dozen
// element-wise ops per variable (each a pass over memory, each a kernel launch); on the
// reference VAE that is ~120 kernels per step. Same formula, same defaults (ε is the
// backend's epsilon): swapping it in changes speed, not results. On wasm and cpu the moments
// live in the kernels' memory rather than in tensors (they never leave the optimizer); on a
// GPU backend with its own ADAM kernel (webgpu, src/kernels/webgpu) they are GPU tensors the
// optimizer holds, and the kernel returns them updated with the weights.
import * as tf from '@tensorflow/tfjs-core';
import { ADAM, fusedAdamReady, holdMoments, kernelsReady, releaseMoments, type AdamAttrs } from './tfjsKernels';

export class FusedAdam extends tf.Optimizer {
  static get className() {
    return 'Adam';
  }
  /** Moments handle per variable name (in the pool: wasm, cpu). */
  private readonly moments = new Map<string, number>();
  /** Moments as tensors per variable name (a GPU backend's ADAM kernel). */
  private readonly tensorMoments = new Map<string, { m: tf.Variable; v: tf.Variable }>();
  private readonly epsilon: number;
  private beta1Power = 1;
  private beta2Power = 1;

  constructor(
    private readonly learningRate: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    epsilon?: number,
  ) {
    super();
    this.epsilon = epsilon ?? tf.backend().epsilon();
  }

  applyGradients(variableGradients: tf.NamedTensorMap | { name: string; tensor: tf.Tensor }[]): void {
    if (!fusedAdamReady()) throw new Error(`FusedAdam needs the fast kernels on the ${tf.getBackend()} backend.`);
    const inPool = kernelsReady();
    const pairs = Array.isArray(variableGradients) ? variableGradients.map((g) => [g.name, g.tensor] as const) : Object.entries(variableGradients);
    // βᵗ as tfjs keeps it: a float32 multiplied by β each step, so the corrections match bit for bit.
    this.beta1Power = Math.fround(this.beta1Power * Math.fround(this.beta1));
    this.beta2Power = Math.fround(this.beta2Power * Math.fround(this.beta2));
    const attrs: Omit<AdamAttrs, 'moments'> = {
      learningRate: this.learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      correction1: Math.fround(1 - this.beta1Power),
      correction2: Math.fround(1 - this.beta2Power),
    };
    tf.tidy(() => {
      for (const [name, g] of pairs) {
        if (g == null) continue;
        const w = tf.engine().registeredVariables[name];
        if (!inPool) {
          let mv = this.tensorMoments.get(name);
          if (!mv) this.tensorMoments.set(name, (mv = { m: tf.variable(tf.zerosLike(w), false), v: tf.variable(tf.zerosLike(w), false) }));
          const [w1, m1, v1] = tf.engine().runKernel(ADAM, { w, g, m: mv.m, v: mv.v }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
          w.assign(w1);
          mv.m.assign(m1);
          mv.v.assign(v1);
          continue;
        }
        let moments = this.moments.get(name);
        if (moments === undefined) this.moments.set(name, (moments = holdMoments(w.size)));
        w.assign(tf.engine().runKernel(ADAM, { w, g }, { ...attrs, moments } as unknown as tf.NamedAttrMap) as tf.Tensor);
      }
    });
    this.incrementIterations();
  }

  getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }

  dispose() {
    this.moments.forEach(releaseMoments);
    this.moments.clear();
    this.tensorMoments.forEach(({ m, v }) => tf.dispose([m, v]));
    this.tensorMoments.clear();
  }
}
