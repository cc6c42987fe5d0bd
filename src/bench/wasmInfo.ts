// What the wasm backend actually runs with (threads, SIMD), for the benchmark's tables.
import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';

export async function describeBackend(name: string): Promise<string | undefined> {
  if (name !== 'wasm') return undefined;
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const mt = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  const threads = mt ? getThreadsCount() : 1;
  // tfjs-backend-wasm caps XNNPACK's pool at half the logical cores, whatever is asked.
  return `${threads} thread${threads === 1 ? '' : 's'}${simd ? ', SIMD' : ''}${mt ? '' : ', no wasm threads here'}`;
}
