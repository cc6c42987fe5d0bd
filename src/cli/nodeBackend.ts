// Backends for Node (CLI, tests, bench). tfjs-node needs a native download that this kind
// of machine cannot make, so the fast path in Node is the wasm backend loaded from disk.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { BackendInfo, BackendName } from '../training/protocol';

export async function useNodeBackend(preferred?: BackendName): Promise<BackendInfo> {
  const want = preferred ?? 'wasm';
  if (want === 'wasm') {
    const require = createRequire(import.meta.url);
    setWasmPaths(path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep);
    try {
      if (await tf.setBackend('wasm')) return { name: 'wasm', reason: 'wasm (SIMD) in Node: the fastest backend available without a GPU' };
    } catch {
      /* fall through to cpu */
    }
  } else if (want !== 'cpu') {
    throw new Error(`The ${want} backend is only available in the browser; use wasm or cpu here.`);
  }
  await tf.setBackend('cpu');
  return { name: 'cpu', reason: want === 'cpu' ? 'cpu, as requested' : 'cpu: the wasm backend could not start' };
}
