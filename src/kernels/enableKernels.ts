// Starts this project's CPU kernels: compiles the WebAssembly once, starts the threads,
// registers the tfjs kernels. Idempotent; hosts call it before choosing a backend.
import { compileKernels } from './wasmKernels';
import { KernelPool } from './kernelPool';
import { kernelsReady, kernelThreads, registerKernels } from './tfjsKernels';
import { shareIdentityOnWasm } from './wasmIdentity';

let starting: Promise<number> | undefined;

/**
 * `threads`: how many threads may compute a product, this one included — the host's
 * logical cores (navigator.hardwareConcurrency, os.availableParallelism()).
 * Resolves to the number actually running, 0 when the kernels cannot run here: they need
 * shared WebAssembly memory (in a browser, a cross-origin-isolated page), and without them
 * every op falls back to stock tfjs.
 */
export function enableKernels(threads: number): Promise<number> {
  starting ??= (async () => {
    try {
      const module = await compileKernels();
      registerKernels(await KernelPool.create(module, Math.max(1, Math.floor(threads))));
      shareIdentityOnWasm(() => kernelsReady('wasm'));
      return kernelThreads();
    } catch {
      return 0;
    }
  })();
  return starting;
}
