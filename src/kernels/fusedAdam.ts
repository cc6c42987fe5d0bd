// Adam with one kernel per variable per step. tfjs's AdamOptimizer spends about a dozen
// element-wise ops per variable (each a pass over memory, each a kernel launch); on the
// reference VAE that is ~120 kernels per step. Same formula, same defaults (ε is the
// backend's epsilon): swapping it in changes speed, not results. The moments live in the
// kernels' memory rather than in tensors (they never leave the optimizer).
import * as tf from '@tensorflow/tfjs-core';
import { ADAM, holdMoments, kernelsReady, releaseMoments, type AdamAttrs } from './tfjsKernels';

export class FusedAdam extends tf.Optimizer {
  static get className() {
    return 'Adam';
  }
  /** Moments handle per variable name. */
  private readonly moments = new Map<string, number>();
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
    if (!kernelsReady()) throw new Error(`FusedAdam needs the fast kernels on the ${tf.getBackend()} backend.`);
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
  }
}
