// The small slice of @tensorflow/tfjs-backend-webgpu these kernels use, declared here so that
// nothing in this folder imports that package at run time: Node (the CLI, the tests) never
// loads it, and only the browser worker registers these kernels (browserBackends.ts).
// The shape of a program is the backend's own WebGPUProgram (dist/webgpu_program.d.ts):
// the backend prepends the bindings (`result`, one storage array per variable name,
// `uniforms`), then calls our `main` from its `_start` entry point.
import type { DataType, TensorInfo } from '@tensorflow/tfjs-core';

export interface WebGPUProgram {
  outputShape: number[];
  /** Cache key of the compiled pipeline; the backend appends ranks and dtypes of the inputs. */
  shaderKey: string;
  dispatchLayout: { x: number[]; y?: number[]; z?: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  variableNames: string[];
  /** Extra uniform fields, WGSL struct syntax ("M : i32, N : i32,"). */
  uniforms?: string;
  /** Adds `uniforms.size` (the output's element count). */
  size?: boolean;
  getUserCode(): string;
}

export interface UniformData {
  type: 'int32' | 'float32' | 'uint32';
  data: number[];
}

export interface WebGPUBackendLike {
  runWebGPUProgram(program: WebGPUProgram, inputs: TensorInfo[], outputDtype: DataType, uniformData?: UniformData[]): TensorInfo;
}

let dispatches = 0;

/**
 * Runs one of this folder's programs and counts it: the browser check asserts the count
 * grew, so a check that silently ran stock tfjs cannot pass.
 */
export function runProgram(backend: unknown, program: WebGPUProgram, inputs: TensorInfo[], uniformData?: UniformData[]): TensorInfo {
  for (const t of inputs) if (t.dtype !== 'float32') throw new Error(`The WebGPU kernels take float32 tensors, not ${t.dtype}.`);
  dispatches++;
  return (backend as WebGPUBackendLike).runWebGPUProgram(program, inputs, 'float32', uniformData);
}

/** Programs of this folder run so far (every dispatch, all kernels). */
export function webgpuKernelDispatches(): number {
  return dispatches;
}

/** Workgroups for `n` items, `per` at a time. */
export const groups = (n: number, per: number) => Math.max(1, Math.ceil(n / per));

/**
 * A flat program's workgroup index, valid also when the backend folds a long dispatch into
 * two or three dimensions (reshapeDispatch, past 65,535 workgroups in x: a held-out IWAE
 * with K = 5,000 has 640,000 rows). The fold rounds up, so the last workgroups may lie past
 * the end: programs indexing by workgroup must check their index.
 */
export const FLAT_WORKGROUP = 'i32((workgroupId.z * numWorkgroups.y + workgroupId.y) * numWorkgroups.x + workgroupId.x)';
