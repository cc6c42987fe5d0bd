// A dense layer's backward before its two products: dz = dy·relu′ and db = Σ_rows dz.
// Two programs, both reading dy (and y) directly, so neither waits on the other: relu′ is
// read off the layer's output (y > 0 exactly where the pre-activation is, as on wasm/cpu).
import type { WebGPUProgram } from './program';
import { FLAT_WORKGROUP, groups } from './program';
import { REDUCE_THREADS, reduceSnippet } from './reduceRows';

const FLAT = 256;

/** dz[i] = y[i] > 0 ? dy[i] : 0, elementwise over [M, N]. */
export function reluGradProgram(M: number, N: number): WebGPUProgram {
  return {
    outputShape: [M, N],
    shaderKey: 'latentCanvasReluGrad',
    dispatchLayout: { x: [0, 1] },
    dispatch: [groups(M * N, FLAT), 1, 1],
    workgroupSize: [FLAT, 1, 1],
    variableNames: ['Dy', 'Y'],
    size: true,
    getUserCode: () => `
  fn main(index : i32) {
    if (index < uniforms.size) {
      result[index] = select(0.0, Dy[index], Y[index] > 0.0);
    }
  }`,
  };
}

/** db[j] = Σ_i dz[i, j], dz = dy·relu′ when `relu` (then y is the second input), else dy. */
export function biasGradProgram(N: number, relu: boolean): WebGPUProgram {
  return {
    outputShape: [N],
    shaderKey: `latentCanvasBiasGrad_${+relu}`,
    dispatchLayout: { x: [0] },
    dispatch: [N, 1, 1],
    workgroupSize: [REDUCE_THREADS, 1, 1],
    variableNames: relu ? ['Dy', 'Y'] : ['Dy'],
    uniforms: 'M : i32, N : i32,',
    getUserCode: () => `
  ${reduceSnippet}

  fn main(index : i32) {
    let j = ${FLAT_WORKGROUP};
    let live = j < uniforms.N;  // false only in a folded dispatch's spare workgroups
    var s = 0.0;
    for (var i = i32(localId.x); live && i < uniforms.M; i += ${REDUCE_THREADS}) {
      let at = i * uniforms.N + j;
      s += ${relu ? 'select(0.0, Dy[at], Y[at] > 0.0)' : 'Dy[at]'};
    }
    let total = reduce(s);
    if (localId.x == 0u && live) {
      result[j] = total;
    }
  }`,
  };
}
