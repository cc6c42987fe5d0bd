// What each backend actually runs with, for the benchmark's tables: tfjs's own wasm threads
// and SIMD (the stock path), and this project's kernel threads (its own path).
import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { kernelsReady, kernelThreads } from '../kernels/tfjsKernels';
import { kernelsVariant } from '../kernels/wasmKernels';

export async function describeBackend(name: string): Promise<string | undefined> {
  const ours = kernelsReady(name) ? `ours: ${kernelThreads()} kernel thread${kernelThreads() === 1 ? '' : 's'}${kernelsVariant() === 'relaxed-simd' ? ', FMA' : ''}` : undefined;
  if (name !== 'wasm') return ours;
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const mt = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  const threads = mt ? getThreadsCount() : 1;
  // tfjs-backend-wasm caps XNNPACK's pool at half the logical cores, whatever is asked.
  const stock = `stock: ${threads} thread${threads === 1 ? '' : 's'}${simd ? ', SIMD' : ''}`;
  return ours ? `${stock}; ${ours}` : stock;
}
