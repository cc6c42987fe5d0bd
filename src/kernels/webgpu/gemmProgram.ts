// GEMM in WGSL: C = op(A)·op(B) [+ bias] [then relu], op = transpose when asked.
// Each workgroup of 8×8 threads owns a 32×32 tile of C and walks K in steps of 32, staging
// a 32×32 tile of op(A) and of op(B) in workgroup memory (8 KiB of the 16 KiB WebGPU
// guarantees), so each input element is read from storage once per tile instead of once
// per output. Each thread keeps a 4×4 block of C in registers; its rows and columns are
// strided by 8 so neighbouring threads read neighbouring shared-memory words. Ragged edges
// load zeros and skip the stores. The transposes are compile-time (part of the shader key):
// they only change how a tile is loaded — the loads always walk the contiguous axis of the
// stored matrix across neighbouring threads — and bias and relu are fused into the store.
import type { WebGPUProgram } from './program';
import { groups } from './program';

const TILE = 32;
const THREADS = 8;
const PER = TILE / THREADS; // 4 rows × 4 columns per thread

export interface GemmShape {
  M: number;
  N: number;
  K: number;
  transposeA: boolean;
  transposeB: boolean;
  relu: boolean;
  bias: boolean;
}

/**
 * A tile of op(A) [M, K] or op(B) [K, N] into `dest`[k][outer index] (outer: M or N). `kMajor`:
 * the stored matrix is [K, outer] (A transposed, B as given), else [outer, K] (A as given, B
 * transposed). The tile's 1024 elements are spread over the 64 threads with the stored
 * matrix's last axis fastest, so neighbouring threads read neighbouring words.
 */
function tileLoad(name: string, dest: string, kMajor: boolean, outer: 'M' | 'N') {
  return `
    for (var e = 0; e < ${(TILE * TILE) / (THREADS * THREADS)}; e++) {
      let f = tid + e * ${THREADS * THREADS};
      let slow = f / ${TILE};
      let fast = f % ${TILE};
      // (slow, fast) in stored order; map to (o = outer index, kk = index along K).
      let o = ${kMajor ? 'fast' : 'slow'};
      let kk = ${kMajor ? 'slow' : 'fast'};
      let go = ${outer}0 + o;
      let gk = k0 + kk;
      var v = 0.0;
      if (go < uniforms.${outer} && gk < uniforms.K) {
        v = ${name}[${kMajor ? `gk * uniforms.${outer} + go` : `go * uniforms.K + gk`}];
      }
      ${dest}[kk][o] = v;
    }`;
}

export function gemmProgram(s: GemmShape): WebGPUProgram {
  const { transposeA, transposeB, relu, bias } = s;
  return {
    outputShape: [s.M, s.N],
    shaderKey: `latentCanvasGemm_${+transposeA}${+transposeB}${+relu}${+bias}`,
    dispatchLayout: { x: [1], y: [0] },
    dispatch: [groups(s.N, TILE), groups(s.M, TILE), 1],
    workgroupSize: [THREADS, THREADS, 1],
    variableNames: bias ? ['A', 'B', 'Bias'] : ['A', 'B'],
    uniforms: 'M : i32, N : i32, K : i32,',
    getUserCode: () => `
  // Tiles indexed [k][row] and [k][column]: the inner loop reads one row of each.
  var<workgroup> tileA : array<array<f32, ${TILE}>, ${TILE}>;
  var<workgroup> tileB : array<array<f32, ${TILE}>, ${TILE}>;

  fn main() {
    let tx = i32(localId.x);
    let ty = i32(localId.y);
    let tid = ty * ${THREADS} + tx;
    let M0 = i32(workgroupId.y) * ${TILE};
    let N0 = i32(workgroupId.x) * ${TILE};
    var acc : array<array<f32, ${PER}>, ${PER}>;
    for (var k0 = 0; k0 < uniforms.K; k0 += ${TILE}) {
      ${tileLoad('A', 'tileA', transposeA, 'M')}
      ${tileLoad('B', 'tileB', !transposeB, 'N')}
      workgroupBarrier();
      for (var kk = 0; kk < ${TILE}; kk++) {
        var a : array<f32, ${PER}>;
        var b : array<f32, ${PER}>;
        for (var i = 0; i < ${PER}; i++) {
          a[i] = tileA[kk][ty + i * ${THREADS}];
          b[i] = tileB[kk][tx + i * ${THREADS}];
        }
        for (var i = 0; i < ${PER}; i++) {
          for (var j = 0; j < ${PER}; j++) {
            acc[i][j] = fma(a[i], b[j], acc[i][j]);
          }
        }
      }
      workgroupBarrier();
    }
    for (var i = 0; i < ${PER}; i++) {
      let r = M0 + ty + i * ${THREADS};
      if (r >= uniforms.M) { break; }
      for (var j = 0; j < ${PER}; j++) {
        let c = N0 + tx + j * ${THREADS};
        if (c < uniforms.N) {
          var v = acc[i][j]${bias ? ' + Bias[c]' : ''};
          ${relu ? 'v = max(v, 0.0);' : ''}
          result[r * uniforms.N + c] = v;
        }
      }
    }
  }`,
  };
}
