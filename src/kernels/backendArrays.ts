// Float32 views of tensor data on the two CPU-side tfjs backends, without copies: the wasm
// backend keeps tensors in its heap, the cpu backend in JavaScript typed arrays. These are
// the only places that reach into backend internals; both are stable across tfjs 4.x.
import type { KernelBackend, TensorInfo } from '@tensorflow/tfjs-core';

export const CPU_SIDE_BACKENDS = ['wasm', 'cpu'] as const;

interface WasmBackendLike {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array;
}
interface CpuBackendLike {
  data: { get(id: unknown): { values?: unknown } };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
}

export interface BackendArrays {
  read(t: TensorInfo): Float32Array;
  /** A new output tensor and a view to fill it through. Take input views after this: the wasm heap may grow. */
  output(shape: number[]): { info: TensorInfo; view: Float32Array };
}

export function backendArrays(backendName: string, backend: KernelBackend): BackendArrays {
  const need32 = (t: TensorInfo) => {
    if (t.dtype !== 'float32') throw new Error(`Fast kernels take float32 tensors, not ${t.dtype}.`);
  };
  if (backendName === 'wasm') {
    const b = backend as unknown as WasmBackendLike;
    return {
      read: (t) => (need32(t), b.typedArrayFromHeap(t)),
      output: (shape) => {
        const info = b.makeOutput(shape, 'float32');
        return { info, view: b.typedArrayFromHeap(info) };
      },
    };
  }
  const b = backend as unknown as CpuBackendLike;
  return {
    read: (t) => {
      need32(t);
      const v = b.data.get(t.dataId).values;
      if (v instanceof Float32Array) return v;
      // Some cpu kernels (a cast from bool, for one) leave float32 tensors in other typed arrays.
      if (ArrayBuffer.isView(v)) return Float32Array.from(v as unknown as ArrayLike<number>);
      throw new Error('Fast kernels need float32 data on the cpu backend.');
    },
    output: (shape) => {
      const view = new Float32Array(shape.reduce((a, b) => a * b, 1));
      return { info: b.makeTensorInfo(shape, 'float32', view), view };
    },
  };
}
