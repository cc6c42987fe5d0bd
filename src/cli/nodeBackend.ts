// Backends for Node (CLI, tests, bench). tfjs-node needs a native download that this kind
// of machine cannot make, so the fast path in Node is the wasm backend loaded from disk.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { enableKernels } from '../kernels/enableKernels';
import { enableRelaxedSimd } from '../kernels/nodeWasmFeatures';
import { withKernelsNote } from '../kernels/tfjsKernels';
import type { BackendInfo, BackendName } from '../training/protocol';
import { calibrateBackends } from '../training/calibrate';
import type { BackendChooser } from '../training/run';

// PROD silences tfjs's "install tfjs-node" banner (that native build cannot be fetched here)
// and skips debug-only checks.
tf.env().set('PROD', true);

function wasmDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep;
}

/** This project's products and Adam on every core; both Node backends use them. */
// Relaxed SIMD (fused multiply-add, ~25 % faster products) is behind a flag in Node 20's V8;
// it must be on before the kernels are compiled.
const kernels = () => (enableRelaxedSimd(), enableKernels(os.availableParallelism()));

/** Switches to a Node backend by name; false when it cannot start here. */
export async function setNodeBackend(name: BackendName): Promise<boolean> {
  await kernels();
  if (name === 'wasm') setWasmPaths(wasmDir());
  if (name !== 'wasm' && name !== 'cpu') return false;
  try {
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}

/** `auto`: measure wasm and cpu on the model itself once the data is loaded. */
export function nodeBackendChooser(preferred: BackendName | 'auto'): BackendChooser {
  return async ({ doc, train, control }) => {
    if (preferred !== 'auto') return useNodeBackend(preferred);
    const c = await calibrateBackends({ doc, train, candidates: ['wasm', 'cpu'], setBackend: setNodeBackend, shouldStop: () => !!control?.stopped });
    return { name: c.chosen, reason: withKernelsNote(c.chosen, c.reason).reason };
  };
}

export async function useNodeBackend(preferred?: BackendName): Promise<BackendInfo> {
  const want = preferred ?? 'wasm';
  const threads = await kernels();
  if (want === 'wasm') {
    setWasmPaths(wasmDir());
    try {
      if (await tf.setBackend('wasm')) return { name: 'wasm', reason: withKernelsNote('wasm', 'wasm (SIMD) in Node').reason, threads: threads || 1 };
    } catch {
      /* fall through to cpu */
    }
  } else if (want !== 'cpu') {
    throw new Error(`The ${want} backend is only available in the browser; use wasm or cpu here.`);
  }
  await tf.setBackend('cpu');
  return { name: 'cpu', reason: withKernelsNote('cpu', want === 'cpu' ? 'cpu, as requested' : 'cpu: the wasm backend could not start').reason };
}
