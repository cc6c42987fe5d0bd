// log Bernoulli(x | σ(ℓ)) = Σ_d x·ℓ − softplus(ℓ) over logits [S, B, D], with x [Sx, B, D],
// Sx = 1 (the data, shared by every sample) or S; and its two gradients for dy [S, B].
// softplus(ℓ) = max(ℓ, 0) + log1p(exp(−|ℓ|)) and σ in the form that never overflows exp:
// logits of any size give finite terms (ℓ = ±100 is routine early in training).
import type { WebGPUProgram } from './program';
import { FLAT_WORKGROUP, groups } from './program';
import { REDUCE_THREADS, reduceSnippet } from './reduceRows';

const FLAT = 256;

const STABLE = `
  // log(1 + e) for e in [0, 1], accurate for small e where 1 + e rounds (Goldberg's trick).
  fn log1pSmall(e : f32) -> f32 {
    let u = 1.0 + e;
    if (u == 1.0) { return e; }
    return log(u) * e / (u - 1.0);
  }
  fn softplus(l : f32) -> f32 {
    return max(l, 0.0) + log1pSmall(exp(-abs(l)));
  }
  fn sigmoid(l : f32) -> f32 {
    let e = exp(-abs(l));
    return select(e / (1.0 + e), 1.0 / (1.0 + e), l >= 0.0);
  }`;

/** [S, B]: one workgroup per (sample, example), its threads striding the D pixels. */
export function bernoulliLogProbProgram(S: number, B: number): WebGPUProgram {
  return {
    outputShape: [S, B],
    shaderKey: 'latentCanvasBernoulliLogProb',
    dispatchLayout: { x: [0, 1] },
    dispatch: [S * B, 1, 1],
    workgroupSize: [REDUCE_THREADS, 1, 1],
    variableNames: ['X', 'L'],
    uniforms: 'S : i32, B : i32, D : i32, Sx : i32,',
    getUserCode: () => `
  ${STABLE}
  ${reduceSnippet}

  fn main(index : i32) {
    let r = ${FLAT_WORKGROUP};
    let s = r / uniforms.B;
    let b = r - s * uniforms.B;
    let lRow = r * uniforms.D;
    let xRow = (select(s, 0, uniforms.Sx == 1) * uniforms.B + b) * uniforms.D;
    let live = r < uniforms.S * uniforms.B;  // false only in a folded dispatch's spare workgroups
    var sum = 0.0;
    for (var d = i32(localId.x); live && d < uniforms.D; d += ${REDUCE_THREADS}) {
      let l = L[lRow + d];
      sum += X[xRow + d] * l - softplus(l);
    }
    let total = reduce(sum);
    if (localId.x == 0u && live) {
      result[r] = total;
    }
  }`,
  };
}

/** dℓ[s, b, d] = dy[s, b]·(x − σ(ℓ)), elementwise over [S, B, D]. */
export function bernoulliGradLogitsProgram(S: number, B: number, D: number): WebGPUProgram {
  return {
    outputShape: [S, B, D],
    shaderKey: 'latentCanvasBernoulliGradLogits',
    dispatchLayout: { x: [0, 1, 2] },
    dispatch: [groups(S * B * D, FLAT), 1, 1],
    workgroupSize: [FLAT, 1, 1],
    variableNames: ['X', 'L', 'Dy'],
    size: true,
    uniforms: 'B : i32, D : i32, Sx : i32,',
    getUserCode: () => `
  ${STABLE}

  fn main(index : i32) {
    if (index < uniforms.size) {
      let r = index / uniforms.D;               // s·B + b
      let d = index - r * uniforms.D;
      let xAt = select(r, r % uniforms.B, uniforms.Sx == 1) * uniforms.D + d;
      result[index] = Dy[r] * (X[xAt] - sigmoid(L[index]));
    }
  }`,
  };
}

/**
 * dx[s', b, d] = Σ over the samples s sharing that x of dy[s, b]·ℓ[s, b, d]: every sample
 * when Sx = 1, else just s = s'. One thread per element of x, summing s in order.
 */
export function bernoulliGradXProgram(Sx: number, B: number, D: number): WebGPUProgram {
  return {
    outputShape: [Sx, B, D],
    shaderKey: 'latentCanvasBernoulliGradX',
    dispatchLayout: { x: [0, 1, 2] },
    dispatch: [groups(Sx * B * D, FLAT), 1, 1],
    workgroupSize: [FLAT, 1, 1],
    variableNames: ['L', 'Dy'],
    size: true,
    uniforms: 'S : i32, B : i32, D : i32, Sx : i32,',
    getUserCode: () => `
  fn main(index : i32) {
    if (index < uniforms.size) {
      let r = index / uniforms.D;               // s'·B + b
      let d = index - r * uniforms.D;
      let n = select(1, uniforms.S, uniforms.Sx == 1);
      var sum = 0.0;
      for (var s = 0; s < n; s++) {
        let row = r + s * uniforms.B;          // (s' + s)·B + b; s' = 0 when Sx = 1
        sum += Dy[row] * L[row * uniforms.D + d];
      }
      result[index] = sum;
    }
  }`,
  };
}
